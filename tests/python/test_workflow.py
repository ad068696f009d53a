"""The reviewer's workflow from Python (docs/format.md §5.6, §8.6, §8.7, §8.8 and §9.1): Rulebook.check
with a ledger, report.ledger, Rulebook.approvals and Approval, qingdan.ledger and Rulebook.ledger
with LedgerReport, and their errors."""

from __future__ import annotations

import datetime
import json
import pathlib
import sys
import types

import pytest

import qingdan
from conftest import QINGPU, ROOT

VILLAGES = QINGPU / "villages.csv"
LEDGER = ROOT / "examples" / "ledger" / "qingpu"
LOCKDOWN = ROOT / "examples" / "directives" / "lockdown-2022.yaml"
FKB = LEDGER / "2022" / "fkb-2022-024.yaml"
WJW = LEDGER / "2022" / "wjw-2022-018.yaml"

IN_FORCE_ON_0410 = ["QP-CYZX-2021-008", "QP-CYZX-2022-015", "QP-FKB-2022-024", "QP-MZJ-2022-011",
                    "QP-WJW-2022-018"]
APPROVAL_IDS = [
    "示例准入〔2022〕1号", "示例准入〔2022〕2号", "示例准入〔2022〕3号", "示例准入〔2022〕4号",
    "示例准入〔2022〕5号", "示例准入〔2024〕1号", "示例准入〔2024〕2号",
]
MEASURES = ["hours", "forms", "fields", "reports", "inspections", "meetings", "apps", "signs",
            "campaigns"]


@pytest.fixture(scope="module")
def book() -> qingdan.Rulebook:
    return qingdan.Rulebook.load(str(QINGPU))


@pytest.fixture(scope="module")
def villages() -> qingdan.Villages:
    return qingdan.Villages.load(VILLAGES)


@pytest.fixture(scope="module")
def lockdown() -> qingdan.Directive:
    return qingdan.Directive.load(LOCKDOWN)


@pytest.fixture(scope="module")
def ledger_2022(book, villages) -> qingdan.LedgerReport:
    return book.ledger(LEDGER, villages=villages, year=2022)


def codes(report: qingdan.Report, code: str):
    return [finding for finding in report.findings if finding.code == code]


def load_of(report: qingdan.Report, name: str) -> qingdan.VillageLoad:
    [load] = [v for v in report.villages.most_loaded if v.jurisdiction.endswith("/" + name)]
    return load


def added(report: qingdan.Report, name: str) -> float:
    return load_of(report, name).added


def ledger_directives() -> list:
    return [qingdan.Directive.load(path) for path in sorted(LEDGER.rglob("*.yaml"))]


# --- Rulebook.check(..., ledger=) ----------------------------------------------------------------


@pytest.mark.parametrize(
    "given",
    [
        pytest.param(lambda: str(LEDGER), id="str"),
        pytest.param(lambda: LEDGER, id="pathlib.Path"),
        pytest.param(ledger_directives, id="list of Directives"),
        pytest.param(lambda: tuple(ledger_directives()), id="tuple of Directives"),
        pytest.param(lambda: [LEDGER / "2021", str(LEDGER / "2022")], id="list of folders"),
        pytest.param(lambda: [LEDGER / "2021" / "cyzx-2021-008.yaml", LEDGER / "2022"],
                     id="a file and a folder"),
    ],
)
def test_check_takes_the_ledger_as_a_folder_files_or_directives(book, villages, lockdown, given):
    report = book.check(lockdown, villages, ledger=given())
    assert sorted(report.ledger) == IN_FORCE_ON_0410
    assert [d["id"] for d in report.to_dict()["ledger"]] == report.ledger
    # The ledger's load and forms, as the command adds them. April hours a village of the five
    # directives in force on 2022-04-10: WJW-2022-018 45, FKB-2022-024 11, MZJ-2022-011 52,
    # CYZX-2022-015 77, CYZX-2021-008 2 × 52/12 + 1: what 徐练村 already works besides its 760.
    alone = book.check(lockdown, villages)
    ledger_hours = 45 + 11 + 52 + 77 + 2 * 52 / 12 + 1
    xulian = load_of(report, "徐练村")
    assert (xulian.ledger, xulian.baseline) == (pytest.approx(ledger_hours), pytest.approx(760 + ledger_hours))
    assert xulian.added == pytest.approx(added(alone, "徐练村"))
    assert (load_of(alone, "徐练村").ledger, load_of(alone, "徐练村").baseline) == (0, 760)
    assert xulian.utilisation == pytest.approx((xulian.baseline + xulian.added) / xulian.capacity)
    [forms] = codes(report, "QD008")
    assert [(f.item.directive, f.item.index, f.item.ledger, f.name) for f in forms.forms] == [
        ("QP-FKB-2022-031", 3, False, "重点人员日报表（卫健）"), ("QP-FKB-2022-031", 4, False, "重点人员登记表（派出所）"),
        ("QP-MZJ-2022-011", 3, True, "特殊困难群体需求摸排表"), ("QP-WJW-2022-018", 1, True, "核酸筛查结果日报表")]


