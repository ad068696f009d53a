"""Every diagnostic code the sources can emit is documented, with an example, for rule authors."""

from __future__ import annotations

import re

from conftest import ROOT

SOURCES = [*ROOT.glob("src/**/*.cpp"), *ROOT.glob("src/**/*.hpp"), *ROOT.glob("include/qingdan/**/*.hpp"),
           *ROOT.glob("bindings/python/*.cpp")]


def emitted(prefix: str) -> set:
    codes = set()
    for path in SOURCES:
        codes |= set(re.findall(rf'"({prefix}\d{{3}})"', path.read_text(encoding="utf-8")))
    return codes


def test_every_rule_file_code_has_a_row_with_an_example_in_rules_readme():
    table = (ROOT / "rules" / "README.md").read_text(encoding="utf-8")
    rows = {match.group(1): match.group(0) for match in re.finditer(r"^\| (QL\d{3}) \|.*$", table, re.M)}
    used = emitted("QL")
    assert used <= set(rows), sorted(used - set(rows))
    for code in used:
        assert "`" in rows[code], f"{code} has no example"


def test_every_question_and_village_code_is_documented():
    documentation = (ROOT / "rules" / "README.md").read_text(encoding="utf-8") + \
        (ROOT / "README.md").read_text(encoding="utf-8")
    for prefix in ("QQ", "QU", "QE", "QV", "QC"):
        for code in emitted(prefix):
            assert code in documentation, code


def test_sarif_knows_every_rule_file_code():
    catalogue = (ROOT / "src" / "wording" / "diagnostic_codes.hpp").read_text(encoding="utf-8")
    assert emitted("QL") <= set(re.findall(r'"(QL\d{3})"', catalogue))


def test_every_finding_code_has_a_row_with_an_example_in_rules_readme():
    report_header = (ROOT / "include" / "qingdan" / "report.hpp").read_text(encoding="utf-8")
    codes = set(re.findall(r'"(QD\d{3})"', report_header))
    assert {"QD001", "QD012", "QD013", "QD014"} <= codes
    table = (ROOT / "rules" / "README.md").read_text(encoding="utf-8")
    rows = {match.group(1): match.group(0) for match in re.finditer(r"^\| (QD\d{3}) \|.*$", table, re.M)}
    assert codes == set(rows), sorted(codes ^ set(rows))
    for code in codes:
        assert "`" in rows[code], f"{code} has no example"
