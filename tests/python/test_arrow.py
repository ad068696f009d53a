"""Rulebook.owners_arrow: the owner query over Arrow columns, through the PyCapsule interface.

Every row's answer must equal Rulebook.owner() for the same task, date, place and mode, whatever
library hands the rows over and whatever Arrow types hold them; a null or bad row gets its error
and never stops the others; mistakes in the request are refused before any row is read.
"""

from __future__ import annotations

import datetime
import random

import pytest

import qingdan
from conftest import QINGPU

pa = pytest.importorskip("pyarrow")
compute = pytest.importorskip("pyarrow.compute")


@pytest.fixture(scope="module")
def book() -> qingdan.Rulebook:
    return qingdan.Rulebook.load(str(QINGPU))


@pytest.fixture(scope="module")
def rows(book):
    """Every task by id and by name, at dates across the editions, in every place, both modes."""
    rng = random.Random(18)
    refs = book.find_tasks()
    places = [j.path for j in book.jurisdictions()]
    dates = [datetime.date(2019, 6, 1) + datetime.timedelta(days=rng.randrange(2600)) for _ in range(40)]
    dates += [datetime.date(2022, 4, 15), datetime.date(2024, 9, 1), datetime.date(2023, 1, 8)]
    tasks, ats, where, modes = [], [], [], []
    for i in range(4000):
        ref = refs[i % len(refs)]
        tasks.append(ref.id if i % 3 else ref.name)
        ats.append(dates[rng.randrange(len(dates))])
        where.append(places[rng.randrange(len(places))])
        modes.append("emergency" if i % 2 else "normal")
    return {"task": tasks, "at": ats, "jurisdiction": where, "mode": modes}


def expected_row(book, task, at, jurisdiction, mode, levels):
    decision = book.owner(task, at=at, jurisdiction=jurisdiction, mode=mode)
    owner = decision.owner
    return {
        "status": decision.status,
        "task_id": decision.task.id if decision.task else None,
        "owner_level": owner.level if owner else None,
        "owner_department": (owner.department or None) if owner else None,
        **{f"role_{level}": decision.roles.get(level) for level in levels},
        "entries": [entry.id for entry in decision.entries],
        "error": None,
    }


def test_every_row_answers_as_owner_does(book, rows):
    answers = book.owners_arrow(pa.table(rows), mode="mode").to_pyarrow()
    levels = [level for level, _ in book.levels]
    assert answers.num_rows == len(rows["task"])
    assert answers.column_names == book.answer_columns()
    got = answers.to_pylist()
    statuses = set()
    for i in range(len(rows["task"])):
        question = {name: rows[name][i] for name in rows}
        want = expected_row(book, question["task"], question["at"], question["jurisdiction"],
                            question["mode"], levels)
        assert got[i] == want, question
        statuses.add(want["status"])
    assert statuses == {"listed", "unlisted"}


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda table: table, id="pyarrow Table"),
        pytest.param(lambda table: table.to_batches(max_chunksize=700)[0], id="RecordBatch"),
        pytest.param(
            lambda table: pa.RecordBatchReader.from_batches(table.schema, table.to_batches(333)),
            id="RecordBatchReader",
        ),
        pytest.param(
            lambda table: table.cast(pa.schema([
                ("task", pa.large_string()), ("at", pa.timestamp("ms")),
                ("jurisdiction", pa.string_view()), ("mode", pa.large_string())])),
            id="large_string, timestamp, string_view",
        ),
        pytest.param(
            lambda table: pa.table({
                "task": table["task"].dictionary_encode(), "at": table["at"].cast(pa.string()),
                "jurisdiction": table["jurisdiction"].dictionary_encode(),
                "mode": table["mode"].dictionary_encode()}),
            id="dictionaries and text dates",
        ),
        pytest.param(
            lambda table: table.set_column(
                1, "at", compute.assume_timezone(table["at"].cast(pa.timestamp("s")), "Asia/Shanghai")),
            id="timestamps in Asia/Shanghai",
        ),
    ],
)
def test_every_input_and_type_gives_the_same_answers(book, rows, make):
    table = pa.table(rows).slice(0, 700)
    want = book.owners_arrow(table, mode="mode").to_pyarrow()
    got = book.owners_arrow(make(table), mode="mode").to_pyarrow()
    assert got.to_pylist() == want.to_pylist()


