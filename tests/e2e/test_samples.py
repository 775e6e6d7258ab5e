"""End to end: the real maaltal binary on the sample projects, every published
number checked in all four outputs as their users' tools read them.

Run by ctest; MAALTAL_BIN names the binary. MAALTAL_ACCEPT=1 rewrites the
golden workbook dumps in tests/golden/.
"""
import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import unittest

import openpyxl
import openpyxl.utils

import readers

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("MAALTAL_BIN", str(ROOT / "build/dev/maaltal"))

# DOMAIN.md, "Vi gør en forskel – gør du?": the published counts, and the
# *correct* shares. The published report printed 74, 65 and 65 % for the three
# municipalities: arithmetic slips (38/52 = 73,1; 38/59 = 64,4; 45/65 = 69,2).
# maaltal must compute the right values, never copy the typos.
VI_GOER = {
    # name: (referred, job, education, job or education, share as printed by maaltal)
    "Skanderborg": (52, 34, 4, 38, "73 %"),
    "Fredericia": (59, 38, 0, 38, "64 %"),
    "Furesø": (65, 45, 0, 45, "69 %"),
    "I alt": (176, 117, 4, 121, "69 %"),
}
# DOMAIN.md, "De små, de mellemstore" Tabel 2-4 at 2019-12-31:
# (internship target, actual, attainment, job target, actual, attainment).
SMAA = {
    "Kalundborg": (168, 93, "55 %", 84, 30, "36 %"),
    "Kolding": (173, 201, "116 %", 87, 87, "100 %"),
    "Furesø": (139, 98, "71 %", 69, 37, "54 %"),
    "I alt": (480, 392, "82 %", 240, 154, "64 %"),
}


def run(*args, env=None):
    full_env = dict(os.environ)
    full_env.pop("SOURCE_DATE_EPOCH", None)
    full_env.update(env or {})
    return subprocess.run([BIN, *args], cwd=ROOT, capture_output=True, text=True, env=full_env)


class Built:
    """One sample built into a temporary folder."""

    def __init__(self, sample, *extra):
        self.tmp = tempfile.TemporaryDirectory()
        self.out = pathlib.Path(self.tmp.name) / "out"
        self.result = run("build", f"sample-data/{sample}/project.json", "--out", str(self.out), *extra)
        if self.result.returncode != 0:
            raise AssertionError(self.result.stderr)
        self.summary = json.loads((self.out / "summary.json").read_text(encoding="utf-8"))
        index = self.out / "index.html"
        self.html = index.read_text(encoding="utf-8") if index.exists() else None

    def unit(self, name):
        if name == "I alt":
            return self.summary["total"]["values"]
        return next(u for u in self.summary["units"] if u["name"] == name)["values"]


def workbook_and_golden(built, sample):
    """The workbook's dump and its golden file's text (MAALTAL_ACCEPT=1 rewrites the golden file)."""
    dump = readers.workbook_dump(built.out / "report.xlsx")
    golden = ROOT / "tests/golden" / sample / "report.xlsx.txt"
    if os.environ.get("MAALTAL_ACCEPT") == "1":
        golden.write_text(dump, encoding="utf-8")
    return dump, golden.read_text(encoding="utf-8")


def table_rows(rows):
    """Rows of a table keyed by their first cell: target, actual, attainment, expected, forecast, status."""
    return {row[0]: row[1:] for row in rows[1:]}


def counts(rows):
    """Target, actual and attainment of each row of a table."""
    return {name: cells[:3] for name, cells in table_rows(rows).items()}


