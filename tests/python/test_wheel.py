"""The package as a policy office installs it: a wheel repaired by auditwheel, which carries the
shared libraries it links and OpenCC's data, so that it runs where no compiler, no -dev package
and no /usr/share/opencc is installed. scripts/setup.sh builds that wheel and installs it into
.venv, so the whole pytest run is a run against it; these tests check what the rest take for
granted. And the sdist beside it must hold everything a build reads."""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
from pathlib import Path
from typing import Dict, List
from urllib.parse import unquote, urlparse

import pytest

import qingdan
from conftest import QINGPU, ROOT

PACKAGE = Path(qingdan.__file__).resolve().parent
LIBRARIES = PACKAGE.parent / "qingdan.libs"  # where auditwheel puts the libraries it bundles
OPENCC = PACKAGE / "opencc"


def installed_wheel_tags() -> List[str]:
    try:
        text = importlib.metadata.distribution("qingdan").read_text("WHEEL") or ""
    except importlib.metadata.PackageNotFoundError:
        return []
    return [line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("Tag:")]


TAGS = installed_wheel_tags()
REPAIRED = any("manylinux" in tag for tag in TAGS)
# scripts/test.sh sets it: there a skip would hide a wheel that was not built or not repaired.
EXPECTED = os.environ.get("QINGDAN_EXPECT_REPAIRED_WHEEL") == "1"
repaired_wheel = pytest.mark.skipif(
    not REPAIRED,
    reason=f"qingdan is not installed from a wheel repaired by auditwheel (installed tags: "
    f"{', '.join(TAGS) or 'none'}; {PACKAGE}): scripts/setup.sh builds, repairs and installs one")

# What a manylinux platform provides: glibc's libraries, the C++ runtime, and two more the
# manylinux policy lists (zlib and expat: every such system has them, Python itself links them).
# Everything else must come from the wheel.
PLATFORM = {"linux-vdso.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "libc.so.6",
            "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1", "libstdc++.so.6",
            "libgcc_s.so.1"}
MANYLINUX_POLICY = {"libz.so.1", "libexpat.so.1"}
# Libraries the wheel must carry, by the start of their names.
BUNDLED = ("libyaml-cpp", "libopencc", "libutf8proc", "libboost_json", "libcrypto", "libzip")


def environment_without(*names: str) -> Dict[str, str]:
    return {name: value for name, value in os.environ.items() if name not in names}


def resolved_libraries(binary: Path) -> Dict[str, str]:
    """ldd's answer for a binary: {soname: path, or 'not found'}; the vDSO by its name."""
    if shutil.which("ldd") is None:
        pytest.skip("no ldd on this machine")
    out = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=True,
                         env=environment_without("LD_LIBRARY_PATH", "LD_PRELOAD")).stdout
    libraries = {}
    for line in out.splitlines():
        match = re.match(r"\s*(\S+)(?: => (.+?))?(?: \(0x[0-9a-f]+\))?$", line)
        assert match, line
        name, path = match.group(1), match.group(2)
        libraries[os.path.basename(name)] = path if path is not None else name
    return libraries


@pytest.mark.skipif(not EXPECTED, reason="QINGDAN_EXPECT_REPAIRED_WHEEL is not 1")
def test_the_package_is_installed_from_a_repaired_wheel_where_one_is_expected():
    assert REPAIRED, f"qingdan is installed from a wheel tagged {TAGS}, at {PACKAGE}"


@repaired_wheel
def test_the_package_is_imported_from_the_environment_not_from_the_source_or_build_tree():
    site_packages = Path(sysconfig.get_paths()["platlib"]).resolve()
    assert PACKAGE == site_packages / "qingdan"
    assert Path(qingdan._core.__file__).resolve().parent == PACKAGE
    for tree in (ROOT / "bindings", ROOT / "build", ROOT / "src"):
        assert not PACKAGE.is_relative_to(tree.resolve())
    assert not any(Path(path or ".").resolve() == (ROOT / "bindings" / "python").resolve()
                   for path in sys.path)


@repaired_wheel
def test_the_command_is_the_packages_console_script(cli):
    script = Path(cli).read_text(encoding="utf-8", errors="replace")
    assert "from qingdan._cli import main" in script
    assert (PACKAGE / "bin" / "qingdan").is_file()


@repaired_wheel
@pytest.mark.parametrize("binary", ["extension", "command-line tool"])
def test_every_library_comes_from_the_wheel_or_the_platform(binary):
    path = {"extension": Path(qingdan._core.__file__),
            "command-line tool": PACKAGE / "bin" / "qingdan"}[binary]
    libraries = resolved_libraries(path)
    problems = []
    for name, where in libraries.items():
        if where == "not found":
            problems.append(f"{name}: not found")
        elif Path(where).resolve().parent == LIBRARIES.resolve():
            continue
        elif name not in PLATFORM | MANYLINUX_POLICY:
            problems.append(f"{name}: from {where}, neither the wheel nor the platform")
    assert problems == []
    from_wheel = [name for name, where in libraries.items()
                  if where != "not found" and Path(where).resolve().parent == LIBRARIES.resolve()]
    for library in BUNDLED:
        assert any(name.startswith(library + "-") for name in from_wheel), (library, libraries)


