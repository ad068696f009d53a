"""`qingdan read`: directive items as officials word them, read against the catalogue
(docs/reading.md), and the rulebook keys the reading uses (synonyms, generic_words, keywords,
statutory)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Optional

import pytest

from conftest import LOCALE_VARIABLES, ROOT, lines, make_rulebook, shell_fingerprint

NATIONAL = ROOT / "rules" / "national-village"
CERTIFICATE = "请各村为群众出具婚育情况证明"  # ZM-14 出具婚育状况证明, with 情况 for 状况
TAX = "各村落实协税护税任务"  # BY-01, through its keyword 协税护税


def read(run, *args, rules: Path = NATIONAL):
    return run("read", *args, "--rules", str(rules))


def strict_json(text: str) -> dict:
    def refuse(constant):
        raise ValueError(f"not strict JSON: {constant}")

    assert text.endswith("\n") and text.count("\n") == 1, "one line of JSON"
    return json.loads(text, parse_constant=refuse)


def readings(run, *args, rules: Path = NATIONAL) -> list:
    result = read(run, *args, "--json", rules=rules)
    assert result.returncode == 0, result.stderr
    return strict_json(result.stdout)["readings"]


def run_bytes(cli, *args: bytes) -> subprocess.CompletedProcess:
    """The command with raw bytes for arguments (text that is not UTF-8), no locale set."""
    env = {name: value for name, value in os.environ.items() if name not in LOCALE_VARIABLES}
    return subprocess.run([cli.encode(), *args], capture_output=True, timeout=60, env=env)


# What a text is read as --------------------------------------------------------------------------

def test_an_officials_wording_is_read_as_the_task_it_means_naming_the_synonym(run):
    result = read(run, CERTIFICATE)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    shown = lines(result.stdout)
    assert shown[0] == (
        "'请各村为群众出具婚育情况证明' read as ZM-14 出具婚育状况证明 (confidence 0.99: the text "
        "contains its name '出具婚育状况证明'; synonyms 情况→状况)")
    assert shown[1] == "  other candidates:"
    assert shown[2].startswith("  2. ZM-09 出具婚姻状况证明 (confidence 0.58: ")
    assert [line.split(".")[0].strip() for line in shown[2:]] == ["2", "3", "4", "5"]


def test_json_of_a_read_as_gives_the_task_its_confidence_and_the_evidence(run):
    [reading] = readings(run, CERTIFICATE)
    assert reading["text"] == CERTIFICATE
    assert reading["status"] == "read_as"
    assert reading["task"] == {"id": "ZM-14", "name": "出具婚育状况证明", "category": "证明事项",
                               "aliases": ["开具婚育状况证明", "婚育状况证明"]}
    assert 0.9 <= reading["confidence"] <= 0.99
    first = reading["candidates"][0]
    assert first["task"]["id"] == "ZM-14"
    assert first["confidence"] == reading["confidence"]
    assert (first["how"], first["matched_text"], first["matched"]) == ("contains", "name", "出具婚育状况证明")
    assert first["synonyms"] == ["情况→状况"]
    confidences = [candidate["confidence"] for candidate in reading["candidates"]]
    assert confidences == sorted(confidences, reverse=True)
    assert len(confidences) == 5
    assert reading["confidence"] - confidences[1] >= 0.2  # the default margin


def test_a_keyword_that_holds_all_the_text_says_reads_it(run):
    [reading] = readings(run, TAX)
    assert (reading["status"], reading["task"]["id"]) == ("read_as", "BY-01")
    first = reading["candidates"][0]
    assert (first["how"], first["matched_text"], first["matched"]) == ("contained", "keyword", "协税护税")


@pytest.mark.parametrize("text, matched_text, matched", [
    ("ZM-14", "id", "ZM-14"), ("出具婚育状况证明", "name", "出具婚育状况证明"),
    ("开具婚育状况证明", "alias", "开具婚育状况证明"), ("開具婚育狀況證明", "alias", "开具婚育状况证明")])
def test_an_id_or_a_name_is_exact_with_confidence_1_and_no_other_candidates(run, text, matched_text, matched):
    [reading] = readings(run, text)
    assert reading["status"] == "exact"
    assert reading["task"]["id"] == "ZM-14"
    assert reading["confidence"] == 1
    assert reading["candidates"] == []
    result = read(run, text)
    assert lines(result.stdout) == [
        f"'{text}' read as ZM-14 出具婚育状况证明 (confidence 1.00: is its {matched_text} '{matched}')"]


def test_a_text_with_nothing_close_is_read_as_none(run):
    [reading] = readings(run, "xyzzy")
    assert reading == {"text": "xyzzy", "status": "none", "task": None, "confidence": None,
                       "candidates": []}
    result = read(run, "xyzzy")
    assert result.returncode == 0
    assert lines(result.stdout) == ["nothing in the catalogue looks like 'xyzzy'"]


def test_chinese_wording_of_a_reading(run):
    result = read(run, CERTIFICATE, "xyzzy", "--lang", "zh")
    assert result.returncode == 0, result.stderr
    shown = lines(result.stdout)
    assert shown[0] == (
        "“请各村为群众出具婚育情况证明”读作 ZM-14 出具婚育状况证明（置信度 0.99：文中含名称"
        "“出具婚育状况证明”；同义词 情况→状况）")
    assert shown[1] == "  其他候选："
    assert "置信度 0.58" in shown[2]
    assert shown[-1] == "事项目录中没有与“xyzzy”相近的事项"
    in_chinese_locale = run("read", CERTIFICATE, "xyzzy", "--rules", str(NATIONAL),
                            locale={"LANG": "zh_CN.UTF-8"})
    assert in_chinese_locale.stdout == result.stdout
    assert "读作" not in read(run, CERTIFICATE, "--lang", "en").stdout


def test_texts_are_read_in_the_order_given(run):
    texts = ["xyzzy", "ZM-14", CERTIFICATE, TAX]
    found = readings(run, *texts)
    assert [reading["text"] for reading in found] == texts
    assert [reading["status"] for reading in found] == ["none", "exact", "read_as", "read_as"]
    assert [reading["task"] and reading["task"]["id"] for reading in found] == [None, "ZM-14", "ZM-14", "BY-01"]
    shown = [line for line in lines(read(run, *texts).stdout) if not line.startswith("  ")]
    assert [line.split("'")[1] for line in shown] == texts


def test_json_is_deterministic_and_names_the_rulebook_fingerprint(run):
    first = read(run, CERTIFICATE, TAX, "--json")
    second = read(run, CERTIFICATE, TAX, "--json")
    assert first.stdout == second.stdout
    assert strict_json(first.stdout)["fingerprint"] == shell_fingerprint(NATIONAL)


# Options -------------------------------------------------------------------------------------

def test_read_as_1_keeps_even_a_sure_reading_a_list_of_candidates(run):
    [reading] = readings(run, CERTIFICATE, "--read-as", "1")
    assert (reading["status"], reading["task"], reading["confidence"]) == ("candidates", None, None)
    assert reading["candidates"][0]["task"]["id"] == "ZM-14"
    shown = lines(read(run, CERTIFICATE, "--read-as", "1").stdout)
    assert shown[0] == "'请各村为群众出具婚育情况证明' may mean:"
    assert shown[1].startswith("  1. ZM-14 出具婚育状况证明 (confidence 0.99: ")


def test_a_margin_wider_than_the_lead_over_the_second_keeps_candidates(run):
    # ZM-14 at 0.99 leads ZM-09 at 0.58 by 0.41.
    assert readings(run, CERTIFICATE, "--margin", "0.4")[0]["status"] == "read_as"
    assert readings(run, CERTIFICATE, "--margin", "0.5")[0]["status"] == "candidates"


def test_candidates_limits_the_list(run):
    [one] = readings(run, CERTIFICATE, "--candidates", "1")
    assert [candidate["task"]["id"] for candidate in one["candidates"]] == ["ZM-14"]
    assert one["status"] == "read_as"  # the second is still weighed for the margin
    [two] = readings(run, CERTIFICATE, "--candidates", "2")
    assert [candidate["task"]["id"] for candidate in two["candidates"]] == ["ZM-14", "ZM-09"]


@pytest.mark.parametrize("option, value, message", [
    ("--read-as", "2", "--read-as must be a number from 0 to 1, found 2 [QU003]"),
    ("--read-as", "-0.1", "--read-as must be a number from 0 to 1, found -0.1 [QU003]"),
    ("--margin", "1.5", "--margin must be a number from 0 to 1, found 1.5 [QU003]"),
    ("--candidates", "0", "--candidates must be a whole number from 1 to 50, found 0 [QU003]"),
    ("--candidates", "51", "--candidates must be a whole number from 1 to 50, found 51 [QU003]"),
    ("--candidates", "2.5", "--candidates must be a whole number from 1 to 50, found 2.5 [QU003]"),
    ("--read-as", "abc", "--read-as must be a number from 0 to 1, found abc [QU003]"),
])
def test_options_out_of_range_are_usage_errors(run, option, value, message):
    result = read(run, CERTIFICATE, option, value)
    assert result.returncode == 2
    assert result.stdout == ""
    assert message in result.stderr


@pytest.mark.parametrize("option", ["--read-as", "--margin"])
def test_a_threshold_that_is_not_a_number_is_refused(run, option):
    result = read(run, CERTIFICATE, option, "nan")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "must be a number from 0 to 1, found nan [QU003]" in result.stderr


def test_read_needs_a_text_and_a_rulebook(run, tmp_path):
    assert run("read", "--rules", str(NATIONAL)).returncode == 2
    assert run("read", CERTIFICATE).returncode == 2
    missing = read(run, CERTIFICATE, rules=tmp_path / "nowhere")
    assert missing.returncode == 2
    assert "no such rulebook folder [QL015]" in missing.stderr
    assert "--read-as" in run("read", "--help").stdout


# Hostile texts -------------------------------------------------------------------------------

def test_control_characters_in_a_text_are_escaped_in_text_and_json(run):
    text = "\x01\x1b[31m证明\x7f"
    result = read(run, text)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x01" not in result.stdout and "\x7f" not in result.stdout
    assert "\\x1B[31m" in result.stdout
    [reading] = readings(run, text)
    assert reading["text"] == text


def test_a_text_of_100_kb_is_read_and_round_trips(run):
    text = CERTIFICATE * 2400  # 100,800 bytes of UTF-8
    assert len(text.encode()) > 100_000
    [reading] = readings(run, text)
    assert reading["text"] == text
    assert reading["status"] in ("read_as", "candidates")
    assert reading["candidates"][0]["task"]["id"] == "ZM-14"
    assert read(run, text).returncode == 0


@pytest.mark.parametrize("text", [b"\xff\xfe", b"a\xc3", "出具".encode() + b"\xff" + "婚育状况证明".encode()])
def test_a_text_that_is_not_utf8_is_bad_input_with_no_partial_output(cli, text):
    for extra in ([], [b"--json"]):
        result = run_bytes(cli, b"read", "ZM-14".encode(), text, b"--rules", str(NATIONAL).encode(), *extra)
        assert result.returncode == 2
        assert result.stderr == b"error: text is not valid UTF-8 [QQ004]\n"
        # No reading is printed; with --json, the error alone, as JSON.
        if extra:
            assert json.loads(result.stdout) == {"error": {"code": "QQ004", "message": "text is not valid UTF-8"}}
        else:
            assert result.stdout == b""


@pytest.mark.parametrize("text", ["", " ", "，。、", "-", "x" * 100_000])
def test_texts_with_nothing_to_read_are_none(run, text):
    [reading] = readings(run, text)
    assert (reading["text"], reading["status"], reading["candidates"]) == (text, "none", [])


# The rulebook keys reading uses ----------------------------------------------------------------

def lint(run, folder: Path) -> list:
    result = run("lint", str(folder), "--json")
    return [(d["file"].rsplit("/", 1)[-1], d["line"], d["code"], d["message"])
            for d in json.loads(result.stdout)["diagnostics"]]


def with_rulebook_keys(folder: Path, keys: str, files: Optional[dict] = None) -> Path:
    """The invalid corpus's valid base rulebook with `keys` added to its rulebook.yaml."""
    make_rulebook(folder, files or {})
    with open(folder / "rulebook.yaml", "a", encoding="utf-8") as rulebook:
        rulebook.write(keys)
    return folder


