"""The shipped rulebooks: lint-clean, their own rule-author tests pass with coverage, the sizes
the Qingpu example promises, and a province derived from the national template."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import qingdan
from conftest import QINGPU, ROOT

NATIONAL = ROOT / "rules" / "national-village"


def list_files(folder: Path):
    return sorted((folder / "lists").glob("*.yaml"))


def entry_count(file: Path) -> int:
    return sum(1 for line in file.read_text(encoding="utf-8").splitlines() if line.startswith("  - id:"))


@pytest.mark.parametrize("folder", [QINGPU, NATIONAL], ids=["shanghai-qingpu", "national-village"])
def test_rulebook_is_lint_clean_and_passes_its_own_tests(folder):
    assert qingdan.lint(str(folder)).diagnostics == []
    run = qingdan.test(str(folder))
    assert run.failed == 0, [case.name for case in run.cases if not case.passed]
    assert run.coverage >= 0.8


@pytest.mark.parametrize("folder", [QINGPU, NATIONAL], ids=["shanghai-qingpu", "national-village"])
def test_every_edition_names_its_title_and_source(folder):
    for file in list_files(folder):
        keys = {line.split(":", 1)[0] for line in file.read_text(encoding="utf-8").splitlines()}
        assert {"title", "source"} <= keys, file.name


def test_qingpu_lists_have_the_sizes_of_a_real_example():
    sizes = {file.stem: entry_count(file) for file in list_files(QINGPU)}
    assert sizes["power-2024"] >= 40
    assert sizes["self-governance-2024"] >= 25
    assert sizes["collaboration-2024"] >= 40
    assert sizes["negative-2024"] >= 15
    book = qingdan.Rulebook.load(str(QINGPU))
    certificates = [task for task in book.find_tasks("开具 证明") if task.category == "证明事项"]
    assert len(certificates) == 20
    for task in certificates:
        assert book.owner(task.id, at="2025-01-01", jurisdiction="徐练村").roles["village"] == "forbidden"


def test_qingpu_epidemic_items_apply_only_in_the_2022_emergency():
    book = qingdan.Rulebook.load(str(QINGPU))
    for task in ("核酸筛查", "抗原发放与回收", "物资保供", "敲门行动", "涉疫工单"):
        lockdown = book.owner(task, at="2022-04-15", jurisdiction="徐练村", mode="emergency")
        assert lockdown.roles["village"] == "assists", task
        assert book.owner(task, at="2022-04-15", jurisdiction="徐练村").status == "unlisted", task
        # The district's epidemic items end with the emergency regime (2023-01-07); a later
        # emergency is judged by the standing emergency edition of 上海市 (category 疫情防控),
        # never by the 2022 items; in normal mode nothing applies.
        later = book.owner(task, at="2025-01-01", jurisdiction="徐练村", mode="emergency")
        if task == "涉疫工单":
            assert later.status == "unlisted"
        else:
            assert [e.id for e in later.entries] == ["E-01"], task
        assert book.owner(task, at="2025-01-01", jurisdiction="徐练村").status == "unlisted", task


def test_a_province_derived_from_the_national_template(tmp_path):
    province = tmp_path / "province"
    shutil.copytree(NATIONAL, province)
    (province / "tasks-province.yaml").write_text(
        "qingdan: 1\nkind: tasks\ntasks:\n  - {id: SX-01, name: 出具在职党员到居住地报到反馈, category: 允许出具的证明}\n",
        encoding="utf-8")
    (province / "lists" / "province-self-governance-2023.yaml").write_text(
        "qingdan: 1\nkind: list\nlist: self_governance\njurisdiction: 示例省\nversion: '2023'\n"
        "effective: 2023-06-26\ntitle: 示例省村级组织可以出具的证明\nsource: 示例\n"
        "entries:\n  - {id: SX-S1, task: SX-01}\n", encoding="utf-8")
    (province / "lists" / "province-collaboration-2023.yaml").write_text(
        "qingdan: 1\nkind: list\nlist: collaboration\njurisdiction: 示例省\nversion: '2023'\n"
        "effective: 2023-06-26\ntitle: 示例省协助事项调整\nsource: 示例\n"
        "entries:\n  - {id: SX-C1, task: XZ-06, owner: {level: county, department: 县统计局}, assist: [town]}\n",
        encoding="utf-8")
    assert qingdan.lint(str(province)).diagnostics == []
    book = qingdan.Rulebook.load(str(province))
    # The template's own expectations show the province what it changed: only the national case
    # for the item it took over fails, and only from the day its edition takes effect.
    run = qingdan.test(str(province))
    assert [case.name for case in run.cases if not case.passed] == ["人口普查入户登记：县统计局负责，村协助（2025年）"]

    own = book.owner("SX-01", at="2024-01-01", jurisdiction="示例村")
    assert own.roles == {"village": "self_governs"} and [e.id for e in own.entries] == ["SX-S1"]
    overridden = book.owner("XZ-06", at="2024-01-01", jurisdiction="示例村")
    assert overridden.roles == {"county": "owns", "town": "assists"}
    assert [e.id for e in overridden.entries] == ["SX-C1"]
    national = book.owner("XZ-05", at="2024-01-01", jurisdiction="示例村")
    assert [e.id for e in national.entries] == ["X-05"]
    assert book.owner("LZ-01", at="2024-01-01", jurisdiction="示例村").roles == {"village": "self_governs"}
