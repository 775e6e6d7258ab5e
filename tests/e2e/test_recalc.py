"""The workbook recalculated by a spreadsheet program: headless LibreOffice
Calc opens each sample's report.xlsx with recalculation forced on load and
writes every sheet as CSV. Every formula's recalculated value must equal the
value maaltal cached in the file, and the overview's figures must equal
summary.json. A file with one wrong cached value must be caught.

Run by ctest; MAALTAL_BIN names the binary.
"""
import csv
import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import unittest
import zipfile

import openpyxl

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("MAALTAL_BIN", str(ROOT / "build/dev/maaltal"))
SAMPLES = ("vi-goer-en-forskel", "smaa-mellemstore", "job-og-trivsel", "rummeligt-arbejdsmarked")

# LibreOffice keeps an .xlsx file's cached values unless told to recalculate
# on load: OOXMLRecalcMode 0 is "always", set in a profile of our own.
PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
# CSV export of every sheet (-1), UTF-8, raw values rather than as shown.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1"


def recalculated(xlsx, workdir):
    """{sheet name: rows of cell texts} as LibreOffice computes them."""
    profile = pathlib.Path(workdir) / "profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user/registrymodifications.xcu").write_text(PROFILE, encoding="utf-8")
    out = pathlib.Path(workdir) / "csv"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", CSV_FILTER,
                    "--outdir", str(out), str(xlsx)], check=True, capture_output=True, timeout=300)
    stem = pathlib.Path(xlsx).stem
    sheets = {}
    for name in openpyxl.load_workbook(xlsx, read_only=True).sheetnames:
        with open(out / f"{stem}-{name}.csv", encoding="utf-8", newline="") as f:
            sheets[name] = list(csv.reader(f))
    return sheets


def number(text):
    text = text.strip()
    if text.endswith("%"):
        return float(text[:-1]) / 100
    return float(text.replace(",", ""))


def mismatches(xlsx, workdir):
    """Every formula cell whose recalculated value differs from its cached one."""
    formulas = openpyxl.load_workbook(xlsx)
    cached = openpyxl.load_workbook(xlsx, data_only=True)
    computed = recalculated(xlsx, workdir)
    found, checked = [], 0
    for sheet in formulas:
        rows = computed[sheet.title]
        for row in sheet.iter_rows():
            for cell in row:
                if not (isinstance(cell.value, str) and cell.value.startswith("=")):
                    continue
                checked += 1
                want = cached[sheet.title][cell.coordinate].value
                got = rows[cell.row - 1][cell.column - 1]
                if isinstance(want, str):
                    ok = got == want
                else:
                    ok = abs(number(got) - want) <= 1e-9 * max(1.0, abs(want))
                if not ok:
                    found.append(f"{sheet.title}!{cell.coordinate} {cell.value}: cached {want!r}, recalculated {got!r}")
    return found, checked


def build(sample, out):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1656662400")
    subprocess.run([BIN, "build", f"sample-data/{sample}/project.json", "--out", str(out)], cwd=ROOT, check=True,
                   capture_output=True, env=env)


class Recalculation(unittest.TestCase):
    def test_every_formula_recalculates_to_its_cached_value(self):
        for sample in SAMPLES:
            with self.subTest(sample=sample), tempfile.TemporaryDirectory() as tmp:
                build(sample, pathlib.Path(tmp) / "out")
                found, checked = mismatches(pathlib.Path(tmp) / "out/report.xlsx", tmp)
                self.assertGreater(checked, 20)
                self.assertEqual(found, [])

    def test_recalculated_overview_equals_summary_json(self):
        for sample in SAMPLES:
            with self.subTest(sample=sample), tempfile.TemporaryDirectory() as tmp:
                out = pathlib.Path(tmp) / "out"
                build(sample, out)
                summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
                rows = recalculated(out / "report.xlsx", tmp)["Oversigt"]
                header = rows[0]
                col = {name: header.index(name) for name in ("Kommunekode", "Indikator-id", "Faktisk", "Målopfyldelse", "Mangler")}
                units = {u["code"]: u["values"] for u in summary["units"]}
                compared = 0
                for row in rows[1:]:
                    values = units.get(row[col["Kommunekode"]], summary["total"]["values"])[row[col["Indikator-id"]]]
                    for field, key in (("Faktisk", "actual"), ("Målopfyldelse", "attainment"), ("Mangler", "gap")):
                        if values[key] is None:
                            continue
                        self.assertAlmostEqual(number(row[col[field]]), values[key], places=9, msg=(sample, row[:4], field))
                        compared += 1
                self.assertGreater(compared, 10)

    def test_a_wrong_cached_value_is_caught(self):
        with tempfile.TemporaryDirectory() as tmp:
            build("vi-goer-en-forskel", pathlib.Path(tmp) / "out")
            good = pathlib.Path(tmp) / "out/report.xlsx"
            bad = pathlib.Path(tmp) / "tampered.xlsx"
            # The first SUM total on the overview claims 999.
            with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as dst:
                for item in src.infolist():
                    data = src.read(item.filename)
                    if item.filename == "xl/worksheets/sheet1.xml":
                        text = data.decode("utf-8")
                        start = text.index("<f>SUM(")
                        value = text.index("<v>", start)
                        end = text.index("</v>", value)
                        data = (text[: value + 3] + "999" + text[end:]).encode("utf-8")
                    dst.writestr(item, data)
            found, _ = mismatches(bad, tmp)
            self.assertEqual(len(found), 1, found)
            self.assertIn("cached 999", found[0])


if __name__ == "__main__":
    unittest.main()
