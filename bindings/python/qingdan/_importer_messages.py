"""What the directive importer says, one row per code, in English and in Chinese. The language is
the locale's, as for the qingdan command: the first set one of LC_ALL, LC_MESSAGES and LANG;
zh… means Chinese, anything else English."""

from __future__ import annotations

import os
from typing import Any, Dict, Tuple

from ._source_tables import SourceTable
from ._task_tables import HeadersSeen

FREQUENCY_EXAMPLES_EN = "每日, 每周, 每月, 每季度, 每年, 每半年, 一次性, 每周两次, 2次/月"
FREQUENCY_EXAMPLES_ZH = "每日、每周、每月、每季度、每年、每半年、一次性、每周两次、2次/月"

MESSAGES: Dict[str, Tuple[str, str]] = {
    # the file cannot be imported (exit status 2)
    "missing_file": ("{file}: no such file", "{file}：文件不存在"),
    "unsupported_extension": (
        "{file}: expected a .docx, .xlsx or .csv file (save a .doc, .xls or .wps file as one first)",
        "{file}：应为 .docx、.xlsx 或 .csv 文件（.doc、.xls、.wps 文件请先另存为其中一种）"),
    "sheet_needs_xlsx": ("--sheet: {file} is not an .xlsx workbook", "--sheet：{file} 不是 .xlsx 工作簿"),
    "needs_package": ("reading {file} needs {package}: pip install {package}",
                      "读取 {file} 需要 {package}：pip install {package}"),
    "unreadable": ("{file}: cannot read it: {reason}", "{file}：无法读取：{reason}"),
    "no_table": ("{file}: the file has no table", "{file}：文件中没有表格"),
    "no_such_sheet": ("--sheet {sheet}: {file} has no such sheet (sheets: {sheets})",
                      "--sheet {sheet}：{file} 中没有这个工作表（工作表：{sheets}）"),
    "no_such_table": ("--table {number}: the tables of {file} are numbered 1 to {count}",
                      "--table {number}：{file} 的表格编号为 1 到 {count}"),
    "no_header": (
        "{file}: no task table: no table has, among its first {rows} rows, a header naming the task "
        "column ({task_headers}) and one more known column; headers seen: {seen}; name the columns "
        "with --map task=HEADER,frequency=HEADER",
        "{file}：找不到任务清单：没有哪个表格的前 {rows} 行中有表头既含任务列（{task_headers}）又含另一个"
        "可识别的列；看到的表头：{seen}；请用 --map task=表头,frequency=表头 指明各列"),
    "headers_seen": ("{place}: {headers}", "{place}：{headers}"),
    "no_headers_seen": ("{table}: empty", "{table}：空"),
    "map_header_missing": ("--map {field}={header}: {table} has no column '{header}' (its headers: {headers})",
                           "--map {field}={header}：{table} 没有 '{header}' 列（表头：{headers}）"),
    "no_frequency_column": (
        "{file}: {table} has no column that says how often: no frequency ({frequency_headers}) and no "
        "deadline ({deadline_headers}) among its headers {headers}; name one with --map frequency=HEADER",
        "{file}：{table} 没有说明频次的列：表头 {headers} 中既没有频次列（{frequency_headers}）也没有完成时限列"
        "（{deadline_headers}）；请用 --map frequency=表头 指明"),
    "bad_map": ("--map: '{part}' is not FIELD=HEADER with FIELD one of {fields}",
                "--map：'{part}' 不是 字段=表头 的形式（字段为 {fields} 之一）"),
    "bad_date": ("--issued: bad date '{text}': expected a calendar date as YYYY-MM-DD",
                 "--issued：日期 '{text}' 有误：应为 YYYY-MM-DD 格式的日历日期"),
    "bad_effort_option": ("--effort-hours: '{text}' is not a number of hours from 0 to {maximum}",
                          "--effort-hours：'{text}' 不是 0 到 {maximum} 之间的小时数"),
    "no_rows": ("{file}: {table} has no task rows below its header (row {row})",
                "{file}：{table} 的表头（第 {row} 行）下没有任务行"),
    "does_not_load": ("the directive read from {file} would not load: {reason}",
                      "从 {file} 读出的指令无法加载：{reason}"),
    "cannot_write": ("cannot write {file}: {reason}", "无法写入 {file}：{reason}"),
    "error": ("error: {message}", "错误：{message}"),
    # a row cannot be imported (exit status 1, nothing written)
    "row_problem": ("{place}: {reason}", "{place}：{reason}"),
    "no_task": ("no task: the cell in column '{column}' is empty", "没有任务：'{column}' 列为空"),
    "unknown_frequency": (
        "{column} '{text}' is not a frequency qingdan knows (" + FREQUENCY_EXAMPLES_EN + " …)",
        "{column} '{text}' 无法换算为频率（可写 " + FREQUENCY_EXAMPLES_ZH + " 等）"),
    "no_frequency": ("no frequency: the cells in {columns} are empty", "没有频次：{columns} 为空"),
    "deadline_without_frequency": (
        "no frequency, and {column} '{text}' is not one date, so it does not make the task a one-off",
        "没有频次，而 {column} '{text}' 不是一个日期，不能据此认定为一次性任务"),
    "bad_effort": ("{column} '{text}' is not a number of hours from 0 to {maximum}",
                   "{column} '{text}' 不是 0 到 {maximum} 之间的小时数"),
    "no_effort": ("no effort: the cell in column '{column}' is empty and no --effort-hours was given",
                  "没有工时：'{column}' 列为空，也没有给出 --effort-hours"),
    "no_effort_column": ("no effort: the table has no effort column ({headers}) and no --effort-hours was given",
                         "没有工时：表格没有工时列（{headers}），也没有给出 --effort-hours"),
    "fields_without_form": ("column '{column}' lists fields but the row names no form ({form_headers})",
                            "'{column}' 列列出了字段，但没有表格名称（{form_headers}）"),
    "nothing_written": ("nothing written: {count} of the table's rows cannot be imported",
                        "未写入任何文件：表格中有 {count} 行无法导入"),
    # where
    "table_in_word": ("table {name}", "表 {name}"),
    "table_in_sheet": ("sheet '{name}'", "工作表 '{name}'"),
    "table_in_csv": ("{name}", "{name}"),
    "row_in_word": ("table {name} row {row}", "表 {name} 第 {row} 行"),
    "row_in_sheet": ("sheet '{name}' row {row}", "工作表 '{name}' 第 {row} 行"),
    "row_in_csv": ("{name} row {row}", "{name} 第 {row} 行"),
    "table_option": ("{table} (--table {number})", "{table}（--table {number}）"),
    # what a successful import says, and the comments of the written file
    "read_table": ("read {table} of {file}, header on row {row}", "读取 {file} 的{table}，表头在第 {row} 行"),
    "other_tables": ("also a task table: {tables}", "另有任务清单：{tables}"),
    "columns_used": ("columns: {columns}", "列：{columns}"),
    "column_used": ("{field} ← {header}", "{field} ← {header}"),
    "columns_in_notes": ("kept in each item's note: {headers}", "写入各事项的 note：{headers}"),
    "columns_not_imported": ("not imported: {headers}", "未导入的列：{headers}"),
    "section_rows": ("passed over as section rows: rows {rows}", "作为分节行跳过：第 {rows} 行"),
    "section_rows_one": ("passed over as a section row: row {rows}", "作为分节行跳过：第 {rows} 行"),
    "deadline_frequencies": ("frequency from the deadline: rows {rows}", "频次取自完成时限：第 {rows} 行"),
    "deadline_frequencies_one": ("frequency from the deadline: row {rows}", "频次取自完成时限：第 {rows} 行"),
    "issued_today": ("issued {date}: today, as no --issued was given", "发文日期 {date}：未给出 --issued，取今天"),
    "id_from_file": ("id '{id}': the file's name, as no --id was given", "编号 '{id}'：未给出 --id，取自文件名"),
    "title_from_document": ("title from the document: {title}", "标题取自文档：{title}"),
    "wrote": ("wrote {file} ({count} items)", "已写入 {file}（{count} 个事项）"),
    "wrote_one": ("wrote {file} (1 item)", "已写入 {file}（1 个事项）"),
    "comment_source": ("imported from {file}, {table} (header on row {row}), by python -m qingdan.importer directive",
                       "由 python -m qingdan.importer directive 从 {file} 的{table} 导入（表头在第 {row} 行）"),
    "comment_issued_today": ("today: no --issued was given", "今天：未给出 --issued"),
    "comment_number": (" ({column} {number})", "（{column} {number}）"),
    "comment_deadline_frequency": ("; frequency from {column}", "；频次取自{column}"),
}


