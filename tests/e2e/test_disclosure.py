"""Suppression proved (issue 15): an exact attacker over public summary.json.

Run by ctest as e2e_disclosure; MAALTAL_BIN names the binary. The attacker
is independent of maaltal's own audit: it reads only the public summary.json,
writes every relation a reader knows as linear equations and inequalities
over whole numbers, and asks scipy's MILP solver (HiGHS, Debian's
python3-scipy) for each hidden small count's least and greatest value. No
small count may be pinned to one value, in many random small projects, in
the two cases found on main, nor by differencing two consecutive monthly
public releases.
"""
import csv
import datetime
import io
import json
import os
import random
import subprocess
import tempfile
import unittest
from pathlib import Path

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from readers import public_cells

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("MAALTAL_BIN", str(ROOT / "build/dev/maaltal"))
PROJECTS = int(os.environ.get("MAALTAL_DISCLOSURE_PROJECTS", "150"))


class Model:
    """Whole-number variables with a reader's bounds, tied by linear rows."""

    def __init__(self):
        self.low, self.high, self.rows = [], [], []  # rows: (terms {var: coef}, lo, hi)
        self.index = {}

    def var(self, key, low, high):
        self.index[key] = len(self.low)
        self.low.append(low)
        self.high.append(high)
        return self.index[key]

    def equal(self, whole, parts):
        terms = {self.index[whole]: -1}
        for p in parts:
            terms[self.index[p]] = terms.get(self.index[p], 0) + 1
        self.rows.append((terms, 0, 0))

    def at_most(self, smaller, larger):
        self.rows.append(({self.index[smaller]: 1, self.index[larger]: -1}, -np.inf, 0))

    def extreme(self, terms, sign):
        n = len(self.low)
        c = np.zeros(n)
        for v, coef in terms.items():
            c[v] = sign * coef
        if getattr(self, "_rows", None) != len(self.rows):  # the matrix, built once
            a = np.zeros((len(self.rows), n))
            for r, (row, _, _) in enumerate(self.rows):
                for v, coef in row.items():
                    a[r, v] = coef
            self._rows = len(self.rows)
            self._constraints = [LinearConstraint(a, [lo for _, lo, _ in self.rows], [hi for _, _, hi in self.rows])]
        constraints = self._constraints
        result = milp(c, constraints=constraints, integrality=np.ones(n), bounds=Bounds(self.low, self.high),
                      options={"presolve": False})
        assert result.status == 0, result.message  # the true figures are a solution
        return round(sign * result.fun)

    def range(self, terms):
        return self.extreme(terms, 1), self.extreme(terms, -1)


def add_release(model, summary, tag):
    """Every count a public summary publishes, with what a reader knows of
    it (readers.public_cells), into `model`, its keys tagged with `tag`.
    Returns the keys of its small cells."""
    # A public summary publishes no row accounting (README "Privacy"): a
    # protecting cell has no upper bound but this one, far above any count.
    cells, sums, at_most = public_cells(summary, 10**6)
    key = lambda k: (tag,) + k
    small = []
    for k, (low, high, mark) in cells.items():
        model.var(key(k), low, high)
        if mark == "small":
            small.append(key(k))
    for whole, parts in sums:
        model.equal(key(whole), [key(p) for p in parts])
    for smaller, larger in at_most:
        model.at_most(key(smaller), key(larger))
    # Nothing made from a hidden count may be left.
    for unit in summary["units"] + [summary["total"]]:
        for ind, v in unit["values"].items():
            if v.get("hidden"):
                for derived in ("attainment", "gap", "needed_per_month", "forecast", "status"):
                    assert v.get(derived) is None, (tag, unit.get("code"), ind, derived)
    return small


