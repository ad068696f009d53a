"""Import published tables into qingdan's files: a list table (CSV or XLSX) into a rulebook, and
the task table of a directive (DOCX, XLSX or CSV) into a `kind: directive` file.

    python -m qingdan.importer [list] TABLE …     a list table → a tasks file and a list edition
    python -m qingdan.importer directive FILE …   a directive's task table → a directive file

Lists
-----
A list import writes a `kind: tasks` file for the tasks the rulebook does not have yet, and a
`kind: list` edition. Lists are published as spreadsheets — 序号 | 事项名称 | 事项类别 | 责任部门 |
设定依据 | 备注 — so the importer is a Python module: that is where the people who keep the lists
already work, and openpyxl (PyPI) reads XLSX well. Usage:

    python -m qingdan.importer TABLE.xlsx --list negative --version 2024 --effective 2024-08-06 \\
        --columns name=事项名称,category=事项类别,basis=设定依据,note=备注 \\
        --rules rules/shanghai-qingpu --out rules/shanghai-qingpu/lists

Columns map qingdan fields to the table's headers: `name` (required), `id` (the entry id, e.g.
序号), `category`, `department`, `basis`, `note`, `aliases` (separated by 、 or ;). A task whose
normalised name matches a task of `--rules` keeps that task's id; other tasks get new ids.
Rows that cannot be mapped are reported with their row number; the exit status is then 1.

Directives
----------
Directives reach village committees as Word or Excel files whose attachment is a task table
(附件：工作任务清单 — 序号 | 工作任务 | 频次 | 责任单位 | 完成时限 | 工作要求). Reading one needs
python-docx for .docx and openpyxl for .xlsx: the package's docx and xlsx extras. Usage:

    python -m qingdan.importer directive 通知.docx --out directive.yaml --id XX-MZJ-2025-12 \\
        --issued 2025-03-01 --jurisdiction 全国/示例省/示例市/示例县 --issuer-level county \\
        --issuer-department 县民政局 [--title …] [--mode normal] [--to village] [--effort-hours 2] \\
        [--map task=工作内容,frequency=频率] [--sheet 任务清单] [--table 2] [--lang zh]

Every table of a .docx, every sheet of an .xlsx (or the --sheet) and the one table of a .csv is
a candidate. A table's header is the first of its top 10 rows that names the task column and one
more known column, so merged title rows above it (附件：…) are passed over. The table whose header
names the most known columns is taken, or the N-th with --table N; the importer says which.
Headers are compared without spaces, full-width and half-width alike, and without a trailing
unit in brackets (工作量（小时） is 工作量):

    task          工作任务 任务内容 工作内容 事项名称 工作事项 任务名称 任务      (required)
    frequency     频次 频率 报送频次 工作频次 报送频率
    deadline      完成时限 时间要求 完成时间 时限要求        → the item's note
    department    责任单位 牵头单位 责任部门                 → the item's note
    effort_hours  预计工时 工作量 工时                       hours, e.g. 2, 1.5, 2小时
    to            承接层级 落实层级                          level ids, e.g. village
    form          表格名称 报表名称
    fields        填报字段 采集字段                          separated by 、 ， , ; ；
    number        序号 编号                                  → the item's comment

`--map FIELD=HEADER,…` names the column of a field; the field is then known by that header only.

频次 words become frequencies: 每日 每天 日报 → daily; 每周 周报 → weekly; 每月 月报 → monthly;
每季度 季报 → quarterly; 每年 年报 → yearly; 一次性 一次 → once; 每半年 → {times: 2, per: year};
每周两次 每周2次 2次/周 → {times: 2, per: week}, and so for day, month and year; 每季度N次 →
{times: 4N, per: year}. Counts are digits or 一 二 两 三 … 十 二十四. An empty 频次 is read from
the deadline: 每月5日前 → monthly; one date (2025年11月30日前, 6月底前) → once. 不定期, 按需, 长期
and anything else give no rate, and the row is refused.

An item's effort_hours is its row's effort cell, else --effort-hours; --to is the level of rows
without a 承接层级. The id defaults to the file's name, the title to the Word document's first
paragraph with 关于, the issued date to today; the importer says when it used one. Each item's
comment names its source row (table 1 row 5, sheet '任务清单' row 5). A row that cannot be read —
no task, a 频次 with no rate, no effort — is reported with its source row and the reason; the
exit status is then 1 and nothing is written. A file that cannot be read, has no recognisable
task table, or options that are wrong: exit status 2. The file written is loaded before it is
written, so it always loads. Messages are in Chinese when LC_ALL, LC_MESSAGES or LANG (the first
set) starts with zh, or with --lang zh.
"""
from __future__ import annotations

