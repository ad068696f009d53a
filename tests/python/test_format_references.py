"""Every section reference ("§6.3") in the sources and documents names docs/format.md and one of
its numbered sections, and every link into docs/format.md names one of its headings."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List

from conftest import ROOT

FORMAT = ROOT / "docs" / "format.md"
SIGN = "\N{SECTION SIGN}"
SECTION = rf"{SIGN}\d+(?:\.\d+)*"
# "docs/format.md §6.3", "format.md §8 and §9", "docs/format.md §2.2, §6.6": the document, then
# one section or more.
REFERENCE = re.compile(rf"format\.md ({SECTION}(?:(?:,| and| or) {SECTION})*)")
NUMBERED_HEADING = re.compile(r"^(#{2,4}) (\d+(?:\.\d+)*) (.+)$", re.M)
LINK = re.compile(r"\]\(([^)#\s]*)#([^)\s]+)\)")

# Where the sources, documents, rulebooks, examples and tests live; build trees are not looked at.
FOLDERS = ["src", "include", "bindings", "docs", "rules", "examples", "tests", "scripts", "cmake"]
TOP_FILES = ["README.md", "BENCHMARKS.md", "CMakeLists.txt", "pyproject.toml"]


def texts() -> Dict[Path, str]:
    """Every text file of the repository's own folders, but this test and docs/format.md."""
    paths = [ROOT / name for name in TOP_FILES]
    for folder in FOLDERS:
        paths += [path for path in (ROOT / folder).rglob("*")
                  if path.is_file() and "__pycache__" not in path.parts]
    found = {}
    for path in paths:
        if not path.exists() or path.resolve() in (Path(__file__).resolve(), FORMAT.resolve()):
            continue
        try:
            found[path] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # images and other binary files
            continue
    return found


def numbered_sections() -> List[str]:
    return [match.group(2) for match in NUMBERED_HEADING.finditer(FORMAT.read_text(encoding="utf-8"))]


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, without punctuation, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(document: Path) -> set:
    return {slug(match.group(1))
            for match in re.finditer(r"^#{1,6} (.+)$", document.read_text(encoding="utf-8"), re.M)}


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def test_the_sections_of_docs_format_are_numbered_in_order():
    expected_next: Dict[str, int] = {"": 1}  # the next number under each parent section
    for number in numbered_sections():
        parent, _, last = number.rpartition(".")
        assert parent == "" or parent in expected_next, f"{number} has no section {parent}"
        assert int(last) == expected_next.get(parent), f"section {number} is out of order"
        expected_next[parent] = int(last) + 1
        expected_next[number] = 1
    assert len(expected_next) > 20


def test_every_section_reference_names_docs_format_and_a_section_it_has():
    sections = set(numbered_sections())
    problems = []
    for path, text in texts().items():
        named = set()  # offsets of the section signs that follow the document's name
        for reference in REFERENCE.finditer(text):
            for section in re.finditer(SECTION, reference.group(1)):
                named.add(reference.start(1) + section.start())
                if section.group(0)[1:] not in sections:
                    problems.append(f"{path.relative_to(ROOT)}:{line_of(text, reference.start())}: "
                                    f"docs/format.md has no section {section.group(0)}")
        for sign in re.finditer(SIGN, text):
            if sign.start() not in named:
                problems.append(f"{path.relative_to(ROOT)}:{line_of(text, sign.start())}: a section "
                                f"reference that does not say which document it means")
        for spec in re.finditer(r"\bSPEC\b", text):
            problems.append(f"{path.relative_to(ROOT)}:{line_of(text, spec.start())}: SPEC is no "
                            f"document of the repository; cite docs/format.md")
    assert problems == []


def test_docs_format_refers_to_its_own_sections_only():
    sections = set(numbered_sections())
    text = FORMAT.read_text(encoding="utf-8")
    missing = [f"line {line_of(text, match.start())}: {match.group(0)}"
               for match in re.finditer(SECTION, text) if match.group(0)[1:] not in sections]
    assert missing == []


def test_every_link_into_docs_format_names_one_of_its_headings():
    known = anchors(FORMAT)
    broken = []
    for path, text in texts().items():
        for link in LINK.finditer(text):
            target = (path.parent / link.group(1)).resolve() if link.group(1) else path.resolve()
            if target == FORMAT.resolve() and link.group(2) not in known:
                broken.append(f"{path.relative_to(ROOT)}:{line_of(text, link.start())}: #{link.group(2)}")
    assert broken == []


def test_the_links_of_docs_format_reach_the_headings_they_name():
    text = FORMAT.read_text(encoding="utf-8")
    broken = []
    for link in LINK.finditer(text):
        target = (FORMAT.parent / link.group(1)).resolve() if link.group(1) else FORMAT
        if not target.exists() or link.group(2) not in anchors(target):
            broken.append(f"line {line_of(text, link.start())}: {link.group(1)}#{link.group(2)}")
    assert broken == []
