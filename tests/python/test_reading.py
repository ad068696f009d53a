"""Reading free text from Python (docs/reading.md): Rulebook.read, Reading and Candidate, the
candidates of an unknown owner question, and how a check reads its items (exact=, month=,
Report.items)."""

from __future__ import annotations

import datetime
import json
import math
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

import qingdan
from conftest import QINGPU, ROOT, make_rulebook

NATIONAL = ROOT / "rules" / "national-village"
NOTICE = ROOT / "examples" / "directives" / "national" / "county-notice-2025.yaml"
CERTIFICATE = "请各村为群众出具婚育情况证明"  # ZM-14 出具婚育状况证明, with 情况 for 状况


@pytest.fixture(scope="module")
def book() -> qingdan.Rulebook:
    return qingdan.Rulebook.load(str(NATIONAL))


@pytest.fixture(scope="module")
def notice() -> qingdan.Directive:
    return qingdan.Directive.load(str(NOTICE))


def one_item(task: str, frequency: str) -> qingdan.Directive:
    """A directive of one item from the county to 示例村 (national-village)."""
    return qingdan.Directive.from_dict({
        "qingdan": 1, "kind": "directive", "id": "D-1", "issued": "2025-09-01", "jurisdiction": "示例村",
        "issuer": {"level": "town"},
        "items": [{"task": task, "frequency": frequency, "effort_hours": 1}]})


# Rulebook.read ---------------------------------------------------------------------------------

def test_a_wording_is_read_as_its_task_with_the_evidence(book):
    reading = book.read(CERTIFICATE)
    assert isinstance(reading, qingdan.Reading)
    assert reading.text == CERTIFICATE
    assert (reading.status, reading.task.id, reading.task.name) == ("read_as", "ZM-14", "出具婚育状况证明")
    assert 0.9 <= reading.confidence <= 0.99
    first = reading.candidates[0]
    assert isinstance(first, qingdan.Candidate)
    assert (first.task.id, first.how, first.matched_text, first.matched, first.synonyms) == (
        "ZM-14", "contains", "name", "出具婚育状况证明", ["情况→状况"])
    assert first.confidence == reading.confidence
    confidences = [candidate.confidence for candidate in reading.candidates]
    assert confidences == sorted(confidences, reverse=True) and len(confidences) == 5
    assert all(candidate.how in ("contains", "contained", "similar") for candidate in reading.candidates)
    assert all(candidate.matched_text in ("name", "alias", "keyword") for candidate in reading.candidates)


def test_the_reading_is_the_one_qingdan_read_prints(book, cli):
    printed = subprocess.run([cli, "read", CERTIFICATE, "各村落实协税护税任务", "--rules", str(NATIONAL), "--json"],
                             capture_output=True, text=True, timeout=60, check=True)
    for reading, document in zip([book.read(CERTIFICATE), book.read("各村落实协税护税任务")],
                                 json.loads(printed.stdout)["readings"]):
        assert (reading.status, reading.task.id) == (document["status"], document["task"]["id"])
        assert round(reading.confidence, 3) == document["confidence"]
        assert [(c.task.id, round(c.confidence, 3), c.how, c.matched_text, c.matched, c.synonyms)
                for c in reading.candidates] == [
            (c["task"]["id"], c["confidence"], c["how"], c["matched_text"], c["matched"], c["synonyms"])
            for c in document["candidates"]]


@pytest.mark.parametrize("text", ["ZM-14", "出具婚育状况证明", "开具婚育状况证明", "開具婚育狀況證明"])
def test_an_id_or_a_name_is_exact(book, text):
    reading = book.read(text)
    assert (reading.status, reading.task.id, reading.confidence) == ("exact", "ZM-14", 1.0)
    assert all((c.task.id, c.how, c.confidence) == ("ZM-14", "exact", 1.0) for c in reading.candidates)


def test_a_text_with_nothing_close_is_none(book):
    reading = book.read("xyzzy")
    assert (reading.status, reading.task, reading.confidence, reading.candidates) == ("none", None, None, [])


# Reading.to_dict() returns a pybind11 item accessor into a temporary dict (reading_bindings.cpp:
# json_loads(...)["readings"][0]): it gives an int or crashes the interpreter, so it runs in a
# process of its own here.

