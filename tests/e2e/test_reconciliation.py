"""Two registration sources reconciled (issue 17, "Reconciliation of two
sources"): the evaluation of "Et mere rummeligt arbejdsmarked" reports a
register extract of 1.046 rows, 29 from other municipalities, N = 1.017; a
case tool of 1.049 rows, 3 test persons, 1.046 left; 21 not matched on the
person id, 1.025 matched. Those figures are read from every internal output
(summary.json, status.md, the workbook's sheet "To kilder", the dashboard),
and no id of either source appears in any public output.

Run by ctest; MAALTAL_BIN names the binary. MAALTAL_RECON_PROJECT may name
another project folder (the sample sample-data/rummeligt-arbejdsmarked by
default, else the fixture tests/fixtures/reconciliation).
"""
import csv
import json
import os
import re
import subprocess
import tempfile
import unittest
import zipfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("MAALTAL_BIN", str(ROOT / "build/dev/maaltal"))


def project_folder():
    if os.environ.get("MAALTAL_RECON_PROJECT"):
        return Path(os.environ["MAALTAL_RECON_PROJECT"])
    sample = ROOT / "sample-data/rummeligt-arbejdsmarked"
    if (sample / "project.json").exists() and "reconciliation" in (sample / "project.json").read_text(encoding="utf-8"):
        return sample
    return ROOT / "tests/fixtures/reconciliation"


