"""Importing a directive's task table (附件：工作任务清单) from Word, Excel and CSV into a
`kind: directive` file that loads and checks."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path
from typing import List, Sequence

import pytest

import qingdan
from qingdan import importer
from qingdan._task_tables import HEADER_NAMES, Frequency, parse_frequency
from conftest import LOCALE_VARIABLES, ROOT

NATIONAL = ROOT / "rules" / "national-village"
COUNTY = "全国/示例省/示例市/示例县"
HEADER = ["序号", "工作任务", "频次", "责任单位", "完成时限"]
TASKS = [
    ["1", "报送流动人口登记台账", "每月", "县公安局", "每月5日前"],
    ["2", "开展防汛巡查", "每周两次", "县水利局", "汛期（6月—9月）"],
    ["3", "人口普查入户登记", "一次性", "县统计局", "2025年11月30日前"],
    ["4", "低保入户调查、民主评议和公示", "每季度", "县民政局", "每季度末"],
    ["5", "城乡居民医疗保险参保登记", "每年", "县医疗保障局", "2025年12月31日前"],
    ["6", "灾害信息员报灾", "每日两次", "县应急管理局", "汛期"],
    ["7", "困境儿童、留守妇女关爱走访", "每半年", "县妇联", "/"],
    ["8", "兵役登记摸底、征兵宣传", "", "县人武部", "2025年6月30日前"],
    ["9", "社区矫正人员走访", "每月3次", "县司法局", "长期"],
]
# what each of TASKS becomes, as Directive.load reads it back
FREQUENCIES = ["monthly", "2 per week", "once", "quarterly", "yearly", "2 per day", "2 per year", "once",
               "3 per month"]


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Messages in English whatever the machine's locale."""
    for variable in LOCALE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)


