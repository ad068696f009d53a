"""End-to-end tests of the reviewer's workflow on real files:
docs/format.md §3.3, §3.7, §5.6, §8.6, §8.7, §8.8, §9.1 and §9.4. `qingdan approvals`, approvals
cited by directive items (QD015), modes that take approval afterwards and sunset (QD003 事后补报,
QD017), `check --ledger` (load, forms QD008, yearly caps QD016), `qingdan ledger` (text, JSON,
HTML) and extra village capacity in a mode."""

from __future__ import annotations

import datetime
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Dict, List, Optional

import pytest

from conftest import QINGPU, ROOT, lines, shell_fingerprint

VILLAGES = QINGPU / "villages.csv"
LEDGER = ROOT / "examples" / "ledger" / "qingpu"
LOCKDOWN = ROOT / "examples" / "directives" / "lockdown-2022.yaml"
FKB = LEDGER / "2022" / "fkb-2022-024.yaml"

APPROVAL_IDS = [
    "示例准入〔2022〕1号", "示例准入〔2022〕2号", "示例准入〔2022〕3号", "示例准入〔2022〕4号",
    "示例准入〔2022〕5号", "示例准入〔2024〕1号", "示例准入〔2024〕2号",
]
MEASURES = ["hours", "forms", "fields", "reports", "inspections", "meetings", "apps", "signs",
            "campaigns"]


def write_directive(folder: Path, name: str, issued: str, items: List[str], *,
                    jurisdiction: str = "上海市/青浦区", mode: Optional[str] = None,
                    until: Optional[str] = None, issuer: Optional[str] = None) -> Path:
    """A directive file of id `name`; each item is a YAML flow mapping."""
    text = f"qingdan: 1\nkind: directive\nid: {name}\nissued: {issued}\njurisdiction: {jurisdiction}\n"
    if mode:
        text += f"mode: {mode}\n"
    if until:
        text += f"until: {until}\n"
    if issuer:
        text += f"issuer: {issuer}\n"
    text += "items:\n" + "".join(f"  - {item}\n" for item in items)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def check(run, *args: str, rules: Path = QINGPU):
    return run("check", *args, "--rules", str(rules))


def check_json(run, *args: str, rules: Path = QINGPU) -> dict:
    result = check(run, *args, "--json", rules=rules)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def found(document: dict, code: str) -> List[dict]:
    return [finding for finding in document["findings"] if finding["code"] == code]


def village(document: dict, name: str) -> dict:
    """A village's load among the most loaded, by the last name of its path."""
    [load] = [v for v in document["villages"]["most_loaded"] if v["jurisdiction"].endswith("/" + name)]
    return load


# --- qingdan approvals ---------------------------------------------------------------------------


def approvals(run, *args: str, locale: Optional[Dict[str, str]] = None):
    return run("approvals", "--rules", str(QINGPU), *args, locale=locale)


def ids_of(text: str) -> List[str]:
    """The approval ids of a listing: the first tab-separated field of each line but the last."""
    return [line.split("\t")[0] for line in lines(text)[:-1]]


@pytest.mark.parametrize("expiring", ["30d", "30"])
def test_approvals_expiring_within_30_days_lists_only_the_one_ending_in_20(run, expiring):
    result = approvals(run, "--at", "2026-11-30", "--expiring", expiring)
    assert result.returncode == 0, result.stderr
    assert lines(result.stdout) == [
        "示例准入〔2024〕2号\tGD-06 12345工单：物业服务诉求\tto village (村居) in 上海市/青浦区\t"
        "2024-09-01 – 2026-12-20\tends in 20 days [illustrative]",
        "1 ending within 30 days of 2026-11-30",
    ]


def test_approvals_expiring_counts_the_last_day_in_and_the_next_out(run):
    # 〔2024〕1号 ends on 2026-12-31: 30 days after 2026-12-01, 31 after 2026-11-30.
    within = approvals(run, "--at", "2026-12-01", "--expiring", "30d")
    assert ids_of(within.stdout) == ["示例准入〔2024〕1号", "示例准入〔2024〕2号"]
    assert "ends in 30 days" in lines(within.stdout)[0]
    assert ids_of(approvals(run, "--at", "2026-11-30", "--expiring", "31d").stdout) == \
        ["示例准入〔2024〕1号", "示例准入〔2024〕2号"]
    # On its last day an approval is still in force, and ends within 0 days; the day after, not.
    assert ids_of(approvals(run, "--at", "2026-12-20", "--expiring", "0d").stdout) == \
        ["示例准入〔2024〕2号"]
    assert ids_of(approvals(run, "--at", "2026-12-21", "--expiring", "30d").stdout) == \
        ["示例准入〔2024〕1号"]


def test_approvals_all_lists_the_whole_register_in_file_order(run):
    result = approvals(run, "--all")
    assert result.returncode == 0, result.stderr
    assert ids_of(result.stdout) == APPROVAL_IDS
    assert lines(result.stdout)[-1] == "7 approvals"
    rows = lines(result.stdout)[:-1]
    assert rows[2] == ("示例准入〔2022〕3号\tRQ-01 燃气安全宣传与隐患发现报告\tto town (街镇) in 上海市/青浦区\t"
                       "2022-05-01 – 2022-12-31\texpired [illustrative]")
    assert "\tat most 8 a month\t" in rows[1]
    assert "\twith funding\t" in rows[4]
    assert "to village (村居) in 上海市/青浦区/练塘镇" in rows[3]
    # Each one's state on the day asked.
    on_a_day = lines(approvals(run, "--all", "--at", "2022-05-15").stdout)
    assert [row.split("\t")[-1] for row in on_a_day[:-1]] == [
        "expired [illustrative]", "ends in 46 days [illustrative]", "ends in 230 days [illustrative]",
        "ends in 230 days [illustrative]", "ends in 230 days [illustrative]",
        "not yet in force [illustrative]", "not yet in force [illustrative]"]
    assert on_a_day[-1] == "7 approvals"


def test_approvals_by_default_lists_those_in_force_today(run):
    everything = json.loads(approvals(run, "--all", "--json").stdout)["approvals"]
    today = datetime.date.today()
    expected = [a["id"] for a in everything
                if datetime.date.fromisoformat(a["from"]) <= today
                and (a["until"] is None or today <= datetime.date.fromisoformat(a["until"]))]
    result = approvals(run)
    assert result.returncode == 0, result.stderr
    assert ids_of(result.stdout) == expected
    assert lines(result.stdout)[-1] == f"{len(expected)} in force on {today.isoformat()}"
    by_json = json.loads(approvals(run, "--json").stdout)
    assert by_json["at"] == today.isoformat()
    assert [a["id"] for a in by_json["approvals"]] == expected
    assert all(a["in_force"] for a in by_json["approvals"])