def build(audience, out):
    result = subprocess.run([BIN, "build", str(project_folder() / "project.json"), "--out", str(out),
                             "--audience", audience], capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise AssertionError(result.stdout + result.stderr)
    return out


def source_ids():
    """Every id in either source and the test-person list, as written."""
    project = json.loads((project_folder() / "project.json").read_text(encoding="utf-8"))
    rec = project["reconciliation"]
    ids = set()
    for source in rec["sources"]:
        column = source["columns"]["participant"]
        with (project_folder() / source["file"]).open(encoding="utf-8-sig", newline="") as f:
            ids |= {row[column] for row in csv.DictReader(f, delimiter=";")}
    return ids


def cell_texts(xlsx):
    """Every string and number in a workbook, shared strings included."""
    with zipfile.ZipFile(xlsx) as z:
        return "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def words_of(html):
    """The dashboard as a reader sees its text: tags out, entities kept simple."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class Built(unittest.TestCase):
    """The project built once for the class, for `audience`."""
    audience = "internal"

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="maaltal-recon-")
        cls.out = build(cls.audience, Path(cls.tmp.name) / "out")
        cls.summary = json.loads((cls.out / "summary.json").read_text(encoding="utf-8"))
        cls.rec = cls.summary["reconciliation"]

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()


class InternalOutputs(Built):

    def test_summary_json_has_the_evaluations_figures(self):
        rec = self.rec
        self.assertEqual(rec["counts_from"], "jobcenter")
        self.assertEqual([s["id"] for s in rec["sources"]], ["jobcenter", "sagsvaerktoej"])
        self.assertEqual(rec["rows"], {"jobcenter": 1046, "sagsvaerktoej": 1049})
        self.assertEqual(rec["excluded"]["jobcenter"], {"test_persons": 0, "other_municipality": 29})
        self.assertEqual(rec["excluded"]["sagsvaerktoej"], {"test_persons": 3, "other_municipality": 0})
        self.assertEqual(rec["kept"], {"jobcenter": 1017, "sagsvaerktoej": 1046})
        self.assertEqual(rec["matched"], 1025)
        self.assertEqual(rec["only_in"], {"jobcenter": 21, "sagsvaerktoej": 21})
        self.assertEqual(rec["differs"]["municipality"], 29)
        self.assertEqual(rec["rules"], ["test_persons", "join", "other_municipality"])

    def test_unmatched_rows_are_listed_by_location_not_id(self):
        unmatched = self.rec["unmatched"]
        self.assertEqual(len(unmatched), 42)
        self.assertEqual(sum(u["source"] == "jobcenter" for u in unmatched), 21)
        ids = source_ids()
        for u in unmatched:
            self.assertRegex(u["location"], r"^[^:]+\.csv:\d+$")
            self.assertNotIn(u["location"].split(":")[-1], ids)
        text = json.dumps(self.summary, ensure_ascii=False)
        for pid in ids:
            self.assertNotIn('"' + pid + '"', text)

    def test_status_md_table(self):
        md = (self.out / "status.md").read_text(encoding="utf-8")
        self.assertIn("## To kilder", md)
        self.assertIn("Rapportens tal kommer fra Jobcentrenes registerudtræk (N = 1.017).", md)
        self.assertRegex(md, r"\| Rækker i kilden \| 1\.046 \| 1\.049 \|")
        self.assertRegex(md, r"\| Testpersoner udeladt \| 0 \| 3 \|")
        self.assertRegex(md, r"\| Anden kommune end projektets \| 29 \| 0 \|")
        self.assertRegex(md, r"\| N efter udeladelser \| 1\.017 \| 1\.046 \|")
        self.assertRegex(md, r"\| Kun i denne kilde \(ikke matchet\) \| 21 \| 21 \|")
        self.assertRegex(md, r"\| Matchet på person-id \| 1\.025 \|")
        self.assertIn("### Rækker uden match", md)

    def test_workbook_sheet(self):
        book = openpyxl.load_workbook(self.out / "report.xlsx")
        self.assertIn("To kilder", book.sheetnames)
        rows = {r[0]: r[1:] for r in book["To kilder"].iter_rows(values_only=True) if r and r[0]}
        self.assertEqual(rows["Rækker i kilden"][:2], (1046, 1049))
        self.assertEqual(rows["Testpersoner udeladt"][:2], (0, 3))
        self.assertEqual(rows["Anden kommune end projektets"][:2], (29, 0))
        self.assertEqual(rows["N efter udeladelser"][:2], (1017, 1046))
        self.assertEqual(rows["Kun i denne kilde (ikke matchet)"][:2], (21, 21))
        self.assertEqual(rows["Matchet på person-id"][0], 1025)

    def test_dashboard_table(self):
        html = (self.out / "index.html").read_text(encoding="utf-8")
        text = words_of(html)
        self.assertIn("To kilder", text)
        self.assertIn("Rapportens tal kommer fra Jobcentrenes registerudtræk (N = 1.017).", text)
        self.assertRegex(text, r"Rækker i kilden 1\.046 1\.049")
        self.assertRegex(text, r"Testpersoner udeladt 0 3")
        self.assertRegex(text, r"Anden kommune end projektets 29 0")
        self.assertRegex(text, r"N efter udeladelser 1\.017 1\.046")
        self.assertRegex(text, r"Kun i denne kilde \(ikke matchet\) 21 21")
        self.assertRegex(text, r"Matchet på person-id 1\.025")


class PublicOutputs(Built):
    audience = "public"

    def outputs(self):
        for path in sorted(self.out.rglob("*")):
            if path.is_file():
                yield path, (cell_texts(path) if path.suffix == ".xlsx" else path.read_text(encoding="utf-8"))

    def test_no_id_of_either_source_in_any_public_output(self):
        ids = source_ids()
        self.assertGreater(len(ids), 1000)
        token = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")
        for path, text in self.outputs():
            found = ids & set(token.findall(text))
            self.assertFalse(found, f"{path.name} holds ids such as {sorted(found)[:3]}")

    def test_no_row_locations_and_small_counts_hidden(self):
        rec = self.rec
        self.assertNotIn("unmatched", rec)
        self.assertNotIn("differences", rec)
        self.assertIsNone(rec["excluded"]["sagsvaerktoej"]["test_persons"])  # 3 < 5
        self.assertEqual(rec["hidden"]["excluded/sagsvaerktoej/test_persons"], "small")
        for path, text in self.outputs():
            self.assertNotRegex(text, r"(jobcenter|sagsvaerktoej)\.csv:\d", path.name)

    def test_every_public_output_says_where_the_counts_come_from(self):
        for name in ("index.html", "status.md"):
            text = words_of((self.out / name).read_text(encoding="utf-8"))
            self.assertIn("Rapportens tal kommer fra Jobcentrenes registerudtræk", text, name)
        self.assertIn("Rapportens tal kommer fra Jobcentrenes registerudtræk", cell_texts(self.out / "report.xlsx"))
        self.assertEqual(self.rec["counts_from"], "jobcenter")


if __name__ == "__main__":
    unittest.main()