def test_a_synonym_in_two_groups_is_ql213_naming_the_word_and_the_first_group(run, tmp_path):
    folder = with_rulebook_keys(tmp_path / "rules", "synonyms:\n  - [开具, 出具]\n  - [出具, 提供]\n")
    assert lint(run, folder) == [
        ("rulebook.yaml", 21, "QL213",
         f"'出具' is in two groups of synonyms (first at {folder}/rulebook.yaml:20); a word must mean one thing")]
    assert run("lint", str(folder)).returncode == 1
    refused = read(run, CERTIFICATE, rules=folder)
    assert refused.returncode == 2
    assert "[QL213]" in refused.stderr


def test_a_synonym_written_differently_is_still_the_same_word(run, tmp_path):
    folder = with_rulebook_keys(tmp_path / "rules", "synonyms:\n  - [开具, 出具]\n  - [提供, 出 具]\n")
    assert [(code, message.split(" is in")[0]) for _, _, code, message in lint(run, folder)] == [
        ("QL213", "'出 具'")]


@pytest.mark.parametrize("keys, message", [
    ("synonyms:\n  - [开具]\n", "a group of synonyms needs two words or more"),
    ("synonyms:\n  - []\n", "a group of synonyms needs two words or more"),
    ("synonyms:\n  - [开具, \"。\"]\n", "'。' is only spaces and punctuation; it can never be matched"),
    ("generic_words: [\"、\"]\n", "'、' is only spaces and punctuation; it can never be matched"),
])
def test_synonyms_and_generic_words_that_cannot_work_are_ql213(run, tmp_path, keys, message):
    folder = with_rulebook_keys(tmp_path / "rules", keys)
    [(file, _, code, said)] = lint(run, folder)
    assert (file, code, said) == ("rulebook.yaml", "QL213", message)


