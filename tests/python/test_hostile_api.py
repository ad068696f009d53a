"""Hostile and careless arguments to the Python API: a wrong type is a TypeError, a wrong value a
ValueError or qingdan.Error, each naming the argument; never a bare RuntimeError, never a crash,
and never an argument silently taken as something else."""

from __future__ import annotations

import datetime
import inspect
import json
import math
import pathlib

import pytest

import qingdan
from conftest import QINGPU, ROOT

DIRECTIVES = ROOT / "examples" / "directives"
VILLAGES = ROOT / "examples" / "villages" / "qingpu.csv"
VILLAGE = "上海市/青浦区/练塘镇/徐练村"


@pytest.fixture(scope="module")
def book() -> qingdan.Rulebook:
    return qingdan.Rulebook.load(str(QINGPU))


@pytest.fixture(scope="module")
def directive() -> qingdan.Directive:
    return qingdan.Directive.load(str(DIRECTIVES / "social-assistance-2025.yaml"))


def raises(kind, *words):
    """pytest.raises that also checks the message names `words`."""
    return pytest.raises(kind, match="|".join(words) if words else None)


# Paths ---------------------------------------------------------------------------------------

def test_a_nul_in_a_path_is_a_value_error_not_a_shorter_path(tmp_path):
    for call in (lambda p: qingdan.Rulebook.load(p), lambda p: qingdan.lint(p),
                 lambda p: qingdan.run_rule_tests(p), lambda p: qingdan.Directive.load(p),
                 lambda p: qingdan.Villages.load(p)):
        with raises(ValueError, "(path|rules) contains a NUL character"):
            call(str(QINGPU) + "\0/x")
    book = qingdan.Rulebook.load(str(QINGPU))
    with raises(ValueError, "NUL"):
        book.save_snapshot(str(tmp_path / "book.qds") + "\0.txt")
    assert not (tmp_path / "book.qds").exists()


def test_paths_may_be_str_or_path_like_but_nothing_else(tmp_path):
    assert qingdan.Rulebook.load(pathlib.Path(QINGPU)).name == qingdan.Rulebook.load(str(QINGPU)).name
    assert qingdan.lint(pathlib.Path(QINGPU)).errors == 0
    assert len(qingdan.Villages.load(VILLAGES)) == 68
    for wrong in (b"rules", 3, None, ["rules"]):
        with raises(TypeError, "path must be str or os.PathLike"):
            qingdan.Rulebook.load(wrong)
    with raises(ValueError, "path is not valid text"):
        qingdan.Rulebook.load("rules\ud800")


# Sequences of tasks and directives ------------------------------------------------------------

def test_a_str_where_tasks_belong_is_a_type_error_not_five_unknown_tasks(book):
    for text in ("HS-01", b"HS-01", bytearray(b"HS-01")):
        with raises(TypeError, "tasks must be a sequence of str, not a single"):
            book.owners(text)
    with raises(TypeError, r"tasks\[1\] must be str, not int"):
        book.owners(["HS-01", 3])
    with raises(ValueError, r"tasks\[0\] is not valid text: it holds a lone surrogate \(U\+D800\)"):
        book.owners(["\ud800"])
    assert len(book.owners(("HS-01", "HS-01"))) == 2


def test_check_takes_a_directive_or_a_sequence_of_them(book, directive):
    with raises(TypeError, "directives must be a sequence of Directive, not a single str"):
        book.check("x")
    with raises(TypeError, r"directives\[1\] must be Directive, not str"):
        book.check([directive, "x"])
    with raises(TypeError, "villages must be Villages or None, not str"):
        book.check(directive, "villages.csv")
    assert book.check(directive).verdict == book.check([directive]).verdict


# Whole numbers and numbers ---------------------------------------------------------------------

@pytest.mark.parametrize("limit", ["max_depth", "max_file_bytes", "max_alias_nodes", "max_entries",
                                   "max_text_bytes", "max_files"])
@pytest.mark.parametrize("value, error", [
    (10**30, ValueError), (-1, ValueError), (3.5, TypeError), (True, TypeError), ("64", TypeError),
    (None, TypeError),
])
def test_load_limits_are_whole_numbers_in_range(limit, value, error):
    with raises(error, limit):
        qingdan.Rulebook.load(str(QINGPU), **{limit: value})
    with raises(error, limit):
        qingdan.lint(str(QINGPU), **{limit: value})


def test_a_load_limit_that_fits_is_taken(tmp_path):
    assert qingdan.Rulebook.load(str(QINGPU), max_depth=2**32 - 1).task_count > 0
    with raises(ValueError, "max_depth must be a whole number from 0 to 4294967295, found 4294967296"):
        qingdan.Rulebook.load(str(QINGPU), max_depth=2**32)
    with raises(ValueError, "language"):
        qingdan.Rulebook.load(str(QINGPU), language="fr")
    with raises(TypeError, "language must be str, not int"):
        qingdan.Rulebook.load(str(QINGPU), language=1)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, -0.5, 10.5, 10**400])