def test_approvals_json_has_every_field_and_says_which_are_in_force(run):
    result = approvals(run, "--at", "2022-05-15", "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) == {"fingerprint", "at", "approvals"}
    assert document["fingerprint"] == shell_fingerprint(QINGPU)
    assert document["at"] == "2022-05-15"
    listed = {a["id"]: a for a in document["approvals"]}
    assert list(listed) == APPROVAL_IDS[1:5]
    assert all(set(a) == {"id", "task", "category", "jurisdiction", "levels", "from", "until",
                          "max_per_month", "funding", "issuer", "note", "illustrative", "in_force",
                          "file", "line"} for a in listed.values())
    second = listed["示例准入〔2022〕2号"]
    assert second["task"]["id"] == "XZ-26" and second["category"] is None
    assert (second["jurisdiction"], second["levels"], second["from"], second["until"]) == \
        ("上海市/青浦区", ["village"], "2022-04-01", "2022-06-30")
    assert second["max_per_month"] == 8 and second["funding"] is False
    assert (second["file"], second["line"], second["illustrative"], second["in_force"]) == \
        ("approvals.yaml", 36, True, True)
    assert listed["示例准入〔2022〕3号"]["levels"] == ["town"]
    assert listed["示例准入〔2022〕4号"]["jurisdiction"] == "上海市/青浦区/练塘镇"
    assert listed["示例准入〔2022〕5号"]["funding"] is True
    assert listed["示例准入〔2022〕5号"]["max_per_month"] is None
    # --all lists those not in force too, and says so.
    everything = json.loads(approvals(run, "--all", "--at", "2022-05-15", "--json").stdout)
    in_force = {a["id"]: a["in_force"] for a in everything["approvals"]}
    assert list(in_force) == APPROVAL_IDS
    assert [name for name, yes in in_force.items() if yes] == APPROVAL_IDS[1:5]


def test_approvals_in_chinese(run):
    result = approvals(run, "--at", "2026-11-30", "--expiring", "30d", locale={"LANG": "zh_CN.UTF-8"})
    assert result.returncode == 0, result.stderr
    assert lines(result.stdout) == [
        "示例准入〔2024〕2号\tGD-06 12345工单：物业服务诉求\t交给上海市/青浦区的村居（village）\t"
        "2024-09-01 – 2026-12-20\t20 天后到期【示例】",
        "2026-11-30 起 30 天内到期的共 1 项",
    ]
    listed = run("--lang", "zh", "approvals", "--rules", str(QINGPU), "--at", "2022-05-15")
    assert lines(listed.stdout)[-1] == "2022-05-15 有效的共 4 项"
    assert "\t每月至多 8 次\t" in lines(listed.stdout)[0]
    assert "\t须费随事转\t" in lines(listed.stdout)[3]
    assert "交给上海市/青浦区的街镇（town）" in lines(listed.stdout)[1]


@pytest.mark.parametrize("value", ["x", "30days", "3.5d", "-3d", "36501d"])
def test_a_bad_expiring_is_a_usage_error(run, value):
    result = approvals(run, "--expiring", value)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == \
        f"error: '{value}' is not a number of days for --expiring: write 30d or 30 [QU003]\n"


def test_a_bad_day_for_approvals_is_a_usage_error(run):
    result = approvals(run, "--at", "2026-13-30")
    assert result.returncode == 2
    assert "bad date '2026-13-30' for --at" in result.stderr and "[QU001]" in result.stderr


# --- approvals cited by directive items (docs/format.md §8.6) ----------------------------------

VISIT = "高龄、独居老人关爱走访"  # XZ-26: on no list for a 村 in 2022
GAS = "燃气安全宣传与隐患发现报告"  # RQ-01: likewise
FALLOW = "撂荒耕地排查报告"  # XZ-28: likewise


@pytest.mark.parametrize(
    "name, issued, jurisdiction, item, message",
    [
        ("expired", "2022-07-05", "上海市/青浦区",
         f"{{task: {VISIT}, frequency: weekly, effort_hours: 1, approved: 示例准入〔2022〕2号}}",
         "approval 示例准入〔2022〕2号 [illustrative] expired after 2022-06-30; the directive is issued "
         "on 2022-07-05"),
        ("not-yet", "2022-03-01", "上海市/青浦区",
         f"{{task: {VISIT}, frequency: weekly, effort_hours: 1, approved: 示例准入〔2022〕2号}}",
         "approval 示例准入〔2022〕2号 [illustrative] is in force only from 2022-04-01; the directive is "
         "issued on 2022-03-01"),
        ("town-only", "2022-06-01", "上海市/青浦区",
         f"{{task: {GAS}, frequency: monthly, effort_hours: 1, funding: true, "
         "approved: 示例准入〔2022〕3号}",
         "approval 示例准入〔2022〕3号 [illustrative] lets the task go to town (街镇), not to village (村居)"),
        ("other-place", "2022-06-01", "上海市/青浦区",
         f"{{task: {FALLOW}, frequency: once, effort_hours: 1, approved: 示例准入〔2022〕4号}}",
         "approval 示例准入〔2022〕4号 [illustrative] holds in 上海市/青浦区/练塘镇, not in 上海市/青浦区 "
         "where the directive applies"),
        ("too-often", "2022-05-01", "上海市/青浦区",
         f"{{task: {VISIT}, frequency: daily, effort_hours: 1, approved: 示例准入〔2022〕2号}}",
         "approval 示例准入〔2022〕2号 [illustrative] allows at most 8 times a month; the item asks 30 (daily)"),
        ("twice-a-week", "2022-05-01", "上海市/青浦区",
         f"{{task: {VISIT}, frequency: {{times: 2, per: week}}, effort_hours: 1, "
         "approved: 示例准入〔2022〕2号}",
         "approval 示例准入〔2022〕2号 [illustrative] allows at most 8 times a month; the item asks 8.667 "
         "(2 per week)"),
        ("no-funding", "2022-06-01", "上海市/青浦区",
         f"{{task: {GAS}, frequency: monthly, effort_hours: 1, approved: 示例准入〔2022〕5号}}",
         "approval 示例准入〔2022〕5号 [illustrative] was granted on condition that funding comes with the "
         "task (费随事转); the item brings none"),
        ("other-task", "2022-05-01", "上海市/青浦区",
         f"{{task: {GAS}, frequency: monthly, effort_hours: 1, approved: 示例准入〔2022〕2号}}",
         f"approval 示例准入〔2022〕2号 [illustrative] is for XZ-26 {VISIT}, not for RQ-01 {GAS}"),
        ("unknown-id", "2022-05-01", "上海市/青浦区",
         f"{{task: {VISIT}, frequency: weekly, effort_hours: 1, approved: 示例准入〔2022〕22号}}",
         "the item cites approval '示例准入〔2022〕22号', which the approvals register does not have "
         "(did you mean '示例准入〔2022〕2号'?)"),
    ],
)
def test_an_approval_that_does_not_hold_is_qd015_and_clears_nothing(
        run, tmp_path, name, issued, jurisdiction, item, message):
    path = write_directive(tmp_path, name, issued, [item], jurisdiction=jurisdiction)
    result = check(run, str(path))
    assert result.returncode == 1, result.stderr
    assert f"    error QD015 approval-invalid: {message}\n" in result.stdout
    document = check_json(run, str(path))
    assert [(f["code"], f["severity"]) for f in document["findings"]] == \
        [("QD015", "error"), ("QD003", "warning")]
    assert document["findings"][0]["message"] == message
    assert document["findings"][0]["item"]["item"] == 1
    assert document["verdict"] == "reject"


def test_every_condition_an_approval_fails_is_its_own_qd015(run, tmp_path):
    path = write_directive(tmp_path, "three-ways", "2022-07-05", [
        f"{{task: {VISIT}, to: town, frequency: daily, effort_hours: 1, approved: 示例准入〔2022〕2号}}"])
    document = check_json(run, str(path))
    messages = [f["message"] for f in found(document, "QD015")]
    assert len(messages) == 3
    assert "expired after 2022-06-30" in messages[0]
    assert "not to town (街镇)" in messages[1]
    assert "allows at most 8 times a month" in messages[2]
    assert len(found(document, "QD003")) == 1


def test_approved_true_is_a_qd015_warning_and_qd003_stays(run, tmp_path):
    path = write_directive(tmp_path, "self-declared", "2022-05-01",
                           [f"{{task: {VISIT}, frequency: weekly, effort_hours: 1, approved: true}}"])
    result = check(run, str(path))
    assert result.returncode == 1
    assert ("    warning QD015 approval-invalid: the item says 'approved: true' but cites no approval: "
            "the issuer's own word clears nothing; cite the approval's number ('approved: <number>')\n"
            ) in result.stdout
    assert "    warning QD003 unlisted: XZ-26" in result.stdout
    assert lines(result.stdout)[-1] == "verdict: review (0 errors, 2 warnings)"
    document = check_json(run, str(path))
    assert sorted((f["code"], f["severity"]) for f in document["findings"]) == \
        [("QD003", "warning"), ("QD015", "warning")]


@pytest.mark.parametrize(
    "jurisdiction, item",
    [
        ("上海市/青浦区", f"{{task: {VISIT}, frequency: weekly, effort_hours: 1, "
                         "approved: 示例准入〔2022〕2号}"),
        # From the first day in force, at exactly its max_per_month.
        ("上海市/青浦区", f"{{task: {VISIT}, frequency: {{times: 8, per: month}}, effort_hours: 1, "
                         "approved: 示例准入〔2022〕2号}"),
        # Named by its task id.
        ("上海市/青浦区", "{task: XZ-26, frequency: weekly, effort_hours: 1, approved: 示例准入〔2022〕2号}"),
        # A place below the approval's.
        ("练塘镇", f"{{task: {FALLOW}, frequency: once, effort_hours: 1, approved: 示例准入〔2022〕4号}}"),
        ("上海市/青浦区", f"{{task: {GAS}, frequency: monthly, effort_hours: 1, funding: true, "
                         "approved: 示例准入〔2022〕5号}"),
        ("上海市/青浦区", f"{{task: {GAS}, to: town, frequency: monthly, effort_hours: 1, "
                         "approved: 示例准入〔2022〕3号}"),
    ],
)
def test_a_valid_citation_clears_qd003(run, tmp_path, jurisdiction, item):
    issued = "2022-04-01" if "times: 8" in item else "2022-06-01"
    cited = write_directive(tmp_path, "cited", issued, [item], jurisdiction=jurisdiction)
    uncited = write_directive(tmp_path, "uncited", issued,
                              [item.split(", approved:")[0] + "}"], jurisdiction=jurisdiction)
    assert [f["code"] for f in check_json(run, str(uncited))["findings"]] == ["QD003"]
    result = check(run, str(cited))
    assert result.returncode == 0, result.stdout + result.stderr
    assert lines(result.stdout)[-1] == "verdict: pass (0 errors, 0 warnings)"


def test_an_item_read_as_the_approved_task_is_covered(run, tmp_path):
    path = write_directive(tmp_path, "read", "2022-05-01", [
        "{task: 上门走访独居老人, frequency: weekly, effort_hours: 1, approved: 示例准入〔2022〕2号}"])
    document = check_json(run, str(path))
    assert document["items"][0]["reading"]["task"]["id"] == "XZ-26"
    assert document["findings"] == [] and document["verdict"] == "pass"


def test_qd015_in_chinese(run, tmp_path):
    path = write_directive(tmp_path, "expired", "2022-07-05", [
        f"{{task: {VISIT}, frequency: weekly, effort_hours: 1, approved: 示例准入〔2022〕2号}}"])
    result = run("--lang", "zh", "check", str(path), "--rules", str(QINGPU))
    assert ("    错误 QD015 准入无效：准入 示例准入〔2022〕2号【示例】 已于 2022-06-30 到期；而指令于 2022-07-05 下发\n"
            in result.stdout)


# A rulebook of our own: an approval for a category, a collaboration entry that requires approval
# (QD005), and an emergency mode that takes approval afterwards within 3 days and ends within 10.
SMALL_RULEBOOK = {
    "rulebook.yaml": """\
qingdan: 1
kind: rulebook
levels:
  - {id: city, name: 市}
  - {id: town, name: 镇}
  - {id: village, name: 村}
modes:
  - {id: normal, name: 常态}
  - {id: emergency, name: 应急, approval: after, report_within_days: 3, sunset_days: 10}
caps:
  村: {会议: 2, sign: 0}
  town: {inspection: 1}
jurisdictions:
  甲市:
    东镇:
      一村: {}
      二村: {}
    西镇:
      三村: {}
""",
    "tasks.yaml": """\
qingdan: 1
kind: tasks
tasks:
  - {id: ZM-01, name: 开具亲属关系证明, category: 证明事项}
  - {id: ZM-02, name: 开具居住证明, category: 证明事项}
  - {id: HS-01, name: 组织居民参加核酸筛查, category: 疫情防控}
  - {id: HY-01, name: 村务工作例会, category: 会议}
""",
    "collaboration.yaml": """\
qingdan: 1
kind: list
list: collaboration
version: "1"
effective: 2020-01-01
entries:
  - {id: X-1, task: HS-01, owner: {level: city, department: 市卫健委}, assist: [village], requires: [approval]}
""",
    "approvals.yaml": """\
qingdan: 1
kind: approvals
entries:
  - {id: 准〔2023〕1号, category: 证明事项, from: 2023-01-01}
  - {id: 准〔2023〕2号, task: HS-01, jurisdiction: 东镇, from: 2023-01-01, until: 2023-12-31}
""",
}


@pytest.fixture
def small_rules(tmp_path) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    for name, text in SMALL_RULEBOOK.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_category_approval_covers_its_tasks_and_an_approval_clears_qd005(run, tmp_path, small_rules):
    items = ["{task: 开具居住证明, frequency: monthly, effort_hours: 1, approved: 准〔2023〕1号}",
             "{task: 开具亲属关系证明, frequency: monthly, effort_hours: 1}",
             "{task: 组织居民参加核酸筛查, frequency: monthly, effort_hours: 1, approved: 准〔2023〕2号}",
             "{task: 组织居民参加核酸筛查, frequency: monthly, effort_hours: 1}"]
    in_town = write_directive(tmp_path, "D1", "2023-03-01", items, jurisdiction="东镇")
    document = check_json(run, str(in_town), rules=small_rules)
    assert [(f["code"], f["item"]["item"]) for f in document["findings"]] == [("QD003", 2), ("QD005", 4)]
    assert found(document, "QD005")[0]["message"] == (
        "collaboration entry X-1 (edition 1, 甲市) requires 准入 approval for HS-01 组织居民参加核酸筛查, "
        "but the item cites no approval that covers it")
    # The approval for 东镇 does not cover a directive of the whole city: QD015, and QD005 stays.
    in_city = write_directive(tmp_path, "D2", "2023-03-01", items, jurisdiction="甲市")
    document = check_json(run, str(in_city), rules=small_rules)
    assert [(f["code"], f["item"]["item"]) for f in document["findings"]] == \
        [("QD003", 2), ("QD015", 3), ("QD005", 3), ("QD005", 4)]
    listing = run("approvals", "--rules", str(small_rules), "--all")
    assert lines(listing.stdout)[0] == "准〔2023〕1号\tcategory 证明事项\tto village (村) in 甲市\t2023-01-01 – …"


# --- emergencies: 事后补报 and sunset (docs/format.md §3.3 and §8.6) ------------------------------

UNLISTED = "{task: 村级应急物资储备点检查, frequency: once, effort_hours: 1}"
RECURRING = ["{task: 物资保供, frequency: weekly, effort_hours: 1, funding: true}",
             "{task: 组织居民参加核酸筛查, frequency: daily, effort_hours: 1, funding: true}"]


@pytest.mark.parametrize("issued, deadline", [("2022-04-10", "2022-04-17"), ("2022-04-28", "2022-05-05")])
def test_an_unlisted_item_in_emergency_names_the_day_to_report_it_by(run, tmp_path, issued, deadline):
    path = write_directive(tmp_path, "E", issued, [UNLISTED], mode="emergency")
    [qd003] = check_json(run, str(path))["findings"]
    assert qd003["code"] == "QD003" and qd003["severity"] == "warning"
    assert qd003["message"].endswith(
        "; in mode emergency (应急) it may go ahead and be reported for 准入 afterwards (事后补报) by "
        + deadline)
    normal = write_directive(tmp_path, "N", issued, [UNLISTED])
    [before] = check_json(run, str(normal))["findings"]
    assert before["message"].endswith("; it needs 准入 approval before it is sent to village (村居)")
    chinese = run("--lang", "zh", "check", str(path), "--rules", str(QINGPU))
    assert f"；应急（emergency）模式下可先行开展，但须在 {deadline} 前事后补报准入\n" in chinese.stdout


def test_qd005_in_a_mode_with_approval_after_names_the_day_too(run, tmp_path, small_rules):
    path = write_directive(tmp_path, "D3", "2023-03-01", [
        "{task: 开具亲属关系证明, frequency: once, effort_hours: 1}",
        "{task: 组织居民参加核酸筛查, frequency: once, effort_hours: 1}"],
        jurisdiction="东镇", mode="应急")
    document = check_json(run, str(path), rules=small_rules)
    assert [f["code"] for f in document["findings"]] == ["QD003", "QD005"]
    for finding in document["findings"]:
        assert finding["message"].endswith(
            "; in mode emergency (应急) it may go ahead and be reported for 准入 afterwards (事后补报) "
            "by 2023-03-04")


@pytest.mark.parametrize(
    "until, mode, items, expected",
    [
        (None, "emergency", [UNLISTED, *RECURRING],
         "in mode emergency (应急), measures must end within 30 days of issue (by 2022-05-10), but the "
         "directive gives no 'until' (recurring items: 2, 3)"),
        ("2022-05-11", "emergency", RECURRING,
         "in mode emergency (应急), measures must end within 30 days of issue (by 2022-05-10), but the "
         "directive runs until 2022-05-11 (recurring items: 1, 2)"),
        ("2022-05-10", "emergency", RECURRING, None),
        ("2022-04-20", "emergency", RECURRING, None),
        (None, "emergency", [UNLISTED, "{task: 物资保供, frequency: once, effort_hours: 1, funding: true}"],
         None),
        (None, "normal", RECURRING, None),
    ],
)
def test_an_emergency_directive_must_end_within_its_sunset(run, tmp_path, until, mode, items, expected):
    path = write_directive(tmp_path, "S", "2022-04-10", items, mode=mode, until=until)
    document = check_json(run, str(path))
    sunset = found(document, "QD017")
    if expected is None:
        assert sunset == []
        return
    assert [(f["severity"], f["message"]) for f in sunset] == [("warning", expected)]
    # At the first recurring item.
    first = next(i for i, item in enumerate(items, 1) if "once" not in item)
    assert sunset[0]["item"]["item"] == first


def test_qd017_on_the_shipped_ledger_directives(run):
    def sunset(name):
        return [f["message"] for f in found(check_json(run, str(LEDGER / "2022" / name)), "QD017")]

    assert sunset("ltz-2022-006.yaml") == [
        "in mode emergency (应急), measures must end within 30 days of issue (by 2022-05-22), but the "
        "directive gives no 'until' (recurring items: 2, 4)"]
    assert sunset("nyw-2022-012.yaml") == [
        "in mode emergency (应急), measures must end within 30 days of issue (by 2022-05-18), but the "
        "directive runs until 2022-06-30 (recurring items: 2)"]
    assert sunset("yjj-2022-007.yaml") == []
    assert sunset("../2021/nyw-2021-015.yaml") == []


# --- check --ledger (docs/format.md §8.7) ------------------------------------------------------

IN_FORCE_ON_0410 = ["QP-CYZX-2021-008", "QP-CYZX-2022-015", "QP-FKB-2022-024", "QP-MZJ-2022-011",
                    "QP-WJW-2022-018"]


def test_the_ledger_line_names_the_directives_in_force_on_the_day_of_the_check(run):
    with_ledger = check(run, str(LOCKDOWN), "--villages", str(VILLAGES), "--ledger", str(LEDGER))
    assert with_ledger.returncode == 1, with_ledger.stderr
    assert ("ledger: directives in force counted in the load and compared for forms (5): "
            + ", ".join(IN_FORCE_ON_0410) + "\n") in with_ledger.stdout
    without = check(run, str(LOCKDOWN), "--villages", str(VILLAGES))
    assert "ledger:" not in without.stdout
    document = check_json(run, str(LOCKDOWN), "--ledger", str(LEDGER))
    assert [d["id"] for d in document["ledger"]] == IN_FORCE_ON_0410
    assert document["ledger"][0] == {
        "id": "QP-CYZX-2021-008", "title": "关于规范12345市民服务热线工单村居协办工作的通知",
        "file": str(LEDGER / "2021" / "cyzx-2021-008.yaml"), "issued": "2021-05-10", "until": None,
        "jurisdiction": "上海市/青浦区", "mode": "normal", "mode_name": "常态", "items": 4}
    assert [d["until"] for d in document["ledger"]] == [None, None, "2022-05-31", "2022-06-30", "2022-06-30"]
    assert check_json(run, str(LOCKDOWN))["ledger"] == []
    chinese = run("--lang", "zh", "check", str(LOCKDOWN), "--rules", str(QINGPU), "--ledger", str(LEDGER))
    assert "台账：计入负荷并比对表单的有效指令 5 份：" + "、".join(IN_FORCE_ON_0410) + "\n" in chinese.stdout


def test_the_day_of_the_check_is_the_latest_issued_of_the_directives_checked(run):
    # Alone, WJW-2022-018 (03-28) finds only the standing 2021 directive in force; checked with
    # the lockdown directive (04-10), the day is 04-10.
    alone = check_json(run, str(LEDGER / "2022" / "wjw-2022-018.yaml"), "--ledger", str(LEDGER))
    assert [d["id"] for d in alone["ledger"]] == ["QP-CYZX-2021-008"]
    together = check_json(run, str(LEDGER / "2022" / "wjw-2022-018.yaml"), str(LOCKDOWN),
                          "--ledger", str(LEDGER))
    assert [d["id"] for d in together["ledger"]] == \
        [name for name in IN_FORCE_ON_0410 if name != "QP-WJW-2022-018"]


def test_ledger_forms_join_qd008_and_are_named_as_the_ledgers(run):
    with_ledger = check_json(run, str(LOCKDOWN), "--ledger", str(LEDGER))
    [group] = found(with_ledger, "QD008")
    assert group["item"]["directive"] == "QP-FKB-2022-031" and group["item"]["item"] == 4
    assert [(f["directive"], f["item"], f["form"], f["ledger"]) for f in group["forms"]] == [
        ("QP-FKB-2022-031", 3, "重点人员日报表（卫健）", False),
        ("QP-FKB-2022-031", 4, "重点人员登记表（派出所）", False),
        ("QP-MZJ-2022-011", 3, "特殊困难群体需求摸排表", True),
        ("QP-WJW-2022-018", 1, "核酸筛查结果日报表", True),
    ]
    assert group["message"].startswith("4 forms collect the same data: ")
    assert "form 特殊困难群体需求摸排表 (ledger QP-MZJ-2022-011 item 3), sharing 4 of 7 fields" in group["message"]
    assert "form 核酸筛查结果日报表 (ledger QP-WJW-2022-018 item 1), sharing 4 of 6 fields" in group["message"]
    [alone] = found(check_json(run, str(LOCKDOWN)), "QD008")
    assert len(alone["forms"]) == 2
    chinese = run("--lang", "zh", "check", str(LOCKDOWN), "--rules", str(QINGPU), "--ledger", str(LEDGER))
    assert "表单 核酸筛查结果日报表（台账 QP-WJW-2022-018 第 1 项）" in chinese.stdout
    assert "表单 特殊困难群体需求摸排表（台账 QP-MZJ-2022-011 第 3 项）" in chinese.stdout


def test_a_group_of_ledger_forms_alone_is_not_reported(run):
    # Checking LTZ-2022-006 (04-22): its weekly form matches NYW-2022-012's (in force); the ledger's
    # own group (WJW-2022-018 and MZJ-2022-011, both in force) is not reported again.
    document = check_json(run, str(LEDGER / "2022" / "ltz-2022-006.yaml"), "--ledger", str(LEDGER))
    [group] = found(document, "QD008")
    assert [(f["directive"], f["item"], f["ledger"]) for f in group["forms"]] == \
        [("QP-LTZ-2022-006", 2, False), ("QP-NYW-2022-012", 2, True)]
    # NYW-2022-012 is issued (04-18) before LTZ-2022-006: checked, it does not see it.
    earlier = check_json(run, str(LEDGER / "2022" / "nyw-2022-012.yaml"), "--ledger", str(LEDGER))
    assert found(earlier, "QD008") == []
    assert "QP-LTZ-2022-006" not in [d["id"] for d in earlier["ledger"]]


INSPECTIONS_WITH_LEDGER = (
    "inspections (督查检查考核) for village (村居): 8 in 2022 at 上海市/青浦区/夏阳街道/示例居委会 "
    "(4 from the directives checked, 4 from the ledger), above the cap of 6 a year; 14 places over the "
    "cap in all")


def test_a_cap_exceeded_only_with_the_ledger_is_qd016(run):
    # FKB-2022-024 (issued 2022-04-01) adds 2 inspections a month in April and May: 4, under the
    # village cap of 6. Of the ledger, only the directives issued by 04-01 and in force in 2022
    # count: WJW-2022-018 (monthly, March to June: 4) and CYZX-2021-008 (no inspections); those
    # issued later (MZJ-2022-011, LTZ-2022-006, YJJ-2022-007 and their inspections among them) do
    # not. 8 at each of the 14 places that receive village items, the first in the tree named.
    # FKB-2022-024 itself is in the ledger folder and counts once.
    with_ledger = check(run, str(FKB), "--ledger", str(LEDGER))
    assert f"  item 1 封控管控措施落实情况督查 (line 14)\n    error QD016 cap-exceeded: {INSPECTIONS_WITH_LEDGER}\n" \
        in with_ledger.stdout
    without = check_json(run, str(FKB))
    assert [f["message"] for f in found(without, "QD016") if f["message"].startswith("inspections")] == []
    # The caps the directive exceeds alone are there either way.
    assert sorted(f["message"].split(":")[0] for f in found(without, "QD016")) == \
        ["meetings (会议) for town (街镇)", "signs (牌子) for village (村居)"]
    chinese = run("--lang", "zh", "check", str(FKB), "--rules", str(QINGPU), "--ledger", str(LEDGER))
    assert ("错误 QD016 超过年度上限：村居（village）的督查检查考核：2022 年 上海市/青浦区/夏阳街道/示例居委会 共 8"
            "（本次审查的指令 4，台账 4），超过每年 6 的上限；共 14 处超过上限\n") in chinese.stdout


def test_a_ledger_directive_with_the_id_of_one_checked_is_counted_once(run, tmp_path):
    ledger = tmp_path / "ledger"
    ledger.mkdir()
    shutil.copy(FKB, ledger / "copy-of-the-checked.yaml")
    shutil.copy(LEDGER / "2022" / "wjw-2022-018.yaml", ledger)
    document = check_json(run, str(FKB), "--villages", str(VILLAGES), "--ledger", str(ledger))
    assert [d["id"] for d in document["ledger"]] == ["QP-WJW-2022-018"]
    [inspections] = [f for f in found(document, "QD016") if f["message"].startswith("inspections")]
    assert "8 in 2022 at" in inspections["message"]
    assert "(4 from the directives checked, 4 from the ledger)" in inspections["message"]
    # Its load is not added twice: a ledger of the checked directive alone adds nothing.
    only_itself = tmp_path / "itself"
    only_itself.mkdir()
    shutil.copy(FKB, only_itself)
    same = check_json(run, str(FKB), "--villages", str(VILLAGES), "--ledger", str(only_itself))
    alone = check_json(run, str(FKB), "--villages", str(VILLAGES))
    assert same["ledger"] == []
    assert village(same, "徐练村")["added"] == pytest.approx(village(alone, "徐练村")["added"])
    assert [f["message"] for f in found(same, "QD016")] == [f["message"] for f in found(alone, "QD016")]


def test_a_cap_the_ledger_alone_exceeds_is_not_reported_for_a_directive_that_adds_nothing_to_it(
        run, tmp_path):
    # The lockdown directive has no inspections and no town meetings; the ledger alone exceeds
    # both caps.
    document = check_json(run, str(LOCKDOWN), "--ledger", str(LEDGER))
    assert found(document, "QD016") == []
    # One inspection more, on the same day, is reported with the ledger's count: of the directives
    # issued by 04-10, FKB-2022-024 (2 a month, April and May: 4), WJW-2022-018 (monthly, March to
    # June: 4) and MZJ-2022-011 (once: 1), 9 at every place; not LTZ-2022-006 (04-22) nor
    # YJJ-2022-007 (05-20), issued after the day of the check.
    one_more = write_directive(tmp_path, "ONE-MORE", "2022-04-10", [
        "{task: 村级应急物资储备点检查, type: inspection, frequency: once, effort_hours: 1}"],
        mode="emergency")
    [cap] = found(check_json(run, str(one_more), "--ledger", str(LEDGER)), "QD016")
    assert cap["message"] == (
        "inspections (督查检查考核) for village (村居): 10 in 2022 at 上海市/青浦区/夏阳街道/示例居委会 "
        "(1 from the directives checked, 9 from the ledger), above the cap of 6 a year; 14 places "
        "over the cap in all")
    assert found(check_json(run, str(one_more)), "QD016") == []


def test_the_ledger_adds_its_load_to_the_villages(run):
    with_ledger = check_json(run, str(LOCKDOWN), "--villages", str(VILLAGES), "--ledger", str(LEDGER))
    without = check_json(run, str(LOCKDOWN), "--villages", str(VILLAGES))
    # The April hours of the items of the five directives in force, each per village:
    # WJW-2022-018 30×1 + 1×2 + 52/12×3; FKB-2022-024 2×3 + 2×2 + 1 (once);
    # MZJ-2022-011 52/12×3 + 30×1 + 4 (once) + 2×1.5 + 2 (once); CYZX-2022-015 30×1.5 + 2 (once)
    # + 30×0.5 + 30×0.5; CYZX-2021-008 52/12×1 + 52/12×1 + 1 (its town report not counted).
    weekly = 52 / 12
    ledger_hours = ((30 + 2 + 3 * weekly) + (6 + 4 + 1) + (3 * weekly + 30 + 4 + 3 + 2)
                    + (45 + 2 + 15 + 15) + (2 * weekly + 1))
    # They are what a village already works: in its baseline, and JSON `ledger` says how much of it
    # they are; `added` is the directive checked alone, and the utilisation counts both.
    for name in ("徐练村", "张马村", "章堰村"):
        load = village(with_ledger, name)
        assert load["ledger"] == pytest.approx(ledger_hours)
        assert load["baseline"] == pytest.approx(village(without, name)["baseline"] + ledger_hours)
        assert load["added"] == pytest.approx(village(without, name)["added"])
        assert load["utilisation"] == pytest.approx((load["baseline"] + load["added"]) / load["capacity"])
        assert village(without, name)["ledger"] == 0
    assert village(with_ledger, "徐练村")["baseline"] == pytest.approx(760 + ledger_hours)
    # Among the largest shares of 张马村: the ledger's daily 涉疫工单, 30 × 1.5 hours.
    shares = village(with_ledger, "张马村")["top_items"]
    [share] = [s for s in shares if s["directive"] == "QP-CYZX-2022-015"]
    assert (share["item"], share["ledger"], share["hours"]) == (1, True, 45.0)
    assert share["file"] == str(LEDGER / "2022" / "cyzx-2022-015.yaml")
    assert all(not s["ledger"] for s in village(without, "张马村")["top_items"])


def test_a_ledger_share_is_marked_in_the_text(run, tmp_path, small_rules):
    ledger = tmp_path / "ledger"
    write_directive(ledger, "BIG", "2023-05-01", ["{task: 开具居住证明, frequency: daily, effort_hours: 5}"],
                    jurisdiction="东镇")
    new = write_directive(tmp_path, "NEW", "2023-06-01", [
        "{task: 开具居住证明, frequency: monthly, effort_hours: 1, approved: 准〔2023〕1号}"],
        jurisdiction="甲市")
    villages = tmp_path / "villages.csv"
    villages.write_text("jurisdiction,staff,baseline_hours\n一村,1,0\n三村,1,0\n", encoding="utf-8")
    result = check(run, str(new), "--villages", str(villages), "--ledger", str(ledger), rules=small_rules)
    assert ("  warning QD011 near-capacity: village 甲市/东镇/一村 would work 151 of its 160 hours a month "
            "(94.38 %): 150 already, 1 added; most from ledger BIG item 1 (150 h), NEW item 1 (1 h)\n"
            ) in result.stdout
    chinese = run("--lang", "zh", "check", str(new), "--rules", str(small_rules), "--villages",
                  str(villages), "--ledger", str(ledger))
    assert "主要来自 台账 BIG 第 1 项（150 小时）、NEW 第 1 项（1 小时）" in chinese.stdout


def test_caps_count_ledger_items_by_calendar_month_within_the_year(run, tmp_path, small_rules):
    # A ledger directive from 2022-11-20 to 2023-02-10: its monthly meeting counts January and
    # February of 2023 (2), its once-meeting and its town inspection only in 2022.
    ledger = tmp_path / "ledger"
    write_directive(ledger, "LA", "2022-11-20", [
        "{task: 村务工作例会, type: meeting, frequency: monthly, effort_hours: 2}",
        "{task: 村务工作例会, type: meeting, frequency: once, effort_hours: 2}",
        "{task: 镇检查, to: town, type: inspection, frequency: once, effort_hours: 2}"],
        jurisdiction="甲市", until="2023-02-10")
    new = write_directive(tmp_path, "N2", "2023-03-01", [
        "{task: 村务工作例会, type: meeting, frequency: once, effort_hours: 1}",
        "{task: 镇检查, to: 镇, type: inspection, frequency: {times: 2, per: year}, effort_hours: 1}"],
        jurisdiction="西镇")
    document = check_json(run, str(new), "--ledger", str(ledger), rules=small_rules)
    assert [(f["item"]["item"], f["message"]) for f in found(document, "QD016")] == [
        (1, "meetings (会议) for village (村): 3 in 2023 at 甲市/西镇/三村 (1 from the directives checked, 2 from "
            "the ledger), above the cap of 2 a year"),
        # Twice a year from March: 2/12 × 10 months.
        (2, "inspections (督查检查考核) for town (镇): 1.667 in 2023 at 甲市/西镇 (1.667 from the directives "
            "checked, 0 from the ledger), above the cap of 1 a year"),
    ]
    # Not in force on 2023-03-01, LA adds no load.
    assert document["ledger"] == []
    alone = check_json(run, str(new), rules=small_rules)
    assert [f["item"]["item"] for f in found(alone, "QD016")] == [2]


def test_caps_count_ledger_directives_issued_by_the_day_of_the_check(run, tmp_path, small_rules):
    # EARLY ended in January, before the check (2023-03-01), and still spent its 2 meetings; LATE,
    # issued after the day of the check, is not counted, though it is of the check's year.
    ledger = tmp_path / "ledger"
    write_directive(ledger, "EARLY", "2023-01-05", [
        "{task: 村务工作例会, type: meeting, frequency: once, effort_hours: 1}",
        "{task: 村务工作例会, type: meeting, frequency: once, effort_hours: 1}"],
        jurisdiction="甲市", until="2023-01-31")
    write_directive(ledger, "LATE", "2023-06-01", [
        "{task: 村务工作例会, type: meeting, frequency: monthly, effort_hours: 1}"], jurisdiction="甲市")
    new = write_directive(tmp_path, "N3", "2023-03-01", [
        "{task: 村务工作例会, type: meeting, frequency: once, effort_hours: 1}"], jurisdiction="西镇")
    document = check_json(run, str(new), "--ledger", str(ledger), rules=small_rules)
    assert document["ledger"] == []  # neither is in force on 2023-03-01
    assert [f["message"] for f in found(document, "QD016")] == [
        "meetings (会议) for village (村): 3 in 2023 at 甲市/西镇/三村 (1 from the directives checked, 2 from "
        "the ledger), above the cap of 2 a year"]
    # Without EARLY: 1, under the cap; LATE's 7 meetings from June do not count.
    (ledger / "EARLY.yaml").unlink()
    assert found(check_json(run, str(new), "--ledger", str(ledger), rules=small_rules), "QD016") == []


SIGN = "{task: 村委会门口加挂牌子, type: sign, frequency: once, effort_hours: 1}"


def test_caps_count_the_villages_the_profiles_add(run, tmp_path):
    # A sign at a village office is over the cap of 0 at every place that receives it: 14 in the
    # tree (盈浦街道, with no village in the tree, among them); the profiles add 练塘镇/新村 (15),
    # and 盈浦街道/新居委会, which now receives the sign in 盈浦街道's stead.
    profiles = tmp_path / "villages.csv"
    profiles.write_text("jurisdiction,staff\n上海市/青浦区/练塘镇/新村,2\n上海市/青浦区/盈浦街道/新居委会,2\n",
                        encoding="utf-8")
    district = write_directive(tmp_path, "SIGNS", "2022-06-01", [SIGN])
    [tree] = found(check_json(run, str(district)), "QD016")
    assert tree["message"].endswith("; 14 places over the cap in all")
    [added] = found(check_json(run, str(district), "--villages", str(profiles)), "QD016")
    assert added["message"] == (
        "signs (牌子) for village (村居): 1 in 2022 at 上海市/青浦区/夏阳街道/示例居委会 (1 from the directives "
        "checked, 0 from the ledger), above the cap of 0 a year; 15 places over the cap in all")
    street = write_directive(tmp_path, "SIGN", "2022-06-01", [SIGN], jurisdiction="盈浦街道")
    [alone] = found(check_json(run, str(street)), "QD016")
    assert " at 上海市/青浦区/盈浦街道 (1 from" in alone["message"]
    [placed] = found(check_json(run, str(street), "--villages", str(profiles)), "QD016")
    assert placed["message"] == (
        "signs (牌子) for village (村居): 1 in 2022 at 上海市/青浦区/盈浦街道/新居委会 (1 from the directives "
        "checked, 0 from the ledger), above the cap of 0 a year")


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("villages.yaml", "qingdan: 1\nkind: villages\nvillages: []\n",
         "{path}:2:7: error: expected a file of kind 'directive', found kind 'villages' [QL012]"),
        ("rules.yml", "qingdan: 1\nkind: approvals\nentries: []\n",
         "{path}:2:7: error: expected a file of kind 'directive', found kind 'approvals' [QL012]"),
        ("again.yaml", FKB.read_text(encoding="utf-8"),
         # At the directive, whose mapping starts on line 4 after the comments.
         "{path}:4:1: error: a directive of id 'QP-FKB-2022-024' is in the folder twice (first in "
         "{first}) [QL206]"),
    ],
)
def test_a_ledger_folder_holding_something_else_is_an_error(run, tmp_path, name, text, message):
    ledger = tmp_path / "ledger"
    shutil.copytree(LEDGER, ledger)
    path = ledger / "2022" / "more" / name
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    result = check(run, str(LOCKDOWN), "--ledger", str(ledger))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == message.format(path=path, first=ledger / "2022" / "fkb-2022-024.yaml") + "\n"


