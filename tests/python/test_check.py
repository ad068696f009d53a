"""The directive check from Python (README.md, "Use from Python"; docs/format.md §8 and §9):
Directive, Villages, Rulebook.check, Report."""

from __future__ import annotations

import datetime
import json

import pytest

import qingdan
from conftest import QINGPU, ROOT

DIRECTIVES = ROOT / "examples" / "directives"
VILLAGES = ROOT / "examples" / "villages" / "qingpu.csv"


@pytest.fixture(scope="module")
def book() -> qingdan.Rulebook:
    return qingdan.Rulebook.load(str(QINGPU))


def test_check_a_directive_file_against_village_profiles(book):
    directive = qingdan.Directive.load(str(DIRECTIVES / "recalled-item-2025.yaml"))
    assert directive.id == "QP-SJ-2025-007"
    assert directive.issued == datetime.date(2025, 6, 1)
    assert [item.per for item in directive.items] == ["village", "village", "household", "household", "village"]
    villages = qingdan.Villages.load(str(VILLAGES))
    assert len(villages) == 68
    report = book.check(directive, villages)
    assert report.verdict == "reject"
    first = report.findings[0]
    assert (first.code, first.name, first.severity) == ("QD001", "forbidden", "error")
    assert (first.item.directive, first.item.index, first.item.line) == ("QP-SJ-2025-007", 1, 12)
    assert first.task.id == "TS-01"
    assert [entry.id for entry in first.entries] == ["N-08"]
    assert report.villages.checked == 68
    assert report.villages.most_loaded[0].utilisation >= report.villages.most_loaded[-1].utilisation
    assert sum(report.villages.histogram) == 68
    assert report.errors == sum(1 for f in report.findings if f.severity == "error")


def test_directive_from_dict_row_by_row(book):
    rows = [("核酸筛查", 2), ("开具无犯罪记录证明", 1)]
    directive = qingdan.Directive.from_dict({
        "qingdan": 1, "kind": "directive", "id": "SHEET-1", "issued": datetime.date(2022, 4, 2),
        "jurisdiction": "练塘镇", "mode": "emergency", "until": datetime.date(2022, 4, 30),
        "items": [{"task": task, "frequency": "daily", "effort_hours": hours, "funding": True}
                  for task, hours in rows],
    })
    report = book.check([directive])
    assert [f.code for f in report.findings] == ["QD001"]
    assert report.findings[0].item.index == 2
    assert report.verdict == "reject"


def one_item(**item) -> dict:
    """The fields of a directive of 核酸筛查 weekly, and `item` as its third item."""
    usual = {"task": "核酸筛查", "frequency": "每周", "effort_hours": 1, "to": "村居"}
    return {"id": "SHEET-2", "issued": datetime.date(2022, 4, 2), "jurisdiction": "练塘镇",
            "mode": "emergency", "items": [usual, dict(usual), {**usual, **item}]}


def test_directive_from_dict_needs_no_header_and_takes_chinese_values(book):
    directive = qingdan.Directive.from_dict(one_item(per="户", frequency="每日"))
    assert (directive.id, len(directive.items)) == ("SHEET-2", 3)
    assert (directive.items[2].per, directive.items[2].frequency, directive.items[2].to) == \
        ("household", "每日", "村居")
    assert directive.file == "<directive dict>"
    assert book.check(directive).items[2].per == "household"
    # Given, the header must still be right.
    assert len(qingdan.Directive.from_dict({**one_item(), "qingdan": 1, "kind": "directive"}).items) == 3
    with pytest.raises(qingdan.Error) as error:
        qingdan.Directive.from_dict({**one_item(), "kind": "villages"})
    assert str(error.value) == \
        "error: kind: expected a file of kind 'directive', found kind 'villages' [QL012]"


def test_directive_from_dict_names_the_field_of_a_mistake_by_its_path():
    with pytest.raises(qingdan.Error) as error:
        qingdan.Directive.from_dict(one_item(per="household "))
    assert str(error.value) == (
        "error: items[2].per: 'per' must be one of village (村), household (户), person (人); "
        "found 'household ' (did you mean 'household'?) [QL105]")
    assert (error.value.file, error.value.line, error.value.column, error.value.code) == \
        (None, None, None, "QL105")
    with pytest.raises(qingdan.Error) as error:
        qingdan.Directive.from_dict(one_item(per="househld"), language="zh")
    assert str(error.value).startswith("错误：items[2].per：'per' 必须是 村（village）、")
    # A value of the wrong type is named by its path too; a number in a str is no number, as
    # "2" in YAML is not.
    with pytest.raises(qingdan.Error, match=r"^error: items\[2\]\.effort_hours: 'effort_hours' "
                                            r"must be a number, found text '2' \[QL100\]$"):
        qingdan.Directive.from_dict(one_item(effort_hours="2"))
    with pytest.raises(qingdan.Error, match=r"^error: items\[2\]\.form: 'form' must be a mapping"):
        qingdan.Directive.from_dict(one_item(form=["姓名"]))
    with pytest.raises(qingdan.Error, match=r"^error: items\[2\]\.fequency: unknown key 'fequency' "
                                            r"in an item \(did you mean 'frequency'\?\)"):
        qingdan.Directive.from_dict(one_item(fequency="daily"))
    with pytest.raises(qingdan.Error, match=r"^error: items: 'items' must be a list"):
        qingdan.Directive.from_dict({**one_item(), "items": {"task": "核酸筛查"}})
    # What Python cannot hand over at all is a TypeError naming the value as Python would.
    with pytest.raises(TypeError, match=r"fields\['items'\]\[2\]\['form'\] must be str, int, "
                                        r"float, bool, date, list or dict, not set"):
        qingdan.Directive.from_dict(one_item(form={"姓名"}))


