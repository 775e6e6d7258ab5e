"""Registrations, targets and counts read straight from .xlsx and .ods
(issue 22, "Spreadsheets in"): sheets written by openpyxl as a Danish Excel
saves them and converted by LibreOffice itself give the same figures as the
same data as CSV; a broken or wrong file is a located message and exit 4.

Run by ctest; MAALTAL_BIN names the binary.
"""
import csv
import io
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import zipfile
from pathlib import Path

import openpyxl

import sheets

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("MAALTAL_BIN", str(ROOT / "build/dev/maaltal"))


def run(*args):
    return subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, timeout=120)


def figures(summary_path):
    """summary.json without what names or hashes the input files: the figures."""
    summary = json.loads(Path(summary_path).read_text(encoding="utf-8"))
    for key in ("inputs", "input_encoding", "input_sha256"):
        summary.pop(key, None)
    return json.dumps(summary, sort_keys=True, ensure_ascii=False)


class SameDataSameFigures(unittest.TestCase):
    """The "Flere i job" sheet as CSV, as openpyxl's .xlsx (Danish Excel's
    shape, a blank row kept out: that is another part's), and as .xlsx and
    .ods saved by LibreOffice: the same summary.json figures, byte for byte."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="maaltal-sheets-"))
        rows = sheets.flere_i_job_rows()
        cls.rows = rows
        sheets.write_csv(cls.tmp / "registreringer.csv", rows)
        sheets.write_danish_xlsx(cls.tmp / "registreringer.xlsx", rows)
        lo = cls.tmp / "lo"
        lo.mkdir()
        shutil.copy(cls.tmp / "registreringer.xlsx", lo / "fra-excel.xlsx")
        # One soffice run for both: the .ods from openpyxl's file, and an .xlsx saved by LibreOffice from the .ods.
        sheets.soffice_convert([lo / "fra-excel.xlsx"], "ods", lo)
        sheets.soffice_convert([lo / "fra-excel.ods"], "xlsx", cls.tmp / "lo-xlsx")
        shutil.copy(lo / "fra-excel.ods", cls.tmp / "registreringer.ods")
        shutil.copy(cls.tmp / "lo-xlsx" / "fra-excel.xlsx", cls.tmp / "libreoffice.xlsx")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def build(self, name, sheet=None):
        folder = self.tmp / ("p-" + name.replace(".", "-"))
        folder.mkdir()
        shutil.copy(self.tmp / name, folder / name)
        sheets.write_flere_i_job_project(folder, name, sheet=sheet)
        result = run("build", folder / "project.json", "--out", folder / "out")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        return figures(folder / "out" / "summary.json")

    def test_xlsx_and_ods_give_the_csv_figures(self):
        expected = self.build("registreringer.csv")
        self.assertIn('"visiterede"', expected)
        self.assertEqual(self.build("registreringer.xlsx", sheet="Ark1"), expected)
        self.assertEqual(self.build("registreringer.ods"), expected)
        self.assertEqual(self.build("libreoffice.xlsx"), expected)

    def test_libreoffice_xlsx_has_shared_strings_and_a_date_style(self):
        with zipfile.ZipFile(self.tmp / "libreoffice.xlsx") as z:
            self.assertIn("xl/sharedStrings.xml", z.namelist())
            self.assertIn("numFmtId=\"164\"", z.read("xl/styles.xml").decode())

    def test_check_reads_every_row_of_each(self):
        for name in ("registreringer.xlsx", "registreringer.ods", "libreoffice.xlsx"):
            folder = self.tmp / ("c-" + name.replace(".", "-"))
            folder.mkdir()
            shutil.copy(self.tmp / name, folder / name)
            sheets.write_flere_i_job_project(folder, name)
            result = run("check", folder / "project.json")
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertIn("300 rows read", result.stdout + result.stderr, name)


class DanishExcelSheet(unittest.TestCase):
    """A sheet as a Danish Excel saves it: shared strings, a date style, a
    blank row and an `I alt` row. Only this part's reading is asserted: the
    dates and counts read equal the CSV's (blank and total rows are another
    part's, and are kept out of the comparison)."""

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="maaltal-danish-"))
        self.addCleanup(shutil.rmtree, self.tmp)

    def test_dates_are_dates_and_strings_are_shared(self):
        rows = sheets.flere_i_job_rows(n=30)
        path = sheets.write_danish_xlsx(self.tmp / "registreringer.xlsx", rows, blank_row_after=10, total_row=True)
        with zipfile.ZipFile(path) as z:
            self.assertIn("dd-mm-yyyy", z.read("xl/styles.xml").decode())
        # A date typed wrong in the sheet is reported at its cell, the cell's text shown.
        wb = openpyxl.load_workbook(path)
        wb["Ark1"]["C14"] = "31-11-2024"
        wb.save(path)
        sheets.write_flere_i_job_project(self.tmp, "registreringer.xlsx", sheet="Ark1")
        result = run("check", self.tmp / "project.json")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("registreringer.xlsx:Ark1!C14: error: '31-11-2024' in column 'Visiteret' is not a date",
                      result.stderr)
        self.assertIn("\n31-11-2024\n", result.stderr)
        # Only the typed date is wrong: every real date cell was read as a date (no E106 elsewhere).
        self.assertEqual(result.stderr.count("[E106]"), 1, result.stderr)

    def test_1904_system_gives_the_same_dates(self):
        rows = sheets.flere_i_job_rows(n=60)
        sheets.write_csv(self.tmp / "a.csv", rows)
        sheets.write_danish_xlsx(self.tmp / "b.xlsx", rows, date1904=True)
        results = []
        for name in ("a.csv", "b.xlsx"):
            folder = self.tmp / name.replace(".", "-")
            folder.mkdir()
            shutil.copy(self.tmp / name, folder / name)
            sheets.write_flere_i_job_project(folder, name)
            result = run("build", folder / "project.json", "--out", folder / "out")
            self.assertEqual(result.returncode, 0, result.stderr)
            results.append(figures(folder / "out" / "summary.json"))
        self.assertEqual(results[0], results[1])


