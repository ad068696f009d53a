"""`qingdan serve` and `qingdan replay` end to end: real servers on 127.0.0.1 (port 0), asked
through the standard library's HTTP client and raw sockets.

One server on the shipped rulebook answers most tests (module scope); tests that need other
options or a rulebook of their own start a short-lived server. Every answer is checked against
the OpenAPI document (src/serve/assets/openapi.json, the document the server serves at
/openapi.json), and the owner answers against `qingdan owner --json`. Every wait is bounded."""

from __future__ import annotations

import csv
import hashlib
import http.client
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from conftest import LOCALE_VARIABLES, QINGPU, ROOT, shell_fingerprint
from serving import LiveServer, Reply, serving

OPENAPI = ROOT / "src" / "serve" / "assets" / "openapi.json"
XULIAN = "上海市/青浦区/练塘镇/徐练村"
DIRECTIVE = ROOT / "examples" / "directives" / "county-routine-2025.yaml"
VILLAGES = QINGPU / "villages.csv"
# The entry of power-2024.yaml that decides who owns GD-02 from 2024-08-06.
P03 = "  - id: P-03\n    task: GD-02\n    owner: {level: town, department: 街镇综合行政执法队}\n"
P03_MOVED = "  - id: P-03\n    task: GD-02\n    owner: {level: town, department: 镇城市管理执法中队}\n"
CJK = re.compile(r"[\u4e00-\u9fff]")


# --- a server and its answers ----------------------------------------------------------------


@pytest.fixture(scope="module")
def server(cli):
    """The server on the shipped rulebook, English by default (no locale, no --lang)."""
    running = LiveServer(cli, QINGPU, "--threads", "2")
    try:
        running.wait_ready()
        yield running
    finally:
        try:
            assert running.stop() == 0, running.stderr
        finally:
            running.kill()


def run_cli(cli: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items() if name not in LOCALE_VARIABLES}
    return subprocess.run([cli, *args], capture_output=True, timeout=timeout, env=env)


def serve_refused(cli: str, *args: str, listen: str = "127.0.0.1:0",
                  timeout: float = 10) -> Tuple[Optional[int], str]:
    """`qingdan serve` with options it should refuse: its exit status and stderr; None (and the
    server stopped) when it started listening instead."""
    env = {name: value for name, value in os.environ.items() if name not in LOCALE_VARIABLES}
    process = subprocess.Popen([cli, "serve", "--listen", listen, *args],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env=env)
    try:
        deadline, said = time.monotonic() + timeout, b""
        while b"\n" not in said and time.monotonic() < deadline:
            ready, _, _ = select.select([process.stderr], [], [], deadline - time.monotonic())
            chunk = os.read(process.stderr.fileno(), 4096) if ready else b""
            if ready and not chunk:
                break
            said += chunk
        if b"listening on" in said:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout)
            return None, said.decode("utf-8", "replace")
        code = process.wait(timeout)
        return code, (said + process.stderr.read()).decode("utf-8", "replace")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


# --- raw sockets ------------------------------------------------------------------------------


def connect(port: int, timeout: float = 5) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=timeout)


def read_until_closed(sock: socket.socket, limit: float) -> Tuple[bytes, bool, float]:
    """What the server sends until it closes the connection or `limit` seconds pass: the bytes,
    whether it closed, and the seconds it took."""
    started = time.monotonic()
    received = b""
    while True:
        left = limit - (time.monotonic() - started)
        if left <= 0:
            return received, False, time.monotonic() - started
        sock.settimeout(left)
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            return received, False, time.monotonic() - started
        except (ConnectionResetError, BrokenPipeError):
            return received, True, time.monotonic() - started
        if not chunk:
            return received, True, time.monotonic() - started
        received += chunk


def raw_exchange(port: int, data: bytes, limit: float = 5) -> bytes:
    with connect(port) as sock:
        try:
            sock.sendall(data)
        except (ConnectionResetError, BrokenPipeError):
            pass
        return read_until_closed(sock, limit)[0]


def parse_responses(data: bytes) -> List[Tuple[int, Dict[str, str], bytes]]:
    """The HTTP/1.1 responses in `data` (each with a Content-Length)."""
    responses = []
    while data:
        head, separator, rest = data.partition(b"\r\n\r\n")
        assert separator, data[:200]
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        responses.append((status, headers, rest[:length]))
        data = rest[length:]
    return responses


def one_response(data: bytes) -> Tuple[int, Dict[str, str], dict]:
    responses = parse_responses(data)
    assert len(responses) == 1, data[:500]
    status, headers, body = responses[0]
    return status, headers, json.loads(body)


# --- the OpenAPI document ---------------------------------------------------------------------


class Contract:
    """The OpenAPI document, with a JSON Schema registry that resolves #/components/schemas/…"""

    URI = "urn:qingdan:openapi"

    def __init__(self, document: dict):
        self.document = document
        resource = Resource.from_contents(document, default_specification=DRAFT202012)
        self.registry = Registry().with_resource(self.URI, resource)

    def anchored(self, schema):
        """An inline schema of the document, its references made absolute."""
        if isinstance(schema, dict):
            return {key: self.URI + value if key == "$ref" and isinstance(value, str)
                    and value.startswith("#") else self.anchored(value)
                    for key, value in schema.items()}
        if isinstance(schema, list):
            return [self.anchored(item) for item in schema]
        return schema

    def validate(self, schema: dict, instance, what: str) -> None:
        validator = Draft202012Validator(self.anchored(schema), registry=self.registry,
                                         format_checker=Draft202012Validator.FORMAT_CHECKER)
        problems = sorted(validator.iter_errors(instance), key=lambda error: str(error.json_path))
        assert not problems, f"{what} does not follow the OpenAPI document:\n" + "\n".join(
            f"  at {'/'.join(map(str, problem.absolute_path)) or '(top)'}: {problem.message[:300]}"
            for problem in problems[:10])

    def schema(self, name: str, instance, what: str = "") -> None:
        self.validate({"$ref": f"#/components/schemas/{name}"}, instance, what or name)

    def operation(self, path: str, method: str) -> dict:
        assert path in self.document["paths"], f"{path} is not in the OpenAPI document"
        operations = self.document["paths"][path]
        assert method.lower() in operations, f"{method} {path} is not in the OpenAPI document"
        return operations[method.lower()]

    def response(self, path: str, method: str, reply: Reply) -> None:
        """The reply's status is one the document lists for the operation, and its body and
        headers follow what the document says of that status."""
        documented = self.operation(path, method)["responses"]
        assert str(reply.status) in documented, \
            f"{method} {path} answered {reply.status}, which the document does not list: {reply!r}"
        response = documented[str(reply.status)]
        content = response.get("content") or {}
        assert reply.content_type in content, \
            f"{method} {path} {reply.status} is {reply.content_type}; documented: {list(content)}"
        schema = content[reply.content_type].get("schema", {})
        instance = reply.json() if reply.content_type.endswith("json") else reply.text
        self.validate(schema, instance, f"{method} {path} {reply.status}")
        for name, header in (response.get("headers") or {}).items():
            if "$ref" in header:
                header = self.resolve(header["$ref"])
            value = reply.headers.get(name)
            if value is not None and "schema" in header:
                self.validate(header["schema"], value, f"header {name} of {method} {path}")

    def resolve(self, reference: str) -> dict:
        node = self.document
        for part in reference.lstrip("#/").split("/"):
            node = node[part]
        return node


@pytest.fixture(scope="module")
def contract() -> Contract:
    document = json.loads(OPENAPI.read_text(encoding="utf-8"))
    assert document.get("components", {}).get("schemas"), \
        f"{OPENAPI.relative_to(ROOT)} has no components/schemas to check answers against"
    return Contract(document)


def owner_cli(cli: str, task: str, at: str, place: Optional[str], mode: Optional[str],
              language: str, explain: bool = False) -> bytes:
    args = ["--lang", language, "owner", task, "--rules", str(QINGPU), "--at", at, "--json"]
    if place:
        args += ["--in", place]
    if mode:
        args += ["--mode", mode]
    if explain:
        args.append("--explain")
    result = run_cli(cli, *args)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def fingerprint_of_shipped() -> str:
    return shell_fingerprint(QINGPU)


# --- 1. the answers follow the OpenAPI document -----------------------------------------------


def test_the_served_openapi_document_is_the_one_in_the_repository(server):
    reply = server.get("/openapi.json")
    assert reply.status == 200
    assert reply.content_type == "application/json"
    assert reply.json() == json.loads(OPENAPI.read_text(encoding="utf-8"))


def test_every_path_of_the_document_answers(server, contract):
    """Each operation the document lists, asked as the document says, answers with a status the
    document lists for it (never 404 or 405), and a body that follows it."""
    examples = {
        ("/v1/owner", "get"): lambda: server.get("/v1/owner", {"task": "HS-01"}),
        ("/v1/owner", "post"): lambda: server.post("/v1/owner", {"task": "HS-01"}),
        ("/v1/owners", "post"): lambda: server.post("/v1/owners", {"queries": [{"task": "HS-01"}]}),
        ("/v1/check", "post"): lambda: server.post(
            "/v1/check", DIRECTIVE.read_bytes(), headers={"Content-Type": "application/yaml"}),
        ("/v1/tasks", "get"): lambda: server.get("/v1/tasks", {"q": "核酸"}),
        ("/v1/rulebook", "get"): lambda: server.get("/v1/rulebook"),
        ("/v1/admin/reload", "post"): lambda: server.post("/v1/admin/reload", b""),
        ("/healthz", "get"): lambda: server.get("/healthz"),
        ("/readyz", "get"): lambda: server.get("/readyz"),
        ("/metrics", "get"): lambda: server.get("/metrics"),
        ("/openapi.json", "get"): lambda: server.get("/openapi.json"),
        ("/", "get"): lambda: server.get("/"),
    }
    listed = [(path, method) for path, operations in contract.document["paths"].items()
              for method in operations
              if method in ("get", "post", "put", "delete", "patch", "head", "options")]
    assert listed, "the document lists no operations"
    for path, method in listed:
        assert (path, method) in examples, f"no example request for {method.upper()} {path}"
        reply = examples[(path, method)]()
        assert reply.status not in (404, 405), (path, method, reply)
        contract.response(path, method, reply)
    # …and the document lists every route the server has.
    assert sorted(examples) == sorted(listed)