import argparse
import csv
import datetime
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence

from ._core import Directive, Rulebook, normalize
from ._errors import Error
from ._importer_messages import counted, language_from_environment, row_place, say
from ._source_tables import Source, Unimportable, read_source
from ._task_tables import (
    FIELDS as TASK_FIELDS,
    MAX_EFFORT_HOURS,
    NOTE_FIELDS,
    Frequency,
    ImportedItem,
    ItemDefaults,
    TableImport,
    TaskTable,
    check_columns,
    column_names,
    parse_hours,
    read_items,
    task_tables,
)

FIELDS = ("name", "id", "category", "department", "basis", "note", "aliases")
LISTS = ("power", "self_governance", "collaboration", "negative")


@dataclass
class Imported:
    """What an import produced: new tasks, entries, and the rows it could not map."""

    new_tasks: List[dict] = field(default_factory=list)
    entries: List[dict] = field(default_factory=list)
    skipped: List[str] = field(default_factory=list)


def read_table(path: Path, sheet: Optional[str] = None, header_row: int = 1) -> List[Dict[str, str]]:
    """The rows of a CSV or XLSX table as dicts keyed by the header row's cells."""
    if path.suffix.lower() == ".xlsx":
        try:
            import openpyxl
        except ImportError as missing:
            raise Error(f"reading {path} needs openpyxl: pip install openpyxl", str(path)) from missing
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        worksheet = book[sheet] if sheet else book.worksheets[0]
        rows = [["" if cell is None else str(cell).strip() for cell in row]
                for row in worksheet.iter_rows(values_only=True)]
    elif path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as file:
            rows = [[cell.strip() for cell in row] for row in csv.reader(file)]
    else:
        raise Error(f"{path}: expected a .csv or .xlsx table", str(path))
    if len(rows) < header_row:
        raise Error(f"{path}: the table has no header row {header_row}", str(path))
    header = rows[header_row - 1]
    return [dict(zip(header, row)) | {"__row__": str(number)}
            for number, row in enumerate(rows[header_row:], start=header_row + 1)
            if any(cell for cell in row)]


def parse_columns(text: str) -> Dict[str, str]:
    """`name=事项名称,category=事项类别` → {"name": "事项名称", "category": "事项类别"}."""
    columns = {}
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        key, _, header = part.partition("=")
        if key not in FIELDS or not header:
            raise Error(f"--columns: '{part}' is not FIELD=HEADER with FIELD one of {', '.join(FIELDS)}")
        columns[key] = header
    if "name" not in columns:
        raise Error("--columns must map 'name' to the column of task names")
    return columns


def check_date(option: str, text: Optional[str]) -> Optional[datetime.date]:
    """A calendar date written YYYY-MM-DD, as rule files need it; Error otherwise."""
    if text is None:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    raise Error(f"{option}: bad date '{text}': expected a calendar date as YYYY-MM-DD")


def level_list(text: Optional[str]) -> List[str]:
    """`town, village` (or 、) → ["town", "village"]."""
    return [level.strip() for level in re.split("[,、，]", text or "") if level.strip()]


def check_options(options: argparse.Namespace) -> None:
    """Everything the written files will say that lint would refuse, refused before anything is
    written: dates that are not calendar dates, and levels the rulebook does not declare."""
    effective = check_date("--effective", options.effective)
    until = check_date("--until", options.until)
    if until is not None and until < effective:
        raise Error(f"--until {options.until} is before --effective {options.effective}")
    levels = {}  # only the options the list writes
    if options.list in ("power", "collaboration"):
        levels["--owner-level"] = [options.owner_level]
    if options.list == "collaboration":
        levels["--assist"] = level_list(options.assist)
    if options.list == "negative":
        levels["--levels"] = level_list(options.levels)
    for option, given in levels.items():
        for level in given:
            if not re.fullmatch(r"[^\s\[\]{},:#&*!|>'\"%@`]+", level):
                raise Error(f"{option}: '{level}' is not a level id")
    if options.rules is not None:
        declared = [level for level, _ in Rulebook.load(str(options.rules)).levels]
        for option, given in levels.items():
            for level in given:
                if level not in declared:
                    raise Error(f"{option}: unknown level '{level}' (levels of {options.rules}: "
                                f"{', '.join(declared)})")


