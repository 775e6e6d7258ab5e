"""Publishing without exposing anyone (issue 8): audiences, small-cell
suppression, no personal data out.

Run by ctest; MAALTAL_BIN names the binary. Every sample's outputs are built
for both audiences and scanned; the crafted sample smaa-tal (five
municipalities, three of them tiny) is checked by an exact search over its
public tables, and by moving a participant between two tiny municipalities:
the public files must not change by a byte.
"""
import copy
import csv
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import zipfile
from pathlib import Path

from readers import public_cells

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("MAALTAL_BIN", str(ROOT / "build/dev/maaltal"))
SAMPLES = sorted(p.parent.name for p in (ROOT / "sample-data").glob("*/project.json"))
# A CPR number in any common spelling (README "Privacy"): DDMMYY, or with `.`,
# `/`, `-` or a space between day, month and year, then the four digits,
# directly or after a space, `/`, `.`, `_`, or a hyphen or dash with up to three
# spaces around it. Not next to a letter or digit here, so that the hex of a
# checksum or pseudonym is not taken for one.
CPR_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
CPR = re.compile(r"(?<![0-9A-Za-z])(?:0[1-9]|[12][0-9]|3[01])([./ -]?)(?:0[1-9]|1[0-2])\1[0-9]{2}"
                 f"(?: {{0,3}}[{CPR_DASHES}] {{0,3}}|[ /._\u00a0])?" r"[0-9]{4}(?![0-9A-Za-z])")
CPR_SPELLINGS = ["010185-1234", "0101851234", "01.01.85-1234", "010185 1234", "010185–1234", "01/01/85-1234",
                 "01-01-85-1234", "010185\u20101234", "010185 - 1234", "010185 -1234", "010185- 1234",
                 "010185_1234"]
KEY = "a-test-key-of-some-length"


def run(*args, env=None, cwd=None):
    full_env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", **(env or {}))
    return subprocess.run([BIN, *args], capture_output=True, text=True, env=full_env, cwd=cwd)


def build(project, out, *extra, env=None, cwd=None):
    result = run("build", str(project), "--out", str(out), "--per-unit", *extra, env=env, cwd=cwd)
    if result.returncode != 0:
        raise AssertionError(result.stderr)
    return result


def output_texts(out):
    """Every file written, as text; a workbook as the text of all its parts."""
    texts = {}
    for path in sorted(Path(out).iterdir()):
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                for name in sorted(z.namelist()):
                    texts[f"{path.name}/{name}"] = z.read(name).decode("utf-8", "replace")
        else:
            texts[path.name] = path.read_text(encoding="utf-8")
    return texts


def participant_ids(project_dir):
    project = json.loads((project_dir / "project.json").read_text(encoding="utf-8"))
    source = project["registrations"]
    column = source["columns"]["participant"]
    text = (project_dir / source["file"]).read_text(encoding="utf-8-sig")
    delimiter = source.get("delimiter") or (";" if ";" in text.splitlines()[0] else ",")
    return {row[column] for row in csv.DictReader(text.splitlines(), delimiter=delimiter)}


