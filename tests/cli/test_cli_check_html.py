"""The HTML report of `qingdan check --html` against hostile text: every string a user's files
give, in the rulebook, the directive and the village file, is put in turn to each hostile payload;
the report, read by a real HTML tokenizer, must have no element or attribute that the report's own
template does not write, and the payload must come out as text."""

from __future__ import annotations

import csv
import json
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from string import Template
from typing import Dict, List, Set, Tuple

import pytest

PAYLOADS = [
    "</script><script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)> & 'single' &amp; &#60;",
    "javascript:alert(document.cookie)",
    "<svg onload=alert(1)>\u2028\u2029<!-- <a href=javascript:alert(1)>x</a>",
]

# The rulebook, directive and villages, with a $placeholder for every string a user gives. A
# placeholder used in several places (an id and the references to it) is one value everywhere.
RULEBOOK = """\
qingdan: 1
kind: rulebook
name: $rulebook_name
description: $rulebook_description
levels:
  - {id: $city_level, name: $city_level_name}
  - {id: $village_level, name: $village_level_name}
modes: [$mode, $other_mode]
jurisdictions:
  $city:
    $village: {}
    $other_village: {}
"""

TASKS = """\
qingdan: 1
kind: tasks
tasks:
  - {id: $task_id, name: $task_name, aliases: [$task_alias], category: $task_category, note: $task_note}
  - {id: $forbidden_task_id, name: $forbidden_task_name}
  - {id: $owned_task_id, name: $owned_task_name}
"""

COLLABORATION = """\
qingdan: 1
kind: list
list: collaboration
jurisdiction: $city
version: $collaboration_version
effective: 2020-01-01
title: $collaboration_title
source: $collaboration_source
entries:
  - id: $collaboration_entry
    task: $task_id
    owner: {level: $city_level, department: $collaboration_department}
    assist: [$village_level]
    requires: [funding, approval]
    max_per_month: 1
    modes: [$mode]
    basis: $collaboration_basis
    note: $collaboration_note
"""

NEGATIVE = """\
qingdan: 1
kind: list
list: negative
version: $negative_version
effective: 2020-01-01
title: $negative_title
entries:
  - {id: $negative_entry, task: $forbidden_task_id, levels: [$village_level], basis: $negative_basis}
"""

POWER = """\
qingdan: 1
kind: list
list: power
version: $power_version
effective: 2020-01-01
entries:
  - {id: $power_entry, task: $owned_task_id, owner: {level: $city_level, department: $power_department}}
"""

DIRECTIVE = """\
qingdan: 1
kind: directive
id: $directive_id
title: $directive_title
issuer: {level: $city_level, department: $issuer_department}
issued: 2024-01-01
jurisdiction: $city
mode: $mode
note: $directive_note
items:
  - task: $task_id
    to: $village_level
    frequency: daily
    effort_hours: 40
    note: $item_note
    form: {name: $form_name, fields: [$form_field, $other_form_field]}
  - {task: $forbidden_task_name, frequency: monthly, effort_hours: 1}
  - {task: $owned_task_id, frequency: monthly, effort_hours: 1}
  - {task: $unknown_task, frequency: monthly, effort_hours: 1}
  - task: $task_alias
    frequency: monthly
    effort_hours: 1
    form: {name: $other_form_name, fields: [$form_field, $other_form_field]}
"""

DEFAULTS = {
    "rulebook_name": "测试规则库", "rulebook_description": "说明",
    "city_level": "city", "city_level_name": "市",
    "village_level": "village", "village_level_name": "村居",
    "mode": "normal", "other_mode": "emergency",
    "city": "某市", "village": "甲村", "other_village": "乙村",
    "task_id": "T-1", "task_name": "协助事项", "task_alias": "协助别名", "task_category": "类别",
    "task_note": "备注",
    "forbidden_task_id": "T-2", "forbidden_task_name": "禁止事项",
    "owned_task_id": "T-3", "owned_task_name": "市级事项",
    "collaboration_version": "2020", "collaboration_title": "协助清单",
    "collaboration_source": "来源", "collaboration_entry": "X-1",
    "collaboration_department": "市民政局", "collaboration_basis": "依据一",
    "collaboration_note": "备注",
    "negative_version": "2020n", "negative_title": "负面清单", "negative_entry": "N-1",
    "negative_basis": "依据二",
    "power_version": "2020p", "power_entry": "P-1", "power_department": "市公安局",
    "directive_id": "D-1", "directive_title": "通知", "issuer_department": "市办",
    "directive_note": "备注", "item_note": "备注", "unknown_task": "没有的事项",
    "form_name": "登记表", "other_form_name": "登记表", "form_field": "姓名",
    "other_form_field": "电话",
    "village_jurisdiction_note": "备注",
    "directive_file": "directive", "villages_file": "villages",
}

