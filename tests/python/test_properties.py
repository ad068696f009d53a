"""Property tests: random rulebooks and queries (Hypothesis), answered by qingdan and by a small
model of docs/format.md §6 written here from its text. They must agree, and the answers must not
depend on which load of the rulebook gave them or on how often they are serialised."""

from __future__ import annotations

import datetime
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qingdan

LEVELS = ["city", "district", "town", "village"]
# The jurisdiction tree: every path and its parent ("" is the root, 市).
PLACES = {"": None, "区甲": "", "区乙": "", "区甲/镇一": "区甲", "区甲/镇一/村A": "区甲/镇一",
          "区乙/镇二": "区乙", "区乙/镇二/村B": "区乙/镇二"}
DATES = [datetime.date(2020, 1, 1) + datetime.timedelta(days=91 * i) for i in range(12)]
LISTS = ["power", "self_governance", "collaboration", "negative"]

RULEBOOK = """qingdan: 1
kind: rulebook
name: 性质测试
levels: [{id: city}, {id: district}, {id: town}, {id: village}]
jurisdictions:
  市:
    区甲:
      镇一:
        村A: {}
    区乙:
      镇二:
        村B: {}
"""


@dataclass
class Task:
    id: str
    self_governed: bool  # a task on the self-governance list has no owner above the village
    owner: int           # index into LEVELS, for tasks that are not self-governed


@dataclass
class Edition:
    list: str
    place: str
    effective: datetime.date
    until: Optional[datetime.date]
    entries: Dict[str, dict] = field(default_factory=dict)  # task id -> entry


@st.composite
def rulebooks(draw):
    tasks = [Task(f"T-{i}", draw(st.booleans()), draw(st.integers(0, 2)))
             for i in range(draw(st.integers(1, 5)))]
    editions: List[Edition] = []
    seen = set()
    for _ in range(draw(st.integers(0, 10))):
        kind = draw(st.sampled_from(LISTS))
        place = draw(st.sampled_from(sorted(PLACES)))
        effective = draw(st.sampled_from(DATES))
        if (kind, place, effective) in seen:
            continue
        seen.add((kind, place, effective))
        until = draw(st.one_of(st.none(), st.sampled_from([d for d in DATES if d >= effective])))
        edition = Edition(kind, place, effective, until)
        for task in tasks:
            fits = (kind == "self_governance") == task.self_governed or kind == "negative"
            if not fits or not draw(st.booleans()):
                continue
            entry = {"id": f"{kind[0].upper()}-{task.id}"}
            if kind in ("power", "collaboration"):
                entry["owner"] = LEVELS[task.owner]
            if kind == "collaboration":
                below = LEVELS[task.owner + 1:]
                entry["assist"] = draw(st.lists(st.sampled_from(below), min_size=1, unique=True))
            if kind == "negative":
                entry["levels"] = draw(st.lists(st.sampled_from(LEVELS), min_size=1, unique=True))
            edition.entries[task.id] = entry
        editions.append(edition)
    return tasks, editions


