"""Kinds of place (街道 and 镇, 村 and 居) and illustrative editions, from Python."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

import qingdan

RULEBOOK = """qingdan: 1
kind: rulebook
levels:
  - {id: city, name: 市}
  - {id: district, name: 区}
  - {id: town, name: 街镇}
  - {id: village, name: 村居}
kinds:
  - {id: street, name: 街道, level: town, suffixes: [街道]}
  - {id: township, name: 镇, level: town, suffixes: [镇]}
jurisdictions:
  上海市:
    青浦区:
      夏阳街道: {}
      练塘镇:
        徐练村: {}
"""

TASKS = """qingdan: 1
kind: tasks
tasks:
  - {id: FD-01, name: 招商引资任务指标}
"""

NEGATIVE = """qingdan: 1
kind: list
list: negative
version: "2024"
effective: 2024-01-01
illustrative: true
entries:
  - {id: N-02, task: FD-01, kinds: [街道], levels: [town, village]}
  - {id: N-02a, task: FD-01, kinds: [镇], levels: [village]}
"""


POWER = """qingdan: 1
kind: list
list: power
version: "2024"
effective: 2024-01-01
entries:
  - {id: P-01, task: FD-01, kinds: [镇], owner: {level: town}}
"""


@pytest.fixture
def book(tmp_path: Path) -> qingdan.Rulebook:
    for name, text in {"rulebook.yaml": RULEBOOK, "tasks.yaml": TASKS,
                       "negative.yaml": NEGATIVE, "power.yaml": POWER}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return qingdan.Rulebook.load(str(tmp_path))


def test_street_and_town_answer_differently(book):
    street = book.owner("招商引资任务指标", at=datetime.date(2025, 1, 1), jurisdiction="夏阳街道")
    town = book.owner("FD-01", at=datetime.date(2025, 1, 1), jurisdiction="练塘镇")
    assert street.roles == {"town": "forbidden", "village": "forbidden"}
    assert town.roles == {"town": "owns", "village": "forbidden"}
    assert town.place_kinds == ["township"]
    assert street.place_kinds == ["street"]
    assert [entry.id for entry in town.entries] == ["P-01", "N-02a"]
    skipped = json.loads(town.to_json(language="zh"))["considered"][1]
    assert skipped["id"] == "N-02"
    assert skipped["verdict"] == "other_kind"
    assert skipped["reason"] == "只适用于类别为 街道（street） 的地方，上海市/青浦区/练塘镇 属于 镇（township）"


def test_above_the_kinds_the_answer_says_it_differs_below(book):
    district = book.owner("FD-01", at=datetime.date(2025, 1, 1), jurisdiction="青浦区")
    assert district.status == "unlisted"
    assert district.differs_below is True
    assert district.explain(language="zh")[-1] == (
        "注意：上海市/青浦区 之下答案可能因地而异：P-01、N-02、N-02a 只适用于其中某些类别的地方；请按具体地方查询")
    assert district.place_kinds == []
    town = book.owner("FD-01", at=datetime.date(2025, 1, 1), jurisdiction="练塘镇")
    assert town.differs_below is False


def test_illustrative_edition_is_said(book):
    decision = book.owner("FD-01", at=datetime.date(2025, 1, 1), jurisdiction="徐练村")
    assert decision.illustrative is True
    assert [entry.illustrative for entry in decision.entries] == [False, True]
    assert decision.explain(language="zh")[-1] == (
        "注意：本答案所依据的 N-02a 出自示例版本（重构的示例，并非正式公布的清单文本）")


def test_district_directive_is_judged_per_kind(book):
    directive = qingdan.Directive.from_dict({
        "qingdan": 1, "kind": "directive", "id": "D-1", "issued": datetime.date(2025, 3, 1),
        "jurisdiction": "青浦区",
        "items": [{"task": "FD-01", "to": "街镇", "frequency": "once", "effort_hours": 2}],
    })
    report = book.check([directive])
    assert [f.code for f in report.findings] == ["QD001"]
    assert report.illustrative is True
    assert report.findings[0].message.endswith("(only in street (街道): 夏阳街道)")
    assert "注意：本次核查所依据的清单版本是示例" in report.to_text(language="zh")


def test_a_diff_above_the_kinds_names_what_differs_below(book):
    district = book.diff("2023-01-01", "2025-01-01", jurisdiction="青浦区", level="town")
    assert [task.id for task in district.differ_below] == ["FD-01"]
    assert district.to_dict()["differ_below"][0]["id"] == "FD-01"
    street = book.diff("2023-01-01", "2025-01-01", jurisdiction="夏阳街道", level="town")
    assert street.differ_below == []
    assert [change.kind for change in street.changes] == ["newly forbidden"]
