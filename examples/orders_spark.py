"""Hotline orders on Spark (here local mode, two cores): the snapshot is shipped with the job,
each executor loads it once and answers Spark's Arrow batches (mapInArrow); the `rulebook`
column proves which rulebook answered every row."""

import os
import pathlib
import sys
import tempfile

from pyspark.sql import SparkSession

import qingdan
import qingdan.spark

os.environ["PYSPARK_PYTHON"] = sys.executable
spark = (SparkSession.builder.master("local[2]").appName("qingdan-orders")
         .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
         .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
with tempfile.TemporaryDirectory() as folder:
    snapshot = pathlib.Path(folder) / "qingpu.qds"
    book = qingdan.Rulebook.load("rules/shanghai-qingpu")
    book.save_snapshot(str(snapshot))
    orders = spark.read.csv("examples/orders/hotline-orders.csv", header=True,
                            schema="order_id long, created date, village string, task string")
    answered = qingdan.spark.owners(orders, rules=snapshot, task="task", at="created",
                                    jurisdiction="village", ship=True)
    for row in answered.orderBy("order_id").collect():
        print(row.order_id, row.status, row.owner_level, row.role_village,
              *([row.error] if row.error else []))
    rulebooks = [row.rulebook for row in answered.select("rulebook").distinct().collect()]
    print("every row answered by this rulebook:", rulebooks == [book.fingerprint])
spark.stop()
