"""The shipped type stubs must describe the compiled module exactly: its names, and the
parameters of every function and method (names, order, kinds and defaults)."""

from __future__ import annotations

import __future__
import ast
import copy
import inspect
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest

import qingdan
from qingdan import _core

STUBS = Path(qingdan.__file__).with_name("_core.pyi")
STUB_TREE = ast.parse(STUBS.read_text(encoding="utf-8"))


def stub_names() -> dict:
    names = {}
    for node in STUB_TREE.body:
        if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            names[node.name] = {item.name for item in node.body
                                if isinstance(item, ast.FunctionDef) and not item.name.startswith("_")}
        elif isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
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


# --- mypy's stubtest ------------------------------------------------------------------------------

# What stubtest reports of every class pybind11 makes, and the stubs rightly leave out: the class is
# made by pybind11's metaclass, and without a bound constructor its __init__(*args, **kwargs) only
# raises TypeError.
PYBIND11_MACHINERY = (
    re.compile(r"qingdan\._core\.\w+ is inconsistent, metaclass differs"),
    re.compile(r"qingdan\._core\.\w+\.__init__ is inconsistent, stub does not have "
               r"\*args parameter \"args\""),
)


def test_stubtest_finds_nothing_but_pybind11s_machinery():
    pytest.importorskip("mypy.stubtest", reason="mypy is not installed (pip install '.[test]')")
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "qingdan._core", "--concise"],
        capture_output=True, text=True, timeout=300)
    reported = result.stdout.strip().splitlines()
    assert reported, result.stderr
    assert not [line for line in reported
                if not any(pattern.fullmatch(line) for pattern in PYBIND11_MACHINERY)]


# --- signatures, which stubtest cannot see ---------------------------------------------------------
#
# Functions bound with pybind11 have no __text_signature__, so stubtest checks their names only.
# pybind11 writes each signature at the head of the docstring instead ("name(self: T, a: object,
# *, b: object = None) -> R", one numbered line per overload): read as Python, it gives an
# inspect.Signature to compare with that of the stub's function.

SOME_DEFAULT = object()  # a stub's `= ...`: a default, not saying which


def signature_of(function: ast.FunctionDef) -> inspect.Signature:
    """The signature of a `def` as Python makes it, with its annotations unevaluated."""
    bare = copy.deepcopy(function)
    bare.decorator_list, bare.returns, bare.body = [], None, [ast.Pass()]
    for default in [*bare.args.defaults, *bare.args.kw_defaults]:
        if isinstance(default, ast.Constant) and default.value is Ellipsis:
            default.value = "\0some default"
    module = ast.fix_missing_locations(ast.Module(body=[bare], type_ignores=[]))
    namespace: dict = {}
    exec(compile(module, "<signature>", "exec", flags=__future__.annotations.compiler_flag,
                 dont_inherit=True), namespace)
    signature = inspect.signature(namespace[function.name])
    return signature.replace(parameters=[
        parameter.replace(default=SOME_DEFAULT) if parameter.default == "\0some default"
        else parameter for parameter in signature.parameters.values()])


def docstring_signatures(function) -> List[inspect.Signature]:
    """The signatures pybind11 wrote at the head of a bound function's docstring."""
    lines = (function.__doc__ or "").splitlines()
    name = function.__name__
    if len(lines) > 1 and lines[1] == "Overloaded function.":
        heads = [line.split(". ", 1)[1] for line in lines if re.match(rf"\d+\. {name}\(", line)]
    else:
        heads = lines[:1]
    signatures = []
    for head in heads:
        assert head.startswith(f"{name}("), f"{name}: no signature in its docstring: {head!r}"
        source = "def " + head.replace("::", ".") + ": pass"  # C++ names of unbound types
        try:
            definition = ast.parse(source).body[0]
        except SyntaxError as error:
            pytest.fail(f"cannot read the signature pybind11 wrote for {name}: {head!r} ({error}); "
                        "give its defaults a Python repr")
        signatures.append(signature_of(definition))
    return signatures


def runtime_signatures(function) -> List[inspect.Signature]:
    if inspect.isfunction(function) or getattr(function, "__text_signature__", None):
        return [inspect.signature(function)]
    return docstring_signatures(function)


Parameter = Tuple[Optional[str], str, object]


def parameters(signature: inspect.Signature, method: bool) -> List[Parameter]:
    """(name, kind, default) of each parameter a caller sees: without self; a name only where a
    caller can use it (pybind11 names an unnamed argument argN, which only goes by position)."""
    found = list(signature.parameters.values())[1 if method else 0:]
    described = []
    for parameter in found:
        kind = parameter.kind
        if re.fullmatch(r"arg\d+", parameter.name) and kind == parameter.POSITIONAL_OR_KEYWORD:
            kind = parameter.POSITIONAL_ONLY
        named = kind in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY)
        described.append((parameter.name if named else None, kind.description, parameter.default))
    return described


