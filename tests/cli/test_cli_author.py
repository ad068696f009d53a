"""End-to-end tests of `qingdan diff` and `qingdan test` on real rulebook folders."""

from __future__ import annotations

import json

from conftest import QINGPU, lines, make_rulebook, shell_fingerprint


def test_diff_between_editions_prints_each_change_and_a_summary(run):
    result = run("diff", "--rules", str(QINGPU), "--from", "2022-06-01", "--to", "2024-09-01", "--in", "徐练村")
    assert result.returncode == 0, result.stderr
    out = lines(result.stdout)
    assert out[0] == "role of village (村居) in 上海市/青浦区/练塘镇/徐练村, mode normal: 2022-06-01 → 2024-09-01"
    assert "FD-05 新设村级工作机制、专人专岗: none → forbidden  [newly forbidden]" in out
    assert "    after:  negative N-07 (edition 2024)" in out
    assert out[-3:] == [
        "34 changes: 16 newly forbidden, 5 newly assisted, 1 no longer assisted, 9 owner changed, 3 role changed",
        # The approvals of the illustrative register for 村居 in force on one of the dates only.
        "approvals granted: 示例准入〔2024〕1号, 示例准入〔2024〕2号",
        "approvals lapsed: 示例准入〔2022〕2号, 示例准入〔2022〕4号, 示例准入〔2022〕5号"]


def test_diff_json_is_deterministic(run):
    args = ["diff", "--rules", str(QINGPU), "--from", "2022-06-01", "--to", "2024-09-01", "--in", "徐练村",
            "--level", "town", "--json"]
    first, second = run(*args), run(*args)
    assert first.stdout == second.stdout
    document = json.loads(first.stdout)
    assert document["fingerprint"] == shell_fingerprint(QINGPU)
    assert document["level"] == "town"
    assert document["summary"]["newly forbidden"] == sum(
        1 for change in document["changes"] if change["kind"] == "newly forbidden")


def test_diff_bad_input_exits_2(run):
    assert run("diff", "--rules", str(QINGPU), "--from", "2022-13-01", "--to", "2024-09-01").returncode == 2
    result = run("diff", "--rules", str(QINGPU), "--from", "2022-01-01", "--to", "2024-09-01", "--level", "hamlet")
    assert result.returncode == 2
    assert "unknown level 'hamlet'" in result.stderr


def test_shipped_rulebook_tests_pass(run):
    result = run("test", str(QINGPU))
    assert result.returncode == 0, result.stdout
    assert lines(result.stdout)[0].endswith("passed, 0 failed")


def test_failing_case_and_low_coverage_exit_1(run, tmp_path):
    folder = make_rulebook(tmp_path / "rules", {
        "neg.yaml": "qingdan: 1\nkind: list\nlist: negative\nversion: '1'\neffective: 2024-01-01\n"
                    "entries:\n  - {id: N-1, category: 证明事项}\n  - {id: N-2, task: HS-01}\n",
        "tests.yaml": "qingdan: 1\nkind: tests\ncases:\n"
                      "  - name: 证明不归村\n    task: ZM-01\n    at: 2024-06-01\n"
                      "    expect: {roles: {village: forbidden}}\n",
    })
    passing = run("test", str(folder), "--verbose")
    assert passing.returncode == 0
    assert "coverage: 1/2 entries (50.0%)" in passing.stdout
    assert "  not applied: neg.yaml:8 negative N-2 (edition 1)" in passing.stdout
    low = run("test", str(folder), "--min-coverage", "0.8")
    assert low.returncode == 1
    assert "below the minimum of 80%" in low.stdout
    (folder / "tests.yaml").write_text(
        "qingdan: 1\nkind: tests\ncases:\n  - name: 写错的期望\n    task: ZM-01\n    at: 2024-06-01\n"
        "    expect: {status: unlisted}\n", encoding="utf-8")
    failing = run("test", str(folder), "--json")
    assert failing.returncode == 1
    document = json.loads(failing.stdout)
    assert document["failed"] == 1
    assert document["cases"][0]["line"] == 4
    assert document["cases"][0]["differences"] == ["status: expected unlisted, got listed"]
    text = run("test", str(folder))
    assert f"FAIL {folder}/tests.yaml:4: 写错的期望" in text.stdout


def test_a_list_that_fails_to_load_is_the_error_test_shows(run, tmp_path):
    # The tests file sorts first: before, its cases' "no edition has an entry with id" errors
    # were the first error, and hid the misspelt list they came from.
    folder = make_rulebook(tmp_path / "rules", {
        "cases.yaml": "qingdan: 1\nkind: tests\ncases:\n"
                      "  - {name: 证明, task: ZM-01, expect: {entries: [N-1]}}\n"
                      "  - {name: 核酸, task: HS-01, expect: {entries: [N-2]}}\n",
        "neg.yaml": "qingdan: 1\nkind: list\nlist: negtive\nversion: '1'\neffective: 2024-01-01\n"
                    "entries:\n  - {id: N-1, category: 证明事项}\n  - {id: N-2, task: HS-01}\n",
    })
    result = run("test", str(folder))
    assert result.returncode == 2
    assert lines(result.stderr) == [
        f"{folder}/neg.yaml:3:7: error: 'list' must be one of power (权责清单), self_governance (自治清单), "
        "collaboration (协作清单), negative (负面清单); found 'negtive' (did you mean 'negative'?) [QL105]"]
    linted = run("lint", str(folder))
    assert "QL212" not in linted.stdout + linted.stderr
