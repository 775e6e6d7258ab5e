"""Excel's leftovers and bad rows (issue 22): blank rows and a total row are
skipped and accounted for, Excel error values get their own message,
--skip-bad-rows writes the report with the bad rows listed, and the as-of date
says which row set it.

Run by ctest; MAALTAL_BIN names the binary. Each test copies the sample
vi-goer-en-forskel (176 participants, ';'-separated, six columns) into a
temporary folder and changes its registrations the way a sheet saved as CSV
would.
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("MAALTAL_BIN", str(ROOT / "build/dev/maaltal"))
SAMPLE = ROOT / "sample-data/vi-goer-en-forskel"
TIMEOUT = 120


def run(*args, env=None):
    return subprocess.run([BIN, *map(str, args)], capture_output=True, text=True,
                          env=dict(os.environ, **(env or {})), timeout=TIMEOUT)


class Rows(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.dir = Path(self.tmp.name) / "p"
        shutil.copytree(SAMPLE, self.dir)
        self.project = self.dir / "project.json"
        self.lines = (self.dir / "registrations.csv").read_text(encoding="utf-8").splitlines()

    def write(self, lines):
        (self.dir / "registrations.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def build(self, *extra):
        out = Path(self.tmp.name) / "out"
        result = run("build", self.project, "--out", out, *extra)
        return result, out

    def summary(self, out):
        return json.loads((out / "summary.json").read_text(encoding="utf-8"))

    def totals(self, out):
        return {k: v["actual"] for k, v in self.summary(out)["total"]["values"].items()}

    def reference(self):
        """The sample's own figures, built from the untouched file."""
        self.write(self.lines)
        result, out = self.build()
        self.assertEqual(result.returncode, 0, result.stderr)
        figures = self.totals(out)
        shutil.rmtree(out)
        return figures


