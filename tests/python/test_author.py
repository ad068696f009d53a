"""The rule-author tools from Python: Rulebook.diff and qingdan.run_rule_tests."""

from __future__ import annotations

import datetime
import json

import pytest

import qingdan
from conftest import QINGPU


def test_diff_between_two_dates():
    book = qingdan.Rulebook.load(str(QINGPU))
    diff = book.diff(datetime.date(2022, 6, 1), "2024-09-01", jurisdiction="徐练村")
    assert diff.from_ == datetime.date(2022, 6, 1) and diff.level == "village"
    kinds = {change.task.id: change.kind for change in diff.changes}
    assert kinds["FD-05"] == "newly forbidden"
    assert "FD-02" not in kinds  # screenshots as evaluation were already banned in 2022
    assert kinds["HS-04"] == "no longer assisted"
    change = next(c for c in diff.changes if c.task.id == "FD-05")
    assert (change.before, change.after) == (None, "forbidden")
    assert [e.id for e in change.entries_after] == ["N-07"]
    assert diff.count("newly forbidden") == 16
    assert kinds["QZ-34"] == "owner changed"  # 环评审批 recalled from the town to the district
    assert diff.to_dict() == json.loads(diff.to_json())


def test_rule_tests_of_the_shipped_rulebook():
    run = qingdan.test(str(QINGPU))
    assert run.failed == 0
    assert all(case.passed for case in run.cases)
    assert run.cases[0].file == "tests.yaml"
    assert 0 < run.covered <= run.total
    assert run.coverage == run.covered / run.total
    assert len(run.uncovered) == run.total - run.covered
    assert run.to_dict()["covered"] == run.covered


def test_rule_tests_run_on_a_loaded_rulebook_or_a_path_under_one_name():
    book = qingdan.Rulebook.load(str(QINGPU), language="zh")
    on_book = qingdan.run_rule_tests(book)
    on_path = qingdan.run_rule_tests(QINGPU)
    assert on_book.to_dict()["cases"] == on_path.to_dict()["cases"]
    assert on_book.to_dict()["language"] == "zh"  # the rulebook's language, unless asked
    assert qingdan.run_rule_tests(book, language="en").to_dict()["language"] == "en"
    assert qingdan.test is not None and qingdan.test(QINGPU).covered == on_path.covered


def test_diff_names_the_argument_with_a_bad_date():
    book = qingdan.Rulebook.load(str(QINGPU))
    with pytest.raises(qingdan.Error, match="bad date '2024-02-30' for from_"):
        book.diff("2024-02-30", "2024-09-01")
    with pytest.raises(qingdan.Error, match="bad date '2024-13-01' for to"):
        book.diff("2024-01-01", "2024-13-01")
