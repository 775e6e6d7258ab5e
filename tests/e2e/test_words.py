"""Danish dates and words (issue 22), as the user sees them: dates as a
Danish or English spreadsheet writes them, a partial locale file, labels per
language, a sheet keyed by CPR number under --strict, definitions that read well.

Run by ctest; MAALTAL_BIN names the binary. Each test edits a copy of the
sample smaa-tal.
"""
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
DANISH_MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
                 "november", "december"]
ENGLISH_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def run(*args):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    return subprocess.run([BIN, *args], capture_output=True, text=True, env=env)


def copy_sample(tmp):
    project = Path(tmp) / "p"
    shutil.copytree(ROOT / "sample-data/smaa-tal", project)
    return project


def build(project, out, *extra):
    result = run("build", str(project / "project.json"), "--out", str(out), *extra)
    if result.returncode != 0:
        raise AssertionError(result.stderr)
    return result


def actuals(out):
    summary = json.loads((Path(out) / "summary.json").read_text(encoding="utf-8"))
    return json.dumps(summary["total"], sort_keys=True), json.dumps(summary["units"], sort_keys=True)


def spelled(iso, k):
    """The date `iso` in one of the spellings a spreadsheet writes, by `k`."""
    year, month, day = (int(part) for part in iso.split("-"))
    forms = [f"{day}. {DANISH_MONTHS[month - 1]} {year}", f"{day:02d}-{DANISH_MONTHS[month - 1][:3]}-{year}",
             f"{day}-{ENGLISH_MONTHS[month - 1]}-{year}", f"{day:02d}.{month:02d}.{year % 100:02d}",
             f"{day:02d}-{month:02d}-{year % 100:02d}", f"{day} {DANISH_MONTHS[month - 1].upper()} {year}"]
    return forms[k % len(forms)]


