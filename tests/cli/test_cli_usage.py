"""The command line's own words: --help of the app and of every command in the user's
language."""

from __future__ import annotations

import re
import unicodedata

import pytest

from conftest import ROOT

COMMANDS = ["owner", "lint", "tasks", "check", "diff", "test", "compile", "read"]
CHINESE = {"LANG": "zh_CN.UTF-8"}

# What Chinese help and messages may hold in Latin letters besides option names and codes: what
# the user types or writes in a file as it stands (the program and its commands, the values of
# --lang and --format, the `kind` of a file, environment variables, file types, date formats)
# and the names of formats.
LITERALS = {"qingdan", *COMMANDS, "zh", "en", "text", "json", "sarif", "kind", "directive",
            "villages", "tests", "LC_ALL", "LC_MESSAGES", "LANG", "YYYY", "MM", "DD", "JSON",
            "HTML", "SARIF"}


def latin_words(text: str) -> list:
    """The Latin words left in `text` once option names (--rules, -h), codes (QU004), paths and
    file names (book.qds, .csv), quoted user input ('ownr'), the severity that starts every
    diagnostic in either language (`error: `) and LITERALS are taken out."""
    text = re.sub(r"(?m)^error: ", " ", text)
    text = re.sub(r"'[^']*'", " ", text)
    text = re.sub(r"\S*/\S*", " ", text)
    text = re.sub(r"[\w-]*\.(?:csv|yaml|qds)\b", " ", text)
    text = re.sub(r"(?<![\w-])--?[A-Za-z][\w-]*", " ", text)
    text = re.sub(r"\bQ[A-Z]\d+\b", " ", text)
    return [word for word in re.findall(r"[A-Za-z_]{2,}", text) if word not in LITERALS]


def has_chinese(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None


# Help ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [[], *([name] for name in COMMANDS)], ids=["qingdan", *COMMANDS])
@pytest.mark.parametrize("how", ["--lang zh", "--lang zh after", "--lang=zh", "LANG=zh_CN.UTF-8"])
def test_help_in_chinese_has_no_english_word(run, command, how):
    if how == "LANG=zh_CN.UTF-8":
        result = run(*command, "--help", locale=CHINESE)
    elif how == "--lang zh after":
        result = run(*command, "--help", "--lang", "zh")
    else:
        result = run(*how.split(), *command, "--help")
    assert result.returncode == 0, result.stderr
    assert has_chinese(result.stdout)
    assert latin_words(result.stdout) == [], result.stdout
    for heading in ("用法:", "选项:"):
        assert heading in result.stdout
    assert "显示本帮助并退出" in result.stdout


def test_chinese_help_names_the_parts_in_chinese(run):
    top = run("--help", "--lang", "zh").stdout
    assert "[选项] 命令" in top and "\n命令:\n" in top and "显示程序版本并退出" in top
    owner = run("owner", "--help", "--lang", "zh").stdout
    assert "[选项] 任务" in owner
    assert "\n参数:\n  任务 文本 必需" in owner
    assert "--rules 文本 必需" in owner
    read = run("read", "--help", "--lang", "zh").stdout
    assert "--read-as 数=0.4" in read and "--candidates 整数=5" in read


@pytest.mark.parametrize("command", [[], *([name] for name in COMMANDS)], ids=["qingdan", *COMMANDS])
def test_help_in_english_stays_english(run, command):
    result = run(*command, "--help")
    assert result.returncode == 0
    assert not has_chinese(result.stdout), result.stdout
    assert "Usage:" in result.stdout and "Options:" in result.stdout
    assert "Print this help message and exit" in result.stdout
    assert run(*command, "--help", "--lang", "en", locale=CHINESE).stdout == result.stdout


def test_help_lists_the_options_under_one_heading(run):
    """A command's -h,--help is listed with its other options, not under a heading of its own."""
    for language in ("en", "zh"):
        text = run("check", "--help", "--lang", language).stdout
        assert text.count("Options:" if language == "en" else "选项:") == 1, text


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_chinese_help_keeps_its_descriptions_in_one_column(run):
    text = run("check", "--help", "--lang", "zh").stdout
    lines = [line for line in text.splitlines() if line.startswith("  ")]
    assert len(lines) == 11  # the directives and ten options
    for line in lines:
        name_and_gap = re.match(r"  \S.*?\S {2,}", line)
        assert name_and_gap and display_width(name_and_gap.group(0)) == 30, line
