"""A directive's task table (附件：工作任务清单) read as directive items: which table and which row
hold the header, which column is which, and what each row's cells say in qingdan's terms —
frequency words such as 每周两次 as frequencies, 预计工时 as hours. A row that cannot be read is
refused with its source row number and the reason; nothing is guessed."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ._source_tables import Source, SourceTable, Unimportable

# The header names offices use for each column. The fields are the directive item's keys where
# it has one; `department` and `deadline` go into the item's note, `number` (序号) into the
# comment that traces the item to its row.
HEADER_NAMES: Dict[str, Tuple[str, ...]] = {
    "task": ("工作任务", "任务内容", "工作内容", "事项名称", "工作事项", "任务名称", "任务"),
    "frequency": ("频次", "频率", "报送频次", "工作频次", "报送频率"),
    "to": ("承接层级", "落实层级"),
    "effort_hours": ("预计工时", "工作量", "工时"),
    "form": ("表格名称", "报表名称"),
    "fields": ("填报字段", "采集字段"),
    "department": ("责任单位", "牵头单位", "责任部门"),
    "deadline": ("完成时限", "时间要求", "完成时间", "时限要求"),
    "number": ("序号", "编号"),
}
FIELDS = tuple(HEADER_NAMES)
NOTE_FIELDS = ("department", "deadline")

# Title rows (附件：…, a table's name) come above the header; a header further down than this
# is not looked for.
HEADER_SEARCH_ROWS = 10
MAX_EFFORT_HOURS = 10_000  # what a directive file accepts
EMPTY_CELLS = {"", "/", "\\", "-", "—", "——", "无"}


def header_key(text: str) -> str:
    """A header as it is compared: full-width and half-width alike, no spaces, no trailing unit
    in brackets — 工作量（小时） and 工作量 (小时) are both 工作量."""
    key = "".join(unicodedata.normalize("NFKC", text).split())
    return re.sub(r"(\([^()]*\))+$", "", key)


def column_names(overrides: Dict[str, str]) -> Dict[str, str]:
    """Header key → field: the known names of each field, except that a field given a header
    with --map is known by that header only."""
    names = {header_key(header): name for name, headers in HEADER_NAMES.items()
             if name not in overrides for header in headers}
    names.update({header_key(header): name for name, header in overrides.items()})
    return names


@dataclass
class TaskTable:
    """A source table with its header found: the header's source row (from 1) and, for each
    recognised field, the index of its column."""

    source: SourceTable
    header_row: int
    columns: Dict[str, int]

    @property
    def header(self) -> List[str]:
        return self.source.rows[self.header_row - 1]

    def heading(self, name: str) -> str:
        """The header text of a field's column as the table writes it; empty when it has none."""
        return self.header[self.columns[name]] if name in self.columns else ""

    def unused_headings(self) -> List[str]:
        used = set(self.columns.values())
        return [text for index, text in enumerate(self.header) if text and index not in used]


def recognised_columns(cells: Sequence[str], names: Dict[str, str]) -> Dict[str, int]:
    """Field → column for the cells that name a field; a field named twice keeps its first column."""
    columns: Dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = names.get(header_key(cell))
        if name is not None and name not in columns:
            columns[name] = index
    return columns


def find_header(table: SourceTable, names: Dict[str, str]) -> Optional[TaskTable]:
    """The first of the table's top rows that names the task column and at least one more."""
    for number, cells in enumerate(table.rows[:HEADER_SEARCH_ROWS], start=1):
        columns = recognised_columns(cells, names)
        if "task" in columns and len(columns) >= 2:
            return TaskTable(table, number, columns)
    return None


@dataclass
class HeadersSeen:
    """The row that looks most like the header of a table whose header was not recognised."""

    table: SourceTable
    row: int
    headers: List[str]


def headers_seen(table: SourceTable) -> HeadersSeen:
    """A table's first top row with two different texts (a merged title row has one), else its
    first row with any text."""
    top = list(enumerate(table.rows[:HEADER_SEARCH_ROWS], start=1))
    for number, cells in top:
        if len({cell for cell in cells if cell}) >= 2:
            return HeadersSeen(table, number, [cell for cell in cells if cell])
    for number, cells in top:
        if any(cells):
            return HeadersSeen(table, number, [cell for cell in cells if cell])
    return HeadersSeen(table, 1, [])


def task_tables(source: Source, names: Dict[str, str], number: Optional[int] = None) -> List[TaskTable]:
    """The tables of the source with a recognised header, the best match (most columns
    recognised, then the first) first; with `number`, only the source's table of that number."""
    candidates = source.tables
    if number is not None:
        if not 1 <= number <= len(source.tables):
            raise Unimportable("no_such_table", file=source.path, number=number, count=len(source.tables))
        candidates = [source.tables[number - 1]]
    found = [table for table in (find_header(candidate, names) for candidate in candidates) if table]
    if not found:
        raise Unimportable("no_header", file=source.path, rows=HEADER_SEARCH_ROWS,
                           task_headers=[header for header, name in names.items() if name == "task"],
                           seen=[headers_seen(table) for table in candidates])
    return sorted(found, key=lambda table: -len(table.columns))