def test_polars_pandas_and_duckdb_hand_their_rows_over(book, rows):
    table = pa.table(rows).slice(0, 500)
    want = book.owners_arrow(table, mode="mode", keep=True).to_pyarrow().to_pylist()
    polars = pytest.importorskip("polars")
    pandas = pytest.importorskip("pandas")
    duckdb = pytest.importorskip("duckdb")
    frames = {
        "polars": polars.from_arrow(table),
        "pandas": table.to_pandas(),
        "duckdb": duckdb.connect().from_arrow(table),
    }
    for name, frame in frames.items():
        got = book.owners_arrow(frame, mode="mode", keep=True).to_pyarrow().to_pylist()
        assert [(r["task"], r["status"], r["owner_level"], r["entries"]) for r in got] == [
            (r["task"], r["status"], r["owner_level"], r["entries"]) for r in want
        ], name
    answers = polars.DataFrame(book.owners_arrow(table, mode="mode"))
    assert answers.height == 500 and "status" in answers.columns


def test_a_bad_row_gets_its_error_and_the_others_their_answers(book):
    table = pa.table({
        "task": ["HS-01", None, "HS-01", "HS-01", "HS-01", "HS-01", "没有这件事"],
        "at": ["2022-04-15", "2022-04-15", "2022-02-30", None, "2022-04-15", "2022-04-15",
               "2022-04-15"],
        "jurisdiction": ["徐练村", "徐练村", "徐练村", "徐练村", "没有这个村", None, "徐练村"],
    })
    got = book.owners_arrow(table, mode=qingdan.lit("emergency")).to_pyarrow().to_pylist()
    assert got[0]["owner_level"] == "district" and got[0]["error"] is None
    assert got[1]["error"] == "the task is missing in this row [QA004]"
    assert got[2]["error"] == (
        "bad date '2022-02-30' for 'at': expected a calendar date as YYYY-MM-DD [QU001]")
    assert got[3]["error"] == "the date is missing in this row [QA004]"
    assert got[4]["error"].startswith("unknown jurisdiction '没有这个村'") and "[QQ001]" in got[4]["error"]
    assert got[5]["error"] == "the jurisdiction is missing in this row [QA004]"
    for row in got[1:6]:
        assert row["status"] is None and row["task_id"] is None and row["entries"] is None
    assert got[6] == {**{name: None for name in got[6]}, "status": "unknown", "entries": []}
    empty = pa.table({"task": ["", "HS-01"], "at": ["2022-04-15"] * 2, "jurisdiction": ["徐练村", ""]})
    assert book.owners_arrow(empty).to_pyarrow()["error"].to_pylist() == [
        "the task is missing in this row [QA004]", "the jurisdiction is missing in this row [QA004]"]
    chinese = book.owners_arrow(table, mode=qingdan.lit("emergency"), language="zh").to_pyarrow()
    assert chinese["error"][1].as_py() == "此行缺少事项 [QA004]"


def test_values_for_every_row_roles_kept_columns_and_the_fingerprint(book):
    table = pa.table({"order": [11, 12], "task": ["HS-01", "核酸筛查"]})
    answers = book.owners_arrow(
        table, at=datetime.date(2022, 4, 15), jurisdiction=qingdan.lit("徐练村"),
        mode=qingdan.lit("emergency"), roles=["村居", "district"], keep=["order"], fingerprint=True)
    assert answers.columns == book.answer_columns(roles=["村居", "district"], fingerprint=True)
    assert answers.fingerprint == book.fingerprint
    result = answers.to_pyarrow()
    assert result.column_names == ["order", "status", "task_id", "owner_level", "owner_department",
                                   "role_village", "role_district", "entries", "error", "rulebook"]
    assert result.schema.metadata[b"qingdan.rulebook"] == book.fingerprint.encode()
    assert result.to_pylist()[1] == {
        "order": 12, "status": "listed", "task_id": "HS-01", "owner_level": "district",
        "owner_department": "区卫生健康委", "role_village": "assists", "role_district": "owns",
        "entries": ["X-07"], "error": None, "rulebook": book.fingerprint,
    }