def known_tasks(rules: Optional[Path]) -> Dict[str, str]:
    """Normalised name or alias → task id, for the tasks a rulebook already has."""
    if rules is None:
        return {}
    known = {}
    for task in Rulebook.load(str(rules)).find_tasks(""):
        for text in [task.name, *task.aliases]:
            known[normalize(text)] = task.id
    return known


def import_rows(rows: Iterable[Dict[str, str]], columns: Dict[str, str], known: Dict[str, str],
                task_prefix: str, entry_prefix: str) -> Imported:
    result = Imported()
    taken = set(known.values())
    entry_ids = set()
    counter = 0
    for row in rows:
        number = row["__row__"]
        cell = lambda key: row.get(columns.get(key, ""), "").strip()  # noqa: E731
        name = cell("name")
        if not normalize(name):
            result.skipped.append(f"row {number}: no task name in column {columns['name']}")
            continue
        task_id = known.get(normalize(name))
        if task_id is None:
            counter += 1
            while f"{task_prefix}{counter:03d}" in taken:
                counter += 1
            task_id = f"{task_prefix}{counter:03d}"
            taken.add(task_id)
            task = {"id": task_id, "name": name}
            aliases = [a.strip() for a in re.split("[、;；]", cell("aliases")) if a.strip()]
            if aliases:
                task["aliases"] = aliases
            if cell("category"):
                task["category"] = cell("category")
            result.new_tasks.append(task)
            for text in [name, *aliases]:
                known[normalize(text)] = task_id
        entry_id = f"{entry_prefix}{cell('id')}" if cell("id") else f"{entry_prefix}{len(result.entries) + 1}"
        if entry_id in entry_ids:
            result.skipped.append(f"row {number}: entry id {entry_id} appears twice")
            continue
        entry_ids.add(entry_id)
        entry = {"id": entry_id, "task": task_id}
        for key in ("department", "basis", "note"):
            if cell(key):
                entry[key] = cell(key)
        result.entries.append(entry)
    return result


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def tasks_yaml(tasks: Sequence[dict]) -> str:
    lines = ["qingdan: 1", "kind: tasks", "tasks:"]
    for task in tasks:
        lines.append(f"  - id: {quoted(task['id'])}")
        lines.append(f"    name: {quoted(task['name'])}")
        if task.get("aliases"):
            lines.append(f"    aliases: [{', '.join(quoted(a) for a in task['aliases'])}]")
        if task.get("category"):
            lines.append(f"    category: {quoted(task['category'])}")
    return "\n".join(lines) + "\n"


def list_yaml(entries: Sequence[dict], options: argparse.Namespace) -> str:
    lines = ["qingdan: 1", "kind: list", f"list: {options.list}"]
    if options.jurisdiction:
        lines.append(f"jurisdiction: {quoted(options.jurisdiction)}")
    lines += [f"version: {quoted(options.version)}", f"effective: {options.effective}"]
    if options.until:
        lines.append(f"until: {options.until}")
    for key in ("title", "source"):
        if getattr(options, key):
            lines.append(f"{key}: {quoted(getattr(options, key))}")
    lines.append("entries:")
    for entry in entries:
        lines.append(f"  - id: {quoted(entry['id'])}")
        lines.append(f"    task: {quoted(entry['task'])}")
        if options.list in ("power", "collaboration"):
            owner = f"{{level: {options.owner_level}"
            if entry.get("department"):
                owner += f", department: {quoted(entry['department'])}"
            lines.append(f"    owner: {owner}}}")
        if options.list == "collaboration" and options.assist:
            lines.append(f"    assist: [{', '.join(level_list(options.assist))}]")
        if options.list == "negative" and options.levels:
            lines.append(f"    levels: [{', '.join(level_list(options.levels))}]")
        for key in ("basis", "note"):
            if entry.get(key):
                lines.append(f"    {key}: {quoted(entry[key])}")
    return "\n".join(lines) + "\n"


