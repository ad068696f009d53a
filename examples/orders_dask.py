"""Hotline orders on a Dask cluster (here two local worker processes): every worker loads the
rulebook snapshot once and answers its partitions with the columnar owner query."""

import pathlib
import tempfile

import dask.dataframe
import distributed

import qingdan
import qingdan.dask

if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        snapshot = pathlib.Path(folder) / "qingpu.qds"
        qingdan.Rulebook.load("rules/shanghai-qingpu").save_snapshot(str(snapshot))
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=None, host="127.0.0.1") as cluster, \
                distributed.Client(cluster):
            orders = dask.dataframe.read_csv("examples/orders/hotline-orders.csv",
                                             dtype={"task": "string"}, blocksize=200)
            answered = qingdan.dask.owners(orders, rules=snapshot, task="task", at="created",
                                           jurisdiction="village")
            table = answered[["order_id", "status", "owner_level", "role_village"]].compute()
    print(orders.npartitions, "partitions")
    for row in table.sort_values("order_id").itertuples(index=False):
        print(row.order_id, row.status, row.owner_level, row.role_village)
