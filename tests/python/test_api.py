"""The Python API (README.md, "Use from Python"), run against the pip-installed package."""

from __future__ import annotations

import datetime
import json
import threading

import pytest

import qingdan
from conftest import QINGPU, catalogue_size, make_rulebook, shell_fingerprint


@pytest.fixture(scope="module")
def book() -> qingdan.Rulebook:
    return qingdan.Rulebook.load(str(QINGPU))


def test_owner_answers_with_attribute_access(book):
    d = book.owner("核酸筛查", at=datetime.date(2022, 4, 15), jurisdiction="徐练村", mode="emergency")
    assert d.status == "listed"
    assert d.task.id == "HS-01"
    assert d.task.category == "疫情防控"
    assert "核酸筛查" in d.task.aliases
    assert (d.owner.level, d.owner.department) == ("district", "区卫生健康委")
    assert d.roles == {"district": "owns", "village": "assists"}
    assert [(e.list, e.id, e.edition, e.file) for e in d.entries] == [
        ("collaboration", "X-07", "2022", "lists/collaboration-2022.yaml")
    ]
    assert d.entries[0].basis.startswith("《中华人民共和国传染病防治法》（2013年修正）第九条第二款")
    assert d.at == datetime.date(2022, 4, 15)
    assert d.jurisdiction == "上海市/青浦区/练塘镇/徐练村"
    assert d.mode == "emergency"
    assert d.fingerprint == book.fingerprint == shell_fingerprint(QINGPU)


def test_dates_may_be_iso_strings_dates_or_datetimes(book):
    by_string = book.owner("ZM-01", at="2024-09-01", jurisdiction="徐练村")
    by_date = book.owner("ZM-01", at=datetime.date(2024, 9, 1), jurisdiction="徐练村")
    by_datetime = book.owner("ZM-01", at=datetime.datetime(2024, 9, 1, 12, 0), jurisdiction="徐练村")
    assert by_string.to_json() == by_date.to_json() == by_datetime.to_json()
    assert book.owner("ZM-01").at == datetime.date.today()


def test_bad_input_raises_qingdan_error_a_value_error(book):
    with pytest.raises(qingdan.Error) as bad_date:
        book.owner("HS-01", at="2022-02-30")
    assert isinstance(bad_date.value, ValueError)
    assert bad_date.value.code == "QU001"
    with pytest.raises(qingdan.Error, match="ambiguous|unknown jurisdiction"):
        book.owner("HS-01", jurisdiction="徐练")
    with pytest.raises(qingdan.Error, match="unknown mode 'wartime'"):
        book.owner("HS-01", mode="wartime")
    with pytest.raises(TypeError):
        book.owner("HS-01", at=20220415)


def test_load_error_carries_file_line_and_column(tmp_path):
    folder = make_rulebook(tmp_path / "rules", {"neg.yaml": "qingdan: 1\nkind: list\nlist: negative\n"
                                               "version: '1'\neffective: 2024-01-01\n"
                                               "entries:\n  - {id: N-1, task: ZM-01, mode: [normal]}\n"})
    with pytest.raises(qingdan.Error) as error:
        qingdan.Rulebook.load(str(folder))
    assert error.value.file == f"{folder}/neg.yaml"
    assert (error.value.line, error.value.column, error.value.code) == (7, 28, "QL102")
    assert "did you mean 'modes'?" in str(error.value)


def test_load_limits_can_be_raised_or_lowered(tmp_path):
    folder = make_rulebook(tmp_path / "rules", {})
    with pytest.raises(qingdan.Error, match="max_file_bytes"):
        qingdan.Rulebook.load(str(folder), max_file_bytes=50)
    assert qingdan.Rulebook.load(str(folder), max_file_bytes=10_000).task_count == 2
    snapshot = tmp_path / "book.qds"
    qingdan.Rulebook.load(str(folder)).save_snapshot(str(snapshot))
    with pytest.raises(qingdan.Error, match="max_snapshot_bytes"):
        qingdan.Rulebook.load(str(snapshot), max_snapshot_bytes=100)
    assert qingdan.Rulebook.load(str(snapshot), max_snapshot_bytes=1 << 20).task_count == 2
    with pytest.raises(TypeError, match="unknown load option"):
        qingdan.Rulebook.load(str(folder), max_size=1)


def test_unknown_task_has_suggestions_and_no_answer(book):
    d = book.owner("核酸检测组织", at="2022-04-15")
    assert d.status == "unknown"
    assert d.task is None and d.owner is None and d.roles == {}
    assert d.suggestions[0].id == "HS-01"


def test_owners_batch_equals_single_calls(book):
    tasks = ["HS-01", "开具无犯罪记录证明", "上门磁", "无此事项"]
    batch = book.owners(tasks, at="2022-04-15", jurisdiction="徐练村", mode="emergency")
    assert [d.query for d in batch] == tasks
    singles = [book.owner(t, at="2022-04-15", jurisdiction="徐练村", mode="emergency") for t in tasks]
    assert [d.to_json() for d in batch] == [d.to_json() for d in singles]
    assert [d.status for d in batch] == ["listed", "listed", "listed", "unknown"]


