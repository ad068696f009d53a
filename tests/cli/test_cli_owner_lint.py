"""End-to-end tests of the qingdan command on real rulebook folders."""

from __future__ import annotations

import json

from conftest import QINGPU, catalogue_size, lines, make_rulebook, shell_fingerprint

LOCKDOWN = ["--at", "2022-04-15", "--in", "徐练村", "--mode", "emergency"]


def test_owner_prints_owner_roles_and_entries(run):
    result = run("owner", "核酸筛查", "--rules", str(QINGPU), *LOCKDOWN)
    assert result.returncode == 0, result.stderr
    assert lines(result.stdout)[:8] == [
        "HS-01 组织居民参加核酸筛查  [疫情防控]",
        "on 2022-04-15 in 上海市/青浦区/练塘镇/徐练村, mode emergency (应急)",
        "status: listed",
        "owner: district (区) (区卫生健康委)",
        "roles:",
        "  district (区): owns",
        "  village (村居): assists",
        "entries:",
    ]
    assert "collaboration X-07" in result.stdout


def test_owner_explain_gives_reasons_for_skipped_entries(run):
    result = run("owner", "HS-01", "--rules", str(QINGPU), "--at", "2022-04-15", "--in", "徐练村", "--explain")
    assert result.returncode == 0
    assert "status: unlisted" in result.stdout
    assert "skipped collaboration X-07" in result.stdout
    assert "applies only in mode emergency (应急), not normal (常态)" in result.stdout


def test_owner_json_is_deterministic_and_names_the_fingerprint(run):
    args = ["owner", "开具亲属关系证明", "--rules", str(QINGPU), "--at", "2024-09-01", "--in", "徐练村", "--json"]
    first, second = run(*args), run(*args)
    assert first.returncode == 0
    assert first.stdout == second.stdout
    document = json.loads(first.stdout)
    assert document["fingerprint"] == shell_fingerprint(QINGPU)
    assert document["roles"] == {"village": "forbidden"}
    assert [entry["id"] for entry in document["entries"]] == ["N-01"]
    assert document["entries"][0]["edition"] == "2024"


def test_owner_of_unknown_text_succeeds_with_suggestions(run):
    result = run("owner", "核酸检测组织", "--rules", str(QINGPU), "--at", "2022-04-15")
    assert result.returncode == 0
    assert "status: unknown" in result.stdout
    assert "did you mean:" in result.stdout
    assert "HS-01 组织居民参加核酸筛查" in result.stdout


def test_owner_of_a_word_lists_the_tasks_it_may_mean_as_read_candidates(run):
    document = json.loads(run("owner", "防汛", "--rules", str(QINGPU), "--json").stdout)
    assert document["status"] == "unknown"
    assert document["task"] is None
    first = document["candidates"][0]
    assert first["task"]["id"] == "XZ-23"
    assert (first["matched_text"], first["matched"]) == ("keyword", "防汛")
    assert 0.12 <= first["confidence"] <= 0.99
    assert [task["id"] for task in document["suggestions"]] == \
        [candidate["task"]["id"] for candidate in document["candidates"]]
    assert document["suggestions"][0]["id"] == "XZ-23"
    text = run("owner", "防汛", "--rules", str(QINGPU)).stdout
    assert "did you mean:\n  XZ-23 防汛防台隐患排查和人员转移协助" in text


def test_owner_with_unknown_jurisdiction_is_bad_input(run):
    result = run("owner", "HS-01", "--rules", str(QINGPU), "--in", "徐练")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "unknown jurisdiction '徐练'" in result.stderr
    assert "[QQ001]" in result.stderr


def test_owner_with_bad_date_or_mode_is_bad_input(run):
    assert run("owner", "HS-01", "--rules", str(QINGPU), "--at", "2022-02-30").returncode == 2
    result = run("owner", "HS-01", "--rules", str(QINGPU), "--mode", "wartime")
    assert result.returncode == 2
    assert "unknown mode 'wartime' (modes: normal (常态), emergency (应急))" in result.stderr


def test_owner_on_a_missing_or_broken_rulebook_is_bad_input(run, tmp_path):
    missing = run("owner", "HS-01", "--rules", str(tmp_path / "nowhere"))
    assert missing.returncode == 2
    assert "no such rulebook folder" in missing.stderr
    broken = make_rulebook(tmp_path / "broken", {"neg.yaml": "qingdan: 1\nkind: list\nlist: negative\n"})
    result = run("owner", "HS-01", "--rules", str(broken))
    assert result.returncode == 2
    assert f"{broken}/neg.yaml:1:1: error: a list file is missing the required key 'version'" in result.stderr


def test_lint_of_the_shipped_rulebook_is_clean(run):
    result = run("lint", str(QINGPU))
    assert result.returncode == 0
    assert lines(result.stdout) == [
        f"{QINGPU}: 0 errors, 0 warnings; fingerprint {shell_fingerprint(QINGPU)}"
    ]