def word_file(path: Path, rows: Sequence[Sequence[str]], header: Sequence[str] = HEADER,
              tables_before: Sequence[Sequence[Sequence[str]]] = ()) -> Path:
    """A notice as county offices send it: issuer, title, body, then the attachment's task table
    under a title row merged across it."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("示例县民政局")
    document.add_paragraph("关于做好2025年村级组织协助工作事项的通知")
    document.add_paragraph("各乡镇人民政府：现将《2025年村级工作任务清单》印发给你们，请结合实际认真抓好落实。")
    for cells in tables_before:
        add_word_table(document, cells)
    document.add_paragraph("附件：工作任务清单")
    table = add_word_table(document, [["附件：示例县2025年村级工作任务清单"] * len(header), header, *rows])
    table.cell(0, 0).merge(table.cell(0, len(header) - 1))
    document.save(path)
    return path


def add_word_table(document, rows: Sequence[Sequence[str]]):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for number, cells in enumerate(rows):
        for column, text in enumerate(cells):
            table.cell(number, column).text = text
    return table


def run_import(source: Path, out: Path, *extra: str) -> int:
    return importer.main(["directive", str(source), "--out", str(out), "--id", "SL-MZJ-2025-12",
                          "--issued", "2025-07-01", "--jurisdiction", COUNTY, "--issuer-level", "county",
                          "--issuer-department", "县民政局", *extra])


def item_lines(text: str) -> List[str]:
    return [line.strip() for line in text.splitlines() if line.startswith("  ")]


def test_a_word_task_table_becomes_a_directive_that_loads_and_checks(tmp_path, capsys):
    out = tmp_path / "directive.yaml"
    assert run_import(word_file(tmp_path / "通知.docx", TASKS), out, "--effort-hours", "2") == 0
    printed = capsys.readouterr().out
    assert f"read table 1 of {tmp_path / '通知.docx'}, header on row 2" in printed
    assert "columns: task ← 工作任务, frequency ← 频次, department ← 责任单位, deadline ← 完成时限, number ← 序号" \
        in printed
    assert "frequency from the deadline: row 10" in printed
    assert "title from the document: 关于做好2025年村级组织协助工作事项的通知" in printed
    assert f"wrote {out} (9 items)" in printed

    text = out.read_text(encoding="utf-8")
    assert text.startswith("# imported from 通知.docx, table 1 (header on row 2), by python -m qingdan.importer "
                           "directive\nqingdan: 1\nkind: directive\nid: \"SL-MZJ-2025-12\"\n"
                           "title: \"关于做好2025年村级组织协助工作事项的通知\"\n"
                           "issuer: {level: \"county\", department: \"县民政局\"}\nissued: 2025-07-01\n")
    assert item_lines(text)[:10] == [
        "# table 1 row 3 (序号 1)",
        '- task: "报送流动人口登记台账"',
        "frequency: monthly",
        "effort_hours: 2",
        'note: "责任单位：县公安局；完成时限：每月5日前"',
        "# table 1 row 4 (序号 2)",
        '- task: "开展防汛巡查"',
        "frequency: {times: 2, per: week}",
        "effort_hours: 2",
        'note: "责任单位：县水利局；完成时限：汛期（6月—9月）"',
    ]
    assert "# table 1 row 10 (序号 8); frequency from 完成时限" in item_lines(text)
    assert 'note: "责任单位：县妇联"' in item_lines(text)  # the '/' deadline is no deadline

    directive = qingdan.Directive.load(str(out))
    assert [item.task for item in directive.items] == [row[1] for row in TASKS]
    assert [item.frequency for item in directive.items] == FREQUENCIES
    assert {item.effort_hours for item in directive.items} == {2}
    report = qingdan.Rulebook.load(str(NATIONAL)).check(directive)
    census = [finding.code for finding in report.findings if finding.item and finding.item.index == 3]
    # 人口普查入户登记 is lawful assistance, but funding must come with it, and the lists give it
    # to 县统计局, not to the 县民政局 that sends it.
    assert census == ["QD004", "QD013"]


def test_the_best_matching_table_is_taken_and_said(tmp_path, capsys):
    contacts = [["联系人", "联系电话"], ["王明", "0000-1234567"]]
    summary = [["序号", "工作任务"], ["1", "报送流动人口登记台账"]]
    source = word_file(tmp_path / "通知.docx", TASKS[:3], tables_before=[contacts, summary])
    out = tmp_path / "directive.yaml"
    assert run_import(source, out, "--effort-hours", "1") == 0
    printed = capsys.readouterr().out
    assert "read table 3 of" in printed
    assert "also a task table: table 2 (--table 2)" in printed
    assert len(qingdan.Directive.load(str(out)).items) == 3

    assert run_import(source, out, "--effort-hours", "1", "--table", "2") == 2
    assert "table 2 has no column that says how often" in capsys.readouterr().err


def workbook_file(path: Path, last_frequency: str) -> Path:
    """A county office's workbook: an instructions sheet first, then the task sheet with a title
    row and a 填报单位 row merged across it, the header on row 3, and 牵头单位 merged down."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "填报说明"
    notes.append(["填报说明"])
    notes.append(["1. 请各村于每月5日前报送上月台账。"])
    sheet = book.create_sheet("任务清单")
    header = ["序号", "工作内容", "报送频次", "预计工时（小时）", "表格名称", "填报字段", "牵头单位", "工作要求"]
    sheet.append(["附件：示例镇2025年村级工作任务清单"])
    sheet.append(["填报单位：示例镇人民政府"])
    sheet.append(header)
    sheet.append([1, "流动人口居住登记协助", "每月", 1.5, "流动人口登记台账", "姓名、身份证号，现住址;登记日期",
                  "县公安局", "做到应登尽登"])
    sheet.append([2, "社区矫正、安置帮教协助", "1次/周", 2, None, None, None, "每周走访一次"])
    sheet.append([3, "灾害信息员报灾、应急知识宣传", last_frequency, 0.5, None, None, "县应急管理局", None])
    sheet.merge_cells("A1:H1")
    sheet.merge_cells("A2:H2")
    sheet.merge_cells("G4:G5")
    book.save(path)
    return path


