"""End-to-end tests of `qingdan check` on the example directives and village profiles."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import QINGPU, ROOT, shell_fingerprint

DIRECTIVES = ROOT / "examples" / "directives"
VILLAGES = ROOT / "examples" / "villages" / "qingpu.csv"


def check(run, *args):
    return run("check", *args, "--rules", str(QINGPU), "--villages", str(VILLAGES))


def codes(document: dict) -> set:
    return {finding["code"] for finding in document["findings"]}


@pytest.mark.parametrize(
    "directive, verdict, expected",
    [
        ("lockdown-2022.yaml", "reject",
         {"QD001", "QD002", "QD003", "QD004", "QD005", "QD008", "QD010", "QD011", "QD013"}),
        ("county-routine-2025.yaml", "reject",
         {"QD001", "QD002", "QD007", "QD008", "QD011", "QD013"}),
        ("recalled-item-2025.yaml", "reject",
         {"QD001", "QD002", "QD004", "QD007", "QD010", "QD011", "QD013"}),
        ("social-assistance-2025.yaml", "pass", set()),
    ],
)
def test_example_directives_get_their_verdicts(run, directive, verdict, expected):
    result = check(run, str(DIRECTIVES / directive), "--json")
    assert result.returncode == (0 if verdict == "pass" else 1), result.stderr
    document = json.loads(result.stdout)
    assert document["verdict"] == verdict
    assert codes(document) == expected
    assert document["fingerprint"] == shell_fingerprint(QINGPU)
    assert document["villages"]["checked"] == 68


def test_lockdown_findings_name_the_items_and_entries(run):
    document = json.loads(check(run, str(DIRECTIVES / "lockdown-2022.yaml"), "--json").stdout)
    by_code = {}
    for finding in document["findings"]:
        by_code.setdefault(finding["code"], finding)
    forbidden = by_code["QD001"]
    assert forbidden["item"]["item"] == 7
    assert forbidden["task"]["id"] == "GD-02"
    assert [entry["id"] for entry in forbidden["entries"]] == ["N-04"]
    duplicate = by_code["QD008"]
    assert duplicate["item"]["item"] == 4
    assert [(form["item"], form["form"]) for form in duplicate["forms"]] == [
        (3, "重点人员日报表（卫健）"), (4, "重点人员登记表（派出所）")]
    assert (duplicate["forms"][1]["shared"], duplicate["forms"][1]["together"]) == (4, 6)
    assert duplicate["forms"][1]["jaccard"] == pytest.approx(2 / 3)
    assert "Jaccard 0.6667" in duplicate["message"]


def many_forms_of_one_name(folder: Path, count: int) -> Path:
    """A directive that keeps to the lists, with `count` items whose forms share a name."""
    directive = folder / f"forms-{count}.yaml"
    items = "".join(
        "  - {task: 低保入户调查、民主评议和公示, frequency: quarterly, effort_hours: 1, funding: true, "
        f"approved: true, form: {{name: 日报表, fields: [姓名, 字段{i}]}}}}\n" for i in range(count))
    directive.write_text("qingdan: 1\nkind: directive\nid: D-1\nissued: 2025-02-20\n"
                         "jurisdiction: 上海市/青浦区\nitems:\n" + items, encoding="utf-8")
    return directive


def test_forms_of_one_name_are_one_finding_whose_size_is_linear(cli, tmp_path):
    # One finding per pair gave 246 MB of JSON and 1.7 GB of memory for 1,000 such forms, and
    # ran out of memory for 2,000.
    sizes = {}
    for count in (1000, 2000):
        directive = many_forms_of_one_name(tmp_path, count)
        # A fresh Python runs the check, so that its peak memory is the check's alone.
        measure = (
            "import resource, subprocess, sys\n"
            "out = subprocess.run(sys.argv[1:], capture_output=True).stdout\n"
            "sys.stdout.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) + '\\n')\n"
            "sys.stdout.buffer.write(out)\n")
        result = subprocess.run(
            [sys.executable, "-c", measure, cli, "check", str(directive), "--rules", str(QINGPU),
             "--json"], capture_output=True, timeout=120, check=True)
        peak_kib, output = result.stdout.split(b"\n", 1)
        assert int(peak_kib) < 300 * 1024, f"{count} forms: {int(peak_kib) // 1024} MiB"
        document = json.loads(output)
        assert [finding["code"] for finding in document["findings"]] == ["QD008"]
        assert len(document["findings"][0]["forms"]) == count
        assert len(output) < 1000 * count
        sizes[count] = len(output)
    assert sizes[2000] < 2.2 * sizes[1000]


def test_text_report_groups_items_and_ends_with_the_verdict(run):
    result = check(run, str(DIRECTIVES / "recalled-item-2025.yaml"))
    assert result.returncode == 1
    text = result.stdout
    assert text.startswith("QP-SJ-2025-007 关于开展特种设备和燃气安全隐患排查整治的通知\n")
    assert "  item 1 特种设备安全隐患排查 (line 12)\n    error QD001 forbidden: town (街镇) must not be given TS-01" in text
    assert "villages (load for 2025-06): 68 checked," in text
    assert text.rstrip().splitlines()[-1].startswith("verdict: reject (")


def test_directives_checked_together_add_up(run):
    alone = json.loads(check(run, str(DIRECTIVES / "social-assistance-2025.yaml"), "--json").stdout)
    together = json.loads(check(run, str(DIRECTIVES / "social-assistance-2025.yaml"),
                                str(DIRECTIVES / "county-routine-2025.yaml"), "--json").stdout)
    assert len(together["directives"]) == 2
    assert together["villages"]["near_capacity"] + together["villages"]["overloaded"] > \
        alone["villages"]["near_capacity"] + alone["villages"]["overloaded"]


def test_warn_at_moves_the_warning_line(run):
    default = json.loads(check(run, str(DIRECTIVES / "social-assistance-2025.yaml"), "--json").stdout)
    lower = json.loads(check(run, str(DIRECTIVES / "social-assistance-2025.yaml"), "--json",
                             "--warn-at", "0.7").stdout)
    assert default["villages"]["near_capacity"] == 0
    assert lower["villages"]["near_capacity"] > 0
    assert lower["villages"]["warn_at"] == 0.7
    assert run("check", str(DIRECTIVES / "social-assistance-2025.yaml"), "--rules", str(QINGPU),
               "--warn-at", "much").returncode == 2


def test_check_without_villages_judges_items_only(run):
    result = run("check", str(DIRECTIVES / "county-routine-2025.yaml"), "--rules", str(QINGPU), "--json")
    document = json.loads(result.stdout)
    assert document["villages"]["profiles_given"] is False
    assert "QD010" not in codes(document) and "QD001" in codes(document)


def test_bad_directive_or_villages_is_bad_input(run, tmp_path):
    directive = tmp_path / "d.yaml"
    directive.write_text("qingdan: 1\nkind: directive\nid: D\nissued: 2025-01-01\nitems:\n"
                         "  - {task: HS-01, frequency: fortnightly, effort_hours: 1}\n", encoding="utf-8")
    result = run("check", str(directive), "--rules", str(QINGPU))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{directive}:6:30: error: 'frequency' must be one of")
    villages = tmp_path / "v.csv"
    villages.write_text("jurisdiction,staff\n上海市/青浦区/不存在镇/某村,3\n", encoding="utf-8")
    result = run("check", str(DIRECTIVES / "social-assistance-2025.yaml"), "--rules", str(QINGPU),
                 "--villages", str(villages))
    assert result.returncode == 2
    assert result.stderr == (f"{villages}:2: error: village 上海市/青浦区/不存在镇/某村: '上海市/青浦区/不存在镇' "
                             "is not a jurisdiction of the rulebook; the nearest known ancestor is "
                             "上海市/青浦区 [QV008]\n")


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    pytest.fail("the HTML report test needs Debian's chromium (apt-get install chromium)")


def rendered(report: Path, profile: Path) -> str:
    """The page's DOM once a headless browser has loaded it."""
    return subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--dump-dom", report.as_uri()],
        capture_output=True, text=True, timeout=120, check=True).stdout