@pytest.mark.parametrize("task,place,at,mode,language", [
    ("HS-01", "徐练村", "2022-04-15", "emergency", "en"),
    ("HS-01", "徐练村", "2022-04-15", "emergency", "zh"),
    ("开具亲属关系证明", "徐练村", "2024-09-01", None, "zh"),
    ("GD-02", XULIAN, "2024-09-01", None, "en"),
    ("防汛", None, "2024-09-01", None, "zh"),
])
def test_owner_get_is_byte_for_byte_the_cli_answer(server, cli, contract, task, place, at, mode,
                                                   language):
    params = {"task": task, "at": at, "lang": language}
    if place:
        params["in"] = place
    if mode:
        params["mode"] = mode
    reply = server.get("/v1/owner", params)
    assert reply.status == 200, reply
    expected = owner_cli(cli, task, at, place, mode, language)
    assert reply.body == expected
    assert reply.headers["Qingdan-Rulebook"] == json.loads(expected)["fingerprint"] \
        == fingerprint_of_shipped()
    contract.response("/v1/owner", "get", reply)


def test_owner_get_answers_listed_decisions(server, contract):
    reply = server.get("/v1/owner", {"task": "开具亲属关系证明", "at": "2024-09-01", "in": "徐练村"})
    assert reply.status == 200
    document = reply.json()
    contract.response("/v1/owner", "get", reply)
    assert document["status"] == "listed"
    assert document["jurisdiction"] == XULIAN
    assert document["roles"] == {"village": "forbidden"}
    assert [entry["id"] for entry in document["entries"]] == ["N-01"]
    assert "explanation" not in document


def test_owner_of_unknown_text_has_candidates(server, contract):
    reply = server.get("/v1/owner", {"task": "防汛", "at": "2024-09-01"})
    assert reply.status == 200
    document = reply.json()
    contract.response("/v1/owner", "get", reply)
    assert document["status"] == "unknown"
    assert document["task"] is None
    assert document["candidates"][0]["task"]["id"] == "XZ-23"
    assert [task["id"] for task in document["suggestions"]] == \
        [candidate["task"]["id"] for candidate in document["candidates"]]


def test_owner_with_explain_carries_the_explanation_the_cli_gives(server, cli, contract):
    reply = server.get("/v1/owner", {"task": "HS-01", "at": "2022-04-15", "in": "徐练村",
                                     "explain": "1", "lang": "en"})
    assert reply.status == 200
    contract.response("/v1/owner", "get", reply)
    document = reply.json()
    assert document["status"] == "unlisted"
    assert document["explanation"]
    assert all(isinstance(line, str) for line in document["explanation"])
    assert any("skipped collaboration X-07" in line for line in document["explanation"])
    assert reply.body == owner_cli(cli, "HS-01", "2022-04-15", "徐练村", None, "en", explain=True)
    assert "explanation" not in server.get(
        "/v1/owner", {"task": "HS-01", "at": "2022-04-15", "explain": "0"}).json()


def test_owner_post_is_the_same_answer_as_get(server, contract):
    question = {"task": "GD-02", "at": "2024-09-01", "in": "徐练村"}
    posted = server.post("/v1/owner?lang=zh", question)
    assert posted.status == 200
    contract.response("/v1/owner", "post", posted)
    assert posted.body == server.get("/v1/owner", {**question, "lang": "zh"}).body
    explained = server.post("/v1/owner", {**question, "explain": True})
    contract.response("/v1/owner", "post", explained)
    assert explained.json()["explanation"]
    document = posted.json()
    assert document["owner"] == {"level": "town", "department": "街镇综合行政执法队"}
    assert document["roles"] == {"town": "owns", "village": "forbidden"}


def test_owners_answers_in_order_with_each_error_in_its_place(server, contract):
    body = {"at": "2024-09-01", "in": "徐练村", "queries": [
        {"task": "GD-02"},
        {"task": "HS-01", "in": "徐练"},
        {"task": "防汛"},
        {"task": "HS-01", "at": "2022-04-15", "mode": "emergency"},
        {"task": "HS-01", "mode": "no-such-mode"},
    ]}
    reply = server.post("/v1/owners", body)
    assert reply.status == 200, reply
    contract.response("/v1/owners", "post", reply)
    document = reply.json()
    assert document["fingerprint"] == reply.headers["Qingdan-Rulebook"]
    first, bad_place, unknown, emergency, bad_mode = document["decisions"]
    assert (first["query"], first["status"], first["jurisdiction"], first["at"]) == \
        ("GD-02", "listed", XULIAN, "2024-09-01")
    assert bad_place["error"]["code"] == "QQ001"
    assert bad_place["error"]["position"] == {"field": "queries[1].in"}
    assert "徐练" in bad_place["error"]["message"]
    assert unknown["status"] == "unknown"
    assert (emergency["mode"], emergency["status"], emergency["owner"]["level"]) == \
        ("emergency", "listed", "district")
    assert bad_mode["error"]["code"] == "QQ003"
    assert bad_mode["error"]["position"] == {"field": "queries[4].mode"}
    for decision in (first, unknown, emergency):
        contract.schema("Decision", decision)
    for error in (bad_place, bad_mode):
        contract.schema("Error", error)


def test_owners_decisions_are_the_single_answers(server):
    asked = [{"task": "GD-02", "at": "2024-09-01", "in": "徐练村"},
             {"task": "HS-01", "at": "2022-04-15", "in": "徐练村", "mode": "emergency"}]
    batch = server.post("/v1/owners?lang=en", {"queries": asked}).json()["decisions"]
    for question, decision in zip(asked, batch):
        single = server.get("/v1/owner", {**question, "lang": "en"}).json()
        single.pop("fingerprint")
        assert decision == single


def test_check_with_a_json_body(server, contract):
    body = {"directive": DIRECTIVE.read_text(encoding="utf-8"),
            "villages": VILLAGES.read_text(encoding="utf-8"), "month": "2025-03"}
    reply = server.post("/v1/check?lang=en", body)
    assert reply.status == 200, reply
    contract.response("/v1/check", "post", reply)
    report = reply.json()
    assert reply.headers["Qingdan-Verdict"] == report["verdict"] == "reject"
    assert report["fingerprint"] == reply.headers["Qingdan-Rulebook"]
    assert (report["language"], report["month"]) == ("en", "2025-03")
    assert report["errors"] == 4
    assert {finding["code"] for finding in report["findings"]} >= {"QD001"}
    assert report["villages"]


def test_check_with_a_yaml_body_is_the_cli_report(server, cli, contract):
    reply = server.post("/v1/check?lang=en", DIRECTIVE.read_bytes(),
                        headers={"Content-Type": "application/yaml"})
    assert reply.status == 200, reply
    contract.response("/v1/check", "post", reply)
    report = reply.json()
    result = run_cli(cli, "--lang", "en", "check", str(DIRECTIVE), "--rules", str(QINGPU), "--json")
    expected = json.loads(result.stdout)
    for document in (report, expected):
        for directive in document["directives"]:
            directive.pop("file")
    assert report == json.loads(json.dumps(expected).replace(str(DIRECTIVE), "directive.yaml"))
    assert reply.headers["Qingdan-Verdict"] == "reject"


def test_check_html_report(server, contract):
    body = {"directives": [DIRECTIVE.read_text(encoding="utf-8")]}
    reply = server.post("/v1/check?format=html&lang=zh", body)
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "text/html; charset=utf-8"
    contract.response("/v1/check", "post", reply)
    assert reply.text.lstrip().lower().startswith("<!doctype html>")
    assert '<html lang="zh' in reply.text
    assert reply.headers["Qingdan-Verdict"] == "reject"
    bad = server.post("/v1/check?format=pdf", body)
    assert (bad.status, bad.error()["code"], bad.error()["position"]) == \
        (400, "QH001", {"parameter": "format"})


def test_check_without_a_directive_and_with_a_bad_one(server, contract):
    empty = server.post("/v1/check", {})
    assert empty.status == 400
    contract.response("/v1/check", "post", empty)
    assert empty.error() == {"code": "QH001", "message": "the body holds no directive",
                             "position": {"field": "directives"}}
    broken = server.post("/v1/check", b"a: [", headers={"Content-Type": "application/yaml"})
    assert broken.status == 400
    contract.response("/v1/check", "post", broken)
    assert broken.error()["code"] == "QL004"
    assert broken.error()["position"] == {"file": "directive.yaml", "line": 1, "column": 1}


def test_check_options_are_checked(server, contract):
    directive = DIRECTIVE.read_text(encoding="utf-8")
    assert_error(server.post("/v1/check", {"directive": directive, "warn_at": 2}), 400, "QH001",
                 contract, {"field": "warn_at"})
    assert_error(server.post("/v1/check", {"directive": directive, "most_loaded": -1}), 400,
                 "QH001", contract, {"field": "most_loaded"})
    assert_error(server.post("/v1/check", {"directive": directive, "exact": "yes"}), 400, "QH001",
                 contract, {"field": "exact"})
    assert_error(server.post("/v1/check?warn_at=x", DIRECTIVE.read_bytes(),
                             headers={"Content-Type": "application/yaml"}),
                 400, "QH001", contract, {"parameter": "warn_at"})
    reply = server.post("/v1/check?exact=1&most_loaded=2&warn_at=0.5&month=2025-03",
                        DIRECTIVE.read_bytes(), headers={"Content-Type": "application/yaml"})
    assert reply.status == 200 and reply.json()["month"] == "2025-03"


