"""12345 hotline orders, each with its own date and village, answered as Arrow columns.

Rulebook.owners_arrow takes any Arrow table (pyarrow, polars, pandas, DuckDB) and returns the
answers the same way, a row for each order; a row qingdan cannot answer carries its error.
"""

import pyarrow.csv

import qingdan

book = qingdan.Rulebook.load("rules/shanghai-qingpu")
orders = pyarrow.csv.read_csv("examples/orders/hotline-orders.csv")
answers = book.owners_arrow(orders, task="task", at="created", jurisdiction="village",
                            roles=["村居"], keep=["order_id", "task"]).to_pyarrow()
for row in answers.to_pylist():
    answer = row["error"] or f"{row['status']:8} owner {row['owner_level']}, 村居 {row['role_village']}"
    print(row["order_id"], f"{row['task'] or '-'}:", answer)
answered_by = answers.schema.metadata[b"qingdan.rulebook"].decode()
print("the schema names this rulebook as the one that answered:", answered_by == book.fingerprint)
