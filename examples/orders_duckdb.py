"""Who owns the hotline orders, in SQL: qingdan.duckdb.register adds qingdan_owner,
qingdan_role, qingdan_status and qingdan_error to a DuckDB connection, vectorised over Arrow."""

import duckdb

import qingdan
import qingdan.duckdb

book = qingdan.Rulebook.load("rules/shanghai-qingpu")
con = duckdb.connect()
qingdan.duckdb.register(con, book)
con.sql("CREATE TABLE orders AS SELECT * FROM 'examples/orders/hotline-orders.csv'")
print(con.sql("""
    SELECT coalesce(qingdan_role(task, created, village, '村居'), '-') AS village_role,
           coalesce(qingdan_owner(task, created, village), '-') AS owner,
           count(*) AS orders
    FROM orders
    WHERE qingdan_error(task, created, village) IS NULL
    GROUP BY ALL ORDER BY orders DESC, village_role, owner
""").fetchall())
print(con.sql("""
    SELECT order_id, qingdan_error(task, created, village) FROM orders
    WHERE qingdan_error(task, created, village) IS NOT NULL ORDER BY order_id
""").fetchall())