def test_warn_at_must_be_a_number_from_0_to_10(book, directive, value):
    with pytest.raises(qingdan.Error) as error:
        book.check(directive, qingdan.Villages.load(VILLAGES), warn_at=value)
    assert error.value.code == "QU003"
    assert "warn_at must be a number from 0 to 10" in str(error.value)


def test_check_options_of_the_wrong_type(book, directive):
    for value in (True, "0.9", None):
        with raises(TypeError, "warn_at must be int or float"):
            book.check(directive, warn_at=value)
    with raises(ValueError, "most_loaded"):
        book.check(directive, most_loaded=-1)
    with raises(TypeError, "most_loaded must be int, not float"):
        book.check(directive, most_loaded=2.5)
    report = book.check(directive, qingdan.Villages.load(VILLAGES), warn_at=1, most_loaded=3)
    assert report.villages.warn_at == 1.0 and len(report.villages.most_loaded) == 3


# Text ------------------------------------------------------------------------------------------

def test_a_lone_surrogate_in_a_directive_dict_names_the_field():
    fields = {"qingdan": 1, "kind": "directive", "id": "D", "issued": "2025-01-01",
              "items": [{"task": "核酸\ud800筛查", "frequency": "daily", "effort_hours": 1}]}
    with raises(ValueError, r"fields\['items'\]\[0\]\['task'\] is not valid text"):
        qingdan.Directive.from_dict(fields)
    with raises(TypeError, "fields must be dict, not str"):
        qingdan.Directive.from_dict("id: D")
    with raises(ValueError, "text is not valid text"):
        qingdan.Directive.parse("id: \ud800")


def test_owner_names_the_argument_that_is_not_text(book):
    with raises(ValueError, "task is not valid text"):
        book.owner("\udc80")
    with raises(TypeError, "jurisdiction must be str, not int"):
        book.owner("HS-01", jurisdiction=3)
    with raises(ValueError, "mode is not valid text"):
        book.owner("HS-01", mode="\ud800")
    with raises(TypeError, "jurisdiction must be str, not bytes"):
        book.owners(["HS-01"], jurisdiction=b"x")


# Village dicts as a CSV reader or a spreadsheet gives them ----------------------------------------

def utilisations(report: qingdan.Report) -> list:
    return [(v.jurisdiction, round(v.utilisation, 9)) for v in report.villages.most_loaded]


def test_village_dicts_accept_the_strings_of_csv_dictreader(book, directive, tmp_path):
    rows = [{"jurisdiction": VILLAGE, "households": "621", "population": " 2120 ", "staff": "7",
             "hours_per_month": "", "baseline_hours": "760", "note": ""},
            {"jurisdiction": "上海市/青浦区/练塘镇/东庄村", "households": 400, "population": None,
             "staff": "", "hours_per_month": "900.5", "baseline_hours": ""}]
    csv = tmp_path / "v.csv"
    csv.write_text("jurisdiction,households,population,staff,hours_per_month,baseline_hours,note\n"
                   f"{VILLAGE},621, 2120 ,7,,760,\n上海市/青浦区/练塘镇/东庄村,400,,,900.5,,\n", encoding="utf-8")
    from_dicts = book.check(directive, qingdan.Villages.from_dicts(rows))
    from_csv = book.check(directive, qingdan.Villages.load(csv))
    assert utilisations(from_dicts) == utilisations(from_csv)
    assert len(utilisations(from_dicts)) == 2


@pytest.mark.parametrize("row, message", [
    ({"staff": "abc"}, "'abc' is not a number (column staff) [QV002]"),
    ({"staff": "nan"}, "'nan' is not a number (column staff) [QV002]"),
    ({"staff": math.nan}, "'nan' is not a number (column staff) [QV002]"),
    ({"staff": math.inf}, "'inf' is not a number (column staff) [QV002]"),
    ({"staff": 10**400}, "'inf' is not a number (column staff) [QV002]"),
    ({"staff": 7, "households": "1e308"}, "'households' must be at most 1000000, found 1e+308"),
])
def test_village_dicts_with_values_that_are_not_figures(row, message):
    with pytest.raises(qingdan.Error) as error:
        qingdan.Villages.from_dicts([{"jurisdiction": VILLAGE, **row}])
    assert message in str(error.value)
    assert error.value.file == "<village dicts>" and error.value.line == 1


def test_village_dicts_of_the_wrong_type():
    with raises(TypeError, "staff must be int or float, not bool"):
        qingdan.Villages.from_dicts([{"jurisdiction": VILLAGE, "staff": True}])
    with raises(TypeError, "staff must be int or float, not list"):
        qingdan.Villages.from_dicts([{"jurisdiction": VILLAGE, "staff": [7]}])
    with raises(TypeError, "jurisdiction must be str, not int"):
        qingdan.Villages.from_dicts([{"jurisdiction": 3, "staff": 7}])
    with raises(TypeError, r"rows\[0\] must be dict, not str"):
        qingdan.Villages.from_dicts(["x"])
    with raises(TypeError, "rows must be a sequence of dict, not a single str"):
        qingdan.Villages.from_dicts("jurisdiction,staff")