class Leftovers(Rows):
    def test_blank_rows_of_delimiters_or_spaces_are_skipped_and_accounted(self):
        expected = self.reference()
        self.write(self.lines[:40] + [";;;;;", " ; ;\t; ;;  "] + self.lines[40:] + [";;;;;"])
        result = run("check", self.project, "--strict")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("179 rows read, 176 counted, 0 rejected, 3 blank skipped", result.stdout)
        self.assertNotIn("E107", result.stderr)
        result, out = self.build()
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.totals(out), expected)
        dq = self.summary(out)["data_quality"]
        self.assertEqual((dq["rows_read"], dq["rows_counted"], dq["rows_blank"]), (179, 176, 3))
        self.assertIn("- Tomme rækker sprunget over: 3", (out / "status.md").read_text(encoding="utf-8"))

    def test_a_total_row_at_the_end_is_skipped_with_one_note(self):
        expected = self.reference()
        for word in ("I alt", "Total", "SUM", "sum total", "Total i alt"):
            with self.subTest(word=word):
                self.write(self.lines + [";;;;;", f"{word};;176;72;;"])
                result = run("check", self.project, "--strict")
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn(f"registrations.csv:179:1: note: the last row is a total row ('{word}'): skipped, "
                              "not counted [W131]", result.stderr)
                self.assertEqual(result.stderr.count("W131"), 2)  # the note, and the count by code
                self.assertIn("178 rows read, 176 counted, 0 rejected, 1 blank skipped, 1 total skipped",
                              result.stdout)
        result, out = self.build()
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.totals(out), expected)
        self.assertEqual(self.summary(out)["data_quality"]["rows_total"], 1)

    def test_a_last_row_of_column_sums_without_an_id_is_a_total_row(self):
        expected = self.reference()
        lines = [self.lines[0] + ";antal"] + [line + ";1" for line in self.lines[1:]]
        self.write(lines + [";;;;;;176"])
        result = run("check", self.project, "--strict")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("note: the last row is a total row (no id, and its numbers are the sums of the columns above)",
                      result.stderr)
        result, out = self.build()
        self.assertEqual(self.totals(out), expected)
        # Not the sums: the row is a participant without an id, as before.
        self.write(lines + [";;;;;;175"])
        result = run("check", self.project)
        self.assertEqual(result.returncode, 1)
        self.assertIn("registrations.csv:178:1: error: missing participant id [E107]", result.stderr)

    def test_a_total_row_inside_the_data_is_an_error(self):
        self.write(self.lines[:100] + ["I alt;;99;40;;"] + self.lines[100:])
        result = run("check", self.project)
        self.assertEqual(result.returncode, 1)
        self.assertIn("registrations.csv:101:1: error: 'I alt' starts a total row, but rows with data follow it; a "
                      "total row may only be the last row (delete it, or move it below the data) [E119]",
                      result.stderr)
        self.assertNotIn("W131", result.stderr)

    def test_a_total_row_at_the_end_of_a_file_read_in_two_threads(self):
        gen = Path(self.tmp.name) / "gen"
        self.assertEqual(run("generate", "--participants", 150000, "--out", gen).returncode, 0)
        rows = (gen / "registrations.csv").read_text(encoding="utf-8").splitlines()
        width = rows[0].count(";") + 1
        self.assertGreater(sum(len(r) + 1 for r in rows), 8 * 1024 * 1024)  # read in two
        cases = {
            "total at the end": rows + [";" * (width - 1), "I alt" + ";" * (width - 1)],
            "total inside the second half": rows[:120000] + ["Total" + ";" * (width - 1)] + rows[120000:],
            "total inside the first half": rows[:1000] + ["Total" + ";" * (width - 1)] + rows[1000:],
            "total at the end of the first half": self.at_the_split(rows, "Total" + ";" * (width - 1) + " " * 300),
        }
        for name, lines in cases.items():
            with self.subTest(name):
                (gen / "registrations.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
                two = run("check", gen / "project.json")
                one = run("check", gen / "project.json", env={"MAALTAL_READ_THREADS": "1"})
                self.assertEqual((two.returncode, two.stdout, two.stderr), (one.returncode, one.stdout, one.stderr))
                if name == "total at the end":
                    self.assertIn("note: the last row is a total row ('I alt')", two.stderr)
                    self.assertIn("1 blank skipped, 1 total skipped", two.stdout)
                else:
                    self.assertIn("[E119]", two.stderr)


    @staticmethod
    def at_the_split(rows, line):
        """`rows` with `line` inserted where the file is split for two threads, as the first part's last line."""
        piece = 1 << 20  # TextStream::kPiece
        size = sum(len(r.encode()) + 1 for r in rows) + len(line) + 1
        middle = size // 2 // piece * piece
        offset = 0
        for i, r in enumerate(rows):
            if offset + len(r.encode()) + 1 > middle:
                return rows[:i] + [line] + rows[i:]
            offset += len(r.encode()) + 1
        raise AssertionError("no middle")


class ExcelErrors(Rows):
    def test_each_excel_error_value_has_its_own_message_in_any_column(self):
        errors = ["#I/T", "#N/A", "#VÆRDI!", "#VALUE!", "#DIV/0!", "#REF!", "#NAVN?", "#NAME?", "#NUM!", "#TAL!",
                  "#NULL!", "#NUL!"]
        for value in errors:
            with self.subTest(value=value):
                self.write(self.lines + [f"X1;{value};2020-01-01;;;Dagpenge"])
                result = run("check", self.project)
                self.assertEqual(result.returncode, 1)
                self.assertIn(f"registrations.csv:178:4: error: '{value}' in column 'kommunekode' is an Excel error "
                              "value: the formula in the sheet gives no value; fix it there or type the value [E118]",
                              result.stderr)
                self.assertNotIn("unknown municipality code", result.stderr)
        self.write(self.lines + ["#N/A;607;#værdi!;;;#I/T"])
        result = run("check", self.project)
        self.assertIn("'#N/A' in column 'borger_id' is an Excel error value", result.stderr)
        self.assertIn("'#værdi!' in column 'visitationsdato' is an Excel error value", result.stderr)
        self.assertIn("'#I/T' in column 'ydelsesgruppe' is an Excel error value", result.stderr)
        self.assertNotIn("E106", result.stderr)

    def test_excel_error_values_in_targets(self):
        targets = self.dir / "targets.csv"
        lines = targets.read_text(encoding="utf-8").splitlines()
        targets.write_text("\n".join(lines + ["#I/T;visiterede;10"]) + "\n", encoding="utf-8")
        result = run("check", self.project)
        self.assertIn("error: '#I/T' is an Excel error value: the formula in the sheet gives no value; fix it there "
                      "or type the value [E118]", result.stderr)


class SkipBadRows(Rows):
    def bad(self):
        # An impossible date and an Excel error among the 176 rows.
        lines = list(self.lines)
        lines[10] = lines[10].split(";")[0] + ";607;31-11-2020;;;Dagpenge"
        lines[20] = lines[20].split(";")[0] + ";#I/T;2020-01-01;;;Dagpenge"
        self.write(lines)

    def test_without_the_option_nothing_is_written(self):
        self.bad()
        result, out = self.build()
        self.assertEqual(result.returncode, 1)
        self.assertFalse((out / "summary.json").exists())

    def test_the_report_is_written_and_the_rows_listed(self):
        self.bad()
        result, out = self.build("--skip-bad-rows")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("registrations.csv:11:14: warning: '31-11-2020' in column 'visitationsdato' is not a date",
                      result.stderr)
        self.assertIn("warning: 2 rows with errors left out (--skip-bad-rows)", result.stderr)
        self.assertIn("176 rows read, 174 counted, 2 rejected", result.stdout)
        dq = self.summary(out)["data_quality"]
        self.assertEqual((dq["rows_skipped"], dq["rows_counted"]), (2, 174))
        self.assertEqual([(r["location"].split("/")[-1], r["code"]) for r in dq["skipped_rows"]],
                         [("registrations.csv:11:14", "E106"), ("registrations.csv:21:10", "E118")])
        for row in dq["skipped_rows"]:
            self.assertNotIn(self.lines[10].split(";")[0], row["message"])  # no id anywhere
        status = (out / "status.md").read_text(encoding="utf-8")
        self.assertIn("registrations.csv:11:14 | E106 |", status)
        internal = (out / "summary.json").read_text(encoding="utf-8")
        self.assertIn("skipped_rows", internal)
        # The public dashboard: a visible notice with the count, no rows.
        public = (out / "index.html").read_text(encoding="utf-8")
        self.assertIn("2 rækker af registreringerne er udeladt af disse tal på grund af fejl i dem", public)
        self.assertNotIn("registrations.csv:11:14", public)
        # The workbook's data quality lists them.
        book = openpyxl.load_workbook(out / "report.xlsx")
        cells = [str(c.value) for row in book["Datakvalitet"].iter_rows() for c in row if c.value is not None]
        self.assertIn("E106", cells)
        self.assertIn("Rækker udeladt for fejl (--skip-bad-rows)", cells)

    def test_the_internal_dashboard_lists_them(self):
        self.bad()
        result, out = self.build("--skip-bad-rows", "--audience", "internal")
        self.assertEqual(result.returncode, 0, result.stderr)
        page = (out / "index.html").read_text(encoding="utf-8")
        self.assertIn("registrations.csv:21:10</td><td>E118</td>", page)

    def test_strict_still_fails_and_the_project_setting_does_the_same(self):
        self.bad()
        result, out = self.build("--skip-bad-rows", "--strict")
        self.assertEqual(result.returncode, 3)
        project = json.loads(self.project.read_text(encoding="utf-8"))
        project["registrations"]["skip_bad_rows"] = True
        self.project.write_text(json.dumps(project, ensure_ascii=False), encoding="utf-8")
        result, out = self.build()
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.summary(out)["data_quality"]["rows_skipped"], 2)

    def test_a_file_level_error_still_stops_the_build(self):
        self.write([self.lines[0].replace("kommunekode", "kommune")] + self.lines[1:])
        result, out = self.build("--skip-bad-rows")
        self.assertEqual(result.returncode, 1)
        self.assertIn("missing column 'kommunekode'", result.stderr)
        self.assertFalse((out / "summary.json").exists())


