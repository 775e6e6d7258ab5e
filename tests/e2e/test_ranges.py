"""Ranges across municipalities end to end: the lowest and the highest
municipality beside each ratio, share and attainment of the total, in
summary.json, status.md, the dashboard (with words for speech) and the
workbook's range sheet (formulas over the overview). A public output ranges
only over the figures it shows. Figures from DOMAIN.md and issue 17.

Run by ctest; MAALTAL_BIN names the binary.
"""
import html
import json
import os
import pathlib
import re
import subprocess
import tempfile
import unittest

import openpyxl

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("MAALTAL_BIN", str(ROOT / "build/dev/maaltal"))
RUMMELIGT = ROOT / "sample-data/rummeligt-arbejdsmarked/project.json"


class Built:
    """One sample built into a temporary folder, with the given audience."""

    def __init__(self, project, *extra):
        self.tmp = tempfile.TemporaryDirectory()
        self.out = pathlib.Path(self.tmp.name) / "out"
        env = dict(os.environ)
        env.pop("SOURCE_DATE_EPOCH", None)
        result = subprocess.run([BIN, "build", str(project), "--out", str(self.out), *extra], cwd=ROOT,
                                capture_output=True, text=True, env=env)
        if result.returncode != 0:
            raise AssertionError(result.stderr)
        self.summary = json.loads((self.out / "summary.json").read_text(encoding="utf-8"))
        # A range keeps "20,5 %" together with a no-break space: read as a space here.
        self.html = html.unescape((self.out / "index.html").read_text(encoding="utf-8")).replace("\u00a0", " ")
        self.status = (self.out / "status.md").read_text(encoding="utf-8").replace("\u00a0", " ")

    def total(self, indicator):
        return self.summary["total"]["values"][indicator]

    def units(self, indicator, key):
        """{name: value} of the municipalities' figures, as summary.json has them."""
        return {u["name"]: u["values"][indicator][key] for u in self.summary["units"]}

    def range_sheet(self):
        """The workbook's range sheet: rows as dicts, cached values and formulas."""
        path = self.out / "report.xlsx"
        cached = openpyxl.load_workbook(path, data_only=True)["Spænd"]
        formulas = openpyxl.load_workbook(path)["Spænd"]
        head = [c.value for c in next(cached.iter_rows())]
        rows = []
        for values, written in zip(list(cached.iter_rows())[1:], list(formulas.iter_rows())[1:]):
            rows.append({h: (v.value, w.value) for h, v, w in zip(head, values, written)})
        return rows


def sample(name):
    return ROOT / "sample-data" / name / "project.json"


def expected_range(values):
    """The range a reader works out from {name: value}: None for fewer than two values."""
    shown = {k: v for k, v in values.items() if v is not None}
    if len(shown) < 2:
        return None
    low = min(shown.values())
    high = max(shown.values())
    return low, high, len(shown)


class SmaaMellemstore(unittest.TestCase):
    """DOMAIN.md Tabel 2-4: internships Kalundborg 55 % to Kolding 116 %."""

    @classmethod
    def setUpClass(cls):
        cls.built = Built(sample("smaa-mellemstore"), "--audience", "internal")

    def test_summary_pins_the_internship_attainment_range(self):
        r = self.built.total("praktik")["attainment_range"]
        self.assertEqual((r["min_code"], r["min_name"]), ("326", "Kalundborg"))
        self.assertAlmostEqual(r["min"], 93 / 168)
        self.assertEqual((r["max_code"], r["max_name"]), ("621", "Kolding"))
        self.assertAlmostEqual(r["max"], 201 / 173)  # 116 %, never capped
        self.assertEqual(r["n"], 3)
        self.assertNotIn("range", self.built.total("praktik"))  # a count has no range of its own

    def test_the_share_in_a_job_has_its_range(self):
        r = self.built.total("andel_praktik_i_job")["range"]
        low, high, n = expected_range(self.built.units("andel_praktik_i_job", "actual"))
        self.assertEqual((r["min"], r["max"], r["n"]), (low, high, n))
        self.assertEqual(r["min_name"], "Kalundborg")  # 30/93 = 32,3 %
        self.assertEqual(r["max_name"], "Kolding")  # 87/201 = 43,3 %

    def test_status_md_names_both_ends(self):
        self.assertIn("lavest Kalundborg 55 %, højest Kolding 116 % (3 kommuner med et tal)", self.built.status)
        self.assertIn("**82 %** (55–116 %)", self.built.status)

    def test_dashboard_shows_the_range_and_speaks_words(self):
        page = self.built.html
        self.assertIn('<span aria-hidden="true">(55–116 %)</span>', page)
        self.assertIn("fra 55 til 116 %", page)
        self.assertIn("lavest Kalundborg 55 %, højest Kolding 116 %", page)
        # Every dashed range is hidden from speech, with words beside it.
        for m in re.finditer(r"<span[^>]*>\(?\d[\d,]*–\d[\d,]* %\)?</span>", page):
            self.assertIn('aria-hidden="true"', m.group(0))

    def test_workbook_range_sheet_is_formulas_over_the_overview(self):
        rows = self.built.range_sheet()
        row = next(r for r in rows if r["Indikator"][0] == "I virksomhedspraktik" and r["Tal"][0] == "Målopfyldelse")
        self.assertAlmostEqual(row["Lavest"][0], 93 / 168)
        self.assertEqual(row["Lavest: kommune"][0], "Kalundborg")
        self.assertAlmostEqual(row["Højest"][0], 201 / 173)
        self.assertEqual(row["Højest: kommune"][0], "Kolding")
        self.assertEqual(row["Kommuner med et tal"][0], 3)
        self.assertTrue(row["Lavest"][1].startswith("=MIN('Oversigt'!"), row["Lavest"][1])
        self.assertTrue(row["Højest"][1].startswith("=MAX('Oversigt'!"), row["Højest"][1])
        self.assertIn("MATCH(", row["Lavest: kommune"][1])