class SheetLocationsAndPrivacy(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="maaltal-sheetloc-"))
        self.addCleanup(shutil.rmtree, self.tmp)

    def test_a_message_names_the_cell_and_stars_out_the_id(self):
        rows = sheets.flere_i_job_rows(n=12)
        rows[4][1] = "9999"       # no municipality: row 6, column B
        rows[7][:2] = rows[6][:2]  # a repeat of the participant of row 8: row 9, column A
        sheets.write_danish_xlsx(self.tmp / "r.xlsx", rows)
        sheets.write_flere_i_job_project(self.tmp, "r.xlsx")
        result = run("check", self.tmp / "project.json")
        self.assertIn("r.xlsx:Ark1!B6: error: unknown municipality code '9999' [E104]\n9999\n", result.stderr)
        self.assertIn("r.xlsx:Ark1!A9: warning: the participant of row 8 is registered again in municipality 630; counted "
                      "once [W109]\n********\n", result.stderr)
        self.assertNotIn(rows[6][0], result.stderr + result.stdout)

    def test_values_right_of_the_header_are_said_once_per_column(self):
        rows = sheets.flere_i_job_rows(n=6)
        for i in (1, 3, 4):
            rows[i].append("ring tilbage")  # a note in column I, which has no header
        sheets.write_danish_xlsx(self.tmp / "r.xlsx", rows)
        sheets.write_flere_i_job_project(self.tmp, "r.xlsx")
        result = run("check", self.tmp / "project.json")
        self.assertIn("r.xlsx:Ark1!I3: warning: column I has values in 3 rows but no header, so they are not read; "
                      "give it a header if it matters [W121]", result.stderr)
        self.assertEqual(result.stderr.count("[W121]"), 1)

    def test_missing_column_is_located_at_the_header(self):
        rows = sheets.flere_i_job_rows(n=5)
        header = list(sheets.HEADER)
        header[1] = "Kommunenr"
        sheets.write_danish_xlsx(self.tmp / "r.xlsx", rows, header=header)
        sheets.write_flere_i_job_project(self.tmp, "r.xlsx")
        result = run("check", self.tmp / "project.json")
        self.assertEqual(result.returncode, 1)
        self.assertIn("r.xlsx:Ark1!A1: error: missing column 'Kommune' (for municipality) [E103]", result.stderr)