def test_a_keyword_of_only_punctuation_is_ql213(run, tmp_path):
    folder = make_rulebook(tmp_path / "rules", {
        "more-tasks.yaml": "qingdan: 1\nkind: tasks\ntasks:\n"
                           "  - {id: XZ-23, name: 防汛隐患排查, keywords: [防汛, \"，\"]}\n"})
    assert lint(run, folder) == [
        ("more-tasks.yaml", 4, "QL213", "'，' is only spaces and punctuation; it can never be matched")]


@pytest.mark.parametrize("kind", ["collaboration", "negative", "power"])
def test_statutory_belongs_to_self_governance_entries(run, tmp_path, kind):
    owner = ", owner: {level: district}" if kind != "negative" else ""
    folder = make_rulebook(tmp_path / "rules", {
        "list.yaml": f"qingdan: 1\nkind: list\nlist: {kind}\nversion: '1'\neffective: 2024-01-01\n"
                     f"entries:\n  - {{id: E-1, task: ZM-01{owner}, statutory: {{frequency: quarterly}}}}\n"})
    [(_, line, code, message)] = lint(run, folder)
    assert (line, code) == (7, "QL102")
    assert message == (f"key 'statutory' is not allowed in a {kind} entry; it belongs to self_governance entries")


def test_statutory_on_a_self_governance_entry_is_clean(run, tmp_path):
    folder = make_rulebook(tmp_path / "rules", {
        "list.yaml": "qingdan: 1\nkind: list\nlist: self_governance\nversion: '1'\neffective: 2024-01-01\n"
                     "entries:\n  - {id: S-1, task: ZM-01, statutory: {frequency: quarterly, basis: 第三十条}}\n"})
    assert lint(run, folder) == []


