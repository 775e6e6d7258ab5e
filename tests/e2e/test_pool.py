"""End to end: `maaltal pool` on the pool of the three samples
(sample-data/pulje-handicap/pool.json). The pool's totals are recomputed here,
independently, from each project's own summary.json as `build` writes it; the
pool file's mistakes are each a located error, and nothing is written then.

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
from html import unescape

import readers

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("MAALTAL_BIN", str(ROOT / "build/dev/maaltal"))
POOL = ROOT / "sample-data/pulje-handicap/pool.json"
SAMPLES = ["vi-goer-en-forskel", "smaa-mellemstore", "job-og-trivsel"]


def run(*args):
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run([BIN, *args], cwd=ROOT, capture_output=True, text=True, env=env)


def load(path):
    return json.loads(pathlib.Path(path).read_text(encoding="utf-8"))


def seen_text(cell):
    """A cell's text as a sighted reader sees it: the words for speech beside
    a mark ("<5", "–") left out, the mark kept."""
    return unescape(re.sub(r"<[^>]+>", "", re.sub(r'<span class="vh">.*?</span>', "", cell)))


def dashboard_rows(html, section_id):
    """The rows of the first table after the element with id `section_id`:
    row header -> the text of each cell, in order."""
    start = html.index(f'id="{section_id}"')
    table = html[start:html.index("</table>", start)]
    rows = {}
    for name, cells in re.findall(r'<tr><th scope="row">(?:<a [^>]*>)?([^<]*)(?:</a>)?</th>(.*?)</tr>', table):
        rows[unescape(name)] = [seen_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", cells)]
    return rows


def unit_table(html, label):
    """The municipalities-across-projects table of the indicator labelled `label`."""
    start = html.index(f"<h3>{label}</h3>", html.index('id="kommuner"'))
    return dashboard_rows(html[start - 20:].replace(f"<h3>{label}</h3>", f'<h3 id="t">{label}</h3>', 1), "t")


def count_of(text):
    """The actual in a dashboard cell ("37 / 69 (54 %)" -> 37); None where hidden or absent."""
    head = text.split(" / ")[0].replace(".", "")
    return int(head) if head.isdigit() else None


class PoolOfSamples(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        tmp = pathlib.Path(cls.tmp.name)
        cls.result = run("pool", "sample-data/pulje-handicap/pool.json", "--out", str(tmp / "pool"))
        if cls.result.returncode != 0:
            raise AssertionError(cls.result.stderr)
        cls.pool = load(tmp / "pool/summary.json")
        cls.status = (tmp / "pool/status.md").read_text(encoding="utf-8")
        cls.tables = readers.markdown_tables(str(tmp / "pool/status.md"))
        cls.own = {}
        for sample in SAMPLES:
            built = run("build", f"sample-data/{sample}/project.json", "--out", str(tmp / sample))
            if built.returncode != 0:
                raise AssertionError(built.stderr)
            cls.own[sample] = load(tmp / sample / "summary.json")
        cls.mapping = {ind["id"]: ind["from"] for ind in load(POOL)["indicators"]}

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_totals_are_the_sum_of_the_projects_own_summaries(self):
        for pool_id, sources in self.mapping.items():
            actual = sum(self.own[p]["total"]["values"][i]["actual"] for p, i in sources.items())
            targeted = [(self.own[p]["total"]["values"][i]["actual"], self.own[p]["total"]["values"][i]["target"])
                        for p, i in sources.items() if self.own[p]["total"]["values"][i]["target"] is not None]
            total = self.pool["total"]["values"][pool_id]
            self.assertEqual(total["actual"], actual, pool_id)
            self.assertEqual(total["target"], sum(t for _, t in targeted), pool_id)
            self.assertAlmostEqual(total["attainment"], sum(a for a, _ in targeted) / sum(t for _, t in targeted))

    def test_the_real_figures(self):
        # i_job: 117 (vi-goer, no target of its own) + 154 of 240 (smaa) + 99 of 155 (job-og-trivsel)
        self.assertEqual(self.pool["total"]["values"]["i_job"]["actual"], 117 + 154 + 99)
        self.assertEqual(self.pool["total"]["values"]["i_job"]["target"], 240 + 155)
        self.assertEqual(self.pool["total"]["values"]["visiterede"]["actual"], 176 + 233)

    def test_furesoe_across_two_projects(self):
        furesoe = next(u for u in self.pool["units"] if u["code"] == "190")
        self.assertEqual(furesoe["projects"], ["vi-goer-en-forskel", "smaa-mellemstore"])
        job = furesoe["values"]["i_job"]
        self.assertEqual(job["by_project"]["vi-goer-en-forskel"]["actual"], 45)
        self.assertEqual(job["by_project"]["smaa-mellemstore"]["actual"], 37)
        self.assertEqual(job["actual"], 82)
        for p, i in self.mapping["i_job"].items():
            own = next((u for u in self.own[p]["units"] if u["code"] == "190"), None)
            if own:
                self.assertEqual(job["by_project"][p]["actual"], own["values"][i]["actual"])

    def test_every_municipality_sums_its_projects(self):
        for unit in self.pool["units"]:
            for pool_id, sources in self.mapping.items():
                parts = [next((u for u in self.own[p]["units"] if u["code"] == unit["code"]), None)
                         for p in sources]
                parts = [(u["values"][sources[p]]) for p, u in zip(sources, parts) if u]
                value = unit["values"][pool_id]
                if not parts:
                    self.assertFalse(value["part_of"])
                    self.assertIsNone(value["actual"])
                    continue
                self.assertEqual(value["actual"], sum(v["actual"] for v in parts), (unit["code"], pool_id))

    def test_an_indicator_a_project_lacks_is_not_part_of_it_never_zero(self):
        smaa = next(p for p in self.pool["projects"] if p["id"] == "smaa-mellemstore")
        self.assertEqual(smaa["values"]["visiterede"],
                         {"part_of": False, "actual": None, "target": None, "attainment": None, "expected": None,
                          "status": None})
        kolding = next(u for u in self.pool["units"] if u["code"] == "621")
        self.assertFalse(kolding["values"]["visiterede"]["part_of"])
        self.assertIsNone(kolding["values"]["visiterede"]["actual"])

    def test_each_project_keeps_its_own_as_of_date(self):
        as_of = {p["id"]: p["as_of"] for p in self.pool["projects"]}
        self.assertEqual(as_of, {s: self.own[s]["as_of"] for s in SAMPLES})
        self.assertIn("project smaa-mellemstore: as of 2019-12-31: 428 rows read", self.result.stdout)

    def test_contract_and_provenance(self):
        self.assertEqual(self.pool["pool"], {"id": "pulje-handicap",
                                             "title": "Pulje til indsatser for ledige med handicap",
                                             "aggregation": "sum"})
        self.assertEqual(set(self.pool["data_quality"]), set(SAMPLES))
        self.assertEqual(self.pool["data_quality"]["smaa-mellemstore"]["rows_read"], 428)
        names = self.pool["inputs"]
        self.assertEqual(names[0], "sample-data/pulje-handicap/pool.json")
        self.assertIn("sample-data/smaa-mellemstore/registrations.csv", names)
        for name in names:
            self.assertRegex(self.pool["input_sha256"][name], "^[0-9a-f]{64}$")


    def test_status_says_who_is_behind_and_by_how_much(self):
        self.assertIn("- Job og trivsel (fiktivt eksempel) er bagud i «I job»: 99 af 155 (64 %); forventet på dette "
                      "tidspunkt 129, så der mangler 30 for at være på sporet og 56 for at nå målet.", self.status)
        self.assertIn("- De små, de mellemstore og de lokalt ansvarlige er i risiko i «I job»: 154 af 240 (64 %); "
                      "forventet på dette tidspunkt 164, så der mangler 10 for at være på sporet og 86 for at nå "
                      "målet.", self.status)
        self.assertNotIn("Vi gør en forskel – gør du? er", self.status)  # met its targets

    def test_status_lists_projects_without_data_for_the_latest_month(self):
        section = self.status.split("## Projekter uden data for seneste måned (juni 2023)\n\n")[1].split("\n## ")[0]
        self.assertEqual(section.strip().splitlines(),
                         ["- Vi gør en forskel – gør du?: opgjort pr. 30. juni 2022",
                          "- De små, de mellemstore og de lokalt ansvarlige: opgjort pr. 31. december 2019"])

    def test_status_tables_as_cmark_reads_them(self):
        totals, projects, units, quality = self.tables
        self.assertEqual(totals[1][:6], ["I job", "370", "395", "64 %", "292", "i risiko"])
        self.assertEqual(projects[2], ["De små, de mellemstore og de lokalt ansvarlige", "31. december 2019",
                                       "registreringer", "154 / 240 (64 %)", "indgår ikke"])
        furesoe = next(row for row in units if row[0] == "Furesø")
        self.assertEqual(furesoe, ["Furesø", "vi-goer-en-forskel, smaa-mellemstore", "82 / 69 (54 %); 45 + 37",
                                   "65 / 75 (87 %)"])
        self.assertEqual(quality[2], ["De små, de mellemstore og de lokalt ansvarlige", "428", "428", "0", "51"])


class PoolWorkbook(unittest.TestCase):
    """report.xlsx recalculated by headless LibreOffice (test_recalc's profile
    forcing recalculation on load): every formula gives maaltal's value, and
    the recalculated totals are the projects' own."""

    @classmethod
    def setUpClass(cls):
        import test_recalc
        cls.recalc = test_recalc
        cls.tmp = tempfile.TemporaryDirectory()
        tmp = pathlib.Path(cls.tmp.name)
        result = run("pool", "sample-data/pulje-handicap/pool.json", "--out", str(tmp / "out"))
        if result.returncode != 0:
            raise AssertionError(result.stderr)
        cls.xlsx = tmp / "out/report.xlsx"
        cls.summary = load(tmp / "out/summary.json")
        cls.found, cls.checked = test_recalc.mismatches(cls.xlsx, tmp / "a")
        cls.sheets = test_recalc.recalculated(cls.xlsx, tmp / "b")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_every_formula_recalculates_to_its_cached_value(self):
        self.assertGreater(self.checked, 100)
        self.assertEqual(self.found, [])

    def test_each_projects_totals_are_formulas_over_its_rows(self):
        import openpyxl
        book = openpyxl.load_workbook(self.xlsx)
        self.assertEqual(book.sheetnames, ["Overblik", *SAMPLES, "Kommuner", "Inddata"])
        smaa = book["smaa-mellemstore"]
        self.assertEqual([c.value for c in smaa[5]][1:5], ["I alt", "=SUM(C2:C4)", "=SUM(D2:D4)", "=C5/D5"])
        self.assertEqual(smaa["F5"].value, "indgår ikke")
        trivsel = book["job-og-trivsel"]
        self.assertEqual(trivsel["E5"].value, "=(MIN(1,E2)+MIN(1,E3)+MIN(1,E4))/3")  # its mean_capped
        self.assertEqual(book["Overblik"]["E3"].value, "='smaa-mellemstore'!C5")

    def test_recalculated_overview_equals_summary_json(self):
        rows = self.sheets["Overblik"]
        header = rows[0]
        compared = 0
        for row in rows[1:]:
            values = (self.summary["total"]["values"] if row[0] == "Puljen" else
                      next(p for p in self.summary["projects"] if p["id"] == row[1])["values"])
            for ind in ("i_job", "visiterede"):
                for field, key in (("faktisk", "actual"), ("mål", "target"), ("målopfyldelse", "attainment")):
                    text = row[header.index(f"{'I job' if ind == 'i_job' else 'Visiterede'} {field}")]
                    if not values[ind]["part_of"]:
                        self.assertIn(text, ("indgår ikke", ""))
                        continue
                    if values[ind][key] is None:
                        self.assertEqual(text, "")
                        continue
                    self.assertAlmostEqual(self.recalc.number(text), values[ind][key], places=9, msg=(row[0], ind, key))
                    compared += 1
        self.assertEqual(compared, 19)

    def test_recalculated_municipalities_sum_their_projects(self):
        rows = self.sheets["Kommuner"]
        furesoe = [row for row in rows if row[0] == "190"]
        self.assertEqual([r[2] for r in furesoe], ["vi-goer-en-forskel", "smaa-mellemstore", ""])
        self.assertEqual([self.recalc.number(r[3]) for r in furesoe], [45, 37, 82])


