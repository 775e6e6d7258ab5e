"""The public dashboard tells its own story (issue 20).

Run by ctest as e2e_story; MAALTAL_BIN names the binary.

- A municipality's forecast is shown on the public dashboard only where it
  publishes nothing but the municipality's actual: then it is exactly the
  actual + actual / months so far x months left (or the actual, after the
  period), a figure any reader can work out of the actual. Elsewhere it is
  "-" and a note says why, once.
- With --previous, the key figures carry a "siden sidste rapport" movement and
  the dashboard lists what moved. On a public dashboard both figures are
  those of the two public releases, each shown there, and a movement of 1 to
  threshold-1 (a small count of participants) is left out.
"""
import datetime
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("MAALTAL_BIN", str(ROOT / "build/dev/maaltal"))
SAMPLE = ROOT / "sample-data" / "smaa-mellemstore"
NOTE = {"da": "Kommunernes prognose vises som «–»", "en": "The municipalities' forecasts are shown as “–”"}
MOVEMENT = {"da": "siden sidste rapport", "en": "since the last report"}


def build(project, out, *extra):
    result = subprocess.run([BIN, "build", str(project), "--out", str(out), *extra], capture_output=True, text=True,
                            env=dict(os.environ, SOURCE_DATE_EPOCH="1700000000"))
    if result.returncode != 0:
        raise AssertionError(result.stderr)
    return out


def month_index(iso):
    d = datetime.date.fromisoformat(iso)
    return d.year * 12 + d.month - 1


def page_text(out):
    return html.unescape((Path(out) / "index.html").read_text(encoding="utf-8"))


class Sample:
    """The sample's project in a temporary folder, its progress settings changeable."""

    def __init__(self, tmp, **progress):
        self.dir = Path(tmp) / "project"
        shutil.copytree(SAMPLE, self.dir)
        project = json.loads((self.dir / "project.json").read_text(encoding="utf-8"))
        project.setdefault("progress", {}).update(progress)
        (self.dir / "project.json").write_text(json.dumps(project, ensure_ascii=False), encoding="utf-8")
        self.project = self.dir / "project.json"
        self.period = project["period"]


