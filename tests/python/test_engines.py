"""qingdan.duckdb, qingdan.dask and qingdan.spark: the columnar owner query inside the engines
analysts already run, checked against Rulebook.owner() row by row on a sample.

Spark runs in local mode (local[2], Java 17) on 1,000,000 generated orders written as Parquet,
Dask on a LocalCluster of two worker processes. CI installs every engine; elsewhere a missing
one skips its tests.
"""

from __future__ import annotations

import datetime
import importlib
import os
import sys

import pytest

import qingdan
from conftest import QINGPU

pa = pytest.importorskip("pyarrow")
parquet = pytest.importorskip("pyarrow.parquet")


def engine(name: str):
    if os.environ.get("CI"):  # CI installs the engines: one missing there is a failure
        return importlib.import_module(name)
    return pytest.importorskip(name)


@pytest.fixture(scope="module")
def book() -> qingdan.Rulebook:
    return qingdan.Rulebook.load(str(QINGPU))


@pytest.fixture(scope="module")
def snapshot(book, tmp_path_factory):
    path = tmp_path_factory.mktemp("rules") / "qingpu.qds"
    book.save_snapshot(str(path))
    return path


def orders_table(book, count: int, seed: int):
    """`count` orders: a task by id or name, a date, a village; a few rows broken on purpose."""
    numpy = engine("numpy")
    rng = numpy.random.default_rng(seed)
    refs = book.find_tasks()
    texts = pa.array([r.id for r in refs] + [r.name for r in refs])
    places = pa.array([j.path for j in book.jurisdictions()] + ["没有这个村", None])
    days = rng.integers(17500, 20500, count).astype("int32")
    place_choice = rng.integers(0, len(places) - 2, count)
    place_choice[::9973] = len(places) - 2  # an unknown place
    place_choice[5::9973] = len(places) - 1  # no place
    return pa.table({
        "order_id": pa.array(numpy.arange(count, dtype="int64")),
        "task": texts.take(pa.array(rng.integers(0, len(texts), count))),
        "created": pa.array(days).cast(pa.date32()),
        "village": places.take(pa.array(place_choice)),
    })


def check_sample(book, rows, want_rulebook=True):
    """Each answered row (a dict with order columns and answers) equals Rulebook.owner()."""
    levels = [level for level, _ in book.levels]
    seen = set()
    for row in rows:
        if row["village"] is None or row["village"] == "没有这个村":
            assert row["status"] is None and row["error"].endswith(("[QA004]", "[QQ001]")), row
            seen.add("error")
            continue
        decision = book.owner(row["task"], at=row["created"], jurisdiction=row["village"])
        owner = decision.owner
        assert row["status"] == decision.status, row
        assert row["owner_level"] == (owner.level if owner else None), row
        assert row["owner_department"] == ((owner.department or None) if owner else None), row
        assert list(row["entries"]) == [e.id for e in decision.entries], row
        for level in levels:
            assert row[f"role_{level}"] == decision.roles.get(level), row
        if want_rulebook:
            assert row["rulebook"] == book.fingerprint
        seen.add(decision.status)
    return seen


def test_duckdb_answers_in_sql(book, tmp_path):
    duckdb = engine("duckdb")
    import qingdan.duckdb

    orders = tmp_path / "orders.parquet"
    parquet.write_table(orders_table(book, 50_000, 1), orders)
    con = duckdb.connect()
    qingdan.duckdb.register(con, book)
    rows = con.execute(
        "SELECT order_id, task, created, village, qingdan_status(task, created, village), "
        "qingdan_owner(task, created, village), qingdan_role(task, created, village, '村居'), "
        "qingdan_role(task, created, village, 'district'), qingdan_error(task, created, village) "
        f"FROM '{orders}' WHERE order_id % 25 = 0 ORDER BY order_id"
    ).fetchall()
    assert len(rows) == 2000
    seen = set()
    for order_id, task, created, village, status, owner, village_role, district_role, error in rows:
        if village is None or village == "没有这个村":
            assert status is None and owner is None and error is not None
            seen.add("error")
            continue
        decision = book.owner(task, at=created, jurisdiction=village)
        assert (status, owner, village_role, district_role, error) == (
            decision.status, decision.owner.level if decision.owner else None,
            decision.roles.get("village"), decision.roles.get("district"), None), order_id
        seen.add(status)
    assert seen == {"listed", "unlisted", "error"}
    counts = dict(con.execute(
        f"SELECT qingdan_status(task, created, village) s, count(*) FROM '{orders}' GROUP BY s"
    ).fetchall())
    assert sum(counts.values()) == 50_000
    with pytest.raises(Exception, match="unknown level 'province'"):
        con.execute(f"SELECT qingdan_role(task, created, village, 'province') FROM '{orders}'").fetchall()


def test_duckdb_in_a_mode(book):
    duckdb = engine("duckdb")
    import qingdan.duckdb

    con = duckdb.connect()
    qingdan.duckdb.register(con, book, mode="emergency")
    assert con.execute(
        "SELECT qingdan_owner('HS-01', DATE '2022-04-15', '徐练村'), "
        "qingdan_role('核酸筛查', DATE '2022-04-15', '徐练村', 'village')"
    ).fetchone() == ("district", "assists")