def true_steps(exact):
    """Each count cell's true monthly step, from two internal summaries."""
    steps = {}
    for code, unit in [(u["code"], u) for u in exact[1]["units"]] + [("", exact[1]["total"])]:
        before = next((u for u in exact[0]["units"] if u["code"] == code), exact[0]["total"]) if code else \
            exact[0]["total"]
        kinds = {i["id"]: i["kind"] for i in exact[1]["indicators"]}
        for ind, v in unit["values"].items():
            if kinds[ind] != "ratio":
                steps[("A", code, ind)] = v["actual"] - before["values"][ind]["actual"]
    return steps


def pinned_cells(summaries, small_steps=()):
    """The small cells of one release, or of consecutive ones read together,
    that only one whole number fits; and the monthly steps among
    `small_steps` (keys of the last release's cells) pinned to one value."""
    model = Model()
    small = []
    for k, s in enumerate(summaries):
        small += add_release(model, s, k)
    for k in range(1, len(summaries)):  # counts only grow
        for key in [x for x in model.index if x[0] == k]:
            model.at_most((k - 1,) + key[1:], key)
    pinned = []
    for key in small:
        lo, hi = model.range({model.index[key]: 1})
        if lo == hi:
            pinned.append((key, lo))
    last = len(summaries) - 1
    for key in small_steps:
        now, before = model.index[(last,) + key], model.index[(last - 1,) + key]
        lo, hi = model.range({now: 1, before: -1})
        if lo == hi:
            pinned.append((("step",) + key, lo))
    return pinned


def run(*args):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    result = subprocess.run([BIN, *args], capture_output=True, text=True, env=env)
    if result.returncode not in (0, 1):
        raise AssertionError(result.stderr)
    return result


def build_summary(project, out, audience, *extra):
    run("build", str(project), "--out", str(out), "--audience", audience, *extra)
    return json.loads((Path(out) / "summary.json").read_text(encoding="utf-8"))


PROJECT = json.loads((ROOT / "sample-data/smaa-tal/project.json").read_text(encoding="utf-8"))
CODES = ["461", "326", "741", "825", "563", "479"]  # Odense, Kalundborg, Samsø, Læsø, Fanø, Svendborg


def day(d):
    return (datetime.date(2023, 1, 1) + datetime.timedelta(days=d)).isoformat()


def write_project(folder, rng):
    """A small project: a few municipalities, one to three of them tiny."""
    codes = rng.sample(CODES, rng.randint(3, 5))
    sizes = {c: rng.choice([rng.randint(0, 4), rng.randint(1, 8), rng.randint(5, 40)]) for c in codes}
    rows = []
    for c in codes:
        for k in range(sizes[c]):
            referred = rng.randint(0, 545)  # to the end of June 2024
            outcome = rng.choice(["", "job", "job", "uddannelse"])
            when = day(min(545, referred + rng.randint(0, 200))) if outcome else ""
            rows.append([f"P{c}-{k}", c, day(referred), outcome, when,
                         rng.choice(["kvinde", "mand"]),
                         rng.choice(["Dagpenge", "Kontanthjælp (jobparate)", "Sygedagpenge/Jobafklaring",
                                     "Ressourceforløb"])])
    project = dict(PROJECT, municipalities=codes, targets=[
        {"municipality": int(c), "indicator": i, "value": v}
        for c in codes for i, v in (("visiterede", 10), ("i_job_eller_uddannelse", 5))])
    Path(folder).mkdir(parents=True, exist_ok=True)
    (Path(folder) / "project.json").write_text(json.dumps(project, ensure_ascii=False), encoding="utf-8")
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\n")
    writer.writerow(["borger", "kommune", "visiteret", "udfald", "udfaldsdato", "koen", "ydelsesgruppe"])
    writer.writerows(rows)
    (Path(folder) / "registrations.csv").write_text(text.getvalue(), encoding="utf-8")
    return Path(folder) / "project.json"