class AsOfSource(Rows):
    def test_check_and_outputs_name_the_row_that_set_the_as_of_date(self):
        result, out = self.build()
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("as of 2022-06-30 (the latest date in the data, ", result.stdout)
        self.assertIn("registrations.csv line 83): 176 rows read", result.stdout)
        self.assertIn("(den seneste dato i data, ", (out / "status.md").read_text(encoding="utf-8"))
        self.assertIn("registrations.csv linje 83)", (out / "index.html").read_text(encoding="utf-8"))
        self.assertEqual(self.summary(out)["as_of_source"]["line"], 83)
        self.assertNotIn("W130", result.stderr)
        # Given, it names no row.
        result = run("check", self.project, "--as-of", "2022-06-30")
        self.assertIn("as of 2022-06-30: 176", result.stdout)

    def test_a_latest_date_far_beyond_the_rest_is_a_warning_naming_the_row(self):
        project = json.loads(self.project.read_text(encoding="utf-8"))
        project["period"]["end"] = "2026-12-31"
        self.project.write_text(json.dumps(project, ensure_ascii=False), encoding="utf-8")
        lines = list(self.lines)
        fields = lines[118].split(";")
        fields[2] = "08-11-2026"
        lines[118] = ";".join(fields)
        self.write(lines)
        result = run("check", self.project)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("registrations.csv:119: warning: the as-of date is the latest date in the data, 2026-11-08, on "
                      "this row, and it is 1592 days after the next-latest date in the data (2022-06-30); is the year "
                      "right? Give --as-of or as_of in project.json to choose the date [W130]", result.stderr)
        self.assertIn("as of 2026-11-08 (the latest date in the data, ", result.stdout)
        self.assertIn("registrations.csv line 119)", result.stdout)
        self.assertEqual(run("check", self.project, "--strict").returncode, 3)

    def test_a_count_after_the_period_end_that_sets_the_as_of_date_is_a_warning(self):
        project = json.loads(self.project.read_text(encoding="utf-8"))
        project["counts"] = {"file": "antal.csv"}
        self.project.write_text(json.dumps(project, ensure_ascii=False), encoding="utf-8")
        (self.dir / "antal.csv").write_text("kommune;indikator;dato;antal\n746;visiterede;2022-07-31;1\n",
                                            encoding="utf-8")
        result = run("check", self.project)
        self.assertIn("antal.csv:2: warning: the as-of date is the latest date in the data, 2022-07-31, on this row, "
                      "and it is after the project period's end (2022-06-30)", result.stderr)


if __name__ == "__main__":
    unittest.main()
