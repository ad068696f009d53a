"""Messages in Chinese or English: --lang, else the locale, else English."""

from __future__ import annotations

import json
import re

import pytest

from conftest import QINGPU, ROOT, lines, make_rulebook

BAD_ENTRY = (
    "qingdan: 1\nkind: list\nlist: negative\nversion: '1'\neffective: 2024-01-01\n"
    "entries:\n  - {id: N-1, task: ZM-01, mode: [normal]}\n"
)
ENGLISH = "unknown key 'mode' in a negative entry (did you mean 'modes'?) [QL102]"
CHINESE = "negative 清单的条目中有未知的键 'mode'（是否想写 'modes'？） [QL102]"


@pytest.fixture
def bad_rules(tmp_path):
    return make_rulebook(tmp_path / "rules", {"neg.yaml": BAD_ENTRY})


def lint_message(result) -> str:
    assert result.returncode == 1, result.stderr
    first = lines(result.stdout)[0]
    # The severity is worded in the language too, as compilers word it: "error: ", "错误：".
    return re.split(r": error: |: 错误：", first, maxsplit=1)[1]


@pytest.mark.parametrize("where", ["before", "after"])
def test_lang_zh_words_diagnostics_in_chinese(run, bad_rules, where):
    args = ["lint", str(bad_rules)]
    args = ["--lang", "zh", *args] if where == "before" else [*args, "--lang", "zh"]
    result = run(*args)
    assert lint_message(result) == CHINESE
    assert ": 错误：" in lines(result.stdout)[0]


def test_without_lang_or_locale_messages_are_english(run, bad_rules):
    assert lint_message(run("lint", str(bad_rules))) == ENGLISH


@pytest.mark.parametrize(
    "locale, expected",
    [
        ({"LANG": "zh_CN.UTF-8"}, CHINESE),
        ({"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, CHINESE),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, ENGLISH),
        ({"LANG": "fr_FR.UTF-8"}, ENGLISH),
        ({"LANG": "C.UTF-8"}, ENGLISH),
    ],
)
def test_default_language_follows_the_locale(run, bad_rules, locale, expected):
    assert lint_message(run("lint", str(bad_rules), locale=locale)) == expected


def test_lang_overrides_the_locale(run, bad_rules):
    result = run("lint", str(bad_rules), "--lang", "en", locale={"LANG": "zh_CN.UTF-8"})
    assert lint_message(result) == ENGLISH


def test_unknown_language_is_a_usage_error(run, bad_rules):
    result = run("lint", str(bad_rules), "--lang", "fr")
    assert result.returncode == 2
    assert "--lang" in result.stderr


def test_load_errors_and_query_errors_follow_the_language(run):
    result = run("owner", "HS-01", "--rules", str(QINGPU), "--in", "徐练", "--lang", "zh")
    assert result.returncode == 2
    assert "未知的辖区 '徐练'；相近的有：上海市/青浦区/练塘镇/徐练村" in result.stderr
    result = run("owner", "HS-01", "--rules", str(QINGPU), "--at", "2024-13-01", "--lang", "zh")
    assert result.returncode == 2
    assert "--at 的日期 '2024-13-01' 有误" in result.stderr


def test_check_findings_in_chinese_in_text_and_json(run):
    directive = ROOT / "examples" / "directives" / "lockdown-2022.yaml"
    villages = ROOT / "examples" / "villages" / "qingpu.csv"
    args = ["check", str(directive), "--rules", str(QINGPU), "--villages", str(villages)]
    english = json.loads(run(*args, "--json").stdout)
    chinese = json.loads(run(*args, "--json", "--lang", "zh").stdout)
    assert [f["code"] for f in chinese["findings"]] == [f["code"] for f in english["findings"]]
    messages = {f["code"]: f["message"] for f in chinese["findings"]}
    assert messages["QD004"].endswith("费随事转，但该事项没有配套经费")
    assert "数据应一次采集、共享使用" in messages["QD008"]
    text = run(*args, "--lang", "zh").stdout
    assert "不得把 GD-02 12345工单：群租、违建执法处置 交给 村居（village）" in text


def test_explain_gives_its_reasons_in_chinese(run):
    args = ["owner", "核酸筛查", "--rules", str(QINGPU), "--at", "2022-04-15", "--in", "徐练村", "--explain"]
    english, chinese = run(*args), run(*args, "--lang", "zh")
    assert "applies only in mode emergency (应急), not normal (常态)" in english.stdout
    assert ("  跳过 协作清单 X-07（版本 2022【示例】，上海市/青浦区，lists/collaboration-2022.yaml:11）："
            "本会是 区（district） 负责（区卫生健康委）；村居（village） 协助；只适用于模式 应急（emergency），不适用于 常态（normal）"
            in chinese.stdout.splitlines())
    assert chinese.stdout.splitlines()[-1] == "  答案：未列入清单"