def test_a_bad_month_names_where_it_is(server):
    reply = server.post("/v1/check", {"directive": DIRECTIVE.read_text(encoding="utf-8"),
                                      "month": "2025-13"})
    assert (reply.status, reply.error()["code"]) == (400, "QH001")
    assert reply.error().get("position") == {"field": "month"}
    reply = server.post("/v1/check?month=2025-13", DIRECTIVE.read_bytes(),
                        headers={"Content-Type": "application/yaml"})
    assert reply.error().get("position") == {"parameter": "month"}


def test_tasks(server, contract):
    reply = server.get("/v1/tasks", {"q": "核酸", "limit": "1"})
    assert reply.status == 200
    contract.response("/v1/tasks", "get", reply)
    document = reply.json()
    assert (document["q"], document["total"]) == ("核酸", 2)
    assert [task["id"] for task in document["tasks"]] == ["HS-01"]
    assert document["reading"]["status"] == "candidates"
    everything = server.get("/v1/tasks", {"limit": "10000"}).json()
    assert everything["reading"] is None
    assert everything["total"] == len(everything["tasks"]) == 165
    contract.schema("TasksResponse", everything)


def test_rulebook(server, contract):
    reply = server.get("/v1/rulebook", {"at": "2024-09-01"})
    assert reply.status == 200
    contract.response("/v1/rulebook", "get", reply)
    document = reply.json()
    assert document["fingerprint"] == fingerprint_of_shipped()
    assert document["at"] == "2024-09-01"
    assert (document["task_count"], document["edition_count"]) == (165, 15)
    assert [level["id"] for level in document["levels"]] == ["city", "district", "town", "village"]
    assert XULIAN in [place["path"] for place in document["jurisdictions"]]
    in_force = {(edition["list"], edition["version"]) for edition in document["editions"]}
    assert ("power", "2024") in in_force and ("power", "2022") not in in_force
    earlier = {(edition["list"], edition["version"])
               for edition in server.get("/v1/rulebook", {"at": "2022-04-15"}).json()["editions"]}
    assert ("power", "2022") in earlier and ("power", "2024") not in earlier


def test_healthz_readyz_and_the_page(server, contract):
    healthz = server.get("/healthz")
    assert (healthz.status, healthz.json()) == (200, {"status": "ok"})
    contract.response("/healthz", "get", healthz)
    readyz = server.get("/readyz")
    assert readyz.status == 200
    contract.response("/readyz", "get", readyz)
    document = readyz.json()
    assert document["ready"] is True and document["loading"] is False
    assert document["fingerprint"] == fingerprint_of_shipped()
    assert document["last_reload"] == {"at": document["last_reload"]["at"], "trigger": "start",
                                       "ok": True}
    for when in (document["loaded_at"], document["last_reload"]["at"]):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", when)
    page = server.get("/")
    assert page.status == 200 and page.content_type == "text/html"
    contract.response("/", "get", page)
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    head = server.request("HEAD", "/healthz")
    assert head.status == 200 and head.body == b""
    assert head.headers["Content-Length"] == str(len(healthz.body))


def test_every_response_names_the_rulebook_and_the_request(server):
    fingerprint = fingerprint_of_shipped()
    for reply in (server.get("/healthz"), server.get("/nowhere"), server.get("/v1/owner"),
                  server.post("/v1/owners", b"{", headers={"Content-Type": "application/json"}),
                  server.get("/metrics"), server.get("/")):
        assert reply.headers["Qingdan-Rulebook"] == fingerprint, reply
        assert re.fullmatch(r"[A-Za-z0-9._:-]{1,128}", reply.headers["X-Request-Id"]), reply
    given = server.get("/healthz", headers={"X-Request-Id": "order-42.a_b:c"})
    assert given.headers["X-Request-Id"] == "order-42.a_b:c"
    unusable = server.get("/healthz", headers={"X-Request-Id": "has space" + "x" * 200})
    assert unusable.headers["X-Request-Id"] != "has space" + "x" * 200
    ids = {server.get("/healthz").headers["X-Request-Id"] for _ in range(5)}
    assert len(ids) == 5


def test_the_error_statuses_the_server_gives_are_in_the_document(server, token_server, contract):
    missing = []
    asked = [
        ("/v1/owner", "post", lambda: Reply(parse_responses(raw_exchange(
            server.port, b"POST /v1/owner HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 5000000\r\n\r\n"))[0][0], "", None, b"")),
        ("/healthz", "get", lambda: server.get("/healthz?x=1")),
        ("/readyz", "get", lambda: server.get("/readyz?x=1")),
        ("/metrics", "get", lambda: server.get("/metrics?x=1")),
        ("/openapi.json", "get", lambda: server.get("/openapi.json?x=1")),
        ("/", "get", lambda: server.get("/?x=1")),
        ("/metrics", "get", lambda: token_server.get("/metrics")),
    ]
    for path, method, ask in asked:
        reply = ask()
        assert reply.status >= 400
        if str(reply.status) not in contract.operation(path, method)["responses"]:
            missing.append(f"{method.upper()} {path} {reply.status}")
    assert not missing, missing


# --- 2. errors --------------------------------------------------------------------------------


def assert_error(reply: Reply, status: int, code: str, contract: Contract,
                 position: Optional[dict] = None) -> dict:
    assert reply.status == status, reply
    assert reply.headers["Content-Type"] == "application/json; charset=utf-8"
    contract.schema("Error", reply.json(), f"the {status} error body")
    error = reply.error()
    assert error["code"] == code, reply
    if position is not None:
        assert error.get("position") == position, reply
    return error


def test_unknown_parameter(server, contract):
    reply = server.get("/v1/owner", {"task": "HS-01", "colour": "red"})
    error = assert_error(reply, 400, "QH001", contract, {"parameter": "colour"})
    assert error["message"] == \
        "unknown parameter 'colour'; known: task, at, in, mode, explain, view, lang"
    contract.response("/v1/owner", "get", reply)
    assert_error(server.post("/v1/owner", {"task": "HS-01", "colour": "red"}), 400, "QH001",
                 contract, {"field": "colour"})
    decision, = server.post("/v1/owners", {"queries": [{"task": "x", "zz": 1}]}).json()["decisions"]
    assert decision["error"]["position"] == {"field": "queries[0].zz"}


@pytest.mark.parametrize("params,parameter", [
    ({"task": "HS-01", "at": "2022-02-30"}, "at"),
    ({"task": "HS-01", "at": "15/04/2022"}, "at"),
    ({"task": "HS-01", "explain": "maybe"}, "explain"),
    ({"task": "HS-01", "lang": "fr"}, "lang"),
    ({"at": "2022-04-15"}, "task"),
])
def test_bad_parameter_values(server, contract, params, parameter):
    reply = server.get("/v1/owner", params)
    assert_error(reply, 400, "QH001", contract, {"parameter": parameter})
    contract.response("/v1/owner", "get", reply)


def test_bad_limit_and_date_on_the_other_routes(server, contract):
    for limit in ("0", "10001", "-1", "x", "99999999999999999999"):
        assert_error(server.get("/v1/tasks", {"limit": limit}), 400, "QH001", contract,
                     {"parameter": "limit"})
    assert_error(server.get("/v1/rulebook", {"at": "2024-13-01"}), 400, "QH001", contract,
                 {"parameter": "at"})


def test_parameter_given_twice(server, contract):
    error = assert_error(server.get("/v1/owner?task=HS-01&task=HS-02"), 400, "QH001", contract,
                         {"parameter": "task"})
    assert error["message"] == "parameter 'task' is given twice"


@pytest.mark.parametrize("query", ["task=HS-01&in=%ZZ", "task=HS-01&in=%E", "task=%FF",
                                   "task=%ED%A0%80", "task=%C0%AF", "in%G1=x&task=HS-01"])
def test_bad_escapes_and_invalid_utf8_in_the_query(server, contract, query):
    assert_error(server.get("/v1/owner?" + query), 400, "QH001", contract)


