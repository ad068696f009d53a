"""Shared fixtures for the Python and command-line tests."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict, List, Optional

import pytest

ROOT = Path(__file__).resolve().parent.parent
QINGPU = ROOT / "rules" / "shanghai-qingpu"
INVALID = ROOT / "tests" / "data" / "invalid"

# Rulebook folders the tests load keep their compiled snapshots (docs/format.md §10.1) in a
# directory of this run's own, not in the user's ~/.cache.
if "QINGDAN_CACHE_DIR" not in os.environ:
    os.environ["QINGDAN_CACHE_DIR"] = tempfile.mkdtemp(prefix="qingdan-test-cache-")
    atexit.register(shutil.rmtree, os.environ["QINGDAN_CACHE_DIR"], ignore_errors=True)


@pytest.fixture(scope="session")
def qingpu() -> Path:
    return QINGPU


@pytest.fixture(scope="session")
def cli() -> str:
    """The qingdan command: $QINGDAN_CLI, else the one pip installed beside this Python, else
    the one on PATH."""
    command = (
        os.environ.get("QINGDAN_CLI")
        or shutil.which("qingdan", path=os.path.dirname(sys.executable))
        or shutil.which("qingdan")
    )
    if not command:
        pytest.fail("no qingdan command: install the package or set QINGDAN_CLI")
    return command


LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


@pytest.fixture
def run(cli):
    """Runs the command with no locale set (so messages are English) plus `locale`."""

    def run_cli(*args: str, locale: Optional[Dict[str, str]] = None) -> subprocess.CompletedProcess:
        env = {name: value for name, value in os.environ.items() if name not in LOCALE_VARIABLES}
        env.update(locale or {})
        return subprocess.run([cli, *args], capture_output=True, text=True, timeout=60, env=env)

    return run_cli


def shell_fingerprint(folder: Path) -> str:
    command = (
        "find -L . -type f \\( -name '*.yaml' -o -name '*.yml' \\) -print0 | sed -z 's|^\\./||' "
        "| LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum"
    )
    out = subprocess.run(command, shell=True, cwd=folder, capture_output=True, text=True, check=True)
    return out.stdout.split()[0]


def make_rulebook(folder: Path, files: dict) -> Path:
    """Writes a rulebook folder: the invalid corpus's valid base plus the given files."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("rulebook.yaml", "tasks.yaml"):
        shutil.copy(INVALID / "base" / name, folder / name)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def lines(text: str) -> List[str]:
    return text.strip().splitlines()


def catalogue_size(folder: Path) -> int:
    """Tasks in a rulebook's tasks.yaml, counted from the text (one '- id:' a task)."""
    text = (folder / "tasks.yaml").read_text(encoding="utf-8")
    return sum(1 for line in text.splitlines() if line.strip().startswith("- id:"))

