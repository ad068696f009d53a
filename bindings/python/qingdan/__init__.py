"""qingdan: a place's four lists of grassroots governance as executable rules.

>>> import qingdan
>>> book = qingdan.Rulebook.load("rules/shanghai-qingpu")
>>> book.owner("核酸筛查", at="2022-04-15", jurisdiction="徐练村", mode="emergency").owner.level
'district'
"""

import collections.abc
import os


def _use_packaged_opencc_data():
    """Points QINGDAN_OPENCC_CONFIG, unless it is set, at OpenCC's traditional-to-simplified data
    shipped in the package (qingdan/opencc, see bindings/python/CMakeLists.txt), so that neither
    the module nor the command-line tool it starts needs /usr/share/opencc."""
    for folder in __path__:
        config = os.path.join(os.path.abspath(folder), "opencc", "t2s.json")
        if os.path.isfile(config):
            os.environ.setdefault("QINGDAN_OPENCC_CONFIG", config)
            return


_use_packaged_opencc_data()

from ._core import (
    AnswerStream,
    Approval,
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
    Edition,
    EntryRef,
    Finding,
    Form,
    FormRef,
    ItemLoad,
    ItemRef,
    ItemShare,
    Jurisdiction,
    LedgerReport,
    LintReport,
    Literal,
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
    lit,
    normalize,
    run_rule_tests,
    test,
)
from ._errors import Error

collections.abc.Sequence.register(Decisions)

__all__ = [
    "AnswerStream",
    "Approval",
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
    "Edition",
    "EntryRef",
    "Error",
    "Finding",
    "Form",
    "FormRef",
    "ItemLoad",
    "ItemRef",
    "ItemShare",
    "Jurisdiction",
    "LedgerReport",
    "LintReport",
    "Literal",
    "Owner",
    "Reading",
    "Report",
    "Rulebook",
    "TaskRef",
    "VillageLoad",
    "Villages",
    "VillageSummary",
    "__version__",
    "ledger",
    "lint",
    "lit",
    "normalize",
    "run_rule_tests",
    "test",
]


def ledger(directives, *, rules, villages, year=None):
    """The year's burden per village and per issuing department, beside the year before.

    `directives` is a ledger folder, a directive file, or a list of those or of Directives;
    `rules` a Rulebook or the path of a rulebook folder or snapshot; `villages` a Villages or the
    path of a village file. The result's rows() is a table (a list of dicts), and to_arrow() and
    to_pandas() give it to pyarrow and pandas when they are installed.
    """
    book = rules if isinstance(rules, Rulebook) else Rulebook.load(rules)
    if not isinstance(villages, Villages):
        villages = Villages.load(villages)
    return book.ledger(directives, villages=villages, year=year)


def _ledger_to_arrow(self):
    """The rows as a pyarrow Table (pyarrow must be installed)."""
    import pyarrow

    return pyarrow.Table.from_pylist(self.rows())


def _ledger_to_pandas(self):
    """The rows as a pandas DataFrame (pandas must be installed)."""
    import pandas

    return pandas.DataFrame(self.rows())


LedgerReport.to_arrow = _ledger_to_arrow
LedgerReport.to_pandas = _ledger_to_pandas


def _answers_to_pyarrow(self):
    """The answers as a pyarrow Table (pyarrow must be installed); the stream is read."""
    import pyarrow

    return pyarrow.RecordBatchReader.from_stream(self).read_all()


AnswerStream.to_pyarrow = _answers_to_pyarrow
