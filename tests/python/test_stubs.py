"""The shipped type stubs must describe the compiled module exactly."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import qingdan
from qingdan import _core

STUBS = Path(qingdan.__file__).with_name("_core.pyi")


def stub_names() -> dict:
    tree = ast.parse(STUBS.read_text(encoding="utf-8"))
    names = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names[node.name] = {item.name for item in node.body
                                if isinstance(item, ast.FunctionDef) and not item.name.startswith("_")}
        elif isinstance(node, ast.FunctionDef):
            names[node.name] = None
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = None
    return names


def runtime_names() -> dict:
    names = {}
    for name, value in vars(_core).items():
        if name.startswith("_") and name != "__version__":
            continue
        if inspect.isclass(value):
            names[name] = {member for member in vars(value) if not member.startswith("_")}
        else:
            names[name] = None
    return names


def test_stubs_are_shipped_with_py_typed():
    assert STUBS.is_file()
    assert STUBS.with_name("py.typed").is_file()


def test_stubs_match_the_module():
    stubs = stub_names()
    assert stubs == runtime_names()


def test_package_reexports_the_core():
    for name in qingdan.__all__:
        assert hasattr(qingdan, name), name
    assert issubclass(qingdan.Error, ValueError)
