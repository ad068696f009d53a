"""Numbers from files and options: NaN, infinity and absurd figures are refused where they are
given, and every JSON document is strict JSON (no NaN, no Infinity) whatever the figures."""

from __future__ import annotations

import json

import pytest

from conftest import QINGPU, ROOT

DIRECTIVES = ROOT / "examples" / "directives"
VILLAGES = ROOT / "examples" / "villages" / "qingpu.csv"
ROUTINE = DIRECTIVES / "social-assistance-2025.yaml"


def strict_json(text: str):
    """json.loads, refusing the NaN, Infinity and -Infinity that Python would otherwise accept."""

    def refuse(constant: str):
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def directive(tmp_path, item: str):
    path = tmp_path / "d.yaml"
    path.write_text("qingdan: 1\nkind: directive\nid: D\nissued: 2025-01-01\nitems:\n"
                    f"  - {{task: HS-01, {item}}}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("item, message", [
    ("frequency: daily, effort_hours: 1e308", ":6:51: error: 'effort_hours' must be at most 10000, found 1e308 [QL100]"),
    ("frequency: daily, effort_hours: .inf", ":6:51: error: 'effort_hours' must be a number, found text '.inf' [QL100]"),
    ("frequency: daily, effort_hours: nan", ":6:51: error: 'effort_hours' must be a number, found text 'nan' [QL100]"),
    ("frequency: {times: 1e300, per: day}, effort_hours: 1",
     ":6:38: error: 'times' must be at most 10000, found 1e300 [QL100]"),
])
def test_absurd_figures_in_a_directive_are_refused_where_written(run, tmp_path, item, message):
    path = directive(tmp_path, item)
    result = run("check", str(path), "--rules", str(QINGPU), "--villages", str(VILLAGES), "--json")
    assert result.returncode == 2
    assert result.stderr == f"{path}{message}\n"
    # --json: no report, the error as JSON, where it was found.
    error = strict_json(result.stdout)["error"]
    line, column, text = message.split(":", 3)[1:4]
    assert error == {"code": "QL100", "message": text.removeprefix(" error: ").removesuffix(" [QL100]"),
                     "file": str(path), "line": int(line), "column": int(column)}


@pytest.mark.parametrize("row, message", [
    ("1e308,1,", "'households' must be at most 1000000, found 1e+308 (village 上海市/青浦区/练塘镇/徐练村) [QV003]"),
    ("1,1e308,", "'staff' must be at most 100000, found 1e+308 (village 上海市/青浦区/练塘镇/徐练村) [QV003]"),
    ("1,1,1e308", "'hours_per_month' must be at most 100000000, found 1e+308 (village 上海市/青浦区/练塘镇/徐练村) [QV003]"),
    ("nan,1,", "'nan' is not a number (column households) [QV002]"),
    ("1,Infinity,", "'Infinity' is not a number (column staff) [QV002]"),
])
def test_absurd_figures_in_a_village_file_are_refused(run, tmp_path, row, message):
    villages = tmp_path / "v.csv"
    villages.write_text(f"jurisdiction,households,staff,hours_per_month\n上海市/青浦区/练塘镇/徐练村,{row}\n",
                        encoding="utf-8")
    result = run("check", str(ROUTINE), "--rules", str(QINGPU), "--villages", str(villages), "--json")
    assert result.returncode == 2
    assert result.stderr == f"{villages}:2: error: {message}\n"


