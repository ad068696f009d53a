"""qingdan on Apache Spark: who owned each row's task, for a DataFrame of any size.

>>> import qingdan.spark
>>> answered = qingdan.spark.owners(orders, rules="/data/qingpu.qds", task="task",
...                                 at="created", jurisdiction="village")

Each executor process loads the rulebook once (from `rules`, a path every executor can read, or
shipped with the job when ship=True) and answers each Arrow batch Spark hands it with
Rulebook.owners_arrow (DataFrame.mapInArrow), without a Python loop over rows. The answers carry
the fingerprint of the rulebook that gave them (column `rulebook`), and an executor whose copy
of the rules differs from the driver's fails instead of answering.
"""

import os

from . import _engines


def answer_schema(book, input_schema, *, roles=None, fingerprint=True):
    """The Spark schema of owners(): the input's fields, then the answer columns."""
    from pyspark.sql import types

    fields = list(input_schema.fields)
    for name in book.answer_columns(roles=roles, fingerprint=fingerprint):
        kind = types.ArrayType(types.StringType()) if name == "entries" else types.StringType()
        fields.append(types.StructField(name, kind, True))
    return types.StructType(fields)


def owners(df, rules, task="task", at="at", jurisdiction="jurisdiction", mode=None, *,
           roles=None, fingerprint=True, language=None, ship=False):
    """`df` with the answer columns of Rulebook.owners_arrow added to each row.

    `rules` is the path of a rulebook snapshot (qingdan compile) or folder. Executors read it
    at that path (a shared or local file system), or, with ship=True, from a copy Spark sends
    with the job (SparkContext.addFile). task/at/jurisdiction/mode name columns, or give one
    value for every row with qingdan.lit(...). A row with a null or bad value gets null answers
    and its `error`; it never fails the job.
    """
    from pyspark import SparkFiles

    path = _engines.rules_path(rules)
    book = _engines.rulebook_at(path)
    expected = book.fingerprint
    arguments = _engines.query_arguments(task, at, jurisdiction, mode)
    options = {"roles": roles, "fingerprint": fingerprint, "language": language, "keep": True}
    _engines.check_columns(book, df.columns, arguments, **options)
    schema = answer_schema(book, df.schema, roles=roles, fingerprint=fingerprint)
    shipped = None
    if ship:
        df.sparkSession.sparkContext.addFile(path, recursive=os.path.isdir(path))
        shipped = os.path.basename(os.path.normpath(path))

    def answer_batches(batches):
        where = SparkFiles.get(shipped) if shipped else path
        executor_book = _engines.rulebook_at(where, expected)
        for batch in batches:
            yield from _engines.answer(executor_book, batch, arguments, **options).to_batches()

    return df.mapInArrow(answer_batches, schema)
