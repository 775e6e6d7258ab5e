"""End to end: surveys (issue 17). The staff survey of "Vi gør en forskel"
(3 managers, 3 job brokers) in summary.json, status.md, the dashboard and the
workbook, with its "2/3 ledere"; a citizen survey's counts of 1-4 hidden on
the public dashboard; answers off the scale refused with their location.

Run by ctest; MAALTAL_BIN names the binary.
"""
import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import unittest

import readers

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("MAALTAL_BIN", str(ROOT / "build/dev/maaltal"))
FIXTURE = ROOT / "tests/fixtures/surveys"
# The sample project of issue 17, when it has its survey.
SAMPLE = ROOT / "sample-data/rummeligt-arbejdsmarked"

Q_VISIBLE = "I hvor høj grad har jobcenteret tilstræbt at være synlige i virksomhedsnetværk?"
Q_SCHEMES = "I hvor høj grad har jobcenteret bragt de handicapkompenserende ordninger i spil?"
SCALE = ["I meget høj grad", "I høj grad", "I mindre grad", "Slet ikke", "Sprunget over"]


def run(*args):
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run([BIN, *args], cwd=ROOT, capture_output=True, text=True, env=env)


def build(project, *extra):
    tmp = tempfile.TemporaryDirectory()
    out = pathlib.Path(tmp.name) / "out"
    result = run("build", str(project), "--out", str(out), *extra)
    if result.returncode != 0:
        raise AssertionError(result.stderr)
    return tmp, out


def staff_projects():
    projects = [FIXTURE / "project.json"]
    sample = SAMPLE / "project.json"
    if sample.exists() and "surveys" in json.loads(sample.read_text(encoding="utf-8")):
        projects.append(sample)
    return projects


class StaffSurvey(unittest.TestCase):
    """The 2/3 managers in every output, for the fixture and for the sample."""

    def check_project(self, project):
        decimals = json.loads(project.read_text(encoding="utf-8")).get("percent_decimals", 0)
        pct = {0: {"2/3": "67 %", "1/3": "33 %", "0": "0 %"}, 1: {"2/3": "66,7 %", "1/3": "33,3 %", "0": "0,0 %"}}[decimals]
        tmp, out = build(project)
        with tmp:
            summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
            survey = next(s for s in summary["surveys"] if s["respondents"] == "staff")
            questions = {q["question"]: q for q in survey["questions"]}
            visible = questions[Q_VISIBLE]
            ledere = next(g for g in visible["groups"] if g["group"] == "ledere")
            brokers = next(g for g in visible["groups"] if g["group"] == "jobformidlere")
            self.assertEqual(ledere["n"], 3)
            self.assertEqual(ledere["counts"]["I meget høj grad"], 2)
            self.assertEqual(ledere["counts"]["Sprunget over"], 1)
            self.assertAlmostEqual(ledere["shares"]["I meget høj grad"], 2 / 3)
            self.assertEqual(brokers["n"], 3)
            self.assertEqual(brokers["counts"]["I høj grad"], 3)
            self.assertEqual(visible["total"]["n"], 6)
            schemes = questions[Q_SCHEMES]
            brokers2 = next(g for g in schemes["groups"] if g["group"] == "jobformidlere")
            ledere2 = next(g for g in schemes["groups"] if g["group"] == "ledere")
            self.assertEqual(brokers2["counts"]["I høj grad"], 1)
            self.assertEqual(brokers2["counts"]["I mindre grad"], 2)
            self.assertEqual(ledere2["counts"]["I mindre grad"], 2)
            self.assertEqual(survey["shares_of"], "respondents")

            status = (out / "status.md").read_text(encoding="utf-8")
            self.assertIn("2 af 3 ledere: I meget høj grad", status)
            self.assertIn("3 af 3 jobformidlere: I høj grad", status)
            tables = readers.markdown_tables(out / "status.md")
            table = next(t for t in tables if t[0][:2] == ["Gruppe", "n"] and t[1][0] == "ledere"
                         and t[1][2].startswith("2 "))
            self.assertEqual(table[0][2:], SCALE)
            zero = f"0 ({pct['0']})"
            self.assertEqual(table[1], ["ledere", "3", f"2 ({pct['2/3']})", zero, zero, zero, f"1 ({pct['1/3']})"])

            # The dashboard is public; a staff survey with publish_small_n shows its small n.
            page = (out / "index.html").read_text(encoding="utf-8")
            self.assertIn("2 af 3 ledere: I meget høj grad", page)
            self.assertIn("<title id=\"survey-1-1-title\">" + Q_VISIBLE + "</title>", page)
            dash = [rows for caption, rows in readers.html_tables(page) if caption == Q_VISIBLE]
            self.assertEqual(len(dash), 1)
            self.assertIn(["ledere", "3", f"2 ({pct['2/3']})"], [row[:3] for row in dash[0]])

            import openpyxl
            book = openpyxl.load_workbook(out / "report.xlsx")
            sheet = book["Spørgeskemaer"]
            rows = [[c.value for c in row] for row in sheet.iter_rows()]
            self.assertEqual(rows[0], ["Skema", "Spørgsmål", "Gruppe", "Svar", "Antal", "n", "Besvaret", "Andel"])
            found = [(i, r) for i, r in enumerate(rows) if r[:4] == [survey["title"], Q_VISIBLE, "ledere", "I meget høj grad"]]
            self.assertEqual(len(found), 1, rows[:10])
            i, row = found[0]
            self.assertEqual(row[4:7], [2, 3, 2])  # numbers, not text
            self.assertEqual(row[7], f"=E{i + 1}/F{i + 1}")  # the share is a formula of count and n
            cached = openpyxl.load_workbook(out / "report.xlsx", data_only=True)["Spørgeskemaer"]
            self.assertAlmostEqual(cached.cell(row=i + 1, column=8).value, 2 / 3)

    def test_fixture_and_sample(self):
        for project in staff_projects():
            with self.subTest(project=str(project)):
                self.check_project(project)