def test_to_dict_is_the_reading_as_qingdan_read_prints_it(cli):
    script = ("import json, sys, qingdan\n"
              "book = qingdan.Rulebook.load(sys.argv[1])\n"
              "print(json.dumps([book.read(text).to_dict() for text in sys.argv[2:]]))\n")
    texts = [CERTIFICATE, "ZM-14", "xyzzy"]
    converted = subprocess.run([sys.executable, "-c", script, str(NATIONAL), *texts],
                               capture_output=True, text=True, timeout=60)
    printed = subprocess.run([cli, "read", *texts, "--rules", str(NATIONAL), "--json"],
                             capture_output=True, text=True, timeout=60, check=True)
    assert converted.returncode == 0, converted.stderr
    assert json.loads(converted.stdout) == json.loads(printed.stdout)["readings"]


# Options -------------------------------------------------------------------------------------

def test_read_as_confidence_of_1_keeps_candidates(book):
    reading = book.read(CERTIFICATE, read_as_confidence=1.0)
    assert (reading.status, reading.task, reading.confidence) == ("candidates", None, None)
    assert reading.candidates[0].task.id == "ZM-14"


def test_a_margin_wider_than_the_lead_keeps_candidates(book):
    assert book.read(CERTIFICATE, read_as_margin=0.4).status == "read_as"
    assert book.read(CERTIFICATE, read_as_margin=0.5).status == "candidates"


def test_candidates_limits_the_list_but_not_the_reading(book):
    reading = book.read(CERTIFICATE, candidates=1)
    assert [c.task.id for c in reading.candidates] == ["ZM-14"]
    assert reading.status == "read_as"
    assert len(book.read(CERTIFICATE, candidates=1000).candidates) > 5


@pytest.mark.parametrize("option, value", [
    ("read_as_confidence", 1.5), ("read_as_confidence", -0.1), ("read_as_confidence", math.nan),
    ("read_as_margin", 2), ("read_as_margin", math.inf), ("read_as_margin", math.nan),
])
def test_a_threshold_outside_0_to_1_is_qu003(book, option, value):
    with pytest.raises(qingdan.Error) as error:
        book.read(CERTIFICATE, **{option: value})
    assert error.value.code == "QU003"
    assert f"{option} must be a number from 0 to 1, found " in str(error.value)


def test_a_threshold_out_of_range_is_worded_in_the_rulebooks_language():
    chinese = qingdan.Rulebook.load(str(NATIONAL), language="zh")
    with pytest.raises(qingdan.Error, match="read_as_confidence 必须是 0 到 1 之间的数"):
        chinese.read(CERTIFICATE, read_as_confidence=2)


def test_arguments_of_the_wrong_type(book):
    for text in (3, None, b"x", ["x"]):
        with pytest.raises(TypeError, match="text must be str"):
            book.read(text)
    with pytest.raises(ValueError, match="text is not valid text"):
        book.read("\ud800")
    for value in ("0.5", True, None):
        with pytest.raises(TypeError, match="read_as_confidence must be int or float"):
            book.read(CERTIFICATE, read_as_confidence=value)
    with pytest.raises(TypeError, match="candidates must be int"):
        book.read(CERTIFICATE, candidates=2.0)
    with pytest.raises(ValueError, match="candidates must be a whole number"):
        book.read(CERTIFICATE, candidates=-1)


def test_threads_reading_at_once_read_as_one_thread_does():
    texts = [CERTIFICATE, "各村落实协税护税任务", "村务公开栏每月更新一次", "xyzzy", "ZM-02"] * 40

    def summary(reading):
        return reading.status, [(c.task.id, c.confidence) for c in reading.candidates]

    fresh = qingdan.Rulebook.load(str(NATIONAL))  # its reading index is built by the first reader
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(lambda text: summary(fresh.read(text)), texts))
    alone = qingdan.Rulebook.load(str(NATIONAL))
    assert together == [summary(alone.read(text)) for text in texts]


# An owner question that names no task ------------------------------------------------------------

def test_owner_of_a_word_lists_the_tasks_it_may_mean():
    decision = qingdan.Rulebook.load(str(QINGPU)).owner("防汛")
    assert decision.status == "unknown" and decision.task is None
    first = decision.candidates[0]
    assert (first.task.id, first.matched_text, first.matched) == ("XZ-23", "keyword", "防汛")
    assert [task.id for task in decision.suggestions] == [c.task.id for c in decision.candidates]
    assert decision.to_dict()["candidates"][0]["task"]["id"] == "XZ-23"


def test_owner_of_a_task_has_no_candidates(book):
    decision = book.owner("ZM-14", at="2025-09-01")
    assert decision.candidates == [] and decision.suggestions == []


# How a check reads its items -------------------------------------------------------------------------