# The fields whose text the report shows (the others are read, checked and not shown): where
# the payload goes into one of these, it must be in the report's text.
SHOWN = {
    "city_level", "village_level", "village_level_name", "mode", "city", "village", "task_id",
    "task_name", "forbidden_task_id", "forbidden_task_name", "owned_task_id", "owned_task_name",
    "collaboration_version", "collaboration_entry", "collaboration_basis", "negative_version",
    "negative_entry", "negative_basis", "power_department", "directive_id", "directive_title",
    "unknown_task", "form_name", "other_form_name", "form_field", "other_form_field",
    "directive_file", "villages_file",
}

# File names: a payload with '/' or NUL cannot name a file, so those are not tried.
FILE_NAMES = {"directive_file", "villages_file"}


def yaml_text(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(value)


def write_case(folder: Path, values: Dict[str, str]) -> Tuple[Path, Path, Path]:
    rules = folder / "rules"
    rules.mkdir(parents=True)
    quoted = {name: yaml_text(value) for name, value in values.items()}
    for name, template in (("rulebook.yaml", RULEBOOK), ("tasks.yaml", TASKS),
                           ("collaboration.yaml", COLLABORATION), ("negative.yaml", NEGATIVE),
                           ("power.yaml", POWER)):
        (rules / name).write_text(Template(template).substitute(quoted), encoding="utf-8")
    directive = folder / (values["directive_file"] + ".yaml")
    directive.write_text(Template(DIRECTIVE).substitute(quoted), encoding="utf-8")
    villages = folder / (values["villages_file"] + ".csv")
    with villages.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["jurisdiction", "staff", "baseline_hours", "note"])
        for village in ("village", "other_village"):
            writer.writerow([values["city"] + "/" + values[village], 1, 150,
                             values["village_jurisdiction_note"]])
    return rules, directive, villages


class Page(HTMLParser):
    """What a browser's tokenizer sees: the elements with their attributes, and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Set[Tuple[str, Tuple[str, ...]]] = set()
        self.attributes: List[Tuple[str, str, str]] = []
        self.text: List[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add((tag, tuple(sorted(name for name, _ in attrs))))
        self.attributes += [(tag, name, value or "") for name, value in attrs]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def report(run, folder: Path, values: Dict[str, str]):
    rules, directive, villages = write_case(folder, values)
    html = folder / "report.html"
    result = run("check", str(directive), "--rules", str(rules), "--villages", str(villages),
                 "--html", str(html))
    return result, html


@pytest.fixture(scope="module")
def template_page(tmp_path_factory, cli) -> Page:
    """The report of the fixture as given: every element and attribute the template writes."""
    folder = tmp_path_factory.mktemp("template")
    rules, directive, villages = write_case(folder, DEFAULTS)
    html = folder / "report.html"
    result = subprocess.run([cli, "check", str(directive), "--rules", str(rules), "--villages",
                             str(villages), "--html", str(html), "--json"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    codes = {finding["code"] for finding in json.loads(result.stdout)["findings"]}
    # The fixture reaches every kind of finding that names user text.
    assert {"QD001", "QD002", "QD003", "QD004", "QD005", "QD007", "QD008", "QD010"} <= codes
    return parse(html.read_text(encoding="utf-8"))


def test_the_template_writes_no_script_and_forbids_it(template_page):
    assert not any(tag == "script" for tag, _ in template_page.tags)
    policies = [value for tag, name, value in template_page.attributes
                if tag == "meta" and name == "content" and "default-src" in value]
    assert policies == ["default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; "
                        "img-src data:; base-uri 'none'; form-action 'none'"]


@pytest.mark.parametrize("field", sorted(DEFAULTS))
def test_hostile_text_in_any_field_stays_text(run, tmp_path, template_page, field):
    shown_once = False
    for number, payload in enumerate(PAYLOADS):
        if field in FILE_NAMES and ("/" in payload or "\0" in payload):
            continue
        values = dict(DEFAULTS, **{field: payload})
        result, html = report(run, tmp_path / str(number), values)
        if result.returncode == 2:
            # Refused: an error with a position and a code, and no report.
            assert ": error: " in result.stderr and "[Q" in result.stderr, result.stderr
            assert not html.exists()
            continue
        assert result.returncode == 1, result.stderr
        page = parse(html.read_text(encoding="utf-8"))
        for tag, names in page.tags:
            assert tag != "script"
            assert not any(name.startswith("on") for name in names), (tag, names)
        assert page.tags <= template_page.tags, page.tags - template_page.tags
        for tag, name, value in page.attributes:
            assert name not in ("href", "src", "xlink:href", "action", "formaction"), (tag, name)
            assert "javascript:" not in value.lower(), (tag, name, value)
        if field in SHOWN:
            assert payload in "".join(page.text), payload
            shown_once = True
    if field in SHOWN:
        assert shown_once, "every payload was refused"
