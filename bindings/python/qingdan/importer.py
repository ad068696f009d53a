"""Import a published list table (CSV or XLSX) into a rulebook: a `kind: tasks` file for the
tasks the rulebook does not have yet, and a `kind: list` edition.

Lists are published as spreadsheets — 序号 | 事项名称 | 事项类别 | 责任部门 | 设定依据 | 备注 — so the
importer is a Python module: that is where the people who keep the lists already work, and
openpyxl (PyPI) reads XLSX well. Usage:

    python -m qingdan.importer TABLE.xlsx --list negative --version 2024 --effective 2024-08-06 \\
        --columns name=事项名称,category=事项类别,basis=设定依据,note=备注 \\
        --rules rules/shanghai-qingpu --out rules/shanghai-qingpu/lists

Columns map qingdan fields to the table's headers: `name` (required), `id` (the entry id, e.g.
序号), `category`, `department`, `basis`, `note`, `aliases` (separated by 、 or ;). A task whose
normalised name matches a task of `--rules` keeps that task's id; other tasks get new ids.
Rows that cannot be mapped are reported with their row number; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence

from ._core import Rulebook, normalize
from ._errors import Error

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
                                     description=__doc__.split("\n\n")[0])
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


def main(argv: Optional[Sequence[str]] = None) -> int:
    """`list TABLE …` or, as before subcommands, `TABLE …`: import a list table."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["list"]:
        argv = argv[1:]
    return import_list(argv)


if __name__ == "__main__":
    sys.exit(main())