class PoolWithAsOf(unittest.TestCase):
    def test_as_of_applies_to_every_project(self):
        with tempfile.TemporaryDirectory() as tmp:
            result = run("pool", str(POOL), "--out", tmp, "--as-of", "2020-06-30")
            self.assertEqual(result.returncode, 0, result.stderr)
            pool = load(pathlib.Path(tmp) / "summary.json")
            self.assertEqual({p["as_of"] for p in pool["projects"]}, {"2020-06-30"})
            self.assertEqual(pool["as_of"], "2020-06-30")


class PoolFileErrors(unittest.TestCase):
    """Each mistake is an error located in the pool file, exit 1, nothing written."""

    def pool_run(self, pool, *extra, files=None):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = pathlib.Path(tmp)
            for sample in SAMPLES:
                shutil.copytree(ROOT / "sample-data" / sample, tmp / sample)
            for name, text in (files or {}).items():
                (tmp / name).parent.mkdir(parents=True, exist_ok=True)
                (tmp / name).write_text(text, encoding="utf-8")
            (tmp / "pool").mkdir()
            (tmp / "pool/pool.json").write_text(json.dumps(pool), encoding="utf-8")
            out = tmp / "out"
            result = subprocess.run([BIN, "pool", "pool/pool.json", "--out", "out", *extra], cwd=tmp,
                                    capture_output=True, text=True)
            written = out.exists() and any(out.iterdir())
            return result, written

    def base(self):
        return {"id": "p", "title": "P",
                "projects": ["../vi-goer-en-forskel/project.json", "../smaa-mellemstore/project.json"],
                "indicators": [{"id": "i_job", "label": "I job",
                                "from": {"vi-goer-en-forskel": "i_job", "smaa-mellemstore": "job"}}]}

    def assert_error(self, pool, message, *extra, files=None):
        result, written = self.pool_run(pool, *extra, files=files)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn(message, result.stderr)
        self.assertIn("nothing written", result.stderr)
        self.assertFalse(written)

    def test_a_missing_project(self):
        pool = self.base()
        pool["projects"].append("../gone/project.json")
        self.assert_error(pool, "pool/pool.json#/projects/2: error: project '../gone/project.json' not found at "
                                "'gone/project.json' (expected a project.json or a summary.json, relative to the "
                                "pool file) [E215]")

    def test_two_projects_with_the_same_id(self):
        pool = self.base()
        pool["projects"].append("../kopi/project.json")
        files = {"kopi/project.json": (ROOT / "sample-data/smaa-mellemstore/project.json").read_text(),
                 "kopi/registrations.csv": (ROOT / "sample-data/smaa-mellemstore/registrations.csv").read_text()}
        self.assert_error(pool, "pool/pool.json#/projects/2: error: project id 'smaa-mellemstore' is declared twice "
                                "(also by /projects/1) [E205]", files=files)

    def test_an_indicator_mapped_to_an_id_the_project_lacks(self):
        pool = self.base()
        pool["indicators"][0]["from"]["smaa-mellemstore"] = "i_job"
        self.assert_error(pool, "pool/pool.json#/indicators/0/from/smaa-mellemstore: error: project "
                                "'smaa-mellemstore' has no indicator 'i_job' (expected one of praktik, job, "
                                "andel_praktik_i_job) [E204]")

    def test_a_mapping_naming_an_unknown_project(self):
        pool = self.base()
        pool["indicators"][0]["from"]["smaa"] = "job"
        self.assert_error(pool, "pool/pool.json#/indicators/0/from/smaa: error: unknown project 'smaa' (expected "
                                "one of smaa-mellemstore, vi-goer-en-forskel) [E216]")

    def test_a_ratio_cannot_be_added_up(self):
        pool = self.base()
        pool["indicators"][0]["from"]["smaa-mellemstore"] = "andel_praktik_i_job"
        self.assert_error(pool, "'andel_praktik_i_job' is a ratio in project 'smaa-mellemstore': ratios cannot be "
                                "added across projects (expected a count or a sum) [E203]")

    def test_a_project_outside_the_pools_period(self):
        pool = self.base()
        pool["period"] = {"start": "2019-01-01", "end": "2022-12-31"}
        self.assert_error(pool, "pool/pool.json#/projects/1: error: project 'smaa-mellemstore' runs from 2017-09-01 "
                                "to 2020-12-31, outside the pool's period (2019-01-01 to 2022-12-31) [E217]")

    def test_a_projects_own_error_names_the_project(self):
        bad = (ROOT / "sample-data/smaa-mellemstore/registrations.csv").read_text().splitlines()
        bad[3] = bad[3].replace(",621,", ",999,", 1)
        files = {"smaa-mellemstore/registrations.csv": "\n".join(bad) + "\n"}
        result, written = self.pool_run(self.base(), files=files)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("smaa-mellemstore/registrations.csv:4:", result.stderr)
        self.assertIn("error: in project '../smaa-mellemstore/project.json': unknown municipality code '999' [E104]",
                      result.stderr)
        self.assertFalse(written)

    def test_a_dashboard_link_a_public_page_must_not_carry(self):
        pool = self.base()
        pool["projects"][0] = {"path": "../vi-goer-en-forskel/project.json", "dashboard": "javascript:alert(1)"}
        self.assert_error(pool, "pool/pool.json#/projects/0/dashboard: error: dashboard link 'javascript:alert(1)' "
                                "is neither a relative path nor an http(s) address")

    def test_a_public_summary_is_refused(self):
        with tempfile.TemporaryDirectory() as tmp:
            built = run("build", "sample-data/smaa-mellemstore/project.json", "--out", tmp, "--audience", "public")
            self.assertEqual(built.returncode, 0, built.stderr)
            summary = (pathlib.Path(tmp) / "summary.json").read_text()
        pool = self.base()
        pool["projects"][1] = "../sendt/summary.json"
        self.assert_error(pool, "pool/pool.json#/projects/1: error: project '../sendt/summary.json' is a public "
                                "summary.json: its hidden counts are not figures, and the pool's outputs are "
                                "internal (expected the project's internal summary.json) [E215]",
                          files={"sendt/summary.json": summary})


