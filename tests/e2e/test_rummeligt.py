"""End to end: the sample "Et mere rummeligt arbejdsmarked for borgere med
handicap II" (issue 17, section 1) built by the real binary, its published
figures pinned in summary.json, status.md, the dashboard and the workbook.

Run by ctest; MAALTAL_BIN names the binary.
"""
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
SAMPLE = "rummeligt-arbejdsmarked"

# The evaluation's table: kommunekode, name: achieved (screened, referred, employed).
ACHIEVED = {
    "607": ("Fredericia", 504, 94, 55),
    "161": ("Glostrup", 209, 67, 15),
    "510": ("Haderslev", 107, 83, 17),
    "849": ("Jammerbugt", 643, 98, 35),
    "621": ("Kolding", 2437, 65, 39),
    "173": ("Lyngby-Taarbæk", 1161, 48, 18),
    "480": ("Nordfyns", 626, 75, 35),
    "730": ("Randers", 1093, 109, 60),
    "336": ("Stevns", 400, 37, 11),
    "580": ("Aabenraa", 994, 165, 98),
    "751": ("Aarhus", 7054, 176, 89),
}
# The targets each is measured against: the adjusted ones, but Haderslev's
# referred and employed against the original (100 and 75).
MEASURED_AGAINST = {
    "607": (280, 89, 34), "161": (210, 70, 12), "510": (125, 100, 75), "849": (613, 132, 79),
    "621": (997, 67, 36), "173": (1210, 60, 30), "480": (610, 80, 32), "730": (1130, 130, 65),
    "336": (435, 50, 29), "580": (910, 156, 60), "751": (7050, 172, 144),
}
INDICATORS = ("screenede", "visiterede", "i_job")
FUNNEL = (80506, 15228, 1983, 1511, 1017)


def pct(fraction, decimals):
    """A share as maaltal prints it: half up, decimal comma, "97,3 %"."""
    q = decimal.Decimal(1).scaleb(-decimals)
    rounded = decimal.Decimal(repr(fraction * 100)).quantize(q, rounding=decimal.ROUND_HALF_UP)
    return f"{rounded} %".replace(".", ",")


def da_number(n):
    return f"{int(n):,}".replace(",", ".")


