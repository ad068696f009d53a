"""Writes the .xlsx village files the tests read, each beside this script.

Run from the repository's root, with openpyxl installed (pip install ".[test]"):

    python tests/data/villages/make_workbooks.py

openpyxl saves each workbook as Excel would; some are then changed part by part, as other
programs (or damage, or a hostile sender) leave them. Every entry is re-packed with a fixed date,
so the files are the same on every run.

- qingpu.xlsx          examples/villages/qingpu.csv under a Chinese header (村居, 户数, …), for the
                       same report as the CSV. Its first sheet in the workbook's order is stored
                       as xl/worksheets/sheet2.xml (a second sheet, 说明, as sheet1.xml); two
                       villages are inline strings, one split in runs with a phonetic reading
                       (<rPh>) that is not part of its text; one figure is text ("621").
- bad-number.xlsx      户数 '六百' in B3.
- outside-header.xlsx  a value in G3, right of the header's last column (F).
- negative.xlsx        工作人员 -1 in D2.
- twice.xlsx           the village of row 2 again in row 3.
- truncated.xlsx       bad-number.xlsx cut short.
- declared-huge.xlsx   a worksheet whose entry says it unpacks to 4 GB.
- lying-size.xlsx      a worksheet of 64 KiB (mostly spaces) whose entry says 1,000 bytes: a zip
                       bomb in miniature, for a test with max_file_bytes below 64 KiB.
- encrypted.xlsx       a worksheet entry marked as encrypted.
- doctype.xlsx         a worksheet that declares entities (a "billion laughs").
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import struct
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
HEADER = ["村居", "户数", "人口", "工作人员", "月工时", "基线工时", "备注"]
ENGLISH = ["jurisdiction", "households", "population", "staff", "hours_per_month", "baseline_hours", "note"]
XULIAN = "上海市/青浦区/练塘镇/徐练村"
DONGZHUANG = "上海市/青浦区/练塘镇/东庄村"
SHEET = "xl/worksheets/sheet1.xml"


def saved(rows: list, extra_sheet: bool = False) -> dict:
    """The workbook's parts, name → bytes, as openpyxl saves a sheet 村居概况 of these rows, with
    its texts moved to a shared string table as Excel keeps them."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "村居概况"
    for row in rows:
        sheet.append(row)
    if extra_sheet:
        book.create_sheet("说明").append(["村居概况见第一张工作表"])
    book.properties.created = book.properties.modified = datetime.datetime(2025, 1, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    shared_strings(parts)
    return parts


def packed(parts: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def shared_strings(parts: dict) -> None:
    """Moves every inline string of every worksheet to xl/sharedStrings.xml."""
    table: dict = {}

    def shared(match: re.Match) -> str:
        index = table.setdefault(match.group(3), len(table))
        return f'<c r="{match.group(1)}"{match.group(2)} t="s"><v>{index}</v></c>'

    for name in [name for name in parts if name.startswith("xl/worksheets/")]:
        parts[name] = re.sub(r'<c r="([A-Z]+\d+)"([^>]*) t="inlineStr"><is><t(?: [^>]*)?>(.*?)</t></is></c>',
                             shared, parts[name].decode()).encode()
    items = "".join(f"<si><t>{text}</t></si>" for text in table)
    parts["xl/sharedStrings.xml"] = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(table)}" uniqueCount="{len(table)}">{items}</sst>').encode()
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].decode().replace(
        "</Relationships>",
        '<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/sharedStrings"/></Relationships>').encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].decode().replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sharedStrings+xml"/></Types>').encode()


def inline(parts: dict, sheet: str, reference: str, runs: str) -> None:
    """Makes the cell `reference` of `sheet` an inline string of the rich-text `runs`."""
    xml = parts[sheet].decode()
    xml, count = re.subn(rf'<c r="{reference}"([^>]*?) t="s"><v>\d+</v></c>',
                         rf'<c r="{reference}"\1 t="inlineStr"><is>{runs}</is></c>', xml)
    assert count == 1, reference
    parts[sheet] = xml.encode()