def test_mistakes_in_the_request_are_refused_before_any_row(book):
    table = pa.table({"task": ["HS-01"], "at": [datetime.date(2024, 1, 1)], "jurisdiction": ["徐练村"]})
    refusals = {
        "QA001": dict(task="事项"),
        "QQ003": dict(mode=qingdan.lit("wartime")),
        "QQ001": dict(jurisdiction=qingdan.lit("没有这个村")),
        "QQ005": dict(roles=["province"]),
    }
    for code, arguments in refusals.items():
        with pytest.raises(qingdan.Error) as raised:
            book.owners_arrow(table, **arguments)
        assert raised.value.code == code, arguments
    with pytest.raises(qingdan.Error) as raised:
        book.owners_arrow(table.append_column("status", pa.array(["x"])), keep=True)
    assert raised.value.code == "QA006"
    with pytest.raises(qingdan.Error) as raised:
        book.owners_arrow(table.set_column(0, "task", pa.array([1])))
    assert raised.value.code == "QA002"
    assert "column 'task' is int64" in str(raised.value)
    with pytest.raises(qingdan.Error) as raised:
        book.owners_arrow(table.set_column(
            1, "at", pa.array([0], pa.timestamp("s", tz="America/New_York"))))
    assert raised.value.code == "QA003"
    with pytest.raises(qingdan.Error) as raised:
        book.owners_arrow([1, 2, 3])
    assert raised.value.code == "QA005"
    with pytest.raises(qingdan.Error) as raised:
        book.owners_arrow(pa.array([1, 2]))
    assert raised.value.code == "QA005"
    with pytest.raises(TypeError, match="column name"):
        book.owners_arrow(table, jurisdiction=3)
    with pytest.raises(TypeError, match="needs task"):
        book.owners_arrow(table, task=None)
    with pytest.raises(qingdan.Error) as raised:
        book.owners_arrow(table, at=qingdan.lit("2024-02-30"))
    assert raised.value.code == "QU001"
    with pytest.raises(qingdan.Error, match="没有"):
        book.owners_arrow(table, task="事项", language="zh")


def test_the_answers_are_read_once_and_their_schema_as_often_as_asked(book):
    table = pa.table({"task": ["HS-01"], "at": [datetime.date(2024, 1, 1)], "jurisdiction": ["徐练村"]})
    answers = book.owners_arrow(table)
    schema = pa.schema(answers)  # __arrow_c_schema__, as DuckDB asks before reading
    assert schema.names == answers.columns and pa.schema(answers) == schema
    assert not answers.consumed
    assert answers.to_pyarrow().num_rows == 1
    assert answers.consumed
    with pytest.raises(ValueError, match="only once"):
        answers.to_pyarrow()
    with pytest.raises(ValueError, match="requested schema"):
        book.owners_arrow(table).__arrow_c_stream__(pa.schema([("status", pa.string())]).__arrow_c_schema__())


def test_a_stream_is_answered_batch_by_batch_and_outlives_its_rulebook(book):
    """The answers hold their own copy of the rulebook, and read the input only when asked."""
    pulled = []

    def batches():
        for start in range(0, 3000, 1000):
            pulled.append(start)
            yield pa.record_batch({"task": ["HS-01"] * 1000,
                                   "at": [datetime.date(2022, 4, 15)] * 1000,
                                   "jurisdiction": ["徐练村"] * 1000})

    schema = pa.schema([("task", pa.string()), ("at", pa.date32()), ("jurisdiction", pa.string())])
    local = qingdan.Rulebook.load(str(QINGPU))
    answers = local.owners_arrow(pa.RecordBatchReader.from_batches(schema, batches()),
                                 mode=qingdan.lit("emergency"))
    del local
    reader = pa.RecordBatchReader.from_stream(answers)
    assert pulled == []
    first = reader.read_next_batch()
    assert pulled == [0] and first.num_rows == 1000
    assert set(first.column("owner_level").to_pylist()) == {"district"}
    assert sum(batch.num_rows for batch in reader) == 2000