def test_each_item_of_a_report_carries_its_reading(book, notice):
    report = book.check(notice)
    assert [load.item.index for load in report.items] == list(range(1, 12))
    assert [load.reading.status for load in report.items] == [
        "read_as", "read_as", "read_as", "read_as", "candidates", "candidates", "candidates",
        "read_as", "read_as", "read_as", "candidates"]
    assert [load.reading.task and load.reading.task.id for load in report.items][:4] == [
        "ZM-14", "ZM-02", "BY-01", "BY-06"]
    ninth = report.items[8]
    assert (ninth.item.task, ninth.reading.text) == ("各村于每季度末召开村民代表会议",) * 2
    assert ninth.reading.task.id == "LZ-01"
    assert not [f for f in report.findings if f.item and f.item.index == 9]
    assert ninth.to == "village" and ninth.per == "village"
    dictionary = report.to_dict()["items"][8]["reading"]
    assert (dictionary["status"], dictionary["task"]["id"]) == ("read_as", "LZ-01")


def test_exact_checks_names_as_written(book, notice):
    read = book.check(notice)
    exact = book.check(notice, exact=True)
    assert read.verdict == "reject"
    assert exact.verdict == "review"
    assert [f.code for f in exact.findings] == ["QD003"] * 11
    assert {load.reading.status for load in exact.items} == {"candidates"}
    assert [f.code for f in book.check(notice, exact=False).findings] == [f.code for f in read.findings]


def test_exact_must_be_a_bool(book, notice):
    for value in (1, 0, "yes", None):
        with pytest.raises(TypeError, match="exact must be bool"):
            book.check(notice, exact=value)


@pytest.mark.parametrize("month", ["2025-10", datetime.date(2025, 10, 5), datetime.datetime(2025, 10, 31, 23, 59)])
def test_month_as_text_or_a_date_names_the_month_added_up(book, notice, month):
    report = book.check(notice, month=month)
    assert report.month == "2025-10"
    assert report.to_dict()["month"] == "2025-10"
    rates = [load.per_month for load in report.items]
    assert rates[6:8] == [0, 0]  # items 7 and 8 are once, issued in September
    assert rates[0] == pytest.approx(52 / 12)


def test_the_default_month_is_that_of_the_latest_issued(book, notice):
    report = book.check(notice)
    assert report.month == "2025-09"
    assert [load.per_month for load in report.items][6:8] == [1, 1]
    assert all(load.per_month == 0 for load in book.check(notice, month="2025-08").items)


@pytest.mark.parametrize("month", ["bad", "2025-13", "2025-1", "2025-10-05", ""])
def test_a_bad_month_is_qu001(book, notice, month):
    with pytest.raises(qingdan.Error) as error:
        book.check(notice, month=month)
    assert error.value.code == "QU001"
    assert f"bad month '{month}' for month: expected YYYY-MM" in str(error.value)


def test_a_month_of_the_wrong_type_is_a_type_error(book, notice):
    for value in (202510, b"2025-10", ["2025-10"]):
        with pytest.raises(TypeError):
            book.check(notice, month=value)


@pytest.mark.parametrize("frequency, finding", [
    ("monthly", ["QD014"]), ("weekly", ["QD014"]), ("quarterly", []), ("yearly", []), ("once", [])])
def test_self_governance_ordered_more_often_than_the_law_sets_is_qd014(book, frequency, finding):
    # LZ-01 召开村民会议、村民代表会议: statutory quarterly (村民委员会组织法 第二十六条).
    report = book.check(one_item("LZ-01", frequency))
    assert [f.code for f in report.findings] == finding
    if finding:
        assert "the law sets it quarterly" in report.findings[0].message
        assert f"does not order it {frequency}" in report.findings[0].message


# A statutory rhythm of `once` is taken as once a month (Frequency::per_month of a one-off item is
# 1 in its month), so an order to hold the meeting monthly passes without QD014.

def test_a_statutory_once_does_not_let_a_monthly_order_pass(tmp_path):
    folder = make_rulebook(tmp_path / "rules", {
        "self-governance.yaml": "qingdan: 1\nkind: list\nlist: self_governance\nversion: '1'\n"
                                "effective: 2024-01-01\nentries:\n"
                                "  - {id: S-1, task: ZM-01, statutory: {frequency: once}}\n"})
    try:
        rules = qingdan.Rulebook.load(str(folder))
    except qingdan.Error as error:  # refusing `once` as a statutory rhythm is a fix too
        assert error.code == "QL105"
        return
    monthly = qingdan.Directive.from_dict({
        "qingdan": 1, "kind": "directive", "id": "D-1", "issued": "2024-06-01", "issuer": {"level": "town"},
        "items": [{"task": "ZM-01", "frequency": "monthly", "effort_hours": 1}]})
    assert [f.code for f in rules.check(monthly).findings] == ["QD014"]