def write(folder: Path, tasks: List[Task], editions: List[Edition]) -> None:
    (folder / "rulebook.yaml").write_text(RULEBOOK, encoding="utf-8")
    catalogue = "".join(f"  - {{id: {t.id}, name: 事项{t.id}}}\n" for t in tasks)
    (folder / "tasks.yaml").write_text(f"qingdan: 1\nkind: tasks\ntasks:\n{catalogue}", encoding="utf-8")
    for number, edition in enumerate(editions):
        lines = ["qingdan: 1", "kind: list", f"list: {edition.list}", f"version: v{number}",
                 f"effective: {edition.effective}"]
        if edition.place:
            lines.append(f"jurisdiction: 市/{edition.place}")
        if edition.until:
            lines.append(f"until: {edition.until}")
        lines.append("entries:" if edition.entries else "entries: []")
        for task, entry in edition.entries.items():
            parts = [f"id: {entry['id']}", f"task: {task}"]
            if "owner" in entry:
                parts.append(f"owner: {{level: {entry['owner']}}}")
            if "assist" in entry:
                parts.append(f"assist: [{', '.join(entry['assist'])}]")
            if "levels" in entry:
                parts.append(f"levels: [{', '.join(entry['levels'])}]")
            lines.append("  - {" + ", ".join(parts) + "}")
        (folder / f"list-{number}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def ancestry(place: str) -> List[str]:
    chain = []
    at: Optional[str] = place
    while at is not None:
        chain.append(at)
        at = PLACES[at]
    return chain  # most specific first


def in_force(editions: List[Edition], kind: str, place: str, day: datetime.date) -> Optional[Edition]:
    """docs/format.md §6.2: the latest edition effective on or before the day, unless it has expired."""
    candidates = [e for e in editions if e.list == kind and e.place == place and e.effective <= day]
    if not candidates:
        return None
    latest = max(candidates, key=lambda e: e.effective)
    return None if latest.until and latest.until < day else latest


def expected_answer(editions, task: Task, place: str, day) -> Tuple[str, Dict[str, str], set]:
    """docs/format.md §6.3 and §6.4 for entries by task id in one mode: (status, roles, applied
    entry ids)."""
    chosen = {}
    for kind in LISTS:
        for at in ancestry(place):
            edition = in_force(editions, kind, at, day)
            if edition and task.id in edition.entries:
                chosen[kind] = edition.entries[task.id]
                break
    roles: Dict[str, str] = {}
    if "self_governance" in chosen:
        roles["village"] = "self_governs"
    if "power" in chosen or "collaboration" in chosen:
        roles[LEVELS[task.owner]] = "owns"
    for level in chosen.get("collaboration", {}).get("assist", []):
        roles[level] = "assists"
    for level in chosen.get("negative", {}).get("levels", []):
        roles[level] = "forbidden"
    return ("listed" if chosen else "unlisted"), roles, {e["id"] for e in chosen.values()}


QUERIES = st.lists(st.tuples(st.integers(0, 4), st.sampled_from(sorted(PLACES)),
                             st.sampled_from(DATES + [d - datetime.timedelta(days=1) for d in DATES])),
                   min_size=1, max_size=12)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rulebooks(), QUERIES)
def test_answers_agree_with_the_spec_and_do_not_depend_on_the_load(rulebook, queries):
    tasks, editions = rulebook
    with tempfile.TemporaryDirectory() as folder:
        write(Path(folder), tasks, editions)
        first = qingdan.Rulebook.load(folder)
        second = qingdan.Rulebook.load(folder)
        assert first.fingerprint == second.fingerprint
        for index, place, day in queries:
            task = tasks[index % len(tasks)]
            jurisdiction = "市/" + place if place else None
            decision = first.owner(task.id, at=day, jurisdiction=jurisdiction)
            status, roles, entries = expected_answer(editions, task, place, day)
            assert decision.status == status
            assert decision.roles == roles  # so a forbidden level never keeps another role
            assert {entry.id for entry in decision.entries} == entries
            again = second.owner(task.id, at=day, jurisdiction=jurisdiction)
            assert again.to_json() == decision.to_json() == decision.to_json()


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(DATES), st.one_of(st.none(), st.integers(0, 400)))
def test_an_edition_is_in_force_exactly_within_its_dates(effective, days):
    until = None if days is None else effective + datetime.timedelta(days=days)
    task = Task("T-0", False, 1)
    edition = Edition("power", "", effective, until, {"T-0": {"id": "P-T-0", "owner": "district"}})
    with tempfile.TemporaryDirectory() as folder:
        write(Path(folder), [task], [edition])
        book = qingdan.Rulebook.load(folder)
        one_day = datetime.timedelta(days=1)
        assert book.owner("T-0", at=effective - one_day).status == "unlisted"
        assert book.owner("T-0", at=effective).status == "listed"
        if until is None:
            assert book.owner("T-0", at=effective + datetime.timedelta(days=3650)).status == "listed"
        else:
            assert book.owner("T-0", at=until).status == "listed"
            assert book.owner("T-0", at=until + one_day).status == "unlisted"


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_loading_arbitrary_bytes_raises_only_qingdan_errors(data):
    with tempfile.TemporaryDirectory() as folder:
        write(Path(folder), [Task("T-0", False, 1)], [])
        (Path(folder) / "fuzzed.yaml").write_bytes(data)
        try:
            qingdan.Rulebook.load(folder)
        except qingdan.Error as error:
            assert error.code and str(error)
        report = qingdan.lint(folder)
        assert report.to_json() == report.to_json()
