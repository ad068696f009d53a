"""The compiled cache (docs/format.md §10.1) from Python and from the command line: a folder's
second load reads the snapshot its first wrote, and the cache can be moved or turned off."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import qingdan

from conftest import QINGPU


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "rules"
    shutil.copytree(QINGPU, copy)
    return copy


def snapshots(directory: Path) -> list:
    return sorted(p.name for p in directory.glob("*.qds")) if directory.exists() else []


def test_a_load_keeps_its_snapshot_and_the_next_reads_it(folder, tmp_path):
    cache = tmp_path / "cache"
    first = qingdan.Rulebook.load(folder, cache_directory=cache)
    [kept] = snapshots(cache)
    assert first.fingerprint in kept
    second = qingdan.Rulebook.load(folder, cache_directory=cache)
    assert second.fingerprint == first.fingerprint
    assert second.owner("ZM-01", at="2024-06-01", jurisdiction="徐练村").to_json() == first.owner(
        "ZM-01", at="2024-06-01", jurisdiction="徐练村"
    ).to_json()
    (folder / "tasks.yaml").write_text(
        (folder / "tasks.yaml").read_text(encoding="utf-8") + "  - {id: ZZ-99, name: 新加的一项事项}\n",
        encoding="utf-8",
    )
    edited = qingdan.Rulebook.load(folder, cache_directory=cache)
    assert edited.task_count == first.task_count + 1
    [kept] = snapshots(cache)  # the folder's older snapshot is gone
    assert edited.fingerprint in kept


def test_turned_off_it_writes_nothing(folder, tmp_path):
    cache = tmp_path / "cache"
    qingdan.Rulebook.load(folder, compiled_cache=False, cache_directory=cache)
    assert snapshots(cache) == []


def test_options_are_checked(folder):
    with pytest.raises(TypeError, match="compiled_cache must be True or False"):
        qingdan.Rulebook.load(folder, compiled_cache=1)
    with pytest.raises(ValueError):
        qingdan.Rulebook.load(folder, threads=-1)
    assert qingdan.Rulebook.load(folder, threads=1, compiled_cache=False).task_count > 100
    assert not qingdan.lint(folder, threads=3).has_errors


def test_the_command_line_uses_the_directory_it_is_given(cli, folder, tmp_path):
    import subprocess

    cache = tmp_path / "cli-cache"
    env = dict(os.environ, QINGDAN_CACHE_DIR=str(cache))
    ask = [cli, "owner", "ZM-01", "--at", "2024-06-01", "--in", "徐练村", "--rules", str(folder), "--json"]
    first = subprocess.run(ask, env=env, capture_output=True, text=True, check=True)
    assert len(snapshots(cache)) == 1
    second = subprocess.run(ask, env=env, capture_output=True, text=True, check=True)
    assert second.stdout == first.stdout

    off = tmp_path / "never"
    env = dict(os.environ, QINGDAN_CACHE_DIR="off", XDG_CACHE_HOME=str(off), HOME=str(off))
    third = subprocess.run(ask, env=env, capture_output=True, text=True, check=True)
    assert third.stdout == first.stdout
    assert not off.exists()
