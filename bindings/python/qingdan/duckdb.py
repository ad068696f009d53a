"""qingdan in DuckDB: SQL functions that answer the owner query over whole columns.

>>> import duckdb, qingdan, qingdan.duckdb
>>> con = duckdb.connect()
>>> qingdan.duckdb.register(con, qingdan.Rulebook.load("rules/shanghai-qingpu"))
>>> con.sql("SELECT order_id, qingdan_owner(task, created::DATE, village) FROM orders")

The functions are vectorised: DuckDB hands each chunk of rows to Rulebook.owners_arrow as Arrow
arrays and takes the answers back the same way. A row with a null or bad value answers NULL
(qingdan_error says why).
"""


def register(con, book, *, mode=None, language=None, prefix="qingdan_"):
    """Adds to the connection `con`, answering from `book` (in `mode`, default the default):

    - qingdan_owner(task, at, place): the owner's level id, NULL when none;
    - qingdan_role(task, at, place, level): that level's role (owns, self_governs, assists,
      forbidden), NULL when it has none; `level` by id or name (村居);
    - qingdan_status(task, at, place): listed, unlisted or unknown;
    - qingdan_error(task, at, place): why a row gets no answer, NULL when it gets one.

    task and place are VARCHAR (ids, names or paths), at a DATE.
    """
    import pyarrow
    import pyarrow.compute as compute

    from . import lit

    try:
        from duckdb.sqltypes import DATE as date, VARCHAR as text
    except ImportError:  # DuckDB before 1.4
        from duckdb.typing import DATE as date, VARCHAR as text
    chosen_mode = None if mode is None else lit(mode)
    levels = {}
    for level_id, name in book.levels:
        levels[level_id] = levels[name] = "role_" + level_id

    def answers(task, at, place):
        table = pyarrow.table({"task": task, "at": at, "jurisdiction": place})
        return book.owners_arrow(table, mode=chosen_mode, language=language).to_pyarrow()

    def column(name):
        def function(task, at, place):
            return answers(task, at, place).column(name).combine_chunks()

        return function

    def role(task, at, place, level):
        table = answers(task, at, place)
        result = pyarrow.nulls(len(table), pyarrow.string())
        for value in compute.unique(level).to_pylist():
            if value is None:
                continue
            if value not in levels:
                raise ValueError(
                    f"unknown level '{value}'; levels: "
                    + ", ".join(f"{i} ({n})" for i, n in book.levels)
                )
            result = compute.if_else(
                compute.equal(level, value), table.column(levels[value]).combine_chunks(), result
            )
        return result

    functions = {
        "owner": (column("owner_level"), [text, date, text]),
        "status": (column("status"), [text, date, text]),
        "error": (column("error"), [text, date, text]),
        "role": (role, [text, date, text, text]),
    }
    for name, (function, parameters) in functions.items():
        con.create_function(prefix + name, function, parameters, text, type="arrow",
                            null_handling="special", side_effects=False)
    return con