# Every public function and method, with every kind of wrong argument ----------------------------

HOSTILE = [object(), None, 1, -1, 10**30, 3.5, math.nan, True, b"x", "\ud800", "x\x00y", "\udc80\x00",
           [], [object()], {"a": object()}, ("\ud800",)]


def instances(book, directive):
    villages = qingdan.Villages.load(VILLAGES)
    report = book.check(directive, villages)
    decision = book.owner("HS-01", at="2025-03-01")
    return {
        "Rulebook": book, "Directive": directive, "Villages": villages, "Report": report,
        "Decision": decision, "Decisions": book.owners(["HS-01", "nothing"]),
        "LintReport": qingdan.lint(str(QINGPU)),
        "RulebookDiff": book.diff("2022-01-01", "2025-01-01"),
        "RuleTestRun": qingdan.test(str(QINGPU)),
    }


def callables(book, directive):
    """(name, function) for every public function of the package and method of its objects."""
    found = [(name, getattr(qingdan, name)) for name in qingdan.__all__
             if callable(getattr(qingdan, name)) and not inspect.isclass(getattr(qingdan, name))]
    for class_name, instance in instances(book, directive).items():
        for name in dir(instance):
            if name.startswith("_") and name != "__getitem__":
                continue
            member = getattr(instance, name)
            if callable(member) and not inspect.isclass(member):
                found.append((f"{class_name}.{name}", member))
    return found


def test_every_public_callable_refuses_wrong_arguments_cleanly(book, directive, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # nothing the calls might write lands in the source tree
    tried = 0
    for name, function in callables(book, directive):
        for arguments in [(), *[(value,) for value in HOSTILE], *[(value, value) for value in HOSTILE],
                          *[("HS-01", value) for value in HOSTILE],
                          *[("HS-01", None, value) for value in HOSTILE]]:
            tried += 1
            try:
                function(*arguments)
            except (TypeError, ValueError, IndexError):  # qingdan.Error is a ValueError
                pass
            except Exception as error:  # noqa: BLE001 - the point of the test
                pytest.fail(f"{name}{arguments!r} raised {type(error).__name__}: {error}")
    assert tried > 1000
    assert not any(tmp_path.iterdir()), list(tmp_path.iterdir())


KEYWORDS = {
    "Rulebook.load": (lambda **k: qingdan.Rulebook.load(str(QINGPU), **k),
                      ["max_file_bytes", "max_depth", "max_alias_nodes", "max_entries", "max_text_bytes",
                       "max_files", "language"]),
    "lint": (lambda **k: qingdan.lint(str(QINGPU), **k), ["max_depth", "language"]),
    "run_rule_tests": (lambda **k: qingdan.run_rule_tests(str(QINGPU), **k), ["language"]),
    "Directive.load": (lambda **k: qingdan.Directive.load(str(DIRECTIVES / "lockdown-2022.yaml"), **k),
                       ["language"]),
    "Villages.load": (lambda **k: qingdan.Villages.load(VILLAGES, **k), ["language"]),
    "Villages.from_dicts": (lambda **k: qingdan.Villages.from_dicts([], **k), ["language"]),
}


def test_every_keyword_refuses_wrong_values_cleanly(book, directive):
    calls = dict(KEYWORDS)
    calls["Rulebook.owner"] = (lambda **k: book.owner("HS-01", **k), ["at", "jurisdiction", "mode"])
    calls["Rulebook.owners"] = (lambda **k: book.owners(["HS-01"], **k), ["at", "jurisdiction", "mode"])
    calls["Rulebook.check"] = (lambda **k: book.check(directive, **k), ["villages", "warn_at", "most_loaded"])
    calls["Rulebook.diff"] = (lambda **k: book.diff("2022-01-01", "2025-01-01", **k),
                              ["jurisdiction", "level", "mode"])
    for name, (call, keywords) in calls.items():
        for keyword in keywords:
            for value in HOSTILE:
                try:
                    call(**{keyword: value})
                except (TypeError, ValueError):
                    pass
                except Exception as error:  # noqa: BLE001 - the point of the test
                    pytest.fail(f"{name}({keyword}={value!r}) raised {type(error).__name__}: {error}")


def test_a_duck_typed_date_with_wrong_fields_is_refused(book):
    class Day:
        year, month, day = 2025, 13, 1

    with raises(ValueError, "at must be a whole number from 0 to 12, found 13"):
        book.owner("HS-01", at=Day())
    Day.month = "1"
    with raises(TypeError, "at must be int"):
        book.owner("HS-01", at=Day())
    Day.month = 3
    assert book.owner("HS-01", at=Day()).at == datetime.date(2025, 3, 1)


def test_reports_stay_strict_json(book, directive):
    def refuse(constant):
        raise ValueError(constant)

    report = book.check(directive, qingdan.Villages.load(VILLAGES), warn_at=10)
    json.loads(report.to_json(), parse_constant=refuse)