def test_directive_from_dict_takes_none_and_nan_as_a_key_not_given():
    nan = float("nan")
    directive = qingdan.Directive.from_dict(
        {**one_item(per=nan, funding=None, note=nan, form=None), "title": nan, "mode": None})
    assert (directive.items[2].per, directive.items[2].funding, directive.items[2].form) == \
        ("village", False, None)
    assert (directive.title, directive.mode) == ("", "")
    # A required key left empty is missing, at the item that needs it.
    with pytest.raises(qingdan.Error) as error:
        qingdan.Directive.from_dict(one_item(effort_hours=nan))
    assert str(error.value) == \
        "error: items[2]: an item is missing the required key 'effort_hours' [QL101]"
    with pytest.raises(qingdan.Error, match="a directive is missing the required key 'issued'"):
        qingdan.Directive.from_dict({**one_item(), "issued": None})

    class NotATime(datetime.datetime):  # as pandas' NaT: not equal to itself
        def __ne__(self, other):
            return True

    class NAType:  # as pandas' NA (its type's name): cannot say whether it equals itself
        def __ne__(self, other):
            return self

        def __bool__(self):
            raise TypeError("boolean value of NA is ambiguous")

    assert qingdan.Directive.from_dict(
        {**one_item(per=NAType()), "note": NotATime(2025, 1, 1)}).items[2].per == "village"

    class Column(NAType):  # as an array: cannot say either, but a value, never "not given"
        pass

    with pytest.raises((qingdan.Error, TypeError)):
        qingdan.Directive.from_dict(one_item(per=Column()))


def test_a_directive_from_fields_is_reported_without_a_line_it_does_not_have(book):
    directive = qingdan.Directive.from_dict(one_item(task="GD-02"))  # forbidden to 村居
    report = book.check(directive)
    english, chinese = report.to_text(language="en"), report.to_text(language="zh")
    assert "item 3 GD-02" in english and "第 3 项 GD-02" in chinese
    assert "line 0" not in english and "第 0 行" not in chinese
    page = report.to_html(language="en")
    assert "&lt;directive dict&gt;:0" not in page and "&lt;directive dict&gt;" in page


def test_a_failed_call_leaves_no_language_for_the_next_errors():
    with pytest.raises(TypeError):
        qingdan.Directive.from_dict(5, language="zh")
    with pytest.raises(qingdan.Error) as error:
        qingdan.Villages.from_dicts([{"jurisdiction": "a", "households": "x"}], language="en")
    assert str(error.value).startswith("<village dicts>:1: error: 'x' is not a number")
    with pytest.raises(qingdan.Error) as error:
        qingdan.Villages.from_dicts([{"jurisdiction": "a", "households": "x"}], language="zh")
    assert str(error.value).startswith("<village dicts>:1: 错误：'x' 不是数字")


def test_directive_from_dict_takes_numbers_and_dates_as_python_gives_them():
    class Count:  # as numpy's integers: not an int, but an index
        def __index__(self):
            return 2

    class Hours:  # as numpy's float32: not a float, but convertible to one
        def __float__(self):
            return 1.5

    directive = qingdan.Directive.from_dict(
        {**one_item(frequency={"times": Count(), "per": "week"}, effort_hours=Hours()),
         "issued": datetime.datetime(2022, 4, 2, 9, 30)})
    assert directive.issued == datetime.date(2022, 4, 2)
    assert (directive.items[2].frequency, directive.items[2].effort_hours) == ("2 per week", 1.5)
    with pytest.raises(qingdan.Error, match=r"'effort_hours' must be a number, found text 'inf'"):
        qingdan.Directive.from_dict(one_item(effort_hours=float("inf")))


def test_directive_from_dict_that_holds_itself_is_refused_not_a_crash():
    fields = one_item()
    fields["items"][2]["form"] = fields
    with pytest.raises(qingdan.Error) as error:
        qingdan.Directive.from_dict(fields)
    assert error.value.code == "QL005"
    assert "nesting is deeper than 64 levels" in str(error.value)