class SharedParticipants(unittest.TestCase):
    def test_a_participant_in_two_projects_of_a_municipality_is_reported_never_shown(self):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = pathlib.Path(tmp)
            shutil.copytree(ROOT / "sample-data/smaa-mellemstore", tmp / "kopi")
            project = load(tmp / "kopi/project.json")
            project["id"] = "kopi"
            (tmp / "kopi/project.json").write_text(json.dumps(project), encoding="utf-8")
            pool = {"id": "p", "title": "P",
                    "projects": [str(ROOT / "sample-data/smaa-mellemstore/project.json"), "kopi/project.json"],
                    "indicators": [{"id": "job", "from": {"smaa-mellemstore": "job", "kopi": "job"}}]}
            (tmp / "pool.json").write_text(json.dumps(pool), encoding="utf-8")
            result = run("pool", str(tmp / "pool.json"), "--out", str(tmp / "out"))
            self.assertEqual(result.returncode, 0, result.stderr)
            ids = {line.split(",")[0] for line in
                   (ROOT / "sample-data/smaa-mellemstore/registrations.csv").read_text().splitlines()[1:]}
            furesoe = {line.split(",")[0] for line in
                       (ROOT / "sample-data/smaa-mellemstore/registrations.csv").read_text().splitlines()[1:]
                       if line.split(",")[1] == "190"}
            self.assertIn(f"warning: {len(furesoe)} participants are registered in municipality 190 in two or more "
                          "of the pool's projects; the sums count each once per project [W143]", result.stderr)
            summary = load(tmp / "out/summary.json")
            self.assertEqual({u["code"]: u["shared_participants"] for u in summary["units"]}["190"], len(furesoe))
            status = (tmp / "out/status.md").read_text(encoding="utf-8")
            self.assertIn(f"- Furesø: {len(furesoe)} deltagere er registreret i mere end ét af kommunens projekter",
                          status)
            for name in ("summary.json", "status.md", "status.html"):
                text = (tmp / "out" / name).read_text(encoding="utf-8")
                self.assertFalse([i for i in ids if i in text], name)
            self.assertFalse([i for i in ids if i in result.stderr + result.stdout])
            strict = run("pool", str(tmp / "pool.json"), "--out", str(tmp / "strict"), "--strict")
            self.assertEqual(strict.returncode, 3)
            self.assertFalse((tmp / "strict").exists())