def list_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m qingdan.importer [list]",
                                     description="Import a published list table (CSV or XLSX) into a rulebook.",
                                     epilog="A directive's task table: python -m qingdan.importer directive --help")
    parser.add_argument("table", type=Path, help="a .csv or .xlsx table with a header row")
    parser.add_argument("--list", required=True, choices=LISTS)
    parser.add_argument("--version", required=True, help="edition label, e.g. 2024")
    parser.add_argument("--effective", required=True, help="YYYY-MM-DD")
    parser.add_argument("--until", help="YYYY-MM-DD")
    parser.add_argument("--jurisdiction", help="the jurisdiction the edition applies to")
    parser.add_argument("--title")
    parser.add_argument("--source")
    parser.add_argument("--columns", required=True, help="FIELD=HEADER,… (fields: " + ", ".join(FIELDS) + ")")
    parser.add_argument("--sheet", help="XLSX sheet name (default the first)")
    parser.add_argument("--header-row", type=int, default=1, help="the row of column headers (default 1)")
    parser.add_argument("--rules", type=Path, help="a rulebook whose task ids to reuse")
    parser.add_argument("--owner-level", default="district", help="owner level for power/collaboration entries")
    parser.add_argument("--assist", help="collaboration: levels that assist, e.g. village")
    parser.add_argument("--levels", help="negative: levels that must not be assigned, e.g. town, village")
    parser.add_argument("--task-prefix", default="T-", help="prefix of new task ids (default T-)")
    parser.add_argument("--entry-prefix", default="", help="prefix of entry ids, e.g. N-")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the two files into")
    return parser.parse_args(argv)


def import_list(argv: Sequence[str]) -> int:
    options = list_arguments(argv)
    try:
        check_options(options)
        columns = parse_columns(options.columns)
        rows = read_table(options.table, options.sheet, options.header_row)
        missing = [header for header in columns.values() if rows and header not in rows[0]]
        if missing:
            raise Error(f"{options.table}: no column {', '.join(missing)} in the header row "
                        f"({', '.join(h for h in rows[0] if h != '__row__')})", str(options.table))
        result = import_rows(rows, columns, known_tasks(options.rules), options.task_prefix, options.entry_prefix)
    except Error as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    options.out.mkdir(parents=True, exist_ok=True)
    stem = f"{options.list}-{options.version}"
    written = []
    if result.new_tasks:
        (options.out / f"tasks-{stem}.yaml").write_text(tasks_yaml(result.new_tasks), encoding="utf-8")
        written.append(f"tasks-{stem}.yaml ({len(result.new_tasks)} new tasks)")
    (options.out / f"{stem}.yaml").write_text(list_yaml(result.entries, options), encoding="utf-8")
    written.append(f"{stem}.yaml ({len(result.entries)} entries)")
    print(f"wrote {', '.join(written)} in {options.out}")
    for problem in result.skipped:
        print(f"{options.table}: {problem}", file=sys.stderr)
    return 1 if result.skipped else 0


# -- directives ----------------------------------------------------------------------------------


@dataclass
class DirectiveHead:
    """What the written directive says above its items, and which of it was not given."""

    id: str
    issued: datetime.date
    title: str = ""
    issuer_level: str = ""
    issuer_department: str = ""
    jurisdiction: str = ""
    mode: str = ""
    id_from_file: bool = False
    title_from_document: bool = False
    issued_today: bool = False


def parse_map(text: Optional[str]) -> Dict[str, str]:
    """`task=工作内容,frequency=频率` → {"task": "工作内容", "frequency": "频率"}."""
    overrides = {}
    for part in filter(None, (piece.strip() for piece in re.split("[,，]", text or ""))):
        name, _, header = (piece.strip() for piece in part.partition("="))
        if name not in TASK_FIELDS or not header:
            raise Unimportable("bad_map", part=part, fields=TASK_FIELDS)
        overrides[name] = header
    return overrides


def item_defaults(options: argparse.Namespace) -> ItemDefaults:
    hours = None
    if options.effort_hours is not None:
        hours = parse_hours(options.effort_hours)
        if hours is None:
            raise Unimportable("bad_effort_option", text=options.effort_hours, maximum=MAX_EFFORT_HOURS)
    return ItemDefaults(hours, options.to or "")


def issued_date(text: Optional[str]) -> Optional[datetime.date]:
    try:
        return check_date("--issued", text)
    except Error as bad:
        raise Unimportable("bad_date", text=text) from bad


def directive_head(options: argparse.Namespace, source: Source, issued: Optional[datetime.date]) -> DirectiveHead:
    title = options.title if options.title is not None else source.title or ""
    return DirectiveHead(
        id=options.id or options.file.stem, issued=issued or datetime.date.today(), title=title,
        issuer_level=options.issuer_level or "", issuer_department=options.issuer_department or "",
        jurisdiction=options.jurisdiction or "", mode=options.mode or "",
        id_from_file=not options.id, title_from_document=options.title is None and bool(title),
        issued_today=issued is None)


