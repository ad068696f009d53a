"""A provincial rulebook measured from outside, as a whole process: `qingdan owner` from a
snapshot beside `sha256sum` of the same file (what reading and checking it costs at the least),
its peak memory beside the file's size, the second load of an unchanged folder from the compiled
cache beside the snapshot, and the first load from YAML.

    cmake --build --preset ci --target generate_rulebook qingdan-cli
    python3 tests/bench/provincial_scale.py --tasks 100000,1000000 --runs 5

The synthetic rulebooks are those of tests/bench/synthetic_rulebook.hpp. Each process runs
--runs times after one warm-up run (so the files are in the page cache, as a service's would
be); the median wall time and the median peak resident memory are printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUESTION = ["owner", "T5", "--at", "2024-09-01", "--in", "市/区3/镇5"]


def run_once(command: list, env: dict) -> tuple:
    """Wall seconds and peak resident MiB of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def measure(command: list, env: dict, runs: int) -> tuple:
    run_once(command, env)  # warm-up: the page cache, and the compiled cache where it is used
    times, peaks = zip(*(run_once(command, env) for _ in range(runs)))
    return statistics.median(times), statistics.median(peaks)


def age(folder: Path) -> None:
    """Rule files last edited ten minutes ago, as a published rulebook's are."""
    then = time.time() - 600
    for path in folder.rglob("*.y*ml"):
        os.utime(path, (then, then))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", default="100000", help="comma-separated sizes")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--yaml-runs", type=int, default=1, help="runs of the load from YAML")
    parser.add_argument("--cli", default=str(ROOT / "build/ci/src/cli/qingdan"))
    parser.add_argument("--generator", default=str(ROOT / "build/ci/tests/bench/generate_rulebook"))
    arguments = parser.parse_args()

    print(f"{'tasks':>9} | {'measure':<44} | {'median':>9} | {'floor':>9} | {'ratio':>6} | target")
    for tasks in (int(size) for size in arguments.tasks.split(",")):
        with tempfile.TemporaryDirectory(prefix="qingdan-provincial-") as scratch:
            folder = Path(scratch) / "rules"
            book = Path(scratch) / "book.qds"
            cache = Path(scratch) / "cache"
            subprocess.run([arguments.generator, str(tasks), str(folder)], check=True,
                           stdout=subprocess.DEVNULL)
            age(folder)
            no_cache = dict(os.environ, QINGDAN_CACHE_DIR="off")
            with_cache = dict(os.environ, QINGDAN_CACHE_DIR=str(cache))
            subprocess.run([arguments.cli, "compile", str(folder), "-o", str(book)], check=True,
                           env=no_cache, stdout=subprocess.DEVNULL)
            size_mib = book.stat().st_size / 2**20

            floor, floor_peak = measure(["sha256sum", str(book)], no_cache, arguments.runs)
            snapshot, snapshot_peak = measure(
                [arguments.cli, *QUESTION, "--rules", str(book)], no_cache, arguments.runs)
            cached, cached_peak = measure(
                [arguments.cli, *QUESTION, "--rules", str(folder)], with_cache, arguments.runs)
            from_yaml, yaml_peak = measure(
                [arguments.cli, *QUESTION, "--rules", str(folder)], no_cache, arguments.yaml_runs)

            def row(what: str, value: str, floor_text: str, ratio: float, target: str) -> None:
                print(f"{tasks:>9} | {what:<44} | {value:>9} | {floor_text:>9} | {ratio:>5.2f}x"
                      f" | {target}")

            # The memory floor is the file itself: what a process that maps it holds at least.
            row("qingdan owner, snapshot (s) / sha256sum", f"{snapshot:.3f}", f"{floor:.3f}",
                snapshot / floor, "<= 1.2x")
            row("peak memory (MiB) / snapshot file (MiB)", f"{snapshot_peak:.0f}",
                f"{size_mib:.0f}", snapshot_peak / size_mib,
                f"<= 1.3x + 20 MiB = {1.3 * size_mib + 20:.0f} MiB")
            row("qingdan owner, folder from the cache (s)", f"{cached:.3f}", f"{snapshot:.3f}",
                cached / snapshot, "<= 1.1x the snapshot")
            row("peak memory from the cache (MiB)", f"{cached_peak:.0f}", f"{snapshot_peak:.0f}",
                cached_peak / snapshot_peak, "-")
            row("qingdan owner, folder from YAML (s)", f"{from_yaml:.2f}", f"{snapshot:.3f}",
                from_yaml / snapshot, "-")
            row("peak memory from YAML (MiB)", f"{yaml_peak:.0f}", f"{size_mib:.0f}",
                yaml_peak / size_mib, "-")
            print(f"{tasks:>9} | snapshot {size_mib:.1f} MiB; sha256sum peak {floor_peak:.0f} MiB;"
                  f" {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
