"""What the Spark, Dask and DuckDB modules share: the rulebook each worker process loads once,
and the query's parameters in a form that travels to workers (pickled with the task)."""

import os
import threading

from ._core import Literal, Rulebook, lit

_loaded = {}
_loading = threading.Lock()


def rulebook_at(path, fingerprint=None):
    """The rulebook at `path`, loaded once per process (again if the file changes).

    With `fingerprint`, a rulebook that is not the one the caller answered for is an error: a
    worker that reads another copy of the rules must not answer in its name.
    """
    path = os.fspath(path)
    stamp = os.stat(path).st_mtime_ns
    with _loading:
        known = _loaded.get(path)
        if known is None or known[0] != stamp:
            known = (stamp, Rulebook.load(path))
            _loaded[path] = known
    book = known[1]
    if fingerprint is not None and book.fingerprint != fingerprint:
        raise RuntimeError(
            f"the rulebook at {path} on this worker has fingerprint {book.fingerprint}, not "
            f"{fingerprint} that the driver loaded; ship one snapshot to every worker"
        )
    return book


def rules_path(rules):
    """The path of the rulebook a job is given: workers load it themselves."""
    if isinstance(rules, Rulebook):
        raise TypeError(
            "rules must be the path of a rulebook snapshot or folder that every worker can "
            "read (qingdan compile writes a snapshot), not a loaded Rulebook"
        )
    return os.fspath(rules)


def portable(value):
    """A parameter (column name, qingdan.lit, date or None) as plain values that pickle."""
    if isinstance(value, Literal):
        return ("value", value.value)
    return ("as given", value)


def restored(spec):
    kind, value = spec
    return lit(value) if kind == "value" else value


def query_arguments(task, at, jurisdiction, mode):
    return {name: portable(value) for name, value in
            (("task", task), ("at", at), ("jurisdiction", jurisdiction), ("mode", mode))}


def answer(book, data, arguments, **options):
    """owners_arrow with portable arguments; the answers as a pyarrow Table."""
    given = {name: restored(spec) for name, spec in arguments.items()}
    return book.owners_arrow(data, **given, **options).to_pyarrow()
