"""qingdan serve under load, beside OPA's REST API answering the same question from the same data.

Measures, against loopback with keep-alive connections:

1. GET /v1/owner on the shipped Qingpu rulebook and on a synthetic one of N tasks (the layout of
   tests/bench/synthetic_rulebook.hpp, compiled to a snapshot): requests/s and p50/p99 latency
   at 1, 8 and 64 connections with wrk (tests/bench/serve/requests.lua), medians of 3 runs; each
   request asks about a task drawn at random, on one day, where the rulebook's lists apply
   (上海市/青浦区 for Qingpu, whose root 上海市 has no list; the root 市 for the synthetic one).
   By default qingdan is asked for the answer (`view=answer`: status, task, owner and roles, what
   OPA's document holds); `--view decision` asks for the whole decision with its reasons.
2. OPA's REST API answering the same question: qingdan's answers (owner level and roles of every
   task) exported as a data document, a small policy (tests/bench/serve/owner.rego) and
   POST /v1/data/qingdan/answer. OPA's answers and the server's are first compared with the
   library's on a sample of tasks: a mismatch voids OPA's row, or stops the run for qingdan's.
3. Reloads under load: a bounded Python client asks and checks every answer while the rules are
   reloaded every second through POST /v1/admin/reload, cycling the served folder through two
   good variants (which differ in one task's owner) and a broken one. Every answer must be the
   one of the variant whose fingerprint its Qingdan-Rulebook header names.

It downloads and builds nothing. With wrk and OPA installed, in a virtual environment with
qingdan installed:

    python tests/bench/serve_load.py --cli build/ci/src/cli/qingdan --opa opa
    python tests/bench/serve_load.py --cli build/ci/src/cli/qingdan --quick   # a smoke run

With two cores or more the servers run on one core (qingdan with --threads 1, OPA with Go's
scheduler on that core) and wrk or the Python client on another. It exits with 1 when an answer
is wrong, a request failed or a reload did not do what it should.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import qingdan

ROOT = Path(__file__).resolve().parents[2]
QINGPU = ROOT / "rules" / "shanghai-qingpu"
FILES = Path(__file__).resolve().parent / "serve"
DAY = datetime.date(2024, 9, 1)
SAMPLE = 1000  # tasks whose answers are compared before timing
TOKEN = "serve-load-bench-token"
STARTUP_SECONDS = 120  # a server must answer within this, or the run stops


# The synthetic rulebook, as synthetic_rulebook.hpp writes it. Names are drawn with Python's
# generator, so they differ from the C++ generator's; ids, lists and entries are the same.
SIMPLIFIED = "开证关组织检测动员务办报发记门车农业卫设计统宣传"
TRADITIONAL = "開證關組織檢測動員務辦報發記門車農業衛設計統宣傳"
DIGITS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土山川田禾米"
ENDINGS = ["事项", "工作", "服务", "管理", "调查", "登记"]
LISTS = ["power", "self_governance", "collaboration", "negative"]


def code(n: int) -> str:
    return "".join(DIGITS[(n // 32**place) % 32] for place in range(4))


def list_of(task: int) -> int:
    return [0, 0, 0, 0, 1, 1, 2, 2, 2, 3][task % 10]


def entry_line(task: int, list_number: int, prefix: str) -> str:
    line = f"  - {{id: {prefix}{task}, task: T{task}"
    if list_number == 0:
        line += ", owner: {level: district, department: 区局}" if task % 3 else ", owner: {level: town}"
    if list_number == 2:
        line += ", owner: {level: district}, assist: [village]"
    if list_number == 2 and task % 4 == 0:
        line += ", requires: [funding], max_per_month: 4"
    return line + "}\n"


def write_synthetic_rulebook(tasks: int, folder: Path, seed: int = 20220415) -> None:
    per_file = 50_000
    (folder / "lists").mkdir(parents=True)
    draw = random.Random(seed)
    tree = "".join(f"    区{d}:\n" + "".join(f"      镇{t}: {{}}\n" for t in range(16)) for d in range(16))
    (folder / "rulebook.yaml").write_text(
        "qingdan: 1\nkind: rulebook\nname: 合成规则库\nlevels: [{id: city}, {id: district}, "
        "{id: town}, {id: village}]\nmodes: [normal, emergency]\njurisdictions:\n  市:\n" + tree,
        encoding="utf-8")
    for first in range(0, tasks, per_file):
        lines = ["qingdan: 1\nkind: tasks\ntasks:\n"]
        for i in range(first, min(first + per_file, tasks)):
            picks = [draw.randint(0, 23) for _ in range(draw.randint(2, 6))]
            ending = ENDINGS[draw.randint(0, 5)]
            name = "".join(SIMPLIFIED[p] for p in picks) + code(i) + ending
            old = "".join(TRADITIONAL[p] for p in picks) + code(i) + ending
            lines.append(f"  - {{id: T{i}, name: {name}, aliases: [{old}, '{name[:2]} {name[2:]}', "
                         f"{name}（第１２３号）], category: 类{i % 20}}}\n")
        (folder / f"tasks-{first // per_file}.yaml").write_text("".join(lines), encoding="utf-8")
    for year in (2022, 2024):
        for list_number, name in enumerate(LISTS):
            lines = [f"qingdan: 1\nkind: list\nlist: {name}\nversion: '{year}'\neffective: {year}-01-01\n"
                     "entries:\n"]
            if list_number == 3:
                lines.append("  - {id: NC, category: 类19}\n")
            lines += [entry_line(i, list_number, "A" if year == 2022 else "B") for i in range(tasks)
                      if list_of(i) == list_number and not (year == 2022 and i % 7 == 0)]
            (folder / "lists" / f"{name}-{year}.yaml").write_text("".join(lines), encoding="utf-8")
    lines = ["qingdan: 1\nkind: list\nlist: negative\njurisdiction: 区3\nversion: '2024'\n"
             "effective: 2024-06-01\nentries:\n"]
    lines += [f"  - {{id: D{i}, task: T{i}}}\n" for i in range(0, tasks, 40)]
    (folder / "lists" / "negative-district.yaml").write_text("".join(lines), encoding="utf-8")


# Answers: status, owner {level, department} or None, roles, as the library and the server give them.


def expected_answers(book, ids: list, place: str) -> dict:
    answers = {}
    for decision in book.owners(ids, at=DAY, jurisdiction=place):
        owner = decision.owner
        answers[decision.task.id] = {
            "status": decision.status,
            "owner": None if owner is None else {"level": owner.level, "department": owner.department},
            "roles": dict(decision.roles)}
    return answers


def served_answer(document: dict) -> dict:
    owner = document.get("owner")
    if owner is not None:
        owner = {"level": owner.get("level"), "department": owner.get("department")}
    return {"status": document.get("status"), "owner": owner, "roles": document.get("roles")}


# What GET /v1/owner is asked for: "decision" (the whole decision, with its reasons) or "answer"
# (status, task, owner and roles: what OPA's document holds). Set from --view.
VIEW = "answer"


def owner_path(task: str, place: str) -> str:
    query = urllib.parse.urlencode({"task": task, "at": DAY.isoformat(), "in": place, "mode": "normal",
                                    "view": VIEW})
    return "/v1/owner?" + query


def opa_view(answer: dict) -> dict:
    """What OPA's data holds of an answer: the owner's level and the roles."""
    return {"owner": answer["owner"]["level"] if answer["owner"] else None, "roles": answer["roles"]}


# Processes. Every one started here is killed in a finally.


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def on_cpu(cpu):
    return None if cpu is None else (lambda: os.sched_setaffinity(0, {cpu}))


class Server:
    """A server process whose output goes to a file, killed when the `with` block ends."""

    def __init__(self, command: list, log: Path, cpu=None, environment=None):
        self.log = log
        with open(log, "wb") as out:
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                            preexec_fn=on_cpu(cpu), env=environment)
        self.port = None

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_until(self, found, what: str):
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"{what}: the server exited ({self.process.returncode}):\n{self.output()[-2000:]}")
            result = found()
            if result:
                return result
            time.sleep(0.05)
        sys.exit(f"{what}: not ready after {STARTUP_SECONDS} s:\n{self.output()[-2000:]}")


def http_request(port: int, path: str, method: str = "GET", body=None, headers=None, timeout: float = 30):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheader("Qingdan-Rulebook"), response.read()
    finally:
        connection.close()


def ready(port: int, path: str) -> bool:
    try:
        return http_request(port, path, timeout=5)[0] == 200
    except OSError:
        return False


def start_qingdan(cli: str, rules: Path, threads: int, log: Path, cpu, token_file=None) -> Server:
    command = [cli, "serve", "--rules", str(rules), "--listen", "127.0.0.1:0", "--threads", str(threads)]
    if token_file:
        command += ["--token-file", str(token_file)]
    server = Server(command, log, cpu)
    try:
        listening = server.wait_until(lambda: re.search(r"http://127\.0\.0\.1:(\d+)/", server.output()), "qingdan")
        server.port = int(listening.group(1))
        server.wait_until(lambda: ready(server.port, "/readyz"), "qingdan")
    except BaseException:
        server.__exit__()
        raise
    return server


def start_opa(opa: str, data: Path, policy: Path, log: Path, cpu) -> Server:
    port = free_port()
    # Request logs off (--log-level error), as qingdan serve logs no request without --log.
    command = [opa, "run", "--server", "--addr", f"127.0.0.1:{port}", "--skip-version-check",
               "--log-level", "error", "--optimize-store-for-read-speed", str(data), str(policy)]
    server = Server(command, log, cpu, dict(os.environ, OPA_DISABLE_TELEMETRY="true"))
    server.port = port
    try:
        server.wait_until(lambda: ready(port, "/health"), "OPA")
    except BaseException:
        server.__exit__()
        raise
    return server


# Timing with wrk.


def run_wrk(wrk: str, port: int, requests: Path, connections: int, seconds: int, cpu, post_path=None) -> dict:
    command = [wrk, "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(FILES / "requests.lua"),
               f"http://127.0.0.1:{port}", "--", str(requests)] + ([post_path] if post_path else [])
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 120, preexec_fn=on_cpu(cpu))
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        sys.exit(f"wrk failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    figures = json.loads(lines[-1])
    figures["per_second"] = figures["requests"] / (figures["microseconds"] / 1e6)
    figures["errors"] = sum(figures[kind] for kind in ("connect", "read", "write", "status", "timeout"))
    return figures


def time_server(options, engine: str, port: int, requests: Path, cpu, post_path=None) -> dict:
    """{connections: figures}, each figure the median of the repetitions (the largest max, the errors summed)."""
    if not options.quick:
        run_wrk(options.wrk, port, requests, 8, 2, cpu, post_path)  # warm-up, not reported
    results = {}
    for connections in options.connections:
        runs = [run_wrk(options.wrk, port, requests, connections, options.seconds, cpu, post_path)
                for _ in range(options.repetitions)]
        median = {key: statistics.median(run[key] for run in runs) for key in ("per_second", "p50", "p99")}
        median.update(max=max(run["max"] for run in runs), errors=sum(run["errors"] for run in runs))
        results[connections] = median
        print(f"  {engine}, {connections} connections: " + "; ".join(
            f"{run['per_second']:,.0f}/s, p50 {run['p50']} µs, p99 {run['p99']} µs, max {run['max']} µs"
            + (f", {run['errors']} errors" if run["errors"] else "") for run in runs), flush=True)
    return results


def milliseconds(microseconds: float) -> str:
    return f"{microseconds / 1000:.2f} ms"


def differences(ask, sample: list, wanted) -> list:
    """[(task, answer, wanted answer)] for the tasks of `sample` that `ask` answers otherwise."""
    return [(task, got, wanted(task)) for task in sample if (got := ask(task)) != wanted(task)]


def ask_qingdan(port: int, place: str, sizes: list):
    def ask(task):
        status, _, body = http_request(port, owner_path(task, place))
        sizes.append(len(body))
        return served_answer(json.loads(body)) if status == 200 else {"http": status}
    return ask


def ask_opa(port: int, sizes: list):
    def ask(task):
        status, _, body = http_request(port, "/v1/data/qingdan/answer", "POST",
                                       json.dumps({"input": {"task": task}}), {"Content-Type": "application/json"})
        sizes.append(len(body))
        return json.loads(body).get("result") if status == 200 else {"http": status}
    return ask


def measure(options, name: str, slug: str, rules: Path, place: str, work: Path, cpus) -> list:
    """Rows of (rulebook, connections, qingdan figures, OPA figures or a reason there are none)."""
    server_cpu, load_cpu = cpus
    book = qingdan.Rulebook.load(str(rules))
    ids = [task.id for task in book.find_tasks("")]
    expected = expected_answers(book, ids, place)
    sample = random.Random(20240901).sample(ids, min(SAMPLE, len(ids)))
    paths = work / f"{slug}-paths.txt"
    paths.write_text("".join(owner_path(task, place) + "\n" for task in ids), encoding="utf-8")
    bodies = work / f"{slug}-bodies.txt"
    bodies.write_text("".join(json.dumps({"input": {"task": task}}) + "\n" for task in ids), encoding="utf-8")
    listed = sum(answer["status"] == "listed" for answer in expected.values())
    print(f"{name}: {len(ids):,} tasks ({listed:,} listed in {place} on {DAY}), fingerprint {book.fingerprint[:12]}",
          flush=True)

    with start_qingdan(options.cli, rules, options.threads, work / f"{slug}-qingdan.log", server_cpu) as server:
        status, fingerprint, _ = http_request(server.port, "/readyz")
        sizes = []
        wrong = differences(ask_qingdan(server.port, place, sizes), sample, expected.get)
        if fingerprint != book.fingerprint or wrong:
            sys.exit(f"{name}: qingdan serve ({fingerprint}) answers {len(wrong)} of {len(sample)} tasks unlike the "
                     f"library ({book.fingerprint}), e.g. {wrong[:1]}")
        print(f"  qingdan serve: {len(sample):,} sampled answers equal the library's; "
              f"{sum(sizes) / len(sizes):,.0f} bytes of JSON on average", flush=True)
        mine = time_server(options, "qingdan", server.port, paths, load_cpu)

    theirs = {}
    opa_state = "not installed"
    if options.opa and shutil.which(options.opa):
        data = work / f"{slug}-data.json"
        document = {"tasks": {task: opa_view(answer) for task, answer in expected.items()}}
        data.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        with start_opa(options.opa, data, FILES / "owner.rego", work / f"{slug}-opa.log", server_cpu) as server:
            sizes = []
            wrong = differences(ask_opa(server.port, sizes), sample, lambda task: opa_view(expected[task]))
            if wrong:
                opa_state = f"void: {len(wrong)} of {len(sample)} answers differ, e.g. {wrong[0]}"
                print(f"  OPA: {opa_state}", flush=True)
            else:
                opa_state = "ok"
                print(f"  OPA: {len(sample):,} sampled answers equal qingdan's; "
                      f"{sum(sizes) / len(sizes):,.0f} bytes of JSON on average", flush=True)
                theirs = time_server(options, "OPA", server.port, bodies, load_cpu, "/v1/data/qingdan/answer")
    return [(name, connections, mine[connections], theirs.get(connections, opa_state))
            for connections in options.connections]


# Reloads under load.


def make_variants(base: Path) -> tuple:
    """Folders A (the shipped rulebook), B (one task's owner moved from the district to the town)
    and a broken one (A with a YAML syntax error), and the task whose owner differs."""
    a, b, broken = base / "a", base / "b", base / "broken"
    for folder in (a, b, broken):
        shutil.copytree(QINGPU, folder)
    power = b / "lists" / "power-2024.yaml"
    entry = "task: QZ-02\n    owner: {level: district, department: 区规划资源局}"
    text = power.read_text(encoding="utf-8")
    assert text.count(entry) == 1, "power-2024.yaml no longer has the entry the variant changes"
    power.write_text(text.replace(entry, "task: QZ-02\n    owner: {level: town, department: 镇人民政府}"),
                     encoding="utf-8")
    with open(broken / "tasks.yaml", "a", encoding="utf-8") as tasks:
        tasks.write("  - {id: BROKEN, name: [unclosed\n")
    return a, b, broken, "QZ-02"


def point(link: Path, target: Path) -> None:
    """Makes `link` a symbolic link to `target`, atomically."""
    staged = link.with_name(link.name + ".new")
    if staged.is_symlink():
        staged.unlink()
    staged.symlink_to(target)
    os.replace(staged, link)


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = self.errors = self.connection_errors = self.wrong = 0
        self.by_fingerprint = {}
        self.changed = {}  # answers about the task A and B differ in, by fingerprint
        self.latencies = []
        self.examples = []

    def add(self, worker: "Tally") -> None:
        with self.lock:
            self.requests += worker.requests
            self.errors += worker.errors
            self.connection_errors += worker.connection_errors
            self.wrong += worker.wrong
            for fingerprint, count in worker.by_fingerprint.items():
                self.by_fingerprint[fingerprint] = self.by_fingerprint.get(fingerprint, 0) + count
            for fingerprint, count in worker.changed.items():
                self.changed[fingerprint] = self.changed.get(fingerprint, 0) + count
            self.latencies += worker.latencies
            self.examples += worker.examples[: 5 - len(self.examples)]


def client(port: int, place: str, ids: list, expected: dict, changed: str, count: int, seed: int,
           deadline: float, tally: Tally) -> None:
    """Asks `count` random owner questions on one keep-alive connection and checks each answer."""
    mine = Tally()
    draw = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        for _ in range(count):
            if time.monotonic() > deadline:
                break
            task = draw.choice(ids)
            started = time.perf_counter()
            try:
                connection.request("GET", owner_path(task, place))
                response = connection.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException) as error:
                mine.connection_errors += 1
                mine.examples.append(f"connection: {error!r}")
                connection.close()  # the next request opens a new connection
                continue
            mine.latencies.append(time.perf_counter() - started)
            mine.requests += 1
            fingerprint = response.getheader("Qingdan-Rulebook")
            if response.status != 200:
                mine.errors += 1
                mine.examples.append(f"{response.status}: {body[:200]!r}")
                continue
            mine.by_fingerprint[fingerprint] = mine.by_fingerprint.get(fingerprint, 0) + 1
            if task == changed:
                mine.changed[fingerprint] = mine.changed.get(fingerprint, 0) + 1
            document = json.loads(body)
            wanted = expected.get(fingerprint, {}).get(task)  # None under a fingerprint of neither variant
            if document.get("fingerprint") != fingerprint or served_answer(document) != wanted:
                mine.wrong += 1
                mine.examples.append(f"{task} under {fingerprint[:12]}: {served_answer(document)} (body's "
                                     f"fingerprint {str(document.get('fingerprint'))[:12]}), expected {wanted}")
    finally:
        connection.close()
        tally.add(mine)


def reload_under_load(options, work: Path, cpus) -> bool:
    server_cpu, load_cpu = cpus
    a, b, broken, changed = make_variants(work / "variants")
    place = "上海市/青浦区"
    books = {folder: qingdan.Rulebook.load(str(folder)) for folder in (a, b)}
    ids = [task.id for task in books[a].find_tasks("")]
    expected = {book.fingerprint: expected_answers(book, ids, place) for book in books.values()}
    fingerprints = {folder: book.fingerprint for folder, book in books.items()}
    assert len(expected) == 2 and expected[fingerprints[a]][changed] != expected[fingerprints[b]][changed]
    served = work / "served"
    point(served, a)
    token = work / "token"
    token.write_text(TOKEN + "\n", encoding="utf-8")
    cycle = [b, broken, a, broken]
    reloads = {"succeeded": 0, "failed": 0, "unexpected": [], "seconds": []}
    tally = Tally()
    cpus_before = os.sched_getaffinity(0)
    if load_cpu is not None:
        os.sched_setaffinity(0, {load_cpu})  # the client's threads and the reloads
    log = work / "reload-qingdan.log"
    with start_qingdan(options.cli, served, options.threads, log, server_cpu, token) as server:
        deadline = time.monotonic() + options.reload_limit
        per_client = -(-options.reload_requests // options.clients)
        workers = [threading.Thread(target=client, args=(server.port, place, ids, expected, changed, per_client,
                                                         20240901 + i, deadline, tally))
                   for i in range(options.clients)]
        started = time.perf_counter()
        for worker in workers:
            worker.start()
        serving = a
        step = 0
        while any(worker.is_alive() for worker in workers) and time.monotonic() < deadline:
            time.sleep(options.reload_every)
            target = cycle[step % len(cycle)]
            step += 1
            point(served, target)
            asked = time.perf_counter()
            try:
                status, _, body = http_request(server.port, "/v1/admin/reload", "POST", b"",
                                      {"Authorization": f"Bearer {TOKEN}"})
                outcome = json.loads(body) if status == 200 else {"status": status}
            except (OSError, http.client.HTTPException, ValueError) as error:
                outcome = {"error": repr(error)}
            reloads["seconds"].append(time.perf_counter() - asked)
            good = target is not broken
            serving = target if good else serving
            if outcome.get("loaded") is True and good and outcome.get("fingerprint") == fingerprints[target]:
                reloads["succeeded"] += 1
            elif outcome.get("loaded") is False and not good and outcome.get("fingerprint") == fingerprints[serving]:
                reloads["failed"] += 1
                reloads.setdefault("refusal", outcome.get("error"))
            else:
                reloads["unexpected"].append((target.name, outcome))
        for worker in workers:
            worker.join()
        seconds = time.perf_counter() - started
    if load_cpu is not None:
        os.sched_setaffinity(0, cpus_before)

    latencies = sorted(tally.latencies) or [0.0]
    variant = {fingerprints[a]: "A", fingerprints[b]: "B"}
    under = ", ".join(f"{count:,} under {variant.get(fingerprint, fingerprint)} ({tally.changed.get(fingerprint, 0)} "
                      f"of them about {changed})" for fingerprint, count in sorted(tally.by_fingerprint.items()))
    durations = sorted(reloads["seconds"]) or [0.0]
    print(f"\nReloads under load: {tally.requests:,} requests from {options.clients} keep-alive connections in "
          f"{seconds:.1f} s ({tally.requests / seconds:,.0f}/s), a reload every {options.reload_every:g} s "
          f"cycling B, broken, A, broken (A and B differ in {changed}'s owner)\n")
    print("| requests | errors | connection errors | wrong answers | reloads succeeded | reloads failed "
          "(broken copy) | unexpected reload outcomes | latency p50 / p99 / max |\n|---|---|---|---|---|---|---|---|")
    print(f"| {tally.requests:,} | {tally.errors} | {tally.connection_errors} | {tally.wrong} | "
          f"{reloads['succeeded']} | {reloads['failed']} | {len(reloads['unexpected'])} | "
          f"{latencies[len(latencies) // 2] * 1e3:.2f} / {latencies[int(len(latencies) * 0.99)] * 1e3:.2f} / "
          f"{latencies[-1] * 1e3:.1f} ms |")
    print(f"\nAnswers by the fingerprint their header names: {under}. A reload's POST took "
          f"{durations[len(durations) // 2] * 1e3:.0f} ms (median), {durations[-1] * 1e3:.0f} ms at most.")
    for example in tally.examples:
        print(f"  {example}")
    if reloads.get("refusal"):
        refusal = reloads["refusal"]
        print(f"The broken copy's reload answered: {refusal.get('code')} {refusal.get('file')}:{refusal.get('line')}: "
              f"{refusal.get('message')}")
    for target, outcome in reloads["unexpected"][:5]:
        print(f"  reload to {target}: {outcome}")
    enough = tally.requests >= options.reload_requests and reloads["succeeded"] > 0 and reloads["failed"] > 0
    if not enough:
        print("  the run ended before its requests were all asked, or without both kinds of reload")
    return (enough and tally.errors == 0 and tally.connection_errors == 0 and tally.wrong == 0
            and not reloads["unexpected"])


def print_figures(rows: list, options) -> bool:
    print("\n| rulebook | connections | qingdan requests/s | p50 | p99 | OPA requests/s | p50 | p99 "
          "| qingdan ÷ OPA |\n|---|---|---|---|---|---|---|---|---|")
    clean = True
    for name, connections, mine, theirs in rows:
        clean &= mine["errors"] == 0 and (isinstance(theirs, str) or theirs["errors"] == 0)
        if isinstance(theirs, str):
            peer = f"{theirs} | | | —"
        else:
            peer = (f"{theirs['per_second']:,.0f} | {milliseconds(theirs['p50'])} | {milliseconds(theirs['p99'])} | "
                    f"{mine['per_second'] / theirs['per_second']:.1f}×")
        print(f"| {name} | {connections} | {mine['per_second']:,.0f} | {milliseconds(mine['p50'])} | "
              f"{milliseconds(mine['p99'])} | {peer} |")
    for name, connections, mine, theirs in rows:
        for figures, engine in ((mine, "qingdan"), (theirs, "OPA")):
            if not isinstance(figures, str) and figures["errors"]:
                print(f"  {engine}, {name}, {connections} connections: wrk counted {figures['errors']} errors")
    print("\n| target | measured | met? |\n|---|---|---|")
    ratios = [mine["per_second"] / theirs["per_second"] for _, _, mine, theirs in rows if not isinstance(theirs, str)]
    if ratios:
        print(f"| qingdan ≥ 5× OPA's throughput | {min(ratios):.1f}×–{max(ratios):.1f}× | "
              f"{'yes' if min(ratios) >= 5 else 'no'} |")
    for name, connections, mine, _ in rows:
        if connections == 8:
            print(f"| p99 ≤ 2 ms at 8 connections ({name}) | {milliseconds(mine['p99'])} | "
                  f"{'yes' if mine['p99'] <= 2000 else 'no'} |")
    return clean


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", default=str(ROOT / "build/ci/src/cli/qingdan"))
    parser.add_argument("--opa", default="opa", help="OPA's executable; a row says so when it is missing")
    parser.add_argument("--wrk", default="wrk")
    parser.add_argument("--tasks", type=int, default=100_000, help="tasks of the synthetic rulebook")
    parser.add_argument("--seconds", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--repetitions", type=int, default=3, help="wrk runs per point; medians are shown")
    parser.add_argument("--connections", default="1,8,64")
    parser.add_argument("--threads", type=int, default=1, help="qingdan serve --threads")
    parser.add_argument("--reload-requests", type=int, default=100_000)
    parser.add_argument("--reload-every", type=float, default=1.0, help="seconds between reloads")
    parser.add_argument("--reload-limit", type=float, default=600, help="seconds the reload run may take at most")
    parser.add_argument("--clients", type=int, default=4, help="keep-alive connections of the reload run")
    parser.add_argument("--quick", action="store_true", help="a smoke run of a few seconds on small sizes")
    parser.add_argument("--view", choices=["answer", "decision"], default="answer",
                        help="what qingdan is asked for: the answer (owner and roles, as OPA's) or the "
                             "whole decision with its reasons")
    options = parser.parse_args()
    global VIEW
    VIEW = options.view
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # through the finally blocks that stop the servers
    if options.quick:
        options.tasks, options.seconds, options.repetitions, options.connections = 2000, 1, 1, "1,8"
        options.reload_requests, options.reload_every, options.reload_limit = 10_000, 0.2, 60
    options.connections = [int(count) for count in options.connections.split(",")]
    if not shutil.which(options.wrk):
        sys.exit(f"wrk not found ({options.wrk})")
    if not Path(options.cli).is_file():
        sys.exit(f"qingdan not found ({options.cli})")
    # Two cores or more: the server on one, the load generator on another.
    available = sorted(os.sched_getaffinity(0))
    cpus = (available[-1], available[0]) if len(available) >= 2 and options.threads == 1 else (None, None)
    load = os.getloadavg()
    build = next((re.search(r"^CMAKE_BUILD_TYPE:STRING=(.*)$", cache.read_text(errors="replace"), re.M)
                  for folder in Path(options.cli).resolve().parents
                  if (cache := folder / "CMakeCache.txt").is_file()), None)
    opa_version = ""
    if options.opa and shutil.which(options.opa):
        opa_version = subprocess.run([options.opa, "version"], capture_output=True, text=True).stdout.splitlines()[0]
    print(f"{len(available)} CPUs; {options.cli} ({build.group(1) + ' build' if build else 'build type unknown'}), "
          f"serve --threads {options.threads}, view={options.view}"
          + (f" on CPU {cpus[0]}, wrk and the Python client on CPU {cpus[1]}" if cpus[0] is not None else "")
          + f"; {opa_version or 'OPA not installed'}; load average before: {load[0]:.2f}\n", flush=True)

    with tempfile.TemporaryDirectory(prefix="qingdan-serve-load-") as temporary:
        work = Path(temporary)
        synthetic = work / "synthetic"
        write_synthetic_rulebook(options.tasks, synthetic)
        snapshot = work / "synthetic.qds"
        started = time.perf_counter()
        subprocess.run([options.cli, "compile", str(synthetic), "-o", str(snapshot)], check=True,
                       stdout=subprocess.DEVNULL, timeout=1800)
        print(f"synthetic rulebook of {options.tasks:,} tasks compiled in {time.perf_counter() - started:.1f} s",
              flush=True)
        rows = measure(options, "Qingpu", "qingpu", QINGPU, "上海市/青浦区", work, cpus)
        rows += measure(options, f"synthetic {options.tasks:,}", "synthetic", snapshot, "市", work, cpus)
        clean = print_figures(rows, options)
        reloaded = reload_under_load(options, work, cpus)
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")
    return 0 if clean and reloaded else 1


if __name__ == "__main__":
    raise SystemExit(main())
