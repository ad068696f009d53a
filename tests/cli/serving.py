"""A `qingdan serve` process for the tests that need one (test_serve.py, test_serve_page.py): started
on 127.0.0.1 and a port the system picks, asked through the standard library's HTTP client, and
stopped with SIGTERM. Every wait is bounded."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Dict, List, Optional

import pytest

from conftest import LOCALE_VARIABLES


class Reply:
    def __init__(self, status: int, reason: str, headers: http.client.HTTPMessage, body: bytes):
        self.status, self.reason, self.headers, self.body = status, reason, headers, body

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def content_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip()

    def error(self) -> dict:
        return self.json()["error"]

    def __repr__(self) -> str:
        return f"<Reply {self.status} {self.body[:300]!r}>"


class LiveServer:
    """`qingdan serve` on 127.0.0.1 and a port the system picks; its stderr is read by a thread
    (so that the pipe never fills) into `lines`. It asks too: request(), get(), post(), and
    bounded waits on /readyz."""

    def __init__(self, cli: str, rules: Path, *options: str, language: Optional[str] = None):
        env = {name: value for name, value in os.environ.items() if name not in LOCALE_VARIABLES}
        command = [cli, *(["--lang", language] if language else []), "serve", "--rules", str(rules),
                   "--listen", "127.0.0.1:0", *options]
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        self.lines: List[str] = []
        self._listening = threading.Event()
        self.port = 0
        self._reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._reader.start()
        if not self._listening.wait(15) or not self.port:
            self.kill()
            pytest.fail(f"qingdan serve did not say where it listens: {self.stderr}")

    def _read_stderr(self) -> None:
        for raw in self.process.stderr:
            line = raw.decode("utf-8", "replace")
            self.lines.append(line)
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if found and not self.port:
                self.port = int(found.group(1))
                self._listening.set()
        self._listening.set()

    @property
    def stderr(self) -> str:
        return "".join(self.lines)

    def alive(self) -> bool:
        return self.process.poll() is None

    def request(self, method: str, path: str, body: Optional[bytes | str | dict] = None,
                headers: Optional[Dict[str, str]] = None, timeout: float = 15) -> Reply:
        headers = dict(headers or {})
        if isinstance(body, dict):
            body = json.dumps(body, ensure_ascii=False)
            headers.setdefault("Content-Type", "application/json")
        if isinstance(body, str):
            body = body.encode("utf-8")
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return Reply(response.status, response.reason, response.headers, response.read())
        finally:
            connection.close()

    def get(self, path: str, params: Optional[dict] = None, **options) -> Reply:
        if params:
            path += "?" + urllib.parse.urlencode(params)
        return self.request("GET", path, **options)

    def post(self, path: str, body, **options) -> Reply:
        return self.request("POST", path, body=body, **options)

    def wait_until(self, predicate, timeout: float, what: str):
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                pytest.fail(f"not within {timeout} s: {what}\n{self.stderr}")
            time.sleep(0.05)

    def readyz(self) -> Reply:
        return self.get("/readyz")

    def wait_for_readyz(self, condition, timeout: float, what: str) -> Reply:
        """The first /readyz answer that meets `condition`, polled for at most `timeout` s."""
        def check():
            reply = self.readyz()
            return reply if condition(reply) else None

        return self.wait_until(check, timeout, what)

    def wait_ready(self, timeout: float = 20) -> dict:
        def ready():
            reply = self.readyz()
            return reply.status == 200 and reply.json()

        return self.wait_until(ready, timeout, "/readyz is 200")

    def signal(self, number: int) -> None:
        self.process.send_signal(number)

    def stop(self, timeout: float = 15) -> int:
        """SIGTERM, then the exit status (killed and failed when it does not exit in time)."""
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            pytest.fail(f"qingdan serve did not stop within {timeout} s after SIGTERM")
        self._reader.join(5)
        return code

    def kill(self) -> None:
        if self.alive():
            self.process.kill()
            self.process.wait(10)


class serving:
    """`with serving(cli, rules, *options) as server:` a server, ready (unless ready=False), and
    stopped with SIGTERM at the end whatever happened."""

    def __init__(self, cli: str, rules: Path, *options: str, ready: bool = True,
                 language: Optional[str] = None):
        self.args, self.ready, self.language = (cli, rules, *options), ready, language
        self.server: Optional[LiveServer] = None

    def __enter__(self) -> LiveServer:
        self.server = LiveServer(*self.args, language=self.language)
        try:
            if self.ready:
                self.server.wait_ready()
        except BaseException:
            self.server.kill()
            raise
        return self.server

    def __exit__(self, *exc) -> None:
        try:
            self.server.stop()
        finally:
            self.server.kill()
