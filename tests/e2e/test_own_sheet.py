"""Issue 22's "Done when": the project manager's own sheet as it really is —
saved by LibreOffice as .xlsx and as .ods, municipalities by name in any
spelling, outcome values in mixed case, an "x" for yes in two yes/no columns
meant as "either", two blank rows, an `I alt` total row and one impossible
date — gives with --skip-bad-rows the counts a person counts by hand (recounted
here from the data, independently of maaltal), and without it a located list
of what to fix; `maaltal init` on the same sheet gives a project that builds.

Run by ctest; MAALTAL_BIN names the binary.
"""
import datetime
import json
import os
import subprocess
import tempfile
import unittest
from collections import Counter
from pathlib import Path

import openpyxl

from readers import markdown_tables
from sheets import HEADER, MUNICIPALITIES, PERIOD, flere_i_job_rows, soffice_convert, write_danish_xlsx

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("MAALTAL_BIN", str(ROOT / "build/dev/maaltal"))
AS_OF = datetime.date(2025, 12, 31)
BAD_DATE = "31-11-2024"
BAD_ROW = 57  # the data row (from 0) whose referral date is impossible
SPELLINGS = {"Vejle": ["Vejle", "vejle", "Vejle Kommune", " VEJLE "],
             "Horsens": ["Horsens", "horsens kommune", "HORSENS"],
             "Hedensted": ["Hedensted", "hedensted", "Hedensted Kommune"]}


def run(*args):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    return subprocess.run([BIN, *args], capture_output=True, text=True, env=env, timeout=300)


def messy_rows():
    """The "Flere i job" rows as a person keeps them: names in many
    spellings, outcomes in mixed case, one impossible date typed as text."""
    rows = flere_i_job_rows(300, names=True)
    for i, row in enumerate(rows):
        spellings = SPELLINGS[row[1]]
        row[1] = spellings[i % len(spellings)]
        if row[3] and i % 3 == 1:
            row[3] = row[3].lower()
        elif row[3] and i % 3 == 2:
            row[3] = row[3].upper()
    rows[BAD_ROW][2] = BAD_DATE
    return rows


def hand_count(rows):
    """Per municipality name, what a person counts by hand in the rows that
    maaltal can read (the impossible date's row left out): referred by the
    as-of date; in a job (ordinary hours or flex job, either "x", counted
    once) with its date by then; in ordinary hours by the outcome's words."""
    code_of = {name: code for code, name in MUNICIPALITIES.items()}
    counts = {"visiterede": Counter(), "i_job": Counter(), "ordinaere": Counter()}
    for i, (_, unit, referred, outcome, when, ordinary, flex, _) in enumerate(rows):
        if i == BAD_ROW:
            continue
        code = code_of[unit.strip().split(" ")[0].capitalize()]
        counts["visiterede"][code] += referred <= AS_OF
        done = when is not None and when <= AS_OF
        counts["i_job"][code] += done and "x" in (ordinary, flex)
        counts["ordinaere"][code] += done and outcome.casefold() == "ordinære timer"
    return counts


def project(registrations_file):
    return {
        "id": "flere-i-job", "title": "Flere i job", "owner": "Projektsekretariatet", "funder": "STAR",
        "period": {"start": PERIOD[0].isoformat(), "end": PERIOD[1].isoformat()}, "as_of": AS_OF.isoformat(),
        "locale": "da", "municipalities": ["Vejle", "Horsens kommune", "HEDENSTED"],
        "indicators": [
            {"id": "visiterede", "label": "Visiterede", "kind": "count", "date_field": "Visiteret"},
            {"id": "i_job", "label": "I job", "kind": "count", "date_field": "Udfaldsdato",
             "any": [{"Ordinære timer": True}, {"Fleksjob": True}]},
            {"id": "ordinaere", "label": "Ordinære timer", "kind": "count", "date_field": "Udfaldsdato",
             "where": {"Udfald": ["ordinære timer"]}},
        ],
        "registrations": {"file": registrations_file, "columns": {"participant": "CPR", "municipality": "Kommune"}},
    }