class ViGoerEnForskel(unittest.TestCase):
    """DOMAIN.md: shares in job or education 64 % (Fredericia) to 73 % (Skanderborg)."""

    def test_share_range(self):
        built = Built(sample("vi-goer-en-forskel"), "--audience", "internal")
        ratio = next(i["id"] for i in built.summary["indicators"] if i["kind"] == "ratio")
        r = built.total(ratio)["range"]
        self.assertEqual((r["min_name"], r["max_name"], r["n"]), ("Fredericia", "Skanderborg", 3))
        self.assertAlmostEqual(r["min"], 38 / 59)
        self.assertAlmostEqual(r["max"], 38 / 52)
        self.assertIn("(64–73 %)", built.html)


class PublicRangesHideNothing(unittest.TestCase):
    """smaa-tal has small counts: a public range is over the shown figures only."""

    def test_no_range_end_is_a_hidden_figure(self):
        public = Built(sample("smaa-tal"), "--audience", "public")
        internal = Built(sample("smaa-tal"), "--audience", "internal")
        checked = 0
        for ind in public.summary["indicators"]:
            values = public.total(ind["id"])
            for key, figure in (("range", "actual"), ("attainment_range", "attainment")):
                if key not in values:
                    continue
                shown = {u["name"]: (None if u["values"][ind["id"]].get("hidden") else u["values"][ind["id"]][figure])
                         for u in public.summary["units"]}
                expected = expected_range(shown)
                r = values[key]
                if expected is None:
                    self.assertIsNone(r, (ind["id"], key))
                    continue
                checked += 1
                self.assertEqual((r["min"], r["max"], r["n"]), expected, (ind["id"], key))
                self.assertEqual(shown[r["min_name"]], r["min"])
                self.assertEqual(shown[r["max_name"]], r["max"])
        self.assertGreater(checked, 0)
        # The sample hides some municipality's share: the internal range counts more.
        share = next(i["id"] for i in public.summary["indicators"] if i["kind"] == "ratio")
        hidden = [u["name"] for u in public.summary["units"] if u["values"][share].get("hidden")]
        self.assertTrue(hidden, "smaa-tal should hide a share in public")
        inside = internal.total(share)["range"]
        outside = public.total(share)["range"]
        self.assertGreater(inside["n"], outside["n"] if outside else 0)
        if outside:
            self.assertNotIn(outside["min_name"], hidden)
            self.assertNotIn(outside["max_name"], hidden)


@unittest.skipUnless(RUMMELIGT.exists(), "the rummeligt-arbejdsmarked sample is not on this branch yet")
class RummeligtArbejdsmarked(unittest.TestCase):
    """Issue 17: the employment rate 472/1.017 = 46,4 %, from Haderslev 17/83 = 20,5 % to Kolding 39/65 = 60,0 %."""

    @classmethod
    def setUpClass(cls):
        cls.built = Built(RUMMELIGT, "--audience", "internal")

    def rate(self):
        for ind in self.built.summary["indicators"]:
            if ind["kind"] == "ratio" and self.built.total(ind["id"]).get("actual") is not None:
                if abs(self.built.total(ind["id"])["actual"] - 472 / 1017) < 1e-12:
                    return ind["id"]
        self.fail("no ratio of 472/1.017 in the total")

    def test_employment_rate_range(self):
        r = self.built.total(self.rate())["range"]
        self.assertEqual((r["min_code"], r["min_name"]), ("510", "Haderslev"))
        self.assertAlmostEqual(r["min"], 17 / 83)
        self.assertEqual((r["max_code"], r["max_name"]), ("621", "Kolding"))
        self.assertAlmostEqual(r["max"], 39 / 65)
        self.assertEqual(r["n"], 11)

    def test_written_as_the_evaluation_writes_it(self):
        self.assertIn("46,4 %", self.built.html)
        self.assertIn("(20,5–60,0 %)", self.built.html)
        self.assertIn("fra 20,5 til 60,0 %", self.built.html)
        self.assertIn("lavest Haderslev 20,5 %, højest Kolding 60,0 %", self.built.status)


if __name__ == "__main__":
    unittest.main()