class CitizenSurvey(unittest.TestCase):
    """A citizen survey follows the public suppression: a count of 2 hidden on the public dashboard."""

    def test_small_counts_hidden_on_public_dashboard(self):
        tmp, out = build(FIXTURE / "project.json")
        with tmp:
            summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))  # internal: exact
            citizens = next(s for s in summary["surveys"] if s["respondents"] == "citizens")
            fredericia = citizens["questions"][0]["groups"][0]
            self.assertEqual(fredericia["counts"]["Ved ikke"], 2)
            self.assertEqual(fredericia["n"], 50)
            page = (out / "index.html").read_text(encoding="utf-8")
            start = page.index(citizens["title"])
            section = page[start:page.index("</section>", start)]
            tables = readers.html_tables(section)
            rows = {row[0]: row for caption, t in tables for row in t}
            # Gruppe, n, Meget tilfreds, Tilfreds, Utilfreds, Meget utilfreds, Ved ikke
            self.assertEqual(rows["Fredericia"][6], "<5")
            self.assertNotIn("2 af 50", section)
            self.assertNotIn("2 (", rows["Fredericia"][6])
            # the small cell is protected: its row or its column hides one more
            shown = [c for c in rows["Fredericia"][1:] if c not in ("<5", "skjult")]
            self.assertLess(len(shown), 6, rows["Fredericia"])
            self.assertIn("Antal under 5 vises ikke", section)

        tmp, out = build(FIXTURE / "project.json", "--audience", "public")
        with tmp:
            summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
            citizens = next(s for s in summary["surveys"] if s["respondents"] == "citizens")
            fredericia = citizens["questions"][0]["groups"][0]
            self.assertIsNone(fredericia["counts"]["Ved ikke"])
            self.assertEqual(fredericia["hidden"]["Ved ikke"], "small")
            self.assertIsNone(fredericia["shares"]["Ved ikke"])
            staff = next(s for s in summary["surveys"] if s["respondents"] == "staff")
            self.assertEqual(staff["questions"][0]["groups"][0]["counts"]["I meget høj grad"], 2)


