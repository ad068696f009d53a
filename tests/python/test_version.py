"""The version is written once, in include/qingdan/version.hpp, and read from there by the
library, CMake and the Python package."""

from __future__ import annotations

import importlib.metadata
import re
import qingdan
from conftest import ROOT


def written_version() -> str:
    header = (ROOT / "include" / "qingdan" / "version.hpp").read_text(encoding="utf-8")
    return re.search(r'#define QINGDAN_VERSION "([^"]+)"', header).group(1)


def test_the_package_the_module_and_the_command_line_tell_the_version_of_the_header(run):
    version = written_version()
    assert qingdan.__version__ == version
    assert importlib.metadata.version("qingdan") == version
    shown = run("--version")
    assert shown.returncode == 0 and version in shown.stdout


def test_no_other_file_writes_the_version():
    version = written_version()
    for name in ("CMakeLists.txt", "pyproject.toml"):
        assert version not in (ROOT / name).read_text(encoding="utf-8"), name