def test_check_without_a_ledger_or_with_an_empty_one_has_none(book, villages, lockdown):
    assert book.check(lockdown, villages).ledger == []
    assert book.check(lockdown, villages, ledger=[]).ledger == []
    assert book.check(lockdown, villages, ledger=None).ledger == []
    assert len(codes(book.check(lockdown, villages), "QD008")[0].forms) == 2


def test_a_single_directive_or_file_is_a_ledger_too(book, villages, lockdown):
    standing = LEDGER / "2021" / "cyzx-2021-008.yaml"
    assert book.check(lockdown, villages, ledger=qingdan.Directive.load(standing)).ledger == \
        ["QP-CYZX-2021-008"]
    assert book.check(lockdown, villages, ledger=standing).ledger == ["QP-CYZX-2021-008"]
    # Not in force on 2022-04-10 (issued after it): not listed.
    assert book.check(lockdown, villages, ledger=LEDGER / "2022" / "yjj-2022-007.yaml").ledger == []


def test_check_with_a_ledger_reports_a_cap_it_exceeds(book, villages):
    fkb = qingdan.Directive.load(FKB)
    with_ledger = book.check(fkb, villages, ledger=LEDGER)
    [cap] = [f for f in codes(with_ledger, "QD016") if f.message.startswith("inspections")]
    assert (cap.severity, cap.name, cap.item.directive, cap.item.index) == \
        ("error", "cap-exceeded", "QP-FKB-2022-024", 1)
    # FKB-2022-024 (issued 04-01): 2 a month in April and May. Of the ledger, only WJW-2022-018
    # (03-28, monthly from March to June) is issued by 04-01 and has inspections: 4 more at every
    # place, the first of them in the tree named.
    assert cap.message == (
        "inspections (督查检查考核) for village (村居): 8 in 2022 at 上海市/青浦区/夏阳街道/示例居委会 "
        "(4 from the directives checked, 4 from the ledger), above the cap of 6 a year; 14 places over "
        "the cap in all")
    assert cap.message_in("zh").startswith(
        "村居（village）的督查检查考核：2022 年 上海市/青浦区/夏阳街道/示例居委会 共 8（本次审查的指令 4，台账 4）")
    assert not [f for f in codes(book.check(fkb, villages), "QD016") if f.message.startswith("inspections")]
    assert with_ledger.verdict == "reject"


def test_a_ledger_directive_with_the_id_of_one_checked_is_that_directive(book, villages):
    fkb = qingdan.Directive.load(FKB)
    alone = book.check(fkb, villages)
    itself = book.check(fkb, villages, ledger=[fkb])
    assert itself.ledger == []
    assert added(itself, "徐练村") == pytest.approx(added(alone, "徐练村"))
    assert [f.message for f in itself.findings] == [f.message for f in alone.findings]
    with_wjw = book.check(fkb, villages, ledger=[fkb, qingdan.Directive.load(WJW)])
    assert with_wjw.ledger == ["QP-WJW-2022-018"]
    [cap] = [f for f in codes(with_wjw, "QD016") if f.message.startswith("inspections")]
    assert "(4 from the directives checked, 4 from the ledger)" in cap.message


@pytest.mark.parametrize("twice", ["the same Directive", "a folder and one of its directives",
                                   "a folder and one of its files", "a folder and a folder in it"])