def qingpu() -> bytes:
    with open(ROOT / "examples" / "villages" / "qingpu.csv", encoding="utf-8") as file:
        records = list(csv.DictReader(file))
    rows = [HEADER]
    for record in records:
        row = []
        for column in ENGLISH:
            value = record[column]
            if column not in ("jurisdiction", "note"):
                value = float(value) if "." in value else int(value) if value else None
            row.append(value)
        rows.append(row)
    rows[1][1] = "621"  # a figure typed as text, as a CSV cell is
    parts = saved(rows, extra_sheet=True)
    assert records[0]["jurisdiction"] == XULIAN and records[0]["households"] == "621"
    # The first sheet in the workbook's order is stored second.
    first, second = "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"
    parts[first], parts[second] = parts[second], parts[first]
    relationships = parts["xl/_rels/workbook.xml.rels"].decode()
    relationships = (relationships.replace("worksheets/sheet1.xml", "worksheets/@")
                     .replace("worksheets/sheet2.xml", "worksheets/sheet1.xml")
                     .replace("worksheets/@", "worksheets/sheet2.xml"))
    parts["xl/_rels/workbook.xml.rels"] = relationships.encode()
    inline(parts, second, "A2", f"<t>{XULIAN}</t>")
    third = records[2]["jurisdiction"]
    town, village = third.rsplit("/", 1)
    inline(parts, second, "A4",
           f'<r><t>{town}/</t></r><r><rPr><b/></rPr><t>{village}</t></r>'
           f'<rPh sb="0" eb="2"><t>シャンハイ</t></rPh>')
    return packed(parts)


def small(rows: list) -> dict:
    return saved([HEADER[:6], *rows])


def with_entry_flags(data: bytes, name: str, change) -> bytes:
    """The archive with `change(fields)` applied to the local and central headers of `name`;
    `fields` holds the entry's general-purpose flags and its unpacked size."""
    out = bytearray(data)
    encoded = name.encode()
    for signature, offsets in ((b"PK\x03\x04", (6, 22, 30)), (b"PK\x01\x02", (8, 24, 46))):
        start = 0
        while (at := out.find(signature, start)) >= 0:
            start = at + 4
            flags_at, size_at, name_at = (at + offset for offset in offsets)
            if out[name_at:name_at + len(encoded)] != encoded:
                continue
            fields = {"flags": struct.unpack_from("<H", out, flags_at)[0],
                      "size": struct.unpack_from("<I", out, size_at)[0]}
            change(fields)
            struct.pack_into("<H", out, flags_at, fields["flags"])
            struct.pack_into("<I", out, size_at, fields["size"])
    return bytes(out)


def main() -> None:
    written = {}
    written["qingpu.xlsx"] = qingpu()
    bad_number = packed(small([[XULIAN, 621, 2120, 7, None, 760], [DONGZHUANG, "六百", 1905, 4, None, 430]]))
    written["bad-number.xlsx"] = bad_number
    outside = small([[XULIAN, 621, 2120, 7, None, 760], [DONGZHUANG, 765, 1905, 4, None, 430]])
    sheet = parts_sheet = outside[SHEET].decode()
    sheet = sheet.replace('<c r="F3" t="n"><v>430</v></c>', '<c r="F3" t="n"><v>430</v></c>'
                          '<c r="G3" t="inlineStr"><is><t>见附件</t></is></c>')
    assert sheet != parts_sheet
    outside[SHEET] = sheet.encode()
    written["outside-header.xlsx"] = packed(outside)
    written["negative.xlsx"] = packed(small([[XULIAN, 621, 2120, -1, None, 760]]))
    written["twice.xlsx"] = packed(small([[XULIAN, 621, 2120, 7, None, 760], [XULIAN, 621, 2120, 7, None, 760]]))
    written["truncated.xlsx"] = bad_number[: len(bad_number) * 2 // 3]
    written["declared-huge.xlsx"] = with_entry_flags(
        bad_number, SHEET, lambda fields: fields.update(size=4_000_000_000))
    padded = small([[XULIAN, 621, 2120, 7, None, 760]])
    padded[SHEET] = padded[SHEET].replace(b"<sheetData>", b"<sheetData>" + b" " * (64 << 10))
    written["lying-size.xlsx"] = with_entry_flags(packed(padded), SHEET, lambda fields: fields.update(size=1000))
    written["encrypted.xlsx"] = with_entry_flags(
        bad_number, SHEET, lambda fields: fields.update(flags=fields["flags"] | 1))
    doctype = small([[XULIAN, 621, 2120, 7, None, 760]])
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    doctype[SHEET] = doctype[SHEET].decode().replace(
        "<worksheet", f'<!DOCTYPE worksheet [<!ENTITY l0 "ha">{laughs}]><worksheet', 1).replace(
        "<v>621</v>", "<v>&l9;</v>").encode()
    written["doctype.xlsx"] = packed(doctype)
    for name, data in written.items():
        (HERE / name).write_bytes(data)
        print(f"wrote {name} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
