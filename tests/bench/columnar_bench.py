"""Figures for the columnar owner query (BENCHMARKS.md, "Arrow and the engines").

1. Rulebook.owners_arrow on N rows with per-row dates and places, one core: tasks as ids, as
   names, as a dictionary; beside a pure-pyarrow floor on the same rows, a dictionary join that
   attaches precomputed per-task answer columns (index_in + take) and a hash join (Table.join).
   The floor ignores dates and places: it is what attaching answers by key costs at least.
2. The engines end to end from Parquet on 2 cores: DuckDB (SQL functions), Dask (LocalCluster,
   two worker processes), Spark (local[2], mapInArrow), each beside the same job with the
   answering left out (DuckDB and Spark read and count; Dask maps an identity).

Run with the package installed from an optimised build (a wheel, or pip install .):
    python tests/bench/columnar_bench.py [--rows 2000000] [--tasks 100000] [--skip-engines]
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

import qingdan

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_load import QINGPU, write_synthetic_rulebook  # noqa: E402

REPEATS = 3


def best_of(run) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def orders(book, rows: int, seed: int = 18) -> dict:
    rng = numpy.random.default_rng(seed)
    refs = book.find_tasks()
    ids = pa.array([r.id for r in refs])
    names = pa.array([r.name for r in refs])
    places = pa.array([j.path for j in book.jurisdictions()])
    pick = pa.array(rng.integers(0, len(refs), rows))
    start = (datetime.date(2021, 1, 1) - datetime.date(1970, 1, 1)).days
    at = pa.array(rng.integers(start, start + 5 * 365, rows).astype("int32")).cast(pa.date32())
    where = places.take(pa.array(rng.integers(0, len(places), rows)))
    return {
        "ids": pa.table({"task": ids.take(pick), "at": at, "jurisdiction": where}),
        "names": pa.table({"task": names.take(pick), "at": at, "jurisdiction": where}),
        "dictionary": pa.table({"task": ids.take(pick).dictionary_encode(), "at": at,
                                "jurisdiction": where.dictionary_encode()}),
        "ids_array": ids,
    }


def per_task_answers(book, ids: pa.Array) -> pa.Table:
    """One row of answers per task (at one date and place): what the floor attaches."""
    table = pa.table({"task": ids})
    answers = book.owners_arrow(table, at=datetime.date(2024, 9, 1), jurisdiction=None).to_pyarrow()
    return pa.table({"task": ids, **{name: answers[name] for name in answers.column_names}})


def kernel_figures(label: str, book, rows: int) -> list[str]:
    data = orders(book, rows)
    lines = []
    for kind in ("ids", "names", "dictionary"):
        seconds = best_of(lambda: book.owners_arrow(data[kind]).to_pyarrow())
        lines.append(f"| {label} | owners_arrow, tasks as {kind} | {rows / seconds / 1e6:.2f} M |")
    answers = per_task_answers(book, data["ids_array"])
    task = data["ids"]["task"]

    def dictionary_join():
        index = pc.index_in(task, value_set=answers["task"])
        return answers.take(index)

    flat = answers.drop_columns(["entries"])  # Acero joins no list columns

    def hash_join():
        return data["ids"].join(flat, keys="task", join_type="left outer", use_threads=False)

    seconds = best_of(dictionary_join)
    lines.append(f"| {label} | floor: pyarrow index_in + take | {rows / seconds / 1e6:.2f} M |")
    seconds = best_of(hash_join)
    lines.append(f"| {label} | floor: pyarrow Table.join (one thread, no entries column) | {rows / seconds / 1e6:.2f} M |")
    return lines


def engine_figures(book, snapshot: Path, rows: int, folder: Path) -> list[str]:
    table = orders(book, rows)["ids"]
    table = table.append_column("order_id", pa.array(numpy.arange(rows, dtype="int64")))
    path = folder / "orders.parquet"
    pq.write_table(table, path, row_group_size=rows // 8)
    lines = []

    import duckdb
    import qingdan.duckdb

    con = duckdb.connect()
    con.execute("SET threads TO 2")
    qingdan.duckdb.register(con, book)
    plain = best_of(lambda: con.execute(
        f"SELECT count(*) FROM '{path}' WHERE jurisdiction IS NOT NULL").fetchall())
    answered = best_of(lambda: con.execute(
        f"SELECT qingdan_status(task, \"at\", jurisdiction) s, count(*) FROM '{path}' GROUP BY s"
    ).fetchall())
    lines.append(f"| DuckDB, qingdan_status | {rows / answered / 1e6:.2f} M | "
                 f"{rows / plain / 1e6:.2f} M |")

    import dask.dataframe
    import distributed
    import qingdan.dask

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, host="127.0.0.1") as cluster, \
            distributed.Client(cluster):
        frame = dask.dataframe.read_parquet(str(path))
        plain = best_of(lambda: frame.map_partitions(lambda p: p).order_id.count().compute())
        answered = best_of(lambda: qingdan.dask.owners(
            frame, rules=snapshot).status.value_counts().compute())
    lines.append(f"| Dask, 2 worker processes | {rows / answered / 1e6:.2f} M | "
                 f"{rows / plain / 1e6:.2f} M |")

    from pyspark.sql import SparkSession
    import qingdan.spark

    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = (SparkSession.builder.master("local[2]").appName("qingdan-bench")
             .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
             .config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.sql.shuffle.partitions", "2").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    frame = spark.read.parquet(str(path))
    schema = frame.schema
    plain = best_of(lambda: frame.mapInArrow(lambda batches: batches, schema)
                    .groupBy("jurisdiction").count().collect())
    answered = best_of(lambda: qingdan.spark.owners(frame, rules=snapshot, ship=True)
                       .groupBy("status").count().collect())
    spark.stop()
    lines.append(f"| Spark local[2], mapInArrow | {rows / answered / 1e6:.2f} M | "
                 f"{rows / plain / 1e6:.2f} M |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--skip-engines", action="store_true")
    arguments = parser.parse_args()
    qingpu = qingdan.Rulebook.load(str(QINGPU))
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        write_synthetic_rulebook(arguments.tasks, folder / "synthetic")
        synthetic = qingdan.Rulebook.load(str(folder / "synthetic"))
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})  # the kernel on one core
        print(f"rows/s, {arguments.rows:,} rows, per-row dates and places, one core")
        print("| rulebook | what | rows/s |\n|---|---|---|")
        for label, book in (("Qingpu", qingpu), (f"synthetic {arguments.tasks:,}", synthetic)):
            print("\n".join(kernel_figures(label, book, arguments.rows)), flush=True)
        os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))
        if arguments.skip_engines:
            return
        snapshot = folder / "qingpu.qds"
        qingpu.save_snapshot(str(snapshot))
        print(f"\nend to end from Parquet, Qingpu, {arguments.rows:,} rows, 2 cores")
        print("| engine | answered rows/s | the same job without answering |\n|---|---|---|")
        print("\n".join(engine_figures(qingpu, snapshot, arguments.rows, folder)))


if __name__ == "__main__":
    main()