class PoolFromASummary(unittest.TestCase):
    def test_a_project_given_by_its_summary_gives_the_same_figures(self):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = pathlib.Path(tmp)
            built = run("build", "sample-data/smaa-mellemstore/project.json", "--out", str(tmp / "smaa"))
            self.assertEqual(built.returncode, 0, built.stderr)
            pool = load(POOL)
            pool["projects"] = [str(ROOT / "sample-data/vi-goer-en-forskel/project.json"), str(tmp / "smaa/summary.json"),
                                str(ROOT / "sample-data/job-og-trivsel/project.json")]
            (tmp / "pool.json").write_text(json.dumps(pool), encoding="utf-8")
            result = run("pool", str(tmp / "pool.json"), "--out", str(tmp / "out"))
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("project smaa-mellemstore: figures from its summary.json as of 2019-12-31", result.stdout)
            self.assertIn("warning: project '" + str(tmp / "smaa/summary.json") + "' is given by its summary.json: the "
                          "public pool dashboard shows its figures as of the summary's date, 2019-12-31, suppressed by "
                          "the pool", result.stderr)
            self.assertIn("[W144]", result.stderr)
            from_summary = load(tmp / "out/summary.json")
        with tempfile.TemporaryDirectory() as tmp:
            result = run("pool", str(POOL), "--out", tmp)
            from_registrations = load(pathlib.Path(tmp) / "summary.json")
        smaa = next(p for p in from_summary["projects"] if p["id"] == "smaa-mellemstore")
        self.assertEqual(smaa["source"], "summary")
        self.assertEqual(from_summary["total"], from_registrations["total"])
        self.assertEqual(from_summary["units"], from_registrations["units"])