def test_the_largest_figures_allowed_still_give_strict_json(run, tmp_path):
    path = directive(tmp_path, "frequency: {times: 10000, per: day}, effort_hours: 10000, per: person")
    villages = tmp_path / "v.csv"
    villages.write_text("jurisdiction,households,population,staff,hours_per_month,baseline_hours\n"
                        "上海市/青浦区/练塘镇/徐练村,1000000,10000000,1,,100000000\n"
                        "上海市/青浦区/练塘镇/东庄村,0,0,,0.000001,0\n", encoding="utf-8")
    result = run("check", str(path), "--rules", str(QINGPU), "--villages", str(villages), "--json")
    assert result.returncode == 1, result.stderr
    document = strict_json(result.stdout)
    assert document["villages"]["overloaded"] >= 1


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "-0.5", "11", "101%", "much", "%"])
def test_warn_at_must_be_a_share_from_0_to_1_or_a_percentage(run, value):
    result = run("check", str(ROUTINE), "--rules", str(QINGPU), "--villages", str(VILLAGES), "--json",
                 f"--warn-at={value}")
    assert result.returncode == 2
    assert strict_json(result.stdout)["error"]["code"] == "QU003"
    assert ("--warn-at must be a share from 0 to 1 or a percentage from 0% to 100%, found "
            f"{value}") in result.stderr
    assert result.stderr.rstrip().endswith("[QU003]")
    chinese = run("check", str(ROUTINE), "--rules", str(QINGPU), f"--warn-at={value}", "--lang", "zh")
    assert chinese.returncode == 2
    assert "--warn-at 必须是 0 到 1 之间的比例或 0% 到 100% 之间的百分数" in chinese.stderr


@pytest.mark.parametrize("value", ["nan", "inf", "-0.1", "1.5", "101%", "80 per cent"])
def test_min_coverage_must_be_a_share_or_a_percentage(run, value):
    result = run("test", str(QINGPU), f"--min-coverage={value}")
    assert result.returncode == 2
    assert ("--min-coverage must be a share from 0 to 1 or a percentage from 0% to 100%, found "
            in result.stderr)


@pytest.mark.parametrize("value", ["0.8", "80%", "80 %"])
def test_min_coverage_is_a_share_or_a_percentage(run, tmp_path, value):
    from conftest import make_rulebook
    folder = make_rulebook(tmp_path / "rules", {  # two entries, one applied by the tests: 50 %
        "neg.yaml": "qingdan: 1\nkind: list\nlist: negative\nversion: '1'\neffective: 2024-01-01\n"
                    "entries:\n  - {id: N-1, category: 证明事项}\n  - {id: N-2, task: HS-01}\n",
        "tests.yaml": "qingdan: 1\nkind: tests\ncases:\n"
                      "  - name: 证明不归村\n    task: ZM-01\n    at: 2024-06-01\n"
                      "    expect: {roles: {village: forbidden}}\n",
    })
    below = run("test", str(folder), f"--min-coverage={value}")
    assert below.returncode == 1, below.stderr
    assert "(50.0%), below the minimum of 80%" in below.stdout
    assert run("test", str(folder), f"--min-coverage={value.replace('8', '4')}").returncode == 0


def test_min_coverage_of_1_passes_a_fully_covered_run(run, tmp_path):
    from conftest import make_rulebook
    folder = make_rulebook(tmp_path / "rules", {
        "neg.yaml": "qingdan: 1\nkind: list\nlist: negative\nversion: '1'\neffective: 2024-01-01\n"
                    "entries:\n  - {id: N-1, category: 证明事项}\n",
        "tests.yaml": "qingdan: 1\nkind: tests\ncases:\n"
                      "  - name: 证明不归村\n    task: ZM-01\n    at: 2024-06-01\n"
                      "    expect: {roles: {village: forbidden}}\n",
    })
    assert run("test", str(folder), "--min-coverage", "1").returncode == 0
    assert run("test", str(folder), "--min-coverage", "nan").returncode == 2


def test_every_json_document_is_strict(run):
    documents = [
        run("owner", "核酸筛查", "--rules", str(QINGPU), "--at", "2022-04-15", "--in", "徐练村",
            "--json").stdout,
        run("lint", str(QINGPU), "--json").stdout,
        run("check", str(DIRECTIVES / "lockdown-2022.yaml"), "--rules", str(QINGPU), "--villages",
            str(VILLAGES), "--json").stdout,
        run("test", str(QINGPU), "--json").stdout,
    ]
    for text in documents:
        strict_json(text)