@pytest.mark.parametrize("use", ["check", "ledger"])
def test_a_ledger_directive_given_twice_is_an_error(book, villages, lockdown, twice, use):
    wjw = qingdan.Directive.load(WJW)
    given, again = {
        "the same Directive": ([wjw, wjw], WJW),
        "a folder and one of its directives": ([LEDGER / "2022", wjw], WJW),
        "a folder and one of its files": ([LEDGER / "2022", WJW], WJW),
        # The first directive of 2022 read twice, by the file name's order.
        "a folder and a folder in it": ([LEDGER, LEDGER / "2022"], LEDGER / "2022" / "cyzx-2022-015.yaml"),
    }[twice]
    with pytest.raises(qingdan.Error) as raised:
        if use == "check":
            book.check(lockdown, villages, ledger=given)
        else:
            book.ledger(given, villages=villages, year=2022)
    error = raised.value
    assert isinstance(error, ValueError)
    assert (error.code, error.file) == ("QL206", str(again))
    name = qingdan.Directive.load(again).id
    assert str(error).endswith(f"error: directive '{name}' is in the ledger twice (first from {again}) [QL206]")
    # Each once is no error.
    once = [wjw] if twice == "the same Directive" else [LEDGER]
    if use == "check":
        assert "QP-WJW-2022-018" in book.check(lockdown, villages, ledger=once).ledger
    else:
        assert book.ledger(once, villages=villages, year=2022).directives == \
            (1 if twice == "the same Directive" else 9)


def test_the_ledger_share_of_a_village_is_marked(book, villages, lockdown):
    report = book.check(lockdown, villages, ledger=LEDGER)
    shares = report.to_dict()["villages"]["most_loaded"]
    ledger_shares = [s for v in shares for s in v["top_items"] if s["ledger"]]
    assert ledger_shares and {s["directive"] for s in ledger_shares} <= set(IN_FORCE_ON_0410)
    assert not any(s["ledger"] for v in book.check(lockdown, villages).to_dict()["villages"]["most_loaded"]
                   for s in v["top_items"])
    assert "ledger: directives in force counted in the load and compared for forms (5): " in report.to_text()
    # The ItemRef of each share says whether it is the ledger's: at every village, the daily 涉疫工单
    # of CYZX-2022-015, 30 × 1.5 hours, among the five largest.
    summary = report.villages
    assert len(summary.top_items) == len(summary.most_loaded) == 7
    for village, top in zip(summary.most_loaded, summary.top_items):
        assert [(s.item.directive, s.item.index, s.hours) for s in top if s.item.ledger] == \
            [("QP-CYZX-2022-015", 1, 45.0)]
        assert all(s.item.directive == "QP-FKB-2022-031" for s in top if not s.item.ledger)
        assert village.ledger == pytest.approx(45 + 11 + 52 + 77 + 2 * 52 / 12 + 1)
    assert "台账：计入负荷并比对表单的有效指令 5 份：" in report.to_text(language="zh")


@pytest.mark.parametrize(
    "bad, message",
    [
        (5, "ledger must be an iterable of Directive, not int"),
        ([5], "ledger[0] must be Directive, or the path of a file or folder, not int"),
        ([None], "ledger[0] must be Directive, or the path of a file or folder, not NoneType"),
        (b"examples/ledger", "ledger must be a sequence of Directive, not a single bytes; wrap it in a list"),
        ([LEDGER, 2.5], "ledger[1] must be Directive, or the path of a file or folder, not float"),
    ],
)
def test_a_bad_ledger_argument_is_a_type_error(book, lockdown, bad, message):
    with pytest.raises(TypeError) as error:
        book.check(lockdown, ledger=bad)
    assert str(error.value) == message


def test_a_ledger_path_with_a_nul_is_a_value_error(book, lockdown):
    with pytest.raises(ValueError):
        book.check(lockdown, ledger="examples\0ledger")


def copy_ledger(tmp_path: pathlib.Path) -> pathlib.Path:
    folder = tmp_path / "ledger"
    for path in LEDGER.rglob("*.yaml"):
        target = folder / path.relative_to(LEDGER)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    return folder