def test_an_input_that_fails_midway_fails_the_read_with_its_reason(book):
    def batches():
        yield pa.record_batch({"task": ["HS-01"], "at": [datetime.date(2022, 4, 15)],
                               "jurisdiction": ["徐练村"]})
        raise OSError("the disk went away")

    schema = pa.schema([("task", pa.string()), ("at", pa.date32()), ("jurisdiction", pa.string())])
    answers = book.owners_arrow(pa.RecordBatchReader.from_batches(schema, batches()))
    reader = pa.RecordBatchReader.from_stream(answers)
    assert reader.read_next_batch().num_rows == 1
    with pytest.raises(Exception, match="the disk went away"):
        reader.read_next_batch()


def labelled_texts():
    import csv

    rows = []
    for name in ("wording.tsv", "holdout.tsv"):
        with open(QINGPU.parent.parent / "tests" / "data" / "wording" / name, encoding="utf-8") as f:
            rows += [row for row in csv.DictReader(f, delimiter="\t")]
    return rows


@pytest.mark.parametrize("rulebook", ["shanghai-qingpu", "national-village"])
def test_read_arrow_reads_every_text_as_read_does(rulebook):
    book = qingdan.Rulebook.load(str(QINGPU.parent / rulebook))
    texts = [row["text"] for row in labelled_texts() if row["rulebook"] == rulebook]
    texts += [t.name for t in book.find_tasks()][:20] + ["", "xyzzy"] + texts[:10]  # repeats
    table = pa.table({"n": list(range(len(texts))), "text": texts})
    for data in (table, table.set_column(1, "text", table["text"].dictionary_encode())):
        got = book.read_arrow(data, keep=["n"], candidates=3).to_pyarrow().to_pylist()
        assert [row["n"] for row in got] == list(range(len(texts)))
        for text, row in zip(texts, got):
            if text == "":
                assert row["error"] == "the text is missing in this row [QA004]"
                assert row["reading"] is None and row["candidates"] is None
                continue
            reading = book.read(text, candidates=3)
            taken = reading.task
            assert row == {
                "n": row["n"],
                "reading": reading.status,
                "task_id": taken.id if taken else None,
                "task_name": taken.name if taken else None,
                "confidence": reading.candidates[0].confidence if reading.candidates else None,
                "matched": reading.candidates[0].matched if reading.candidates else None,
                "candidates": [c.task.id for c in reading.candidates],
                "confidences": [c.confidence for c in reading.candidates],
                "error": None,
            }, text
    assert {row["reading"] for row in got} >= {"exact", "read_as", "candidates", "none"}


def test_read_arrow_then_owners_arrow_answers_orders_written_freely(book):
    """The way an analyst reads a year of hotline orders: read the text, ask who owns the task."""
    orders = pa.table({
        "order_id": [1, 2, 3],
        "summary": ["请各村为外出务工人员开具直系亲属关系证明", "xyzzy", "组织居民参加核酸筛查"],
        "at": [datetime.date(2024, 9, 1), datetime.date(2024, 9, 1), datetime.date(2022, 4, 15)],
        "village": ["徐练村"] * 3,
    })
    read = book.read_arrow(orders, text="summary", keep=True).to_pyarrow()
    answered = book.owners_arrow(read.filter(compute.is_valid(read["task_id"])),
                                 task="task_id", jurisdiction="village", roles=["village"],
                                 keep=["order_id"], mode=qingdan.lit("emergency")).to_pyarrow()
    assert answered.select(["order_id", "status", "role_village"]).to_pylist() == [
        {"order_id": 1, "status": "listed", "role_village": "forbidden"},
        {"order_id": 3, "status": "listed", "role_village": "assists"},
    ]


