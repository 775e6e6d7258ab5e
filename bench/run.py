#!/usr/bin/env python3
"""The benchmark: `maaltal build` on generated national projects of growing
size, all outputs, beside the peer a user would otherwise run
(../shared/bench/peer_pandas.py, or $BENCH_PEER: pandas + Jinja2 +
XlsxWriter) on the same file.

For each size, maaltal build, maaltal check and the peer are run in turn
(alternating, so that a busy machine slows each alike), BENCH_PAIRS times
(default 5), and the medians are printed: wall and CPU seconds, peak resident
memory, and the ratios maaltal / peer. A shared machine makes absolute times
noisy; the ratio within the same run is the figure that holds. Then the
stage times of the median build, reading speed in MB/s and rows/s, how time
and memory grow with N (the exponent between consecutive sizes), and the
build with --raw-rows and how fast its raw rows are written.

Usage: bench/run.sh [N ...]   (default 10^4 10^5 10^6; BENCH_LARGE=1 adds 10^7)
  BENCH_PAIRS=3  fewer runs per size;  BENCH_PEER=none  maaltal alone
"""
import math
import os
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
BIN = pathlib.Path(os.environ.get("MAALTAL_BIN", ROOT / "build/release/maaltal"))
PEER = os.environ.get("BENCH_PEER", str(ROOT.parent / "shared/bench/peer_pandas.py"))
PAIRS = int(os.environ.get("BENCH_PAIRS", "5"))
WORK = ROOT / "build/bench"


def generate(n):
    folder = WORK / f"n{n}"
    if not (folder / "registrations.csv").exists():
        subprocess.run([str(BIN), "generate", "--participants", str(n), "--out", str(folder)], check=True,
                       stdout=subprocess.DEVNULL)
    return folder


class Run:
    """One process's wall and CPU seconds, peak RSS in MB and (for maaltal) stage timings."""

    def __init__(self, command, env=None):
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                 env=dict(os.environ, **(env or {})))
        stderr = child.stderr.read()
        _, status, usage = os.wait4(child.pid, 0)  # this child's own resource use
        self.wall = time.perf_counter() - start
        if status != 0:
            sys.exit(f"{' '.join(command)} failed:\n{stderr}")
        self.cpu = usage.ru_utime + usage.ru_stime
        self.peak = usage.ru_maxrss / 1024
        self.stages = {}
        for line in stderr.splitlines():
            if line.startswith("timing: "):
                name, seconds, _unit = line[len("timing: "):].rsplit(" ", 2)
                self.stages[name] = float(seconds)


def build(folder, *extra, env=None):
    return Run([str(BIN), "build", str(folder / "project.json"), "--out", str(folder / "out"), "--timings", *extra],
               env)


def check(folder):
    return Run([str(BIN), "check", str(folder / "project.json")])


def peer(folder):
    out = folder / "peer"
    out.mkdir(exist_ok=True)
    return Run(["/usr/bin/python3", PEER, str(folder), str(out)])


