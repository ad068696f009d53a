"""Importing published list tables (CSV and XLSX) into a rulebook, round trip to lint and owner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import qingdan
from qingdan import importer
from conftest import QINGPU

HEADER = ["序号", "事项名称", "事项类别", "设定依据", "备注"]
ROWS = [
    ["1", "开具亲属关系证明", "证明事项", "民政部等六部门（2020）", ""],
    ["2", "开具转学证明", "证明事项", "湖北省不应由村级组织出具的证明（21项）", ""],
    ["3", "", "证明事项", "", "此行缺事项名称"],
    ["4", "開具健在證明", "证明事项", "民政部等六部门（2020）", "繁体写法"],
    ["5", "开具健康证明", "证明事项", "浙江省村级组织证明取消事项（2023）", ""],
]
COLUMNS = "name=事项名称,id=序号,category=事项类别,basis=设定依据,note=备注"


@pytest.fixture
def rulebook(tmp_path) -> Path:
    copy = tmp_path / "qingpu"
    shutil.copytree(QINGPU, copy)
    return copy


def run_import(table: Path, rulebook: Path, *extra: str) -> int:
    return importer.main([str(table), "--list", "negative", "--version", "2025", "--effective", "2025-01-01",
                          "--jurisdiction", "上海市/青浦区", "--columns", COLUMNS, "--rules", str(rulebook),
                          "--out", str(rulebook / "lists"), "--entry-prefix", "Z-", "--task-prefix", "ZM-",
                          "--title", "青浦区不应由村级组织出具的证明（导入测试）", *extra])


def check_round_trip(rulebook: Path, capsys, skipped_row: int) -> None:
    out, err = capsys.readouterr()
    assert "wrote tasks-negative-2025.yaml (2 new tasks), negative-2025.yaml (4 entries)" in out
    assert f"row {skipped_row}: no task name in column 事项名称" in err
    report = qingdan.lint(str(rulebook))
    assert report.diagnostics == [], [str(d) for d in report.diagnostics]
    book = qingdan.Rulebook.load(str(rulebook))
    reused = book.owner("开具亲属关系证明", at="2025-03-01", jurisdiction="徐练村")
    assert reused.task.id == "ZM-01"
    assert [e.id for e in reused.entries] == ["Z-1"]
    traditional = book.owner("开具健在证明", at="2025-03-01", jurisdiction="徐练村")
    assert traditional.task.id == "ZM-03"
    new = book.owner("开具转学证明", at="2025-03-01", jurisdiction="徐练村")
    assert new.task.id == "ZM-001" and new.roles == {"village": "forbidden"}
    assert new.entries[0].basis == "湖北省不应由村级组织出具的证明（21项）"


def test_csv_round_trip(tmp_path, rulebook, capsys):
    table = tmp_path / "list.csv"
    table.write_text("\n".join(",".join(row) for row in [HEADER, *ROWS]) + "\n", encoding="utf-8-sig")
    assert run_import(table, rulebook) == 1  # one row could not be mapped
    check_round_trip(rulebook, capsys, skipped_row=4)


def test_xlsx_round_trip_with_a_title_row(tmp_path, rulebook, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "负面清单"
    sheet.append(["青浦区村级组织不应出具的证明事项清单"])
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append([int(row[0]), *row[1:]])
    table = tmp_path / "list.xlsx"
    workbook.save(table)
    assert run_import(table, rulebook, "--sheet", "负面清单", "--header-row", "2") == 1
    check_round_trip(rulebook, capsys, skipped_row=5)


def test_bad_mapping_or_table_is_reported(tmp_path, rulebook, capsys):
    table = tmp_path / "list.csv"
    table.write_text("序号,名称\n1,开具亲属关系证明\n", encoding="utf-8")
    assert run_import(table, rulebook) == 2
    assert "no column 事项名称" in capsys.readouterr().err
    assert importer.main([str(table), "--list", "negative", "--version", "1", "--effective", "2025-01-01",
                          "--columns", "title=名称", "--out", str(tmp_path)]) == 2
    assert "not FIELD=HEADER" in capsys.readouterr().err
    assert importer.main([str(tmp_path / "list.txt"), "--list", "negative", "--version", "1",
                          "--effective", "2025-01-01", "--columns", "name=名称", "--out", str(tmp_path)]) == 2


@pytest.mark.parametrize("extra, message", [
    (["--effective", "2026/01/01"], "--effective: bad date '2026/01/01': expected a calendar date as YYYY-MM-DD"),
    (["--effective", "2025-02-30"], "--effective: bad date '2025-02-30'"),
    (["--until", "20260101"], "--until: bad date '20260101'"),
    (["--until", "2024-12-31"], "--until 2024-12-31 is before --effective 2025-01-01"),
    (["--levels", "村"], "--levels: unknown level '村' (levels of"),
    (["--levels", "village], x: [y"], "--levels: 'village]' is not a level id"),
])
def test_dates_and_levels_are_checked_before_anything_is_written(tmp_path, rulebook, capsys, extra, message):
    table = tmp_path / "list.csv"
    table.write_text("\n".join(",".join(row) for row in [HEADER, *ROWS]) + "\n", encoding="utf-8")
    before = sorted(path.name for path in (rulebook / "lists").iterdir())
    assert run_import(table, rulebook, *extra) == 2
    assert message in capsys.readouterr().err
    assert sorted(path.name for path in (rulebook / "lists").iterdir()) == before


def test_levels_written_are_the_ones_lint_accepts(tmp_path, rulebook, capsys):
    table = tmp_path / "list.csv"
    table.write_text("\n".join(",".join(row) for row in [HEADER, *ROWS]) + "\n", encoding="utf-8")
    assert run_import(table, rulebook, "--levels", "town、 village") == 1
    assert "levels: [town, village]" in (rulebook / "lists" / "negative-2025.yaml").read_text(encoding="utf-8")
    assert qingdan.lint(str(rulebook)).errors == 0


def test_the_list_subcommand_is_the_same_import(tmp_path, rulebook, capsys):
    table = tmp_path / "list.csv"
    table.write_text("\n".join(",".join(row) for row in [HEADER, *ROWS]) + "\n", encoding="utf-8")
    assert importer.main(["list", str(table), "--list", "negative", "--version", "2025", "--effective", "2025-01-01",
                          "--jurisdiction", "上海市/青浦区", "--columns", COLUMNS, "--rules", str(rulebook),
                          "--out", str(rulebook / "lists"), "--entry-prefix", "Z-", "--task-prefix", "ZM-"]) == 1
    check_round_trip(rulebook, capsys, skipped_row=4)