def test_dask_on_two_worker_processes(book, snapshot, tmp_path):
    dask_dataframe = engine("dask.dataframe")
    distributed = engine("distributed")
    import qingdan.dask

    orders = tmp_path / "orders"
    orders.mkdir()
    table = orders_table(book, 200_000, 2)
    for part in range(4):
        parquet.write_table(table.slice(part * 50_000, 50_000), orders / f"part-{part}.parquet")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, host="127.0.0.1") as cluster, \
            distributed.Client(cluster) as client:
        frame = dask_dataframe.read_parquet(str(orders))
        answered = qingdan.dask.owners(frame, rules=snapshot, task="task", at="created",
                                       jurisdiction="village")
        assert list(answered.columns) == list(frame.columns) + book.answer_columns(fingerprint=True)
        sample = answered[answered.order_id % 100 == 0].compute()
        counts = answered.status.value_counts(dropna=False).compute()
        workers = client.run(lambda: os.getpid())
    assert len(workers) == 2
    assert int(counts.sum()) == 200_000
    rows = sample.sort_values("order_id").to_dict("records")
    assert len(rows) == 2000
    assert check_sample(book, rows) == {"listed", "unlisted", "error"}


@pytest.fixture(scope="module")
def spark():
    engine("pyspark")
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # executors run this environment's Python
    session = (
        SparkSession.builder.master("local[2]").appName("qingdan-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "Asia/Shanghai")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


# A smoke size: four row groups, so that Spark reads them as several partitions; the million-row
# figures are BENCHMARKS.md's (tests/bench/columnar_bench.py).
def test_spark_on_orders_in_parquet(book, snapshot, spark, tmp_path):
    import qingdan.spark

    rows = 200_000
    orders = tmp_path / "orders.parquet"
    parquet.write_table(orders_table(book, rows, 3), orders, row_group_size=rows // 4)
    frame = spark.read.parquet(str(orders))
    answered = qingdan.spark.owners(frame, rules=snapshot, task="task", at="created",
                                    jurisdiction="village", ship=True)
    assert answered.columns == frame.columns + book.answer_columns(fingerprint=True)
    counts = {row["status"]: row["count"] for row in answered.groupBy("status").count().collect()}
    assert sum(counts.values()) == rows
    assert counts.get(None, 0) > 0 and counts["listed"] > 0 and counts["unlisted"] > 0
    sample = answered.filter("order_id % 500 = 0").orderBy("order_id").collect()
    assert len(sample) == rows // 500
    assert check_sample(book, [row.asDict() for row in sample]) == {"listed", "unlisted", "error"}
    fingerprints = answered.select("rulebook").distinct().collect()
    assert [row["rulebook"] for row in fingerprints] == [book.fingerprint]


def test_spark_reads_timestamps_in_the_sessions_zone(book, snapshot, spark):
    import qingdan.spark

    frame = spark.createDataFrame(
        [("HS-01", datetime.datetime(2022, 4, 15, 0, 30), "徐练村")], "task string, at timestamp, jurisdiction string")
    row = qingdan.spark.owners(frame, rules=snapshot, mode=qingdan.lit("emergency")).first()
    assert (row["owner_level"], row["role_village"], row["error"]) == ("district", "assists", None)


def test_a_worker_with_another_rulebook_refuses_to_answer(book, snapshot, tmp_path):
    from qingdan import _engines

    assert _engines.rulebook_at(snapshot, book.fingerprint).fingerprint == book.fingerprint
    with pytest.raises(RuntimeError, match="not .* that the driver loaded"):
        _engines.rulebook_at(snapshot, "0" * 64)
    with pytest.raises(TypeError, match="path of a rulebook snapshot"):
        _engines.rules_path(book)


def test_a_rulebook_folder_edited_on_a_worker_is_loaded_again(book, tmp_path):
    import shutil

    from qingdan import _engines

    folder = tmp_path / "qingpu"
    shutil.copytree(QINGPU, folder)
    first = _engines.rulebook_at(folder)
    tasks = folder / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    again = _engines.rulebook_at(folder)
    assert again.fingerprint != first.fingerprint
    assert again.fingerprint == qingdan.Rulebook.load(str(folder)).fingerprint


def test_the_driver_refuses_what_every_worker_would(book, snapshot):
    engine("dask.dataframe")
    pandas = engine("pandas")
    import dask.dataframe
    import qingdan.dask

    frame = dask.dataframe.from_pandas(pandas.DataFrame(
        {"task": ["HS-01"], "at": ["2024-01-01"], "jurisdiction": ["徐练村"], "status": ["open"]}),
        npartitions=1)
    with pytest.raises(qingdan.Error) as raised:
        qingdan.dask.owners(frame, rules=snapshot)
    assert raised.value.code == "QA006"
    with pytest.raises(qingdan.Error) as raised:
        qingdan.dask.owners(frame, rules=snapshot, jurisdiction="village")
    assert raised.value.code == "QA001"