def median_run(runs):
    """The run of median wall time (its stages belong together)."""
    return sorted(runs, key=lambda r: r.wall)[len(runs) // 2]


def med(runs, attribute):
    return statistics.median(getattr(r, attribute) for r in runs)


def table(header, rows):
    print("| " + " | ".join(header) + " |")
    print("|" + "---:|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |", flush=True)


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [10**4, 10**5, 10**6] + ([10**7] if os.environ.get("BENCH_LARGE") else [])
    with_peer = PEER != "none"
    where = BIN.relative_to(ROOT) if BIN.is_relative_to(ROOT) else BIN
    print(f"maaltal benchmark on {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}: {where}, "
          f"median of {PAIRS} alternating runs" + (f" beside {pathlib.Path(PEER).name}" if with_peer else ""))
    print()
    results = {}
    for n in sizes:
        folder = generate(n)
        runs = {"build": [], "check": [], "peer": []}
        for _ in range(PAIRS):
            runs["build"].append(build(folder))
            runs["check"].append(check(folder))
            if with_peer:
                runs["peer"].append(peer(folder))
        results[n] = runs
    print_ratios(sizes, results, with_peer)
    print_stages(sizes, results)
    print_raw_rows(sizes)


def print_ratios(sizes, results, with_peer):
    header = ["N", "input MB", "build wall s", "build CPU s", "build peak MB", "check wall s", "check peak MB"]
    if with_peer:
        header += ["peer wall s", "peer CPU s", "peer peak MB", "build/peer wall", "build/peer CPU",
                   "build/peer memory", "check/peer wall"]
    rows = []
    for n in sizes:
        runs = results[n]
        b, c, p = runs["build"], runs["check"], runs["peer"]
        row = [f"{n:,}", f"{input_mb(n):.1f}", f"{med(b, 'wall'):.2f}", f"{med(b, 'cpu'):.2f}", f"{med(b, 'peak'):.0f}",
               f"{med(c, 'wall'):.2f}", f"{med(c, 'peak'):.0f}"]
        if with_peer:
            # The ratio of each pair (run back to back), then their median.
            ratio = lambda mine, attribute: statistics.median(
                getattr(m, attribute) / getattr(q, attribute) for m, q in zip(mine, p))
            row += [f"{med(p, 'wall'):.2f}", f"{med(p, 'cpu'):.2f}", f"{med(p, 'peak'):.0f}",
                    f"**{ratio(b, 'wall'):.2f}**", f"{ratio(b, 'cpu'):.2f}", f"{ratio(b, 'peak'):.2f}",
                    f"**{ratio(c, 'wall'):.2f}**"]
        rows.append(row)
    table(header, rows)
    print()
    for (n0, r0), (n1, r1) in zip(list(results.items()), list(results.items())[1:]):
        grow = lambda attribute: math.log(med(r1["build"], attribute) / med(r0["build"], attribute)) / math.log(n1 / n0)
        print(f"from {n0:,} to {n1:,}: build wall time grows as N^{grow('wall'):.2f}, CPU as N^{grow('cpu'):.2f}, "
              f"peak memory as N^{grow('peak'):.2f}")
    print()


def input_mb(n):
    return (WORK / f"n{n}" / "registrations.csv").stat().st_size / 1e6


def print_stages(sizes, results):
    print("Stages of the build of median wall time (seconds; the workbook is written on a thread of its own):")
    header = ["N", "read s", "read MB/s", "read rows/s", "compute s", "release s", "dashboard s", "status s",
              "summary s", "workbook s"]
    rows = []
    for n in sizes:
        s = median_run(results[n]["build"]).stages
        read = s.get("read and validate", float("nan"))
        rows.append([f"{n:,}", f"{read:.2f}", f"{input_mb(n) / read:.0f}", f"{n / read:,.0f}",
                     f"{s.get('compute', 0):.2f}", f"{s.get('public release: months and suppression', 0):.2f}",
                     f"{s.get('dashboard', 0):.2f}", f"{s.get('status report', 0):.2f}",
                     f"{s.get('summary.json', 0):.2f}", f"{s.get('workbook', 0):.2f}"])
    table(header, rows)
    print()


def print_raw_rows(sizes):
    print("With --raw-rows (registreringer.xlsx, streamed in libxlsxwriter's constant-memory mode), one run each:")
    rows = []
    for n in sizes:
        r = build(WORK / f"n{n}", "--raw-rows", env={"MAALTAL_PSEUDONYM_KEY": "bench-key-of-some-length"})
        raw = r.stages.get("raw rows workbook", float("nan"))
        rows.append([f"{n:,}", f"{r.wall:.2f}", f"{r.peak:.0f}", f"{raw:.2f}", f"{n / raw:,.0f}"])
    table(["N", "wall s", "peak MB", "raw rows workbook s", "raw rows/s"], rows)


if __name__ == "__main__":
    main()