@repaired_wheel
def test_auditwheel_names_a_manylinux_platform_tag():
    if not EXPECTED:
        pytest.importorskip("auditwheel", reason="auditwheel is not installed here")
    direct_url = importlib.metadata.distribution("qingdan").read_text("direct_url.json")
    if not direct_url:
        pytest.skip("pip did not record which wheel file it installed (direct_url.json)")
    wheel = Path(unquote(urlparse(json.loads(direct_url)["url"]).path))
    if not wheel.is_file():
        pytest.skip(f"the installed wheel {wheel} is gone")
    shown = subprocess.run([sys.executable, "-m", "auditwheel", "show", str(wheel)],
                           capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    said = " ".join(shown.stdout.split())
    match = re.search(r'is consistent with the following platform tag: "(manylinux_\d+_\d+_\w+)"',
                      said)
    assert match, said
    assert any(tag.endswith(match.group(1)) for tag in TAGS), (match.group(1), TAGS)


@repaired_wheel
def test_the_package_holds_t2s_json_and_every_dictionary_it_names():
    config = (OPENCC / "t2s.json").read_text(encoding="utf-8")
    dictionaries = set(re.findall(r'"file"\s*:\s*"([^"]+)"', config))
    assert dictionaries
    for dictionary in dictionaries:
        assert (OPENCC / dictionary).is_file(), dictionary


@repaired_wheel
def test_importing_the_package_points_opencc_at_its_own_data():
    shown = subprocess.run(
        [sys.executable, "-c",
         "import os, qingdan\n"
         "print(os.environ['QINGDAN_OPENCC_CONFIG'])\n"
         "print(qingdan.normalize('核酸檢測 組織動員'))"],
        capture_output=True, text=True, timeout=60, cwd=ROOT / "tests",
        env=environment_without("QINGDAN_OPENCC_CONFIG"))
    assert shown.returncode == 0, shown.stderr
    config, converted = shown.stdout.splitlines()
    assert Path(config) == OPENCC / "t2s.json"
    assert converted == "核酸检测组织动员"


@pytest.fixture
def damaged_data(tmp_path) -> Path:
    """A copy of the packaged data whose dictionaries are damaged: with it, a conversion fails
    only if the dictionaries are read from beside the configuration, not from /usr/share/opencc."""
    copy = tmp_path / "opencc"
    shutil.copytree(OPENCC, copy)
    for dictionary in copy.glob("*.ocd2"):
        dictionary.write_bytes(b"not a dictionary")
    return copy / "t2s.json"


@repaired_wheel
def test_opencc_reads_the_dictionaries_beside_the_configuration(damaged_data):
    shown = subprocess.run(
        [sys.executable, "-c", "import qingdan\nqingdan.normalize('組織動員')"],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "QINGDAN_OPENCC_CONFIG": str(damaged_data)})
    assert shown.returncode != 0
    assert "QE001" in shown.stderr and str(damaged_data) in shown.stderr


@repaired_wheel
def test_the_command_finds_opencc_data_of_the_package(cli, damaged_data):
    asked = [cli, "owner", "核酸檢測 組織動員", "--rules", str(QINGPU), "--at", "2022-04-15",
             "--in", "徐练村", "--json"]
    answered = subprocess.run(asked, capture_output=True, text=True, timeout=60,
                              env=environment_without("QINGDAN_OPENCC_CONFIG"))
    assert answered.returncode == 0, answered.stderr
    assert json.loads(answered.stdout)["status"] != "unknown"
    # The variable reaches the tool, and the package never overrides one that is set.
    refused = subprocess.run(asked, capture_output=True, text=True, timeout=60,
                             env={**os.environ, "QINGDAN_OPENCC_CONFIG": str(damaged_data)})
    assert refused.returncode != 0 and "QE001" in refused.stderr


@repaired_wheel
def test_the_command_opens_the_dictionaries_in_the_package(cli, tmp_path):
    if shutil.which("strace") is None:
        pytest.skip("no strace on this machine")
    trace = tmp_path / "trace"
    traced = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=openat", "-o", str(trace), cli, "owner",
         "核酸檢測 組織動員", "--rules", str(QINGPU), "--at", "2022-04-15", "--in", "徐练村"],
        capture_output=True, text=True, timeout=120,
        env=environment_without("QINGDAN_OPENCC_CONFIG"))
    if traced.returncode != 0 and not trace.exists():
        pytest.skip(f"strace cannot trace here: {traced.stderr.strip()}")
    assert traced.returncode == 0, traced.stderr
    opened = [Path(match.group(1)) for match in
              re.finditer(r'openat\([^,]+, "([^"]+\.(?:ocd2|json))", [^)]*\) = \d+',
                          trace.read_text(encoding="utf-8", errors="replace"))]
    dictionaries = [path for path in opened if path.suffix == ".ocd2"]
    assert dictionaries and OPENCC / "t2s.json" in opened
    assert all(path.parent == OPENCC for path in dictionaries), dictionaries


# --- the sdist ------------------------------------------------------------------------------------

SDISTS = sorted((ROOT / "build" / "dist").glob("qingdan-*.tar.gz"))
# What a build of the package reads, besides the files at the top.
BUILD_INPUTS = ("include", "src", "bindings", "cmake")
TOP_FILES = ("CMakeLists.txt", "pyproject.toml", "README.md", "LICENSE")


@pytest.mark.skipif(not SDISTS, reason="no sdist in build/dist (scripts/setup.sh makes one)")
def test_the_sdist_holds_everything_a_build_reads():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "ls-files", "-z", "--", *BUILD_INPUTS, *TOP_FILES],
                             capture_output=True, text=True, check=True, cwd=ROOT).stdout
    wanted = {name for name in tracked.split("\0") if name}
    assert "src/vendor/nanoarrow/nanoarrow.cc" in wanted
    with tarfile.open(SDISTS[-1]) as sdist:
        held = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert sorted(wanted - held) == []
    assert not [name for name in held if name.startswith(("build/", ".venv/", "dist/"))]
