"""End to end: duration indicators ("kind": "duration") through the real
binary. The expected figures are computed here, from registrations.csv with
Python, never copied from the binary's output: n, open, mean, median, the
share within the benchmark and the rows left out, per municipality and in
total, then checked in summary.json, status.md, the dashboard and the workbook.
"""
import csv
import datetime as dt
import decimal
import json
import os
import pathlib
import subprocess
import tempfile
import unittest

import openpyxl

import readers

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("MAALTAL_BIN", str(ROOT / "build/dev/maaltal"))

PROJECTS = [ROOT / "tests/fixtures/durations/project.json",
            ROOT / "sample-data/rummeligt-arbejdsmarked/project.json"]


def parse_date(text):
    text = text.strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise AssertionError(f"unreadable date {text!r}")


def expected_figures(project_path, as_of):
    """Per duration id: {code or "": dict(n, open, negative, no_start, mean, median, within_share)}."""
    project = json.loads(project_path.read_text(encoding="utf-8"))
    reg = project["registrations"]
    columns = reg.get("columns", {})
    col = lambda field: columns.get(field, field)
    start, end = (dt.date.fromisoformat(project["period"][k]) for k in ("start", "end"))
    codes = [m if isinstance(m, str) else m["code"] for m in project["municipalities"]]
    durations = [i for i in project["indicators"] if i["kind"] == "duration"]
    rows, seen = [], set()
    with open(project_path.parent / reg["file"], encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f, delimiter=reg.get("delimiter", ";")):
            code = row[col("municipality")].strip()
            key = (row[col("participant")].strip(), code)
            if code not in codes or key in seen:
                continue
            seen.add(key)
            rows.append(row)

    def in_period(text):
        d = parse_date(text)
        return d if d and start <= d <= end else None  # outside the period: W114, not counted

    out = {}
    for d in durations:
        per_unit = {c: [] for c in codes + [""]}
        counts = {c: dict(open=0, negative=0, no_start=0) for c in codes + [""]}
        for row in rows:
            code = row[col("municipality")].strip()
            s, e = in_period(row[col(d["start_field"])]), in_period(row[col(d["end_field"])])
            for c in (code, ""):
                if e and e <= as_of and not s:
                    counts[c]["no_start"] += 1
                elif e and e <= as_of and e < s:
                    counts[c]["negative"] += 1
                elif s and s <= as_of and e and e <= as_of:
                    per_unit[c].append((e - s).days)
                elif s and s <= as_of:
                    counts[c]["open"] += 1
        figures = {}
        for c, days in per_unit.items():
            days.sort()
            n = len(days)
            f = dict(counts[c], n=n, mean=None, median=None, within_share=None)
            if n:
                f["mean"] = sum(days) / n
                f["median"] = days[n // 2] if n % 2 else (days[n // 2 - 1] + days[n // 2]) / 2
                f["within_share"] = sum(1 for x in days if x <= d["within_days"]) / n
            f["actual"] = f[d.get("statistic", "median")]
            figures[c] = f
        out[d["id"]] = (d, figures)
    return out


def half_up(value, places):
    q = decimal.Decimal(1).scaleb(-places)
    return decimal.Decimal(repr(value)).quantize(q, rounding=decimal.ROUND_HALF_UP)


def days_text(v):
    r = half_up(v, 1)
    return str(int(r)) if r == r.to_integral() else str(r).replace(".", ",")


def percent_text(v, decimals):
    return f"{half_up(v * 100, decimals)} %".replace(".", ",")


def build(project, out, *extra):
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    r = subprocess.run([BIN, "build", str(project), "--out", str(out), *extra], cwd=ROOT, capture_output=True,
                       text=True, env=env)
    if r.returncode != 0:
        raise AssertionError(r.stderr)
    return r


class DurationFigures(unittest.TestCase):
    def each_project(self):
        found = [p for p in PROJECTS if p.exists()]
        self.assertTrue(found)
        for project in found:
            with self.subTest(project=project.parent.name), tempfile.TemporaryDirectory() as tmp:
                out = pathlib.Path(tmp)
                result = build(project, out / "internal", "--audience", "internal")
                summary = json.loads((out / "internal/summary.json").read_text(encoding="utf-8"))
                as_of = dt.date.fromisoformat(summary["as_of"])
                yield project, out, result, summary, expected_figures(project, as_of)

    def test_summary_json_has_every_figure(self):
        for project, out, _, summary, expected in self.each_project():
            ids = {i["id"]: i for i in summary["indicators"]}
            for did, (decl, figures) in expected.items():
                self.assertEqual(ids[did]["kind"], "duration")
                self.assertEqual(ids[did]["within_days"], decl["within_days"])
                got = {u["code"]: u["values"][did] for u in summary["units"]}
                got[""] = summary["total"]["values"][did]
                for code, want in figures.items():
                    for key in ("n", "open", "negative", "no_start"):
                        self.assertEqual(got[code][key], want[key], (did, code, key))
                    for key in ("mean", "median", "within_share", "actual"):
                        if want[key] is None:
                            self.assertIsNone(got[code][key], (did, code, key))
                        else:
                            self.assertAlmostEqual(got[code][key], want[key], 9, (did, code, key))

    def test_the_total_carries_the_range_across_municipalities(self):
        for project, out, _, summary, expected in self.each_project():
            status = (out / "internal/status.md").read_text(encoding="utf-8")
            page = (out / "internal/index.html").read_text(encoding="utf-8")
            names = {u["code"]: u["name"] for u in summary["units"]}
            for did, (decl, figures) in expected.items():
                values = {c: f["actual"] for c, f in figures.items() if c and f["actual"] is not None}
                got = summary["total"]["values"][did]["range"]
                if len(values) < 2:
                    self.assertIsNone(got, did)
                    continue
                low, high = min(values.values()), max(values.values())
                self.assertAlmostEqual(got["min"], low, 9, did)
                self.assertAlmostEqual(got["max"], high, 9, did)
                self.assertIn(got["min_code"], [c for c, v in values.items() if v == low], did)
                self.assertIn(got["max_code"], [c for c, v in values.items() if v == high], did)
                self.assertEqual(got["n"], len(values), did)
                named = f"lavest {names[got['min_code']]} "
                self.assertIn(named, status, did)
                self.assertIn(named, page, did)

    def test_status_and_dashboard_show_the_figures_and_the_open_cases(self):
        for project, out, _, summary, expected in self.each_project():
            tables = readers.markdown_tables(str(out / "internal/status.md"))
            page = (out / "internal/index.html").read_text(encoding="utf-8")
            html = [rows for caption, rows in readers.html_tables(page) if "Åbne:" in caption]
            decimals = json.loads(project.read_text(encoding="utf-8")).get("percent_decimals", 0)
            names = {u["code"]: u["name"] for u in summary["units"]}
            names[""] = "I alt"
            for k, (did, (decl, figures)) in enumerate(expected.items()):
                md = [t for t in tables if t[0][:3] == ["Kommune", "Afsluttede (n)", "Åbne"]][k]
                for rows in (md, html[k]):
                    by_name = {r[0]: r[1:] for r in rows[1:]}
                    for code, want in figures.items():
                        cells = by_name[names[code]]
                        self.assertEqual(cells[0], str(want["n"]), (did, code))
                        self.assertEqual(cells[1], str(want["open"]), (did, code))
                        if want["n"]:
                            self.assertEqual(cells[2], days_text(want["median"]), (did, code))
                            self.assertEqual(cells[3], days_text(want["mean"]), (did, code))
                            self.assertEqual(cells[4], percent_text(want["within_share"], decimals), (did, code))
                self.assertIn(f"{decl['label']}: median {days_text(figures['']['median'])} dage", page)
                left_out = figures[""]["negative"] + figures[""]["no_start"]
                if left_out:
                    self.assertIn(f"startdato: {left_out}.", page)
            self.assertIn('aria-labelledby="chart-varighed-', page)

    def test_workbook_has_numbers_as_numbers(self):
        for project, out, _, summary, expected in self.each_project():
            book = openpyxl.load_workbook(out / "internal/report.xlsx", data_only=True)
            sheet = book["Varigheder"]
            rows = list(sheet.iter_rows(values_only=True))
            header = rows[0]
            got = {(r[header.index("Varighed")], r[header.index("Kommunekode")] or ""): r for r in rows[1:]}
            for did, (decl, figures) in expected.items():
                for code, want in figures.items():
                    r = got[(decl["label"], code)]
                    self.assertEqual(r[header.index("Afsluttede (n)")], want["n"])
                    self.assertEqual(r[header.index("Åbne")], want["open"])
                    if want["n"]:
                        self.assertAlmostEqual(r[header.index("Median (dage)")], want["median"], 9)
                        self.assertAlmostEqual(r[header.index("Gennemsnit (dage)")], want["mean"], 9)
                        self.assertAlmostEqual(r[header.index("Andel inden for pejlemærket")], want["within_share"], 9)

    def test_warnings_name_the_line_and_column(self):
        for project, out, result, summary, expected in self.each_project():
            # Every row whose end comes before its start, whatever the as-of date: line and column of the end date.
            spec = json.loads(project.read_text(encoding="utf-8"))
            reg = spec["registrations"]
            path = project.parent / reg["file"]
            lines = path.read_text(encoding="utf-8-sig").splitlines()
            header = lines[0].split(reg.get("delimiter", ";"))
            columns = reg.get("columns", {})
            want = []
            for d in (i for i in spec["indicators"] if i["kind"] == "duration"):
                si, ei = (header.index(columns.get(d[k], d[k])) for k in ("start_field", "end_field"))
                for number, line in enumerate(lines[1:], start=2):
                    cells = line.split(reg.get("delimiter", ";"))
                    s, e = parse_date(cells[si]), parse_date(cells[ei])
                    if s and e and e < s:
                        column = len(";".join(cells[:ei])) + 2
                        want.append(f"{reg['file']}:{number}:{column}: warning:")
            got = [line for line in result.stderr.splitlines() if line.endswith("[W170]")]
            self.assertEqual(len(got), len(want))
            for w in want:
                self.assertTrue(any(w in g for g in got), (w, got))

    def test_public_outputs_hide_small_n(self):
        for project, out, _, internal, expected in self.each_project():
            build(project, out / "public", "--audience", "public")
            summary = json.loads((out / "public/summary.json").read_text(encoding="utf-8"))
            for did, (decl, figures) in expected.items():
                total = summary["total"]["values"][did]
                self.assertNotIn("series", total)
                self.assertNotIn("negative", total)
                hidden = []
                for u in summary["units"]:
                    v, want = u["values"][did], figures[u["code"]]
                    if 0 < want["n"] < 5:
                        self.assertEqual(v.get("hidden"), "small", (did, u["code"]))
                    if v.get("hidden"):
                        self.assertIsNone(v["n"])
                        self.assertIsNone(v["mean"])
                        self.assertIsNone(v["median"])
                        if want["n"]:
                            hidden.append(want["n"])
                    else:
                        self.assertEqual(v["n"], want["n"])
                # The hidden ones' pooled figures follow from the total: never one alone, never fewer than 5 people.
                if hidden and total.get("hidden") is None:
                    self.assertGreaterEqual(len(hidden), 2, did)
                    self.assertGreaterEqual(sum(hidden), 5, did)


if __name__ == "__main__":
    unittest.main()
