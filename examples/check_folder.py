"""For a policy office: check every directive in a folder against the lists and the villages'
capacity, write one HTML report per directive, and a summary spreadsheet (CSV, and XLSX when
openpyxl is installed) with one row per directive.

    python examples/check_folder.py [DIRECTIVES] [--rules DIR] [--villages CSV] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import qingdan

COLUMNS = ["文件", "编号", "标题", "发文日期", "事项数", "结论", "错误", "警告", "超负荷村居", "接近上限村居", "HTML报告"]


def summary_row(directive: qingdan.Directive, report: qingdan.Report, html: Path, root: Path) -> list:
    return [
        Path(directive.file).name,
        directive.id,
        directive.title,
        directive.issued.isoformat(),
        len(directive.items),
        report.verdict,
        report.errors,
        report.warnings,
        report.villages.overloaded,
        report.villages.near_capacity,
        html.relative_to(root).as_posix(),
    ]


def write_csv(rows: list, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8-sig") as out:  # the BOM lets Excel read UTF-8
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        writer.writerows(rows)


def write_xlsx(rows: list, path: Path) -> bool:
    try:
        from openpyxl import Workbook
    except ImportError:
        return False
    book = Workbook()
    sheet = book.active
    sheet.title = "指令检查汇总"
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    book.save(path)
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directives", nargs="?", default="examples/directives", type=Path)
    parser.add_argument("--rules", default="rules/shanghai-qingpu")
    parser.add_argument("--villages", default="examples/villages/qingpu.csv")
    parser.add_argument("--out", default="build/directive-check", type=Path)
    args = parser.parse_args()

    book = qingdan.Rulebook.load(args.rules)
    villages = qingdan.Villages.load(args.villages)
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    for file in sorted(args.directives.glob("*.yaml")):
        directive = qingdan.Directive.load(str(file))
        report = book.check([directive], villages)
        html = args.out / f"{file.stem}.html"
        report.write_html(str(html))
        rows.append(summary_row(directive, report, html, args.out))
        print(f"{directive.id}  {report.verdict:6}  {report.errors} errors, {report.warnings} warnings, "
              f"{report.villages.overloaded} villages overloaded  {directive.title}")

    write_csv(rows, args.out / "summary.csv")
    written = ["summary.csv"] + (["summary.xlsx"] if write_xlsx(rows, args.out / "summary.xlsx") else [])
    rejected = sum(1 for row in rows if row[5] == "reject")
    print(f"{len(rows)} directives, {rejected} to send back; wrote {', '.join(written)} and "
          f"{len(rows)} HTML reports in {args.out.as_posix()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