class MunicipalityForecasts(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = Path(self._tmp.name)

    def tearDown(self):
        self._tmp.cleanup()

    def public_summary(self, sample, as_of, *extra):
        out = build(sample.project, self.tmp / f"out-{as_of}", "--audience", "public", "--as-of", as_of, *extra)
        return json.loads((out / "summary.json").read_text(encoding="utf-8")), out

    def shown_forecasts(self, summary, period):
        """(municipality, indicator, actual, forecast) of every municipality's
        shown forecast; checks each against the actual alone."""
        months_so_far = month_index(summary["as_of"]) - month_index(period["start"]) + 1
        left = max(0, month_index(period["end"]) - month_index(summary["as_of"]))
        if summary["as_of"] >= period["end"]:
            left = 0
        shown = []
        for unit in summary["units"]:
            for ind, v in unit["values"].items():
                if v.get("forecast") is None:
                    continue
                self.assertIsNotNone(v["actual"], (unit["name"], ind))
                from_actual = v["actual"] + v["actual"] / months_so_far * left
                self.assertAlmostEqual(v["forecast"], from_actual, places=6,
                                       msg=f"{unit['name']} {ind}: the forecast tells more than the actual")
                shown.append((unit["name"], ind, v["actual"], v["forecast"]))
        return shown

    def test_a_forecast_is_shown_only_where_it_tells_nothing_but_the_actual(self):
        sample = Sample(self.tmp)
        seen = {}
        for as_of in ["2017-10-31", "2017-12-31", "2018-02-28", "2018-06-30", "2019-03-31", "2020-12-31"]:
            summary, _ = self.public_summary(sample, as_of)
            seen[as_of] = self.shown_forecasts(summary, sample.period)
        # Within the window's first months and after the period they are shown ...
        self.assertTrue(seen["2017-12-31"], "no municipality forecast within the first 6 months")
        self.assertTrue(seen["2020-12-31"], "no municipality forecast after the period")
        # ... in between (the window shorter than the months so far) none is.
        self.assertEqual(seen["2018-06-30"], [])
        self.assertEqual(seen["2019-03-31"], [])

    def test_with_the_average_pace_every_shown_count_has_its_forecast(self):
        sample = Sample(self.tmp, forecast_method="average_pace")
        summary, out = self.public_summary(sample, "2019-03-31")
        shown = self.shown_forecasts(summary, sample.period)
        counts = [(u["name"], k) for u in summary["units"] for k, v in u["values"].items()
                  if v["actual"] is not None and v.get("target") is not None and "andel" not in k]
        self.assertEqual(sorted((n, k) for n, k, _, _ in shown), sorted(counts))
        self.assertNotIn(NOTE["da"], page_text(out))

    def test_where_they_are_hidden_the_note_says_why_once_in_both_languages(self):
        sample = Sample(self.tmp)
        for locale in ["da", "en"]:
            _, out = self.public_summary(sample, "2019-03-31", "--locale", locale)
            text = page_text(out)
            self.assertEqual(text.count(NOTE[locale]), 1, locale)
            note = re.search(r'<p class="privacy-note">' + re.escape(NOTE[locale]) + r"[^<]*</p>", text).group(0)
            self.assertIn("6", note)  # the window, in months
            # the cells it explains
            # (the dash with its spoken words beside it)
            label = "Prognose" if locale == "da" else "Forecast"
            self.assertIn(f'data-label="{label}"><span aria-hidden="true">–</span>', text)
        # An internal dashboard shows every forecast: no note.
        out = build(sample.project, self.tmp / "internal", "--audience", "internal", "--as-of", "2019-03-31")
        self.assertNotIn(NOTE["da"], page_text(out))


class SinceTheLastReport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory()
        cls.tmp = Path(cls._tmp.name)
        project = SAMPLE / "project.json"
        cls.may = build(project, cls.tmp / "may", "--as-of", "2019-05-31")  # internal summary, as --previous takes
        cls.may_public = build(project, cls.tmp / "may-public", "--as-of", "2019-05-31", "--audience", "public")
        previous = str(cls.may / "summary.json")
        cls.july = {loc: build(project, cls.tmp / f"july-{loc}", "--as-of", "2019-07-31", "--previous", previous,
                               "--audience", "public", "--locale", loc) for loc in ["da", "en"]}
        cls.july_internal = build(project, cls.tmp / "july-internal", "--as-of", "2019-07-31", "--previous", previous,
                                  "--audience", "internal")

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    @staticmethod
    def cells(summary):
        """(code or None, indicator) -> the shown actual, None when hidden."""
        out = {}
        for unit in summary["units"]:
            for ind, v in unit["values"].items():
                out[(unit["code"], ind)] = v["actual"]
        for ind, v in summary["total"]["values"].items():
            out[(None, ind)] = v["actual"]
        return out

    def summary(self, out):
        return json.loads((Path(out) / "summary.json").read_text(encoding="utf-8"))

    def test_the_key_figures_carry_the_movement_in_both_languages(self):
        da, en = page_text(self.july["da"]), page_text(self.july["en"])
        self.assertRegex(da, r'<p class="movement">[+-]\d+ siden sidste rapport \(31\. maj 2019\)</p>')
        self.assertRegex(en, r'<p class="movement">[+-]\d+ since the last report \(31 May 2019\)</p>')
        self.assertIn('<h2 id="siden-sidste">Siden sidste rapport (31. maj 2019)</h2>', da)
        self.assertIn('<h2 id="siden-sidste">Since the last report (31 May 2019)</h2>', en)

    def public_movement(self, sample, previous_as_of, as_of):
        """Builds the previous report (internal, as --previous takes) and its
        public release, and the public report with --previous; checks that the
        listed changes are exactly the shown cells of both public releases that
        moved by 0 or at least the threshold, and that the page prints no
        small one. Returns the movements left out as small."""
        project = ROOT / "sample-data" / sample / "project.json"
        tag = f"{sample}-{previous_as_of}-{as_of}"
        previous = build(project, self.tmp / f"prev-{tag}", "--as-of", previous_as_of)
        previous_public = build(project, self.tmp / f"prev-public-{tag}", "--as-of", previous_as_of,
                                "--audience", "public")
        out = build(project, self.tmp / f"now-{tag}", "--as-of", as_of, "--audience", "public",
                    "--previous", str(previous / "summary.json"))
        then = self.cells(self.summary(previous_public))
        now_summary = self.summary(out)
        now = self.cells(now_summary)
        threshold = now_summary["privacy"]["suppress_below"]
        zero_shows = now_summary["privacy"]["zero_as_dash"]
        ratios = {i["id"] for i in now_summary["indicators"] if i.get("kind") == "ratio"}
        expected, small = {}, []
        for key, actual in now.items():
            if actual is None or then.get(key) is None or key[1] in ratios:
                continue
            step = actual - then[key]
            if abs(step) >= threshold or (step == 0 and zero_shows):
                expected[key] = (then[key], actual)
            elif step:
                small.append(key)
        listed = {(c["code"], c["indicator"]): (c["previous"], c["actual"])
                  for c in now_summary["changes"]["changes"]}
        self.assertEqual(listed, expected)
        self.assertEqual(now_summary["changes"]["revisions"], [])
        text = page_text(out)
        for size in re.findall(r"\([+-](\d+)\)</li>", text) + re.findall(r'<p class="movement">[+-](\d+) ', text):
            self.assertGreaterEqual(int(size), threshold)
        self.assertEqual(len(re.findall(r"<li>[^<]*→[^<]*</li>", text)),
                         sum(1 for a, b in expected.values() if a != b))
        return expected, small

    def test_the_public_movement_is_between_two_public_releases(self):
        expected, _ = self.public_movement("smaa-mellemstore", "2019-05-31", "2019-07-31")
        self.assertTrue(any(a != b for a, b in expected.values()))

    def test_a_small_public_movement_is_left_out(self):
        # Two releases two months apart: the monthly audit pairs only
        # consecutive months, so a shown cell moves by 1 to 4 here.
        _, small = self.public_movement("smaa-tal", "2024-01-31", "2024-03-31")
        self.assertTrue(small, "no small movement between shown cells: the test would prove nothing")

    def test_the_internal_dashboard_shows_every_movement_from_the_previous_summary(self):
        text = page_text(self.july_internal)
        may = self.cells(self.summary(self.may))
        july = self.cells(self.summary(self.july_internal))
        moved = [k for k in july if july[k] is not None and may.get(k) is not None and july[k] != may[k]
                 and "andel" not in k[1]]
        self.assertTrue(moved)
        self.assertEqual(len(re.findall(r"<li>[^<]*→[^<]*</li>", text)), len(moved))
        self.assertNotIn("<p class=\"privacy-note\">Her vises kun tal", text)


if __name__ == "__main__":
    unittest.main()