def test_a_workbook_sheet_below_merged_title_rows(tmp_path, capsys):
    source = workbook_file(tmp_path / "任务清单.xlsx", last_frequency="汛期每日")
    out = tmp_path / "directive.yaml"
    assert run_import(source, out) == 1
    captured = capsys.readouterr()
    assert "read sheet '任务清单' of" in captured.out and "header on row 3" in captured.out
    assert "not imported: 工作要求" in captured.out
    assert captured.err.splitlines() == [
        "sheet '任务清单' row 6: 报送频次 '汛期每日' is not a frequency qingdan knows "
        "(每日, 每周, 每月, 每季度, 每年, 每半年, 一次性, 每周两次, 2次/月 …)",
        "nothing written: 1 of the table's rows cannot be imported",
    ]
    assert not out.exists()

    source = workbook_file(tmp_path / "任务清单.xlsx", last_frequency="每日")
    assert run_import(source, out, "--sheet", "任务清单") == 0
    items = item_lines(out.read_text(encoding="utf-8"))
    assert items[:6] == [
        "# sheet '任务清单' row 4 (序号 1)",
        '- task: "流动人口居住登记协助"',
        "frequency: monthly",
        "effort_hours: 1.5",
        'form: {name: "流动人口登记台账", fields: ["姓名", "身份证号", "现住址", "登记日期"]}',
        'note: "牵头单位：县公安局"',
    ]
    assert 'note: "牵头单位：县公安局"' in items[6:12]  # 牵头单位 merged over rows 4 and 5
    directive = qingdan.Directive.load(str(out))
    assert [item.effort_hours for item in directive.items] == [1.5, 2, 0.5]
    assert directive.items[0].form.fields == ["姓名", "身份证号", "现住址", "登记日期"]


def test_a_csv_table_with_levels_and_a_default_effort(tmp_path, capsys):
    source = tmp_path / "任务.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as file:
        csv.writer(file).writerows([["工作事项", "频率", "工作量（小时）", "承接层级"],
                                    ["组织召开村民代表会议", "每季度2次", "", "village"],
                                    ["填报农村人居环境整治进度", "2次/月", "3", ""],
                                    ["", "", "", ""],
                                    ["乡镇安全生产检查", "每月", "4", "town"]])
    out = tmp_path / "directive.yaml"
    assert run_import(source, out, "--effort-hours", "2", "--to", "village") == 0
    directive = qingdan.Directive.load(str(out))
    assert [(item.frequency, item.effort_hours, item.to) for item in directive.items] == [
        ("8 per year", 2, "village"), ("2 per month", 3, "village"), ("monthly", 4, "town")]
    assert "# 任务.csv row 5" in item_lines(out.read_text(encoding="utf-8"))
    capsys.readouterr()


def test_a_csv_table_saved_by_excel_in_gbk(tmp_path, capsys):
    source = tmp_path / "任务.csv"
    source.write_text("序号,工作任务,频次\n1,报送流动人口登记台账,每月\n", encoding="gbk")
    out = tmp_path / "directive.yaml"
    assert run_import(source, out, "--effort-hours", "1") == 0
    assert [item.task for item in qingdan.Directive.load(str(out)).items] == ["报送流动人口登记台账"]
    capsys.readouterr()


def test_a_word_file_without_python_docx_is_refused_with_the_package_to_install(tmp_path, capsys, monkeypatch):
    source = word_file(tmp_path / "通知.docx", TASKS)
    monkeypatch.setitem(sys.modules, "docx", None)  # as if python-docx were not installed
    assert run_import(source, tmp_path / "directive.yaml", "--effort-hours", "1") == 2
    assert capsys.readouterr().err == f"error: reading {source} needs python-docx: pip install python-docx\n"


def test_rows_that_cannot_be_read_are_reported_by_row_and_nothing_is_written(tmp_path, capsys):
    rows = [*TASKS[:4], ["5", "上级临时交办事项", "不定期", "县委办", ""], ["6", "", "每月", "县民政局", ""],
            ["7", "开展人居环境整治", "", "县农业农村局", "长期"]]
    out = tmp_path / "directive.yaml"
    assert run_import(word_file(tmp_path / "通知.docx", rows), out) == 1
    assert capsys.readouterr().err.splitlines() == [
        "table 1 row 3: no effort: the table has no effort column (预计工时, 工作量, 工时) and no --effort-hours "
        "was given",
        "table 1 row 4: no effort: the table has no effort column (预计工时, 工作量, 工时) and no --effort-hours "
        "was given",
        "table 1 row 5: no effort: the table has no effort column (预计工时, 工作量, 工时) and no --effort-hours "
        "was given",
        "table 1 row 6: no effort: the table has no effort column (预计工时, 工作量, 工时) and no --effort-hours "
        "was given",
        "table 1 row 7: 频次 '不定期' is not a frequency qingdan knows (每日, 每周, 每月, 每季度, 每年, 每半年, 一次性, "
        "每周两次, 2次/月 …)",
        "table 1 row 8: no task: the cell in column '工作任务' is empty",
        "table 1 row 9: no frequency, and 完成时限 '长期' is not one date, so it does not make the task a one-off",
        "nothing written: 7 of the table's rows cannot be imported",
    ]
    assert not out.exists()


