"""Rulebook.owners returns a Decisions sequence: decisions made when read, and columns."""

from __future__ import annotations

import collections.abc

import pytest

import qingdan
from conftest import QINGPU

QUESTION = dict(at="2022-04-15", jurisdiction="徐练村", mode="emergency")


@pytest.fixture(scope="module")
def book() -> qingdan.Rulebook:
    return qingdan.Rulebook.load(str(QINGPU))


@pytest.fixture(scope="module")
def texts(book) -> list[str]:
    tasks = book.find_tasks()
    return [t.id for t in tasks] + [t.name for t in tasks] + ["無此事項", "核酸筛查", ""]


def test_columns_equal_the_single_decisions(book, texts):
    batch = book.owners(texts, **QUESTION)
    singles = [book.owner(text, **QUESTION) for text in texts]
    assert len(batch) == len(texts)
    assert batch.statuses == [d.status for d in singles]
    assert batch.owner_levels == [d.owner.level if d.owner else None for d in singles]
    assert batch.task_ids == [d.task.id if d.task else None for d in singles]
    for level, _ in book.levels:
        assert batch.roles_of(level) == [d.roles.get(level) for d in singles]
    assert {"listed", "unlisted", "unknown"} <= set(batch.statuses)
    assert {"owns", "assists", "forbidden"} <= set(
        role for level, _ in book.levels for role in batch.roles_of(level) if role
    )


def test_each_decision_is_the_full_decision(book, texts):
    batch = book.owners(texts, **QUESTION)
    for text, decision in zip(texts, batch):
        single = book.owner(text, **QUESTION)
        assert decision.query == text
        assert decision.to_json() == single.to_json()
        assert decision.explain() == single.explain()
        assert (decision.jurisdiction, decision.mode, decision.at) == (
            single.jurisdiction,
            single.mode,
            single.at,
        )


def test_is_a_sequence_with_negative_indexes_and_slices(book):
    batch = book.owners(iter(["HS-01", "ZM-01", "无此事项"]), at="2024-09-01")
    assert isinstance(batch, collections.abc.Sequence)
    assert batch[-1].query == "无此事项" and batch[-1].status == "unknown"
    assert [d.query for d in batch[::2]] == ["HS-01", "无此事项"]
    assert [d.query for d in reversed(batch)] == ["无此事项", "ZM-01", "HS-01"]
    with pytest.raises(IndexError):
        batch[3]
    with pytest.raises(IndexError):
        batch[-4]
    assert len(book.owners([])) == 0


def test_one_date_for_the_whole_batch(book):
    batch = book.owners(["HS-01", "ZM-01"])
    assert batch[0].at == batch[1].at


def test_bad_input(book):
    with pytest.raises(TypeError, match=r"tasks\[1\] must be str, not int"):
        book.owners(["HS-01", 7])
    with pytest.raises(qingdan.Error, match="unknown level 'vilage'.*did you mean 'village'"):
        book.owners(["HS-01"]).roles_of("vilage")
    with pytest.raises(qingdan.Error) as raised:
        book.owners(["HS-01"], jurisdiction="火星")
    assert "火星" in str(raised.value)


def test_decisions_outlive_the_rulebook_and_the_list():
    texts = ["HS-01", "核酸筛查"]
    batch = qingdan.Rulebook.load(str(QINGPU)).owners(texts, **QUESTION)
    texts.clear()
    single = qingdan.Rulebook.load(str(QINGPU)).owner("HS-01", **QUESTION)
    assert batch[0].to_json() == single.to_json()
    assert batch[1].owner.level == "district"