def check_columns(table: TaskTable, overrides: Dict[str, str], source: Source) -> None:
    """A --map header the chosen table lacks, or a table with no column to tell how often, is
    refused: every row would fail for the same reason."""
    for name, header in overrides.items():
        if name not in table.columns:
            raise Unimportable("map_header_missing", file=source.path, table=table.source, field=name,
                               header=header, headers=[text for text in table.header if text])
    if "frequency" not in table.columns and "deadline" not in table.columns:
        raise Unimportable("no_frequency_column", file=source.path, table=table.source,
                           frequency_headers=HEADER_NAMES["frequency"], deadline_headers=HEADER_NAMES["deadline"],
                           headers=[text for text in table.header if text])


# -- frequencies ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Frequency:
    """A directive item's frequency: a `word` (once, daily, weekly, monthly, quarterly, yearly),
    or `times` per day, week, month or year."""

    word: str = ""
    times: int = 0
    per: str = ""


ONCE = Frequency("once")
PERIODS = {"日": "day", "天": "day", "周": "week", "星期": "week", "月": "month", "季度": "quarter",
           "季": "quarter", "半年": "half-year", "年": "year"}
PERIOD = "(半年|季度|星期|日|天|周|月|季|年)"
COUNT = "([0-9]+|[一二两三四五六七八九十]+)"
REPORT_WORDS = {"日报": "day", "周报": "week", "月报": "month", "季报": "quarter", "半年报": "half-year", "年报": "year"}
ONCE_WORDS = {"一次性", "一次", "单次", "1次"}
WORDS = {"day": "daily", "week": "weekly", "month": "monthly", "quarter": "quarterly", "year": "yearly"}
DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# A deadline that is one date (2025年11月30日前, 6月底前, 2025-06-30): a task with no 频次 and such
# a deadline is done once.
ONE_DATE = re.compile(r"(于|在)?((\d{4}年)?\d{1,2}月(\d{1,2}日|底|末|上旬|中旬|下旬)?|\d{4}年(底|末)?"
                      r"|\d{4}[-./]\d{1,2}[-./]\d{1,2})(前|之前|以前|前完成|完成)?")


def text_key(text: str) -> str:
    """A cell as frequency and number patterns read it: half-width, no spaces, no final stop."""
    return "".join(unicodedata.normalize("NFKC", text).split()).rstrip("。.")


def count_value(text: str) -> Optional[int]:
    """3, 三, 两, 十二, 二十四 → the number; None for anything else."""
    if re.fullmatch("[0-9]+", text):
        return int(text)
    if text in DIGITS:
        return DIGITS[text]
    tens, ten, ones = text.partition("十")
    if not ten:
        return None
    tens_value = DIGITS.get(tens) if tens else 1
    ones_value = DIGITS.get(ones) if ones else 0
    if tens_value is None or ones_value is None:
        return None
    return tens_value * 10 + ones_value


def times_per(count: int, period: str) -> Frequency:
    """`count` times a period, in the directive format's terms, which has no per-quarter or
    per-half-year: those become times a year."""
    if period == "quarter" and count > 1:
        return Frequency(times=4 * count, per="year")
    if period == "half-year":
        return Frequency(times=2 * count, per="year")
    if count == 1:
        return Frequency(WORDS[period])
    return Frequency(times=count, per=period)


def parse_frequency(text: str) -> Optional[Frequency]:
    """每月 → monthly, 每周两次 → 2 a week, 2次/月 → 2 a month, 每半年 → 2 a year, 一次性 → once;
    None for what says no rate (不定期, 按需) or is not understood."""
    key = text_key(text)
    if key in ONCE_WORDS:
        return ONCE
    if key in REPORT_WORDS:
        return times_per(1, REPORT_WORDS[key])
    every = re.fullmatch(f"[每按]{PERIOD}(?:{COUNT}次)?", key)
    slashed = re.fullmatch(f"{COUNT}次/{PERIOD}", key)
    if every:
        period, count = PERIODS[every[1]], count_value(every[2]) if every[2] else 1
    elif slashed:
        period, count = PERIODS[slashed[2]], count_value(slashed[1])
    else:
        return None
    return times_per(count, period) if count else None


def frequency_from_deadline(text: str) -> Optional[Frequency]:
    """What a deadline says about frequency when the row gives none: 每月5日前 → monthly, one
    date (2025年11月30日前) → once; None for 长期, 汛期 and the like."""
    key = text_key(text)
    every = re.match(f"[每按]{PERIOD}", key)
    if every:
        return times_per(1, PERIODS[every[1]])
    return ONCE if ONE_DATE.fullmatch(key) else None


def parse_hours(text: str) -> Optional[float]:
    """2, 1.5, 2小时, 2h → hours; None for what is not a number from 0 to 10,000."""
    match = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)(小时|个小时|h)?", text_key(text), re.IGNORECASE)
    if match is None or float(match[1]) > MAX_EFFORT_HOURS:
        return None
    return float(match[1])


def split_fields(text: str) -> List[str]:
    """填报字段 姓名、身份证号；住址 → [姓名, 身份证号, 住址]."""
    return [name.strip() for name in re.split("[、，,;；]", text) if name.strip()]