def test_section_rows_merged_across_the_table_are_passed_over(tmp_path, capsys):
    rows = [["一、平安建设"] * 5, *TASKS[:2], ["二、社会保障"] * 5, TASKS[4]]
    out = tmp_path / "directive.yaml"
    assert run_import(word_file(tmp_path / "通知.docx", rows), out, "--effort-hours", "1") == 0
    assert "passed over as section rows: rows 3, 6" in capsys.readouterr().out
    assert len(qingdan.Directive.load(str(out)).items) == 3


def test_map_names_unusual_headers_and_an_unknown_header_is_named(tmp_path, capsys):
    header = ["编号", "工作项目", "开展频度", "责任单位"]
    rows = [["1", "报送流动人口登记台账", "每月", "县公安局"], ["2", "开展防汛巡查", "每周两次", "县水利局"]]
    source = word_file(tmp_path / "通知.docx", rows, header=header)
    out = tmp_path / "directive.yaml"
    assert run_import(source, out, "--effort-hours", "1") == 2
    assert capsys.readouterr().err == (
        f"error: {source}: no task table: no table has, among its first 10 rows, a header naming the task "
        "column (工作任务, 任务内容, 工作内容, 事项名称, 工作事项, 任务名称, 任务) and one more known column; "
        "headers seen: table 1 row 2: 编号, 工作项目, 开展频度, 责任单位; name the columns with "
        "--map task=HEADER,frequency=HEADER\n")
    assert not out.exists()

    assert run_import(source, out, "--effort-hours", "1", "--map", "task=工作项目，frequency=开展频度") == 0
    assert "columns: task ← 工作项目, frequency ← 开展频度, department ← 责任单位, number ← 编号" \
        in capsys.readouterr().out
    assert [item.frequency for item in qingdan.Directive.load(str(out)).items] == ["monthly", "2 per week"]

    assert run_import(source, out, "--effort-hours", "1", "--map", "task=工作项目,frequency=频次") == 2
    assert "--map frequency=频次: table 1 has no column '频次' (its headers: 编号, 工作项目, 开展频度, 责任单位)" \
        in capsys.readouterr().err


@pytest.mark.parametrize("make, extra, message", [
    (lambda folder: folder / "无此文件.docx", [], "无此文件.docx: no such file"),
    (lambda folder: touch(folder / "通知.doc"), [], "expected a .docx, .xlsx or .csv file"),
    (lambda folder: touch(folder / "通知.docx"), [], "通知.docx: cannot read it:"),
    (lambda folder: word_file(folder / "通知.docx", TASKS), ["--sheet", "任务清单"], "is not an .xlsx workbook"),
    (lambda folder: word_file(folder / "通知.docx", TASKS), ["--table", "3"], "--table 3: the tables of"),
    (lambda folder: word_file(folder / "通知.docx", TASKS), ["--issued", "2025-02-30"],
     "--issued: bad date '2025-02-30': expected a calendar date as YYYY-MM-DD"),
    (lambda folder: word_file(folder / "通知.docx", TASKS), ["--map", "owner=责任单位"],
     "--map: 'owner=责任单位' is not FIELD=HEADER with FIELD one of task, frequency"),
    (lambda folder: word_file(folder / "通知.docx", TASKS), ["--effort-hours", "两小时"],
     "--effort-hours: '两小时' is not a number of hours from 0 to 10000"),
    (lambda folder: word_file(folder / "通知.docx", [], header=["序号", "工作任务", "频次"]), [],
     "table 1 has no task rows below its header (row 2)"),
    (lambda folder: word_file(folder / "通知.docx", [["1", "报送台账", "每年20000次", "", ""]]), ["--effort-hours", "1"],
     "would not load: "),
])
def test_bad_input_is_refused_with_status_2(tmp_path, capsys, make, extra, message):
    out = tmp_path / "directive.yaml"
    assert run_import(make(tmp_path), out, *extra) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err, err
    assert not out.exists()