class NoPersonalDataOut(unittest.TestCase):
    """No participant id and no CPR number in any output of any sample, for
    either audience, nor in any message."""

    def test_no_id_and_no_cpr_number_in_any_output_of_any_sample(self):
        for sample in SAMPLES:
            ids = participant_ids(ROOT / "sample-data" / sample)
            self.assertGreater(len(ids), 0)
            for audience in ("public", "internal"):
                with self.subTest(sample=sample, audience=audience), tempfile.TemporaryDirectory() as tmp:
                    result = build(ROOT / "sample-data" / sample / "project.json", tmp, "--audience", audience,
                                   "--dashboard", "site", "--raw-rows", env={"MAALTAL_PSEUDONYM_KEY": KEY}) \
                        if audience == "internal" else \
                        build(ROOT / "sample-data" / sample / "project.json", tmp, "--audience", audience,
                              "--dashboard", "site")
                    texts = output_texts(tmp)
                    texts["stderr"] = result.stderr
                    pattern = re.compile("|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True)))
                    for name, text in texts.items():
                        found = pattern.search(text)
                        self.assertIsNone(found, f"{name} holds participant id {found and found.group()}")
                        found = CPR.search(text)
                        self.assertIsNone(found, f"{name} holds a CPR number {found and found.group()}")

    def test_cpr_numbers_are_starred_out_and_written_nowhere(self):
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp) / "p"
            shutil.copytree(ROOT / "sample-data/smaa-tal", project)
            lines = (project / "registrations.csv").read_text(encoding="utf-8").splitlines()
            cprs = []
            for k in range(1, len(lines)):
                cprs.append(f"{k % 28 + 1:02d}0{k % 9 + 1}85-{1000 + k:04d}")
                lines[k] = cprs[-1] + lines[k][lines[k].index(";"):]
            fields = lines[3].split(";")
            lines[3] = ";".join(fields[:1] + ["999"] + fields[2:])  # an error, whose line is shown
            (project / "registrations.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
            check = run("check", str(project / "project.json"))
            self.assertEqual(check.returncode, 1)
            self.assertNotIn("[W119]", check.stderr)  # the id column is expected to hold CPR numbers
            self.assertIn("\n***********;999;", check.stderr)
            self.assertIsNone(CPR.search(check.stderr), check.stderr)
            lines[3] = ";".join(fields)
            (project / "registrations.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
            for audience in ("public", "internal"):
                out = Path(tmp) / audience
                result = build(project / "project.json", out, "--audience", audience,
                               *(["--raw-rows"] if audience == "internal" else []),
                               env={"MAALTAL_PSEUDONYM_KEY": KEY})
                for name, text in {**output_texts(out), "stderr": result.stderr}.items():
                    found = CPR.search(text)
                    self.assertIsNone(found, f"{audience} {name}: {found and found.group()}")
                    self.assertNotIn(KEY, text)

    def test_the_regex_finds_what_it_looks_for(self):
        self.assertIsNotNone(CPR.search("id 311299-1234 here"))
        self.assertIsNotNone(CPR.search(">3112991234<"))
        self.assertIsNone(CPR.search("ab3112991234"))
        for spelling in CPR_SPELLINGS + ["01 01 85 1234", "010185\u00a01234", "010185/1234", "010185.1234"]:
            self.assertEqual(CPR.search(f"<td>{spelling}</td>").group(), spelling)
        for other in ("2019-12-31", "31.12.2019", "2019-12-31 1234", "31-12-2019", "1.234.567,89", "01.01-85-1234"):
            self.assertIsNone(CPR.search(other), other)

    def smaa_tal(self, tmp, edit):
        """A copy of smaa-tal whose registrations' lines `edit` changes."""
        project = Path(tmp) / "p"
        shutil.copytree(ROOT / "sample-data/smaa-tal", project)
        path = project / "registrations.csv"
        path.write_text("\n".join(edit(path.read_text(encoding="utf-8").splitlines())) + "\n", encoding="utf-8")
        return project

    def assert_no_id(self, text, ids):
        pattern = re.compile("|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True)))
        found = pattern.search(text)
        self.assertIsNone(found, f"participant id {found and found.group()} in:\n{text}")

    def test_an_unclosed_quote_shows_no_participant_id(self):
        ids = participant_ids(ROOT / "sample-data/smaa-tal")

        def edit(lines):
            lines[5] = lines[5].replace(";461;", ';461;"', 1)
            return lines
        with tempfile.TemporaryDirectory() as tmp:
            project = self.smaa_tal(tmp, edit)
            for command in ("check", "build"):
                out = ["--out", tmp + "/out"] if command == "build" else []
                result = run(command, str(project / "project.json"), *out)
                self.assertEqual(result.returncode, 1, result.stderr)
                self.assertIn("[E101]\n******;***;\"", result.stderr)
                self.assert_no_id(result.stderr, ids)

    def test_a_message_shows_only_the_offending_value(self):
        """Names and free-text notes in other columns, and the id, are starred
        out of the line shown under a message."""
        ids = participant_ids(ROOT / "sample-data/smaa-tal")
        private = ["Søren Ølgaard", "sygemeldt", "ringer selv"]

        def edit(lines):
            lines[0] += ";navn;note"
            for k in range(1, len(lines)):
                lines[k] += ";Søren Ølgaard;sygemeldt, ringer selv" if k % 2 else ";Ib;sygemeldt"
            def change(k, field, value):
                fields = lines[k].split(";")
                fields[field] = value
                lines[k] = ";".join(fields)
            change(3, 1, "999")  # E104
            change(4, 2, "2024-13-01")  # E106
            change(6, 5, "kvinda")  # W110
            lines[8] += ";ekstra"  # E102
            lines.append(lines[9])  # W109: the same participant again
            return lines
        with tempfile.TemporaryDirectory() as tmp:
            project = self.smaa_tal(tmp, edit)
            result = run("check", str(project / "project.json"))
            self.assertEqual(result.returncode, 1, result.stderr)
            for code in ("E104", "E106", "W110", "E102", "W109"):
                self.assertIn(f"[{code}]", result.stderr)
            self.assertIn("\n******;999;**********;", result.stderr)
            self.assertIn("warning: 'kvinda' in column 'koen'", result.stderr)
            self.assert_no_id(result.stderr, ids)
            for text in private:
                self.assertNotIn(text, result.stderr)

    def test_cpr_numbers_in_every_spelling_are_starred_out_of_messages(self):
        def edit(lines):
            for k in range(1, len(lines)):
                fields = lines[k].split(";")
                fields[6] = CPR_SPELLINGS[k % len(CPR_SPELLINGS)]  # ydelsesgruppe, a breakdown's column
                lines[k] = ";".join(fields)
            lines[2] = lines[2].replace(";461;", ";999;", 1)
            return lines
        with tempfile.TemporaryDirectory() as tmp:
            project = self.smaa_tal(tmp, edit)
            result = run("check", str(project / "project.json"))
            self.assertEqual(result.returncode, 1)
            self.assertIn("warning: column 'ydelsesgruppe' holds CPR numbers", result.stderr)
            found = CPR.search(result.stderr)
            self.assertIsNone(found, found and found.group())
            for spelling in CPR_SPELLINGS:
                self.assertNotIn(spelling, result.stderr)

    def test_cpr_numbers_in_every_spelling_are_in_no_output_of_a_build(self):
        def edit(lines):
            for k in range(1, len(lines)):
                fields = lines[k].split(";")
                fields[6] = CPR_SPELLINGS[k % len(CPR_SPELLINGS)]  # W110 each, in the data-quality table
                lines[k] = ";".join(fields)
            return lines
        with tempfile.TemporaryDirectory() as tmp:
            project = self.smaa_tal(tmp, edit)
            out = Path(tmp) / "out"
            result = build(project / "project.json", out, "--audience", "internal", "--raw-rows",
                           env={"MAALTAL_PSEUDONYM_KEY": KEY})
            self.assertIn("warning: column 'ydelsesgruppe' holds CPR numbers", result.stderr)
            texts = {**output_texts(out), "stderr": result.stderr}
            self.assertIn("[W110]", result.stderr)
            for name in ("status.md", "status.html", "registreringer.xlsx/xl/worksheets/sheet1.xml"):
                self.assertIn(name, texts)
            for name, text in texts.items():
                found = CPR.search(text)
                self.assertIsNone(found, f"{name}: {found and found.group()}")

    def test_the_raw_rows_hold_no_cpr_number_and_no_raw_id_in_any_column(self):
        import hashlib
        import hmac
        ids = sorted(participant_ids(ROOT / "sample-data/smaa-tal"))

        def edit(lines):
            for k in range(1, len(lines)):
                fields = lines[k].split(";")
                fields[6] = [CPR_SPELLINGS[k % len(CPR_SPELLINGS)], ids[(k + 3) % len(ids)],
                             "bor hos 010185 1234", "Dagpenge"][k % 4]
                lines[k] = ";".join(fields)
            return lines
        with tempfile.TemporaryDirectory() as tmp:
            project = self.smaa_tal(tmp, edit)
            out = Path(tmp) / "out"
            build(project / "project.json", out, "--raw-rows", env={"MAALTAL_PSEUDONYM_KEY": KEY})
            texts = {n: t for n, t in output_texts(out).items() if n.startswith("registreringer.xlsx/")}
            raw = "".join(texts.values())
            found = CPR.search(raw)
            self.assertIsNone(found, found and found.group())
            self.assert_no_id(raw, ids)
            pseudonym = hmac.new(KEY.encode(), ids[4].encode(), hashlib.sha256).hexdigest()[:16]
            self.assertGreaterEqual(raw.count(pseudonym), 2)  # as the participant, and in ydelsesgruppe
            self.assertIn("bor hos ****** ****", raw)
            self.assertIn("Dagpenge", raw)

    def test_a_breakdown_or_filter_on_the_participant_column_is_refused(self):
        ids = participant_ids(ROOT / "sample-data/smaa-tal")
        for pointer, change in (("/breakdowns/0/field", lambda p: p["breakdowns"][0].update(field="borger")),
                                ("/indicators/1/where/borger",
                                 lambda p: p["indicators"][1].update(where={"borger": ["ST-001", "ST-002"]})),
                                ("/indicators/1/where/participant",
                                 lambda p: p["indicators"][1].update(where={"participant": "ST-001"}))):
            with self.subTest(pointer=pointer), tempfile.TemporaryDirectory() as tmp:
                project = self.smaa_tal(tmp, lambda lines: lines)
                definition = json.loads((project / "project.json").read_text(encoding="utf-8"))
                change(definition)
                (project / "project.json").write_text(json.dumps(definition, ensure_ascii=False), encoding="utf-8")
                for command in ("check", "build"):
                    out = Path(tmp) / "out"
                    result = run(command, str(project / "project.json"),
                                 *(["--out", str(out)] if command == "build" else []))
                    self.assertEqual(result.returncode, 1, result.stderr)
                    self.assertIn(f"project.json#{pointer}: error: ", result.stderr)
                    self.assertIn("is the participants' id column", result.stderr)
                    self.assertFalse(out.exists() and any(out.iterdir()))
                    self.assert_no_id(result.stderr, ids - {"ST-001", "ST-002"})  # those two are project.json's own


class RawRows(unittest.TestCase):
    """The raw rows' workbook (registreringer.xlsx), only when asked for, only
    internal, and only with a key."""

    def test_pseudonyms_are_keyed_and_stable(self):
        import datetime
        import hashlib
        import hmac
        import openpyxl
        with tempfile.TemporaryDirectory() as tmp:
            build(ROOT / "sample-data/smaa-tal/project.json", tmp, "--raw-rows", env={"MAALTAL_PSEUDONYM_KEY": KEY})
            self.assertNotIn("Registreringer", openpyxl.load_workbook(Path(tmp) / "report.xlsx").sheetnames)
            book = openpyxl.load_workbook(Path(tmp) / "registreringer.xlsx")
            self.assertEqual(book.sheetnames, ["Registreringer"])
            sheet = book["Registreringer"]
            rows = list(sheet.iter_rows(values_only=True))
            self.assertEqual(rows[0][:3], ("Pseudonym", "Kommunekode", "Kommune"))
            self.assertEqual(sheet.auto_filter.ref, f"A1:{sheet.cell(1, len(rows[0])).column_letter}{len(rows)}")
            self.assertEqual(sheet.freeze_panes, "A2")
            ids = sorted(participant_ids(ROOT / "sample-data/smaa-tal"))
            expected = sorted(hmac.new(KEY.encode(), i.encode(), hashlib.sha256).hexdigest()[:16] for i in ids)
            self.assertEqual(sorted(r[0] for r in rows[1:]), expected)
            self.assertIn(("461", "Odense"), {(r[1], r[2]) for r in rows[1:]})
            dates = [v for r in rows[1:] for v in r[3:] if isinstance(v, datetime.datetime)]
            self.assertGreater(len(dates), 0)  # dates as Excel dates, not text
            self.assertTrue(all(datetime.datetime(2020, 1, 1) <= d <= datetime.datetime(2026, 12, 31) for d in dates))

    def test_split_over_sheets_past_excels_last_row(self):
        """1,048,575 rows below a header fill a sheet; the rest go on the next."""
        with tempfile.TemporaryDirectory() as tmp:
            n = 1048575 + 3
            subprocess.run([BIN, "generate", "--participants", str(n), "--out", tmp], check=True,
                           capture_output=True)
            build(Path(tmp) / "project.json", Path(tmp) / "out", "--raw-rows", env={"MAALTAL_PSEUDONYM_KEY": KEY})
            with zipfile.ZipFile(Path(tmp) / "out/registreringer.xlsx") as z:
                book = z.read("xl/workbook.xml").decode()
                self.assertEqual(re.findall(r'<sheet name="([^"]+)"', book), ["Registreringer", "Registreringer 2"])
                dims = [re.search(r'<dimension ref="([^"]+)"', z.read(f"xl/worksheets/sheet{k}.xml").decode()[:2000])
                        .group(1) for k in (1, 2)]
            self.assertEqual(dims[0].split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), "1048576")
            self.assertEqual(dims[1].split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), "4")

    def test_no_key_no_sheet(self):
        with tempfile.TemporaryDirectory() as tmp:
            env = {k: v for k, v in os.environ.items() if k != "MAALTAL_PSEUDONYM_KEY"}
            result = subprocess.run([BIN, "build", str(ROOT / "sample-data/smaa-tal/project.json"), "--out", tmp,
                                     "--raw-rows"], capture_output=True, text=True, env=env)
            self.assertEqual(result.returncode, 2)
            self.assertIn("MAALTAL_PSEUDONYM_KEY", result.stderr)
            self.assertFalse((Path(tmp) / "report.xlsx").exists())
            self.assertFalse((Path(tmp) / "registreringer.xlsx").exists())
            build(ROOT / "sample-data/smaa-tal/project.json", tmp)
            self.assertFalse((Path(tmp) / "registreringer.xlsx").exists())

    def numeric_ids(self, tmp, change):
        """smaa-tal's first 20 rows with the ids 1..20, a yes/no column `fleksjob`
        (1/0) that an indicator tests, a column `kode` (4/11) that a `where` keeps, a breakdown `gruppe` declaring "1", "2",
        "3" and 010185-1234, and an age breakdown on `alder` (16..35): each row
        as a dict that `change(id, row)` may edit. Returns the rows written and
        registreringer.xlsx's rows as dicts by header."""
        import openpyxl
        project = Path(tmp) / "p"
        shutil.copytree(ROOT / "sample-data/smaa-tal", project)
        definition = json.loads((project / "project.json").read_text(encoding="utf-8"))
        definition["indicators"].append({"id": "fleks", "label": "Fleksjob", "kind": "count",
                                         "date_field": "udfaldsdato", "where": {"fleksjob": True}})
        definition["indicators"].append({"id": "kode", "label": "Kode", "kind": "count", "date_field": "visiteret",
                                         "where": {"kode": ["4", "11"]}})
        definition["breakdowns"] += [
            {"id": "gruppe", "label": "Gruppe", "indicator": "visiterede", "field": "gruppe",
             "categories": ["1", "2", "3", "010185-1234"]},
            {"id": "alder", "label": "Alder", "indicator": "visiterede", "field": "alder", "age_field": "age",
             "age_bands": [{"from": 16, "to": 29}, {"from": 30, "to": 64}]}]
        (project / "project.json").write_text(json.dumps(definition, ensure_ascii=False), encoding="utf-8")
        path = project / "registrations.csv"
        lines = path.read_text(encoding="utf-8").splitlines()
        reader = csv.DictReader(lines[:21], delimiter=";")
        rows = []
        for k, row in enumerate(reader, start=1):
            row.update(borger=str(k), fleksjob="1" if k % 2 else "0", gruppe="2" if k % 3 else "3", alder=str(15 + k),
                       kode="4" if k % 2 else "11")
            change(str(k), row)
            rows.append(row)
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter=";", lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        out = Path(tmp) / "out"
        build(project / "project.json", out, "--raw-rows", env={"MAALTAL_PSEUDONYM_KEY": KEY})
        sheet = list(openpyxl.load_workbook(out / "registreringer.xlsx")["Registreringer"].iter_rows(values_only=True))
        return rows, [dict(zip(sheet[0], r)) for r in sheet[1:]]

    @staticmethod
    def pseudonym(value):
        import hashlib
        import hmac
        return hmac.new(KEY.encode(), value.encode(), hashlib.sha256).hexdigest()[:16]

    def test_values_declared_for_their_column_stay_even_when_they_equal_an_id(self):
        """With ids 1..20, a yes/no 1/0, a `where` value 4, a declared category
        "2" and an age of 16..20 are the column's own values, not ids."""
        with tempfile.TemporaryDirectory() as tmp:
            rows, written = self.numeric_ids(tmp, lambda id, row: None)
        by_pseudonym = {self.pseudonym(r["borger"]): r for r in rows}
        self.assertEqual(len(written), 20)
        for got in written:
            row = by_pseudonym[got["Pseudonym"]]
            columns = ("fleksjob", "kode", "gruppe", "alder")
            self.assertEqual([got[c] for c in columns], [row[c] for c in columns])

    def test_a_value_not_declared_for_its_column_that_equals_an_id_is_pseudonymised(self):
        """Another participant's id where its column declares no such value, and
        a CPR number even where it is declared, are written as their pseudonym."""
        changes = {"1": ("udfald", "7"), "2": ("gruppe", "5"), "3": ("fleksjob", "9"), "4": ("gruppe", "010185-1234"),
                   "5": ("udfald", "Dagpenge")}

        def change(id, row):
            if id in changes:
                row[changes[id][0]] = changes[id][1]
        with tempfile.TemporaryDirectory() as tmp:
            _, written = self.numeric_ids(tmp, change)
        by_id = {id: next(w for w in written if w["Pseudonym"] == self.pseudonym(id)) for id in changes}
        for id, (column, value) in changes.items():
            expected = value if value == "Dagpenge" else self.pseudonym(value)
            self.assertEqual(by_id[id][column], expected, (id, column, value))

    def test_not_in_a_public_workbook(self):
        with tempfile.TemporaryDirectory() as tmp:
            result = run("build", str(ROOT / "sample-data/smaa-tal/project.json"), "--out", tmp, "--raw-rows",
                         "--audience", "public", env={"MAALTAL_PSEUDONYM_KEY": KEY})
            self.assertEqual(result.returncode, 2)
            self.assertIn("only into an internal workbook", result.stderr)


def feasible(bounds, relations, fixed):
    """Whether some whole numbers within `bounds` satisfy every sum, with the
    cells in `fixed` set: a complete search, pruned by the sums' bounds."""
    b = dict(bounds)
    b.update({k: (v, v) for k, v in fixed.items()})
    changed = True
    while changed:
        changed = False
        for whole, parts in relations:
            lo = sum(b[p][0] for p in parts)
            hi = sum(b[p][1] for p in parts)
            wl, wh = max(b[whole][0], lo), min(b[whole][1], hi)
            if wl > wh:
                return False
            if (wl, wh) != b[whole]:
                b[whole], changed = (wl, wh), True
            for p in parts:
                pl = max(b[p][0], wl - (hi - b[p][1]))
                ph = min(b[p][1], wh - (lo - b[p][0]))
                if pl > ph:
                    return False
                if (pl, ph) != b[p]:
                    b[p], changed = (pl, ph), True
                    lo = sum(b[q][0] for q in parts)
                    hi = sum(b[q][1] for q in parts)
    open_cells = [k for k, (lo, hi) in b.items() if lo < hi]
    if not open_cells:
        return all(b[w][0] == sum(b[p][0] for p in ps) for w, ps in relations)
    k = min(open_cells, key=lambda c: b[c][1] - b[c][0])
    return any(feasible(b, relations, {k: v}) for v in range(b[k][0], b[k][1] + 1))


def recoverable_cells(summary, most):
    """The small cells whose value a reader can work out exactly: those with
    only one value that satisfies every sum, `most` bounding a protecting
    cell (the search needs a finite range; a bound only helps the reader)."""
    cells, relations, _ = public_cells(summary, most)
    bounds = {k: (lo, hi) for k, (lo, hi, _) in cells.items()}
    exposed = []
    for key, (lo, hi, kind) in cells.items():
        if kind != "small":
            continue
        values = [v for v in range(lo, hi + 1) if feasible(bounds, relations, {key: v})]
        if len(values) < 2:
            exposed.append((key, values))
    return exposed


class Suppression(unittest.TestCase):
    """The crafted sample: suppression and secondary suppression everywhere,
    and no suppressed cell recoverable."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.public = Path(cls.tmp.name) / "public"
        cls.internal = Path(cls.tmp.name) / "internal"
        build(ROOT / "sample-data/smaa-tal/project.json", cls.public, "--audience", "public")
        build(ROOT / "sample-data/smaa-tal/project.json", cls.internal, "--audience", "internal")
        cls.summary = json.loads((cls.public / "summary.json").read_text(encoding="utf-8"))
        cls.exact = json.loads((cls.internal / "summary.json").read_text(encoding="utf-8"))
        # A public summary publishes no row accounting; the rows counted from
        # the internal one bound the search, a reader knowing more than they do.
        cls.most = cls.exact["data_quality"]["rows_counted"]

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def hidden_cells(self):
        cells, _, _ = public_cells(self.summary, self.most)
        return {k: kind for k, (_, _, kind) in cells.items() if kind}

    def test_small_counts_are_hidden_and_others_protect_them(self):
        hidden = self.hidden_cells()
        kinds = set(hidden.values())
        self.assertEqual(kinds, {"small", "protecting"})
        # Every count below 5 of the internal summary is hidden as small, and only those.
        for unit in self.exact["units"] + [self.exact["total"]]:
            public_unit = next((u for u in self.summary["units"] if u.get("code") == unit.get("code")),
                               self.summary["total"])
            for ind in self.exact["indicators"]:
                if ind["kind"] == "ratio":
                    continue
                actual = unit["values"][ind["id"]]["actual"]
                shown = public_unit["values"][ind["id"]]
                if actual < 5:
                    self.assertEqual(shown.get("hidden"), "small", (unit.get("name"), ind["id"]))
                    self.assertIsNone(shown["actual"])
                    self.assertIsNone(shown["attainment"])
                    self.assertIsNone(shown["status"])
                elif shown.get("hidden") is None:
                    self.assertEqual(shown["actual"], actual)

    def test_no_suppressed_cell_can_be_recovered(self):
        self.assertEqual(recoverable_cells(self.summary, self.most), [])

    def test_the_search_finds_a_cell_left_unprotected(self):
        # Show the protecting cells' true values: the small cells they
        # protected become recoverable, and the search must say so.
        leaky = copy.deepcopy(self.summary)
        for unit, exact in zip(leaky["units"], self.exact["units"]):
            for ind, value in unit["values"].items():
                if value.get("hidden") == "protecting":
                    value["actual"] = exact["values"][ind]["actual"]
                    del value["hidden"]
        self.assertNotEqual(recoverable_cells(leaky, self.most), [])

    def test_the_public_series_steps_are_zero_or_at_least_the_threshold(self):
        for ind in self.summary["indicators"]:
            if ind["kind"] == "ratio":
                continue
            for unit in self.summary["units"]:
                self.assertEqual(unit["values"][ind["id"]]["series"], [], unit["name"])
            series = self.summary["total"]["values"][ind["id"]]["series"]
            shown = [p["cumulative"] for p in series if p.get("hidden") is None]
            if self.summary["total"]["values"][ind["id"]].get("hidden"):
                self.assertEqual(shown, [], ind["id"])  # a hidden total takes its series with it
                continue
            self.assertEqual(shown[-1], self.summary["total"]["values"][ind["id"]]["actual"])
            steps = [b - a for a, b in zip([0] + shown, shown)]
            self.assertTrue(all(s >= 5 for s in steps), (ind["id"], steps))
            self.assertLess(len(shown), len(series), ind["id"])  # some months are hidden

    def test_every_public_output_shows_the_marks(self):
        texts = output_texts(self.public)
        for name in ("index.html", "status.md", "status.html"):
            self.assertIn("&lt;5" if name.endswith(".html") else "\\<5", texts[name], name)
            self.assertIn("skjult", texts[name], name)
        workbook = "".join(t for n, t in texts.items() if n.startswith("report.xlsx/"))
        self.assertIn("&lt;5", workbook)
        self.assertIn("skjult", workbook)
        # Læsø's referred: hidden in every table of the dashboard.
        html = texts["index.html"]
        row = re.search(r'<tr><th scope="row">Læsø</th>(.*?)</tr>', html)
        self.assertIsNotNone(row)
        self.assertIn(">&lt;5<", row.group(1))

    def test_moving_a_participant_between_tiny_municipalities_changes_no_public_byte(self):
        """Læsø (3 referred) and Fanø (2): one participant without an outcome
        moves from Læsø to Fanø. Every count that changes is hidden, so every
        public file must be the same, but for the input's checksum."""
        with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
            # The same relative path in both runs, as the page names its inputs.
            for tmp in (first, second):
                shutil.copytree(ROOT / "sample-data/smaa-tal", Path(tmp) / "p")
            path = Path(second) / "p/registrations.csv"
            lines = path.read_text(encoding="utf-8").splitlines()
            k = next(i for i, line in enumerate(lines) if ";825;" in line and line.split(";")[3] == "")
            lines[k] = lines[k].replace(";825;", ";563;")
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            for tmp in (first, second):
                build("p/project.json", "out", "--audience", "public", cwd=tmp)
                build("p/project.json", "exact", "--audience", "internal", cwd=tmp)
            before, after = output_texts(Path(first) / "out"), output_texts(Path(second) / "out")
            exact = [json.loads((Path(t) / "exact/summary.json").read_text(encoding="utf-8")) for t in (first, second)]
            self.assertNotEqual(exact[0]["units"], exact[1]["units"])  # the move did change the counts
            sha = re.compile(r"[0-9a-f]{64}")
            self.assertEqual(sorted(before), sorted(after))
            for name in before:
                self.assertEqual(sha.sub("#", before[name]), sha.sub("#", after[name]), name)


if __name__ == "__main__":
    unittest.main(verbosity=2)