def frequency_yaml(frequency: Frequency) -> str:
    return frequency.word or f"{{times: {frequency.times}, per: {frequency.per}}}"


def number_yaml(value: float) -> str:
    """2.0 → 2, 0.0125 → 0.0125, never an exponent."""
    return format(Decimal(repr(value)).normalize(), "f")


def comment_text(text: str) -> str:
    """Text for a YAML comment: no control characters, which the loader refuses anywhere."""
    return "".join(character for character in text if unicodedata.category(character) != "Cc")


def item_comment(item: ImportedItem, table: TaskTable, language: str) -> str:
    """Where the item comes from: table 1 row 5 (序号 3); frequency from 完成时限."""
    comment = row_place(table.source, item.row, language)
    if item.number:
        comment += say(language, "comment_number", column=table.heading("number"), number=item.number)
    if item.deadline_frequency:
        comment += say(language, "comment_deadline_frequency", column=table.heading("deadline"))
    return comment_text(comment)


def item_yaml(item: ImportedItem, table: TaskTable, language: str) -> List[str]:
    lines = [f"  # {item_comment(item, table, language)}",
             f"  - task: {quoted(item.task)}",
             f"    frequency: {frequency_yaml(item.frequency)}",
             f"    effort_hours: {number_yaml(item.effort_hours)}"]
    if item.to:
        lines.append(f"    to: {quoted(item.to)}")
    if item.form:
        form = f"name: {quoted(item.form)}"
        if item.fields:
            form += f", fields: [{', '.join(quoted(name) for name in item.fields)}]"
        lines.append(f"    form: {{{form}}}")
    if item.notes:
        lines.append(f"    note: {quoted('；'.join(f'{header}：{text}' for header, text in item.notes))}")
    return lines


def directive_yaml(head: DirectiveHead, table: TaskTable, items: Sequence[ImportedItem], file_name: str,
                   language: str) -> str:
    source_comment = say(language, "comment_source", file=file_name, table=table.source, row=table.header_row)
    lines = [f"# {comment_text(source_comment)}", "qingdan: 1", "kind: directive", f"id: {quoted(head.id)}"]
    if head.title:
        lines.append(f"title: {quoted(head.title)}")
    issuer = [f"{key}: {quoted(value)}" for key, value in
              (("level", head.issuer_level), ("department", head.issuer_department)) if value]
    if issuer:
        lines.append(f"issuer: {{{', '.join(issuer)}}}")
    issued = f"issued: {head.issued.isoformat()}"
    if head.issued_today:
        issued += f"  # {say(language, 'comment_issued_today')}"
    lines.append(issued)
    for key in ("jurisdiction", "mode"):
        if getattr(head, key):
            lines.append(f"{key}: {quoted(getattr(head, key))}")
    lines.append("items:")
    for item in items:
        lines += item_yaml(item, table, language)
    return "\n".join(lines) + "\n"


def table_summary(source: Source, tables: Sequence[TaskTable], language: str) -> List[str]:
    """Which table was read and how its columns were taken."""
    table = tables[0]
    lines = [say(language, "read_table", table=table.source, file=source.path, row=table.header_row)]
    if len(tables) > 1:
        others = [say(language, "table_option", table=other.source, number=source.tables.index(other.source) + 1)
                  for other in tables[1:]]
        lines.append(say(language, "other_tables", tables=others))
    used = [say(language, "column_used", field=name, header=table.heading(name))
            for name in TASK_FIELDS if name in table.columns]
    lines.append(say(language, "columns_used", columns=used))
    in_notes = [table.heading(name) for name in NOTE_FIELDS if name in table.columns]
    if in_notes:
        lines.append(say(language, "columns_in_notes", headers=in_notes))
    if table.unused_headings():
        lines.append(say(language, "columns_not_imported", headers=table.unused_headings()))
    return lines


def import_summary(head: DirectiveHead, result: TableImport, language: str) -> List[str]:
    """What the import took from elsewhere than the table's cells, or passed over."""
    lines = []
    if result.section_rows:
        lines.append(say(language, counted("section_rows", len(result.section_rows)), rows=result.section_rows))
    deadline_rows = [item.row for item in result.items if item.deadline_frequency]
    if deadline_rows:
        lines.append(say(language, counted("deadline_frequencies", len(deadline_rows)), rows=deadline_rows))
    if head.id_from_file:
        lines.append(say(language, "id_from_file", id=head.id))
    if head.title_from_document:
        lines.append(say(language, "title_from_document", title=head.title))
    if head.issued_today:
        lines.append(say(language, "issued_today", date=head.issued.isoformat()))
    return lines