class BadAnswers(unittest.TestCase):
    def test_answer_off_scale_is_located(self):
        with tempfile.TemporaryDirectory() as tmp:
            folder = pathlib.Path(tmp) / "p"
            shutil.copytree(FIXTURE, folder)
            csv = folder / "personale.csv"
            text = csv.read_text(encoding="utf-8").replace("L2;ledere;" + Q_VISIBLE + ";I meget høj grad",
                                                            "L2;ledere;" + Q_VISIBLE + ";i meget høj grad")
            csv.write_text(text, encoding="utf-8")
            result = run("build", str(folder / "project.json"), "--out", str(pathlib.Path(tmp) / "out"))
            self.assertNotEqual(result.returncode, 0)
            self.assertRegex(result.stderr, r"personale\.csv:3:\d+: (error|fejl): .*'i meget høj grad'.*'I meget høj grad'.*\[E251\]")
            self.assertFalse((pathlib.Path(tmp) / "out" / "summary.json").exists())

    def test_an_empty_row_as_excel_saves_it_is_blank(self):
        with tempfile.TemporaryDirectory() as tmp:
            folder = pathlib.Path(tmp) / "p"
            shutil.copytree(FIXTURE, folder)
            before = run("build", str(folder / "project.json"), "--out", str(pathlib.Path(tmp) / "a"))
            self.assertEqual(before.returncode, 0, before.stderr)
            with open(folder / "personale.csv", "a", encoding="utf-8") as f:
                f.write(";;;\n")
            after = run("build", str(folder / "project.json"), "--out", str(pathlib.Path(tmp) / "b"))
            self.assertEqual(after.returncode, 0, after.stderr)
            read = lambda name: json.loads((pathlib.Path(tmp) / name / "summary.json").read_text(encoding="utf-8"))
            self.assertEqual(read("b")["surveys"], read("a")["surveys"])


class SpreadsheetAnswers(unittest.TestCase):
    """The same answers typed into a workbook, as a project manager keeps them:
    a title row and a blank row above the header, read from the first sheet."""

    def copy_as_workbook(self, folder, change=None):
        import csv
        import openpyxl
        with open(folder / "personale.csv", encoding="utf-8") as f:
            rows = list(csv.reader(f, delimiter=";"))
        if change:
            rows = change(rows)
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Svar"
        sheet.append(["Personaleundersøgelse 2020"])
        sheet.append([])
        for row in rows:
            sheet.append(row)
        book.save(folder / "personale.xlsx")
        project = json.loads((folder / "project.json").read_text(encoding="utf-8"))
        next(s for s in project["surveys"] if s["id"] == "personale")["file"] = "personale.xlsx"
        (folder / "project.json").write_text(json.dumps(project, ensure_ascii=False), encoding="utf-8")

    def test_a_workbook_gives_the_same_figures_as_the_csv(self):
        with tempfile.TemporaryDirectory() as tmp:
            folder = pathlib.Path(tmp) / "p"
            shutil.copytree(FIXTURE, folder)
            from_csv = run("build", str(folder / "project.json"), "--out", str(pathlib.Path(tmp) / "csv"))
            self.assertEqual(from_csv.returncode, 0, from_csv.stderr)
            self.copy_as_workbook(folder)
            from_sheet = run("build", str(folder / "project.json"), "--out", str(pathlib.Path(tmp) / "xlsx"))
            self.assertEqual(from_sheet.returncode, 0, from_sheet.stderr)
            read = lambda name: json.loads((pathlib.Path(tmp) / name / "summary.json").read_text(encoding="utf-8"))
            self.assertEqual(read("xlsx")["surveys"], read("csv")["surveys"])
            ledere = read("xlsx")["surveys"][0]["questions"][0]["groups"][0]
            self.assertEqual((ledere["group"], ledere["n"], ledere["counts"]["I meget høj grad"]), ("ledere", 3, 2))

    def test_an_answer_off_the_scale_is_located_by_its_cell(self):
        def lower(rows):  # the header is row 3 of the sheet: L2's first answer is row 5
            return [r[:3] + ["i meget høj grad"] if r[:3] == ["L2", "ledere", Q_VISIBLE] else r for r in rows]
        with tempfile.TemporaryDirectory() as tmp:
            folder = pathlib.Path(tmp) / "p"
            shutil.copytree(FIXTURE, folder)
            self.copy_as_workbook(folder, lower)
            result = run("build", str(folder / "project.json"), "--out", str(pathlib.Path(tmp) / "out"))
            self.assertNotEqual(result.returncode, 0)
            self.assertRegex(result.stderr, r"personale\.xlsx:Svar!D5: (error|fejl): .*'i meget høj grad'.*\[E251\]")


if __name__ == "__main__":
    unittest.main()
