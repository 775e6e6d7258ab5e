"""The workbooks as STAR prints them (issue 20): each kind of workbook --
report.xlsx internal and public, registreringer.xlsx, the pool's report.xlsx
in English -- converted to PDF by headless LibreOffice in one run, then read
page by page with poppler's pdfinfo and pdftotext. Every page must be A4 and
carry the project's name (with an '&' in it, and one too long for Excel's
header), the as-of date and "side N af M"; a table's pages must each carry
its header row and its last column (fit to the page's width); the wide month
tables must print a year to a page, each page led by the municipalities.

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

import openpyxl

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("MAALTAL_BIN", str(ROOT / "build/dev/maaltal"))
KEY = "0123456789abcdef0123456789abcdef"

# A name with '&' (a code in Excel's header) and longer than the header's 255 characters.
LONG_TITLE = "Vi & dig: " + "en forskel, " * 30 + "SLUT"
POOL_TITLE = "Job & handicap i pulje"
AS_OF_DA = "Opgjort pr. 30. juni 2022"
A4 = (595.3, 841.9)  # points, either way round
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november",
          "december")


def run(*args, env=None):
    full_env = dict(os.environ, **(env or {}))
    result = subprocess.run([BIN, *args], cwd=ROOT, capture_output=True, text=True, env=full_env)
    if result.returncode != 0:
        raise AssertionError(result.stderr)


def retitle(path, title):
    data = json.loads(path.read_text(encoding="utf-8"))
    data["title"] = title
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def to_pdf(workbooks, outdir, workdir):
    """Every workbook to PDF in one LibreOffice run, with a profile of our own."""
    profile = pathlib.Path(workdir) / "profile"
    profile.mkdir(parents=True, exist_ok=True)
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(outdir), *map(str, workbooks)], check=True, capture_output=True, timeout=600)


MARGIN = 36  # points: the header and the footer lie 0.3 inch (22 points) from the paper's edge, the body 0.75 inch


def strip(pdf, number, size, top):
    """The text of a strip along the top or the bottom edge of page `number` (the header or the footer)."""
    width, height = (round(x) for x in size)
    y = 0 if top else height - MARGIN
    return subprocess.run(["pdftotext", "-layout", "-f", str(number), "-l", str(number), "-x", "0", "-y", str(y),
                           "-W", str(width), "-H", str(MARGIN), str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout.strip()


class Page:
    def __init__(self, text, size, header, footer, sheet_names):
        self.text = text
        self.size = size
        self.first_line = header.splitlines()[0] if header else ""
        self.last_line = footer
        # The footer: the sheet's name at the left, the as-of date in the middle, the page number at the right
        # (pdftotext may also find a clipped chart's labels there: each part found on its own).
        runs = [run.strip() for run in re.split(r"\s{2,}|\n", footer)]
        self.sheet = next((name for name in sheet_names if name in runs), None)
        as_of = re.search(r"(Opgjort pr\.|As of) \d+\.? \w+ \d{4}", footer)
        self.as_of = as_of.group(0) if as_of else None
        number = re.search(r"(side|page) (\d+) (af|of) (\d+)\b", footer)
        self.number = (int(number.group(2)), int(number.group(4))) if number else None

    @property
    def landscape(self):
        return self.size[0] > self.size[1]


def pages_of(pdf, workbook):
    count = int(re.search(r"^Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                              check=True).stdout, re.M).group(1))
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", str(count), str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    sizes = [(float(w), float(h)) for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    texts = text.split("\f")[:count]
    names = openpyxl.load_workbook(workbook, read_only=True).sheetnames
    return [Page(t, size, strip(pdf, n, size, True), strip(pdf, n, size, False), names)
            for n, (t, size) in enumerate(zip(texts, sizes), 1)]


def words(text):
    return " ".join(text.split())


class Printed(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        tmp = pathlib.Path(cls.tmp.name)
        samples = tmp / "samples"
        shutil.copytree(ROOT / "sample-data", samples)
        retitle(samples / "vi-goer-en-forskel/project.json", LONG_TITLE)
        retitle(samples / "pulje-handicap/pool.json", POOL_TITLE)
        project = samples / "vi-goer-en-forskel/project.json"
        run("build", str(project), "--out", str(tmp / "internal"), "--raw-rows", env={"MAALTAL_PSEUDONYM_KEY": KEY})
        run("build", str(project), "--out", str(tmp / "public"), "--audience", "public")
        run("pool", str(samples / "pulje-handicap/pool.json"), "--out", str(tmp / "pool"), "--locale", "en")
        books = {"internal": tmp / "internal/report.xlsx", "raw": tmp / "internal/registreringer.xlsx",
                 "public": tmp / "public/report.xlsx", "pool": tmp / "pool/report.xlsx"}
        # LibreOffice names each PDF by the workbook's stem: one folder per kind.
        for kind, book in books.items():
            copy = tmp / "books" / kind / book.name
            copy.parent.mkdir(parents=True)
            shutil.copy(book, copy)
            books[kind] = copy
        for kind, book in books.items():
            to_pdf([book], tmp / "pdf" / kind, tmp)
        cls.books = books
        cls.pages = {kind: pages_of(tmp / "pdf" / kind / (book.stem + ".pdf"), book) for kind, book in books.items()}

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def each_page(self, kinds=("internal", "public", "raw", "pool")):
        for kind in kinds:
            for index, page in enumerate(self.pages[kind], 1):
                yield kind, index, page

    def test_every_page_is_a4(self):
        for kind, index, page in self.each_page():
            with self.subTest(kind=kind, page=index):
                self.assertEqual(tuple(round(x, 1) for x in sorted(page.size)), A4)

    def test_every_page_carries_the_name_the_date_and_its_number(self):
        # The long name is cut with "…" to a line of the header; its '&' prints as one '&'.
        for kind, index, page in self.each_page(("internal", "public", "raw")):
            with self.subTest(kind=kind, page=index):
                self.assertTrue(page.first_line.startswith(LONG_TITLE[:60]), page.first_line)
                self.assertTrue(page.first_line.endswith("…") and len(page.first_line) <= 80, page.first_line)
                self.assertEqual(page.as_of, AS_OF_DA, page.last_line)
                self.assertEqual(page.number, (index, len(self.pages[kind])), page.last_line)
        for _, index, page in self.each_page(("pool",)):
            with self.subTest(kind="pool", page=index):
                self.assertEqual(page.first_line, POOL_TITLE)
                self.assertRegex(page.as_of or "", r"^As of \d+ \w+ 20\d\d$")
                self.assertEqual(page.number, (index, len(self.pages["pool"])), page.last_line)
                self.assertIn(" page ", f" {page.last_line}")

    def test_tables_fit_the_width_with_their_header_on_every_page(self):
        # Each sheet's first and last header, on every one of its pages: the
        # header row repeated, and no column pushed onto a page of its own.
        first_and_last = {"Oversigt": ("Kommunekode", "Status"), "Fordelinger": ("Fordeling", "Faktisk"),
                          "Tragt": ("Forløb", "Andel af forrige trin"), "Mål": ("Niveau", "Begrundelse"),
                          "Definitioner": ("Indikator", "Tælleregel"), "Registreringer": ("Pseudonym", None),
                          "Overview": ("Project", "attainment"), "Municipalities": ("Code", "attainment")}
        seen = set()
        for kind, index, page in self.each_page():
            if page.sheet not in first_and_last:
                continue
            seen.add(page.sheet)
            first, last = first_and_last[page.sheet]
            with self.subTest(kind=kind, page=index, sheet=page.sheet):
                self.assertIn(first, page.text)
                if last:
                    self.assertIn(last, words(page.text))
                self.assertTrue(page.landscape)  # the sample's raw rows have more than five columns too
        self.assertEqual(seen, set(first_and_last))

    def test_data_quality_and_about_fit_one_page_wide(self):
        for kind in ("internal", "public"):
            about = [p for p in self.pages[kind] if p.sheet == "Om"]
            self.assertEqual(len(about), 1, kind)
            self.assertIn("SHA-256", about[0].text)
            quality = [p for p in self.pages[kind] if p.sheet == "Datakvalitet"]
            self.assertEqual(len(quality), 1, kind)

    def test_two_whole_charts_to_a_page(self):
        for kind in ("internal", "public"):
            sheet = openpyxl.load_workbook(self.books[kind])["Diagrammer"]
            charts = [(c.anchor._from.row, c.anchor.to.row) for c in sheet._charts]  # 0-based rows
            breaks = [b.id for b in sheet.row_breaks.brk]  # a break at n falls between rows n - 1 and n
            self.assertGreaterEqual(len(charts), 3, kind)
            for first, last in charts:
                self.assertFalse([b for b in breaks if first < b <= last], (kind, first, last, breaks))
            # Between two page breaks (or the sheet's ends) at most two charts.
            bounds = [0, *breaks, 1 << 20]
            for top, bottom in zip(bounds, bounds[1:]):
                self.assertLessEqual(len([c for c in charts if top <= c[0] < bottom]), 2, (kind, breaks))
            pages = [p for p in self.pages[kind] if p.sheet == "Diagrammer"]
            self.assertEqual(len(pages), (len(charts) + 1) // 2, kind)

    def test_wide_month_tables_print_a_year_to_a_page(self):
        for kind in ("internal", "public"):
            months = [p for p in self.pages[kind] if p.sheet == "Måneder"]
            wide = [p for p in months if "Kommunekode" not in p.text]
            self.assertGreaterEqual(len(wide), 3, kind)  # 34 months: three pages across
            for page in months:
                with self.subTest(kind=kind, page=page.number):
                    if page in wide:
                        # The municipalities (the repeated first column) and at most a year of months.
                        for name in ("Fredericia", "Furesø", "Skanderborg", "I alt"):
                            self.assertIn(name, page.text)
                        headings = re.findall(rf"\b(?:{'|'.join(MONTHS)}) 20\d\d\b", page.text.replace(AS_OF_DA, ""))
                        self.assertTrue(0 < len(set(headings)) <= 12, headings)
                    else:
                        # The long table, a page wide with its header.
                        self.assertIn("Målkurve", page.text)


if __name__ == "__main__":
    unittest.main()
