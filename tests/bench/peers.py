"""qingdan beside two general policy engines on one question: may level L be assigned task T on
day D? (yes when the lists give L a role in T — owns, self-governs or assists — and no when they
give none or forbid it.)

It installs nothing. In a virtual environment with qingdan installed:

    pip install cedarpy pycasbin
    cmake --build --preset ci --target generate_rulebook
    python tests/bench/peers.py [--tasks 100000] [--queries 1000000]

The synthetic rulebook (tests/bench/synthetic_rulebook.hpp) is loaded by qingdan; for the peers
its answers on day D are exported as data they index: Cedar gets one permit and one forbid
policy and each task as an entity whose attributes hold the levels it may and may not be given;
Casbin gets an RBAC model with a role link g(task, level) per permitted pair. Every peer answers
the same queries, and its answers are compared with qingdan's: a mismatch voids its row.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import qingdan

ROOT = Path(__file__).resolve().parents[2]
DAY = datetime.date(2024, 9, 1)
LEVELS = ["city", "district", "town", "village"]
ASSIGNABLE = {"owns", "self_governs", "assists"}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(function):
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


def export(book, ids):
    """(task id -> levels it may be given, levels forbidden) on DAY, from qingdan's answers."""
    allowed, forbidden = {}, {}
    for decision in book.owners(ids, at=DAY):
        allowed[decision.task.id] = [lvl for lvl, role in decision.roles.items() if role in ASSIGNABLE]
        forbidden[decision.task.id] = [lvl for lvl, role in decision.roles.items() if role == "forbidden"]
    return allowed, forbidden


def run_qingdan(book, queries):
    answers = []
    for task, level in queries:
        role = book.owner(task, at=DAY).roles.get(level)
        answers.append(role in ASSIGNABLE)
    return answers


def run_qingdan_batch(book, queries):
    """One owners() call; each level's role column, read once, answers the queries."""
    decisions = book.owners([task for task, _ in queries], at=DAY)
    roles = {level: decisions.roles_of(level) for level in LEVELS}
    return [roles[level][i] in ASSIGNABLE for i, (_, level) in enumerate(queries)]