TASKS_WITH_KEYWORDS = (
    "qingdan: 1\nkind: tasks\ntasks:\n"
    "  - {id: LZ-01, name: 召开村民代表会议}\n"
    "  - {id: XZ-23, name: 防汛防台隐患排查和人员转移协助, keywords: [抗洪抢险]}\n")
STATUTORY_MEETINGS = (
    "qingdan: 1\nkind: list\nlist: self_governance\nversion: '2024'\neffective: 2024-01-01\nentries:\n"
    "  - {id: S-1, task: LZ-01, statutory: {frequency: quarterly, basis: 第二十六条}}\n")
SYNONYMS = "synonyms:\n  - [开具, 出具]\n  - [亲属关系, 亲属]\n"
GENERIC_WORDS = "generic_words: [本街镇, 各居委]\n"
KINSHIP = "本街镇各居委出具亲属证明"  # ZM-01 开具亲属关系证明, in other words
FLOODS = "请各居委做好抗洪抢险工作"  # XZ-23, by its keyword alone
READING_TEXTS = [KINSHIP, FLOODS, "各居委召开代表会议", "出具证明", "ZM-01", "xyzzy"]


def reading_book(folder: Path, keys: str = SYNONYMS + GENERIC_WORDS, tasks: str = TASKS_WITH_KEYWORDS) -> Path:
    return with_rulebook_keys(folder, keys, {"more-tasks.yaml": tasks,
                                             "self-governance.yaml": STATUTORY_MEETINGS})