def test_html_report_renders_in_a_real_browser(run, tmp_path):
    report = tmp_path / "report.html"
    result = check(run, str(DIRECTIVES / "lockdown-2022.yaml"), "--html", str(report), "--json")
    findings = len(json.loads(result.stdout)["findings"])
    dom = rendered(report, tmp_path / "profile")
    assert 'id="verdict" class="verdict reject"' in dom
    for chart in ("utilisation-histogram", "most-loaded", "item-hours"):
        assert f'<svg id="{chart}"' in dom
    assert dom.count('<tr class="finding ') == findings
    assert dom.count('<rect class="bar') >= 21 + 2 * 10 + 8
    assert 'class="warn-line"' in dom and 'class="capacity-line"' in dom


def test_html_report_runs_no_script_that_a_directive_brings(run, tmp_path):
    mark = "document.documentElement.setAttribute('data-injected', 'yes')"
    hostile = f'</script><script>{mark}</script><img src=x onerror="{mark}">'
    directive = tmp_path / "d.yaml"
    directive.write_text(
        f"qingdan: 1\nkind: directive\nid: {json.dumps(hostile)}\nissued: 2025-01-01\nitems:\n"
        "  - {task: 上传工作截图或视频作为评价依据, frequency: daily, effort_hours: 1}\n",
        encoding="utf-8")
    report = tmp_path / "report.html"
    result = check(run, str(directive), "--html", str(report))
    assert result.returncode == 1, result.stderr
    dom = rendered(report, tmp_path / "profile")
    assert '<tr class="finding ' in dom
    assert "data-injected" not in dom.replace("&#39;data-injected&#39;", "").replace(
        "'data-injected'", "")
    assert "<script" not in dom and "<img" not in dom