def language_from_environment() -> str:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "zh" if value[:2].lower() == "zh" and value[2:3] in ("", "_", "-", ".") else "en"
    return "en"


def counted(code: str, count: int) -> str:
    """The code of a message about `count` things: its `_one` form for one, as English needs."""
    return f"{code}_one" if count == 1 else code


def say(language: str, code: str, **details: Any) -> str:
    english, chinese = MESSAGES[code]
    text = chinese if language == "zh" else english
    return text.format(**{name: worded(value, language) for name, value in details.items()})


def worded(value: Any, language: str) -> str:
    """A detail as a message shows it: a table by its name, a list joined as the language joins
    one, a path as written."""
    if isinstance(value, SourceTable):
        return say(language, f"table_in_{value.kind}", name=value.name)
    if isinstance(value, HeadersSeen):
        if not value.headers:
            return say(language, "no_headers_seen", table=value.table)
        return say(language, "headers_seen", place=row_place(value.table, value.row, language), headers=value.headers)
    if isinstance(value, (list, tuple)):
        parts = [worded(part, language) for part in value]
        if any(isinstance(part, HeadersSeen) for part in value):
            return ("；" if language == "zh" else "; ").join(parts)
        return ("、" if language == "zh" else ", ").join(parts)
    return str(value)


def row_place(table: SourceTable, row: int, language: str) -> str:
    """Where a row is, as a reviewer looks for it: table 2 row 5, sheet '任务清单' row 5."""
    return say(language, f"row_in_{table.kind}", name=table.name, row=row)