def test_villages_from_dicts_extend_the_tree(book):
    directive = qingdan.Directive.load(str(DIRECTIVES / "social-assistance-2025.yaml"))
    villages = qingdan.Villages.from_dicts([
        {"jurisdiction": "上海市/青浦区/练塘镇/徐练村", "households": 621, "staff": 7, "baseline_hours": 1100},
        {"jurisdiction": "上海市/青浦区/金泽镇/新村", "hours_per_month": 500},
    ])
    report = book.check([directive], villages, warn_at=0.8)
    assert report.villages.checked == 2
    assert [f.code for f in report.findings] == ["QD011"]
    assert report.findings[0].village.jurisdiction == "上海市/青浦区/练塘镇/徐练村"
    assert report.findings[0].village.capacity == 1120
    with pytest.raises(qingdan.Error, match="unknown field 'staf'.*did you mean 'staff'"):
        qingdan.Villages.from_dicts([{"jurisdiction": "a/b", "staf": 3}])
    with pytest.raises(qingdan.Error, match="no capacity"):
        qingdan.Villages.from_dicts([{"jurisdiction": "a/b"}])


def test_villages_load_the_first_worksheet_of_an_xlsx_workbook(book):
    workbooks = ROOT / "tests" / "data" / "villages"
    directive = qingdan.Directive.load(str(DIRECTIVES / "county-routine-2025.yaml"))
    from_workbook = book.check(directive, qingdan.Villages.load(workbooks / "qingpu.xlsx"))
    from_csv = book.check(directive, qingdan.Villages.load(str(VILLAGES)))
    assert len(qingdan.Villages.load(workbooks / "qingpu.xlsx")) == 68
    assert [(f.code, f.message) for f in from_workbook.findings] == \
        [(f.code, f.message) for f in from_csv.findings]
    with pytest.raises(qingdan.Error) as error:
        qingdan.Villages.load(str(workbooks / "negative.xlsx"), language="zh")
    assert (error.value.line, error.value.column, error.value.code) == (2, None, "QV003")
    assert str(error.value).endswith(
        "negative.xlsx:2: 错误：单元格 D2：'staff' 不能为负数（村居 上海市/青浦区/练塘镇/徐练村） [QV003]")
    with pytest.raises(qingdan.Error, match=r"declares a document type \(<!DOCTYPE>\)") as error:
        qingdan.Villages.load(str(workbooks / "doctype.xlsx"))
    assert error.value.code == "QV011"


def test_report_serialises_and_writes_html(book, tmp_path):
    report = book.check(qingdan.Directive.load(str(DIRECTIVES / "county-routine-2025.yaml")),
                        qingdan.Villages.load(str(VILLAGES)))
    document = report.to_dict()
    assert document == json.loads(report.to_json())
    assert document["verdict"] == report.verdict == "reject"
    assert len(document["findings"]) == len(report.findings)
    assert report.findings[0].to_dict()["code"] == document["findings"][0]["code"]
    assert report.to_text().rstrip().endswith(f"({report.errors} errors, {report.warnings} warnings)")
    page = tmp_path / "report.html"
    report.write_html(str(page))
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'id="utilisation-histogram"' in html


def test_duplicate_forms_are_one_finding_listing_the_group(book):
    report = book.check(qingdan.Directive.load(str(DIRECTIVES / "lockdown-2022.yaml")))
    [duplicate] = [finding for finding in report.findings if finding.code == "QD008"]
    assert duplicate.item.index == 4
    assert [(form.item.index, form.name) for form in duplicate.forms] == [
        (3, "重点人员日报表（卫健）"), (4, "重点人员登记表（派出所）")]
    second = duplicate.forms[1]
    assert (second.same_name, second.shared, second.together) == (False, 4, 6)
    assert second.jaccard == pytest.approx(2 / 3)
    [document] = [finding for finding in report.to_dict()["findings"] if finding["code"] == "QD008"]
    assert duplicate.to_dict()["forms"] == [
        {key: form[key] for key in ("directive", "file", "line", "column", "ledger", "task", "form",
                                    "same_name", "shared", "together", "jaccard")}
        | {"index": form["item"]}
        for form in document["forms"]]


def test_errors_carry_positions(book, tmp_path):
    with pytest.raises(qingdan.Error) as error:
        qingdan.Directive.parse("qingdan: 1\nkind: directive\nid: D\nissued: 2025-13-01\nitems: []\n", "d.yaml")
    assert (error.value.file, error.value.line, error.value.column, error.value.code) == ("d.yaml", 4, 9, "QL103")
    bad_level = qingdan.Directive.parse(
        "qingdan: 1\nkind: directive\nid: D\nissued: 2025-01-01\nitems:\n"
        "  - {task: HS-01, to: villa, frequency: daily, effort_hours: 1}\n", "d.yaml")
    with pytest.raises(qingdan.Error) as error:
        book.check(bad_level)
    assert (error.value.line, error.value.code) == (6, "QC003")