def same_default(runtime: object, stub: object) -> bool:
    if runtime is inspect.Parameter.empty or stub is inspect.Parameter.empty:
        return runtime is stub
    return stub is SOME_DEFAULT or (type(runtime), runtime) == (type(stub), stub)


def differences(runtime: List[Parameter], stub: List[Parameter]) -> List[str]:
    if [(name, kind) for name, kind, _ in runtime] != [(name, kind) for name, kind, _ in stub]:
        return [f"parameters {[(n, k) for n, k, _ in stub]} in the stub, "
                f"{[(n, k) for n, k, _ in runtime]} in the module"]
    return [f"parameter {name or kind}: default {stub_default!r} in the stub, "
            f"{runtime_default!r} in the module"
            for (name, kind, runtime_default), (_, _, stub_default) in zip(runtime, stub)
            if not same_default(runtime_default, stub_default)]


def stub_functions() -> Dict[Tuple[Optional[str], str], List[ast.FunctionDef]]:
    """The stub's functions by (class, name); an overloaded one has a def per overload."""
    functions: Dict[Tuple[Optional[str], str], List[ast.FunctionDef]] = {}
    for node in STUB_TREE.body:
        if isinstance(node, ast.FunctionDef):
            functions.setdefault((None, node.name), []).append(node)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    functions.setdefault((node.name, item.name), []).append(item)
    return functions


def decorators(function: ast.FunctionDef) -> set:
    return {decorator.id for decorator in function.decorator_list if isinstance(decorator, ast.Name)}


def runtime_functions():
    """(class, name, function, is a method) for every function of the module, bound or added by
    the package, but the constructors pybind11 gives every class."""
    for name, value in vars(_core).items():
        if callable(value) and not inspect.isclass(value) and not name.startswith("_"):
            yield None, name, value, False
        if not inspect.isclass(value) or name.startswith("_"):
            continue
        for member, attribute in vars(value).items():
            if member in ("__init__", "_pybind11_conduit_v1_") or isinstance(attribute, property):
                continue
            if isinstance(attribute, staticmethod):
                yield name, member, attribute.__func__, False
            elif callable(attribute):
                yield name, member, attribute, True


def test_the_module_has_functions_whose_signatures_pybind11_wrote():
    signatures = {(owner, name): runtime_signatures(function)
                  for owner, name, function, _ in runtime_functions()}
    assert len(signatures[("Rulebook", "owners_arrow")][0].parameters) == 10
    assert len(signatures[("Decisions", "__getitem__")]) == 2


def test_every_function_has_the_stubs_parameters():
    stubs = stub_functions()
    problems = []
    for owner, name, function, method in runtime_functions():
        where = f"{owner}.{name}" if owner else name
        defined = stubs.get((owner, name))
        if defined is None:
            if not name.startswith("__"):  # __repr__ and the like come from object
                problems.append(f"{where}: not in the stubs")
            continue
        if method == ("staticmethod" in decorators(defined[0])) and owner is not None:
            problems.append(f"{where}: a {'method' if method else 'static method'} in the module "
                            f"but not in the stubs")
            continue
        runtime = runtime_signatures(function)
        if len(runtime) != len(defined):
            problems.append(f"{where}: {len(runtime)} overload(s) in the module, "
                            f"{len(defined)} in the stubs")
            continue
        for index, (signature, stub) in enumerate(zip(runtime, defined)):
            label = where if len(runtime) == 1 else f"{where} (overload {index + 1})"
            problems += [f"{label}: {difference}" for difference in differences(
                parameters(signature, method), parameters(signature_of(stub), method))]
    assert problems == []


def test_the_comparison_sees_a_parameter_that_differs():
    stub = ast.parse("def f(self, a, b=None, *, c='en', **limits): ...").body[0]
    module = ast.parse("def f(self, a, b=1, *, d='en', **kwargs): ...").body[0]
    found = differences(parameters(signature_of(module), True),
                        parameters(signature_of(stub), True))
    assert found and "'c'" in found[0] and "'d'" in found[0]
    module = ast.parse("def f(self, a, b=1, *, c='en', **kwargs): ...").body[0]
    assert differences(parameters(signature_of(module), True),
                       parameters(signature_of(stub), True)) == [
        "parameter b: default None in the stub, 1 in the module"]
    any_default = ast.parse("def f(self, a, b=..., *, c=..., **limits): ...").body[0]
    assert differences(parameters(signature_of(module), True),
                       parameters(signature_of(any_default), True)) == []