def test_to_dict_is_the_json_document(book):
    d = book.owner("ZM-01", at="2024-09-01", jurisdiction="徐练村")
    assert d.to_dict() == json.loads(d.to_json())
    assert d.to_dict()["fingerprint"] == book.fingerprint
    assert d.to_dict()["considered"][0]["verdict"] == "applied"


def test_explain_gives_the_reasoning(book):
    lines = book.owner("ZM-01", at="2024-09-01", jurisdiction="徐练村").explain()
    assert lines[0].startswith("question: 'ZM-01' is task ZM-01 出具亲属关系证明")
    assert any("applied negative N-01 (edition 2024" in line for line in lines)
    assert any("skipped negative N-01 (edition 2022" in line and "replaced by edition 2024" in line
               for line in lines)
    assert lines[-2] == "answer: listed; roles: village (村居) forbidden"
    assert lines[-1] == ("note: this answer rests on an illustrative edition, a reconstruction and not "
                         "the published list: N-01")


def test_rulebook_describes_itself(book):
    assert book.name.startswith("上海市青浦区")
    assert book.levels[0] == ("city", "市")
    assert book.modes == ["normal", "emergency"]
    assert book.task_count == catalogue_size(QINGPU)
    assert book.jurisdiction_path("徐练村") == "上海市/青浦区/练塘镇/徐练村"
    assert [t.id for t in book.find_tasks("健在 证明")] == ["ZM-03"]
    certificates = [t.id for t in book.find_tasks("证明")]
    assert certificates == ["ZZ-24"] + [f"ZM-{n:02d}" for n in range(1, 21)]


def test_lint_reports_every_problem(tmp_path):
    clean = qingdan.lint(str(QINGPU))
    assert not clean.has_errors and clean.diagnostics == []
    folder = make_rulebook(tmp_path / "rules", {"neg.yaml": "qingdan: 1\nkind: list\nlist: negative\n"
                                               "version: '1'\neffective: 2024-01-01\n"
                                               "entries:\n  - {id: N-1, task: ZM-99}\n  - {id: N-2, category: 无此类}\n"})
    report = qingdan.lint(str(folder))
    assert report.has_errors
    assert (report.errors, report.warnings) == (1, 1)
    assert [(d.code, d.severity, d.line) for d in report.diagnostics] == [
        ("QL202", "error", 7), ("QL211", "warning", 8)]
    assert report.to_dict()["errors"] == 1


def test_many_threads_share_one_rulebook(book):
    expected = book.owner("HS-03", at="2022-04-15", jurisdiction="徐练村", mode="emergency").to_json()
    results, errors = [], []

    def ask():
        try:
            for _ in range(50):
                results.append(book.owners(["HS-03"] * 20, at="2022-04-15",
                                           jurisdiction="徐练村", mode="emergency")[0].to_json())
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 200 and set(results) == {expected}


def test_owner_takes_its_arguments_by_position_or_keyword(book):
    by_keyword = book.owner(task="核酸筛查", at="2022-04-15", jurisdiction="徐练村", mode="emergency")
    by_position = book.owner("核酸筛查", datetime.date(2022, 4, 15), "徐练村", "emergency")
    assert by_keyword.to_json() == by_position.to_json()
    assert by_position.owner.level == "district"
    assert book.owner("HS-01", None, None, None).at == datetime.date.today()
    with pytest.raises(TypeError, match="missing required argument: 'task'"):
        book.owner(at="2022-04-15")
    with pytest.raises(TypeError, match="unexpected keyword argument 'when'"):
        book.owner("HS-01", when="2022-04-15")
    with pytest.raises(TypeError, match="multiple values for argument 'at'"):
        book.owner("HS-01", "2022-04-15", at="2022-04-15")
    with pytest.raises(TypeError, match="at most 4 arguments"):
        book.owner("HS-01", None, None, None, None)
    with pytest.raises(TypeError, match="task must be str, not int"):
        book.owner(7)
    with pytest.raises(TypeError, match="jurisdiction must be str"):
        book.owner("HS-01", jurisdiction=3)
    with pytest.raises(TypeError):
        book.owner("HS-01", at=3.5)
    with pytest.raises(qingdan.Error) as raised:
        book.owner("HS-01", at="2022-13-01")
    assert raised.value.code == "QU001"
    with pytest.raises(qingdan.Error) as raised:
        book.owner("HS-01", jurisdiction="火星")
    assert raised.value.code == "QQ001"
    with pytest.raises(qingdan.Error) as raised:
        book.owner("HS-01", mode="wartime")
    assert raised.value.code == "QQ003"
