"""End-to-end tests of `qingdan check` on the example directives and village profiles."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LOCALE_VARIABLES, QINGPU, ROOT, lines, shell_fingerprint

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
         {"QD001", "QD002", "QD004", "QD008", "QD010", "QD011", "QD013", "QD017"}),
        ("county-routine-2025.yaml", "reject",
         {"QD001", "QD002", "QD003", "QD007", "QD008", "QD011", "QD013"}),
        ("recalled-item-2025.yaml", "reject",
         {"QD001", "QD002", "QD003", "QD004", "QD007", "QD010", "QD011", "QD013"}),
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
    forbidden = [f for f in document["findings"] if f["code"] == "QD001"]
    # April 2022: screenshots as evaluation were already banned (the 2019 burden-reduction notice),
    # and so was making the village the subject of enforcement.
    assert [(f["item"]["item"], f["task"]["id"], [e["id"] for e in f["entries"]]) for f in forbidden] == [
        (6, "FD-02", ["N-03"]), (7, "GD-02", ["N-04"])]
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
        f"form: {{name: 日报表, fields: [姓名, 字段{i}]}}}}\n" for i in range(count))
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


WORKBOOKS = ROOT / "tests" / "data" / "villages"


def without_file_names(document):
    """The document with every "file" key left out, at any depth."""
    if isinstance(document, dict):
        return {key: without_file_names(value) for key, value in document.items() if key != "file"}
    if isinstance(document, list):
        return [without_file_names(value) for value in document]
    return document


@pytest.mark.parametrize("directive", ["lockdown-2022.yaml", "county-routine-2025.yaml"])
def test_villages_from_an_xlsx_workbook_give_the_report_of_the_csv(run, directive):
    # qingpu.xlsx holds qingpu.csv under a Chinese header (make_workbooks.py).
    from_csv = check(run, str(DIRECTIVES / directive), "--json")
    from_workbook = run("check", str(DIRECTIVES / directive), "--rules", str(QINGPU),
                        "--villages", str(WORKBOOKS / "qingpu.xlsx"), "--json")
    assert from_workbook.returncode == from_csv.returncode == 1, from_workbook.stderr
    csv_document, workbook_document = json.loads(from_csv.stdout), json.loads(from_workbook.stdout)
    assert workbook_document["villages"]["checked"] == 68
    assert without_file_names(workbook_document) == without_file_names(csv_document)
    overloaded = [finding["village"] for finding in workbook_document["findings"] if finding["village"]]
    assert overloaded and all(village["file"].endswith("qingpu.xlsx") for village in overloaded)


def test_a_broken_workbook_is_bad_input_in_the_language_asked(run):
    result = run("check", str(DIRECTIVES / "lockdown-2022.yaml"), "--rules", str(QINGPU),
                 "--villages", str(WORKBOOKS / "bad-number.xlsx"))
    assert result.returncode == 2
    assert result.stderr.strip().endswith(
        "bad-number.xlsx:3: error: cell B3: '六百' is not a number (column 户数) [QV002]")
    result = run("check", str(DIRECTIVES / "lockdown-2022.yaml"), "--rules", str(QINGPU),
                 "--villages", str(WORKBOOKS / "truncated.xlsx"), "--lang", "zh", "--json")
    assert result.returncode == 2
    error = json.loads(result.stdout)["error"]
    assert (error["code"], error["message"]) == ("QV011", "工作簿已损坏或不完整：无法读取其 zip 压缩包")


def test_check_without_villages_judges_items_only(run):
    result = run("check", str(DIRECTIVES / "county-routine-2025.yaml"), "--rules", str(QINGPU), "--json")
    document = json.loads(result.stdout)
    assert document["villages"]["profiles_given"] is False
    assert "QD010" not in codes(document) and "QD001" in codes(document)


# A notice in officials' wording, read against the national template ------------------------------

NATIONAL = ROOT / "rules" / "national-village"
NOTICE = DIRECTIVES / "national" / "county-notice-2025.yaml"  # issued 2025-09-01; items 7 and 8 are `once`
NOTICE_VILLAGE = "全国/示例省/示例市/示例县/示例镇/示例村"


def check_notice(run, *args):
    return run("check", str(NOTICE), "--rules", str(NATIONAL), *args)


def codes_by_item(document: dict) -> dict:
    found = {}
    for finding in document["findings"]:
        found.setdefault(finding["item"]["item"], []).append(finding["code"])
    return found


def test_a_notice_in_officials_wording_is_judged_as_each_item_is_read(run):
    result = check_notice(run, "--json")
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    assert document["verdict"] == "reject"
    assert (document["errors"], document["warnings"]) == (7, 4)
    assert codes_by_item(document) == {
        1: ["QD001"], 2: ["QD001"], 3: ["QD001"], 4: ["QD001"],
        5: ["QD012"], 6: ["QD012"], 7: ["QD012"],
        8: ["QD004", "QD013"], 10: ["QD014"], 11: ["QD003"]}
    tasks = {(f["code"], f["item"]["item"]): f["task"] and f["task"]["id"] for f in document["findings"]}
    assert [tasks["QD001", item] for item in (1, 2, 3, 4)] == ["ZM-14", "ZM-02", "BY-01", "BY-06"]
    assert [tasks["QD012", item] for item in (5, 6, 7)] == ["BY-02", "BY-03", "BY-04"]
    assert (tasks["QD013", 8], tasks["QD014", 10], tasks["QD003", 11]) == ("XZ-06", "LZ-04", None)
    for finding in document["findings"]:
        if finding["code"] == "QD012":
            assert finding["suggestions"][0]["id"] == finding["task"]["id"]
            assert [entry["list"] for entry in finding["entries"]] == ["negative"]
            assert f"the issuer should name the task the item means, or a reviewer confirm it is not " \
                   f"{finding['task']['id']}" in finding["message"]


def test_each_item_of_the_report_carries_its_reading(run):
    items = json.loads(check_notice(run, "--json").stdout)["items"]
    assert [item["item"] for item in items] == list(range(1, 12))
    assert [item["reading"]["status"] for item in items] == [
        "read_as", "read_as", "read_as", "read_as", "candidates", "candidates", "candidates",
        "read_as", "read_as", "read_as", "candidates"]
    ninth = items[8]
    assert ninth["task"] == "各村于每季度末召开村民代表会议"
    assert ninth["reading"]["text"] == ninth["task"]
    assert ninth["reading"]["task"]["id"] == "LZ-01"
    assert ninth["reading"]["candidates"][0]["task"]["id"] == "LZ-01"
    assert items[0]["reading"]["candidates"][0]["synonyms"] == []  # 出具 is the catalogue's word (民发〔2020〕20号)
    assert items[1]["reading"]["candidates"][0]["synonyms"] == ["开具→出具", "无违法犯罪记录→无犯罪记录"]
    assert items[4]["reading"]["task"] is None and items[4]["reading"]["confidence"] is None


def test_an_item_asking_no_more_than_the_statutory_rhythm_has_no_finding(run):
    result = check_notice(run)
    text = result.stdout
    ninth = text[text.index("  item 9 "):text.index("  item 10 ")]
    assert lines(ninth) == [
        "item 9 各村于每季度末召开村民代表会议 (line 36)",
        "    '各村于每季度末召开村民代表会议' read as LZ-01 召开村民会议、村民代表会议 (confidence 0.79: the text "
        "shares rare character pairs with its name '召开村民会议、村民代表会议')"]
    assert "the law sets it quarterly" in text[text.index("  item 10 "):]


def test_the_readme_shows_what_the_notice_check_prints(cli):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "qingdan check examples/directives/national/county-notice-2025.yaml --rules rules/national-village\n"
    shown = readme[readme.index("```\n", readme.index(command)) + 4:]
    shown = shown[shown.index("```\n") + 4:]
    shown = shown[:shown.index("```")]
    env = {name: value for name, value in os.environ.items() if name not in LOCALE_VARIABLES}
    # From the repository's root, as the README runs it, so that the report names the file alike.
    printed = subprocess.run([cli, *command.split()[1:]], cwd=ROOT, capture_output=True, text=True,
                             timeout=60, env=env)
    assert printed.stdout == shown


def test_exact_matches_names_as_written_so_every_item_is_unlisted(run):
    result = check_notice(run, "--exact", "--json")
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    assert document["verdict"] == "review"
    assert codes_by_item(document) == {item: ["QD003"] for item in range(1, 12)}
    assert {item["reading"]["status"] for item in document["items"]} == {"candidates"}
    assert all(item["reading"]["task"] is None for item in document["items"])
    text = check_notice(run, "--exact").stdout
    assert text.rstrip().splitlines()[-1] == "verdict: review (0 errors, 11 warnings)"


def test_exact_still_takes_an_item_that_names_its_task(run, tmp_path):
    directive = tmp_path / "d.yaml"
    directive.write_text("qingdan: 1\nkind: directive\nid: D-1\nissued: 2025-09-01\njurisdiction: 示例村\n"
                         "items:\n  - {task: 开具婚育状况证明, frequency: once, effort_hours: 1}\n"
                         "  - {task: ZM-02, frequency: once, effort_hours: 1}\n", encoding="utf-8")
    document = json.loads(run("check", str(directive), "--rules", str(NATIONAL), "--exact", "--json").stdout)
    assert codes_by_item(document) == {1: ["QD001"], 2: ["QD001"]}
    assert [item["reading"]["status"] for item in document["items"]] == ["exact", "exact"]


def per_month(document: dict) -> list:
    return [round(item["per_month"], 6) for item in document["items"]]


NOTICE_PER_MONTH = [round(rate, 6) for rate in (52 / 12, 1, 1, 52 / 12, 1, 1 / 12, 1, 1, 1 / 3, 1, 1 / 12)]


def test_the_month_added_up_is_that_of_the_latest_issued_by_default(run):
    document = json.loads(check_notice(run, "--json").stdout)
    assert document["month"] == "2025-09"
    assert per_month(document) == NOTICE_PER_MONTH


def test_a_once_item_counts_only_in_the_month_its_directive_is_issued(run):
    october = json.loads(check_notice(run, "--json", "--month", "2025-10").stdout)
    assert october["month"] == "2025-10"
    expected = list(NOTICE_PER_MONTH)
    expected[6] = expected[7] = 0  # items 7 and 8, once
    assert per_month(october) == expected
    a_year_on = json.loads(check_notice(run, "--json", "--month", "2026-09").stdout)
    assert per_month(a_year_on) == expected
    assert json.loads(check_notice(run, "--json", "--month", "2025-09").stdout)["month"] == "2025-09"


def test_nothing_counts_in_a_month_before_the_directive_is_issued(run):
    august = json.loads(check_notice(run, "--json", "--month", "2025-08").stdout)
    assert august["month"] == "2025-08"
    assert per_month(august) == [0] * 11
    assert august["verdict"] == "reject"  # the findings do not depend on the month


def test_the_month_decides_the_hours_a_village_is_given(run, tmp_path):
    villages = tmp_path / "v.csv"
    villages.write_text(f"jurisdiction,staff,baseline_hours\n{NOTICE_VILLAGE},2,0\n", encoding="utf-8")
    added = {}
    for month in ("2025-08", "2025-09", "2025-10"):
        document = json.loads(check_notice(run, "--villages", str(villages), "--json", "--month", month).stdout)
        added[month] = document["villages"]["most_loaded"][0]["added"]
        assert sum(item["total_hours"] for item in document["items"]) == pytest.approx(added[month])
    assert added["2025-08"] == 0
    assert added["2025-09"] - added["2025-10"] == pytest.approx(3 + 40)  # items 7 and 8, once
    text = check_notice(run, "--villages", str(villages), "--month", "2025-10").stdout
    assert "villages (load for 2025-10): 1 checked," in text


def test_directives_checked_together_add_up_the_month_of_the_latest(run, tmp_path):
    later = tmp_path / "later.yaml"
    later.write_text("qingdan: 1\nkind: directive\nid: D-11\nissued: 2025-11-03\njurisdiction: 示例村\n"
                     "items:\n  - {task: 人口普查入户登记, frequency: once, effort_hours: 5}\n", encoding="utf-8")
    document = json.loads(run("check", str(NOTICE), str(later), "--rules", str(NATIONAL), "--json").stdout)
    assert document["month"] == "2025-11"
    rates = per_month(document)
    assert rates[6:8] == [0, 0]  # the notice's once items, issued in September
    assert rates[11] == 1  # the later directive's once item, in its own month


@pytest.mark.parametrize("month", ["2025-13", "2025-1", "abc", "2025-00", "2025-09-01", " 2025-09"])
def test_a_bad_month_is_bad_input_in_either_language(run, month):
    result = check_notice(run, f"--month={month}")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"error: bad month '{month}' for --month: expected YYYY-MM [QU001]\n"
    chinese = check_notice(run, f"--month={month}", "--lang", "zh")
    assert chinese.returncode == 2
    assert f"--month 的月份 '{month}' 有误：应为 YYYY-MM 格式 [QU001]" in chinese.stderr


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


def test_a_village_csv_in_chinese_reads_as_its_english_twin(run, tmp_path):
    english = VILLAGES.read_text(encoding="utf-8").splitlines(keepends=True)
    names = {"jurisdiction": "村居", "households": "户数", "population": "人口", "staff": "工作人员",
             "hours_per_month": "月工时", "baseline_hours": "基线工时", "note": "备注"}
    chinese = tmp_path / "村居概况.csv"
    chinese.write_text(",".join(names[name] for name in english[0].strip().split(",")) + "\n"
                       + "".join(english[1:]), encoding="utf-8")
    directive = str(DIRECTIVES / "lockdown-2022.yaml")
    expected = json.loads(check(run, directive, "--json").stdout)["villages"]
    got = run("check", directive, "--rules", str(QINGPU), "--villages", str(chinese), "--json")
    for village in expected["most_loaded"]:
        village["file"] = str(chinese)
    assert json.loads(got.stdout)["villages"] == expected


def test_a_village_csv_saved_as_gbk_is_named_as_such(run, tmp_path):
    villages = tmp_path / "v.csv"
    villages.write_bytes("村居,户数,工作人员\n上海市/青浦区/练塘镇/徐练村,621,7\n".encode("gbk"))
    args = ["check", str(DIRECTIVES / "social-assistance-2025.yaml"), "--rules", str(QINGPU),
            "--villages", str(villages)]
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr == (f"{villages}:1:1: error: the file is not UTF-8 (byte 0xB4); it looks like GBK "
                             "(GB18030) — save it as UTF-8 (Excel: 另存为 CSV UTF-8) [QL003]\n")
    chinese = run(*args, "--lang", "zh")
    assert chinese.stderr == (f"{villages}:1:1: 错误：文件不是 UTF-8 编码（字节 0xB4），看起来是 GBK（GB18030）"
                              "——请另存为 UTF-8（Excel：另存为 CSV UTF-8） [QL003]\n")
    mixed = tmp_path / "mixed.csv"
    mixed.write_text("村居,households\n上海市/青浦区/练塘镇/徐练村,621\n", encoding="utf-8")
    args[-1] = str(mixed)
    assert run(*args).stderr == (f"{mixed}:1: error: the header mixes English and Chinese column names: "
                                 "'村居' (column 1) and 'households' (column 2); name every column in one "
                                 "language [QV001]\n")


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