@pytest.mark.parametrize(
    "name, text, position, code, message",
    [
        ("villages.yaml", "qingdan: 1\nkind: villages\nvillages: []\n", (2, 7), "QL012",
         "expected a file of kind 'directive', found kind 'villages'"),
        ("bad.yaml", "qingdan: 1\nkind: directive\nid: X\nissued: 2022-04-01\nitems:\n"
         "  - {task: a, frequency: daily, effort_hours: 1, type: sigh}\n", (6, 56), "QL105",
         "'type' must be one of task (任务), form (表格), report (报表), inspection (督查检查考核), meeting (会议), "
         "app (平台), sign (牌子), campaign (创建达标); found 'sigh' (did you mean 'sign'?)"),
        ("late.yaml", "qingdan: 1\nkind: directive\nid: X\nissued: 2022-04-01\nuntil: 2022-03-01\nitems:\n"
         "  - {task: a, frequency: daily, effort_hours: 1}\n", (5, 8), "QL209",
         "'until' 2022-03-01 is before 'issued' 2022-04-01"),
        ("twice.yml", FKB.read_text(encoding="utf-8"), (4, 1), "QL206",
         "a directive of id 'QP-FKB-2022-024' is in the folder twice (first in {first})"),
    ],
)
@pytest.mark.parametrize("use", ["check", "ledger"])
def test_a_bad_ledger_file_is_an_error_at_its_place(book, villages, lockdown, tmp_path, name, text,
                                                    position, code, message, use):
    folder = copy_ledger(tmp_path)
    path = folder / "2022" / "zz" / name
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    with pytest.raises(qingdan.Error) as raised:
        if use == "check":
            book.check(lockdown, villages, ledger=folder)
        else:
            qingdan.ledger(folder, rules=book, villages=villages, year=2022)
    error = raised.value
    assert isinstance(error, ValueError)
    assert (error.file, (error.line, error.column), error.code) == (str(path), position, code)
    expected = message.format(first=folder / "2022" / "fkb-2022-024.yaml")
    assert str(error) == f"{path}:{position[0]}:{position[1]}: error: {expected} [{code}]"


def test_a_missing_ledger_is_an_error(book, lockdown, tmp_path):
    with pytest.raises(qingdan.Error) as raised:
        book.check(lockdown, ledger=tmp_path / "nowhere")
    assert raised.value.code == "QL001"
    assert str(raised.value) == \
        f"{tmp_path / 'nowhere'}: error: cannot read file: No such file or directory [QL001]"


def test_directive_items_say_their_type_and_approval():
    directive = qingdan.Directive.load(LEDGER / "2022" / "sww-2022-009.yaml")
    assert [(item.type, item.approval, item.self_approved) for item in directive.items] == [
        ("task", None, False), ("form", None, True), ("task", None, False), ("report", None, False)]
    cited = qingdan.Directive.load(LEDGER / "2022" / "mzj-2022-011.yaml")
    assert [item.approval for item in cited.items][:2] == ["示例准入〔2022〕2号"] * 2
    chinese = qingdan.Directive.from_dict({
        "id": "X", "issued": "2022-04-01",
        "items": [{"task": "a", "frequency": "once", "effort_hours": 1, "type": "督查检查考核"}]})
    assert chinese.items[0].type == "inspection"


def test_a_directive_says_until_when():
    assert qingdan.Directive.load(LEDGER / "2022" / "sww-2022-009.yaml").until == datetime.date(2022, 5, 31)
    assert qingdan.Directive.load(LEDGER / "2021" / "cyzx-2021-008.yaml").until is None
    ending = qingdan.Directive.from_dict({
        "id": "X", "issued": "2022-04-01", "until": "2022-04-30",
        "items": [{"task": "a", "frequency": "once", "effort_hours": 1}]})
    assert (ending.issued, ending.until) == (datetime.date(2022, 4, 1), datetime.date(2022, 4, 30))


# --- Rulebook.approvals and Approval -------------------------------------------------------------


def test_approvals_without_arguments_is_the_whole_register(book):
    listed = book.approvals()
    assert [a.id for a in listed] == APPROVAL_IDS
    assert all(isinstance(a, qingdan.Approval) for a in listed)
    assert repr(listed[0]) == "Approval('示例准入〔2022〕1号')"


