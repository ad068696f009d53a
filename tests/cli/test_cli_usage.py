"""The command line's own words: --help of every command and CLI11's usage errors in the user's
language, a JSON error on stdout for a command asked for JSON, and --warn-at as a share or a
percentage."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from conftest import QINGPU, ROOT, make_rulebook

COMMANDS = ["owner", "lint", "tasks", "check", "diff", "test", "compile", "read", "approvals",
            "ledger", "serve", "replay"]
ROUTINE = ROOT / "examples" / "directives" / "social-assistance-2025.yaml"
VILLAGES = ROOT / "examples" / "villages" / "qingpu.csv"
CHINESE = {"LANG": "zh_CN.UTF-8"}

# What Chinese help and messages may hold in Latin letters besides option names and codes: what
# the user types or writes in a file as it stands (the program and its commands, the values of
# --lang and --format, the `kind` of a file, environment variables, file types, date formats)
# and the names of formats.
LITERALS = {"qingdan", *COMMANDS, "zh", "en", "text", "json", "sarif", "kind", "directive",
            "villages", "tests", "LC_ALL", "LC_MESSAGES", "LANG", "YYYY", "MM", "DD", "JSON",
            "HTML", "SARIF", "HTTP", "SHA", "hash", "POST"}


def latin_words(text: str) -> list:
    """The Latin words left in `text` once option names (--rules, -h), codes (QU004), paths and
    file names (book.qds, .csv), quoted user input ('ownr') and LITERALS are taken out."""
    text = re.sub(r"'[^']*'", " ", text)
    text = re.sub(r"\S*/\S*", " ", text)
    text = re.sub(r"[\w-]*\.(?:csv|xlsx|yaml|qds)\b", " ", text)
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
    assert len(lines) == 12  # the directives and eleven options
    for line in lines:
        name_and_gap = re.match(r"  \S.*?\S {2,}", line)
        assert name_and_gap and display_width(name_and_gap.group(0)) == 30, line


# Usage errors ----------------------------------------------------------------------------------

USAGE_ERRORS = [
    ([], "error: a command is needed: owner, lint, tasks, check, diff, test, compile, read, "
     "approvals, ledger, serve, replay [QU004]",
     "错误：需要一个命令：owner、lint、tasks、check、diff、test、compile、read、approvals、ledger、"
     "serve、replay [QU004]"),
    (["ownr", "x"],
     "error: unknown command 'ownr' (did you mean 'owner'?); the commands are owner, lint, tasks, "
     "check, diff, test, compile, read, approvals, ledger, serve, replay [QU004]",
     "错误：未知的命令 'ownr'（是否想写 'owner'？）；命令有 owner、lint、tasks、check、diff、test、"
     "compile、read、approvals、ledger、serve、replay [QU004]"),
    (["owner", "x", "--rule", "R"],
     "error: qingdan owner has no option '--rule' (did you mean '--rules'?) [QU004]",
     "错误：qingdan owner 没有选项 '--rule'（是否想写 '--rules'？） [QU004]"),
    (["owner", "x"], "error: --rules is required [QU004]", "错误：需要 --rules [QU004]"),
    (["owner", "--rules", "r"], "error: task is required [QU004]", "错误：需要给出任务 [QU004]"),
    (["owner", "x", "--rules"], "error: --rules needs a value [QU004]",
     "错误：--rules 后面要跟一个值 [QU004]"),
    (["owner", "x", "--rules", "r", "--rules", "s"], "error: --rules is given more than once [QU004]",
     "错误：--rules 只能给一次 [QU004]"),
    (["owner", "x", "y", "--rules", "r"], "error: qingdan owner does not take the argument 'y' [QU004]",
     "错误：qingdan owner 不接受多余的参数 'y' [QU004]"),
    (["tasks", "--rulez", "r"], "error: qingdan tasks has no option '--rulez' (did you mean '--rules'?) [QU004]",
     "错误：qingdan tasks 没有选项 '--rulez'（是否想写 '--rules'？） [QU004]"),
    (["--verbose", "test", "r"],
     "error: --verbose is an option of qingdan test: give it after the command's name [QU004]",
     "错误：--verbose 是 qingdan test 的选项，应写在命令名之后 [QU004]"),
    (["--rulez", "tasks"], "error: qingdan tasks has no option '--rulez' (did you mean '--rules'?) [QU004]",
     "错误：qingdan tasks 没有选项 '--rulez'（是否想写 '--rules'？） [QU004]"),
    (["lint", "r", "--json=maybe"], "error: --json cannot be 'maybe' [QU004]",
     "错误：--json 不能是 'maybe' [QU004]"),
    (["lint", "r", "--format", "xml"], "error: --format must be text, json or sarif, found 'xml' [QU004]",
     "错误：--format 必须是 text、json 或 sarif，这里是 'xml' [QU004]"),
    (["lint", "r", "--lang", "fr"], "error: --lang must be zh or en, found 'fr' [QU004]",
     "错误：--lang 必须是 zh 或 en，这里是 'fr' [QU004]"),
    (["read", "x", "--rules", "r", "--candidates", "2.5"],
     "error: --candidates must be a whole number from 1 to 50, found 2.5 [QU003]",
     "错误：--candidates 必须是 1 到 50 之间的整数，这里是 2.5 [QU003]"),
    (["test", "r", "--min-coverage", "80"],
     "error: --min-coverage must be a share from 0 to 1 or a percentage from 0% to 100%, found 80; "
     "did you mean 0.8 (80%)? [QU003]",
     "错误：--min-coverage 必须是 0 到 1 之间的比例或 0% 到 100% 之间的百分数，这里是 80；"
     "是否想写 0.8（即 80%）？ [QU003]"),
]


@pytest.mark.parametrize("args, english, chinese", USAGE_ERRORS, ids=lambda value: " ".join(value)
                         if isinstance(value, list) else None)
def test_usage_errors_in_english_and_chinese(run, args, english, chinese):
    result = run(*args)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines()[0] == english
    result = run(*args, locale=CHINESE)
    assert (result.returncode, result.stdout) == (2, "")
    first, *rest = result.stderr.splitlines()
    assert first == chinese
    assert latin_words(result.stderr) == [], result.stderr
    if rest:  # the pointer to the help, as CLI11's "Run with --help for more information."
        assert re.fullmatch(r"运行 'qingdan( \w+)? --help' 查看用法。", rest[0])


def test_a_usage_error_points_to_the_help_of_its_command(run):
    assert run("owner", "x").stderr.splitlines()[1] == "Run 'qingdan owner --help' for more information."
    assert run("ownr").stderr.splitlines()[1] == "Run 'qingdan --help' for more information."
    assert run("owner", "x", "--lang", "zh").stderr.splitlines()[1] == "运行 'qingdan owner --help' 查看用法。"


def test_lang_anywhere_words_the_usage_error(run):
    for args in (["--lang", "zh", "ownr"], ["ownr", "--lang", "zh"], ["ownr", "--lang=zh"]):
        assert run(*args).stderr.startswith("错误：未知的命令 'ownr'（是否想写 'owner'？）"), args
    assert run("ownr", "--lang", "en", locale=CHINESE).stderr.startswith("error: unknown command 'ownr'")


# Errors as JSON --------------------------------------------------------------------------------

def json_error(result) -> dict:
    assert result.returncode == 2
    document = json.loads(result.stdout)
    assert list(document) == ["error"]
    assert re.match(r"(\S*: )?(error: |错误：)", result.stderr), result.stderr
    return document["error"]


@pytest.mark.parametrize("args", [
    ["owner", "x", "--json"],
    ["tasks", "--json"],
    ["check", str(ROUTINE), "--json"],
    ["diff", "--from", "2024-01-01", "--to", "2025-01-01", "--json"],
    ["read", "x", "--json"],
    ["lint", "--json"],
    ["lint", "--format", "json"],
    ["test", "--json"],
], ids=lambda args: args[0] + (" --format json" if "--format" in args else ""))
def test_a_usage_error_of_a_command_asked_for_json_is_json_on_stdout(run, args):
    error = json_error(run(*args))
    assert error["code"] == "QU004"
    assert error["message"].endswith("is required")
    chinese = json_error(run(*args, "--lang", "zh"))
    assert chinese["code"] == "QU004" and chinese["message"].startswith("需要")


@pytest.mark.parametrize("command", ["owner", "tasks", "check", "diff", "read", "test"])
def test_a_rulebook_that_does_not_load_is_json_on_stdout(run, tmp_path, command):
    missing = str(tmp_path / "nowhere")
    args = {"owner": ["owner", "x", "--rules", missing], "tasks": ["tasks", "--rules", missing],
            "check": ["check", str(ROUTINE), "--rules", missing], "read": ["read", "x", "--rules", missing],
            "diff": ["diff", "--rules", missing, "--from", "2024-01-01", "--to", "2025-01-01"],
            "test": ["test", missing]}[command]
    error = json_error(run(*args, "--json"))
    assert error == {"code": "QL015", "message": "no such rulebook folder", "file": missing}
    assert json_error(run(*args, "--json", "--lang", "zh"))["message"] == "规则库文件夹不存在"
    assert run(*args).stdout == ""


def test_a_json_error_has_the_position_of_a_load_error(run, tmp_path):
    broken = make_rulebook(tmp_path / "rules", {"neg.yaml": "qingdan: 1\nkind: list\nlist: negative\n"})
    error = json_error(run("owner", "x", "--rules", str(broken), "--json"))
    assert error["code"].startswith("QL")
    assert error["file"] == f"{broken}/neg.yaml" and error["line"] == 1 and error["column"] == 1
    assert set(error) == {"code", "message", "file", "line", "column"}


def test_a_bad_option_value_with_json_is_json(run):
    error = json_error(run("owner", "x", "--rules", str(QINGPU), "--at", "2024-13-01", "--json"))
    assert error == {"code": "QU001",
                     "message": "bad date '2024-13-01' for --at: expected a calendar date as YYYY-MM-DD"}
    error = json_error(run("owner", "x", "--rules", str(QINGPU), "--at", "2024-13-01", "--json", "--lang", "zh"))
    assert error["message"] == "--at 的日期 '2024-13-01' 有误：应为 YYYY-MM-DD 格式的日历日期"


def test_a_query_error_with_json_is_worded_in_the_language_asked_for(run):
    args = ["owner", "HS-01", "--rules", str(QINGPU), "--in", "徐练", "--json"]
    english, chinese = json_error(run(*args)), json_error(run(*args, "--lang", "zh"))
    assert english["code"] == chinese["code"] == "QQ001"
    assert english["message"].startswith("unknown jurisdiction '徐练'")
    assert chinese["message"].startswith("未知的辖区 '徐练'")
    assert run(*args, "--lang", "zh").stderr.startswith("错误：未知的辖区 '徐练'")


def test_a_json_error_when_the_command_is_unknown(run):
    error = json_error(run("ownr", "x", "--json"))
    assert error["code"] == "QU004" and "did you mean 'owner'?" in error["message"]


def test_no_json_from_a_command_that_does_not_take_json(run, tmp_path):
    result = run("compile", str(QINGPU), "-o", str(tmp_path / "b.qds"), "--json")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("error: qingdan compile has no option '--json'")
    assert run("lint", str(tmp_path / "nowhere"), "--format", "sarif").returncode == 1


# --warn-at -------------------------------------------------------------------------------------

def warn_at(run, value) -> float:
    result = run("check", str(ROUTINE), "--rules", str(QINGPU), "--villages", str(VILLAGES), "--json",
                 "--warn-at", value)
    assert result.returncode in (0, 1), result.stderr  # 1: villages near capacity, a review
    return json.loads(result.stdout)["villages"]["warn_at"]


@pytest.mark.parametrize("value, share", [("0.9", 0.9), ("90%", 0.9), ("85.5%", 0.855), ("0", 0),
                                          ("1", 1), ("100%", 1), ("0%", 0), ("75 %", 0.75)])
def test_warn_at_takes_a_share_or_a_percentage(run, value, share):
    assert warn_at(run, value) == share


@pytest.mark.parametrize("value, share", [("90", "0.9"), ("95.5", "0.955"), ("2", "0.02"), ("100", "1")])
def test_warn_at_above_1_is_refused_with_the_share_it_likely_meant(run, value, share):
    args = ["check", str(ROUTINE), "--rules", str(QINGPU), "--warn-at", value]
    english = run(*args)
    assert english.returncode == 2
    assert english.stderr == (f"error: --warn-at must be a share from 0 to 1 or a percentage from 0% to 100%, "
                              f"found {value}; did you mean {share} ({value}%)? [QU003]\n")
    chinese = run(*args, "--lang", "zh")
    assert chinese.returncode == 2
    assert chinese.stderr == (f"错误：--warn-at 必须是 0 到 1 之间的比例或 0% 到 100% 之间的百分数，这里是 {value}；"
                              f"是否想写 {share}（即 {value}%）？ [QU003]\n")


def test_warn_at_far_above_100_has_no_guess(run):
    result = run("check", str(ROUTINE), "--rules", str(QINGPU), "--warn-at", "900")
    assert result.returncode == 2
    assert "did you mean" not in result.stderr