def call_costs(book, ids, queries) -> str:
    """One owner() call beside a no-op pybind11 call (len() of an empty Villages), and the
    owners() batch alone: the call and its role columns, without the Python loop around it."""
    import timeit

    namespace = {"book": book, "task": ids[len(ids) // 2], "day": DAY, "nothing": qingdan.Villages.from_dicts([])}
    best = {
        statement: min(timeit.repeat(statement, globals=namespace, number=200_000, repeat=5)) / 200_000
        for statement in ("len(nothing)", "book.owner(task, day)", "book.owner(task, at=day)")
    }
    noop = best["len(nothing)"]
    tasks = [task for task, _ in queries]
    _, batch_seconds = timed(lambda: [book.owners(tasks, at=DAY).roles_of(level) for level in LEVELS[:1]])
    return (f"A no-op pybind11 call takes {noop * 1e9:,.0f} ns; owner(id, day) "
            f"{best['book.owner(task, day)'] * 1e9:,.0f} ns ({best['book.owner(task, day)'] / noop:.1f}x), "
            f"owner(id, at=day) {best['book.owner(task, at=day)'] * 1e9:,.0f} ns "
            f"({best['book.owner(task, at=day)'] / noop:.1f}x). owners() of {len(tasks):,} tasks with one "
            f"role column: {len(tasks) / batch_seconds / 1e6:,.2f} M decisions/s.")


def cedar_peer(allowed, forbidden):
    import cedarpy

    policies = cedarpy.PolicySet.from_str(
        'permit(principal is Level, action == Action::"assign", resource is Task) '
        "when { resource.allowed.contains(principal) };\n"
        'forbid(principal is Level, action == Action::"assign", resource is Task) '
        "when { resource.forbidden.contains(principal) };\n")
    entities = [{"uid": {"type": "Level", "id": level}, "attrs": {}, "parents": []} for level in LEVELS]
    for task in allowed:
        entities.append({"uid": {"type": "Task", "id": task}, "parents": [], "attrs": {
            "allowed": [{"__entity": {"type": "Level", "id": lvl}} for lvl in allowed[task]],
            "forbidden": [{"__entity": {"type": "Level", "id": lvl}} for lvl in forbidden[task]]}})
    handle = cedarpy.Entities.from_json_str(json.dumps(entities))

    def request(task, level):
        return {"principal": f'Level::"{level}"', "action": 'Action::"assign"', "resource": f'Task::"{task}"',
                "context": {}}

    def one(queries):
        return [cedarpy.is_authorized(request(t, lvl), policies, handle).allowed for t, lvl in queries]

    def batch(queries):
        results = cedarpy.is_authorized_batch([request(t, lvl) for t, lvl in queries], policies, handle)
        return [result.allowed for result in results]

    return one, batch


def casbin_peer(allowed):
    import casbin

    folder = Path(tempfile.mkdtemp())
    (folder / "model.conf").write_text(
        "[request_definition]\nr = level, task\n[policy_definition]\np = level, task\n"
        "[role_definition]\ng = _, _\n[policy_effect]\ne = some(where (p.eft == allow))\n"
        "[matchers]\nm = g(r.task, r.level)\n", encoding="utf-8")
    lines = [f"g, {task}, {level}" for task, levels in allowed.items() for level in levels]
    (folder / "policy.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    enforcer = casbin.Enforcer(str(folder / "model.conf"), str(folder / "policy.csv"))

    def one(queries):
        return [enforcer.enforce(level, task) for task, level in queries]

    def batch(queries):
        return enforcer.batch_enforce([[level, task] for task, level in queries])

    return one, batch


def row(name, ok, single_seconds, single_count, batch_seconds, batch_count, load_seconds):
    single = f"{single_seconds / single_count * 1e9:,.0f} ns" if ok else "void (answers differ)"
    batch = f"{batch_count / batch_seconds / 1e6:,.2f} M/s" if ok else "void"
    print(f"| {name} | {single} | {batch} | {load_seconds:,.2f} s | {peak_rss_mb():,.0f} MB |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1_000_000)
    parser.add_argument("--single", type=int, default=100_000, help="queries timed one call at a time")
    parser.add_argument("--generator", default=str(ROOT / "build/ci/tests/bench/generate_rulebook"))
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp()) / "rulebook"
    subprocess.run([args.generator, str(args.tasks), str(folder)], check=True, stdout=subprocess.DEVNULL)
    book, load_seconds = timed(lambda: qingdan.Rulebook.load(str(folder), compiled_cache=False))
    book.save_snapshot(str(folder) + ".qds")
    from_snapshot, snapshot_seconds = timed(lambda: qingdan.Rulebook.load(str(folder) + ".qds"))
    assert from_snapshot.fingerprint == book.fingerprint
    del from_snapshot
    # The second load of the unchanged folder, from the compiled cache the first one wrote.
    cache = str(folder) + "-cache"
    qingdan.Rulebook.load(str(folder), cache_directory=cache)
    from_cache, cache_seconds = timed(lambda: qingdan.Rulebook.load(str(folder), cache_directory=cache))
    assert from_cache.fingerprint == book.fingerprint
    del from_cache
    ids = [task.id for task in book.find_tasks("")]
    draw = random.Random(20240901)
    queries = [(draw.choice(ids), draw.choice(LEVELS)) for _ in range(args.queries)]
    single = queries[: args.single]
    expected, batch_seconds = timed(lambda: run_qingdan_batch(book, queries))
    answers, single_seconds = timed(lambda: run_qingdan(book, single))
    print(f"{args.tasks:,} tasks, {args.queries:,} queries ({args.single:,} timed one at a time); "
          f"Python {sys.version.split()[0]}; qingdan loads the rule files in {load_seconds:,.2f} s, "
          f"their snapshot in {snapshot_seconds * 1e3:,.0f} ms, the unchanged folder again (the "
          f"compiled cache) in {cache_seconds * 1e3:,.0f} ms\n")
    print(call_costs(book, ids, queries) + "\n")
    print("| engine | per decision | batch | load | peak memory |\n|---|---|---|---|---|")
    row("qingdan", answers == expected[: args.single], single_seconds, len(single), batch_seconds,
        len(queries), load_seconds)

    allowed, forbidden = export(book, ids)
    for name, make in (("cedarpy", lambda: cedar_peer(allowed, forbidden)), ("pycasbin", lambda: casbin_peer(allowed))):
        try:
            (one, batch), peer_load = timed(make)
        except ImportError:
            print(f"| {name} | not installed | | | |")
            continue
        answers, one_seconds = timed(lambda: one(single))
        batch_answers, many_seconds = timed(lambda: batch(queries))
        ok = answers == expected[: args.single] and batch_answers == expected
        row(name, ok, one_seconds, len(single), many_seconds, len(queries), peer_load)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