# -- rows ----------------------------------------------------------------------------------------


class RowRefused(Exception):
    """A row that cannot be imported: `code` names the reason, `details` fill it in."""

    def __init__(self, code: str, **details: Any) -> None:
        super().__init__(code)
        self.code = code
        self.details = details


@dataclass
class RowProblem:
    row: int
    code: str
    details: Dict[str, Any]


@dataclass
class ImportedItem:
    """A directive item read from a row. `notes` are (header, text) pairs of the columns the item
    format has no key for; `deadline_frequency` is set when the frequency came from the deadline."""

    row: int
    number: str
    task: str
    frequency: Frequency
    effort_hours: float
    to: str = ""
    form: str = ""
    fields: List[str] = field(default_factory=list)
    notes: List[Tuple[str, str]] = field(default_factory=list)
    deadline_frequency: bool = False


@dataclass
class TableImport:
    """The items of a task table, the rows refused, and the section rows (一、安全生产 merged
    across the table) passed over."""

    items: List[ImportedItem] = field(default_factory=list)
    problems: List[RowProblem] = field(default_factory=list)
    section_rows: List[int] = field(default_factory=list)


@dataclass
class ItemDefaults:
    """What an item gets when its row has no cell for it: --effort-hours and --to."""

    effort_hours: Optional[float] = None
    to: str = ""


class TableRow:
    """One row of a task table, its cells looked up by field."""

    def __init__(self, table: TaskTable, number: int, cells: List[str]) -> None:
        self.table = table
        self.number = number
        self.cells = cells

    def text(self, name: str) -> str:
        """The row's cell for a field; empty when the table has no such column or the cell only
        says there is nothing (/, —, 无)."""
        column = self.table.columns.get(name)
        text = self.cells[column] if column is not None and column < len(self.cells) else ""
        return "" if text in EMPTY_CELLS else text


def is_section_row(cells: Sequence[str]) -> bool:
    """A row merged across the table (一、安全生产, 备注：…): one text repeated in every filled cell."""
    filled = [cell for cell in cells if cell]
    return len(filled) >= 2 and len(set(filled)) == 1


def read_items(table: TaskTable, defaults: ItemDefaults) -> TableImport:
    result = TableImport()
    rows = table.source.rows
    for number, cells in enumerate(rows[table.header_row:], start=table.header_row + 1):
        if not any(cells):
            continue
        if is_section_row(cells):
            result.section_rows.append(number)
            continue
        try:
            result.items.append(read_item(TableRow(table, number, cells), defaults))
        except RowRefused as refused:
            result.problems.append(RowProblem(number, refused.code, refused.details))
    return result


def read_item(row: TableRow, defaults: ItemDefaults) -> ImportedItem:
    task = row.text("task")
    if not task:
        raise RowRefused("no_task", column=row.table.heading("task"))
    frequency, deadline_frequency = row_frequency(row)
    form, fields = row_form(row)
    return ImportedItem(
        row=row.number, number=row.text("number"), task=task, frequency=frequency,
        effort_hours=row_effort(row, defaults.effort_hours), to=row.text("to") or defaults.to,
        form=form, fields=fields, deadline_frequency=deadline_frequency,
        notes=[(row.table.heading(name), row.text(name)) for name in NOTE_FIELDS if row.text(name)])


def row_frequency(row: TableRow) -> Tuple[Frequency, bool]:
    """The row's frequency from its 频次 cell or, when that is empty, from its deadline; and
    whether it came from the deadline."""
    written = row.text("frequency")
    if written:
        frequency = parse_frequency(written)
        if frequency is None:
            raise RowRefused("unknown_frequency", column=row.table.heading("frequency"), text=written)
        return frequency, False
    deadline = row.text("deadline")
    if not deadline:
        raise RowRefused("no_frequency", columns=[row.table.heading(name) for name in ("frequency", "deadline")
                                                  if name in row.table.columns])
    frequency = frequency_from_deadline(deadline)
    if frequency is None:
        raise RowRefused("deadline_without_frequency", column=row.table.heading("deadline"), text=deadline)
    return frequency, True


def row_effort(row: TableRow, default: Optional[float]) -> float:
    written = row.text("effort_hours")
    if written:
        hours = parse_hours(written)
        if hours is None:
            raise RowRefused("bad_effort", column=row.table.heading("effort_hours"), text=written,
                             maximum=MAX_EFFORT_HOURS)
        return hours
    if default is not None:
        return default
    if "effort_hours" in row.table.columns:
        raise RowRefused("no_effort", column=row.table.heading("effort_hours"))
    raise RowRefused("no_effort_column", headers=HEADER_NAMES["effort_hours"])


def row_form(row: TableRow) -> Tuple[str, List[str]]:
    name, fields = row.text("form"), split_fields(row.text("fields"))
    if fields and not name:
        raise RowRefused("fields_without_form", column=row.table.heading("fields"),
                         form_headers=[row.table.heading("form")] if "form" in row.table.columns
                         else HEADER_NAMES["form"])
    return name, fields
