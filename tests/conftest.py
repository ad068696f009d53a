"""Shared fixtures for the Python and command-line tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional

import pytest

ROOT = Path(__file__).resolve().parent.parent
QINGPU = ROOT / "rules" / "shanghai-qingpu"
INVALID = ROOT / "tests" / "data" / "invalid"


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


class Server:
    """A `qingdan serve` process on 127.0.0.1 (a port the system picks): its base URL, stderr so
    far, and stop() (SIGTERM, then the exit status)."""

    def __init__(self, process: subprocess.Popen, url: str):
        import threading

        self.process = process
        self.url = url
        self.stderr: List[str] = []
        # Read on, so that a server that says much never blocks on a full pipe.
        self._reader = threading.Thread(target=lambda: self.stderr.extend(process.stderr), daemon=True)
        self._reader.start()

    def stop(self, timeout: float = 20) -> int:
        if self.process.poll() is None:
            self.process.terminate()
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
            raise


def start_server(cli: str, *args: str, ready: bool = True, timeout: float = 30) -> Server:
    """Starts `qingdan serve --listen 127.0.0.1:0 ARGS…` and waits (bounded) until it listens
    and, with `ready`, until /readyz answers 200."""
    import re
    import time
    import urllib.error
    import urllib.request

    env = {name: value for name, value in os.environ.items() if name not in LOCALE_VARIABLES}
    process = subprocess.Popen([cli, "serve", "--listen", "127.0.0.1:0", *args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + timeout
    url = None
    while url is None:
        line = process.stderr.readline()
        if not line or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"qingdan serve did not start: {line!r}")
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if found:
            url = f"http://127.0.0.1:{found.group(1)}"
    server = Server(process, url)
    while ready:
        try:
            with urllib.request.urlopen(url + "/readyz", timeout=5) as response:
                if response.status == 200:
                    break
        except urllib.error.HTTPError:
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise AssertionError("qingdan serve did not load its rulebook in time")
        time.sleep(0.05)
    return server
