"""qingdan: a place's four lists of grassroots governance as executable rules.

>>> import qingdan
>>> book = qingdan.Rulebook.load("rules/shanghai-qingpu")
>>> book.owner("核酸筛查", at="2022-04-15", jurisdiction="徐练村", mode="emergency").owner.level
'district'
"""

import collections.abc

from ._core import (
    Candidate,
    CaseResult,
    RoleChange,
    RuleTestRun,
    RulebookDiff,
    Decision,
    Decisions,
    Diagnostic,
    Directive,
    DirectiveItem,
    EntryRef,
    Finding,
    Form,
    FormRef,
    ItemLoad,
    ItemRef,
    ItemShare,
    LintReport,
    Owner,
    Reading,
    Report,
    Rulebook,
    TaskRef,
    VillageLoad,
    Villages,
    VillageSummary,
    __version__,
    lint,
    normalize,
    run_rule_tests,
    test,
)
from ._errors import Error

collections.abc.Sequence.register(Decisions)

__all__ = [
    "Candidate",
    "CaseResult",
    "RoleChange",
    "RuleTestRun",
    "RulebookDiff",
    "Decision",
    "Decisions",
    "Diagnostic",
    "Directive",
    "DirectiveItem",
    "EntryRef",
    "Error",
    "Finding",
    "Form",
    "FormRef",
    "ItemLoad",
    "ItemRef",
    "ItemShare",
    "LintReport",
    "Owner",
    "Reading",
    "Report",
    "Rulebook",
    "TaskRef",
    "VillageLoad",
    "Villages",
    "VillageSummary",
    "__version__",
    "lint",
    "normalize",
    "run_rule_tests",
    "test",
]