class NoSmallCellPinned(unittest.TestCase):
    def assert_safe(self, summaries, exact=None, name=""):
        steps = [k for k, d in true_steps(exact).items() if 1 <= d < 5] if exact else []
        self.assertEqual(pinned_cells(summaries, steps), [], name)

    def test_random_small_projects(self):
        """No small count of any random small project's public summary can be
        pinned by an exact solver (main: 5 of these 150 pinned through an
        `after` inequality, and 1 in 50 through the rows counted, which a
        public output no longer shows)."""
        rng = random.Random(15)
        pinned = []
        with tempfile.TemporaryDirectory() as tmp:
            for n in range(PROJECTS):
                project = write_project(Path(tmp) / f"p{n}", rng)
                summary = build_summary(project, Path(tmp) / f"o{n}", "public")
                self.assertIsNone(summary["data_quality"], f"project {n}")
                pinned += [(n, cell) for cell in pinned_cells([summary])]
        self.assertEqual(pinned, [])

    def test_a_tiny_project_publishes_no_row_accounting(self):
        """Project 58: 5 participants. With the rows counted published (5), a
        reader pinned a hidden count through count <= rows; the rows read,
        counted and rejected are in no public output now."""
        with tempfile.TemporaryDirectory() as tmp:
            summary = self.generated(tmp, 58)
            self.assertIsNone(summary["data_quality"])
            self.assert_safe([summary])
            out = Path(tmp) / "out"
            for name in ("index.html", "status.md", "status.html"):
                text = (out / name).read_text(encoding="utf-8")
                for label in ("Rækker læst", "Rækker talt med", "Rækker afvist"):
                    self.assertNotIn(label, text, name)

    def generated(self, tmp, number):
        """Project `number` of test_random_small_projects' sequence."""
        rng = random.Random(15)
        for n in range(number + 1):
            project = write_project(Path(tmp) / "p", rng)
        return build_summary(project, Path(tmp) / "out", "public")

    def test_an_outcome_after_the_referral_is_at_most_it(self):
        """Project 137: on main Svendborg's (479) hidden job-or-education count
        is pinned to 4 only through outcome <= referred (each participant's
        first outcome after the referral, job or education)."""
        with tempfile.TemporaryDirectory() as tmp:
            self.assert_safe([self.generated(tmp, 137)])


class ConsecutiveReleases(unittest.TestCase):
    """Two monthly public builds of the same data, read together."""

    def test_differencing_may_and_june_pins_nothing(self):
        rng = random.Random(6)
        with tempfile.TemporaryDirectory() as tmp:
            for n in range(8):
                project = write_project(Path(tmp) / f"p{n}", rng)
                releases = [build_summary(project, Path(tmp) / f"{n}-{d}", "public", "--as-of", d)
                            for d in ("2024-05-31", "2024-06-30")]
                exact = [build_summary(project, Path(tmp) / f"{n}-{d}-i", "internal", "--as-of", d)
                         for d in ("2024-05-31", "2024-06-30")]
                NoSmallCellPinned.assert_safe(self, releases, exact, f"project {n}")

    def test_smaa_tal_may_and_june(self):
        with tempfile.TemporaryDirectory() as tmp:
            project = ROOT / "sample-data/smaa-tal/project.json"
            releases = [build_summary(project, Path(tmp) / d, "public", "--as-of", d)
                        for d in ("2024-05-31", "2024-06-30")]
            exact = [build_summary(project, Path(tmp) / (d + "i"), "internal", "--as-of", d)
                     for d in ("2024-05-31", "2024-06-30")]
            NoSmallCellPinned.assert_safe(self, releases, exact, "smaa-tal")

    def test_public_figures_are_as_of_the_last_whole_month(self):
        with tempfile.TemporaryDirectory() as tmp:
            project = ROOT / "sample-data/smaa-tal/project.json"
            public = build_summary(project, Path(tmp) / "p", "public", "--as-of", "2024-06-15")
            internal = build_summary(project, Path(tmp) / "i", "internal", "--as-of", "2024-06-15")
            self.assertEqual(public["as_of"], "2024-05-31")
            self.assertEqual(internal["as_of"], "2024-06-15")
            may = build_summary(project, Path(tmp) / "m", "public", "--as-of", "2024-05-31")
            self.assertEqual(may["total"], public["total"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
