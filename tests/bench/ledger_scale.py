"""How `qingdan ledger` and `qingdan check --ledger` scale with a year of directives.

Writes, under a temporary folder, a ledger of D directives of I items each (a mix of types, some
per household) sent to every village of the shipped Qingpu rulebook, and V village profiles added
under its towns; then times the two commands as whole processes and prints their wall time and
peak memory. Usage:

    python3 tests/bench/ledger_scale.py --cli build/ci/src/cli/qingdan \\
        [--directives 500] [--items 20] [--villages 5000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules" / "shanghai-qingpu"
TOWNS = ["夏阳街道", "盈浦街道", "香花桥街道", "朱家角镇", "练塘镇", "金泽镇", "赵巷镇", "徐泾镇",
         "华新镇", "重固镇", "白鹤镇"]
TYPES = ["task", "form", "report", "inspection", "meeting", "app", "sign", "campaign"]
FREQUENCIES = ["daily", "weekly", "monthly", "quarterly", "once"]


def write_ledger(folder: Path, directives: int, items: int) -> None:
    for d in range(directives):
        month = 1 + d % 12
        lines = ["qingdan: 1", "kind: directive", f"id: BENCH-{d:05d}",
                 f"issued: 2022-{month:02d}-01", f"until: 2022-12-31",
                 f"issuer: {{level: district, department: 区部门{d % 50:02d}}}",
                 "jurisdiction: 上海市/青浦区", "items:"]
        for i in range(items):
            per = ", per: household" if i % 5 == 0 else ""
            form = f", form: {{name: 表{d}-{i}, fields: [姓名, 电话, 字段{i}]}}" if i % 7 == 0 else ""
            lines.append(f"  - {{task: 事项{i}, type: {TYPES[i % len(TYPES)]}, "
                         f"frequency: {FREQUENCIES[i % len(FREQUENCIES)]}, "
                         f"effort_hours: 0.1{per}{form}}}")
        (folder / f"d{d:05d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_villages(file: Path, villages: int) -> None:
    rows = ["jurisdiction,households,staff"]
    for v in range(villages):
        rows.append(f"上海市/青浦区/{TOWNS[v % len(TOWNS)]}/测试村{v:05d},500,4")
    file.write_text("\n".join(rows) + "\n", encoding="utf-8")


def timed(command: list) -> tuple:
    """Wall seconds and peak resident MiB of one run of `command`, as its own process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        sys.exit(f"{command[1]} failed: {process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--directives", type=int, default=500)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--villages", type=int, default=5000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "ledger"
        folder.mkdir()
        write_ledger(folder, options.directives, options.items)
        villages = Path(temporary) / "villages.csv"
        write_villages(villages, options.villages)
        shape = (f"{options.directives} directives × {options.items} items, "
                 f"{options.villages} villages")
        seconds, peak = timed([options.cli, "ledger", str(folder), "--rules", str(RULES),
                               "--villages", str(villages), "--year", "2022", "--json"])
        print(f"qingdan ledger, {shape}: {seconds:.2f} s, peak {peak} MiB")
        seconds, peak = timed([options.cli, "check", str(folder / "d00000.yaml"), "--rules",
                               str(RULES), "--villages", str(villages), "--ledger", str(folder),
                               "--json"])
        print(f"qingdan check --ledger, {shape}: {seconds:.2f} s, peak {peak} MiB")


if __name__ == "__main__":
    main()
