"""language="zh" words diagnostics and findings in Chinese; English is the default."""

from __future__ import annotations

import pytest

import qingdan
from conftest import QINGPU, ROOT, make_rulebook


@pytest.fixture
def bad_rules(tmp_path):
    return make_rulebook(
        tmp_path / "rules",
        {"neg.yaml": "qingdan: 1\nkind: list\nlist: negative\nversion: '1'\neffective: 2024-01-01\n"
         "entries:\n  - {id: N-1, task: ZM-02}\n"},
    )


def test_load_errors_in_either_language(bad_rules):
    with pytest.raises(qingdan.Error) as english:
        qingdan.Rulebook.load(str(bad_rules))
    with pytest.raises(qingdan.Error) as chinese:
        qingdan.Rulebook.load(str(bad_rules), language="zh")
    assert "task 'ZM-02' is not in the task catalogue (did you mean 'ZM-01'?)" in str(english.value)
    assert "事项 'ZM-02' 不在事项目录中（是否想写 'ZM-01'？）" in str(chinese.value)
    assert (chinese.value.line, chinese.value.column, chinese.value.code) == (7, 21, "QL202")


def test_lint_and_test_take_the_language(bad_rules):
    report = qingdan.lint(str(bad_rules), language="zh")
    assert report.diagnostics[0].message.startswith("事项 'ZM-02' 不在事项目录中")
    run = qingdan.test(str(QINGPU), language="zh")
    assert run.failed == 0


def test_a_rulebook_in_chinese_words_its_query_errors_and_findings_in_chinese():
    book = qingdan.Rulebook.load(str(QINGPU), language="zh")
    with pytest.raises(qingdan.Error, match="未知的模式 'wartime'"):
        book.owner("HS-01", mode="wartime")
    with pytest.raises(qingdan.Error, match="at 的日期 '2024-02-30' 有误"):
        book.owner("HS-01", at="2024-02-30")
    directive = qingdan.Directive.load(str(ROOT / "examples" / "directives" / "recalled-item-2025.yaml"))
    findings = book.check([directive]).findings
    assert findings[0].message.startswith("不得把 TS-01 特种设备安全隐患排查 交给 街镇（town）")
    reasons = book.owner("TS-01", at="2025-01-01", jurisdiction="练塘镇").explain()
    assert reasons[-1] == "注意：本答案所依据的 P-04、N-08 出自示例版本（重构的示例，并非正式公布的清单文本）"
    assert reasons[-2] == "答案：已列入清单；负责 区（district）（区市场监管局）；角色：区（district）负责、街镇（town）不得承担、村居（village）不得承担"
    assert any(line.endswith("版本 2022 已被版本 2024 取代（2024-08-06 生效）") for line in reasons)
    # The same decision and report, worded in English when asked: one rulebook, both languages.
    english = book.owner("TS-01", at="2025-01-01", jurisdiction="练塘镇").explain(language="en")
    assert english[-2].startswith("answer: listed; owner district (区) (区市场监管局)")
    report = book.check([directive])
    assert report.findings[0].message_in("en").startswith("town (街镇) must not be given TS-01")
    assert report.to_text(language="en").splitlines()[-1].startswith("verdict: reject")
    assert report.to_text().splitlines()[-1].startswith("结论：退回")


def test_directives_and_villages_read_in_chinese():
    with pytest.raises(qingdan.Error, match="指令缺少必需的键 'issued'"):
        qingdan.Directive.parse("qingdan: 1\nkind: directive\nid: D\nitems: []\n", language="zh")
    with pytest.raises(qingdan.Error, match="第 1 个村居中有未知的字段 'staf'（是否想写 'staff'？）"):
        qingdan.Villages.from_dicts([{"jurisdiction": "上海市/青浦区/练塘镇/徐练村", "staf": 3}], language="zh")
    with pytest.raises(qingdan.Error, match="村居 上海市/青浦区/练塘镇/徐练村 没有工作能力数据"):
        qingdan.Villages.from_dicts([{"jurisdiction": "上海市/青浦区/练塘镇/徐练村"}], language="zh")


@pytest.mark.parametrize("language", ["fr", "ZH", ""])
def test_an_unknown_language_is_refused(language):
    with pytest.raises(ValueError, match="expected 'zh' or 'en'"):
        qingdan.Rulebook.load(str(QINGPU), language=language)