class DanishDatesAndWords(unittest.TestCase):
    def test_dates_spelled_as_spreadsheets_write_them_give_the_same_counts(self):
        with tempfile.TemporaryDirectory() as tmp:
            project = copy_sample(tmp)
            build(project, Path(tmp) / "iso")
            path = project / "registrations.csv"
            lines = path.read_text(encoding="utf-8").splitlines()
            header = lines[0].split(";")
            date_columns = [header.index("visiteret"), header.index("udfaldsdato")]
            for k in range(1, len(lines)):
                fields = lines[k].split(";")
                for c in date_columns:
                    if re.fullmatch(r"\d{4}-\d\d-\d\d", fields[c]):
                        fields[c] = spelled(fields[c], k + c)
                lines[k] = ";".join(fields)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            for form in ("-May-2024;", " maj 2024;", "-maj-2024;", " MAJ 2024;", ".04.24;", "-06-24;"):
                self.assertIn(form, path.read_text(encoding="utf-8"))
            result = build(project, Path(tmp) / "spelled")
            self.assertNotIn("[E106]", result.stderr)
            self.assertEqual(actuals(Path(tmp) / "iso"), actuals(Path(tmp) / "spelled"))

    def test_a_sheet_keyed_by_cpr_numbers_passes_strict(self):
        with tempfile.TemporaryDirectory() as tmp:
            project = copy_sample(tmp)
            self.assertEqual(run("check", str(project / "project.json"), "--strict").returncode, 0)
            path = project / "registrations.csv"
            lines = path.read_text(encoding="utf-8").splitlines()
            for k in range(1, len(lines)):
                lines[k] = f"{k % 28 + 1:02d}0{k % 9 + 1}85-{1000 + k:04d}" + lines[k][lines[k].index(";"):]
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            result = run("check", str(project / "project.json"), "--strict")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertNotIn("W119", result.stderr)
            fields = lines[1].split(";")
            fields[3] = "0101851234"  # a CPR number in another column is still warned of
            lines[1] = ";".join(fields)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            result = run("check", str(project / "project.json"), "--strict")
            self.assertEqual(result.returncode, 3)
            self.assertIn("warning: column 'udfald' holds CPR numbers", result.stderr)

    def test_labels_per_language_follow_the_locale_with_a_warning_where_one_lacks(self):
        with tempfile.TemporaryDirectory() as tmp:
            project = copy_sample(tmp)
            path = project / "project.json"
            definition = json.loads(path.read_text(encoding="utf-8"))
            definition["title"] = {"da": "Job på øerne", "en": "Jobs on the islands"}
            definition["indicators"][0]["label"] = {"da": "Visiterede", "en": "Referred"}
            definition["indicators"][1]["label"] = {"da": "I job"}
            path.write_text(json.dumps(definition, ensure_ascii=False), encoding="utf-8")
            da = build(project, Path(tmp) / "da")
            self.assertNotIn("W137", da.stderr)
            html = (Path(tmp) / "da" / "index.html").read_text(encoding="utf-8")
            self.assertIn("Visiterede", html)
            self.assertIn("Job på øerne", html)
            en = build(project, Path(tmp) / "en", "--locale", "en")
            html = (Path(tmp) / "en" / "index.html").read_text(encoding="utf-8")
            self.assertIn("Referred", html)
            self.assertIn("Jobs on the islands", html)
            self.assertNotIn("Visiterede", html)
            self.assertIn("I job", html)
            self.assertIn("project.json#/indicators/1/label: warning: no \"en\" text (the outputs' language), so "
                          "another language's is shown; add one [W137]", en.stderr)
            check = run("check", str(path), "--locale", "en")
            self.assertIn("[W137]", check.stderr)

    def test_a_partial_locale_file_changes_its_words_and_warns_of_an_unknown_key(self):
        with tempfile.TemporaryDirectory() as tmp:
            project = copy_sample(tmp)
            (project / "templates/locale").mkdir(parents=True)
            (project / "templates/locale/da.json").write_text(
                '{"definitions_heading": "Sådan tæller vi", "definitons_heading": "x"}', encoding="utf-8")
            result = build(project, Path(tmp) / "out")
            self.assertIn("Sådan tæller vi", (Path(tmp) / "out" / "index.html").read_text(encoding="utf-8"))
            self.assertIn("templates/locale/da.json#/definitons_heading: warning: 'definitons_heading' is not one of "
                          "the built-in words", result.stderr)
            (project / "templates/locale/da.json").write_text('{"definitions_heading": 5}', encoding="utf-8")
            result = run("check", str(project / "project.json"))
            self.assertEqual(result.returncode, 6)
            self.assertIn("da.json: 'definitions_heading' is not a string", result.stderr)

    def test_definitions_read_well(self):
        with tempfile.TemporaryDirectory() as tmp:
            project = copy_sample(tmp)
            path = project / "project.json"
            definition = json.loads(path.read_text(encoding="utf-8"))
            definition["indicators"][1]["where"] = {"udfald": "job", "fleksjob": True}
            definition["registrations"].setdefault("columns", {})
            path.write_text(json.dumps(definition, ensure_ascii=False), encoding="utf-8")
            reg = project / "registrations.csv"
            lines = reg.read_text(encoding="utf-8").splitlines()
            lines = [lines[0] + ";fleksjob"] + [line + (";ja" if k % 2 else ";nej") for k, line in
                                                 enumerate(lines[1:])]
            reg.write_text("\n".join(lines) + "\n", encoding="utf-8")
            build(project, Path(tmp) / "da")
            status = (Path(tmp) / "da" / "status.md").read_text(encoding="utf-8")
            self.assertIn("hvor «fleksjob» er ja, hvor «udfald» er job.", status)
            self.assertNotIn("er .", status)
            html = (Path(tmp) / "da" / "index.html").read_text(encoding="utf-8")
            self.assertIn("Intet måltal; der beregnes ingen målopfyldelse for «I job»", html)
            self.assertNotIn("Måltallet for «I job»", html)
            build(project, Path(tmp) / "en", "--locale", "en")
            status = (Path(tmp) / "en" / "status.md").read_text(encoding="utf-8")
            self.assertIn("where “fleksjob” is yes, where “udfald” is job.", status)
            html = (Path(tmp) / "en" / "index.html").read_text(encoding="utf-8")
            self.assertIn("No target; no attainment is computed for “I job”", html)

    def test_the_commands_own_lines_follow_locale_english_by_default(self):
        with tempfile.TemporaryDirectory() as tmp:
            project = copy_sample(tmp)
            danish = build(project, Path(tmp) / "da", "--locale", "da").stdout
            self.assertRegex(danish, r"\d+ rækker læst, \d+ talt med, \d+ afvist")
            self.assertRegex(danish, r"(?m)^skrev .*/da/\{")
            self.assertNotIn("rows read", danish)
            checked = run("check", str(project / "project.json"), "--locale", "da")
            self.assertRegex(checked.stdout, r"\d+ rækker læst, \d+ talt med, \d+ afvist")
            english = build(project, Path(tmp) / "en").stdout
            self.assertRegex(english, r"\d+ rows read, \d+ counted, \d+ rejected")
            self.assertRegex(english, r"(?m)^wrote .*/en/\{")

    def test_a_danish_check_names_a_bad_project_value_in_danish_and_english_by_default(self):
        with tempfile.TemporaryDirectory() as tmp:
            project = copy_sample(tmp)
            path = project / "project.json"
            definition = json.loads(path.read_text(encoding="utf-8"))
            definition["period"]["end"] = "2000-01-01"
            definition["percent_decimals"] = 9
            path.write_text(json.dumps(definition, ensure_ascii=False), encoding="utf-8")
            danish = run("check", str(path), "--locale", "da")
            self.assertIn("perioden slutter, før den begynder [E203]", danish.stderr)
            self.assertIn("forventede et helt tal fra 0 til 4 [E203]", danish.stderr)
            english = run("check", str(path))
            self.assertIn("the period ends before it starts [E203]", english.stderr)
            self.assertIn("expected a whole number from 0 to 4 [E203]", english.stderr)


if __name__ == "__main__":
    unittest.main()
