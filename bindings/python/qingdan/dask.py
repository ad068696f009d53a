"""qingdan on Dask: who owned each row's task, for a Dask DataFrame of any size.

>>> import qingdan.dask
>>> answered = qingdan.dask.owners(orders, rules="/data/qingpu.qds", task="task",
...                                at="created", jurisdiction="village")

Each worker process loads the rulebook once from `rules` (a path every worker can read) and
answers each partition with Rulebook.owners_arrow (map_partitions): the partition goes to Arrow
and the answers come back as pyarrow-backed columns, without a Python loop over rows.
"""

from . import _engines


def _with_answers(partition, answers):
    """The partition with the answer columns beside its own, row by row (not by index)."""
    import pandas

    frame = answers.to_pandas(types_mapper=pandas.ArrowDtype)
    return partition.assign(**{name: frame[name].array for name in frame.columns})


def _empty_answers(book, roles, fingerprint):
    import pandas
    import pyarrow

    return pyarrow.table(
        {
            name: pyarrow.array([], pyarrow.list_(pyarrow.string()) if name == "entries"
                                else pyarrow.string())
            for name in book.answer_columns(roles=roles, fingerprint=fingerprint)
        }
    )


def owners(ddf, rules, task="task", at="at", jurisdiction="jurisdiction", mode=None, *,
           roles=None, fingerprint=True, language=None):
    """`ddf` with the answer columns of Rulebook.owners_arrow added (pyarrow-backed dtypes).

    `rules` is the path of a rulebook snapshot (qingdan compile) or folder that every worker
    can read. task/at/jurisdiction/mode name columns, or give one value for every row with
    qingdan.lit(...). A row with a null or bad value gets null answers and its `error`.
    """
    import pyarrow

    path = _engines.rules_path(rules)
    book = _engines.rulebook_at(path)
    expected = book.fingerprint
    arguments = _engines.query_arguments(task, at, jurisdiction, mode)
    options = {"roles": roles, "fingerprint": fingerprint, "language": language}
    _engines.check_columns(book, list(ddf.columns), arguments, **options)

    empty = _empty_answers(book, roles, fingerprint)

    def answer_partition(partition):
        if len(partition) == 0:  # its object columns would not say what they hold
            return _with_answers(partition, empty)
        partition_book = _engines.rulebook_at(path, expected)
        table = pyarrow.Table.from_pandas(partition, preserve_index=False)
        answers = _engines.answer(partition_book, table, arguments, **options)
        return _with_answers(partition, answers)

    return ddf.map_partitions(answer_partition, meta=answer_partition(ddf._meta))