def test_approvals_in_force_on_a_day(book):
    assert [a.id for a in book.approvals(at="2022-05-15")] == APPROVAL_IDS[1:5]
    assert [a.id for a in book.approvals(at=datetime.date(2022, 5, 15))] == APPROVAL_IDS[1:5]
    # The first and the last day in force count.
    assert [a.id for a in book.approvals(at="2022-04-01")] == ["示例准入〔2022〕2号"]
    assert [a.id for a in book.approvals(at="2022-03-31")] == ["示例准入〔2022〕1号"]
    assert book.approvals(at="2023-06-01") == []
    today = datetime.date.today()
    assert [a.id for a in book.approvals(at=today)] == [a.id for a in book.approvals() if a.in_force(today)]


def test_approvals_expiring(book):
    assert [a.id for a in book.approvals(at="2026-11-30", expiring=30)] == ["示例准入〔2024〕2号"]
    assert [a.id for a in book.approvals(at="2026-11-30", expiring=31)] == APPROVAL_IDS[5:]
    assert [a.id for a in book.approvals(at="2026-12-20", expiring=0)] == ["示例准入〔2024〕2号"]
    assert [a.id for a in book.approvals(at="2022-06-01", expiring=30)] == ["示例准入〔2022〕2号"]
    # Only those in force: an expired one does not "expire within" any days.
    assert book.approvals(at="2027-01-01", expiring=3650) == []


def test_an_approval_has_every_field(book):
    listed = {a.id: a for a in book.approvals()}
    second = listed["示例准入〔2022〕2号"]
    assert (second.task.id, second.task.name) == ("XZ-26", "高龄、独居老人关爱走访")
    assert second.category == ""
    assert (second.jurisdiction, second.levels) == ("上海市/青浦区", ["village"])
    assert (second.from_, second.until) == (datetime.date(2022, 4, 1), datetime.date(2022, 6, 30))
    assert (second.max_per_month, second.funding) == (8.0, False)
    assert second.issuer == "青浦区基层减负办（示例）"
    assert second.note.startswith("示例：封控期间区民政局请村居对高龄、独居老人上门关爱走访")
    assert (second.illustrative, second.file, second.line) == (True, "approvals.yaml", 36)
    assert listed["示例准入〔2022〕3号"].levels == ["town"]
    assert listed["示例准入〔2022〕3号"].max_per_month is None
    assert listed["示例准入〔2022〕4号"].jurisdiction == "上海市/青浦区/练塘镇"
    assert listed["示例准入〔2022〕5号"].funding is True
    assert second.in_force("2022-04-01") and second.in_force(datetime.date(2022, 6, 30))
    assert not second.in_force("2022-03-31") and not second.in_force("2022-07-01")


def test_an_approval_of_a_category_and_without_an_end(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "rulebook.yaml").write_text(
        "qingdan: 1\nkind: rulebook\nlevels: [{id: town, name: 镇}, {id: village, name: 村}]\n"
        "jurisdictions:\n  东镇:\n    一村: {}\n", encoding="utf-8")
    (folder / "tasks.yaml").write_text(
        "qingdan: 1\nkind: tasks\ntasks:\n  - {id: ZM-01, name: 开具亲属关系证明, category: 证明事项}\n"
        "  - {id: ZM-02, name: 开具居住证明, category: 证明事项}\n", encoding="utf-8")
    (folder / "approvals.yaml").write_text(
        "qingdan: 1\nkind: approvals\nentries:\n  - {id: 准1, category: 证明事项, from: 2023-01-01, "
        "levels: [镇, 村], issuer: 东镇}\n", encoding="utf-8")
    book = qingdan.Rulebook.load(folder)
    [approval] = book.approvals()
    assert (approval.task, approval.category, approval.until) == (None, "证明事项", None)
    assert (approval.jurisdiction, approval.levels, approval.illustrative) == ("东镇", ["town", "village"], False)
    assert approval.in_force("2999-12-31") and not approval.in_force("2022-12-31")
    assert book.approvals(at="2030-01-01", expiring=3650) == []
    directive = qingdan.Directive.from_dict({
        "id": "D", "issued": "2023-05-01",
        "items": [{"task": "开具居住证明", "frequency": "once", "effort_hours": 1, "approved": "准1"},
                  {"task": "开具亲属关系证明", "to": "镇", "frequency": "once", "effort_hours": 1, "approved": "准1"},
                  {"task": "开具亲属关系证明", "frequency": "once", "effort_hours": 1}]})
    report = book.check(directive)
    assert [(f.code, f.item.index) for f in report.findings] == [("QD003", 3)]