def test_a_missing_ledger_folder_is_an_error(run, tmp_path):
    result = check(run, str(LOCKDOWN), "--ledger", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert result.stderr == \
        f"{tmp_path / 'nowhere'}: error: cannot read file: No such file or directory [QL001]\n"


# --- qingdan ledger (docs/format.md §8.8) ------------------------------------------------------


def ledger(run, folder: Path, *args: str, villages: Path = VILLAGES, rules: Path = QINGPU,
           locale: Optional[Dict[str, str]] = None):
    return run("ledger", str(folder), "--rules", str(rules), "--villages", str(villages), *args,
               locale=locale)


def test_ledger_text_for_2022(run):
    result = ledger(run, LEDGER, "--year", "2022")
    assert result.returncode == 0, result.stderr
    text = lines(result.stdout)
    # The 8 directives of 2022 and the 2021 one that has no `until`; 4 in 2021.
    assert text[0] == "ledger 2022: 9 directives reached villages (2021: 4); 7 villages"
    assert text[1] == (
        "  all villages: hours a month 804.9 (2021: 173.6) ↑, forms 1144.3 (280) ↑, fields 5850 (1400) ↑, "
        "reports 2927 (343) ↑, inspections 72 (35) ↑, meetings 126 (119) ↑, apps 7 (0) ↑, "
        "signs 7 (0) ↑, campaigns 0 (7)")
    assert text[2] == "by issuing department, over the villages each reached"
    # 练塘镇's own directive reaches its two villages with profiles: weekly from April, 9 months.
    assert "  练塘镇人民政府: hours a month 20.2 (2021: 0.0) ↑, forms 78 (0) ↑, fields 390 (0) ↑, " \
           "reports 78 (0) ↑, inspections 2 (0) ↑" in text
    # A department whose hours fell is not marked for them.
    assert "  区农业农村委: hours a month 17.5 (2021: 33.8), forms 91 (0) ↑, fields 455 (0) ↑, " \
           "reports 91 (70) ↑, inspections 0 (23.3), campaigns 0 (7)" in text
    # 徐练村, counted by hand from the files: reports 120 + 4 + 270 + 13 + 39; inspections
    # 4 + 4 + 1 + 1 + 1; hours 1448.97 over the year, 120.7 a month; 2021: 297.67, 24.8.
    assert "  上海市/青浦区/练塘镇/徐练村: hours a month 120.7 (2021: 24.8) ↑, forms 191.3 (40) ↑, " \
           "fields 975 (200) ↑, reports 446 (49) ↑, inspections 11 (5) ↑, meetings 18 (17) ↑, " \
           "apps 1 (0) ↑, signs 1 (0) ↑, campaigns 0 (1)" in text
    assert text.index("by village") == 3 + 8
    assert text[-1] == ("grew on 2021 (只减不增: burdens may only shrink): 7 of 7 villages, 8 of 8 "
                        "departments; ↑ marks what grew")


def test_ledger_json_adds_up(run):
    result = ledger(run, LEDGER, "--year", "2022", "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) == {"fingerprint", "year", "directives", "previous_directives", "total",
                             "departments", "villages"}
    assert document["fingerprint"] == shell_fingerprint(QINGPU)
    assert (document["year"], document["directives"], document["previous_directives"]) == (2022, 9, 4)
    assert [d["name"] for d in document["departments"]] == [
        "区农业农村委", "区卫生健康委", "区商务委", "区城运中心", "区应急管理局", "区民政局", "区疫情防控办",
        "练塘镇人民政府"]
    # The villages with profiles, in the order of the jurisdiction tree.
    assert [v["name"].split("/", 2)[2] for v in document["villages"]] == [
        "朱家角镇/张马村", "练塘镇/徐练村", "练塘镇/东庄村", "金泽镇/蔡浜村", "金泽镇/莲湖村", "赵巷镇/中步村",
        "重固镇/章堰村"]
    rows = [document["total"], *document["departments"], *document["villages"]]
    for row in rows:
        assert set(row) == {"name", "year", "previous", "grew"}
        for period in ("year", "previous"):
            figures = row[period]
            assert set(figures) == {"hours_per_month", "directives", *MEASURES}
            assert len(figures["hours_per_month"]) == 12
            assert figures["hours"] == pytest.approx(sum(figures["hours_per_month"]))
            assert all(figures[m] >= 0 for m in MEASURES)
        # 只减不增: exactly the measures that grew are listed, in the order of the measures.
        assert row["grew"] == [m for m in MEASURES
                               if row["year"][m] > row["previous"][m] + 1e-9]
    for period in ("year", "previous"):
        for measure in MEASURES:
            total = document["total"][period][measure]
            assert total == pytest.approx(sum(v[period][measure] for v in document["villages"]))
            # Each item has one issuer: the departments share the total out.
            assert total == pytest.approx(sum(d[period][measure] for d in document["departments"]))
        for month in range(12):
            assert document["total"][period]["hours_per_month"][month] == pytest.approx(
                sum(v[period]["hours_per_month"][month] for v in document["villages"]))
    xulian = next(v for v in document["villages"] if v["name"].endswith("徐练村"))
    assert {m: round(xulian["year"][m], 3) for m in MEASURES} == {
        "hours": 1448.973, "forms": 191.333, "fields": 975, "reports": 446, "inspections": 11,
        "meetings": 18, "apps": 1, "signs": 1, "campaigns": 0}
    assert xulian["previous"]["inspections"] == pytest.approx(5.0)
    assert xulian["previous"]["hours"] == pytest.approx(297.667, abs=1e-3)
    assert xulian["year"]["directives"] == 9 and xulian["previous"]["directives"] == 4
    # Hours by month: nothing new until WJW-2022-018 in March; the lockdown peak in April.
    months = document["total"]["year"]["hours_per_month"]
    assert months[0] == months[1] < months[2] < months[3]
    assert max(months) == months[3]
    assert document["total"]["grew"] == MEASURES[:-1]


def test_ledger_of_another_year_counts_standing_directives(run):
    document = json.loads(ledger(run, LEDGER, "--year", "2024", "--json").stdout)
    # CYZX-2021-008, CYZX-2022-015 and LTZ-2022-006 have no `until`.
    assert (document["directives"], document["previous_directives"]) == (3, 3)
    assert document["total"]["grew"] == []
    assert document["total"]["year"]["hours"] == pytest.approx(document["total"]["previous"]["hours"])


class Tree(HTMLParser):
    """Checks that every element opened is closed in order, and collects ids, tags and text."""

    VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: List[str] = []
        self.ids: Dict[str, str] = {}
        self.tags: List[str] = []
        self.text: List[str] = []
        self.errors: List[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name == "id":
                if value in self.ids:
                    self.errors.append(f"id {value} twice")
                self.ids[value] = tag
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()

    def handle_data(self, data):
        self.text.append(data)


def well_formed(html: str) -> Tree:
    tree = Tree()
    tree.feed(html)
    tree.close()
    assert tree.errors == []
    assert tree.open == []
    return tree


def test_ledger_html_is_one_well_formed_page_with_two_charts_and_three_tables(run, tmp_path):
    page = tmp_path / "ledger.html"
    result = ledger(run, LEDGER, "--year", "2022", "--html", str(page))
    assert result.returncode == 0, result.stderr
    # The text is printed as without --html.
    assert result.stdout == ledger(run, LEDGER, "--year", "2022").stdout
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert "<script" not in html.lower()
    tree = well_formed(html)
    assert tree.ids["monthly-hours"] == "svg"
    assert {name: tree.ids.get(name) for name in ("total", "departments", "villages")} == \
        {"total": "table", "departments": "table", "villages": "table"}
    # Both years' bars for each of the 12 months, each with its figure.
    assert tree.ids["department-hours"] == "svg"
    months = html[html.index('<svg id="monthly-hours"'):]
    months = months[:months.index("</svg>")]
    assert months.count('class="bar previous"') == 12 and months.count('class="bar current"') == 12
    assert "<title>2022-4: 2041.7 h</title>" in months
    # And for each of the 8 departments, in the order of their table, with their hours a month.
    departments = html[html.index('<svg id="department-hours"'):]
    departments = departments[:departments.index("</svg>")]
    assert departments.count('class="bar previous"') == 8 and departments.count('class="bar current"') == 8
    assert html.count('class="bar previous"') == 20 and html.count('class="bar current"') == 20
    # Each bar as long as its hours a month (as the department table gives them), on one scale.
    bars = re.findall(r'<rect class="bar (previous|current)" [^>]*width="([0-9.]+)"[^>]*>'
                      r'<title>(2021|2022): ([0-9.]+)</title>', departments)
    assert len(bars) == 16
    assert [(kind, year) for kind, _, year, _ in bars] == [("previous", "2021"), ("current", "2022")] * 8
    assert [float(hours) for kind, _, _, hours in bars if kind == "current"] == \
        [17.5, 105.0, 91.6, 462.6, 11.9, 84.0, 12.2, 20.2]
    longest = max(float(width) for _, width, _, _ in bars)
    for _, width, _, hours in bars:
        assert float(width) == pytest.approx(longest * float(hours) / 462.6, abs=0.1)
    labels = ["区农业农村委", "区卫生健康委", "区商务委", "区城运中心", "区应急管理局", "区民政局", "区疫情防控办",
              "练塘镇人民政府"]
    assert [departments.index(f">{name}</text>") for name in labels] == \
        sorted(departments.index(f">{name}</text>") for name in labels)
    # Each chart has a legend whose squares are in the colours of its bars.
    legend = '<tspan class="swatch-previous">■</tspan> 2021 <tspan class="swatch-current">■</tspan> 2022'
    assert legend in months and legend in departments
    style = html[html.index("<style>"):html.index("</style>")]

    def fill(selector: str) -> str:
        start = style.index(selector + "{fill:") + len(selector) + len("{fill:")
        return style[start:style.index("}", start)]

    assert fill(".swatch-previous") == fill(".bar.previous")
    assert fill(".swatch-current") == fill(".bar.current")
    # What grew is marked.
    assert '<td class="grew">120.7 (24.8) ↑</td>' in html
    assert "<td>0 (1)</td>" in html


def test_ledger_html_escapes_what_the_files_say(run, tmp_path):
    folder = tmp_path / "ledger"
    folder.mkdir()
    source = (LEDGER / "2022" / "sww-2022-009.yaml").read_text(encoding="utf-8")
    hostile = '区<b>商务</b>委 & "co"'
    changed = source.replace("department: 区商务委", "department: '" + hostile + "'")
    assert changed != source
    (folder / "sww.yaml").write_text(changed, encoding="utf-8")
    page = tmp_path / "ledger.html"
    result = ledger(run, folder, "--year", "2022", "--html", str(page))
    assert result.returncode == 0, result.stderr
    assert f"  {hostile}: hours a month 91.6 (2021: 0.0) ↑" in result.stdout
    html = page.read_text(encoding="utf-8")
    tree = well_formed(html)
    assert "b" not in tree.tags
    assert hostile in tree.text
    assert "区&lt;b&gt;商务&lt;/b&gt;委 &amp; " in html


def test_ledger_in_chinese(run, tmp_path):
    page = tmp_path / "台账.html"
    result = ledger(run, LEDGER, "--year", "2022", "--html", str(page), locale={"LANG": "zh_CN.UTF-8"})
    assert result.returncode == 0, result.stderr
    text = lines(result.stdout)
    assert text[0] == "2022 年台账：9 份指令下达到村居（2021 年 4 份）；7 个村居"
    assert text[1].startswith("  全部村居：月均工时 804.9（2021 年 173.6） ↑，表格 1144.3（280） ↑，")
    assert text[2] == "按发文单位（其下达到的村居合计）"
    assert text[-1] == "较 2021 年增加（违反只减不增）：7/7 个村居，8/8 个发文单位；↑ 表示增加"
    html = page.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html
    tree = well_formed(html)
    assert "2022 年减负台账" in tree.text
    assert {"督查检查考核", "月均工时", "创建达标"} <= set(tree.text)


def test_ledger_needs_village_profiles(run):
    result = run("ledger", str(LEDGER), "--rules", str(QINGPU), "--year", "2022")
    assert result.returncode == 2
    assert lines(result.stderr)[0] == "error: --villages is required [QU004]"


def test_the_ledger_command_counts_every_directive_of_the_year_for_its_villages(run, tmp_path, small_rules):
    folder = tmp_path / "ledger"
    write_directive(folder, "L1", "2023-01-15", [
        "{task: 村务工作例会, type: meeting, frequency: monthly, effort_hours: 2}"],
        jurisdiction="东镇", until="2023-02-10", issuer="{level: town}")
    write_directive(folder / "older", "L2", "2022-11-01", [
        "{task: 村务工作例会, type: 会议, frequency: monthly, effort_hours: 5}"], jurisdiction="甲市",
        until="2022-12-31")
    villages = tmp_path / "villages.csv"
    villages.write_text("jurisdiction,staff\n一村,1\n三村,1\n", encoding="utf-8")
    document = json.loads(ledger(run, folder, "--year", "2023", "--json", villages=villages,
                                 rules=small_rules).stdout)
    first, third = document["villages"]
    assert (first["name"], first["year"]["meetings"], first["previous"]["meetings"]) == ("甲市/东镇/一村", 2, 2)
    assert (third["name"], third["year"]["meetings"], third["previous"]["meetings"]) == ("甲市/西镇/三村", 0, 2)
    assert first["year"]["hours_per_month"][:3] == [2, 2, 0]
    assert third["previous"]["hours_per_month"][10:] == [5, 5]
    # A directive without an issuer is a row of its own, named "" in JSON; one whose issuer has no
    # department is named by its level's name in the rulebook (town is 镇).
    assert [(d["name"], d["year"]["meetings"], d["previous"]["meetings"]) for d in document["departments"]] \
        == [("", 0, 4), ("镇", 2, 0)]
    text = ledger(run, folder, "--year", "2023", villages=villages, rules=small_rules).stdout
    assert "  (no issuer): hours a month 0.0 (2022: 1.7), meetings 0 (4)\n" in text
    # L1's 2 hours in January and February at 一村, 4 / 12 a month.
    assert "  镇: hours a month 0.3 (2022: 0.0) ↑, meetings 2 (0) ↑\n" in text
    assert "  甲市/西镇/三村: hours a month 0.0 (2022: 0.8), meetings 0 (2)\n" in text


def test_one_issuing_level_is_one_department_row_however_it_is_written(run, tmp_path, small_rules):
    folder = tmp_path / "ledger"
    for name, level in (("BY-ID", "town"), ("BY-NAME", "镇")):
        write_directive(folder, name, "2023-01-15", [
            "{task: 村务工作例会, type: meeting, frequency: monthly, effort_hours: 2}"],
            jurisdiction="东镇", until="2023-02-10", issuer=f"{{level: {level}}}")
    villages = tmp_path / "villages.csv"
    villages.write_text("jurisdiction,staff\n一村,1\n", encoding="utf-8")
    document = json.loads(ledger(run, folder, "--year", "2023", "--json", villages=villages,
                                 rules=small_rules).stdout)
    assert document["total"]["year"]["meetings"] == 4
    assert [(d["name"], d["year"]["meetings"]) for d in document["departments"]] == [("镇", 4)]


def test_an_issuing_level_named_by_its_aliases_is_one_row_named_as_the_rulebook_names_it(run, tmp_path):
    # 青浦's town level is 街镇, with the aliases 街道 and 镇: one row, 街镇, 3 meetings in March.
    folder = tmp_path / "ledger"
    for name, level in (("BY-ID", "town"), ("BY-ALIAS", "镇"), ("BY-OTHER-ALIAS", "街道")):
        write_directive(folder, name, "2022-03-01", [
            "{task: 村务工作例会, type: meeting, frequency: monthly, effort_hours: 2}"],
            jurisdiction="练塘镇", until="2022-03-31", issuer=f"{{level: {level}}}")
    villages = tmp_path / "villages.csv"
    villages.write_text("jurisdiction,staff\n徐练村,2\n", encoding="utf-8")
    document = json.loads(ledger(run, folder, "--year", "2022", "--json", villages=villages).stdout)
    assert [(d["name"], d["year"]["meetings"]) for d in document["departments"]] == [("街镇", 3)]
    # 3 × 2 hours in the year, 0.5 a month.
    assert "  街镇: hours a month 0.5 (2021: 0.0) ↑, meetings 3 (0) ↑" in \
        lines(ledger(run, folder, "--year", "2022", villages=villages).stdout)


# --- extra capacity in a mode (docs/format.md §9.1 and §9.4) -----------------------------------

PROFILES_YAML = """\
qingdan: 1
kind: villages
villages:
  - {{jurisdiction: 上海市/青浦区/练塘镇/徐练村, households: 621, staff: 2, baseline_hours: 100, extra_staff: 3, extra_hours: 40, extra_mode: {mode}}}
  - {{jurisdiction: 上海市/青浦区/练塘镇/东庄村, households: 765, staff: 2, baseline_hours: 100}}
  - {{jurisdiction: 上海市/青浦区/朱家角镇/张马村, staff: 2, extra_hours: 100, extra_mode: emergency}}
"""
PROFILES_CSV = """\
村居,户数,工作人员,基线工时,额外人员,额外工时,额外工时模式
上海市/青浦区/练塘镇/徐练村,621,2,100,3,40,应急
上海市/青浦区/练塘镇/东庄村,765,2,100,,,
上海市/青浦区/朱家角镇/张马村,,2,,,100,emergency
"""
SCREENING = "{task: 组织居民参加核酸筛查, frequency: daily, effort_hours: 8, funding: true}"


@pytest.fixture(params=["yaml-by-id", "yaml-by-name", "csv-in-chinese"])
def profiles(request, tmp_path) -> Path:
    if request.param == "csv-in-chinese":
        path = tmp_path / "villages.csv"
        path.write_text(PROFILES_CSV, encoding="utf-8")
    else:
        path = tmp_path / "villages.yaml"
        path.write_text(PROFILES_YAML.format(mode="emergency" if request.param == "yaml-by-id" else "应急"),
                        encoding="utf-8")
    return path


def capacities(document: dict) -> Dict[str, float]:
    return {v["jurisdiction"].rsplit("/", 1)[1]: v["capacity"] for v in document["villages"]["most_loaded"]}


def test_extra_capacity_counts_only_for_a_directive_in_its_mode(run, tmp_path, profiles):
    emergency = write_directive(tmp_path, "T-EM", "2022-04-10", [SCREENING], jurisdiction="练塘镇",
                                mode="emergency", until="2022-04-30")
    normal = write_directive(tmp_path, "T-NO", "2022-04-10", [SCREENING], jurisdiction="练塘镇")
    raised = check_json(run, str(emergency), "--villages", str(profiles))
    # 2 staff × 160, and in emergency 3 × 160 + 40 more; a 练塘镇 directive does not reach 张马村.
    assert capacities(raised) == {"徐练村": 840, "东庄村": 320}
    assert village(raised, "徐练村")["extra"] == 520 and village(raised, "东庄村")["extra"] == 0
    assert (raised["villages"]["with_extra_capacity"], raised["villages"]["extra_capacity_modes"]) == \
        (1, ["emergency"])
    # 240 hours added to 100: over 320, well under 840.
    assert [f["village"]["jurisdiction"] for f in found(raised, "QD010")] == ["上海市/青浦区/练塘镇/东庄村"]
    text = check(run, str(emergency), "--villages", str(profiles)).stdout
    assert "  villages whose capacity counts their extra staff and hours of mode emergency (应急): 1\n" in text
    assert "  上海市/青浦区/练塘镇/徐练村  40.5 %  (100.0 + 240.0 of 840.0 hours a month)\n" in text
    plain = check_json(run, str(normal), "--villages", str(profiles))
    assert capacities(plain) == {"徐练村": 320, "东庄村": 320}
    assert plain["villages"]["with_extra_capacity"] == 0
    assert len(found(plain, "QD010")) == 2
    assert "extra staff" not in check(run, str(normal), "--villages", str(profiles)).stdout


def test_extra_capacity_needs_the_directive_in_its_mode_to_reach_the_village(run, tmp_path, profiles):
    # An emergency directive for 朱家角镇 beside a normal one for 练塘镇: only 张马村 is raised.
    elsewhere = write_directive(tmp_path, "T-EM2", "2022-04-10", [SCREENING], jurisdiction="朱家角镇",
                                mode="emergency", until="2022-04-30")
    normal = write_directive(tmp_path, "T-NO", "2022-04-10", [SCREENING], jurisdiction="练塘镇")
    document = check_json(run, str(normal), str(elsewhere), "--villages", str(profiles))
    assert capacities(document) == {"徐练村": 320, "东庄村": 320, "张马村": 420}
    assert document["villages"]["with_extra_capacity"] == 1
    # A ledger directive in that mode does not bring them either.
    ledger = tmp_path / "ledger"
    write_directive(ledger, "T-EM", "2022-04-10", [SCREENING], jurisdiction="练塘镇", mode="emergency",
                    until="2022-04-30")
    with_ledger = check_json(run, str(normal), "--villages", str(profiles), "--ledger", str(ledger))
    assert [d["id"] for d in with_ledger["ledger"]] == ["T-EM"]
    assert capacities(with_ledger)["徐练村"] == 320
    # Its 240 hours are what 徐练村 already works (100 + 240); the directive checked adds 240.
    load = village(with_ledger, "徐练村")
    assert (load["baseline"], load["ledger"], load["added"]) == (340, 240, 240)
    assert load["utilisation"] == pytest.approx(580 / 320)


def test_extra_capacity_line_in_chinese_names_the_mode(run, tmp_path):
    profiles = tmp_path / "villages.csv"
    profiles.write_text(PROFILES_CSV, encoding="utf-8")
    emergency = write_directive(tmp_path, "T-EM", "2022-04-10", [SCREENING], jurisdiction="练塘镇",
                                mode="emergency", until="2022-04-30")
    result = run("--lang", "zh", "check", str(emergency), "--rules", str(QINGPU), "--villages", str(profiles))
    assert "模式 应急（emergency）" in result.stdout  # the header line names it so
    assert "  计入应急（emergency）模式额外人员和工时的村居：1 个\n" in result.stdout


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("villages.yaml",
         "qingdan: 1\nkind: villages\nvillages:\n  - {jurisdiction: 上海市/青浦区/练塘镇/徐练村, staff: 2, extra_staff: 3}\n",
         "{path}:4:5: error: village 上海市/青浦区/练塘镇/徐练村 gives extra staff or hours but no "
         "'extra_mode' they apply in [QV002]"),
        ("villages.csv", "jurisdiction,staff,extra_hours\n上海市/青浦区/练塘镇/徐练村,2,40\n",
         "{path}:2: error: village 上海市/青浦区/练塘镇/徐练村 gives extra staff or hours but no "
         "'extra_mode' they apply in [QV002]"),
        ("villages.yaml",
         "qingdan: 1\nkind: villages\nvillages:\n  - {jurisdiction: 上海市/青浦区/练塘镇/徐练村, staff: 2, extra_staff: 3, "
         "extra_mode: wartime}\n",
         "{path}:4:5: error: unknown mode 'wartime' (modes: normal (常态), emergency (应急)) [QQ003]"),
    ],
)
def test_extra_capacity_without_its_mode_is_an_error(run, tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    directive = write_directive(tmp_path, "T-EM", "2022-04-10", [SCREENING], jurisdiction="练塘镇",
                                mode="emergency", until="2022-04-30")
    result = check(run, str(directive), "--villages", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == message.format(path=path) + "\n"