class PublicPoolDashboard(unittest.TestCase):
    """index.html is public by default: each project's figures as its own public
    dashboard shows them, and no sum the pool adds gives away what they hide."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        tmp = pathlib.Path(cls.tmp.name)
        result = run("pool", str(POOL), "--out", str(tmp / "pool"))
        if result.returncode != 0:
            raise AssertionError(result.stderr)
        cls.html = (tmp / "pool/index.html").read_text(encoding="utf-8")
        cls.public = {}
        for sample in SAMPLES:
            built = run("build", f"sample-data/{sample}/project.json", "--out", str(tmp / sample), "--audience",
                        "public")
            if built.returncode != 0:
                raise AssertionError(built.stderr)
            cls.public[sample] = load(tmp / sample / "summary.json")
        cls.pool = load(POOL)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_public_by_default_internal_on_request(self):
        self.assertIn("<dd>Offentlig</dd>", self.html)
        self.assertIn("Tal under 5 vises som «&lt;5»", self.html)
        with tempfile.TemporaryDirectory() as tmp:
            result = run("pool", str(POOL), "--out", tmp, "--audience", "internal")
            self.assertEqual(result.returncode, 0, result.stderr)
            internal = (pathlib.Path(tmp) / "index.html").read_text(encoding="utf-8")
        self.assertIn("<dd>Intern</dd>", internal)
        with tempfile.TemporaryDirectory() as tmp:
            result = run("pool", str(POOL), "--out", tmp, "--audience", "public")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual((pathlib.Path(tmp) / "index.html").read_text(encoding="utf-8"), self.html)
        self.assertEqual(unit_table(internal, "I job")["Furesø"][:2], ["45", "37"])

    def test_each_project_as_its_own_public_dashboard_shows_it(self):
        for sample, own in self.public.items():
            rows = dashboard_rows(self.html, "projekt-" + sample)
            labels = [ind["label"] for ind in self.pool["indicators"]]
            for unit in own["units"] + [dict(own["total"], name="I alt")]:
                for k, ind in enumerate(self.pool["indicators"]):
                    source = ind["from"].get(sample)
                    if source is None:
                        self.assertEqual(rows[unit["name"]][k], "indgår ikke")
                        continue
                    self.assertEqual(count_of(rows[unit["name"]][k]), unit["values"][source]["actual"],
                                     (sample, unit["name"], labels[k]))

    def test_each_project_links_its_own_dashboard_when_given(self):
        with tempfile.TemporaryDirectory() as tmp:
            pool = load(POOL)
            pool["projects"] = [str(ROOT / "sample-data" / s / "project.json") for s in SAMPLES]
            pool["projects"][1] = {"path": pool["projects"][1], "dashboard": "https://example.org/smaa?a=1&b=2"}
            (pathlib.Path(tmp) / "pool.json").write_text(json.dumps(pool), encoding="utf-8")
            result = run("pool", str(pathlib.Path(tmp) / "pool.json"), "--out", str(pathlib.Path(tmp) / "out"))
            self.assertEqual(result.returncode, 0, result.stderr)
            html = (pathlib.Path(tmp) / "out/index.html").read_text(encoding="utf-8")
        section = html[html.index('id="projekt-smaa-mellemstore"'):html.index('id="projekt-job-og-trivsel"')]
        self.assertIn('<a href="https://example.org/smaa?a=1&amp;b=2">Projektets egen oversigt: De små, de '
                      'mellemstore og de lokalt ansvarlige</a>', section)
        self.assertEqual(html.count("Projektets egen oversigt"), 1)

    def test_templates_of_ones_own(self):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = pathlib.Path(tmp)
            (tmp / "tpl").mkdir()
            builtin = run("template", "pool_dashboard.html.mustache").stdout
            (tmp / "tpl/pool_dashboard.html.mustache").write_text(builtin.replace("<main", "<!-- egen -->\n<main"),
                                                                   encoding="utf-8")
            result = run("pool", str(POOL), "--out", str(tmp / "out"), "--templates", str(tmp / "tpl"))
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("<!-- egen -->", (tmp / "out/index.html").read_text(encoding="utf-8"))

    def test_as_of_mid_month_shows_the_releases_month_end(self):
        with tempfile.TemporaryDirectory() as tmp:
            result = run("pool", str(POOL), "--out", tmp, "--as-of", "2020-06-15")
            self.assertEqual(result.returncode, 0, result.stderr)
            html = (pathlib.Path(tmp) / "index.html").read_text(encoding="utf-8")
        self.assertIn("<dt>Opgjort pr.</dt><dd>31. maj 2020</dd>", html)
        self.assertEqual({r[0] for r in dashboard_rows(html, "projekter").values()}, {"31. maj 2020"})

    def test_a_style_sheet_that_loads_is_refused(self):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = pathlib.Path(tmp)
            (tmp / "tpl").mkdir()
            (tmp / "tpl/dashboard.css").write_text(".maaltal { background: url(https://example.org/x.png); }\n")
            result = run("pool", str(POOL), "--out", str(tmp / "out"), "--templates", str(tmp / "tpl"))
            self.assertEqual(result.returncode, 6, result.stderr)
            self.assertIn("dashboard.css:1:", result.stderr)
            self.assertIn("a style sheet may not load anything ('url(')", result.stderr)
            self.assertFalse((tmp / "out").exists())

    def test_a_sum_over_a_count_its_project_hides_is_hidden(self):
        # Furesø in job: 45 in vi-goer-en-forskel (hidden on its own dashboard) + 37: the sum would give 45 away.
        furesoe = next(u for u in self.public["vi-goer-en-forskel"]["units"] if u["code"] == "190")
        self.assertIsNone(furesoe["values"]["i_job"]["actual"])
        self.assertEqual(unit_table(self.html, "I job")["Furesø"], ["skjult", "37", "ikke med", "skjult / 69 (–)"])

    def test_the_pools_shown_totals_are_the_sums_of_the_projects_public_totals(self):
        totals = dashboard_rows(self.html, "puljen")
        for k, ind in enumerate(self.pool["indicators"]):
            shown = count_of(totals[ind["label"]][0])
            parts = [self.public[p]["total"]["values"][i]["actual"] for p, i in ind["from"].items()]
            if None in parts:
                self.assertIsNone(shown, ind["id"])
            else:
                self.assertEqual(shown, sum(parts), ind["id"])
        self.assertEqual(count_of(totals["Visiterede"][0]), 176 + 233)


def small_project(tmp, pid, counts):
    """A project of one count indicator, `counts` jobs per municipality code,
    all in March 2020 (so that no monthly step is small at the as-of date)."""
    folder = tmp / pid
    folder.mkdir()
    project = {"id": pid, "title": pid.upper(), "period": {"start": "2020-01-01", "end": "2020-12-31"},
               "as_of": "2020-12-31", "municipalities": [int(c) for c in counts],
               "indicators": [{"id": "job", "label": "I job", "kind": "count", "date_field": "job_start"}],
               "registrations": {"file": "registrations.csv",
                                 "columns": {"participant": "deltager", "municipality": "kommune"}}}
    (folder / "project.json").write_text(json.dumps(project), encoding="utf-8")
    lines = ["deltager,kommune,job_start"]
    for code, n in counts.items():
        lines += [f"{pid}{code}x{i},{code},1{i % 9}-03-2020" for i in range(n)]
    (folder / "registrations.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "project.json"


class HostilePool(unittest.TestCase):
    """An attacker's pool: two projects share Furesø, one with 3 in job there.
    Everything published (the pool's dashboard and both projects' own public
    dashboards) is written as equations over whole non-negative numbers and
    solved here by scipy's MILP (HiGHS, not maaltal's GLPK): every hidden small
    count must still take two or more values."""

    def published(self, tmp, audience="public"):
        a = small_project(tmp, "a", {"190": 3, "326": 40})
        b = small_project(tmp, "b", {"190": 40})
        pool = {"id": "p", "title": "P", "projects": [str(a), str(b)],
                "indicators": [{"id": "job", "label": "I job", "from": {"a": "job", "b": "job"}}]}
        (tmp / "pool.json").write_text(json.dumps(pool), encoding="utf-8")
        result = run("pool", str(tmp / "pool.json"), "--out", str(tmp / "out"), "--audience", audience)
        self.assertEqual(result.returncode, 0, result.stderr)
        html = (tmp / "out/index.html").read_text(encoding="utf-8")
        own = {}
        for pid, path in (("a", a), ("b", b)):
            built = run("build", str(path), "--out", str(tmp / ("own-" + pid)), "--audience", "public")
            self.assertEqual(built.returncode, 0, built.stderr)
            own[pid] = load(tmp / ("own-" + pid) / "summary.json")
        return html, own

    def cells(self, html, own):
        """Every published cell: name -> its value, or "<5" / "skjult"."""
        def mark(text):
            return count_of(text) if count_of(text) is not None else text.split(" / ")[0]
        units = unit_table(html, "I job")
        pub = {"a:190": mark(units["Furesø"][0]), "a:326": mark(units["Kalundborg"][0]),
               "b:190": mark(units["Furesø"][1]), "sum:190": mark(units["Furesø"][2]),
               "sum:326": mark(units["Kalundborg"][2]),
               "a": mark(dashboard_rows(html, "projekter")["A"][1]),
               "b": mark(dashboard_rows(html, "projekter")["B"][1]),
               "pool": mark(dashboard_rows(html, "puljen")["I job"][0])}
        for pid, summary in own.items():  # the projects' own dashboards publish these too
            for unit in summary["units"]:
                value = unit["values"]["job"]["actual"]
                if value is not None:
                    pub[f"{pid}:{unit['code']}"] = value
            if summary["total"]["values"]["job"]["actual"] is not None:
                pub[pid] = summary["total"]["values"]["job"]["actual"]
        return pub

    def ranges(self, pub):
        import numpy as np
        from scipy.optimize import Bounds, LinearConstraint, milp
        names = list(pub)
        bounds = []
        for n in names:
            v = pub[n]
            bounds.append((v, v) if isinstance(v, int) else (0, 4) if v == "<5" else (5, 10_000))
        equations = [("a", ["a:190", "a:326"]), ("b", ["b:190"]), ("sum:190", ["a:190", "b:190"]),
                     ("sum:326", ["a:326"]), ("pool", ["a", "b"])]
        rows = []
        for whole, parts in equations:
            row = np.zeros(len(names))
            row[names.index(whole)] = -1
            for p in parts:
                row[names.index(p)] += 1
            rows.append(row)
        constraint = LinearConstraint(np.array(rows), 0, 0)
        lo, hi = zip(*bounds)
        out = {}
        for i, n in enumerate(names):
            if pub[n] != "<5":
                continue
            c = np.zeros(len(names))
            c[i] = 1
            found = []
            for sign in (1, -1):
                r = milp(sign * c, constraints=constraint, integrality=np.ones(len(names)), bounds=Bounds(lo, hi))
                self.assertTrue(r.success, r.message)
                found.append(round(r.x[i]))
            out[n] = tuple(found)
        return out

    def test_no_hidden_small_count_is_recoverable(self):
        with tempfile.TemporaryDirectory() as tmp:
            pub = self.cells(*self.published(pathlib.Path(tmp)))
        self.assertEqual(pub["a:190"], "<5")
        self.assertEqual(pub["b:190"], 40)  # shown on project b's own dashboard
        self.assertNotEqual(pub["sum:190"], 43)  # 43 - 40 would give the 3 away
        ranges = self.ranges(pub)
        self.assertIn("a:190", ranges)
        for cell, (low, high) in ranges.items():
            self.assertLess(low, high, f"{cell} is pinned to {low}: {pub}")

    def test_the_check_finds_a_recoverable_count(self):
        # The internal dashboard shows every figure: the check must see the 3.
        with tempfile.TemporaryDirectory() as tmp:
            pub = self.cells(*self.published(pathlib.Path(tmp), "internal"))
        pub["a:190"] = "<5"
        self.assertEqual(self.ranges(pub)["a:190"], (3, 3))


if __name__ == "__main__":
    unittest.main()