def row_problems(table: TaskTable, result: TableImport, language: str) -> List[str]:
    return [say(language, "row_problem", place=row_place(table.source, problem.row, language),
                reason=say(language, problem.code, **problem.details))
            for problem in result.problems]


def check_loads(text: str, out: Path, source: Source, language: str) -> None:
    """The directive is loaded before it is written: a file the importer writes always loads."""
    try:
        Directive.parse(text, str(out), language=language)
    except Error as error:
        raise Unimportable("does_not_load", file=source.path, reason=error) from error


def write_directive(out: Path, text: str) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as failure:
        raise Unimportable("cannot_write", file=out, reason=failure.strerror or failure) from failure


def directive_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m qingdan.importer directive",
        description="Import the task table of a directive (DOCX, XLSX or CSV) into a kind: directive file.",
        epilog="Header names and 频次 words recognised: python -m pydoc qingdan.importer")
    parser.add_argument("file", type=Path, help="a .docx, .xlsx or .csv file with the task table")
    parser.add_argument("--out", type=Path, required=True, help="the directive file to write")
    parser.add_argument("--id", help="the directive's id (default the file's name)")
    parser.add_argument("--title", help="default: the Word document's first paragraph with 关于")
    parser.add_argument("--issued", help="YYYY-MM-DD (default today)")
    parser.add_argument("--jurisdiction", help="where the directive applies, e.g. 全国/示例省/示例市/示例县")
    parser.add_argument("--issuer-level", help="the issuing office's level, e.g. county")
    parser.add_argument("--issuer-department", help="the issuing office, e.g. 县民政局")
    parser.add_argument("--mode", help="e.g. normal or emergency (default the rulebook's first)")
    parser.add_argument("--to", help="level of items whose row has no 承接层级 (default the lowest)")
    parser.add_argument("--effort-hours", help="effort of items whose row has none, in hours")
    parser.add_argument("--map", help="FIELD=HEADER,… (fields: " + ", ".join(TASK_FIELDS) + ")")
    parser.add_argument("--sheet", help="the .xlsx sheet with the task table (default: found)")
    parser.add_argument("--table", type=int, help="the N-th table or sheet (default: found)")
    parser.add_argument("--lang", choices=("zh", "en"), help="language of messages (default the locale's)")
    return parser.parse_args(argv)


def import_directive(argv: Sequence[str]) -> int:
    options = directive_arguments(argv)
    language = options.lang or language_from_environment()
    try:
        return write_imported_directive(options, language)
    except Unimportable as refusal:
        print(say(language, "error", message=say(language, refusal.code, **refusal.details)), file=sys.stderr)
        return 2


def write_imported_directive(options: argparse.Namespace, language: str) -> int:
    """Reads the task table and writes the directive: 0, or 1 when rows cannot be read, and then
    nothing is written."""
    overrides = parse_map(options.map)
    defaults = item_defaults(options)
    issued = issued_date(options.issued)
    source = read_source(options.file, options.sheet)
    tables = task_tables(source, column_names(overrides), options.table)
    table = tables[0]
    check_columns(table, overrides, source)
    print("\n".join(table_summary(source, tables, language)))
    result = read_items(table, defaults)
    if result.problems:
        print("\n".join([*row_problems(table, result, language),
                         say(language, "nothing_written", count=len(result.problems))]), file=sys.stderr)
        return 1
    if not result.items:
        raise Unimportable("no_rows", file=source.path, table=table.source, row=table.header_row)
    head = directive_head(options, source, issued)
    text = directive_yaml(head, table, result.items, options.file.name, language)
    check_loads(text, options.out, source, language)
    write_directive(options.out, text)
    print("\n".join([*import_summary(head, result, language),
                     say(language, counted("wrote", len(result.items)), file=options.out, count=len(result.items))]))
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    """`directive FILE …` imports a directive; `list TABLE …` or, as before subcommands,
    `TABLE …` a list table."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["directive"]:
        return import_directive(argv[1:])
    if argv[:1] == ["list"]:
        argv = argv[1:]
    return import_list(argv)


if __name__ == "__main__":
    sys.exit(main())
