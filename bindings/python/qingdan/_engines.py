"""What the Spark, Dask and DuckDB modules share: the rulebook each worker process loads once,
and the query's parameters in a form that travels to workers (pickled with the task)."""

import os
import threading

from ._core import Literal, Rulebook, lit

_loaded = {}
_loading = threading.Lock()


def _stamp(path):
    """What changes when the rulebook at `path` does: a snapshot file's time and size, or those
    of every file in a folder (editing a file leaves its folder's own time as it was)."""
    if not os.path.isdir(path):
        status = os.stat(path)
        return (status.st_mtime_ns, status.st_size)
    files = []
    for folder, _, names in os.walk(path):
        for name in names:
            status = os.stat(os.path.join(folder, name))
            files.append((folder, name, status.st_mtime_ns, status.st_size))
    return tuple(sorted(files))


def rulebook_at(path, fingerprint=None):
    """The rulebook at `path`, loaded once per process (again when its files change).

    With `fingerprint`, a rulebook that is not the one the caller answered for is an error: a
    worker that reads another copy of the rules must not answer in its name.
    """
    path = os.fspath(path)
    stamp = _stamp(path)
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


def check_columns(book, columns, arguments, **options):
    """Refuses on the driver what every worker would refuse: a column named for the query that
    the data lacks (QA001), or one whose name an answer column takes (QA006)."""
    import pyarrow

    empty = pyarrow.table({name: pyarrow.array([], pyarrow.string()) for name in columns})
    given = {name: restored(spec) for name, spec in arguments.items()}
    book.owners_arrow(empty, **given, **{**options, "keep": True})


def answer(book, data, arguments, **options):
    """owners_arrow with portable arguments; the answers as a pyarrow Table."""
    given = {name: restored(spec) for name, spec in arguments.items()}
    return book.owners_arrow(data, **given, **options).to_pyarrow()