@pytest.mark.parametrize(
    "arguments, error, message",
    [
        ({"at": "2022-13-01"}, qingdan.Error,
         "error: bad date '2022-13-01' for at: expected a calendar date as YYYY-MM-DD [QU001]"),
        ({"expiring": -1}, ValueError, "expiring must be a whole number from 0 to 36500, found -1"),
        ({"expiring": 36501}, ValueError, "expiring must be a whole number from 0 to 36500, found 36501"),
        ({"expiring": "30d"}, TypeError, "expiring must be int, not str"),
        ({"at": 20220101}, TypeError, None),
    ],
)
def test_bad_approvals_arguments(book, arguments, error, message):
    with pytest.raises(error) as raised:
        book.approvals(**arguments)
    if message:
        assert str(raised.value) == message


def test_approvals_takes_keywords_only(book):
    with pytest.raises(TypeError):
        book.approvals("2022-05-15")


# --- qingdan.ledger and LedgerReport -------------------------------------------------------------


def test_the_ledger_from_paths_is_the_ledger_from_objects(book, villages, ledger_2022):
    by_paths = qingdan.ledger(str(LEDGER), rules=str(QINGPU), villages=str(VILLAGES), year=2022)
    assert by_paths.to_dict() == ledger_2022.to_dict()
    by_objects = qingdan.ledger(ledger_directives(), rules=book, villages=villages, year=2022)
    assert by_objects.to_dict() == ledger_2022.to_dict()
    assert (ledger_2022.year, ledger_2022.directives, ledger_2022.previous_directives) == (2022, 9, 4)
    assert ledger_2022.fingerprint == book.fingerprint
    assert repr(ledger_2022) == "LedgerReport(2022, 7 villages)"


def test_ledger_rows(ledger_2022):
    rows = ledger_2022.rows()
    assert [row["kind"] for row in rows] == ["total"] + ["department"] * 8 + ["village"] * 7
    for row in rows:
        assert set(row) == {"kind", "name", "year", "directives", "directives_previous", "grew",
                            *MEASURES, *(m + "_previous" for m in MEASURES)}
        assert row["year"] == 2022
        assert row["grew"] == [m for m in MEASURES if row[m] > row[m + "_previous"] + 1e-9]
    total, departments, villages = rows[0], rows[1:9], rows[9:]
    assert (total["name"], total["directives"], total["directives_previous"]) == ("", 9, 4)
    for measure in MEASURES:
        for suffix in ("", "_previous"):
            assert total[measure + suffix] == pytest.approx(sum(v[measure + suffix] for v in villages))
            assert total[measure + suffix] == pytest.approx(sum(d[measure + suffix] for d in departments))
    xulian = next(row for row in villages if row["name"] == "上海市/青浦区/练塘镇/徐练村")
    assert (xulian["inspections"], xulian["inspections_previous"]) == (11, pytest.approx(5))
    assert (xulian["reports"], xulian["fields"]) == (446, 975)
    assert xulian["forms"] == pytest.approx(191.3333, abs=1e-3)
    assert xulian["hours"] == pytest.approx(1448.9733, abs=1e-3)  # a year's hours; the text shows /12
    town = next(row for row in departments if row["name"] == "练塘镇人民政府")
    assert (town["directives"], town["directives_previous"], town["reports"]) == (1, 0, 78)
    # The JSON says the same.
    document = ledger_2022.to_dict()
    assert document == json.loads(ledger_2022.to_json())
    assert document["total"]["year"]["inspections"] == total["inspections"]
    assert [d["name"] for d in document["departments"]] == [d["name"] for d in departments]


def test_ledger_to_arrow(ledger_2022):
    pyarrow = pytest.importorskip("pyarrow")
    table = ledger_2022.to_arrow()
    assert isinstance(table, pyarrow.Table)
    assert table.num_rows == 16
    assert table.column("kind").to_pylist() == ["total"] + ["department"] * 8 + ["village"] * 7
    assert table.column("inspections").to_pylist() == [row["inspections"] for row in ledger_2022.rows()]