class ViGoerEnForskel(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.built = Built("vi-goer-en-forskel")
        cls.addClassCleanup(cls.built.tmp.cleanup)

    def test_summary_has_the_published_counts_and_correct_shares(self):
        s = self.built.summary
        self.assertEqual(s["as_of"], "2022-06-30")  # the latest event, not the clock
        for name, (referred, job, education, either, _) in VI_GOER.items():
            v = self.built.unit(name)
            self.assertEqual(v["visiterede"]["actual"], referred, name)
            self.assertEqual(v["i_job"]["actual"], job, name)
            self.assertEqual(v["i_uddannelse"]["actual"], education, name)
            self.assertEqual(v["i_job_eller_uddannelse"]["actual"], either, name)
            self.assertAlmostEqual(v["andel_job_eller_uddannelse"]["actual"], either / referred, places=12)
            self.assertIsNone(v["andel_job_eller_uddannelse"]["target"])
        total = self.built.unit("I alt")
        self.assertEqual(total["visiterede"]["target"], 175)
        self.assertEqual(total["i_job_eller_uddannelse"]["target"], 105)
        self.assertAlmostEqual(total["visiterede"]["attainment"], 176 / 175, places=12)
        # Furesø missed its own referral target while the project met its total.
        self.assertLess(self.built.unit("Furesø")["visiterede"]["attainment"], 1)
        self.assertEqual([u["name"] for u in s["units"]], ["Fredericia", "Furesø", "Skanderborg"])
        self.assertEqual(s["data_quality"]["rows_read"], s["data_quality"]["rows_counted"] + s["data_quality"]["rows_rejected"])

    def test_status_markdown_tables(self):
        tables = readers.markdown_tables(str(self.built.out / "status.md"))
        self.assertEqual(len(tables), 9)  # five indicators, goals and their tally, one breakdown, one funnel
        funnel = table_rows(tables[8])
        self.assertEqual(funnel["Skanderborg"], ["52", "38 (73 %)"])
        self.assertEqual(funnel["I alt"], ["176", "121 (69 %)"])
        self.assertEqual(self.built.summary["funnels"][0]["total"]["stages"][1]["conversion"], 121 / 176)
        referred, share = table_rows(tables[0]), table_rows(tables[4])
        for name, (n_referred, _, _, _, printed_share) in VI_GOER.items():
            shown = "I alt" if name == "I alt" else name
            self.assertEqual(referred[shown][1], str(n_referred))
            self.assertEqual(share[shown][1].split(" (")[0], printed_share)
        self.assertEqual(share["I alt"][1], "69 % (64–73\xa0%)")  # with its range across the municipalities
        self.assertEqual(counts(tables[0])["I alt"], ["175", "176", "101 % (87–118\xa0%)"])
        self.assertEqual(counts(tables[0])["Furesø"], ["75", "65", "87 %"])
        # At the period end the status words are the final verdicts.
        self.assertEqual(referred["Furesø"][5], "delvis opfyldt")
        self.assertEqual(referred["I alt"][5], "opfyldt")
        text = (self.built.out / "status.md").read_text(encoding="utf-8")
        self.assertIn("pr. 30. juni 2022", text)

    def test_dashboard_tables_and_chart(self):
        tables = readers.html_tables(self.built.html)
        self.assertEqual(len(tables), 9)
        share = table_rows(tables[4][1])
        for name, (_, _, _, _, printed_share) in VI_GOER.items():
            # The dashboard is public: a share whose count grew by 1-4 since
            # last month's release is hidden (README "Monthly releases").
            # (a share without targets: its table is the municipality and the share alone)
            self.assertIn(share[name][0], (printed_share, "skjult"), name)
        self.assertIn(counts(tables[3][1])["I alt"], (["105", "121", "115 %"], ["105", "skjult", "–"]))
        self.assertIn('<html lang="da">', self.built.html)
        self.assertIn('<svg xmlns="http://www.w3.org/2000/svg" role="img"', self.built.html)
        self.assertIn("Furesø: 65 af 75 (87 %)", self.built.html)  # the chart's description in words
        self.assertIn('<th scope="col">', self.built.html)
        self.assertIn('name="viewport"', self.built.html)

    def test_breakdown_adds_up_to_the_indicator(self):
        breakdown = self.built.summary["breakdowns"][0]
        self.assertEqual(breakdown["indicator"], "visiterede")
        for row in breakdown["units"] + [dict(name="I alt", **breakdown["total"])]:
            self.assertEqual(sum(row["counts"].values()) + row["other"], self.built.unit(row["name"])["visiterede"]["actual"])
        md = readers.markdown_tables(str(self.built.out / "status.md"))[7]
        self.assertEqual(md[0][1:], breakdown["categories"] + ["I alt"])  # no "other" column: every value declared
        self.assertEqual(table_rows(md)["I alt"][-1], "176")

    def test_goals_take_their_status_from_the_figures_unless_set(self):
        goals = {g["id"]: g for g in self.built.summary["goals"]}
        self.assertEqual((goals["visitation"]["status"], goals["visitation"]["suggested_status"]), ("met", "met"))
        self.assertEqual(goals["fastholdelse"]["status"], "partly_met")
        self.assertIsNone(goals["fastholdelse"]["suggested_status"])
        self.assertEqual(self.built.summary["goal_tally"], {"activity": {"met": 1}, "short_term": {"met": 1},
                                                             "long_term": {"met": 1}, "effect": {"partly_met": 1}})
        md = readers.markdown_tables(str(self.built.out / "status.md"))
        self.assertEqual(md[5][0], ["Niveau", "Mål", "Målsætning", "Status", "Dokumentation"])
        self.assertEqual(table_rows(md[6])["Effekt"], ["0", "1", "0"])

    def test_dashboard_is_self_contained(self):
        html = self.built.html.replace('xmlns="http://www.w3.org/2000/svg"', "")
        for needle in ("http://", "https://", "<script", "<link", "@import", "url("):
            self.assertNotIn(needle, html)

    def test_workbook_numbers_are_numbers(self):
        book, sheet, rows = readers.workbook_rows(self.built.out / "report.xlsx")
        self.assertEqual(sheet.title, "Oversigt")
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(book.properties.title, "Vi gør en forskel – gør du?")
        by_key = {(r["Kommune"][0], r["Indikator-id"][0]): r for r in rows}
        for name, (referred, job, education, either, _) in VI_GOER.items():
            row = by_key[(name, "visiterede")]
            self.assertEqual(row["Faktisk"][0], referred)
            self.assertIsInstance(row["Faktisk"][0], (int, float))
            self.assertEqual(by_key[(name, "i_job_eller_uddannelse")]["Faktisk"][0], either)
            share = by_key[(name, "andel_job_eller_uddannelse")]["Faktisk"]
            self.assertAlmostEqual(share[0], either / referred, places=9)
            self.assertIn("%", share[1])
        attainment = by_key[("I alt", "visiterede")]["Målopfyldelse"]
        self.assertAlmostEqual(attainment[0], 176 / 175, places=9)
        self.assertEqual(attainment[1], "0 %")

    def test_workbook_totals_are_formulas_over_their_parts(self):
        import openpyxl
        sheet = openpyxl.load_workbook(self.built.out / "report.xlsx").worksheets[0]
        headers = [c.value for c in sheet[1]]
        col = {h: i for i, h in enumerate(headers)}
        formulas = {(row[col["Kommune"]].value, row[col["Indikator-id"]].value): row
                    for row in sheet.iter_rows(min_row=2)}
        actual = openpyxl.utils.get_column_letter(col["Faktisk"] + 1)
        target = openpyxl.utils.get_column_letter(col["Måltal"] + 1)
        total = formulas[("I alt", "visiterede")]
        self.assertEqual(total[col["Faktisk"]].value, f"=SUM({actual}2:{actual}4)")
        self.assertEqual(total[col["Målopfyldelse"]].value, f"={actual}5/{target}5")
        share = formulas[("Furesø", "andel_job_eller_uddannelse")]
        self.assertTrue(str(share[col["Faktisk"]].value).startswith("="))

    def test_workbook_contents_match_golden(self):
        self.assertEqual(*workbook_and_golden(self.built, "vi-goer-en-forskel"))

    def test_same_inputs_same_bytes(self):
        again = Built("vi-goer-en-forskel")
        self.addCleanup(again.tmp.cleanup)
        for name in ("index.html", "status.md", "report.xlsx", "summary.json"):
            self.assertEqual((self.built.out / name).read_bytes(), (again.out / name).read_bytes(), name)

    def test_as_of_reproduces_an_earlier_day(self):
        earlier = Built("vi-goer-en-forskel", "--as-of", "2020-12-31")
        self.addCleanup(earlier.tmp.cleanup)
        self.assertEqual(earlier.summary["as_of"], "2020-12-31")
        total = earlier.unit("I alt")["visiterede"]["actual"]
        self.assertLess(total, 176)
        self.assertGreater(total, 0)


class SmaaMellemstore(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.built = Built("smaa-mellemstore")
        cls.addClassCleanup(cls.built.tmp.cleanup)

    def test_summary_reproduces_tabel_2_4(self):
        self.assertEqual(self.built.summary["as_of"], "2019-12-31")
        for name, (p_target, p_actual, _, j_target, j_actual, _) in SMAA.items():
            v = self.built.unit(name)
            self.assertEqual((v["praktik"]["target"], v["praktik"]["actual"]), (p_target, p_actual), name)
            self.assertEqual((v["job"]["target"], v["job"]["actual"]), (j_target, j_actual), name)
        # The ratio names its denominator: jobs of actual internships, 154/392 = 39 %.
        self.assertAlmostEqual(self.built.unit("I alt")["andel_praktik_i_job"]["actual"], 154 / 392, places=12)
        ratio = next(i for i in self.built.summary["indicators"] if i["id"] == "andel_praktik_i_job")
        self.assertEqual(ratio["denominator"], "praktik")

    def test_attainment_in_every_output(self):
        md = readers.markdown_tables(str(self.built.out / "status.md"))
        html = readers.html_tables(self.built.html)
        _, _, rows = readers.workbook_rows(self.built.out / "report.xlsx")
        by_key = {(r["Kommune"][0], r["Indikator-id"][0]): r for r in rows}

        def figures(table, name):  # actual and attainment, the total's without its range "(55–116 %)"
            return [cell.split(" (")[0] for cell in counts(table)[name][1:]]

        for name, (_, p_actual, p_pct, _, j_actual, j_pct) in SMAA.items():
            self.assertEqual(figures(md[0], name), [str(p_actual), p_pct])
            self.assertEqual(figures(md[1], name), [str(j_actual), j_pct])
            self.assertEqual(figures(html[0][1], name), [str(p_actual), p_pct])
            self.assertEqual(figures(html[1][1], name), [str(j_actual), j_pct])
            cell = by_key[(name, "praktik")]["Målopfyldelse"][0]
            self.assertEqual(f"{round(cell * 100 + 1e-9)} %", p_pct)
        self.assertEqual(counts(md[0])["I alt"][2], "82 % (55–116\xa0%)")
        self.assertEqual([t[1][1][0] for t in html[:1]], ["Furesø"])  # Danish order: F, Kal, Kol

    def test_status_follows_the_documented_rule(self):
        # Recomputed here from README's rule: expected = target x elapsed days
        # of the period; on track at 95 %, at risk at 80 %, else behind.
        import datetime as dt
        start, end, as_of = dt.date(2017, 9, 1), dt.date(2020, 12, 31), dt.date(2019, 12, 31)
        elapsed = ((as_of - start).days + 1) / ((end - start).days + 1)
        words = {"on_track": "på sporet", "at_risk": "risiko", "behind": "bagud"}
        md = table_rows(readers.markdown_tables(str(self.built.out / "status.md"))[0])
        joined = dt.date(2018, 4, 1)  # Furesø joined in spring 2018: measured over its own part
        for name, (target, actual, *_rest) in SMAA.items():
            figure = self.built.unit(name)["praktik"]
            if name == "Furesø":
                elapsed = ((as_of - joined).days + 1) / ((end - joined).days + 1)
            elif name != "I alt":
                elapsed = ((as_of - start).days + 1) / ((end - start).days + 1)
            else:
                continue  # the total is pro-rated over the whole period: checked in the unit tests
            self.assertAlmostEqual(figure["expected"], target * elapsed, places=9)
            share = actual / (target * elapsed)
            status = "on_track" if share >= 0.95 else "at_risk" if share >= 0.8 else "behind"
            self.assertEqual(figure["status"], status, name)
            self.assertEqual(md[name][5], words[status], name)
            self.assertEqual(md[name][3], str(round(target * elapsed)), name)

    def test_kalundborg_target_was_raised(self):
        kalundborg = self.built.unit("Kalundborg")["praktik"]
        self.assertEqual((kalundborg["target"], kalundborg["target_version"], kalundborg["target_original"]),
                         (168, "justeret", 94))
        text = (self.built.out / "status.md").read_text(encoding="utf-8")
        self.assertIn("Kalundborg: måltallet er justeret fra 94 til 168 med virkning fra 1. juni 2018.", text)
        early = Built("smaa-mellemstore", "--as-of", "2018-05-31")
        self.addCleanup(early.tmp.cleanup)
        self.assertEqual(early.unit("Kalundborg")["praktik"]["target"], 94)

    def test_events_after_the_as_of_date_are_listed_not_lost(self):
        import datetime as dt
        as_of = dt.date(2019, 12, 31)
        lines = (ROOT / "sample-data/smaa-mellemstore/registrations.csv").read_text(encoding="utf-8").splitlines()[1:]
        later = sum(1 for line in lines for field in line.split(",")[2:]
                    if field and dt.datetime.strptime(field, "%d-%m-%Y").date() > as_of)
        self.assertGreater(later, 0)
        self.assertEqual(self.built.summary["data_quality"]["events_after_as_of"], later)
        self.assertIn(f"Hændelser efter opgørelsesdatoen (ikke talt med): {later}",
                      (self.built.out / "status.md").read_text(encoding="utf-8"))

    def test_later_as_of_counts_the_later_events(self):
        later = Built("smaa-mellemstore", "--as-of", "2020-12-31")
        self.addCleanup(later.tmp.cleanup)
        self.assertGreater(later.unit("I alt")["praktik"]["actual"], 392)

    def test_workbook_contents_match_golden(self):
        self.assertEqual(*workbook_and_golden(self.built, "smaa-mellemstore"))


class JobOgTrivsel(unittest.TestCase):
    """The third sample: registrations for Odense and Aalborg, monthly counts
    for Aarhus, a funnel, breakdowns, goals, a revised target, milestones and
    the mean_capped aggregation. Figures are recomputed here from the input
    files, independently of maaltal."""

    AS_OF = "2023-06-30"

    @classmethod
    def setUpClass(cls):
        cls.built = Built("job-og-trivsel")
        cls.addClassCleanup(cls.built.tmp.cleanup)
        base = ROOT / "sample-data/job-og-trivsel"
        lines = (base / "registrations.csv").read_text(encoding="utf-8").splitlines()
        header = lines[0].split(";")
        cls.rows = [dict(zip(header, line.split(";"))) for line in lines[1:]]
        count_lines = (base / "antal-aarhus.csv").read_text(encoding="utf-8").splitlines()[1:]
        cls.counts = [line.split(";") for line in count_lines]

    def expected_actual(self, code, indicator):
        if code == "751":
            return sum(int(n) for k, ind, month, n in self.counts
                       if ind == indicator and month <= self.AS_OF[:7])
        field = {"screenet": "screenet", "visiterede": "visiteret", "i_job": "job"}[indicator]
        return sum(1 for r in self.rows if r["kommune"] == code and r[field] and r[field] <= self.AS_OF
                   and (indicator != "i_job" or r["udfald"] in ("ordinære timer", "fleksjob")))

    def test_actuals_from_registrations_and_counts(self):
        for unit in self.built.summary["units"]:
            for indicator in ("screenet", "visiterede", "i_job"):
                self.assertEqual(unit["values"][indicator]["actual"], self.expected_actual(unit["code"], indicator),
                                 (unit["name"], indicator))
        self.assertEqual([u["name"] for u in self.built.summary["units"]], ["Odense", "Aalborg", "Aarhus"])

    def test_revised_target_and_mean_capped_total(self):
        odense = self.built.unit("Odense")["visiterede"]
        self.assertEqual((odense["target"], odense["target_version"], odense["target_original"]), (120, "justeret", 140))
        attainments = [min(1, u["values"]["visiterede"]["attainment"]) for u in self.built.summary["units"]]
        self.assertAlmostEqual(self.built.unit("I alt")["visiterede"]["attainment"], sum(attainments) / 3, places=12)
        self.assertEqual(self.built.summary["total"]["aggregation"], "mean_capped")

    def test_funnel_breakdowns_and_goals(self):
        total = self.built.summary["funnels"][0]["total"]["stages"]
        self.assertEqual([s["indicator"] for s in total], ["screenet", "visiterede", "i_job"])
        self.assertAlmostEqual(total[2]["conversion"], total[2]["actual"] / total[1]["actual"], places=12)
        for breakdown in self.built.summary["breakdowns"]:
            for row in breakdown["units"]:
                self.assertEqual(sum(row["counts"].values()) + row["other"],
                                 self.built.unit(row["name"])["visiterede"]["actual"], (breakdown["id"], row["name"]))
            aarhus = next(r for r in breakdown["units"] if r["name"] == "Aarhus")
            self.assertEqual(sum(aarhus["counts"].values()), 0)  # counts carry no categories
        goals = {g["id"]: g for g in self.built.summary["goals"]}
        self.assertTrue(goals["job"]["overridden"])
        self.assertEqual(goals["visitation"]["status"], goals["visitation"]["suggested_status"])
        self.assertNotIn("W112", self.built.result.stderr)

    def test_every_output_is_written_and_readable(self):
        tables = readers.markdown_tables(str(self.built.out / "status.md"))
        self.assertEqual(len(tables), 4 + 2 + 2 + 1 + 1)  # indicators, goals and tally, breakdowns, funnel, a project text
        self.assertEqual(list(table_rows(tables[1]))[-1], "I alt")
        html = readers.html_tables(self.built.html)
        self.assertEqual(len(html), len(tables))
        _, _, rows = readers.workbook_rows(self.built.out / "report.xlsx")
        aarhus = [r for r in rows if r["Kommune"][0] == "Aarhus" and r["Indikator-id"][0] == "visiterede"][0]
        self.assertEqual(aarhus["Faktisk"][0], self.expected_actual("751", "visiterede"))

    def test_workbook_total_attainment_formula_follows_the_aggregation(self):
        import openpyxl
        sheet = openpyxl.load_workbook(self.built.out / "report.xlsx").worksheets[0]
        headers = [c.value for c in sheet[1]]
        col = {h: i for i, h in enumerate(headers)}
        rows = {(r[col["Kommune"]].value, r[col["Indikator-id"]].value): r for r in sheet.iter_rows(min_row=2)}
        att = openpyxl.utils.get_column_letter(col["Målopfyldelse"] + 1)
        unit_rows = [rows[(name, "i_job")][0].row for name in ("Odense", "Aalborg", "Aarhus")]
        expected = "=AVERAGE(" + ",".join(f"MIN(1,{att}{r})" for r in unit_rows) + ")"
        self.assertEqual(rows[("I alt", "i_job")][col["Målopfyldelse"]].value, expected)

    def test_workbook_has_the_detail_sheets(self):
        import openpyxl
        book = openpyxl.load_workbook(self.built.out / "report.xlsx")
        self.assertEqual(book.sheetnames, ["Oversigt", "Måneder", "Fordelinger", "Tragt", "Mål", "Diagrammer", "Datakvalitet",
                                           "Definitioner", "Om", "Spænd"])
        funnel = self.built.summary["funnels"][0]["total"]["stages"]
        tragt = [[c.value for c in row] for row in book["Tragt"].iter_rows(min_row=2) if row[2].value == "I alt"]
        self.assertEqual([r[5] for r in tragt], [s["actual"] for s in funnel])
        self.assertAlmostEqual(tragt[2][6], funnel[2]["conversion"], places=12)
        fordelinger = [[c.value for c in row] for row in book["Fordelinger"].iter_rows(min_row=2)]
        odense_handicap = sum(r[4] for r in fordelinger if r[0] == "handicap" and r[2] == "Odense")
        self.assertEqual(odense_handicap, self.built.unit("Odense")["visiterede"]["actual"])
        goals = [[c.value for c in row] for row in book["Mål"].iter_rows(min_row=2)]
        self.assertEqual(len(goals), len(self.built.summary["goals"]))


class BadInput(unittest.TestCase):
    """Each problem is reported with file, line, column, caret and code; the
    run exits non-zero and writes nothing."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = pathlib.Path(self.tmp.name) / "p"
        shutil.copytree(ROOT / "sample-data/vi-goer-en-forskel", self.dir)
        self.out = pathlib.Path(self.tmp.name) / "out"

    def tearDown(self):
        self.tmp.cleanup()

    def edit(self, name, old, new):
        path = self.dir / name
        text = path.read_text(encoding="utf-8")
        self.assertIn(old, text)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def build_fails(self, expected_stderr_lines, code=1):
        result = subprocess.run([BIN, "build", str(self.dir / "project.json"), "--out", str(self.out)],
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, code, result.stderr)
        for line in expected_stderr_lines:
            self.assertIn(line, result.stderr)
        self.assertFalse(self.out.exists(), "no output may be written")
        check = subprocess.run([BIN, "check", str(self.dir / "project.json")], capture_output=True, text=True)
        self.assertEqual(check.returncode, code)
        return result.stderr

    def test_json_syntax_error(self):
        self.edit("project.json", '"owner": "Dansk Handicap Forbund",', '"owner": "Dansk Handicap Forbund"')
        # project.json holds no one's data: its line is shown, with the caret.
        self.build_fails(["project.json:5:3: error: invalid JSON: syntax error while parsing object - unexpected "
                          "string literal; expected '}' [E201]\n  \"funder\": \"STAR\",\n  ^\nby code"])

    def test_unknown_municipality_code(self):
        self.edit("registrations.csv", "VGF-0068;607;", "VGF-0068;999;")
        self.build_fails(["registrations.csv:2:10: error: unknown municipality code '999' [E104]\n"
                          "********;999;**********;;;********\n         ^"])

    def test_rejected_rows_are_accounted_for(self):
        self.edit("registrations.csv", "VGF-0068;607;", "VGF-0068;999;")
        check = subprocess.run([BIN, "check", str(self.dir / "project.json")], capture_output=True, text=True)
        self.assertEqual(check.returncode, 1)
        self.assertIn("176 rows read, 175 counted, 1 rejected", check.stdout)

    def test_unreadable_date(self):
        self.edit("registrations.csv", "VGF-0068;607;2019-09-01", "VGF-0068;607;2019-13-01")
        self.build_fails(["registrations.csv:2:14: error: '2019-13-01' in column 'visitationsdato' is not a date"])

    def test_missing_column(self):
        self.edit("registrations.csv", "borger_id;kommunekode;visitationsdato;udfald;udfaldsdato",
                  "borger_id;kommunekode;visitationsdato;udfaldsdato")
        self.build_fails(["registrations.csv:1:1: error: missing column 'udfald' (for udfald) [E103]"])

    def test_unknown_municipality_in_project(self):
        self.edit("project.json", '"municipalities": ["746", "607", "190"]', '"municipalities": ["746", "607", "19"]')
        self.build_fails(["project.json#/municipalities/2: error: unknown municipality code '19' [E104]"])

    def test_missing_file_exits_4(self):
        (self.dir / "registrations.csv").unlink()
        self.build_fails(["maaltal: error: cannot open", "registrations.csv"], code=4)

    def test_bad_option_exits_2(self):
        result = run("build", "sample-data/vi-goer-en-forskel/project.json", "--out", "x", "--as-of", "juni")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--as-of: 'juni' is not a date", result.stderr)
        self.assertEqual(run("frobnicate").returncode, 2)


class English(unittest.TestCase):
    def test_locale_en_translates_every_output(self):
        with tempfile.TemporaryDirectory() as tmp:
            project = pathlib.Path(tmp) / "p"
            shutil.copytree(ROOT / "sample-data/smaa-mellemstore", project)
            path = project / "project.json"
            path.write_text(path.read_text(encoding="utf-8").replace('"locale": "da"', '"locale": "en"'), encoding="utf-8")
            out = pathlib.Path(tmp) / "out"
            result = subprocess.run([BIN, "build", str(path), "--out", str(out)], capture_output=True, text=True)
            self.assertEqual(result.returncode, 0, result.stderr)
            md = readers.markdown_tables(str(out / "status.md"))
            self.assertEqual(md[0][0], ["Municipality", "Target", "Actual", "Attainment", "Expected now", "Forecast",
                                        "Status"])
            self.assertEqual(counts(md[0])["Total"], ["480", "392", "82% (55–116%)"])
            self.assertIn("As of 31 December 2019", (out / "status.md").read_text(encoding="utf-8"))
            self.assertIn('<html lang="en">', (out / "index.html").read_text(encoding="utf-8"))
            _, sheet, rows = readers.workbook_rows(out / "report.xlsx")
            self.assertEqual(sheet.title, "Overview")
            self.assertIn("Total", [r["Municipality"][0] for r in rows])


class GoalOverride(unittest.TestCase):
    def test_a_status_against_the_figures_without_a_reason_is_a_warning(self):
        with tempfile.TemporaryDirectory() as tmp:
            project = pathlib.Path(tmp) / "p"
            shutil.copytree(ROOT / "sample-data/vi-goer-en-forskel", project)
            path = project / "project.json"
            text = path.read_text(encoding="utf-8")
            old = '"target": "175 visiterede", "indicator": "visiterede",'
            self.assertIn(old, text)
            path.write_text(text.replace(old, old + ' "status": "partly_met",'), encoding="utf-8")
            result = subprocess.run([BIN, "check", str(path)], capture_output=True, text=True)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("project.json#/goals/1: warning: goal 'visitation' is set to partly_met where the figures suggest met; "
                          "give an override_reason [W112]", result.stderr)


class CommandLine(unittest.TestCase):
    def test_version_and_help(self):
        self.assertRegex(run("--version").stdout, r"^maaltal \d+\.\d+\.\d+")
        help_text = run("--help").stdout
        for word in ("build", "check", "template"):
            self.assertIn(word, help_text)

    def test_template_prints_a_default(self):
        result = run("template", "status.md.mustache")
        self.assertEqual(result.returncode, 0)
        self.assertEqual(result.stdout, (ROOT / "templates/status.md.mustache").read_text(encoding="utf-8"))
        self.assertIn("dashboard.html.mustache", run("template", "--list").stdout)

    def test_templates_folder_overrides_a_default(self):
        with tempfile.TemporaryDirectory() as tmp:
            tdir = pathlib.Path(tmp) / "t"
            tdir.mkdir()
            (tdir / "status.md.mustache").write_text("# {{project.title}} {{as_of}}\n", encoding="utf-8")
            out = pathlib.Path(tmp) / "out"
            result = run("build", "sample-data/vi-goer-en-forskel/project.json", "--out", str(out), "--templates", str(tdir))
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual((out / "status.md").read_text(encoding="utf-8"), "# Vi gør en forskel – gør du? 30\\. juni 2022\n")  # a value that could open a list is escaped

    def test_template_naming_nothing_exits_6(self):
        with tempfile.TemporaryDirectory() as tmp:
            tdir = pathlib.Path(tmp)
            (tdir / "status.md.mustache").write_text("# {{project.titel}}\n", encoding="utf-8")
            result = run("build", "sample-data/vi-goer-en-forskel/project.json", "--out", str(tdir / "out"),
                         "--templates", str(tdir))
            self.assertEqual(result.returncode, 6)
            self.assertIn("status.md.mustache:1:3: 'project.titel' names nothing in the view model", result.stderr)

    def test_source_date_epoch_sets_generated_at(self):
        with tempfile.TemporaryDirectory() as tmp:
            result = run("build", "sample-data/vi-goer-en-forskel/project.json", "--out", tmp,
                         env={"SOURCE_DATE_EPOCH": "1656662400"})
            self.assertEqual(result.returncode, 0, result.stderr)
            summary = json.loads((pathlib.Path(tmp) / "summary.json").read_text(encoding="utf-8"))
            self.assertEqual(summary["generated_at"], "2022-07-01T08:00:00Z")

    def test_check_prints_the_row_accounting(self):
        result = run("check", "sample-data/smaa-mellemstore/project.json")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("as of 2019-12-31: 428 rows read, 428 counted, 0 rejected", result.stdout)


if __name__ == "__main__":
    unittest.main()


class Progress(unittest.TestCase):
    """A progress line on a terminal's stderr, nothing on a pipe (issue 9).
    MAALTAL_PROGRESS_DELAY=0 shows it at once, for a quick sample."""

    def run_with_stderr_on_a_terminal(self, out):
        import pty
        master, slave = pty.openpty()
        env = dict(os.environ, MAALTAL_PROGRESS_DELAY="0")
        proc = subprocess.Popen([BIN, "build", "sample-data/smaa-tal/project.json", "--out", out], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=slave, env=env)
        os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        proc.communicate()
        os.close(master)
        return proc.returncode, seen.decode("utf-8", "replace")

    def test_a_terminal_sees_the_stages_and_a_cleared_line(self):
        with tempfile.TemporaryDirectory() as tmp:
            code, stderr = self.run_with_stderr_on_a_terminal(tmp)
            self.assertEqual(code, 0)
            self.assertIn("\rmaaltal: reading registrations 100 %", stderr)
            self.assertIn("maaltal: writing the workbook ...", stderr)
            self.assertTrue(stderr.endswith("\r\x1b[K"), repr(stderr[-40:]))

    def test_a_pipe_sees_nothing(self):
        with tempfile.TemporaryDirectory() as tmp:
            result = run("build", "sample-data/smaa-tal/project.json", "--out", tmp,
                         env={"MAALTAL_PROGRESS_DELAY": "0"})
            self.assertEqual(result.returncode, 0)
            self.assertEqual(result.stderr, "")


class DashboardForms(unittest.TestCase):
    """The dashboard's three forms and two languages, its municipality sections,
    provenance and the project's own texts (issue 4). The browser audit in
    tests/browser checks the same pages for accessibility."""

    @classmethod
    def setUpClass(cls):
        # Internal, so that every figure of summary.json is on the page; the
        # public dashboard is tested in test_privacy.py.
        cls.single = Built("job-og-trivsel", "--audience", "internal")
        cls.site = Built("job-og-trivsel", "--dashboard", "site", "--audience", "internal")
        cls.english = Built("job-og-trivsel", "--locale", "en")

    def test_site_pages_link_both_ways(self):
        pages = sorted(p.name for p in self.site.out.glob("*.html") if not p.name.startswith("status"))
        codes = [u["code"] for u in self.site.summary["units"]]
        self.assertEqual(pages, sorted(["index.html"] + [f"kommune-{c}.html" for c in codes]))
        for code in codes:
            self.assertIn(f'href="kommune-{code}.html"', self.site.html)
            page = (self.site.out / f"kommune-{code}.html").read_text(encoding="utf-8")
            self.assertIn('href="index.html"', page)
            # Each municipality is linked once, from the overview's list, and its page links back to that list.
            self.assertEqual(self.site.html.count(f'href="kommune-{code}.html"'), 1)
            self.assertIn('href="index.html#kommuner"', page)

    def test_fragment_has_no_document_and_scoped_css(self):
        built = Built("job-og-trivsel", "--dashboard", "fragment")
        fragment = (built.out / "dashboard-fragment.html").read_text(encoding="utf-8")
        for tag in ("<html", "<head", "<body", "<main", "<style", "<!DOCTYPE"):
            self.assertNotIn(tag, fragment)
        self.assertTrue(fragment.startswith('<section class="maaltal" lang="da"'))
        css = (built.out / "maaltal.css").read_text(encoding="utf-8")
        # Every rule's selectors start at .maaltal (at-rules only wrap such rules).
        import re
        body = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
        for selectors in re.findall(r"([^{}]+)\{[^{}]*\}", body):
            for selector in selectors.split(","):
                selector = selector.strip()
                if selector and not selector.startswith("@"):
                    self.assertTrue(selector.startswith(".maaltal"), selector)

    def test_english_uses_the_english_words(self):
        self.assertIn('<html lang="en">', self.english.html)
        self.assertIn("Attainment", self.english.html)
        for danish in ("Målopfyldelse", "Kommune", "Forventet nu", "Opgjort pr."):
            self.assertNotIn(danish, self.english.html)

    def test_provenance_names_each_input_with_its_sha256(self):
        import hashlib
        for name in self.single.summary["inputs"]:
            digest = hashlib.sha256((ROOT / name).read_bytes()).hexdigest()
            self.assertEqual(self.single.summary["input_sha256"][name], digest)
            self.assertIn(f"{name}<br><span class=\"hash\">SHA-256 {digest}</span>", self.single.html)

    def test_municipality_sections_show_the_summary_figures(self):
        for unit in self.single.summary["units"]:
            tables = readers.html_tables(self.single.html, unit=f"kommune-{unit['code']}")
            figures = table_rows(tables[0][1])
            for indicator in ("visiterede", "i_job"):
                values = unit["values"][indicator]
                label = next(i["label"] for i in self.single.summary["indicators"] if i["id"] == indicator)
                self.assertEqual(figures[label][:2], [str(int(values["target"])), str(int(values["actual"]))])
            # The month table behind the first progress chart: the cumulative series and the trajectory.
            months = tables[1][1][1:]
            series = unit["values"]["visiterede"]["series"]
            self.assertEqual([row[2] for row in months], [str(int(p["cumulative"])) for p in series])
            trajectory = unit["values"]["visiterede"]["trajectory"]
            self.assertEqual(months[-1][3], str(round(trajectory[len(series) - 1])))
            self.assertEqual(round(trajectory[len(series) - 1]), round(unit["values"]["visiterede"]["expected"]))
            # Its own rows of the breakdowns: the same counts as summary.json, category by category.
            progress_tables = len([t for t in tables if t[1] and t[1][0][:1] == ["Måned"]])
            own = tables[1 + progress_tables:]
            for breakdown, (_, rows) in zip(self.single.summary["breakdowns"], own):
                row = next(r for r in breakdown["units"] if r["code"] == unit["code"])
                # On its side: a row per category, the municipality's name over the counts.
                self.assertEqual(rows[0][1], unit["name"])
                cells = [r[1] for r in rows[1:1 + len(breakdown["categories"])]]
                self.assertEqual(cells, [str(row["counts"][c]) for c in breakdown["categories"]])

    def test_project_texts_are_rendered_in_place(self):
        html = self.single.html
        self.assertIn("<h2>Om projektet</h2>", html)
        self.assertLess(html.index("Om projektet"), html.index('id="resultater"'))
        self.assertGreater(html.index("Projektlederens kommentar"), html.index('id="maal"'))

    def test_project_texts_cannot_inject_html(self):
        with tempfile.TemporaryDirectory() as tmp:
            project = pathlib.Path(tmp) / "p"
            shutil.copytree(ROOT / "sample-data/job-og-trivsel", project)
            (project / "tekst/indledning.md").write_text(
                "# Hej\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[klik](javascript:alert(1))\n",
                encoding="utf-8")
            out = pathlib.Path(tmp) / "out"
            result = run("build", str(project / "project.json"), "--out", str(out))
            self.assertEqual(result.returncode, 0, result.stderr)
            html = (out / "index.html").read_text(encoding="utf-8")
            self.assertIn("<h2>Hej</h2>", html)
            for hostile in ("<script", "onerror", "javascript:"):
                self.assertNotIn(hostile, html)

    def test_no_script_and_no_external_reference(self):
        import re
        for page in [self.single.html] + [p.read_text(encoding="utf-8") for p in self.site.out.glob("*.html")]:
            self.assertNotIn("<script", page)
            self.assertEqual(re.findall(r'(?:href|src)="(?:https?:)?//[^"]*"', page), [])


def da_number(value):
    """A whole number as a Danish reader sees it: 1.017."""
    return f"{int(round(value)):,}".replace(",", ".")


def da_percent(fraction, decimals=0):
    """A share as maaltal prints it (0 decimals unless the project says otherwise): half up, "73 %", "46,4 %"."""
    import decimal
    rounded = decimal.Decimal(repr(fraction * 100)).quantize(decimal.Decimal(1).scaleb(-decimals),
                                                               rounding=decimal.ROUND_HALF_UP)
    return f"{rounded} %".replace(".", ",")


class StatusReport(unittest.TestCase):
    """The monthly status report (issue 6): its tables against summary.json
    cell by cell, the changes since the previous report with a late
    registration, status.html and the per-municipality reports."""

    LOCALE = json.loads((ROOT / "config/locale/da.json").read_text(encoding="utf-8"))

    def expected_row(self, values, indicator, decimals=0):
        v = values[indicator["id"]]
        ratio = indicator["kind"] == "ratio"
        percent = lambda x: da_percent(x, decimals)
        fmt = percent if ratio else da_number
        missing = self.LOCALE["not_set"]
        show = lambda x, f=fmt: missing if x is None else f(x)
        status = missing if v["status"] is None else self.LOCALE["status_" + v["status"]]
        target = show(v["target"])
        if v.get("target_basis") == "chosen":  # measured against a version other than the one in force
            target += f" ({v['target_version']})"
        return [target, show(v["actual"]), show(v["attainment"], percent), show(v["expected"]),
                show(v["forecast"]), status]

    def test_every_indicator_table_matches_summary_cell_by_cell(self):
        for sample in ("vi-goer-en-forskel", "smaa-mellemstore", "job-og-trivsel", "rummeligt-arbejdsmarked"):
            built = Built(sample)
            project = json.loads((ROOT / "sample-data" / sample / "project.json").read_text(encoding="utf-8"))
            decimals = project.get("percent_decimals", 0)
            tables = readers.markdown_tables(str(built.out / "status.md"))
            # durations have tables of their own, checked by test_durations
            indicators = [i for i in built.summary["indicators"] if i["kind"] != "duration"]
            for indicator, table in zip(indicators, tables[: len(indicators)]):
                self.assertEqual(len(table), 1 + len(built.summary["units"]) + 1, (sample, indicator["id"]))
                for unit, row in zip(built.summary["units"], table[1:]):
                    self.assertEqual(row, [unit["name"]] + self.expected_row(unit["values"], indicator, decimals),
                                     (sample, unit["name"]))
                total = [cell.strip("*") for cell in table[-1]]
                # The total's actual (a ratio) and attainment carry their range across the
                # municipalities, "69 % (64–73 %)", exactly where summary.json has one (test_ranges pins them).
                figure = built.summary["total"]["values"][indicator["id"]]
                for column, key in ((2, "range"), (3, "attainment_range")):
                    self.assertEqual(" (" in total[column], figure.get(key) is not None, (sample, indicator["id"], key))
                    total[column] = total[column].split(" (")[0]
                self.assertEqual(total, ["I alt"] + self.expected_row(built.summary["total"]["values"], indicator, decimals),
                                 sample)

    def test_summary_sentences_agree_with_the_tables(self):
        import math
        built = Built("smaa-mellemstore")
        text = (built.out / "status.md").read_text(encoding="utf-8")
        self.assertIn("# Statusrapport december 2019: ", text)
        summary = text.split("## Sammenfatning")[1].split("\n- **")[0]
        for indicator in built.summary["indicators"]:
            total = built.summary["total"]["values"][indicator["id"]]
            if indicator["kind"] == "ratio" or total["target"] is None:
                continue
            self.assertIn(f"{indicator['label']}: {da_number(total['actual'])} af {da_number(total['target'])} "
                          f"({da_percent(total['attainment'])}) pr. 31. december 2019", summary)
            for unit in built.summary["units"]:
                v = unit["values"][indicator["id"]]
                sentence = f"{unit['name']} mangler {da_number(math.ceil(v['gap']))} i «{indicator['label']}»"
                if v["gap"] > 0:
                    self.assertIn(f"{sentence} for at nå målet; det kræver {da_number(math.ceil(v['needed_per_month']))} "
                                  "om måneden frem til 31. december 2020.", summary)
                else:
                    self.assertNotIn(f"{unit['name']} mangler", summary.split(indicator["label"] + ":")[1].split("\n")[0])

    def test_changes_and_revisions_with_a_late_registration(self):
        with tempfile.TemporaryDirectory() as tmp:
            project = pathlib.Path(tmp) / "p"
            shutil.copytree(ROOT / "sample-data/job-og-trivsel", project)
            may = pathlib.Path(tmp) / "maj"
            result = run("build", str(project / "project.json"), "--out", str(may), "--as-of", "2023-05-31")
            self.assertEqual(result.returncode, 0, result.stderr)
            # June: a referral from March is registered late, in Odense.
            with open(project / "registrations.csv", "a", encoding="utf-8") as f:
                f.write("JT9999;461;2023-03-01;2023-03-15;;;fysisk;1980\n")
            june = pathlib.Path(tmp) / "juni"
            result = run("build", str(project / "project.json"), "--out", str(june), "--previous", str(may / "summary.json"))
            self.assertEqual(result.returncode, 0, result.stderr)
            before = json.loads((may / "summary.json").read_text(encoding="utf-8"))
            after = json.loads((june / "summary.json").read_text(encoding="utf-8"))
            changes = after["changes"]
            self.assertEqual(changes["previous_as_of"], "2023-05-31")
            odense_then = next(u for u in before["units"] if u["code"] == "461")["values"]["visiterede"]
            odense_now = next(u for u in after["units"] if u["code"] == "461")["values"]["visiterede"]
            march_then = next(p["new"] for p in odense_then["series"] if p["month"] == "2023-03")
            revisions = [r for r in changes["revisions"] if r["indicator"] == "visiterede"]
            self.assertEqual(revisions, [
                {"code": "461", "indicator": "visiterede", "month": "2023-03", "previous": march_then, "now": march_then + 1},
                {"code": None, "indicator": "visiterede", "month": "2023-03", "previous": sum(
                    next(p["new"] for p in u["values"]["visiterede"]["series"] if p["month"] == "2023-03") for u in before["units"]),
                 "now": sum(next(p["new"] for p in u["values"]["visiterede"]["series"] if p["month"] == "2023-03")
                            for u in after["units"])},
            ])
            status_md = (june / "status.md").read_text(encoding="utf-8")
            self.assertNotIn("summary.json", status_md)  # the previous report is named by its date, not its path
            self.assertIn("Sammenlignet med rapporten opgjort pr. 31. maj 2023.", status_md)
            tables = readers.markdown_tables(str(june / "status.md"))
            added = next(t for t in tables if t[0][2:5] == ["Pr. 31. maj 2023", "Pr. 30. juni 2023", "Ændring"])
            odense = next(r for r in added if r[:2] == ["Odense", "Visiterede"])
            then_now = f"{da_percent(odense_then['attainment'])} → {da_percent(odense_now['attainment'])}"
            self.assertEqual(odense[2:6], [da_number(odense_then["actual"]), da_number(odense_now["actual"]),
                                           f"+{da_number(odense_now['actual'] - odense_then['actual'])}", then_now])
            # Only what moved: no row with a change of 0 and the same status.
            self.assertTrue(all(row[4] != "0" or "→" in row[6] for row in added[1:]), added)
            revised = next(t for t in tables if t[0][2] == "Måned")
            self.assertIn(["Odense", "Visiterede", "marts 2023", da_number(march_then), da_number(march_then + 1)], revised)

    def test_status_html_is_the_same_report_for_email(self):
        built = Built("job-og-trivsel")
        page = (built.out / "status.html").read_text(encoding="utf-8")
        self.assertTrue(page.startswith("<!DOCTYPE html>\n<html lang=\"da\">"))
        self.assertNotIn("<script", page)
        self.assertNotIn("<style", page)
        self.assertIn('<td style="', page)
        md_tables = readers.markdown_tables(str(built.out / "status.md"))
        html_tables = readers.html_tables(page)
        self.assertEqual(len(html_tables), len(md_tables))
        for (_, rows), md in zip(html_tables, md_tables):
            self.assertEqual([[c.replace("*", "") for c in r] for r in rows], [[c.replace("*", "") for c in r] for r in md])

    def test_per_unit_reports_hold_one_municipality_and_the_total(self):
        built = Built("smaa-mellemstore", "--per-unit")
        for unit in built.summary["units"]:
            path = built.out / f"status-{unit['code']}.md"
            self.assertTrue((built.out / f"status-{unit['code']}.html").exists())
            text = path.read_text(encoding="utf-8")
            self.assertIn(f"– {unit['name']}", text.splitlines()[0])
            tables = readers.markdown_tables(str(path))
            for table in tables[: len(built.summary["indicators"])]:
                whole = f"Hele projektet ({len(built.summary['units'])} kommuner)"  # not read as the unit's own total
                self.assertEqual([row[0].strip("*") for row in table[1:]], [unit["name"], whole])

    def test_data_quality_lists_the_top_problems(self):
        with tempfile.TemporaryDirectory() as tmp:
            project = pathlib.Path(tmp) / "p"
            shutil.copytree(ROOT / "sample-data/vi-goer-en-forskel", project)
            rows = (project / "registrations.csv").read_text(encoding="utf-8").splitlines()
            (project / "registrations.csv").write_text("\n".join(rows + rows[1:3]) + "\n", encoding="utf-8")
            out = pathlib.Path(tmp) / "out"
            result = run("build", str(project / "project.json"), "--out", str(out))
            self.assertEqual(result.returncode, 0, result.stderr)
            summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
            self.assertEqual(summary["data_quality"]["by_code"], {"W109": 2})
            tables = readers.markdown_tables(str(out / "status.md"))
            problems = next(t for t in tables if t[0] == ["Kode", "Antal", "Første tilfælde"])
            self.assertEqual(problems[1][:2], ["W109", "2"])
            self.assertIn("registrations.csv:", problems[1][2])


class Workbook(unittest.TestCase):
    """The STAR workbook as Excel sees it (issue 5): tables, names, colours,
    months, data quality, definitions, text that looks like a formula, and a
    layout a user can change. LibreOffice's recalculation is in test_recalc."""

    @classmethod
    def setUpClass(cls):
        cls.built = Built("job-og-trivsel")
        cls.book = openpyxl_book(cls.built.out / "report.xlsx")
        cls.values = openpyxl_book(cls.built.out / "report.xlsx", data_only=True)

    def test_every_data_block_is_an_excel_table_with_a_frozen_header(self):
        expected = {"Oversigt": ["tbl_overview"], "Måneder": ["tbl_months", "tbl_months_screenet", "tbl_months_visiterede",
                                                                "tbl_months_i_job"],
                    "Fordelinger": ["tbl_breakdowns"], "Tragt": ["tbl_funnels"], "Mål": ["tbl_goals"],
                    "Definitioner": ["tbl_definitions"]}
        for sheet, tables in expected.items():
            self.assertEqual(sorted(self.book[sheet].tables.keys()), sorted(tables), sheet)
            self.assertEqual(self.book[sheet].freeze_panes, "A2", sheet)
            self.assertEqual(self.book[sheet].page_setup.orientation, "landscape", sheet)
        overview = self.book["Oversigt"]
        table = overview.tables["tbl_overview"]
        self.assertEqual([c.name for c in table.tableColumns], [c.value for c in overview[1]])

    def test_defined_names_point_at_the_totals(self):
        names = {d.name: d.attr_text for d in self.book.defined_names.definedName}
        total = self.built.summary["total"]["values"]["visiterede"]
        sheet, cell = names["Faktisk_visiterede"].split("!")
        self.assertEqual(self.values[sheet.strip("'")][cell.replace("$", "")].value, total["actual"])
        sheet, cell = names["Maalopfyldelse_visiterede"].split("!")
        self.assertAlmostEqual(self.values[sheet.strip("'")][cell.replace("$", "")].value, total["attainment"])
        self.assertNotIn("Maaltal_screenet", names)  # no target, no name for an empty cell

    def test_status_has_a_colour_and_a_word(self):
        rules = [(str(r.sqref), rule.formula[0]) for r in self.book["Oversigt"].conditional_formatting for rule in r.rules]
        for word in ("på sporet", "risiko", "bagud", "opfyldt", "delvis opfyldt", "ikke opfyldt"):
            self.assertIn(("L2:L17", f'"{word}"'), rules)
        statuses = {c.value for c in self.book["Oversigt"]["L"][1:] if c.value}
        self.assertTrue(statuses <= {"på sporet", "risiko", "bagud"}, statuses)

    def test_months_long_and_wide(self):
        sheet = self.values["Måneder"]
        header = [c.value for c in sheet[1]][:8]
        self.assertEqual(header, ["Kommunekode", "Kommune", "Indikator", "Indikator-id", "Måned", "Nye i måneden",
                                  "I alt til og med måneden", "Målkurve"])
        odense = next(u for u in self.built.summary["units"] if u["code"] == "461")["values"]["visiterede"]
        rows = [[c.value for c in r][:8] for r in sheet.iter_rows(min_row=2) if r[0].value == "461" and r[3].value == "visiterede"]
        self.assertEqual([r[6] for r in rows], [p["cumulative"] for p in odense["series"]])
        self.assertEqual([r[4].strftime("%Y-%m") for r in rows], [p["month"] for p in odense["series"]])
        self.assertEqual(self.book["Måneder"].cell(row=2, column=5).number_format, "mmm yyyy")
        wide = self.book["Måneder"].tables["tbl_months_visiterede"]
        first, last = wide.ref.split(":")
        self.assertEqual(sheet[first].value, "Visiterede")
        last_col = "".join(ch for ch in last if ch.isalpha())
        odense_row = next(r for r in sheet.iter_rows(min_col=10, max_col=10) if r[0].value == "Odense" and
                          sheet.cell(row=r[0].row - 1 - [u["code"] for u in self.built.summary["units"]].index("461"),
                                     column=10).value == "Visiterede")[0].row
        self.assertEqual(sheet[f"{last_col}{odense_row}"].value, odense["actual"])

    def test_data_quality_and_definitions(self):
        quality = self.values["Datakvalitet"]
        self.assertEqual([quality["A1"].value, quality["B1"].value], ["Rækker læst", self.built.summary["data_quality"]["rows_read"]])
        self.assertEqual(quality["A6"].value, "Ingen problemer fundet i inddata.")
        definitions = [[c.value for c in r] for r in self.values["Definitioner"].iter_rows(min_row=2)]
        self.assertEqual([r[1] for r in definitions], [i["id"] for i in self.built.summary["indicators"]])
        ratio = next(r for r in definitions if r[1] == "andel_i_job")
        self.assertEqual(ratio[3:5], ["I job", "Visiterede"])

    def test_about_has_each_input_with_its_sha256(self):
        rows = [[c.value for c in r] for r in self.values["Om"].iter_rows()]
        for name, digest in self.built.summary["input_sha256"].items():
            self.assertIn(["Inddatafil", name, digest], rows)
        import zipfile
        custom = zipfile.ZipFile(self.built.out / "report.xlsx").read("docProps/custom.xml").decode("utf-8")
        self.assertIn('name="Projekt-id"><vt:lpwstr>job-og-trivsel</vt:lpwstr>', custom)
        self.assertIn('name="Opgjort pr."><vt:lpwstr>2023-06-30</vt:lpwstr>', custom)

    def test_text_that_looks_like_a_formula_stays_text(self):
        with tempfile.TemporaryDirectory() as tmp:
            project = pathlib.Path(tmp) / "p"
            shutil.copytree(ROOT / "sample-data/job-og-trivsel", project)
            spec = json.loads((project / "project.json").read_text(encoding="utf-8"))
            hostile = ["=HYPERLINK(\"http://example.invalid\",\"klik\")", "+45 1234", "-1+2", "@SUM(1)"]
            for goal, text in zip(spec["goals"], hostile):
                goal["evidence"] = text
            (project / "project.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
            out = pathlib.Path(tmp) / "out"
            self.assertEqual(run("build", str(project / "project.json"), "--out", str(out)).returncode, 0)
            goals = openpyxl_book(out / "report.xlsx")["Mål"]
            cells = [r[6] for r in goals.iter_rows(min_row=2) if r[6].value]
            for cell, text in zip(cells, hostile):
                self.assertEqual((cell.value, cell.data_type), (text, "s"))

    def test_a_layout_drops_and_reorders_columns_without_a_rebuild(self):
        layout = json.loads((ROOT / "config/workbook.layout.json").read_text(encoding="utf-8"))
        columns = layout["sheets"][0]["columns"]
        columns[:] = [c for c in columns if c["field"] != "target_original"]
        columns.insert(0, columns.pop(next(i for i, c in enumerate(columns) if c["field"] == "status")))
        with tempfile.TemporaryDirectory() as tmp:
            (pathlib.Path(tmp) / "workbook.layout.json").write_text(json.dumps(layout), encoding="utf-8")
            out = pathlib.Path(tmp) / "out"
            result = run("build", "sample-data/job-og-trivsel/project.json", "--out", str(out), "--templates", tmp)
            self.assertEqual(result.returncode, 0, result.stderr)
            sheet = openpyxl_book(out / "report.xlsx")["Oversigt"]
            header = [c.value for c in sheet[1]]
            self.assertEqual(header[0], "Status")
            self.assertNotIn("Oprindeligt måltal", header)
            col = {name: openpyxl.utils.get_column_letter(i + 1) for i, name in enumerate(header)}
            self.assertEqual(sheet[f"{col['Målopfyldelse']}6"].value, f"={col['Faktisk']}6/{col['Måltal']}6")

    def test_an_unknown_layout_column_is_an_error_with_its_location(self):
        layout = json.loads((ROOT / "config/workbook.layout.json").read_text(encoding="utf-8"))
        layout["sheets"][0]["columns"][2]["field"] = "kommune"
        with tempfile.TemporaryDirectory() as tmp:
            (pathlib.Path(tmp) / "workbook.layout.json").write_text(json.dumps(layout), encoding="utf-8")
            result = run("build", "sample-data/job-og-trivsel/project.json", "--out", str(pathlib.Path(tmp) / "out"),
                         "--templates", tmp)
            self.assertEqual(result.returncode, 6)
            self.assertIn("workbook.layout.json: /sheets/0/columns/2/field: unknown column 'kommune' in sheet 'overview'",
                          result.stderr)
            self.assertFalse((pathlib.Path(tmp) / "out").exists())


def openpyxl_book(path, data_only=False):
    import openpyxl
    return openpyxl.load_workbook(path, data_only=data_only)


class BrokenFiles(unittest.TestCase):
    """tests/fixtures/broken holds one of each row-level problem; README's
    table of codes must show the messages maaltal prints, verbatim (issue 7)."""

    FIXTURE = "tests/fixtures/broken/project.json"

    def documented_examples(self):
        import re
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        rows = re.findall(r"^\| ([EW]\d{3}) \| (?:error|warning) \| [^|]*\| `([^`]*)`", readme, flags=re.M)
        return dict(rows)

    def test_every_problem_prints_its_documented_message(self):
        result = run("check", self.FIXTURE)
        self.assertEqual(result.returncode, 1)
        examples = self.documented_examples()
        codes = ["W109", "W110", "W113", "W114", "E106", "E104", "W115", "W116", "W117"]
        for code in codes:
            self.assertIn(f"{examples[code]} [{code}]", result.stderr, code)
        self.assertIn("by code: E104 1 E106 1 W109 1 W110 1 W113 1 W114 1 W115 1 W116 1 W117 1\n", result.stderr)
        self.assertIn("10 rows read, 7 counted, 3 rejected", result.stdout)  # rows 3, 8 and 9 rejected

    def test_strict_fails_on_warnings_and_writes_nothing(self):
        with tempfile.TemporaryDirectory() as tmp:
            project = pathlib.Path(tmp) / "p"
            shutil.copytree(ROOT / "tests/fixtures/broken", project)
            rows = (project / "reg.csv").read_text(encoding="utf-8").splitlines()
            (project / "reg.csv").write_text("\n".join(r for r in rows if not r.startswith(("A6;", "A7;"))) + "\n",
                                             encoding="utf-8")
            self.assertEqual(run("check", str(project / "project.json")).returncode, 0)
            self.assertEqual(run("check", str(project / "project.json"), "--strict").returncode, 3)
            out = pathlib.Path(tmp) / "out"
            result = run("build", str(project / "project.json"), "--out", str(out), "--strict")
            self.assertEqual(result.returncode, 3)
            self.assertIn("nothing written: --strict", result.stderr)
            self.assertFalse(out.exists())

    def test_max_errors_limits_what_is_printed_not_what_is_counted(self):
        result = run("check", self.FIXTURE, "--max-errors", "2")
        self.assertEqual(result.stderr.count("[W1") + result.stderr.count("[E1"), 2)
        self.assertIn("... 7 more not shown (--max-errors 2)", result.stderr)
        self.assertIn("2 errors, 7 warnings", result.stderr)


class RealWorldFiles(unittest.TestCase):
    """tests/fixtures/real-world: the same six participants as Danish Excel and
    municipal systems save them (semicolons with a BOM and CRLF, Windows-1252
    with other-case headers, commas with quoted delimiters and line breaks,
    tabs with Excel serial dates, UTF-16 "Unicode text"). Each reads to the
    same counts (issue 7)."""

    FILES = ["semikolon-bom-crlf.csv", "windows-1252.csv", "komma-citater.csv", "tab-excel-datoer.csv",
             "unicode-tekst.txt"]

    def test_every_shape_reads_to_the_same_counts(self):
        source = ROOT / "tests/fixtures/real-world"
        for name in self.FILES:
            with self.subTest(file=name), tempfile.TemporaryDirectory() as tmp:
                project = pathlib.Path(tmp) / "p"
                shutil.copytree(source, project)
                spec = (project / "project.json").read_text(encoding="utf-8").replace("semikolon-bom-crlf.csv", name)
                (project / "project.json").write_text(spec, encoding="utf-8")
                out = pathlib.Path(tmp) / "out"
                result = run("build", str(project / "project.json"), "--out", str(out))
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stderr, "")
                self.assertIn("6 rows read, 6 counted, 0 rejected", result.stdout)
                summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
                actual = {u["code"]: (u["values"]["visiterede"]["actual"], u["values"]["i_job"]["actual"])
                          for u in summary["units"]}
                self.assertEqual(actual, {"746": (3, 2), "190": (2, 1)})
                encoding = {"windows-1252.csv": "windows-1252", "unicode-tekst.txt": "utf-16"}.get(name, "utf-8")
                self.assertEqual(summary["input_encoding"][str(project / name)], encoding)


class HostileInput(unittest.TestCase):
    """Hostile input is an error with a message, never a crash, a hang or a
    flood (issue 7)."""

    def project_with(self, tmp, registrations: bytes):
        project = pathlib.Path(tmp) / "p"
        shutil.copytree(ROOT / "tests/fixtures/real-world", project)
        (project / "semikolon-bom-crlf.csv").write_bytes(registrations)
        return str(project / "project.json")

    def test_empty_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            result = run("check", self.project_with(tmp, b""))
            self.assertEqual(result.returncode, 1)
            self.assertIn("[E103]", result.stderr)

    def test_nul_bytes(self):
        with tempfile.TemporaryDirectory() as tmp:
            result = run("check", self.project_with(tmp, b"deltager;kommune\nA1;7\x0046\n"))
            self.assertEqual(result.returncode, 4)
            self.assertIn("line 2 holds a NUL byte", result.stderr)

    def test_a_million_fields_and_a_long_line(self):
        header = b"deltager;kommune;visiteret;i_job;udfald_dato\nA1;746;2020-02-01;;\n"
        with tempfile.TemporaryDirectory() as tmp:
            # An id first: a row of only delimiters is blank, skipped (issue 22).
            row = b"A2" + b";" * 1_000_000
            result = run("check", self.project_with(tmp, header + row + b"\n" + b"x" * 20_000_000 + b"\n"))
            self.assertEqual(result.returncode, 1)
            self.assertIn("found 1000001 [E102]", result.stderr)
            # The 20 MB line is no row: reading stops there, and says so.
            self.assertIn(":4:1: error: line 4 is longer than 1 MiB; is this a registrations file? "
                          "Reading stopped here [E110]", result.stderr)
            self.assertIn("2 rows read, 1 counted, 1 rejected", result.stdout)
            self.assertLess(len(result.stderr), 5000)  # the offending lines are shown cut short

    def test_a_file_read_in_pieces_keeps_its_line_numbers(self):
        # 120,000 rows (several 1 MiB pieces), Windows-1252, a quoted line
        # break in every 500th row, and a bad code near the end: the message
        # must name the right line, and every row must be counted once.
        header = "deltager;kommune;visiteret;i_job;udfald_dato;bemaerkning\r\n"
        rows, line, bad_line = [], 2, None
        for k in range(120_000):
            note = '"første linje\r\nanden linje"' if k % 500 == 0 else "Ærø"
            code = "999" if k == 119_001 else "746"
            if k == 119_001:
                bad_line = line
            rows.append(f"P{k:05d};{code};03-02-2020;nej;;{note}\r\n")
            line += 2 if k % 500 == 0 else 1
        data = (header + "".join(rows)).encode("cp1252")
        self.assertGreater(len(data), 3 * 1024 * 1024)
        with tempfile.TemporaryDirectory() as tmp:
            result = run("check", self.project_with(tmp, data))
            self.assertIn(f"semikolon-bom-crlf.csv:{bad_line}:9: error: unknown municipality code '999' [E104]\n"
                          "*******;999;**********;***;;***\n", result.stderr)
            self.assertIn("120000 rows read, 119999 counted, 1 rejected", result.stdout)

    def test_memory_stays_bounded_by_the_longest_row(self):
        # A 400 MB line: read a piece at a time, never whole. Held whole it
        # would take 400 MB at least; the limit leaves room for a sanitizer.
        header = b"deltager;kommune;visiteret;i_job;udfald_dato\nA1;746;2020-02-01;;\n"
        with tempfile.TemporaryDirectory() as tmp:
            project = self.project_with(tmp, header)
            with open(pathlib.Path(project).parent / "semikolon-bom-crlf.csv", "ab") as f:
                for _ in range(400):
                    f.write(b"y" * 1_000_000)
            # Under AddressSanitizer (the CI's sanitizer run) freed memory is
            # held in a quarantine of 256 MB by default: a small one here.
            asan = ":".join(filter(None, [os.environ.get("ASAN_OPTIONS"), "quarantine_size_mb=16"]))
            proc = subprocess.Popen([BIN, "check", project], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    env=dict(os.environ, ASAN_OPTIONS=asan))
            proc.stdout.read()
            stderr = proc.stderr.read().decode()  # both are a few lines: neither pipe fills
            _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak
            proc.returncode = os.waitstatus_to_exitcode(status)
            proc.stdout.close()
            proc.stderr.close()
            self.assertIn("[E110]", stderr)
            self.assertLess(usage.ru_maxrss / 1024, 200, "peak resident memory in MB")

    def test_json_nested_100000_deep(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp) / "project.json"
            path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
            result = run("check", str(path))
            self.assertEqual(result.returncode, 1)
            self.assertIn("project.json:1:65: error: invalid JSON: arrays and objects nested more than 64 deep [E201]",
                          result.stderr)

    def test_a_folder_where_a_file_belongs(self):
        with tempfile.TemporaryDirectory() as tmp:
            project = self.project_with(tmp, b"")
            registrations = pathlib.Path(project).parent / "semikolon-bom-crlf.csv"
            registrations.unlink()
            registrations.mkdir()
            result = run("check", project)
            self.assertEqual(result.returncode, 4)
            self.assertIn("semikolon-bom-crlf.csv': it is a folder, not a file", result.stderr)


class Generate(unittest.TestCase):
    """`maaltal generate` (issue 9): a national project that builds cleanly, the
    same bytes for the same seed, other bytes for another."""

    def test_generated_project_builds_and_is_deterministic(self):
        with tempfile.TemporaryDirectory() as tmp:
            a, b, c = (pathlib.Path(tmp) / name for name in "abc")
            self.assertEqual(run("generate", "--participants", "3000", "--out", str(a)).returncode, 0)
            self.assertEqual(run("generate", "--participants", "3000", "--out", str(b)).returncode, 0)
            self.assertEqual(run("generate", "--participants", "3000", "--out", str(c), "--seed", "7").returncode, 0)
            self.assertEqual((a / "registrations.csv").read_bytes(), (b / "registrations.csv").read_bytes())
            self.assertNotEqual((a / "registrations.csv").read_bytes(), (c / "registrations.csv").read_bytes())
            self.assertEqual(len((a / "registrations.csv").read_text(encoding="utf-8").splitlines()), 3001)
            result = run("build", str(a / "project.json"), "--out", str(a / "out"), "--timings")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("3000 rows read, 3000 counted, 0 rejected", result.stdout)
            self.assertIn("timing: workbook", result.stderr)
            summary = json.loads((a / "out/summary.json").read_text(encoding="utf-8"))
            self.assertEqual(len(summary["units"]), 98)
            # Recounted from the CSV: referrals on or before the as-of date.
            rows = (a / "registrations.csv").read_text(encoding="utf-8").splitlines()[1:]
            expected = sum(1 for r in rows if r.split(";")[2] and r.split(";")[2] <= "2024-06-30")
            self.assertEqual(summary["total"]["values"]["visiterede"]["actual"], expected)

    def test_one_page_of_many_municipalities_suggests_site(self):
        """Issue 21: a single page of 98 municipalities is long to cross by
        keyboard or screen reader; above 30, W155 suggests `--dashboard site`
        (the page is still written). A site, or a small project, has none."""
        with tempfile.TemporaryDirectory() as tmp:
            project = pathlib.Path(tmp) / "g"
            self.assertEqual(run("generate", "--participants", "3000", "--out", str(project)).returncode, 0)
            single = run("build", str(project / "project.json"), "--out", str(project / "single"))
            self.assertEqual(single.returncode, 0, single.stderr)
            self.assertIn("W155", single.stderr)
            self.assertIn("one page of 98 municipalities, more than 30", single.stderr)
            self.assertIn("--dashboard site", single.stderr)
            self.assertTrue((project / "single/index.html").exists())
            danish = run("build", str(project / "project.json"), "--out", str(project / "da"), "--locale", "da")
            self.assertIn("én side med 98 kommuner, flere end 30", danish.stderr)
            site = run("build", str(project / "project.json"), "--out", str(project / "site"), "--dashboard", "site")
            self.assertEqual(site.returncode, 0, site.stderr)
            self.assertNotIn("W155", site.stderr)
            strict = run("build", str(project / "project.json"), "--out", str(project / "strict"), "--strict")
            self.assertEqual(strict.returncode, 3, strict.stderr)
            small = run("build", str(ROOT / "sample-data/smaa-tal/project.json"), "--out", str(project / "small"))
            self.assertNotIn("W155", small.stderr)



class ReadInTwo(unittest.TestCase):
    """A large CSV without quotes is read by two threads, one half each (issue
    9); what they find must be what one thread finds, to the byte: the same
    messages in the same order, the same accounting, the same figures. The
    planted problems straddle the halves: a participant repeated in the
    second half of one in the first (twice, so the second repeat must name the
    first half's line), a repeat within the second half, errors and CPR
    numbers in both halves, and one person in two municipalities across them.
    """

    def test_two_threads_find_what_one_finds(self):
        with tempfile.TemporaryDirectory() as tmp:
            folder = pathlib.Path(tmp)
            self.assertEqual(run("generate", "--participants", "200000", "--out", str(folder)).returncode, 0)
            lines = (folder / "registrations.csv").read_text(encoding="utf-8").split("\n")
            n = len(lines)
            self.assertGreater((folder / "registrations.csv").stat().st_size, 8 << 20)  # large enough to split

            def set_field(k, column, value):
                fields = lines[k].split(";")
                fields[column] = value
                lines[k] = ";".join(fields)

            repeated = lines[100]
            lines.insert(int(n * 0.75), repeated)
            lines.insert(int(n * 0.9), repeated)
            lines.insert(int(n * 0.95), lines[int(n * 0.8)])
            set_field(50, 1, "999")
            set_field(int(n * 0.7), 1, "999")
            set_field(60, 0, "010185-1234")
            set_field(int(n * 0.6), 0, "020285-1234")
            moved = lines[70].split(";")
            set_field(int(n * 0.85), 0, moved[0])
            set_field(int(n * 0.85), 1, "101" if moved[1] != "101" else "147")
            (folder / "registrations.csv").write_text("\n".join(lines), encoding="utf-8")

            one = run("check", str(folder / "project.json"), env={"MAALTAL_READ_THREADS": "1"})
            two = run("check", str(folder / "project.json"))
            self.assertEqual(one.returncode, 1)
            self.assertEqual(two.stderr, one.stderr)
            self.assertEqual(two.stdout, one.stdout)
            rows = n - 2 + 3  # n counts the header and the empty string after the last line break
            self.assertIn(f"{rows} rows read, {rows - 5} counted, 5 rejected", two.stdout)
            self.assertEqual(two.stderr.count("[W109]"), 3)
            self.assertEqual(two.stderr.count("[W119]"), 0)  # CPR numbers as ids are expected (issue 22)
            self.assertEqual(two.stderr.count("the participant of line 101 is registered again"), 2)
            self.assertIn("[W116]", two.stderr)

            set_field(50, 1, "101")
            set_field(int(n * 0.7), 1, "101")
            (folder / "registrations.csv").write_text("\n".join(lines), encoding="utf-8")
            env = {"SOURCE_DATE_EPOCH": "1700000000"}
            built_one = run("build", str(folder / "project.json"), "--out", str(folder / "one"),
                            env={**env, "MAALTAL_READ_THREADS": "1"})
            built_two = run("build", str(folder / "project.json"), "--out", str(folder / "two"), env=env)
            self.assertEqual(built_two.returncode, 0, built_two.stderr)
            self.assertEqual(built_two.stderr, built_one.stderr)
            self.assertEqual((folder / "two/summary.json").read_bytes(), (folder / "one/summary.json").read_bytes())