def test_read_arrow_refuses_what_it_cannot_read(book):
    table = pa.table({"text": ["开具证明"]})
    with pytest.raises(qingdan.Error) as raised:
        book.read_arrow(table, text="summary")
    assert raised.value.code == "QA001"
    with pytest.raises(qingdan.Error) as raised:
        book.read_arrow(table, candidates=0)
    assert raised.value.code == "QU003"
    with pytest.raises(TypeError, match="column name"):
        book.read_arrow(table, text=qingdan.lit("开具证明"))


def test_nothing_in_a_row_is_a_missing_value_however_it_is_written(book):
    """A null index, a null value of the dictionary, a column of type null, a null struct row."""
    dictionary = pa.DictionaryArray.from_arrays(pa.array([0, 1], pa.int32()),
                                                pa.array(["emergency", None]))
    table = pa.table({"task": ["HS-01", "HS-01"], "at": ["2022-04-15", "2022-04-15"],
                      "jurisdiction": ["徐练村", "徐练村"], "mode": dictionary})
    got = book.owners_arrow(table, mode="mode").to_pyarrow()
    assert got["owner_level"].to_pylist() == ["district", None]
    assert got["error"][1].as_py() == "the mode is missing in this row [QA004]"
    dates = pa.DictionaryArray.from_arrays(pa.array([0, 1], pa.int32()), pa.array(["2022-04-15", None]))
    got = book.owners_arrow(table.set_column(1, "at", dates), mode=None).to_pyarrow()
    assert got["error"][1].as_py() == "the date is missing in this row [QA004]"
    nulls = table.set_column(2, "jurisdiction", pa.nulls(2))
    assert book.owners_arrow(nulls, mode="mode").to_pyarrow()["error"].to_pylist() == [
        "the jurisdiction is missing in this row [QA004]"] * 2
    rows = pa.StructArray.from_arrays([pa.array(["HS-01", "HS-01"]), pa.array(["2022-04-15"] * 2),
                                       pa.array(["徐练村"] * 2)],
                                      names=["task", "at", "jurisdiction"],
                                      mask=pa.array([False, True]))
    got = book.owners_arrow(rows, mode=qingdan.lit("emergency")).to_pyarrow()
    assert got["owner_level"].to_pylist() == ["district", None]
    assert got["error"].to_pylist() == [None, "the row itself is null [QA004]"]
    read = book.read_arrow(pa.StructArray.from_arrays([pa.array(["开具亲属关系证明"] * 2)],
                                                      names=["text"], mask=pa.array([True, False])))
    assert read.to_pyarrow()["error"].to_pylist() == ["the row itself is null [QA004]", None]


def test_a_timestamp_at_the_end_of_time_is_a_bad_date_not_an_overflow(book):
    at = pa.array([2**63 - 1, -(2**63) + 1], pa.timestamp("s", tz="+08:00"))
    table = pa.table({"task": ["HS-01"] * 2, "at": at, "jurisdiction": ["徐练村"] * 2})
    errors = book.owners_arrow(table).to_pyarrow()["error"].to_pylist()
    assert all(error.endswith("[QU001]") for error in errors), errors


def test_keep_names_each_column_once_and_lit_holds_a_value(book):
    table = pa.table({"n": [1], "task": ["HS-01"], "at": ["2024-01-01"], "jurisdiction": ["徐练村"]})
    with pytest.raises(qingdan.Error, match="named twice in keep") as raised:
        book.owners_arrow(table, keep=["n", "n"])
    assert raised.value.code == "QA006"
    with pytest.raises(TypeError, match=r"lit\(None\) holds no value"):
        book.owners_arrow(table, at=qingdan.lit(None))


def test_the_streams_own_errors_speak_the_language_asked(book):
    table = pa.table({"task": ["HS-01"], "at": ["2024-01-01"], "jurisdiction": ["徐练村"]})
    answers = book.owners_arrow(table, language="zh")
    answers.to_pyarrow()
    with pytest.raises(ValueError, match="只能读取一次"):
        answers.to_pyarrow()
    with pytest.raises(qingdan.Error, match="数据不是表"):
        book.owners_arrow(pa.array([1]), language="zh")