def test_ledger_to_pandas(ledger_2022):
    pytest.importorskip("pandas")
    frame = ledger_2022.to_pandas()
    assert frame.shape[0] == 16
    assert list(frame["name"]) == [row["name"] for row in ledger_2022.rows()]
    total = frame.loc[frame["kind"] == "total", "hours"].iloc[0]
    assert total == pytest.approx(ledger_2022.rows()[0]["hours"])


def test_ledger_to_arrow_and_to_pandas_hand_over_the_rows(ledger_2022, monkeypatch):
    """Whether or not pyarrow and pandas are installed: each gets the rows, as they are."""
    handed = {}

    class Table:
        @staticmethod
        def from_pylist(rows):
            handed["arrow"] = rows
            return "table"

    monkeypatch.setitem(sys.modules, "pyarrow", types.SimpleNamespace(Table=Table))
    monkeypatch.setitem(sys.modules, "pandas",
                        types.SimpleNamespace(DataFrame=lambda rows: handed.setdefault("pandas", rows)))
    assert ledger_2022.to_arrow() == "table"
    assert handed["arrow"] == ledger_2022.rows()
    assert ledger_2022.to_pandas() == ledger_2022.rows()


def test_ledger_to_arrow_without_pyarrow_says_so(ledger_2022, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError):
        ledger_2022.to_arrow()


def test_ledger_text_and_html(ledger_2022, tmp_path):
    text = ledger_2022.to_text()
    assert text.splitlines()[0] == "ledger 2022: 9 directives reached villages (2021: 4); 7 villages"
    assert ledger_2022.to_text(language="zh").splitlines()[0] == \
        "2022 年台账：9 份指令下达到村居（2021 年 4 份）；7 个村居"
    html = ledger_2022.to_html()
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html
    assert 'id="monthly-hours"' in html and 'id="villages"' in html
    assert '<html lang="zh-CN">' in ledger_2022.to_html(language="zh")
    page = tmp_path / "ledger.html"
    ledger_2022.write_html(page)
    assert page.read_text(encoding="utf-8") == html
    ledger_2022.write_html(str(page), language="zh")
    assert page.read_text(encoding="utf-8") == ledger_2022.to_html(language="zh")


def test_a_ledger_of_no_directives(book, villages):
    empty = book.ledger([], villages=villages, year=2022)
    assert (empty.directives, empty.previous_directives) == (0, 0)
    assert all(row[m] == 0 for row in empty.rows() for m in MEASURES)
    assert [row["kind"] for row in empty.rows()] == ["total"] + ["village"] * 7


@pytest.mark.parametrize(
    "arguments, error, message",
    [
        ({"villages": "rules/shanghai-qingpu/villages.csv", "year": 2022}, TypeError,
         "villages must be Villages, not str"),
        ({"year": "2022"}, TypeError, "year must be int, not str"),
        ({"year": 2022.0}, TypeError, "year must be int, not float"),
        ({"year": 3000}, ValueError, "year must be a whole number from 0 to 2999, found 3000"),
        ({"year": -1}, ValueError, "year must be a whole number from 0 to 2999, found -1"),
    ],
)
def test_bad_ledger_arguments(book, villages, arguments, error, message):
    with pytest.raises(error) as raised:
        book.ledger(LEDGER, **{"villages": villages, **arguments})
    assert str(raised.value) == message


def test_ledger_needs_its_arguments(book, villages):
    with pytest.raises(TypeError, match="ledger must be an iterable of Directive, not NoneType"):
        book.ledger(None, villages=villages, year=2022)
    with pytest.raises(TypeError):
        book.ledger(LEDGER, villages, year=2022)  # villages is keyword only
    with pytest.raises(TypeError):
        qingdan.ledger(LEDGER, rules=book, villages=None, year=2022)
    with pytest.raises(TypeError):
        qingdan.ledger(LEDGER, villages=villages)  # rules is required


def test_ledger_without_villages_is_a_type_error(book):
    with pytest.raises(TypeError):
        book.ledger(LEDGER, villages=None, year=2022)


# --- village profiles with extra capacity (docs/format.md §9.1) ------------------------------------

EMERGENCY = {"id": "T-EM", "issued": "2022-04-10", "until": "2022-04-30", "jurisdiction": "练塘镇",
             "mode": "emergency",
             "items": [{"task": "组织居民参加核酸筛查", "frequency": "daily", "effort_hours": 8, "funding": True}]}


