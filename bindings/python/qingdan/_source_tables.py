"""The tables of a file a directive arrives as: every table of a Word document, every sheet of a
workbook, the one table of a CSV file — each as rows of cell texts, numbered as the source numbers
them, so that a reviewer can find a reported row in Word or Excel."""

from __future__ import annotations

import csv
import datetime
import importlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, List, Optional


class Unimportable(Exception):
    """The file cannot be imported at all. `code` names the message, `details` fill it in; the
    words are chosen where the message is printed, in the reader's language."""

    def __init__(self, code: str, **details: Any) -> None:
        super().__init__(code)
        self.code = code
        self.details = details


@dataclass
class SourceTable:
    """One table of a source file. `kind` is "word" (a table of a Word document, `name` its number
    from 1), "sheet" (a worksheet, `name` its title) or "csv" (`name` the file name). `rows[0]` is the
    source's row 1; a merged cell's text is repeated in every cell it covers."""

    kind: str
    name: str
    rows: List[List[str]]


@dataclass
class Source:
    """What a file holds for the importer: its tables and, for a Word document, the title (the
    first paragraph that says 关于…)."""

    path: Path
    tables: List[SourceTable] = field(default_factory=list)
    title: Optional[str] = None


def read_source(path: Path, sheet: Optional[str] = None) -> Source:
    """The tables of a .docx, .xlsx or .csv file; with `sheet`, only that sheet of a workbook."""
    if not path.is_file():
        raise Unimportable("missing_file", file=path)
    suffix = path.suffix.lower()
    if sheet is not None and suffix != ".xlsx":
        raise Unimportable("sheet_needs_xlsx", file=path)
    if suffix == ".docx":
        source = read_word(path)
    elif suffix == ".xlsx":
        source = read_workbook(path, sheet)
    elif suffix == ".csv":
        source = read_csv(path)
    else:
        raise Unimportable("unsupported_extension", file=path)
    if not source.tables:
        raise Unimportable("no_table", file=path)
    return source


def cell_text(text: str) -> str:
    """A cell's text with line breaks and runs of spaces (full-width ones too) made one space."""
    return " ".join(text.split())


def read_word(path: Path) -> Source:
    docx = optional_package("docx", "python-docx", path)
    try:
        document = docx.Document(str(path))
    except Exception as damaged:  # noqa: BLE001 — python-docx raises several types for a damaged file
        raise Unimportable("unreadable", file=path, reason=damaged) from damaged
    tables = [SourceTable("word", str(number), [[cell_text(cell.text) for cell in row.cells] for row in table.rows])
              for number, table in enumerate(document.tables, start=1)]
    title = next((cell_text(paragraph.text) for paragraph in document.paragraphs if "关于" in paragraph.text), None)
    return Source(path, tables, title)


def read_workbook(path: Path, sheet: Optional[str]) -> Source:
    openpyxl = optional_package("openpyxl", "openpyxl", path)
    try:
        # not read_only: a read-only workbook does not tell its merged cells
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as damaged:  # noqa: BLE001 — openpyxl raises several types for a damaged file
        raise Unimportable("unreadable", file=path, reason=damaged) from damaged
    if sheet is not None and sheet not in book.sheetnames:
        raise Unimportable("no_such_sheet", file=path, sheet=sheet, sheets=book.sheetnames)
    worksheets = [book[sheet]] if sheet is not None else book.worksheets
    return Source(path, [SourceTable("sheet", worksheet.title, sheet_rows(worksheet)) for worksheet in worksheets])


def sheet_rows(worksheet: Any) -> List[List[str]]:
    """A worksheet's cells as texts, a merged range's value repeated over the range as Word does:
    a 责任单位 merged down three rows then belongs to each of the three."""
    rows = [[excel_text(cell.value) for cell in row] for row in worksheet.iter_rows()]
    for merged in worksheet.merged_cells.ranges:
        value = rows[merged.min_row - 1][merged.min_col - 1]
        for row in range(merged.min_row - 1, min(merged.max_row, len(rows))):
            for column in range(merged.min_col - 1, min(merged.max_col, len(rows[row]))):
                rows[row][column] = value
    return rows


def excel_text(value: Any) -> str:
    """A cell value as the sheet shows it: dates as YYYY-MM-DD, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return cell_text(str(value))


def read_csv(path: Path) -> Source:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Chinese Windows saves CSV in GBK, which GB 18030 includes
        try:
            text = path.read_text(encoding="gb18030")
        except UnicodeDecodeError as damaged:
            raise Unimportable("unreadable", file=path, reason=damaged) from damaged
    rows = [[cell_text(cell) for cell in row] for row in csv.reader(io.StringIO(text))]
    return Source(path, [SourceTable("csv", path.name, rows)] if any(any(row) for row in rows) else [])


def optional_package(module: str, package: str, path: Path) -> Any:
    """The reader package a file type needs, imported only when a file of that type is read."""
    try:
        return importlib.import_module(module)
    except ImportError as missing:
        raise Unimportable("needs_package", file=path, package=package) from missing