class Rummeligt(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.addClassCleanup(cls.tmp.cleanup)
        cls.out = pathlib.Path(cls.tmp.name) / "out"
        result = subprocess.run([BIN, "build", f"sample-data/{SAMPLE}/project.json", "--out", str(cls.out)],
                                cwd=ROOT, capture_output=True, text=True)
        if result.returncode != 0:
            raise AssertionError(result.stderr)
        cls.stderr = result.stderr
        cls.summary = json.loads((cls.out / "summary.json").read_text(encoding="utf-8"))
        cls.status = (cls.out / "status.md").read_text(encoding="utf-8")
        cls.html = (cls.out / "index.html").read_text(encoding="utf-8")
        cls.units = {u["code"]: u["values"] for u in cls.summary["units"]}
        cls.total = cls.summary["total"]["values"]

    # --- the counts -------------------------------------------------------

    def test_no_warning_or_error(self):
        self.assertNotIn("error", self.stderr)
        # one row per screened citizen, and the target population's 11 counts rows
        self.assertEqual(self.summary["data_quality"]["rows_read"], 15228 + 11)
        self.assertEqual(self.summary["data_quality"]["rows_counted"], 15228 + 11)
        self.assertEqual(self.summary["data_quality"]["by_code"], {})

    def test_every_municipality_has_the_evaluations_counts(self):
        self.assertEqual([u["code"] for u in self.summary["units"]], list(ACHIEVED))  # Aabenraa and Aarhus last
        for code, (name, screened, referred, employed) in ACHIEVED.items():
            v = self.units[code]
            self.assertEqual([v[i]["actual"] for i in INDICATORS], [screened, referred, employed], name)
        self.assertEqual([self.total[i]["actual"] for i in INDICATORS], [15228, 1017, 472])

    def test_status_md_and_dashboard_print_the_counts(self):
        md = readers.markdown_tables(str(self.out / "status.md"))
        dash = readers.html_tables(self.html)
        for k, ind in enumerate(INDICATORS):
            label = self.summary["indicators"][[i["id"] for i in self.summary["indicators"]].index(ind)]["label"]
            md_rows = {row[0].strip("*"): row for row in self.indicator_table(md, ind)[1:]}
            dash_rows = {row[0]: row for row in next(rows for caption, rows in dash if caption.startswith(label + ":"))[1:]}
            for code, (name, *achieved) in ACHIEVED.items():
                self.assertEqual(md_rows[name][2], da_number(achieved[k]), (ind, name))
                self.assertEqual(dash_rows[name][2], da_number(achieved[k]), (ind, name))
            total = (15228, 1017, 472)[k]
            self.assertEqual(md_rows["I alt"][2].strip("*"), da_number(total))
            self.assertEqual(dash_rows["I alt"][2], da_number(total))

    def dash_table(self, label):
        return next(rows for caption, rows in readers.html_tables(self.html) if caption.startswith(label + ":"))

    def indicator_table(self, tables, indicator):
        index = [i["id"] for i in self.summary["indicators"]].index(indicator)
        return tables[index]

    # --- measured against the original target --------------------------------

    def test_haderslev_is_measured_against_its_original_targets(self):
        h = self.units["510"]
        self.assertEqual(h["visiterede"]["target"], 100)
        self.assertEqual(h["i_job"]["target"], 75)
        for ind in ("visiterede", "i_job"):
            self.assertEqual(h[ind]["target_basis"], "chosen")
            self.assertEqual(h[ind]["target_version"], "oprindelig")
            self.assertTrue(h[ind]["target_basis_reason"])
        self.assertEqual(h["screenede"]["target_basis"], "in_force")
        self.assertEqual(h["screenede"]["target_version"], "justeret")
        self.assertAlmostEqual(h["visiterede"]["attainment"], 83 / 100, places=12)
        self.assertAlmostEqual(h["i_job"]["attainment"], 17 / 75, places=12)
        self.assertEqual(round(h["visiterede"]["attainment"] * 100), 83)
        self.assertEqual(round(h["i_job"]["attainment"] * 100), 23)
        for code, targets in MEASURED_AGAINST.items():
            for ind, target in zip(INDICATORS, targets):
                self.assertEqual(self.units[code][ind]["target"], target, (code, ind))
                if code != "510":
                    self.assertEqual(self.units[code][ind]["target_basis"], "in_force", (code, ind))
        self.assertEqual(self.total["visiterede"]["target_basis"], "mixed")
        self.assertEqual(self.total["screenede"]["target_basis"], "in_force")

    def test_haderslev_is_printed_against_its_original_targets_with_the_reason(self):
        md = readers.markdown_tables(str(self.out / "status.md"))
        dash = readers.html_tables(self.html)
        for ind, target, attainment in (("visiterede", "100", "83,0 %"), ("i_job", "75", "22,7 %")):
            row = next(r for r in self.indicator_table(md, ind) if r[0] == "Haderslev")
            self.assertEqual(row[1:4], [f"{target} (oprindelig)", str(ACHIEVED["510"][2 if ind == "visiterede" else 3]),
                                        attainment])
            label = "Visiterede" if ind == "visiterede" else "I job"
            rows = next(rows for caption, rows in dash if caption.startswith(label + ":"))
            drow = next(r for r in rows if r[0] == "Haderslev")
            self.assertEqual(drow[1], f"{target} (oprindelig)")
            self.assertEqual(drow[3], attainment)
        reason = self.units["510"]["visiterede"]["target_basis_reason"]
        sentence = "Haderslev: målt mod måltallet oprindelig (100), ikke det gældende justeret (70)."
        self.assertIn(f"- {sentence} {reason}.", self.status)
        self.assertIn(sentence, self.html)
        self.assertIn(reason, self.html)
        self.assertIn("I alt: måltallet er summen af de måltal, kommunerne måles mod.", self.status)

    def test_workbook_states_the_chosen_target(self):
        book = openpyxl.load_workbook(self.out / "report.xlsx", data_only=True)
        texts = [c.value for sheet in book for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
        self.assertTrue(any("Haderslev: målt mod måltallet oprindelig (100), ikke det gældende justeret (70)." in t
                            for t in texts))
        _, _, rows = readers.workbook_rows(self.out / "report.xlsx")
        haderslev = [r for r in rows if r["Kommunekode"][0] == "510" and r["Indikator-id"][0] == "i_job"]
        self.assertEqual(haderslev[0]["Måltal"][0], 75)

    # --- the totals: capped mean and summed -----------------------------------

    def test_totals_are_the_capped_mean_97_89_74(self):
        self.assertEqual(self.summary["total"]["aggregation"], "mean_capped")
        printed = {"screenede": "97,3 %", "visiterede": "89,2 %", "i_job": "74,5 %"}
        whole = {"screenede": 97, "visiterede": 89, "i_job": 74}
        for ind in INDICATORS:
            capped = [min(1.0, self.units[c][ind]["actual"] / self.units[c][ind]["target"]) for c in ACHIEVED]
            attainment = self.total[ind]["attainment"]
            self.assertAlmostEqual(attainment, sum(capped) / len(capped), places=12)
            self.assertEqual(pct(attainment, 0), f"{whole[ind]} %")
            self.assertEqual(pct(attainment, 1), printed[ind])
        md = readers.markdown_tables(str(self.out / "status.md"))
        dash = readers.html_tables(self.html)
        for ind, label in zip(INDICATORS, ("Screenede", "Visiterede", "I job")):
            total_row = [c.strip("*") for c in self.indicator_table(md, ind)[-1]]
            self.assertEqual(total_row[0], "I alt")
            # the total's attainment with its range across the municipalities (README "Ranges")
            self.assertEqual(total_row[3].split(" (")[0], printed[ind], ind)
            self.assertRegex(total_row[3], r" \(\d+,\d–\d+,\d\xa0%\)$", ind)
            rows = next(rows for caption, rows in dash if caption.startswith(label + ":"))
            self.assertEqual(rows[-1][0], "I alt")
            self.assertEqual(rows[-1][3].split(" (")[0], printed[ind], ind)
            self.assertEqual(rows[-1][3].split(" (")[1], total_row[3].split(" (")[1], ind)

    def test_summed_attainment_is_112_92_79(self):
        summed = {}
        for ind in INDICATORS:
            t = self.total[ind]
            self.assertEqual(t["target"], sum(MEASURED_AGAINST[c][INDICATORS.index(ind)] for c in ACHIEVED))
            summed[ind] = round(t["actual"] / t["target"] * 100)
        self.assertEqual(summed, {"screenede": 112, "visiterede": 92, "i_job": 79})
        self.assertEqual((self.total["visiterede"]["target"], self.total["i_job"]["target"]), (1106, 596))

    # --- the funnel and the employment rate ------------------------------------

    def test_screening_funnel(self):
        funnel = self.summary["funnels"][0]
        self.assertEqual([s["actual"] for s in funnel["total"]["stages"]], list(FUNNEL))
        conversions = [s["conversion"] for s in funnel["total"]["stages"][1:]]
        for got, (before, after) in zip(conversions, zip(FUNNEL, FUNNEL[1:])):
            self.assertAlmostEqual(got, after / before, places=12)
        self.assertEqual([round(c * 100) for c in conversions], [19, 13, 76, 67])
        md = readers.markdown_tables(str(self.out / "status.md"))
        funnel_md = next(t for t in md if len(t[0]) == 6 and t[0][0] == "Kommune" and t[-1][0].strip("*") == "I alt")
        total = [c.strip("*") for c in funnel_md[-1]]
        self.assertEqual(total, ["I alt", "80.506", "15.228 (18,9 %)", "1.983 (13,0 %)", "1.511 (76,2 %)",
                                 "1.017 (67,3 %)"])
        self.assertIn("1.983 (13,0 %)", self.html)
        self.assertIn("1.017 (67,3 %)", self.html)

    def test_employment_rate_46_4_and_per_municipality(self):
        rate = self.total["andel_i_job"]["actual"]
        self.assertAlmostEqual(rate, 472 / 1017, places=12)
        self.assertEqual(pct(rate, 1), "46,4 %")
        self.assertAlmostEqual(self.units["510"]["andel_i_job"]["actual"], 17 / 83, places=12)
        self.assertAlmostEqual(self.units["621"]["andel_i_job"]["actual"], 39 / 65, places=12)
        rates = {c: self.units[c]["andel_i_job"]["actual"] for c in ACHIEVED}
        self.assertEqual(min(rates, key=rates.get), "510")
        self.assertEqual(max(rates, key=rates.get), "621")
        md = readers.markdown_tables(str(self.out / "status.md"))
        rows = {r[0].strip("*"): r for r in self.indicator_table(md, "andel_i_job")[1:]}
        self.assertEqual(rows["Haderslev"][2], "20,5 %")
        self.assertEqual(rows["Kolding"][2], "60,0 %")
        # the evaluation's "46,4 pct. (20,5–60 pct.)": the total with its range across municipalities
        self.assertEqual(rows["I alt"][2].strip("*"), "46,4 % (20,5–60,0\xa0%)")
        dash = readers.html_tables(self.html)
        drows = {r[0]: r for r in next(rows for caption, rows in dash if caption.startswith("Andel af visiterede i job:"))}
        # a share without targets: its dashboard table is the municipality and the share alone
        self.assertEqual(next(r for r in self.dash_table("Andel af visiterede i job") if r[0] == "I alt"), ["I alt", "46,4 %"])
        self.assertEqual((drows["Haderslev"][1], drows["Kolding"][1], drows["I alt"][1]), ("20,5 %", "60,0 %", "46,4 %"))

    # --- the durations' dates are there for the durations ----------------------

    def test_registrations_hold_the_duration_dates(self):
        import csv
        with open(ROOT / f"sample-data/{SAMPLE}/registrations.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f, delimiter=";"))
        self.assertEqual(len(rows), 15228)
        referred = [r for r in rows if r["visitationsdato"]]
        self.assertEqual(len(referred), 1017)
        open_talks = [r for r in referred if not r["foerste_samtale_jobformidler"]]
        self.assertTrue(0 < len(open_talks) < len(referred) // 5)
        self.assertTrue(all(r["hko_ansoegning"] for r in rows if r["hko_afgoerelse"]))


if __name__ == "__main__":
    unittest.main()
