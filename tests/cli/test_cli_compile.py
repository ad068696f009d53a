"""`qingdan compile`: a snapshot every --rules option reads, with the rule files' answers."""

from __future__ import annotations

import json

from conftest import QINGPU, ROOT, lines

import qingdan

LOCKDOWN = ROOT / "examples" / "directives" / "lockdown-2022.yaml"
VILLAGES = QINGPU / "villages.csv"


def test_compile_writes_a_snapshot_that_answers_like_the_folder(run, tmp_path):
    snapshot = tmp_path / "qingpu.qds"
    result = run("compile", str(QINGPU), "-o", str(snapshot))
    assert result.returncode == 0, result.stderr
    book = qingdan.Rulebook.load(str(QINGPU))
    assert lines(result.stdout) == [
        f"{snapshot}: {book.task_count} tasks, {book.entry_count} entries; fingerprint {book.fingerprint}"
    ]
    for command in (
        ["owner", "核酸筛查", "--at", "2022-04-15", "--in", "徐练村", "--mode", "emergency", "--json"],
        ["owner", "核酸检测组织", "--explain"],
        ["tasks", "证明", "--json"],
        ["diff", "--from", "2022-06-01", "--to", "2024-06-01", "--in", "徐练村", "--json"],
        ["check", str(LOCKDOWN), "--villages", str(VILLAGES), "--json"],
    ):
        from_folder = run(*command, "--rules", str(QINGPU))
        from_snapshot = run(*command, "--rules", str(snapshot))
        assert (from_snapshot.returncode, from_snapshot.stdout) == (from_folder.returncode, from_folder.stdout)
        assert from_folder.stdout


def test_a_damaged_snapshot_is_a_clear_error(run, tmp_path):
    snapshot = tmp_path / "qingpu.qds"
    assert run("compile", str(QINGPU), "-o", str(snapshot)).returncode == 0
    data = bytearray(snapshot.read_bytes())
    data[len(data) // 2] ^= 0xFF
    snapshot.write_bytes(bytes(data))
    result = run("owner", "HS-01", "--rules", str(snapshot))
    assert result.returncode == 2
    assert result.stderr == (
        f"{snapshot}: error: the snapshot is damaged (its checksum does not match); "
        "compile the rulebook again [QL017]\n"
    )
    snapshot.write_bytes(bytes(data[:1000]))
    result = run("owner", "HS-01", "--rules", str(snapshot), "--lang", "zh")
    assert result.returncode == 2
    assert "快照不完整" in result.stderr and "[QL017]" in result.stderr


def test_lint_checks_a_snapshot_as_its_folder_and_names_a_damaged_one(run, tmp_path):
    snapshot = tmp_path / "qingpu.qds"
    assert run("compile", str(QINGPU), "-o", str(snapshot)).returncode == 0
    of_folder = run("lint", str(QINGPU), "--json")
    of_snapshot = run("lint", str(snapshot), "--json")
    assert of_snapshot.returncode == of_folder.returncode == 0, of_snapshot.stdout
    assert json.loads(of_snapshot.stdout)["fingerprint"] == json.loads(of_folder.stdout)["fingerprint"]
    data = bytearray(snapshot.read_bytes())
    data[len(data) // 2] ^= 0xFF
    snapshot.write_bytes(bytes(data))
    damaged = run("lint", str(snapshot))
    assert damaged.returncode == 1
    assert "the snapshot is damaged" in damaged.stdout and "[QL017]" in damaged.stdout


def test_compile_of_a_broken_rulebook_writes_nothing(run, tmp_path):
    snapshot = tmp_path / "broken.qds"
    result = run("compile", str(tmp_path / "missing"), "-o", str(snapshot))
    assert result.returncode == 2
    assert "no such rulebook folder" in result.stderr
    assert not snapshot.exists()


def test_python_saves_and_loads_snapshots(tmp_path):
    book = qingdan.Rulebook.load(str(QINGPU))
    book.save_snapshot(str(tmp_path / "book.qds"))
    again = qingdan.Rulebook.load(str(tmp_path / "book.qds"))
    assert again.fingerprint == book.fingerprint
    tasks = [t.id for t in book.find_tasks()]
    question = dict(at="2022-04-15", jurisdiction="徐练村", mode="emergency")
    assert [d.to_json() for d in again.owners(tasks, **question)] == [
        d.to_json() for d in book.owners(tasks, **question)
    ]
    assert json.loads(again.owner("HS-01", **question).to_json())["status"] == "listed"
    in_chinese = qingdan.Rulebook.load(str(tmp_path / "book.qds"), language="zh")
    assert "跳过" in "\n".join(in_chinese.owner("HS-01", at="2022-04-15", jurisdiction="徐练村").explain())