def test_the_rulebooks_synonyms_generic_words_and_keywords_each_change_the_reading(run, tmp_path):
    kinship, floods, *rest = readings(run, *READING_TEXTS, rules=reading_book(tmp_path / "all"))
    assert (kinship["status"], kinship["task"]["id"]) == ("read_as", "ZM-01")
    assert kinship["candidates"][0]["how"] == "contains"
    assert kinship["candidates"][0]["synonyms"] == ["出具→开具", "亲属→亲属关系"]
    assert (floods["status"], floods["task"]["id"]) == ("read_as", "XZ-23")
    assert floods["candidates"][0]["matched_text"] == "keyword"
    assert floods["candidates"][0]["matched"] == "抗洪抢险"
    assert [reading["status"] for reading in rest] == ["read_as", "candidates", "exact", "none"]

    no_synonyms = readings(run, KINSHIP, rules=reading_book(tmp_path / "no-synonyms", keys=GENERIC_WORDS))[0]
    assert no_synonyms["candidates"][0]["how"] == "similar"
    assert no_synonyms["candidates"][0]["synonyms"] == []
    assert no_synonyms["candidates"][0]["confidence"] < kinship["confidence"]
    no_generic = readings(run, KINSHIP, rules=reading_book(tmp_path / "no-generic", keys=SYNONYMS))[0]
    assert no_generic["candidates"][0]["how"] == "contains"
    assert no_generic["confidence"] < kinship["confidence"]
    no_keywords = reading_book(tmp_path / "no-keywords", tasks=TASKS_WITH_KEYWORDS.replace(", keywords: [抗洪抢险]", ""))
    assert readings(run, FLOODS, rules=no_keywords)[0]["status"] == "none"


def test_a_snapshot_reads_and_checks_as_its_folder_does(run, tmp_path):
    folder = reading_book(tmp_path / "rules")
    snapshot = tmp_path / "book.qds"
    assert run("compile", str(folder), "-o", str(snapshot)).returncode == 0
    from_folder = read(run, *READING_TEXTS, "--json", rules=folder)
    from_snapshot = read(run, *READING_TEXTS, "--json", rules=snapshot)
    assert from_folder.returncode == 0, from_folder.stderr
    assert from_snapshot.stdout == from_folder.stdout
    assert read(run, *READING_TEXTS, "--lang", "zh", rules=snapshot).stdout == \
        read(run, *READING_TEXTS, "--lang", "zh", rules=folder).stdout
    # statutory: a quarterly meeting is what the law sets (no finding), a monthly one is QD014.
    directive = tmp_path / "d.yaml"
    directive.write_text("qingdan: 1\nkind: directive\nid: D-1\nissued: 2024-06-01\nissuer: {level: town}\n"
                         "items:\n  - {task: 各居委召开代表会议, frequency: quarterly, effort_hours: 1}\n"
                         "  - {task: LZ-01, frequency: monthly, effort_hours: 1}\n", encoding="utf-8")
    checked = {rules: run("check", str(directive), "--rules", str(rules), "--json") for rules in (folder, snapshot)}
    assert checked[snapshot].stdout == checked[folder].stdout
    document = json.loads(checked[folder].stdout)
    assert [(f["code"], f["item"]["item"]) for f in document["findings"]] == [("QD014", 2)]