def test_lint_lists_every_error_and_exits_1(run, tmp_path):
    folder = make_rulebook(
        tmp_path / "rules",
        {
            "neg.yaml": "qingdan: 1\nkind: list\nlist: negative\nversion: '1'\neffective: 2024-01-01\n"
            "entries:\n  - {id: N-1, task: ZM-02, mode: [normal]}\n  - {id: N-2, task: ZM-01, levels: [villag]}\n"
        },
    )
    result = run("lint", str(folder))
    assert result.returncode == 1
    assert lines(result.stdout) == [
        f"{folder}/neg.yaml:7:21: error: task 'ZM-02' is not in the task catalogue (did you mean 'ZM-01'?) [QL202]",
        f"{folder}/neg.yaml:7:28: error: unknown key 'mode' in a negative entry (did you mean 'modes'?) [QL102]",
        f"{folder}/neg.yaml:8:37: error: unknown level 'villag' (levels: city (市), district (区), town (街镇), village (村居)) (did you mean 'village'?) [QL203]",
        f"{folder}: 3 errors, 0 warnings; fingerprint {shell_fingerprint(folder)}",
    ]


def test_lint_with_warnings_only_exits_0_and_json_counts_them(run, tmp_path):
    folder = make_rulebook(
        tmp_path / "rules",
        {"neg.yaml": "qingdan: 1\nkind: list\nlist: negative\nversion: '1'\neffective: 2024-01-01\n"
         "entries:\n  - {id: N-1, category: 证明}\n"},
    )
    assert run("lint", str(folder)).returncode == 0
    document = json.loads(run("lint", str(folder), "--json").stdout)
    assert (document["errors"], document["warnings"]) == (0, 1)
    assert document["diagnostics"][0]["code"] == "QL211"


def test_lint_reports_a_conflict_between_lists(run, tmp_path):
    folder = make_rulebook(
        tmp_path / "rules",
        {
            "collab.yaml": "qingdan: 1\nkind: list\nlist: collaboration\nversion: '1'\neffective: 2022-01-01\n"
            "entries:\n  - {id: X-1, task: ZM-01, owner: {level: district}}\n",
            "neg.yaml": "qingdan: 1\nkind: list\nlist: negative\nversion: '1'\neffective: 2023-01-01\n"
            "entries:\n  - {id: N-1, category: 证明事项}\n",
        },
    )
    result = run("lint", str(folder))
    assert result.returncode == 1
    assert (
        f"{folder}/neg.yaml:7:5: error: task ZM-01 开具亲属关系证明: village (村居) assists by entry X-1 but is "
        "forbidden by negative entry N-1 in 上海市 from 2023-01-01 on, mode normal, emergency [QL300]"
    ) in result.stdout


def test_tasks_searches_ids_names_and_aliases(run):
    result = run("tasks", "证明", "--rules", str(QINGPU))
    assert result.returncode == 0
    certificates = ["ZZ-24"] + [f"ZM-{n:02d}" for n in range(1, 21)]
    assert [line.split("\t")[0] for line in lines(result.stdout)[:-1]] == certificates
    assert lines(result.stdout)[-1] == "21 tasks"
    by_alias = json.loads(run("tasks", "敲门", "--rules", str(QINGPU), "--json").stdout)
    assert [task["id"] for task in by_alias["tasks"]] == ["HS-05"]
    everything = run("tasks", "--rules", str(QINGPU))
    assert lines(everything.stdout)[-1] == f"{catalogue_size(QINGPU)} tasks"


def test_every_command_has_help(run):
    for command in ("owner", "lint", "tasks"):
        result = run(command, "--help")
        assert result.returncode == 0, command
        assert "--json" in result.stdout


def test_usage_errors_exit_2(run):
    assert run().returncode == 2
    assert run("frobnicate").returncode == 2
    assert run("owner", "HS-01").returncode == 2  # --rules is required
    assert run("lint", str(QINGPU), "--bogus").returncode == 2


def test_lint_sarif_places_each_diagnostic(run, tmp_path):
    folder = make_rulebook(
        tmp_path / "rules",
        {"neg.yaml": "qingdan: 1\nkind: list\nlist: negative\nversion: '1'\neffective: 2024-01-01\n"
                     "entries:\n  - {id: N-1, task: ZM-02}\n  - {id: N-2, category: 证明}\n"},
    )
    result = run("lint", str(folder), "--format", "sarif")
    assert result.returncode == 1
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    (only_run,) = sarif["runs"]
    assert only_run["tool"]["driver"]["name"] == "qingdan"
    assert only_run["columnKind"] == "unicodeCodePoints"
    rules = {rule["id"]: rule["shortDescription"]["text"] for rule in only_run["tool"]["driver"]["rules"]}
    assert set(rules) == {"QL202", "QL211"} and all(rules.values())
    first, second = only_run["results"]
    assert (first["ruleId"], first["level"]) == ("QL202", "error")
    assert (second["ruleId"], second["level"]) == ("QL211", "warning")
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == f"{folder}/neg.yaml"
    assert location["region"] == {"startLine": 7, "startColumn": 21}
    assert first["message"]["text"].startswith("task 'ZM-02' is not in the task catalogue")
    assert run("lint", str(folder), "--format", "xml").returncode == 2


def test_missing_chinese_conversion_data_is_a_clear_error(run):
    missing = {"QINGDAN_OPENCC_CONFIG": "/nonexistent/t2s.json"}
    result = run("owner", "HS-01", "--rules", str(QINGPU), locale=missing)
    assert result.returncode == 2
    assert "cannot open OpenCC's traditional-to-simplified data '/nonexistent/t2s.json'" in result.stderr
    assert "[QE001]" in result.stderr