def touch(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def run_module(*args: str, language: str) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items() if name not in LOCALE_VARIABLES}
    env["LANG"] = language
    return subprocess.run([sys.executable, "-m", "qingdan.importer", "directive", *args], capture_output=True,
                          text=True, timeout=60, env=env)


def test_messages_are_in_chinese_under_a_chinese_locale(tmp_path):
    rows = [*TASKS[:2], ["3", "上级临时交办事项", "不定期", "县委办", ""]]
    source = word_file(tmp_path / "通知.docx", rows)
    out = tmp_path / "directive.yaml"
    refused = run_module(str(source), "--out", str(out), "--effort-hours", "1", language="zh_CN.UTF-8")
    assert refused.returncode == 1
    assert f"读取 {source} 的表 1，表头在第 2 行" in refused.stdout
    assert refused.stderr.splitlines() == [
        "表 1 第 5 行：频次 '不定期' 无法换算为频率（可写 每日、每周、每月、每季度、每年、每半年、一次性、每周两次、2次/月 等）",
        "未写入任何文件：表格中有 1 行无法导入",
    ]
    missing = run_module(str(tmp_path / "无此文件.xlsx"), "--out", str(out), language="zh_CN.UTF-8")
    assert (missing.returncode, missing.stderr) == (2, f"错误：{tmp_path / '无此文件.xlsx'}：文件不存在\n")
    english = run_module(str(tmp_path / "无此文件.xlsx"), "--out", str(out), language="en_US.UTF-8")
    assert english.stderr == f"error: {tmp_path / '无此文件.xlsx'}: no such file\n"
    asked = run_module(str(tmp_path / "无此文件.xlsx"), "--out", str(out), "--lang", "en", language="zh_CN.UTF-8")
    assert asked.stderr == english.stderr
    assert not out.exists()


def test_defaults_are_said_and_marked(tmp_path, capsys):
    source = word_file(tmp_path / "SL-2025-12.docx", TASKS[:1])
    out = tmp_path / "directive.yaml"
    assert importer.main(["directive", str(source), "--out", str(out), "--effort-hours", "1"]) == 0
    printed = capsys.readouterr().out
    assert "id 'SL-2025-12': the file's name, as no --id was given" in printed
    assert "issued " in printed and "today, as no --issued was given" in printed
    text = out.read_text(encoding="utf-8")
    assert 'id: "SL-2025-12"' in text and "  # today: no --issued was given" in text
    assert qingdan.Directive.load(str(out)).id == "SL-2025-12"


@pytest.mark.parametrize("text, frequency", [
    ("每日", Frequency("daily")), ("每天", Frequency("daily")), ("日报", Frequency("daily")),
    ("每周", Frequency("weekly")), ("周报", Frequency("weekly")), ("每周１次", Frequency("weekly")),
    ("每月", Frequency("monthly")), ("月报", Frequency("monthly")), ("1次/月", Frequency("monthly")),
    ("每季度", Frequency("quarterly")), ("季报", Frequency("quarterly")), ("按季度", Frequency("quarterly")),
    ("每年", Frequency("yearly")), ("年报", Frequency("yearly")),
    ("每半年", Frequency(times=2, per="year")), ("每半年两次", Frequency(times=4, per="year")),
    ("一次性", Frequency("once")), ("一次", Frequency("once")),
    ("每周两次", Frequency(times=2, per="week")), ("每周 2 次", Frequency(times=2, per="week")),
    ("2次/周", Frequency(times=2, per="week")), ("每月3次", Frequency(times=3, per="month")),
    ("每日两次", Frequency(times=2, per="day")), ("每季度2次", Frequency(times=8, per="year")),
    ("每年十二次", Frequency(times=12, per="year")), ("每月二十四次", Frequency(times=24, per="month")),
    ("不定期", None), ("按需", None), ("长期", None), ("每月0次", None), ("每两周一次", None), ("汛期每日", None),
])
def test_frequency_words(text, frequency):
    assert parse_frequency(text) == frequency


def test_the_usage_reference_names_every_header_recognised():
    for name, headers in HEADER_NAMES.items():
        line = next(line for line in importer.__doc__.splitlines() if line.strip().startswith(f"{name} "))
        assert line.split()[1:len(headers) + 1] == list(headers), name
