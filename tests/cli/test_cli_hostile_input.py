"""Hostile input against the command line: what a user sees, and the bounds each reader keeps.

Each test is the regression test of one hole an outside attack found; docs/bad-input.md lists
them with what the user sees. Peak memory is measured from outside (the child's maximum
resident set size), and every input is of a size the readers accept."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import QINGPU, ROOT, lines

BASE = ROOT / "tests" / "data" / "invalid" / "base"


def rulebook_with(tmp_path: Path, name: str, text: str | bytes) -> Path:
    """The invalid corpus's valid base rulebook plus one more file."""
    folder = tmp_path / "rules"
    shutil.copytree(BASE, folder)
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return folder


def measure(cli: str, *args: str) -> tuple[subprocess.CompletedProcess, int, float]:
    """Runs the command in a fresh Python process so that its maximum resident set is its own;
    returns the result, the peak in bytes and the seconds it took."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.monotonic()\n"
        "result = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "seconds = time.monotonic() - start\n"
        "sys.stdout.write(f'{result.returncode} "
        "{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024} {seconds}\\n')\n"
        "sys.stdout.flush()\n"
        "sys.stdout.buffer.write(result.stdout)\n"
        "sys.stderr.buffer.write(result.stderr)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    probed = subprocess.run(
        [sys.executable, "-c", probe, cli, *args], capture_output=True, text=True, timeout=300, env=env
    )
    first, _, output = probed.stdout.partition("\n")
    code, peak, seconds = first.split()
    result = subprocess.CompletedProcess(args, int(code), output, probed.stderr)
    return result, int(peak), float(seconds)


def peak_memory_of(cli: str, *args: str) -> tuple[subprocess.CompletedProcess, int]:
    result, peak, _ = measure(cli, *args)
    return result, peak


def baseline_memory(cli: str) -> int:
    return peak_memory_of(cli, "lint", str(BASE))[1]


# Item 4: a file of `[` once cost 240 bytes of memory per byte (4 MiB -> 1 GB): the nesting is
# refused before the parser queues a token, and the peak stays within the stated bound of
# 64 x the file + the process's own baseline.
@pytest.mark.parametrize("opener", ["[", "{", "- [", "a: {b: ["])
def test_deep_flow_nesting_is_refused_before_parsing(cli, tmp_path, opener):
    size = 4 << 20
    text = "qingdan: 1\nkind: tasks\ntasks: " + opener * (size // len(opener))
    folder = rulebook_with(tmp_path, "deep.yaml", text)
    result, peak = peak_memory_of(cli, "lint", str(folder))
    assert result.returncode == 1
    assert "error: nesting is deeper than 64 levels (raise LoadOptions::max_depth) [QL005]" in result.stdout
    assert peak <= 64 * len(text) + baseline_memory(cli), peak


def run_lint(cli: str, folder: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run([cli, "lint", str(folder)], capture_output=True, text=True, timeout=120, env=env)


# Brackets inside quotes, comments, block scalars and plain text open nothing: a rulebook full
# of them loads.
def test_brackets_that_open_nothing_are_not_nesting(cli, tmp_path):
    items = "\n".join(
        f"  - {{id: T-{i}, name: '任务{i} [[[[ {{{{', aliases: [\"别名{i} [[[[\"]}}  # [[[[ {{{{"
        for i in range(200)
    )
    text = (
        "qingdan: 1\nkind: tasks\ntasks:\n"
        + items
        + "\n  - id: T-X\n    name: 见[1[2[3 and {a\n"
        + "    aliases: [\"a]\", 'b]]]', c]\n"
    )
    folder = rulebook_with(tmp_path, "brackets.yaml", text)
    result = run_lint(cli, folder)
    assert "QL005" not in result.stdout + result.stderr, result.stdout + result.stderr


# Item 3: a node's column was counted from the start of its line for every node, so one long
# flow line was quadratic (80 KB: 1.1 s). 100,000 tasks on one line now load in seconds.
def test_one_long_flow_line_loads_in_linear_time(cli, tmp_path):
    tasks = ", ".join(f"{{id: T-{i}, name: 任务{i}}}" for i in range(100_000))
    folder = rulebook_with(tmp_path, "long.yaml", "qingdan: 1\nkind: tasks\ntasks: [" + tasks + "]\n")
    result = subprocess.run([cli, "tasks", "--rules", str(folder)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert lines(result.stdout)[-1] == "100002 tasks"  # the base has two


# Item 7: 20,000 files with an error each took 9.8 s to lint (each comparison of the sort searched
# every file); now the sort is linear-logarithmic and at most 1,000 problems are listed, the
# first ones in file order, after one QL018.
def test_many_files_with_errors_are_listed_quickly_and_cut_short(cli, tmp_path):
    folder = rulebook_with(tmp_path, "x.yaml", "qingdan: 1\nkind: tasks\ntasks: []\n")
    for i in range(20_000):
        (folder / f"f{i:05}.yaml").write_text("qingdan: 2\n")
    result = subprocess.run([cli, "lint", str(folder)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    errors = [line for line in lines(result.stdout) if "[QL" in line]
    assert len(errors) == 1001
    assert errors[0] == "error: more than 1000 problems; only the first 1000 are listed: fix them and look again [QL018]"
    names = [line.split(":")[0] for line in errors[1:]]
    assert names == sorted(names) and names[-1].endswith("f00999.yaml")


# A file of a million broken items costs a thousand messages, within the memory bound.
def test_a_million_broken_items_are_cut_short_within_memory(cli, tmp_path):
    text = "qingdan: 1\nkind: tasks\ntasks:\n" + "-\n" * (1 << 20)
    folder = rulebook_with(tmp_path, "broken.yaml", text)
    result, peak = peak_memory_of(cli, "lint", str(folder))
    assert result.returncode == 1
    assert "[QL018]" in result.stdout
    assert len(result.stdout) < 1 << 20
    assert peak <= 64 * len(text) + baseline_memory(cli), peak


# Item 8: `compile -o` (and `check --html`) replaced links, pipes and devices with a regular file.
WRITERS = {
    "compile": (["compile", str(QINGPU), "-o"], "cannot write the snapshot: it exists and is not a regular file"),
    "html": (
        ["check", str(ROOT / "examples" / "directives" / "lockdown-2022.yaml"), "--rules", str(QINGPU), "--html"],
        "cannot write the HTML report: it exists and is not a regular file",
    ),
}


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("kind", ["symlink", "fifo", "device", "folder"])
def test_writers_refuse_a_target_that_is_not_a_regular_file(run, tmp_path, writer, kind):
    target = tmp_path / "target"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    if kind == "symlink":
        target.symlink_to(victim)
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        if not os.path.exists("/dev/full"):
            pytest.skip("no /dev/full")
        target = Path("/dev/full")
    before = os.lstat(target)
    arguments, message = WRITERS[writer]
    result = run(*arguments, str(target))
    assert result.returncode == 2
    assert message in result.stderr
    after = os.lstat(target)
    assert (before.st_mode, before.st_ino) == (after.st_mode, after.st_ino)
    assert victim.read_text() == "keep me"
    assert not Path(str(target) + ".partial").exists() or kind == "device"


def test_compile_replaces_a_regular_file_and_refuses_a_planted_partial_link(run, tmp_path):
    target = tmp_path / "book.qds"
    target.write_text("old")
    assert run("compile", str(QINGPU), "-o", str(target)).returncode == 0
    assert target.read_bytes().startswith(b"QDSNAP")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / "book.qds.partial").symlink_to(victim)
    result = run("compile", str(QINGPU), "-o", str(target))
    assert result.returncode == 2 and "cannot write the snapshot" in result.stderr
    assert victim.read_text() == "keep me"


# DEL and the C1 controls are escaped in JSON as \u00XX (Boost.JSON escapes only C0), so that a
# JSON document printed on a terminal stays strict JSON and carries no control character.
def test_json_escapes_del_and_c1_controls(run):
    import json

    result = run("owner", "x\x7fy\u009bz", "--json", "--rules", str(QINGPU))
    assert result.returncode in (0, 1), result.stderr
    assert "\x7f" not in result.stdout and "\u009b" not in result.stdout
    assert "\\u007f" in result.stdout and "\\u009b" in result.stdout
    assert json.loads(result.stdout)["query"] == "x\x7fy\u009bz"


# Item 9: output that cannot be written is an error, in every command.
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["tasks"],
        ["tasks", "--json"],
        ["owner", "开具亲属关系证明", "--json"],
        ["owner", "开具亲属关系证明", "--explain"],
        ["test"],
        ["diff", "--from", "2022-06-01", "--to", "2024-06-01"],
        ["check", str(ROOT / "examples" / "directives" / "lockdown-2022.yaml"), "--json"],
    ],
)
def test_a_full_disk_on_standard_output_is_an_error(cli, args):
    command = [cli, *args, "--rules", str(QINGPU)]
    if args[0] == "test":
        command = [cli, "test", str(QINGPU)]
    with open("/dev/full", "w") as full:
        result = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert "cannot write the output: No space left on device" in result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_lint_json_to_a_full_disk_is_an_error(cli):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [cli, "lint", str(QINGPU), "--json"], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60
        )
    assert result.returncode == 2
    assert "cannot write the output" in result.stderr


# Item 13: control characters from rule files and file names never reach the terminal. A name
# or id is one line without control characters; a longer text may hold tabs and line breaks
# only; a file name is escaped wherever it is shown.
@pytest.mark.parametrize(
    "field, character",
    [("name: \"红\\e[2J色\"", "U+001B"), ("name: \"红\\n伪造的一行\"", "U+000A"),
     ("name: \"红\\u009b色\"", "U+009B"), ("name: 红色, note: \"a\\e]0;title\\a\"", "U+001B")],
)
def test_control_characters_in_rule_text_are_errors(run, tmp_path, field, character):
    folder = rulebook_with(tmp_path, "evil.yaml", f"qingdan: 1\nkind: tasks\ntasks:\n  - {{id: E-1, {field}}}\n")
    result = run("tasks", "--rules", str(folder))
    assert result.returncode == 2
    assert f"holds the control character {character}" in result.stderr
    assert "\x1b" not in result.stderr and "\u009b" not in result.stderr


def test_control_characters_in_file_names_are_escaped(cli, tmp_path):
    folder = rulebook_with(tmp_path, "evil\x1b[31m\n.yaml", "qingdan: 1\nkind: tasks\ntasks: [\n")
    linted = run_lint(cli, folder)
    assert linted.returncode == 1
    assert "\x1b" not in linted.stdout + linted.stderr
    assert "evil\\x1B[31m\\n.yaml:" in linted.stdout


def test_a_loop_of_two_file_links_is_an_error(cli, tmp_path):
    folder = rulebook_with(tmp_path, "x.yaml", "qingdan: 1\nkind: tasks\ntasks: []\n")
    (folder / "a.yaml").symlink_to(folder / "b.yaml")
    (folder / "b.yaml").symlink_to(folder / "a.yaml")
    result = run_lint(cli, folder)
    assert result.returncode == 1
    assert "a.yaml: error: symbolic links form a loop here [QL014]" in result.stdout


# Item 5: a forged snapshot count once resized a vector of 250-byte records (1 MB -> 252 MB).
def test_a_forged_snapshot_count_stays_within_memory(cli, tmp_path):
    import hashlib
    import struct

    def text(value: str) -> bytes:
        data = value.encode()
        return struct.pack("<I", len(data)) + data

    payload = text("forged") + text("0" * 64)
    no_aliases = struct.pack("<I", 0)
    payload += struct.pack("<I", 2) + text("county") + text("县") + no_aliases
    payload += text("village") + text("村") + no_aliases
    payload += struct.pack("<I", 1) + text("normal") + text("") + no_aliases  # modes
    payload += struct.pack("<I", 0)  # kinds of place
    no_kind = struct.pack("<I", 0xFFFFFFFF)
    payload += text("") + no_kind + struct.pack("<I", 0)  # jurisdictions: the root alone
    payload += struct.pack("<I", 0)  # files
    left = 1 << 20
    payload += struct.pack("<I", left)  # tasks: a count as large as the bytes left
    payload += b"\0" * left
    # The format this qingdan reads, from a snapshot it writes: the forgery is refused as damage,
    # not as another format.
    compiled = tmp_path / "qingpu.qds"
    subprocess.run([cli, "compile", str(QINGPU), "-o", str(compiled)], check=True, timeout=60)
    format_version = compiled.read_bytes()[8:12]
    header = b"QDSNAP\r\n" + format_version + struct.pack("<Q", len(payload))
    snapshot = tmp_path / "forged.qds"
    snapshot.write_bytes(header + hashlib.sha256(payload).digest() + payload)
    result, peak = peak_memory_of(cli, "owner", "x", "--rules", str(snapshot))
    assert result.returncode == 2
    assert "[QL017]" in result.stderr
    assert peak <= 32 * len(payload) + baseline_memory(cli), peak


# The bounds docs/bad-input.md states for each reader, checked on the worst input found for each
# (the most nodes or rows per byte) at 2 MiB: peak memory within 64 x the file plus the process's
# baseline, and time within 10 s per MiB (the readers take well under 1 s per MiB; quadratic
# behaviour, as one long line once had, takes minutes).
MIB = 1 << 20
LOCKDOWN = ROOT / "examples" / "directives" / "lockdown-2022.yaml"


def within_bounds(cli: str, size: int, *args: str, per_row: int = 0) -> subprocess.CompletedProcess:
    result, peak, seconds = measure(cli, *args)
    assert peak <= 64 * size + per_row + baseline_memory(cli), (peak, size)
    assert seconds <= 10 * size / MIB + 2, seconds
    return result


@pytest.mark.parametrize(
    "text",
    [
        "qingdan: 1\nkind: tasks\ntasks: [" + "a," * MIB + "a]\n",
        "qingdan: 1\nkind: tasks\ntasks: [" + "[]," * (2 * MIB // 3) + "[]]\n",
        "qingdan: 1\nkind: tasks\ntasks:\n" + "-\n" * MIB,
    ],
    ids=["flow-scalars", "flow-empty-lists", "block-nulls"],
)
def test_rule_file_reader_bounds(cli, tmp_path, text):
    folder = rulebook_with(tmp_path, "worst.yaml", text)
    assert within_bounds(cli, len(text), "lint", str(folder)).returncode == 1


# A file that is one flow collection is held by yaml-cpp as tokens until it closes (it could be a
# key), on top of qingdan's nodes: the stated bound is 160 x.
def test_rule_file_written_as_one_flow_collection_bounds(cli, tmp_path):
    text = "{qingdan: 1, kind: tasks, tasks: [" + "a," * MIB + "a]}\n"
    folder = rulebook_with(tmp_path, "worst.yaml", text)
    result, peak, seconds = measure(cli, "lint", str(folder))
    assert result.returncode == 1
    assert peak <= 160 * len(text) + baseline_memory(cli), peak
    assert seconds <= 10 * len(text) / MIB + 2, seconds


def test_directive_reader_bounds(cli, tmp_path):
    text = "qingdan: 1\nkind: directive\nid: x\ntitle: t\nissued: 2024-01-01\nitems:\n" + "-\n" * MIB
    directive = tmp_path / "worst.yaml"
    directive.write_text(text)
    result = within_bounds(cli, len(text), "check", str(directive), "--rules", str(QINGPU))
    assert result.returncode == 2


# A village file costs its size and a profile for each row: within 64 x the file plus 400
# bytes a row (two-byte rows are the worst case per byte).
@pytest.mark.parametrize(
    "row, verdict", [(",\n", 2), ("a,1\n", 2), ("上海市/青浦区/练塘镇/新村{},1,100\n", 1)],
    ids=["empty-rows", "unknown-rows", "valid-rows"],
)
def test_villages_reader_bounds(cli, tmp_path, row, verdict):
    rows = 2 * MIB // len(row.encode())
    header = "jurisdiction,staff,households\n" if row.count(",") == 2 else "jurisdiction,staff\n"
    text = header + "".join(row.format(i) for i in range(rows))
    villages = tmp_path / "worst.csv"
    villages.write_text(text)
    size = len(text.encode())
    args = ("check", str(LOCKDOWN), "--villages", str(villages), "--rules", str(QINGPU))
    assert within_bounds(cli, size, *args, per_row=400 * rows).returncode == verdict


# A village workbook is unpacked part by part in chunks, never beyond max_file_bytes (64 MiB)
# whatever its entries declare: a zip bomb costs a chunk, not what it unpacks to. Below the limit,
# a workbook costs what its shared strings hold (their text and 4 bytes each: at most about
# 1.2 x 64 MiB for a table of empty strings) and a profile per row, as a CSV file does.
def workbook_with(path: Path, sheet_data: bytes = b"", shared: bytes = b"") -> Path:
    """A workbook of one worksheet of `sheet_data` rows, and a shared string table of `shared`."""
    main = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    related = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_rels/.rels", f'<Relationships><Relationship Id="r" Type="{related}/officeDocument" '
                                        'Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", b"<workbook " + main + f' xmlns:r="{related}"><sheets>'
                         '<sheet name="villages" sheetId="1" r:id="s"/></sheets></workbook>'.encode())
        archive.writestr("xl/_rels/workbook.xml.rels",
                         f'<Relationships><Relationship Id="s" Type="{related}/worksheet" '
                         f'Target="sheet.xml"/><Relationship Id="t" Type="{related}/sharedStrings" '
                         'Target="strings.xml"/></Relationships>')
        archive.writestr("xl/strings.xml", b"<sst " + main + b"><si><t>jurisdiction</t></si><si><t>staff</t></si>"
                         + shared + b"</sst>")
        archive.writestr("xl/sheet.xml", b"<worksheet " + main + b'><sheetData><row r="1"><c r="A1" t="s"><v>0</v>'
                         b'</c><c r="B1" t="s"><v>1</v></c></row>' + sheet_data + b"</sheetData></worksheet>")
    return path


@pytest.mark.parametrize(
    "name, sheet_data, shared, verdict",
    [("bomb", b" " * (100 * MIB), b"", 2),
     ("empty-strings", b"", b"<si/>" * ((64 * MIB - 200) // 5), 1)],
)
def test_villages_workbook_reader_bounds(cli, tmp_path, name, sheet_data, shared, verdict):
    workbook = workbook_with(tmp_path / f"{name}.xlsx", sheet_data, shared)
    unpacked = len(sheet_data) + len(shared)
    result, peak, seconds = measure(cli, "check", str(LOCKDOWN), "--villages", str(workbook),
                                    "--rules", str(QINGPU))
    assert result.returncode == verdict, result.stderr
    if verdict == 2:
        assert result.stderr.strip().endswith(
            "error: the workbook's part xl/sheet.xml unpacks to more than 67108864 bytes "
            "(raise LoadOptions::max_file_bytes) [QV011]")
    assert peak <= 64 * workbook.stat().st_size + 1.2 * min(unpacked, 64 * MIB) + baseline_memory(cli), peak
    assert seconds <= unpacked / MIB + 2, seconds


def test_a_damaged_or_overlong_cell_is_named_by_its_reference(cli, tmp_path):
    missing = workbook_with(tmp_path / "missing.xlsx",
                            b'<row r="2"><c r="B2" t="s"><v>7</v></c></row>')
    long_text = workbook_with(tmp_path / "long.xlsx",
                              b'<row r="3"><c r="C3" t="inlineStr"><is><t>' + b"x" * (MIB + 1)
                              + b"</t></is></c></row>")
    for workbook, language, expected in [
        (missing, "en", "missing.xlsx:2: error: cell B2: the workbook is damaged: the cell refers "
                        "to shared string 7, and the workbook has 2 [QV011]"),
        (long_text, "en", "long.xlsx:3: error: cell C3: text of 1048577 bytes is over the limit "
                          "of 1048576 (raise LoadOptions::max_text_bytes) [QL013]"),
        (long_text, "zh", "long.xlsx:3: 错误：单元格 C3：文本长 1048577 字节，超过上限 1048576"
                          "（可调高 LoadOptions::max_text_bytes） [QL013]"),
    ]:
        result = subprocess.run([cli, "check", str(LOCKDOWN), "--villages", str(workbook),
                                 "--rules", str(QINGPU), "--lang", language],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip().endswith(expected), result.stderr


def test_a_shared_text_repeated_in_many_cells_is_held_to_the_file_limit(cli, tmp_path):
    # 1 MiB of text shared by 400 cells: 400 MiB once copied out, from a file of a few KiB.
    cells = b"".join(b'<row r="%d"><c r="A%d" t="s"><v>2</v></c><c r="B%d"><v>3</v></c></row>'
                     % (row, row, row) for row in range(2, 402))
    workbook = workbook_with(tmp_path / "repeated.xlsx", cells, b"<si><t>" + b"x" * MIB + b"</t></si>")
    result, peak, seconds = measure(cli, "check", str(LOCKDOWN), "--villages", str(workbook),
                                    "--rules", str(QINGPU))
    assert result.returncode == 2, result.stderr
    assert "the cells of the worksheet hold more than 67108864 bytes of text" in result.stderr
    assert result.stderr.rstrip().endswith("[QV011]")
    assert peak <= 3 * 64 * MIB + baseline_memory(cli), peak
    assert seconds <= 30, seconds


# A check's report is as large as what it reports: a directive of 40,000 valid items gives
# 8.6 MiB of text and 26 MiB of JSON. Its memory is bounded by the directive and the report:
# 64 x the directive plus 10 x the report printed.
@pytest.mark.parametrize("form", [[], ["--json"]], ids=["text", "json"])
def test_check_report_bounds(cli, tmp_path, form):
    item = "- {task: ZM-01, frequency: once, effort_hours: 1}\n"
    text = "qingdan: 1\nkind: directive\nid: x\ntitle: t\nissued: 2024-01-01\nitems:\n" + item * (2 * MIB // len(item))
    directive = tmp_path / "many.yaml"
    directive.write_text(text)
    result, peak, seconds = measure(cli, "check", str(directive), "--rules", str(QINGPU), *form)
    assert result.returncode == 1
    assert peak <= 64 * len(text) + 10 * len(result.stdout.encode()) + baseline_memory(cli), peak
    assert seconds <= 30, seconds


# Item 6, the case left quadratic by grouping: forms that all share one common field and differ
# in the other ({姓名, X_i}) are not duplicates, and are no longer compared with each other (the
# common field is looked up but not indexed): 20,000 of them took 77 s, now about 1 s.
def test_forms_sharing_only_a_common_field_are_not_compared_pairwise(cli, tmp_path):
    items = "".join(
        f"  - {{task: ZM-01, frequency: once, effort_hours: 1, form: {{name: 表{i}, fields: [姓名, 字段{i}]}}}}\n"
        for i in range(20_000)
    )
    directive = tmp_path / "forms.yaml"
    directive.write_text("qingdan: 1\nkind: directive\nid: x\ntitle: t\nissued: 2024-01-01\nitems:\n" + items)
    result, _, seconds = measure(cli, "check", str(directive), "--rules", str(QINGPU), "--json")
    assert result.returncode == 1
    assert "QD008" not in result.stdout
    assert seconds <= 20, seconds