def test_extra_capacity_from_a_village_file(book, tmp_path):
    path = tmp_path / "villages.yaml"
    path.write_text("qingdan: 1\nkind: villages\nvillages:\n"
                    "  - {jurisdiction: 徐练村, staff: 2, baseline_hours: 100, extra_staff: 3, extra_hours: 40, "
                    "extra_mode: 应急}\n"
                    "  - {jurisdiction: 东庄村, staff: 2, baseline_hours: 100}\n", encoding="utf-8")
    profiles = qingdan.Villages.load(path)
    emergency = book.check(qingdan.Directive.from_dict(EMERGENCY), profiles)
    normal = book.check(qingdan.Directive.from_dict({**EMERGENCY, "mode": "normal"}), profiles)
    capacity = {v.jurisdiction.rsplit("/", 1)[1]: v.capacity for v in emergency.villages.most_loaded}
    assert capacity == {"徐练村": 840, "东庄村": 320}
    assert {v.capacity for v in normal.villages.most_loaded} == {320}
    assert emergency.to_dict()["villages"]["with_extra_capacity"] == 1
    assert normal.to_dict()["villages"]["with_extra_capacity"] == 0
    # The same from the objects: 3 × 160 + 40 more at 徐练村 in emergency, and the mode they count in.
    assert (emergency.villages.with_extra_capacity, emergency.villages.extra_capacity_modes) == (1, ["emergency"])
    assert (normal.villages.with_extra_capacity, normal.villages.extra_capacity_modes) == (0, [])
    assert {v.jurisdiction.rsplit("/", 1)[1]: v.extra for v in emergency.villages.most_loaded} == \
        {"徐练村": 520, "东庄村": 0}
    assert {v.extra for v in normal.villages.most_loaded} == {0}


def test_extra_capacity_from_dicts(book):
    profiles = qingdan.Villages.from_dicts([
        {"jurisdiction": "徐练村", "staff": 2, "baseline_hours": 100, "extra_staff": 3, "extra_hours": 40,
         "extra_mode": "emergency"},
        {"jurisdiction": "东庄村", "staff": 2, "baseline_hours": 100}])
    report = book.check(qingdan.Directive.from_dict(EMERGENCY), profiles)
    assert {v.jurisdiction.rsplit("/", 1)[1]: v.capacity for v in report.villages.most_loaded} == \
        {"徐练村": 840, "东庄村": 320}
    assert {v.jurisdiction.rsplit("/", 1)[1]: v.extra for v in report.villages.most_loaded} == \
        {"徐练村": 520, "东庄村": 0}
    assert (report.villages.with_extra_capacity, report.villages.extra_capacity_modes) == (1, ["emergency"])


@pytest.mark.parametrize(
    "row, code, message",
    [
        ({"extra_staff": 3}, "QV002",
         "village 徐练村 gives extra staff or hours but no 'extra_mode' they apply in"),
        ({"extra_hours": 40, "extra_mode": "wartime"}, "QQ003",
         "unknown mode 'wartime' (modes: normal (常态), emergency (应急))"),
    ],
)
def test_extra_capacity_from_dicts_needs_its_mode(book, row, code, message):
    def check():
        profiles = qingdan.Villages.from_dicts([{"jurisdiction": "徐练村", "staff": 2, **row}])
        book.check(qingdan.Directive.from_dict(EMERGENCY), profiles)

    with pytest.raises(qingdan.Error) as raised:
        check()
    assert raised.value.code == code
    assert str(raised.value) == f"<village dicts>:1: error: {message} [{code}]"


def test_extra_capacity_without_its_mode_is_an_error_at_its_place(tmp_path):
    path = tmp_path / "villages.yaml"
    path.write_text("qingdan: 1\nkind: villages\nvillages:\n"
                    "  - {jurisdiction: 徐练村, staff: 2, extra_staff: 3}\n", encoding="utf-8")
    with pytest.raises(qingdan.Error) as raised:
        qingdan.Villages.load(path)
    assert (raised.value.file, raised.value.line, raised.value.column, raised.value.code) == \
        (str(path), 4, 5, "QV002")
    assert "gives extra staff or hours but no 'extra_mode' they apply in" in str(raised.value)