def test_raw_invalid_utf8_in_the_target(server):
    status, _, body = one_response(raw_exchange(
        server.port,
        b"GET /v1/owner?task=\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
    assert (status, body["error"]["code"]) == (400, "QH001")
    status, _, body = one_response(raw_exchange(
        server.port, b"GET /\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
    assert (status, body["error"]["code"]) == (404, "QH002")


def test_unknown_jurisdiction_and_mode(server, contract):
    error = assert_error(server.get("/v1/owner", {"task": "HS-01", "in": "徐练"}), 400, "QQ001",
                         contract, {"parameter": "in"})
    assert error["message"].startswith("unknown jurisdiction '徐练'; similar: " + XULIAN)
    contract.response("/v1/owner", "get", server.get("/v1/owner", {"task": "HS-01", "in": "徐练"}))
    assert_error(server.get("/v1/owner", {"task": "HS-01", "mode": "war"}), 400, "QQ003", contract,
                 {"parameter": "mode"})
    assert_error(server.post("/v1/owner", {"task": "HS-01", "in": "徐练"}), 400, "QQ001", contract,
                 {"field": "in"})  # a field of the body


def test_malformed_json_body_names_line_and_column(server, contract):
    reply = server.post("/v1/owner", b'{"task":\n "HS-01",, }',
                        headers={"Content-Type": "application/json"})
    error = assert_error(reply, 400, "QH001", contract, {"line": 2, "column": 10})
    assert error["message"].startswith("the body is not JSON")
    contract.response("/v1/owner", "post", reply)
    # Columns count characters, not bytes.
    reply = server.post("/v1/owners", '{"in": "徐练村"\n,\n  "queries": [}'.encode(),
                        headers={"Content-Type": "application/json"})
    assert_error(reply, 400, "QH001", contract, {"line": 3, "column": 15})
    as_json = {"Content-Type": "application/json"}
    assert_error(server.post("/v1/owner", b"", headers=as_json), 400, "QH001", contract)
    assert_error(server.post("/v1/owner", b"[1]", headers=as_json), 400, "QH001", contract)
    assert_error(server.post("/v1/owners", {"queries": {"task": "HS-01"}}), 400, "QH001", contract,
                 {"field": "queries"})
    assert_error(server.post("/v1/owner", {"task": 7}), 400, "QH001", contract, {"field": "task"})
    assert_error(server.post("/v1/owner", {"task": "HS-01", "explain": "yes"}), 400, "QH001",
                 contract, {"field": "explain"})


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          "application/json; charset=latin-1", ""])
def test_wrong_content_type(server, contract, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    for path in ("/v1/owner", "/v1/owners", "/v1/check"):
        reply = server.post(path, b'{"task": "HS-01", "queries": []}', headers=headers)
        assert_error(reply, 415, "QH005", contract)
        contract.response(path, "post", reply)
    spelled = {"Content-Type": "Application/JSON; charset=\"UTF-8\""}
    assert server.post("/v1/owner", b'{"task": "HS-01"}', headers=spelled).status == 200


def test_body_over_max_body(server, contract):
    status, headers, body = one_response(raw_exchange(
        server.port, b"POST /v1/owner HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 4194305\r\n\r\n"))
    assert (status, body["error"]["code"]) == (413, "QH004")
    assert headers["connection"] == "close"
    contract.schema("Error", body)


def test_a_refusal_after_the_headers_keeps_the_request_id_and_language(server):
    status, headers, body = one_response(raw_exchange(
        server.port, b"POST /v1/owner?lang=zh HTTP/1.1\r\nHost: x\r\nX-Request-Id: mine-413\r\n"
                     b"Accept-Language: zh-CN\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 99999999\r\n\r\n"))
    assert status == 413
    assert headers["x-request-id"] == "mine-413"
    assert CJK.search(body["error"]["message"]), body


def test_body_over_a_small_max_body(cli, contract):
    with serving(cli, QINGPU, "--max-body", "2048", "--threads", "1") as small:
        reply = small.post("/v1/owners", {"queries": [{"task": "HS-01"}] * 200})
        assert_error(reply, 413, "QH004", contract)
        assert "2048" in reply.error()["message"]
        # A chunked body has no length to refuse it by: it is cut where it passes the limit.
        chunk = b"x" * 1500
        data = (b"POST /v1/owner HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Transfer-Encoding: chunked\r\n\r\n" + (b"5dc\r\n" + chunk + b"\r\n") * 3 +
                b"0\r\n\r\n")
        status, _, body = one_response(raw_exchange(small.port, data))
        assert (status, body["error"]["code"]) == (413, "QH004")
        assert small.post("/v1/owner", {"task": "HS-01"}).status == 200


def test_headers_over_the_limit(server, contract):
    data = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"a" * 20_000 + b"\r\n\r\n"
    status, headers, body = one_response(raw_exchange(server.port, data))
    assert (status, body["error"]["code"]) == (431, "QH004")
    contract.schema("Error", body)
    # A query string is part of the headers' size.
    reply = server.get("/v1/tasks?q=" + "%E6%A0%B8" * 3000)
    assert_error(reply, 431, "QH004", contract)


def test_unknown_route(server, contract):
    for path in ("/v2/owner", "/v1/owner/", "/V1/OWNER", "/v1", "/favicon.ico"):
        error = assert_error(server.get(path), 404, "QH002", contract)
        assert error["message"] == f"there is nothing at {path}"
    assert_error(server.post("/nowhere", {"a": 1}), 404, "QH002", contract)


@pytest.mark.parametrize("method,path,allowed", [
    ("DELETE", "/v1/owner", "GET, HEAD, POST"),
    ("GET", "/v1/owners", "POST"),
    ("GET", "/v1/check", "POST"),
    ("GET", "/v1/admin/reload", "POST"),
    ("POST", "/healthz", "GET, HEAD"),
    ("PUT", "/v1/tasks", "GET, HEAD"),
    ("BREW", "/metrics", "GET, HEAD"),
])
def test_wrong_method(server, contract, method, path, allowed):
    reply = server.request(method, path, body=b"{}" if method in ("POST", "PUT") else None,
                           headers={"Content-Type": "application/json"})
    error = assert_error(reply, 405, "QH003", contract)
    assert reply.headers["Allow"] == allowed
    assert error["message"] == f"{path} does not take {method}; it takes {allowed}"


def test_admin_reload_of_a_server_without_a_token_file(server, contract):
    reply = server.post("/v1/admin/reload", b"", headers={"Authorization": "Bearer anything"})
    assert_error(reply, 403, "QH006", contract)
    contract.response("/v1/admin/reload", "post", reply)
    assert "--token-file" in reply.error()["message"]


@pytest.fixture(scope="module")
def token_server(cli, tmp_path_factory):
    token_file = tmp_path_factory.mktemp("token") / "token"
    token_file.write_text("s3cret-Token_1\n")
    with serving(cli, QINGPU, "--token-file", str(token_file), "--token-for-all",
                 "--threads", "1") as running:
        yield running


def test_token_for_all_guards_the_v1_routes_and_metrics(token_server, contract):
    good = {"Authorization": "Bearer s3cret-Token_1"}
    for headers in ({}, {"Authorization": "Bearer s3cret-Token_2"},
                    {"Authorization": "Basic s3cret-Token_1"}, {"Authorization": "Bearer "},
                    {"Authorization": "Bearer s3cret-Token_"}, {"Authorization": "s3cret-Token_1"}):
        for path in ("/v1/owner?task=HS-01", "/v1/tasks", "/v1/rulebook", "/metrics"):
            assert_error(token_server.get(path, headers=headers), 401, "QH006", contract)
        reply = token_server.get("/v1/owner?task=HS-01", headers=headers)
        contract.response("/v1/owner", "get", reply)
        reply = token_server.post("/v1/admin/reload", b"", headers=headers)
        assert_error(reply, 401, "QH006", contract)
        contract.response("/v1/admin/reload", "post", reply)
    for path in ("/healthz", "/readyz", "/", "/openapi.json"):
        assert token_server.get(path).status == 200, path
    reply = token_server.get("/v1/owner", {"task": "HS-01"}, headers=good)
    assert reply.status == 200
    contract.response("/v1/owner", "get", reply)
    assert token_server.get("/metrics", headers=good).status == 200
    reload = token_server.post("/v1/admin/reload", b"", headers=good)
    assert reload.status == 200
    contract.response("/v1/admin/reload", "post", reload)
    assert reload.json() == {"loaded": True, "fingerprint": fingerprint_of_shipped()}


def test_unauthorized_names_the_scheme(token_server):
    reply = token_server.get("/v1/owner", {"task": "HS-01"})
    assert reply.status == 401
    assert (reply.headers.get("WWW-Authenticate") or "").startswith("Bearer")


def test_a_token_file_that_holds_no_token_is_refused(cli, tmp_path):
    empty = tmp_path / "empty"
    empty.write_text("\n")
    spaced = tmp_path / "spaced"
    spaced.write_text("two words\n")
    for token_file in (empty, spaced, tmp_path / "missing"):
        code, stderr = serve_refused(cli, "--rules", str(QINGPU), "--token-file", str(token_file))
        assert code == 2, stderr
        assert "[QU004]" in stderr and str(token_file) in stderr
    code, stderr = serve_refused(cli, "--rules", str(QINGPU), "--token-for-all")
    assert code == 2 and "--token-for-all needs --token-file" in stderr


def test_messages_follow_lang_and_accept_language(server, contract):
    place = {"task": "HS-01", "in": "徐练"}
    english = server.get("/v1/owner", place).error()["message"]
    assert english.startswith("unknown jurisdiction '徐练'; similar: ")
    chinese = server.get("/v1/owner", {**place, "lang": "zh"}).error()["message"]
    assert chinese.startswith("未知的辖区")
    assert server.get("/v1/owner", place,
                      headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}).error()["message"] \
        == chinese
    assert server.get("/v1/owner", {**place, "lang": "en"},
                      headers={"Accept-Language": "zh-CN"}).error()["message"] == english
    assert server.get("/v1/owner", place, headers={"Accept-Language": "en-US"}).error()["message"] \
        == english
    date = server.get("/v1/owner", {"task": "HS-01", "at": "2022-13-01", "lang": "zh"}).error()
    assert date["message"] == "'at' 应为 YYYY-MM-DD 格式的日期，实际为 '2022-13-01'"
    for reply in (server.get("/nowhere", {"lang": "zh"}),
                  server.get("/nowhere", headers={"Accept-Language": "zh-CN"}),
                  server.request("DELETE", "/v1/owner?lang=zh"),
                  server.post("/v1/owner?lang=zh", b"{",
                              headers={"Content-Type": "application/json"}),
                  server.post("/v1/owner?lang=zh", b"{}", headers={"Content-Type": "text/plain"}),
                  server.post("/v1/admin/reload?lang=zh", b"")):
        assert reply.status >= 400
        contract.schema("Error", reply.json())
        assert CJK.search(reply.error()["message"]), reply
    decision = server.get("/v1/owner", {"task": "GD-02", "at": "2024-09-01", "in": "徐练村"},
                          headers={"Accept-Language": "zh-CN"}).json()
    assert decision == server.get("/v1/owner", {"task": "GD-02", "at": "2024-09-01", "in": "徐练村",
                                                "lang": "zh"}).json()


def test_errors_of_the_query_string_itself_follow_the_language_asked(server):
    twice = server.get("/v1/owner?task=HS-01&task=HS-02&lang=zh").error()["message"]
    assert CJK.search(twice), twice
    escape = server.get("/v1/owner?task=%ZZ", headers={"Accept-Language": "zh-CN"}).error()
    assert CJK.search(escape["message"]), escape


def test_a_server_started_in_chinese_answers_in_chinese(cli):
    with serving(cli, QINGPU, "--threads", "1", language="zh") as chinese:
        assert chinese.get("/nowhere").error()["message"] == "/nowhere 下没有内容"
        assert chinese.get("/v1/owner", {"task": "HS-01", "in": "徐练"}).error()["message"] \
            .startswith("未知的辖区 '徐练'")
        assert chinese.get("/v1/owner", {"task": "HS-01", "at": "x", "lang": "en"}).error() \
            == {"code": "QH001", "message": "'at' takes a date YYYY-MM-DD, found 'x'",
                "position": {"parameter": "at"}}
        assert chinese.get("/nowhere", headers={"Accept-Language": "en"}).error()["message"] \
            == "there is nothing at /nowhere"
    assert "qingdan serve：正在监听 http://127.0.0.1:" in chinese.stderr
    assert "qingdan serve：已停止" in chinese.stderr


# --- 3. limits --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def impatient(cli):
    with serving(cli, QINGPU, "--request-timeout", "0.5", "--idle-timeout", "0.5",
                 "--max-batch", "3", "--threads", "2") as running:
        yield running


def test_a_client_that_stops_halfway_through_its_body_is_cut_off(impatient):
    with connect(impatient.port) as sock:
        sock.sendall(b"POST /v1/owner HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 100\r\n\r\n{\"task\": \"HS")
        received, closed, took = read_until_closed(sock, 4)
    assert closed, "the connection stays open"
    assert took < 2.5
    if received:  # answered 408, or simply cut off
        status, _, body = one_response(received)
        assert (status, body["error"]["code"]) == (408, "QH009")
    assert impatient.get("/healthz").status == 200


def test_a_client_that_stops_halfway_through_its_headers_is_cut_off(impatient):
    with connect(impatient.port) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        received, closed, took = read_until_closed(sock, 4)
    assert closed and took < 2.5
    if received:
        status, _, body = one_response(received)
        assert (status, body["error"]["code"]) == (408, "QH009")


def test_a_request_cut_off_by_the_request_timeout_is_answered_408(impatient):
    before = metric(impatient.get("/metrics").text, "qingdan_http_requests_total",
                    {"route": "/v1/owner", "code": "408"})  # counted on the route it asked
    with connect(impatient.port) as sock:
        sock.sendall(b"POST /v1/owner HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 100\r\n\r\n{")
        received, closed, _ = read_until_closed(sock, 3)
    after = metric(impatient.get("/metrics").text, "qingdan_http_requests_total",
                   {"route": "/v1/owner", "code": "408"})
    assert closed
    assert after == before + (1 if received else 0), "a 408 counted that the client never got"
    status, _, body = one_response(received)  # rules/README.md: QH009 is a 408
    assert (status, body["error"]["code"]) == (408, "QH009")


def test_headers_begun_are_timed_by_the_request_timeout(cli):
    with serving(cli, QINGPU, "--request-timeout", "0.5", "--idle-timeout", "4",
                 "--threads", "1") as server:
        with connect(server.port) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            _, closed, took = read_until_closed(sock, 2.5)
        assert closed, f"a request begun is still waited for after {took:.1f} s " \
                       "(--request-timeout 0.5)"


def test_a_slow_drip_of_body_bytes_does_not_hold_the_connection(impatient):
    """The request timeout bounds the whole request, not the time between bytes."""
    with connect(impatient.port) as sock:
        sock.sendall(b"POST /v1/owner HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 40\r\n\r\n")
        started, closed = time.monotonic(), False
        for _ in range(40):
            try:
                sock.sendall(b" ")
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            time.sleep(0.1)
            if time.monotonic() - started > 2.5:
                break
        if not closed:
            _, closed, _ = read_until_closed(sock, 1)
    assert closed
    assert time.monotonic() - started < 3


def test_an_idle_keep_alive_connection_is_closed_after_the_idle_timeout(impatient):
    with connect(impatient.port) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        received, closed, took = read_until_closed(sock, 4)
    assert closed and 0.3 < took < 2.5
    (status, headers, body), = parse_responses(received)
    assert status == 200 and json.loads(body) == {"status": "ok"}
    assert headers.get("connection", "") != "close"
    with connect(impatient.port) as sock:  # a connection that never sends anything
        received, closed, took = read_until_closed(sock, 4)
    assert (received, closed) == (b"", True) and took < 2.5


def test_a_batch_over_max_batch(impatient, contract):
    reply = impatient.post("/v1/owners", {"queries": [{"task": "HS-01"}] * 4})
    assert_error(reply, 413, "QH004", contract, {"field": "queries"})
    contract.response("/v1/owners", "post", reply)
    assert "3" in reply.error()["message"]
    three = impatient.post("/v1/owners", {"queries": [{"task": "HS-01"}] * 3})
    assert len(three.json()["decisions"]) == 3


def test_connections_over_max_connections_get_503(cli, contract):
    with serving(cli, QINGPU, "--max-connections", "2", "--threads", "2") as limited:
        held = []

        def hold() -> socket.socket:
            """A keep-alive connection, answered once (the server may not yet have seen earlier
            connections close: then it is refused, and tried again)."""
            deadline = time.monotonic() + 10
            while True:
                sock = connect(limited.port)
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                data = b""
                while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
                    chunk = sock.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                if data.startswith(b"HTTP/1.1 200") and b'{"status":"ok"}' in data:
                    return sock
                sock.close()
                assert time.monotonic() < deadline, data
                time.sleep(0.1)

        try:
            for _ in range(2):
                held.append(hold())
            with connect(limited.port) as third:
                third.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                received, closed, _ = read_until_closed(third, 5)
            assert closed
            status, headers, body = one_response(received)
            assert (status, body["error"]["code"]) == (503, "QH007")
            assert headers["retry-after"] == "1"
            contract.schema("Error", body)
        finally:
            for sock in held:
                sock.close()
        # Once they close, the server takes connections again.
        limited.wait_until(lambda: limited.get("/healthz").status == 200, 5,
                           "a connection is taken")
        metrics = limited.get("/metrics").text
        assert metric(metrics, "qingdan_connections_refused_total") >= 1


@pytest.mark.parametrize("options,message", [
    (["--listen", "127.0.0.1"], "--listen takes HOST:PORT"),
    (["--listen", "localhost:0"], "'localhost' is not an IP address"),
    (["--listen", "127.0.0.1:65536"], "--listen takes HOST:PORT"),
    (["--listen", ":0"], "--listen takes HOST:PORT"),
    (["--max-body", "10"], "--max-body must be a number from 1024"),
    (["--threads", "257"], "--threads must be a number from 1 to 256"),
    (["--request-timeout", "0"], "--request-timeout must be a number from 0.05"),
    (["--idle-timeout", "nan"], "--idle-timeout must be a number"),
    (["--max-connections", "0"], "--max-connections must be a number from 1"),
    (["--max-batch", "0"], "--max-batch must be a number from 1"),
])
def test_options_out_of_range_are_refused(cli, options, message):
    if options[0] == "--listen":
        code, stderr = serve_refused(cli, "--rules", str(QINGPU), listen=options[1])
    else:
        code, stderr = serve_refused(cli, "--rules", str(QINGPU), *options)
    assert code == 2, stderr
    assert message in stderr
    assert re.search(r"\[QU00[34]\]", stderr)


def test_a_port_in_use_is_refused(cli):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, stderr = serve_refused(cli, "--rules", str(QINGPU), listen=f"127.0.0.1:{port}")
    assert code == 2, stderr
    assert f"cannot listen on 127.0.0.1:{port}" in stderr


# --- 4. reloads -------------------------------------------------------------------------------


def copy_rules(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(QINGPU, folder)
    return folder


def move_p03(folder: Path) -> None:
    power = folder / "lists" / "power-2024.yaml"
    text = power.read_text(encoding="utf-8")
    assert text.count(P03) == 1
    power.write_text(text.replace(P03, P03_MOVED), encoding="utf-8")


def metric(text: str, name: str, labels: Optional[Dict[str, str]] = None) -> float:
    """The value of one sample of the Prometheus text (0 when it is absent)."""
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        found = re.fullmatch(r"([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)", line)
        assert found, f"not a Prometheus sample: {line!r}"
        if found.group(1) != name:
            continue
        sample = dict(re.findall(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"',
                                 found.group(3) or ""))
        if labels is None or all(sample.get(key) == value for key, value in labels.items()):
            return float(found.group(4))
    return 0.0


def test_reload_swaps_the_rulebook_and_a_broken_edit_keeps_the_old_one(cli, tmp_path, contract):
    folder = copy_rules(tmp_path)
    token = tmp_path / "token"
    token.write_text("reload-token")
    auth = {"Authorization": "Bearer reload-token"}
    gd02 = {"task": "GD-02", "at": "2024-09-01", "in": "徐练村"}
    with serving(cli, folder, "--token-file", str(token), "--threads", "2") as server:
        first = shell_fingerprint(folder)
        assert first == fingerprint_of_shipped()
        assert server.get("/v1/owner", gd02).headers["Qingdan-Rulebook"] == first

        move_p03(folder)
        second = shell_fingerprint(folder)
        reply = server.post("/v1/admin/reload", b"", headers=auth)
        assert reply.status == 200
        contract.response("/v1/admin/reload", "post", reply)
        assert reply.json() == {"loaded": True, "fingerprint": second}
        assert reply.headers["Qingdan-Rulebook"] == second != first
        answer = server.get("/v1/owner", gd02)
        assert answer.headers["Qingdan-Rulebook"] == answer.json()["fingerprint"] == second
        assert answer.json()["owner"] == {"level": "town", "department": "镇城市管理执法中队"}
        readyz = server.readyz().json()
        assert readyz["fingerprint"] == second
        assert (readyz["last_reload"]["trigger"], readyz["last_reload"]["ok"]) == ("admin", True)
        failures = metric(server.get("/metrics").text, "qingdan_reload_failures_total")

        (folder / "lists" / "negative-2024.yaml").write_text("entries: [\n", encoding="utf-8")
        reply = server.post("/v1/admin/reload?lang=en", b"", headers=auth)
        assert reply.status == 200
        contract.response("/v1/admin/reload", "post", reply)
        document = reply.json()
        assert (document["loaded"], document["fingerprint"]) == (False, second)
        assert document["error"]["code"] == "QL004"
        assert document["error"]["file"].endswith("negative-2024.yaml")
        assert server.get("/v1/owner", gd02).headers["Qingdan-Rulebook"] == second
        readyz = server.readyz()
        assert readyz.status == 200
        contract.response("/readyz", "get", readyz)
        readyz = readyz.json()
        assert (readyz["ready"], readyz["fingerprint"]) == (True, second)
        assert readyz["last_reload"]["ok"] is False
        assert readyz["last_reload"]["error"]["code"] == "QL004"
        assert readyz["last_reload"]["error"]["file"].endswith("negative-2024.yaml")
        assert metric(server.get("/metrics").text, "qingdan_reload_failures_total") == failures + 1

        # SIGHUP: the repaired folder is loaded in the background.
        shutil.copy(QINGPU / "lists" / "negative-2024.yaml", folder / "lists")
        server.signal(signal.SIGHUP)
        readyz = server.wait_for_readyz(
            lambda reply: reply.json()["last_reload"]["trigger"] == "SIGHUP", 10,
            "the SIGHUP reload").json()
        assert readyz["last_reload"]["ok"] is True
        assert readyz["fingerprint"] == shell_fingerprint(folder) == second
        assert server.alive()


def test_answers_during_reloads_come_each_from_one_rulebook(cli, tmp_path):
    """Reloads while requests run: each answer's header and body name the same rulebook, and its
    owner is the one that rulebook gives."""
    folder = copy_rules(tmp_path)
    token = tmp_path / "token"
    token.write_text("t")
    power = folder / "lists" / "power-2024.yaml"
    before = power.read_text(encoding="utf-8")
    after = before.replace(P03, P03_MOVED)
    with serving(cli, folder, "--token-file", str(token), "--threads", "2") as server:
        owners = {shell_fingerprint(folder): "街镇综合行政执法队"}
        power.write_text(after, encoding="utf-8")
        owners[shell_fingerprint(folder)] = "镇城市管理执法中队"
        seen, problems, running = set(), [], threading.Event()
        running.set()

        def ask():
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
            try:
                while running.is_set():
                    connection.request("GET", "/v1/owner?" + urllib.parse.urlencode(
                        {"task": "GD-02", "at": "2024-09-01", "in": "徐练村"}))
                    response = connection.getresponse()
                    document = json.loads(response.read())
                    header = response.getheader("Qingdan-Rulebook")
                    seen.add(header)
                    if header != document["fingerprint"] or \
                            owners.get(header) != document["owner"]["department"]:
                        problems.append((header, document["fingerprint"], document["owner"]))
            except Exception as error:  # noqa: BLE001 - reported below
                problems.append(repr(error))
            finally:
                connection.close()

        threads = [threading.Thread(target=ask) for _ in range(2)]
        for thread in threads:
            thread.start()
        try:
            for number in range(10):
                power.write_text(after if number % 2 == 0 else before, encoding="utf-8")
                reply = server.post("/v1/admin/reload", b"", headers={"Authorization": "Bearer t"})
                assert reply.status == 200 and reply.json()["loaded"] is True
                assert reply.json()["fingerprint"] in owners
        finally:
            running.clear()
            for thread in threads:
                thread.join(15)
        assert not problems, problems[:5]
        assert seen == set(owners)


def test_watch_picks_up_an_edit(cli, tmp_path):
    folder = copy_rules(tmp_path)
    with serving(cli, folder, "--watch", "--threads", "1") as server:
        first = server.readyz().json()["fingerprint"]
        time.sleep(0.2)
        move_p03(folder)
        second = shell_fingerprint(folder)
        readyz = server.wait_for_readyz(lambda reply: reply.json().get("fingerprint") == second,
                                        10, "the watched edit is loaded").json()
        assert second != first
        assert readyz["last_reload"]["trigger"] == "watch"
        answer = server.get("/v1/owner", {"task": "GD-02", "at": "2024-09-01", "in": "徐练村"}).json()
        assert answer["owner"]["department"] == "镇城市管理执法中队"


def test_rules_that_fail_at_start(cli, tmp_path, contract):
    folder = copy_rules(tmp_path)
    (folder / "tasks.yaml").write_text("- id: [\n", encoding="utf-8")
    with serving(cli, folder, "--threads", "1", ready=False) as server:
        readyz = server.wait_for_readyz(
            lambda reply: reply.status == 503 and "last_reload" in reply.json(), 15,
            "the first load fails")
        contract.response("/readyz", "get", readyz)
        document = readyz.json()
        assert document["ready"] is False
        assert document["reason"]
        assert document["last_reload"]["ok"] is False
        assert document["last_reload"]["error"]["file"].endswith("tasks.yaml")
        assert "Qingdan-Rulebook" not in readyz.headers
        owner = server.get("/v1/owner", {"task": "HS-01"})
        assert_error(owner, 503, "QH008", contract)
        contract.response("/v1/owner", "get", owner)
        assert owner.headers["Retry-After"] == "1"
        assert "Qingdan-Rulebook" not in owner.headers
        for path, body in (("/v1/owners", {"queries": [{"task": "HS-01"}]}),
                           ("/v1/check", {"directive": DIRECTIVE.read_text(encoding="utf-8")})):
            assert_error(server.post(path, body), 503, "QH008", contract)
        assert_error(server.get("/v1/tasks"), 503, "QH008", contract)
        assert_error(server.get("/v1/rulebook"), 503, "QH008", contract)
        healthz = server.get("/healthz")
        assert (healthz.status, healthz.json()) == (200, {"status": "ok"})
        assert "qingdan_rulebook_info{" not in server.get("/metrics").text
        # Repaired, a SIGHUP brings it up.
        shutil.copy(QINGPU / "tasks.yaml", folder / "tasks.yaml")
        server.signal(signal.SIGHUP)
        assert server.wait_ready(10)["fingerprint"] == fingerprint_of_shipped()


# --- 5. graceful stop -------------------------------------------------------------------------


def test_sigterm_lets_the_request_in_flight_finish(cli):
    server = LiveServer(cli, QINGPU, "--threads", "2")
    try:
        server.wait_ready()
        before = server.get("/v1/owner", {"task": "HS-01", "at": "2022-04-15"})
        assert before.status == 200
        idle = connect(server.port)  # a keep-alive connection between two requests
        idle.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        assert b'{"status":"ok"}' in idle.recv(4096)
        # A request in flight: its headers read (the server says 100 Continue), its body not yet.
        body = json.dumps({"task": "GD-02", "at": "2024-09-01", "in": "徐练村"}).encode()
        busy = connect(server.port, timeout=10)
        busy.sendall(b"POST /v1/owner HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Expect: 100-continue\r\nContent-Length: " + str(len(body)).encode() +
                     b"\r\n\r\n")
        assert busy.recv(4096).startswith(b"HTTP/1.1 100 Continue\r\n")
        busy.sendall(body[:10])
        stopped_at = time.monotonic()
        server.signal(signal.SIGTERM)
        # The idle connection is closed at once, and no new connection is taken…
        _, closed, _ = read_until_closed(idle, 5)
        idle.close()
        assert closed
        with pytest.raises(OSError):
            refused = connect(server.port, timeout=2)
            try:
                refused.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                if not refused.recv(4096):
                    raise ConnectionResetError("closed without an answer")
            finally:
                refused.close()
        # …but the request in flight is answered.
        time.sleep(0.2)
        assert server.alive(), "exited with a request in flight"
        busy.sendall(body[10:])
        received, closed, _ = read_until_closed(busy, 5)
        busy.close()
        status, headers, document = one_response(received)
        assert status == 200
        assert headers["connection"] == "close"
        assert document["owner"] == {"level": "town", "department": "街镇综合行政执法队"}
        assert server.process.wait(10) == 0
        assert time.monotonic() - stopped_at < 5
        server._reader.join(5)
        assert server.lines[-1] == "qingdan serve: stopped\n"
    finally:
        server.kill()


def test_sigterm_and_sigint_stop_an_idle_server_at_once(cli):
    for number in (signal.SIGTERM, signal.SIGINT):
        server = LiveServer(cli, QINGPU, "--threads", "1")
        try:
            server.wait_ready()
            started = time.monotonic()
            server.signal(number)
            assert server.process.wait(10) == 0
            assert time.monotonic() - started < 3
        finally:
            server.kill()


# --- 6. the decision log and its replay -------------------------------------------------------


LOGGED_QUESTIONS = [
    {"task": "GD-02", "at": "2024-09-01", "in": "徐练村"},
    {"task": "HS-01", "at": "2022-04-15", "in": "徐练村", "mode": "emergency"},
    {"task": "开具亲属关系证明", "at": "2024-09-01", "in": "徐练村"},
]


def log_some_decisions(server: LiveServer) -> Dict[str, str]:
    """One GET, one POST and a batch of three queries (one of them bad); the request ids."""
    ids = {}
    reply = server.get("/v1/owner", LOGGED_QUESTIONS[0], headers={"X-Request-Id": "mine-1"})
    assert reply.status == 200 and reply.headers["X-Request-Id"] == "mine-1"
    ids["get"] = "mine-1"
    reply = server.post("/v1/owner", LOGGED_QUESTIONS[1])
    assert reply.status == 200
    ids["post"] = reply.headers["X-Request-Id"]
    queries = [LOGGED_QUESTIONS[2], {"task": "HS-01", "in": "徐练"},
               {"task": "防汛", "at": "2024-09-01"}]
    reply = server.post("/v1/owners", {"queries": queries}, headers={"X-Request-Id": "batch:7"})
    assert reply.status == 200 and reply.headers["X-Request-Id"] == "batch:7"
    ids["batch"] = "batch:7"
    assert server.get("/v1/owner", {"task": "HS-01", "in": "徐练"}).status == 400  # not logged
    return ids


def read_log(path: Path) -> List[dict]:
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture(scope="module")
def decision_log(cli, tmp_path_factory):
    folder = tmp_path_factory.mktemp("log")
    log = folder / "decisions.jsonl"
    server = LiveServer(cli, QINGPU, "--log", str(log), "--threads", "2")
    try:
        server.wait_ready()
        ids = log_some_decisions(server)
        assert server.stop() == 0
    finally:
        server.kill()
    return log, ids


def test_the_decision_log_has_one_line_per_decision(decision_log):
    log, ids = decision_log
    lines = read_log(log)
    assert [line["request_id"] for line in lines] == \
        [ids["get"], ids["post"], ids["batch"], ids["batch"]]
    assert [line["task"] for line in lines] == ["GD-02", "HS-01", "开具亲属关系证明", "防汛"]
    fields = ["time", "request_id", "task", "at", "in", "mode", "status", "task_id", "owner",
              "roles", "fingerprint"]
    for line in lines:
        assert sorted(line) == sorted(fields)
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", line["time"])
        assert line["fingerprint"] == fingerprint_of_shipped()
    gd02 = lines[0]
    assert (gd02["at"], gd02["in"], gd02["mode"], gd02["status"], gd02["task_id"]) == \
        ("2024-09-01", XULIAN, "normal", "listed", "GD-02")
    assert gd02["owner"] == {"level": "town", "department": "街镇综合行政执法队"}
    assert gd02["roles"] == {"town": "owns", "village": "forbidden"}
    assert lines[1]["mode"] == "emergency"
    assert lines[1]["roles"] == {"district": "owns", "village": "assists"}
    assert (lines[3]["status"], lines[3]["task_id"], lines[3]["owner"]) == ("unknown", None, None)


def test_log_masks_drop_and_hash_fields(cli, tmp_path):
    log = tmp_path / "masked.jsonl"
    server = LiveServer(cli, QINGPU, "--log", str(log), "--log-mask", "task", "--log-mask", "in:hash",
                    "--log-mask", "owner:hash", "--threads", "1")
    try:
        server.wait_ready()
        log_some_decisions(server)
        assert server.stop() == 0
    finally:
        server.kill()
    lines = read_log(log)
    places = [XULIAN, XULIAN, XULIAN, "上海市"]  # the last question names no place: the root
    assert len(lines) == len(places)
    for line, place in zip(lines, places):
        assert "task" not in line
        assert line["in"] == "sha256:" + hashlib.sha256(place.encode("utf-8")).hexdigest()
        assert re.fullmatch(r"sha256:[0-9a-f]{64}", line["owner"])
    assert lines[0]["owner"] == "sha256:" + hashlib.sha256(
        json.dumps({"level": "town", "department": "街镇综合行政执法队"}, ensure_ascii=False,
                   separators=(",", ":")).encode()).hexdigest()
    assert lines[0]["task_id"] == "GD-02"
    # Without the question, a line cannot be asked again: replay counts it as masked.
    result = run_cli(cli, "replay", str(log), "--rules", str(QINGPU), "--json")
    assert result.returncode == 0
    document = json.loads(result.stdout)
    assert (document["decisions"], document["masked"], document["changed"]) == (0, 4, 0)


def test_the_log_is_appended_to(cli, tmp_path):
    log = tmp_path / "log.jsonl"
    log.write_text('{"earlier": true}\n', encoding="utf-8")
    with serving(cli, QINGPU, "--log", str(log), "--threads", "1") as server:
        server.get("/v1/owner", {"task": "HS-01"}, headers={"X-Request-Id": "appended"})
    lines = read_log(log)
    assert lines[0] == {"earlier": True}
    assert [line["request_id"] for line in lines[1:]] == ["appended"]


@pytest.mark.parametrize("mask", [
    "nope", "task:md5", "", "time:hash:hash", "TASK",
    "roles:",
])
def test_a_bad_log_mask_is_a_usage_error(cli, tmp_path, mask):
    code, stderr = serve_refused(cli, "--rules", str(QINGPU), "--log", str(tmp_path / "log"),
                                 "--log-mask", mask)
    assert code == 2, stderr
    assert "[QU004]" in stderr
    assert "--log-mask" in stderr
    assert not (tmp_path / "log").exists() or (tmp_path / "log").read_text() == ""


def test_log_mask_without_log_is_a_usage_error(cli):
    code, stderr = serve_refused(cli, "--rules", str(QINGPU), "--log-mask", "task")
    assert code == 2 and "--log-mask needs --log [QU004]" in stderr


def test_an_unwritable_log_is_a_usage_error(cli, tmp_path):
    for path in (tmp_path / "no-such-folder" / "log", tmp_path):
        code, stderr = serve_refused(cli, "--rules", str(QINGPU), "--log", str(path))
        assert code == 2, stderr
        assert "[QU005]" in stderr
        assert str(path) in stderr


def test_replay_against_the_same_rules_changes_nothing(cli, decision_log):
    log, _ = decision_log
    result = run_cli(cli, "replay", str(log), "--rules", str(QINGPU))
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().strip() == \
        "4 decisions replayed: 4 unchanged, 0 would change; 0 masked, 0 unreadable lines"
    document = json.loads(run_cli(cli, "replay", str(log), "--rules", str(QINGPU), "--json").stdout)
    assert (document["decisions"], document["unchanged"], document["changed"], document["masked"],
            document["unreadable"], document["changes"]) == (4, 4, 0, 0, [], [])
    assert document["fingerprint"] == fingerprint_of_shipped()


def test_replay_against_a_changed_entry_names_the_decision(cli, decision_log, tmp_path):
    log, _ = decision_log
    folder = copy_rules(tmp_path)
    move_p03(folder)
    result = run_cli(cli, "replay", str(log), "--rules", str(folder))
    assert result.returncode == 1, result.stderr
    assert result.stdout.decode().splitlines() == [
        f"line 1: GD-02 on 2024-09-01 in {XULIAN} (normal)",
        "  owner: town (街镇综合行政执法队) → town (镇城市管理执法中队)",
        "4 decisions replayed: 3 unchanged, 1 would change; 0 masked, 0 unreadable lines",
    ]
    document = json.loads(run_cli(cli, "replay", str(log), "--rules", str(folder), "--json").stdout)
    assert (document["decisions"], document["unchanged"], document["changed"]) == (4, 3, 1)
    assert document["fingerprint"] == shell_fingerprint(folder)
    change, = document["changes"]
    assert (change["line"], change["task"], change["at"], change["in"], change["mode"]) == \
        (1, "GD-02", "2024-09-01", XULIAN, "normal")
    assert change["before"]["owner"] == {"level": "town", "department": "街镇综合行政执法队"}
    assert change["after"]["owner"] == {"level": "town", "department": "镇城市管理执法中队"}
    assert change["before"]["roles"] == change["after"]["roles"]
    assert change["error"] is None


def test_replay_counts_masked_and_unreadable_lines(cli, decision_log, tmp_path):
    log, _ = decision_log
    lines = log.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    hashed = dict(first, **{"in": "sha256:" + hashlib.sha256(first["in"].encode()).hexdigest()})
    dropped = {key: value for key, value in first.items() if key != "task"}
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("\n".join([lines[1], json.dumps(hashed, ensure_ascii=False),
                                json.dumps(dropped, ensure_ascii=False), "not json", "{}", ""])
                     + "\n", encoding="utf-8")
    result = run_cli(cli, "replay", str(mixed), "--rules", str(QINGPU), "--json")
    assert result.returncode == 0
    document = json.loads(result.stdout)
    assert (document["decisions"], document["unchanged"], document["masked"]) == (1, 1, 2)
    assert document["unreadable"] == [4, 5]
    result = run_cli(cli, "replay", str(tmp_path / "missing.jsonl"), "--rules", str(QINGPU))
    assert result.returncode == 2


def test_replay_words_a_question_that_now_fails_in_the_asked_language(cli, decision_log, tmp_path):
    log, _ = decision_log
    first = json.loads(log.read_text(encoding="utf-8").splitlines()[0])
    wartime = tmp_path / "wartime.jsonl"
    wartime.write_text(json.dumps(dict(first, mode="wartime"), ensure_ascii=False) + "\n",
                       encoding="utf-8")
    errors = {}
    for language in ("en", "zh"):
        result = run_cli(cli, "replay", str(wartime), "--rules", str(QINGPU), "--json",
                         "--lang", language)
        change, = json.loads(result.stdout)["changes"]
        errors[language] = change["error"]
    assert "unknown mode 'wartime'" in errors["en"], errors
    assert "未知的模式 'wartime'" in errors["zh"], errors


# --- 7. metrics -------------------------------------------------------------------------------


def test_metrics(server):
    before = server.get("/metrics").text
    for _ in range(3):
        server.get("/healthz")
    server.get("/v1/owner", {"task": "GD-02", "at": "2024-09-01", "in": "徐练村"})
    server.get("/v1/owner", {"task": "防汛"})
    server.get("/v1/owner", {"task": "HS-01", "in": "徐练"})
    server.get("/no/such/route")
    reply = server.get("/metrics")
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
    after = reply.text

    def delta(name, labels=None):
        return metric(after, name, labels) - metric(before, name, labels)

    assert delta("qingdan_http_requests_total", {"route": "/healthz", "code": "200"}) == 3
    assert delta("qingdan_http_requests_total", {"route": "/v1/owner", "code": "200"}) == 2
    assert delta("qingdan_http_requests_total", {"route": "/v1/owner", "code": "400"}) == 1
    assert delta("qingdan_http_requests_total", {"route": "other", "code": "404"}) == 1
    assert delta("qingdan_http_requests_total", {"route": "/metrics", "code": "200"}) == 1
    assert delta("qingdan_decisions_total", {"status": "listed"}) == 1
    assert delta("qingdan_decisions_total", {"status": "unknown"}) == 1
    assert delta("qingdan_decisions_total", {"status": "unlisted"}) == 0
    assert metric(after, "qingdan_rulebook_info",
                  {"fingerprint": fingerprint_of_shipped(), "name": "上海市青浦区基层治理四张清单（示例）"}) == 1
    assert metric(after, "qingdan_reloads_total") >= 1
    assert metric(after, "qingdan_connections_open") >= 1

    # Histograms: per route, buckets never decrease, +Inf is the count.
    buckets: Dict[str, List[Tuple[float, float]]] = {}
    counts: Dict[str, float] = {}
    for line in after.splitlines():
        found = re.fullmatch(r'qingdan_http_request_duration_seconds_bucket\{route="([^"]*)",'
                             r'le="([^"]*)"\} (\S+)', line)
        if found:
            bound = float("inf") if found.group(2) == "+Inf" else float(found.group(2))
            buckets.setdefault(found.group(1), []).append((bound, float(found.group(3))))
        found = re.fullmatch(
            r'qingdan_http_request_duration_seconds_count\{route="([^"]*)"\} (\S+)', line)
        if found:
            counts[found.group(1)] = float(found.group(2))
    assert {"/healthz", "/v1/owner", "/metrics", "other"} <= set(buckets)
    for route, series in buckets.items():
        bounds = [bound for bound, _ in series]
        assert bounds == sorted(bounds) and bounds[-1] == float("inf"), route
        values = [value for _, value in series]
        assert values == sorted(values), route
        assert values[-1] == counts[route], route
    for route in buckets:  # every request of a route is in its histogram once
        answered = sum(float(value) for value in re.findall(
            r'^qingdan_http_requests_total\{route="%s",code="[^"]*"\} (\S+)$' % re.escape(route),
            after, re.MULTILINE))
        assert counts[route] == answered, route
    for line in after.splitlines():
        if line.startswith("# TYPE"):
            assert line.split()[3] in ("counter", "gauge", "histogram"), line


# --- 8. hostile input -------------------------------------------------------------------------


def test_hostile_input_never_brings_the_server_down(server):
    port = server.port
    garbage = bytes(range(256)) * 40
    status, _, body = one_response(raw_exchange(port, garbage))
    assert (status, body["error"]["code"]) == (400, "QH001")
    status, _, body = one_response(raw_exchange(
        port, b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"))
    assert (status, body["error"]["code"]) == (431, "QH004")
    for data in (b"GET /healthz\x00 HTTP/1.1\r\nHost: x\r\n\r\n",
                 b"GET /healthz HTTP/1.1\r\nHost: x\x00y\r\n\r\n",
                 b"\x00" * 10_000,
                 b"GET /healthz HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n",
                 b"POST /v1/owner HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
                 b"POST /v1/owner HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                 b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
                 b"FOO\xff /healthz HTTP/1.1\r\nHost: x\r\n\r\n"):
        received = raw_exchange(port, data)
        if received:
            status, _, body = one_response(received)
            assert status == 400 and body["error"]["code"] == "QH001", (data[:40], received[:300])
    # NUL bytes as text: an escaped query, and JSON \u0000.
    assert server.get("/v1/owner?task=%00&in=%00").status in (200, 400)
    reply = server.post("/v1/owner", {"task": "a\u0000b"})
    assert reply.status == 200 and reply.json()["query"] == "a\u0000b"
    # JSON nested 10,000 deep, as the body and inside a directive.
    for path, body in (("/v1/owner", "[" * 10_000 + "]" * 10_000),
                       ("/v1/owners", '{"queries":' + "[" * 10_000),
                       ("/v1/check", '{"directive":' + '{"a":' * 10_000 + "1" + "}" * 10_001)):
        reply = server.post(path, body.encode(), headers={"Content-Type": "application/json"})
        assert reply.status == 400 and reply.error()["code"] == "QH001", reply
        assert set(reply.error()["position"]) == {"line", "column"}
    reply = server.post("/v1/check", ("qingdan: 1\nkind: directive\nid: x\nitems: " + "[" * 10_000 +
                                      "]" * 10_000 + "\n").encode(),
                        headers={"Content-Type": "application/yaml"})
    assert reply.status == 400 and reply.error()["code"].startswith("QL"), reply
    # 100 requests pipelined on one connection: 100 answers, in order.
    with connect(port, timeout=10) as sock:
        sock.sendall(b"".join(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: p%d\r\n\r\n" % i
                              for i in range(100)))
        received = b""
        deadline = time.monotonic() + 10
        while received.count(b'{"status":"ok"}') < 100 and time.monotonic() < deadline:
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
    responses = parse_responses(received)
    assert [status for status, _, _ in responses] == [200] * 100
    assert [headers["x-request-id"] for _, headers, _ in responses] == [f"p{i}" for i in range(100)]
    # Many connections opened and dropped at once.
    sockets = [connect(port) for _ in range(50)]
    for number, sock in enumerate(sockets):
        if number % 2:
            sock.sendall(b"GET /v1/owner?task=HS-01 HTTP/1.1\r\nHost: x\r\n")
        sock.close()
    assert server.get("/healthz").status == 200
    assert server.alive()
    assert server.get("/v1/owner", {"task": "HS-01"}).status == 200


def test_no_error_is_a_500(server):
    text = server.get("/metrics").text
    assert 'code="500"' not in text


def test_the_openapi_document_is_the_one_its_script_writes(tmp_path):
    written = tmp_path / "openapi.json"
    subprocess.run([sys.executable, str(OPENAPI.with_name("openapi.py")), str(written)], check=True,
                   timeout=60)
    assert written.read_bytes() == OPENAPI.read_bytes(), \
        "src/serve/assets/openapi.json differs from what openapi.py writes: edit the script and run it"


def test_yaml_aliases_cannot_blow_a_check_up(server, contract):
    """An item repeated by YAML aliases is bounded by the server's own limits (200 repeated nodes,
    4 KiB texts), whatever the body's size: refused at once, not held in memory."""
    text = "甲" * 1000
    body = ("qingdan: 1\nkind: directive\nid: D\nissued: 2025-01-01\nitems:\n"
            f"  - &a {{task: \"{text}\", frequency: once, effort_hours: 1}}\n" + "  - *a\n" * 2000)
    started = time.monotonic()
    reply = server.post("/v1/check", body, headers={"Content-Type": "application/yaml"})
    assert time.monotonic() - started < 5
    assert_error(reply, 400, "QL006", contract)
    long_text = body.replace("甲" * 1000, "甲" * 2000).replace("  - *a\n" * 2000, "")
    assert_error(server.post("/v1/check", long_text, headers={"Content-Type": "application/yaml"}),
                 400, "QL013", contract)


def test_a_json_body_is_one_value(server, contract):
    reply = server.post("/v1/owner", '{"task": "GD-02"} {"task": "trailing"}',
                        headers={"Content-Type": "application/json"})
    assert_error(reply, 400, "QH001", contract, {"line": 1, "column": 19})  # at the second {


def test_a_refused_route_is_answered_before_its_body(cli, tmp_path):
    token = tmp_path / "token"
    token.write_text("s3cret\n")
    with serving(cli, QINGPU, "--token-file", str(token)) as server:
        with connect(server.port) as sock:
            sock.sendall(b"POST /v1/admin/reload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n"
                         b"Expect: 100-continue\r\n\r\n")
            received, closed, _ = read_until_closed(sock, 3)
    status, headers, body = one_response(received)
    assert (status, body["error"]["code"]) == (401, "QH006")
    assert headers.get("WWW-Authenticate", headers.get("www-authenticate")) == 'Bearer realm="qingdan"'
    assert closed and b"100 Continue" not in received


def test_a_search_is_kept_to_what_a_person_types(server, contract):
    assert_error(server.get("/v1/tasks", {"q": " ".join(["证明"] * 17)}), 400, "QH001", contract,
                 {"parameter": "q"})
    assert server.get("/v1/tasks", {"q": " ".join(["证明"] * 16)}).status == 200


def test_the_answer_view_is_the_decision_without_its_reasons(server, contract):
    asked = {"task": "GD-02", "in": XULIAN, "at": "2025-06-01"}
    decision = server.get("/v1/owner", asked)
    answer = server.get("/v1/owner", {**asked, "view": "answer"})
    contract.response("/v1/owner", "get", answer)
    contract.schema("AnswerDocument", answer.json())
    for key in ("fingerprint", "query", "at", "status", "owner", "roles"):
        assert answer.json()[key] == decision.json()[key], key
    assert answer.json()["task"] == {"id": "GD-02", "name": decision.json()["task"]["name"]}
    batch = server.post("/v1/owners", {"view": "answer", "queries": [asked, {"task": "ZM-01"}]})
    contract.response("/v1/owners", "post", batch)
    assert [d["status"] for d in batch.json()["decisions"]] == ["listed", "unlisted"]


def test_villages_as_rows_are_the_csv_they_stand_for(server, contract):
    lines = VILLAGES.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    rows = [dict(zip(header, values)) for values in csv.reader(lines[1:])]
    directive = DIRECTIVE.read_text(encoding="utf-8")
    as_csv = server.post("/v1/check", {"directive": directive, "villages": VILLAGES.read_text(encoding="utf-8")})
    as_rows = server.post("/v1/check", {"directive": directive,
                                        "villages": [{k: v for k, v in row.items() if v != ""} for row in rows]})
    contract.response("/v1/check", "post", as_rows)
    assert as_rows.json()["villages"] == as_csv.json()["villages"]
    assert as_rows.json()["villages"]["checked"] > 0
    rows[2]["households"] = "many"
    bad = server.post("/v1/check", {"directive": directive, "villages": rows})
    assert_error(bad, 400, "QV002", contract, {"field": "villages[2]"})
