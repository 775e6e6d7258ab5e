#!/usr/bin/env python3
"""Derives the two registration sources of a sample project, and its list of
test persons, from the sample's own registrations: deterministic, no
randomness, so the files are the same on every run.

The evaluation of "Et mere rummeligt arbejdsmarked for borgere med handicap
II" reports: the jobcentres' register extract had 1.046 observations, 29 of
them from other municipalities, leaving N = 1.017 (the referred); the
project's case tool had 1.049 records, 3 of them test persons, leaving
1.046; 21 could not be matched on the person id (typing errors), so 1.025
were matched. This script makes files that give exactly those figures under
maaltal's rule order (test persons out, then the join, then another
municipality out of its own source's N):

- jobcenter.csv (the register extract): every referred participant (a row
  with a referral date) with its municipality code and referral date, plus
  `--other` persons who moved to a municipality outside the project.
- sagsvaerktoej.csv (the case tool): the same referred participants, of whom
  `--typos` have one character of their id typed wrong (so they match no
  row of the extract, and the extract's row matches none of theirs); the
  movers under the project municipality the case tool still has them in
  (a difference in municipality); `--date-differs` participants with a
  referral date a few days off; and `--test` test persons. Municipalities
  are written by name here, as a case tool shows them.
- testpersoner.csv: the test persons' ids.

Usage: make_reconciliation_sources.py PROJECT_DIR [--date-field visitationsdato]
"""
import argparse
import csv
import json
import pathlib

OUTSIDE = ["101", "147", "461", "751", "851", "561", "657", "370"]  # tried in order; project codes skipped


def read_registrations(folder: pathlib.Path, project: dict, date_field: str):
    reg = project["registrations"]
    columns = reg.get("columns", {})
    id_col = columns.get("participant", "participant")
    unit_col = columns.get("municipality", "municipality")
    path = folder / reg["file"]
    with path.open(encoding="utf-8-sig", newline="") as f:
        sample = f.readline()
        f.seek(0)
        delimiter = reg.get("delimiter") or (";" if sample.count(";") >= sample.count(",") else ",")
        rows = list(csv.DictReader(f, delimiter=delimiter))
    referred = {}
    for row in rows:
        date = (row.get(date_field) or "").strip()
        pid = (row.get(id_col) or "").strip()
        if date and pid and pid not in referred:  # the first referral of each participant
            referred[pid] = (row[unit_col].strip(), date)
    return referred


def municipality_names():
    here = pathlib.Path(__file__).resolve().parent.parent
    for candidate in [here / "config" / "kommuner.csv", here / "share" / "kommuner.csv", pathlib.Path("/work/shared/data/kommuner.csv")]:
        if candidate.exists():
            with candidate.open(encoding="utf-8") as f:
                return {r["kode"]: r["navn"] for r in csv.DictReader(f)}
    raise SystemExit("kommuner.csv not found")


def typo(pid: str, taken: set) -> str:
    """One character typed wrong: the last digit turned one up (9 to 0),
    moving left while that gives an id already in use."""
    chars = list(pid)
    for i in range(len(chars) - 1, -1, -1):
        if chars[i].isdigit():
            chars[i] = str((int(chars[i]) + 1) % 10)
            candidate = "".join(chars)
            if candidate not in taken:
                return candidate
            chars = list(pid)
    raise SystemExit(f"no typo for {pid!r}")


def shifted(date: str, days: int) -> str:
    import datetime
    d = datetime.date.fromisoformat(date)
    return (d + datetime.timedelta(days=days)).isoformat()


def every_kth(items, n):
    """n items spread evenly over `items` (deterministic)."""
    if n > len(items):
        raise SystemExit(f"asked for {n} of {len(items)}")
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("project_dir")
    ap.add_argument("--date-field", default="visitationsdato")
    ap.add_argument("--other", type=int, default=29)
    ap.add_argument("--test", type=int, default=3)
    ap.add_argument("--typos", type=int, default=21)
    ap.add_argument("--date-differs", type=int, default=12)
    args = ap.parse_args()
    folder = pathlib.Path(args.project_dir)
    project = json.loads((folder / "project.json").read_text(encoding="utf-8"))
    units = [str(u) for u in project["municipalities"]]
    names = municipality_names()
    referred = read_registrations(folder, project, args.date_field)
    ids = sorted(referred)
    taken = set(ids)

    outside = [c for c in OUTSIDE if c not in units][:3]
    movers = []
    for k in range(args.other):
        pid = f"FLYT-{k + 1:03d}"
        assert pid not in taken
        taken.add(pid)
        home = units[k % len(units)]
        moved_to = outside[k % len(outside)]
        date = referred[ids[(k * 37) % len(ids)]][1]
        movers.append((pid, home, moved_to, date))

    typed_wrong = {}
    for pid in every_kth(ids, args.typos):
        typed_wrong[pid] = typo(pid, taken)
        taken.add(typed_wrong[pid])
    late = [pid for pid in every_kth(ids[1:], args.date_differs + args.typos) if pid not in typed_wrong][: args.date_differs]
    if len(late) < args.date_differs:
        raise SystemExit("too few participants for --date-differs")
    tests = [f"TEST-{k + 1}" for k in range(args.test)]

    register = [(pid, referred[pid][0], referred[pid][1]) for pid in ids]
    register += [(pid, moved_to, date) for pid, home, moved_to, date in movers]
    register.sort(key=lambda r: (r[2], r[0]))
    with (folder / "jobcenter.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\n")
        w.writerow(["person_id", "kommunekode", "visitationsdato"])
        w.writerows(register)

    tool = []
    for pid in ids:
        unit, date = referred[pid]
        tool.append((typed_wrong.get(pid, pid), names[unit], shifted(date, 3) if pid in late else date))
    tool += [(pid, names[home], date) for pid, home, moved_to, date in movers]
    first_date = min(d for _, _, d in register)
    tool += [(pid, names[units[0]], first_date) for pid in tests]
    tool.sort(key=lambda r: r[0])
    with (folder / "sagsvaerktoej.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\n")
        w.writerow(["deltager", "kommune", "visiteret"])
        w.writerows(tool)

    with (folder / "testpersoner.csv").open("w", encoding="utf-8", newline="") as f:
        f.write("deltager\n" + "".join(t + "\n" for t in tests))
    print(f"jobcenter.csv: {len(register)} rows ({args.other} outside); sagsvaerktoej.csv: {len(tool)} rows "
          f"({args.test} test persons, {args.typos} ids typed wrong, {len(late)} dates off)")


if __name__ == "__main__":
    main()