class OwnSheet(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = Path(cls.tmp.name)
        cls.rows = messy_rows()
        typed = cls.dir / "typed" / "registreringer.xlsx"
        typed.parent.mkdir()
        write_danish_xlsx(typed, cls.rows, blank_row_after=40, total_row=True)
        wb = openpyxl.load_workbook(typed)  # a second blank row, further down
        wb.active.insert_rows(200)
        wb.save(typed)
        # LibreOffice saves it as .ods, then that .ods as .xlsx: both as LibreOffice writes them.
        cls.sheets = {}
        for fmt in ("ods", "xlsx"):
            folder = cls.dir / fmt
            folder.mkdir()
            source = typed if fmt == "ods" else cls.sheets["ods"]
            cls.sheets[fmt] = soffice_convert(source, fmt, folder)
            (folder / "project.json").write_text(json.dumps(project(cls.sheets[fmt].name), ensure_ascii=False),
                                                 encoding="utf-8")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def build(self, fmt, *options):
        out = self.dir / fmt / ("out" + "".join(options))
        return run("build", str(self.dir / fmt / "project.json"), "--out", str(out), *options), out

    def test_skip_bad_rows_counts_what_a_person_counts_by_hand(self):
        expected = hand_count(self.rows)
        for fmt in self.sheets:
            with self.subTest(fmt=fmt):
                result, out = self.build(fmt, "--skip-bad-rows")
                self.assertEqual(result.returncode, 0, result.stderr)
                summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
                for unit in summary["units"]:
                    for indicator, counts in expected.items():
                        self.assertEqual(unit["values"][indicator]["actual"], counts[unit["code"]],
                                         f"{indicator} in {unit['name']}")
                for indicator, counts in expected.items():
                    self.assertEqual(summary["total"]["values"][indicator]["actual"], sum(counts.values()))
                quality = summary["data_quality"]
                self.assertEqual((quality["rows_read"], quality["rows_counted"], quality["rows_rejected"],
                                  quality["rows_blank"], quality["rows_total"], quality["rows_skipped"]),
                                 (303, 299, 1, 2, 1, 1))
                [skipped] = quality["skipped_rows"]
                self.assertEqual(skipped["code"], "E106")
                # Data row BAD_ROW is sheet row BAD_ROW + 3: the header is row 1, a blank row is above it.
                self.assertTrue(skipped["location"].endswith(f"registreringer.{fmt}:Ark1!C{BAD_ROW + 3}"),
                                skipped["location"])
                self.assertIn(BAD_DATE, skipped["message"])
                public = (out / "index.html").read_text(encoding="utf-8")
                self.assertIn("1 række af registreringerne er udeladt af disse tal på grund af en fejl i den", public)
                # The steering group's status.md lists the row in a table that renders as one.
                listed = [t for t in markdown_tables(str(out / "status.md")) if t[0] == ["Hvor", "Kode", "Problem"]]
                self.assertEqual(len(listed), 1)
                self.assertEqual([row[1] for row in listed[0][1:]], ["E106"])

    def test_without_skip_bad_rows_the_date_is_listed_to_fix_and_nothing_is_written(self):
        for fmt in self.sheets:
            with self.subTest(fmt=fmt):
                result, out = self.build(fmt)
                self.assertEqual(result.returncode, 1, result.stderr)
                self.assertFalse(out.exists())
                self.assertRegex(result.stderr,
                                 rf"registreringer\.{fmt}:Ark1!C{BAD_ROW + 3}: error: '{BAD_DATE}' in column "
                                 r"'Visiteret' is not a date")
                self.assertIn("nothing written", result.stderr)
                self.assertEqual(result.stderr.count(": error:"), 1, result.stderr)
                # The outcome no indicator names is one value in three spellings, as matching takes it.
                flex = sum(1 for r in self.rows if r[3].casefold() == "fleksjob")
                self.assertEqual(result.stderr.count("[W125]"), 1, result.stderr)
                self.assertIn(f"'Fleksjob' (also written 'FLEKSJOB', 'fleksjob') in column 'Udfald' is in {flex} rows",
                              result.stderr)

    def test_init_on_the_sheet_gives_a_project_that_builds(self):
        sheet = self.sheets["xlsx"]
        out = self.dir / "init"
        init = run("init", str(sheet), "--out", str(out))
        self.assertEqual(init.returncode, 0, init.stderr)
        targets = out / "targets.csv"
        lines = targets.read_text(encoding="utf-8").splitlines()
        targets.write_text("\n".join([lines[0]] + [line + "50" for line in lines[1:]]) + "\n", encoding="utf-8")
        result = run("build", str(out / "project.json"), "--out", str(out / "rapport"), "--skip-bad-rows")
        self.assertEqual(result.returncode, 0, result.stderr)
        summary = json.loads((out / "rapport" / "summary.json").read_text(encoding="utf-8"))
        made = json.loads((out / "project.json").read_text(encoding="utf-8"))
        referred = next(i for i in made["indicators"] if i.get("date_field") == "Visiteret" and "where" not in i)
        # init's as-of date is the data's latest date: everybody referred with a readable date counts.
        code_of = {name: code for code, name in MUNICIPALITIES.items()}
        by_hand = Counter(code_of[r[1].strip().split(" ")[0].capitalize()]
                          for i, r in enumerate(self.rows) if i != BAD_ROW)
        for unit in summary["units"]:
            self.assertEqual(unit["values"][referred["id"]]["actual"], by_hand[unit["code"]], unit["name"])


if __name__ == "__main__":
    unittest.main()
