#!/usr/bin/env python3
"""The benchmark: `maaltal build` on generated national projects of growing
size, all outputs, and the figures that matter for a 2-core machine. Prints
input size, wall time and peak resident memory of the whole run, each
stage's time (from --timings), reading speed in MB/s and rows/s, and how time
grows with N (the exponent between consecutive sizes); then the same build
with --raw-rows, and how fast the raw rows are written.

Usage: bench/run.sh [N ...]   (default 10^4 10^5 10^6; BENCH_LARGE=1 adds 10^7)
"""
import math
import os
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
BIN = pathlib.Path(os.environ.get("MAALTAL_BIN", ROOT / "build/release/maaltal"))
WORK = ROOT / "build/bench"


def generate(n):
    folder = WORK / f"n{n}"
    if not (folder / "registrations.csv").exists():
        subprocess.run([str(BIN), "generate", "--participants", str(n), "--out", str(folder)], check=True,
                       stdout=subprocess.DEVNULL)
    return folder


def measure(folder, *extra, env=None):
    """Wall seconds, peak RSS in MB and the stage timings of one build."""
    start = time.perf_counter()
    child = subprocess.Popen([str(BIN), "build", str(folder / "project.json"), "--out", str(folder / "out"), "--timings",
                              *extra], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                             env=dict(os.environ, **(env or {})))
    stderr = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)  # this child's own resource use
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(stderr)
    stages = {}
    for line in stderr.splitlines():
        if line.startswith("timing: "):
            name, seconds, _unit = line[len("timing: "):].rsplit(" ", 2)
            stages[name] = float(seconds)
    return wall, usage.ru_maxrss / 1024, stages


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [10**4, 10**5, 10**6] + ([10**7] if os.environ.get("BENCH_LARGE") else [])
    print(f"maaltal benchmark on {os.cpu_count()} cores: {BIN.relative_to(ROOT) if BIN.is_relative_to(ROOT) else BIN}")
    header = ["N", "input MB", "wall s", "peak MB", "read s", "read MB/s", "read rows/s", "compute s", "dashboard s",
              "status s", "summary s", "workbook s"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---:|" * len(header))
    previous = None
    growth = []
    for n in sizes:
        folder = generate(n)
        size_mb = (folder / "registrations.csv").stat().st_size / 1e6
        wall, peak, stages = measure(folder)
        read = stages.get("read and validate", float("nan"))
        row = [f"{n:,}", f"{size_mb:.1f}", f"{wall:.2f}", f"{peak:.0f}", f"{read:.2f}",
               f"{size_mb / read:.0f}", f"{n / read:,.0f}", f"{stages.get('compute', 0):.2f}",
               f"{stages.get('dashboard', 0):.2f}", f"{stages.get('status report', 0):.2f}",
               f"{stages.get('summary.json', 0):.2f}", f"{stages.get('workbook', 0):.2f}"]
        print("| " + " | ".join(row) + " |", flush=True)
        if previous:
            exponent = math.log(wall / previous[1]) / math.log(n / previous[0])
            growth.append(f"wall time grows as N^{exponent:.2f} from {previous[0]:,} to {n:,}")
        previous = (n, wall)
    print()
    for line in growth:
        print(line)
    print()
    print("With --raw-rows (registreringer.xlsx, streamed in libxlsxwriter's constant-memory mode):")
    print("| N | wall s | peak MB | raw rows workbook s | raw rows/s |")
    print("|---:|---:|---:|---:|---:|")
    for n in sizes:
        wall, peak, stages = measure(WORK / f"n{n}", "--raw-rows", env={"MAALTAL_PSEUDONYM_KEY": "bench-key-of-some-length"})
        raw = stages.get("raw rows workbook", float("nan"))
        print(f"| {n:,} | {wall:.2f} | {peak:.0f} | {raw:.2f} | {n / raw:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
