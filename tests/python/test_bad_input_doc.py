"""docs/bad-input.md quotes the messages users see: each row that names a case of the invalid
corpus must quote that case's expected message exactly."""

from __future__ import annotations

import re

from conftest import INVALID, ROOT

ROW = re.compile(r"^\| [^|]+ \| ([a-z0-9-]+) \| `([^`]+)` \|")


def test_quoted_messages_are_the_ones_the_corpus_expects():
    rows = [ROW.match(line) for line in (ROOT / "docs" / "bad-input.md").read_text(encoding="utf-8").splitlines()]
    rows = [row for row in rows if row]
    assert len(rows) >= 30
    for row in rows:
        case, quoted = row.group(1), row.group(2)
        expected = (INVALID / "cases" / f"{case}.expected").read_text(encoding="utf-8").strip()
        assert expected.split("error: ", 1)[1] == quoted, case


def test_every_case_of_the_corpus_is_in_the_catalogue():
    text = (ROOT / "docs" / "bad-input.md").read_text(encoding="utf-8")
    for expected in sorted((INVALID / "cases").glob("*.expected")):
        assert f"| {expected.stem} |" in text, expected.stem
