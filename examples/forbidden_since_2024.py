"""Notebook-style: which tasks did the 2022 directives push down to each village that the 2024
lists now forbid? Run it whole (python examples/forbidden_since_2024.py), or cell by cell (# %%)
in an editor that runs cells."""

# %% The rulebook, the villages and the directives of 2022
import datetime
from collections import defaultdict
from pathlib import Path

import qingdan

book = qingdan.Rulebook.load("rules/shanghai-qingpu")
villages = [line.split(",")[0] for line in Path("rules/shanghai-qingpu/villages.csv").read_text(
    encoding="utf-8").splitlines()[1:]]
directives_2022 = [d for d in (qingdan.Directive.load(str(f)) for f in sorted(Path("examples/directives").glob("*.yaml")))
                   if d.issued.year == 2022]
BEFORE, AFTER = datetime.date(2022, 6, 1), datetime.date(2024, 9, 1)


# %% What each directive of 2022 sent to the village level, and where
def pushed_down(village: str) -> dict:
    """task id -> the directive items of 2022 that sent it to `village`."""
    tasks = defaultdict(list)
    for directive in directives_2022:
        if not village.startswith(book.jurisdiction_path(directive.jurisdiction) + "/"):
            continue
        for index, item in enumerate(directive.items, 1):
            decision = book.owner(item.task, at=directive.issued, jurisdiction=village, mode=directive.mode)
            if decision.task and item.to in ("", "village"):
                tasks[decision.task.id].append(f"{directive.id} item {index}")
    return tasks


# %% The diff between the lists in force in mid-2022 and after the 2024 rules, per village
def now_forbidden(village: str) -> dict:
    """task id -> the change for tasks that the village may no longer be given."""
    diff = book.diff(BEFORE, AFTER, jurisdiction=village, level="village")
    return {change.task.id: change for change in diff.changes if change.after == "forbidden"}


# %% Per village: pushed down in 2022 and forbidden since; villages with the same answer together
answers = defaultdict(list)
for village in villages:
    forbidden = now_forbidden(village)
    rows = []
    for task, items in sorted(pushed_down(village).items()):
        if task in forbidden:
            change = forbidden[task]
            entries = ", ".join(f"{e.list} {e.id} ({e.edition})" for e in change.entries_after)
            rows.append(f"  {task} {change.task.name}: {change.before or 'no role'} → forbidden by {entries};"
                        f" pushed down by {', '.join(items)}")
    answers[tuple(rows)].append(village)

print(f"Tasks pushed down to villages in 2022 that the lists forbid from {AFTER}:")
for rows, places in answers.items():
    print(f"{len(places)} villages ({', '.join(p.rsplit('/', 1)[1] for p in places)}):")
    print("\n".join(rows) if rows else "  none")
