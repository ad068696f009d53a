"""Under Chinese (--lang zh or a zh locale), what every command prints for people holds no English
word: only codes, ids, paths, option names and the names of formats stay in Latin letters."""

from __future__ import annotations

import html.parser
import re

import pytest

from conftest import QINGPU, ROOT
from test_cli_usage import latin_words

CHINESE = {"LANG": "zh_CN.UTF-8"}
VILLAGES = ROOT / "examples" / "villages" / "qingpu.csv"
LOCKDOWN = ROOT / "examples" / "directives" / "lockdown-2022.yaml"
# The ids of the Qingpu rulebook's levels and modes: ids stay as written, beside their names.
IDS = {"city", "district", "town", "village", "normal", "emergency"}
# Latin words inside the names the rule files give (FD-04 政务App打卡签到…): printed as written.
NAMED = {"App"}

COMMANDS = {
    "owner --explain": ["owner", "核酸筛查", "--rules", str(QINGPU), "--at", "2022-04-15",
                        "--in", "徐练村", "--explain"],
    "owner unknown": ["owner", "开具证明", "--rules", str(QINGPU)],
    "check": ["check", str(LOCKDOWN), "--rules", str(QINGPU), "--villages", str(VILLAGES)],
    "check --all": ["check", str(LOCKDOWN), "--rules", str(QINGPU), "--villages", str(VILLAGES),
                    "--all"],
    "lint": ["lint", str(QINGPU)],
    "diff": ["diff", "--rules", str(QINGPU), "--from", "2022-06-01", "--to", "2024-09-01",
             "--in", "徐练村", "--level", "村"],
    "test": ["test", str(QINGPU), "--verbose"],
    "tasks": ["tasks", "证明", "--rules", str(QINGPU)],
    "read": ["read", "开具证明", "做好防汛", "--rules", str(QINGPU)],
}


def english_left(text: str) -> list:
    """Latin words beyond those latin_words allows, task and entry ids (HS-01, QP-FKB-2022-031,
    X-07) and the level and mode ids."""
    text = re.sub(r"\b[A-Z][A-Za-z]*(?:-[A-Za-z0-9]+)*-\d[\w-]*", " ", text)
    text = re.sub(r"\b[0-9a-f]{64}\b", " ", text)  # fingerprints
    return [word for word in latin_words(text) if word not in IDS | NAMED]


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("how", ["--lang", "locale"])
def test_what_a_command_prints_is_chinese(run, name, how):
    args = COMMANDS[name]
    result = run(*args, "--lang", "zh") if how == "--lang" else run(*args, locale=CHINESE)
    assert result.returncode in (0, 1), result.stderr
    assert re.search(r"[\u4e00-\u9fff]", result.stdout)
    assert english_left(result.stdout) == [], result.stdout


class TextOfPage(html.parser.HTMLParser):
    """The text a reader sees: element text and title/tooltips, not tags, styles or classes."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        self.in_style = False

    def handle_data(self, data):
        if not self.in_style:
            self.parts.append(data)


def test_the_html_report_is_chinese(run, tmp_path):
    page = tmp_path / "report.html"
    result = run("check", str(LOCKDOWN), "--rules", str(QINGPU), "--villages", str(VILLAGES),
                 "--html", str(page), "--lang", "zh")
    assert result.returncode == 1, result.stderr
    text = page.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in text
    reader = TextOfPage()
    reader.feed(text)
    assert english_left("\n".join(reader.parts)) == []
    english = tmp_path / "english.html"
    run("check", str(LOCKDOWN), "--rules", str(QINGPU), "--villages", str(VILLAGES),
        "--html", str(english), "--lang", "en")
    assert '<html lang="en">' in english.read_text(encoding="utf-8")
    assert "Findings" in english.read_text(encoding="utf-8")