class TargetsAndCountsFromSheets(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="maaltal-sheettc-"))
        self.addCleanup(shutil.rmtree, self.tmp)

    def test_targets_from_xlsx_equal_targets_from_csv(self):
        rows = sheets.flere_i_job_rows(n=90)
        targets = [["kommune", "indikator", "måltal"]] + [[c, "visiterede", 40] for c in sheets.MUNICIPALITIES]
        results = []
        for kind in ("csv", "xlsx"):
            folder = self.tmp / kind
            folder.mkdir()
            sheets.write_csv(folder / "r.csv", rows)
            if kind == "csv":
                with open(folder / "maal.csv", "w", encoding="utf-8", newline="") as f:
                    csv.writer(f, delimiter=";").writerows(targets)
            else:
                wb = openpyxl.Workbook()
                wb.active.title = "Mål"
                for t in targets:
                    wb.active.append([int(v) if str(v).isdigit() else v for v in t])
                wb.save(folder / "maal.xlsx")
            project = sheets.write_flere_i_job_project(folder, "r.csv", targets_file="maal." + kind)
            result = run("build", folder / "project.json", "--out", folder / "out")
            self.assertEqual(result.returncode, 0, result.stderr)
            results.append(figures(folder / "out" / "summary.json"))
        self.assertEqual(results[0], results[1])
        self.assertIn("40", results[1])

    def test_a_bad_target_is_located_at_its_cell(self):
        wb = openpyxl.Workbook()
        wb.active.title = "Mål"
        for t in [["kommune", "indikator", "måltal"], [630, "visiterede", 40], [615, "visitered", 40]]:
            wb.active.append(t)
        wb.save(self.tmp / "maal.xlsx")
        sheets.write_csv(self.tmp / "r.csv", sheets.flere_i_job_rows(n=9))
        project = sheets.write_flere_i_job_project(self.tmp, "r.csv", targets_file="maal.xlsx")
        project["targets"]["sheet"] = "Mål"
        (self.tmp / "project.json").write_text(json.dumps(project, ensure_ascii=False), encoding="utf-8")
        result = run("check", self.tmp / "project.json")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("maal.xlsx:Mål!B3: error: unknown indicator 'visitered' [E204]", result.stderr)

    def test_counts_from_ods(self):
        shutil.copytree(ROOT / "sample-data" / "job-og-trivsel", self.tmp / "p")
        folder = self.tmp / "p"
        project = json.loads((folder / "project.json").read_text(encoding="utf-8"))
        counts_csv = folder / Path(project["counts"]["file"])
        expected = run("build", folder / "project.json", "--out", folder / "out-csv")
        self.assertEqual(expected.returncode, 0, expected.stderr)
        sheets.soffice_convert(counts_csv, "ods", folder, infilter=sheets.DANISH_CSV)
        project["counts"]["file"] = counts_csv.stem + ".ods"
        (folder / "project.json").write_text(json.dumps(project, ensure_ascii=False), encoding="utf-8")
        result = run("build", folder / "project.json", "--out", folder / "out-ods")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(figures(folder / "out-ods" / "summary.json"), figures(folder / "out-csv" / "summary.json"))


class BrokenSheets(unittest.TestCase):
    """Each a located message and exit 4, never a crash."""

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="maaltal-badsheet-"))
        self.addCleanup(shutil.rmtree, self.tmp)

    def check(self, name, data, sheet=None):
        (self.tmp / name).write_bytes(data)
        sheets.write_flere_i_job_project(self.tmp, name, sheet=sheet)
        return run("check", self.tmp / "project.json")

    def test_not_a_zip(self):
        result = self.check("r.xlsx", b"CPR;Kommune\n1;630\n")
        self.assertEqual(result.returncode, 4)
        self.assertIn("r.xlsx': it is not an .xlsx or .ods file (not a zip archive)", result.stderr)

    def test_a_zip_that_is_no_spreadsheet(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("hello.txt", "hi")
        result = self.check("r.ods", buffer.getvalue())
        self.assertEqual(result.returncode, 4)
        self.assertIn("r.ods': it is a zip archive but no .xlsx or .ods file", result.stderr)

    def test_a_missing_sheet_lists_those_there(self):
        buffer = io.BytesIO()
        wb = openpyxl.Workbook()
        wb.active.title = "Ark1"
        wb.create_sheet("Ark2")
        wb.save(buffer)
        result = self.check("r.xlsx", buffer.getvalue(), sheet="Data")
        self.assertEqual(result.returncode, 4)
        self.assertIn("r.xlsx': it has no sheet 'Data' (its sheets: 'Ark1', 'Ark2')", result.stderr)

    def test_xml_that_does_not_parse(self):
        buffer = io.BytesIO()
        wb = openpyxl.Workbook()
        wb.save(buffer)
        damaged = io.BytesIO()
        with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(damaged, "w") as dst:
            for item in src.namelist():
                data = src.read(item)
                if item == "xl/worksheets/sheet1.xml":
                    data = data.replace(b"</sheetData>", b"<row>")
                dst.writestr(item, data)
        result = self.check("r.xlsx", damaged.getvalue())
        self.assertEqual(result.returncode, 4)
        self.assertIn("its part 'xl/worksheets/sheet1.xml' is not well-formed XML at line", result.stderr)

    def test_a_sheet_outside_the_project_folder_is_refused(self):
        sheets.write_danish_xlsx(self.tmp / "r.xlsx", sheets.flere_i_job_rows(n=5))
        inner = self.tmp / "p"
        inner.mkdir()
        sheets.write_flere_i_job_project(inner, "../r.xlsx")
        result = run("check", inner / "project.json")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("[E207]", result.stderr)


if __name__ == "__main__":
    unittest.main()
