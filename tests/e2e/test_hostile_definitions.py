"""Everything build would refuse, check refuses first (issue 15).

Run by ctest; MAALTAL_BIN names the binary. Each case edits a copy of the
sample smaa-tal (or job-og-trivsel, for counts) the way a careless colleague
or an attacker would, and expects `check` and `build` to stop with exit 1 and
a message located by a JSON Pointer (or file:line:column), before anything is
written. A project at every limit must build: the limits are what the
writers can hold. README "Project definition limits" lists them.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import unittest
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("MAALTAL_BIN", str(ROOT / "build/dev/maaltal"))
NOT_A_NUMBER = re.compile(r"(?<![A-Za-zæøåÆØÅ])-?(?:nan|inf)(?![A-Za-zæøåÆØÅ])", re.IGNORECASE)


def run(*args):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    return subprocess.run([BIN, *args], capture_output=True, text=True, env=env, timeout=120)


class Hostile(unittest.TestCase):
    sample = "smaa-tal"

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.project = self.tmp / "p"
        self.fresh()

    def fresh(self):
        """The untouched sample again, for the next case of a loop."""
        for folder in [self.project, self.tmp / "out", self.tmp / "out2"]:
            shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(ROOT / "sample-data" / self.sample, self.project)
        self.json = json.loads((self.project / "project.json").read_text(encoding="utf-8"))

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def save(self):
        (self.project / "project.json").write_text(json.dumps(self.json, ensure_ascii=False), encoding="utf-8")

    def refused(self, expected, *extra, code=1):
        """check and build both stop with `code` and print `expected`; build writes nothing."""
        self.save()
        checked = run("check", str(self.project / "project.json"), *extra)
        self.assertEqual(checked.returncode, code, checked.stderr[-2000:])
        self.assertIn(expected, checked.stderr)
        out = self.tmp / "out"
        built = run("build", str(self.project / "project.json"), "--out", str(out), *extra)
        self.assertEqual(built.returncode, code, built.stderr[-2000:])
        self.assertIn(expected, built.stderr)
        self.assertFalse(out.exists() and any(out.iterdir()), "nothing may be written")
        return checked.stderr

    def builds(self, *extra):
        self.save()
        built = run("build", str(self.project / "project.json"), "--out", str(self.tmp / "out"), *extra)
        self.assertEqual(built.returncode, 0, built.stderr[-2000:])
        return self.tmp / "out"

    def rename_indicator(self, old, new):
        text = json.dumps(self.json, ensure_ascii=False).replace(json.dumps(old), json.dumps(new, ensure_ascii=False))
        self.json = json.loads(text)


ID_RULE = ("an id must be a letter followed by letters, digits and '_', at most 64 characters "
           "(æ, ø, å count as two; it names tables and names in the workbook), e.g. \"i_job\" [E203]")


class Ids(Hostile):
    def test_an_indicator_id_that_cannot_name_an_excel_table_is_refused_by_check(self):
        for bad in ["vis-iterede", "vis iterede", 'vis"iterede', "vis<iterede", "_visiterede", "1visiterede",
                    "v" * 65, "v" * 301, "æ" * 33]:
            with self.subTest(id=bad[:20]):
                self.fresh()
                self.rename_indicator("visiterede", bad)
                stderr = self.refused("p/project.json#/indicators/0/id: error: " + ID_RULE)
                # The indicator is kept, so its references say nothing more.
                self.assertNotIn("E204", stderr)

    def test_ids_that_differ_only_in_case_are_declared_twice(self):
        self.json["indicators"].append({"id": "Visiterede", "kind": "count", "date_field": "visiteret"})
        self.refused("p/project.json#/indicators/5/id: error: indicator 'Visiterede' is declared twice: 'visiterede' "
                     "differs only in case, and the workbook's names do not tell case apart [E205]")

    def test_ids_that_differ_only_in_the_case_of_a_danish_letter_are_declared_twice(self):
        self.rename_indicator("visiterede", "æbler")
        self.json["indicators"].append({"id": "Æbler", "kind": "count", "date_field": "visiteret"})
        self.refused("p/project.json#/indicators/5/id: error: indicator 'Æbler' is declared twice: 'æbler' "
                     "differs only in case, and the workbook's names do not tell case apart [E205]")

    def test_breakdown_and_funnel_ids_are_unique_under_unicode_case_folding(self):
        self.json["breakdowns"].append(dict(self.json["breakdowns"][0], id=self.json["breakdowns"][0]["id"].upper()))
        self.json["funnels"].append(dict(self.json["funnels"][0]))
        self.save()
        stderr = run("check", str(self.project / "project.json")).stderr
        n_b, n_f = len(self.json["breakdowns"]) - 1, len(self.json["funnels"]) - 1
        self.assertIn(f"p/project.json#/breakdowns/{n_b}/id: error: '{self.json['breakdowns'][-1]['id']}' is declared "
                      f"twice: '{self.json['breakdowns'][0]['id']}' differs only in case [E205]", stderr)
        self.assertIn(f"p/project.json#/funnels/{n_f}/id: error: '{self.json['funnels'][0]['id']}' is declared twice "
                      "[E205]", stderr)

    def test_breakdown_funnel_and_goal_ids_follow_the_same_rule(self):
        self.json["breakdowns"][0]["id"] = "køn-x"
        self.json["funnels"][0]["id"] = "fra visitation"
        self.json["goals"] = [{"id": "mål.1", "level": "activity", "goal": "Et forum", "status": "met"}]
        self.save()
        stderr = run("check", str(self.project / "project.json")).stderr
        for ptr in ["/breakdowns/0/id", "/funnels/0/id", "/goals/0/id"]:
            self.assertIn(f"p/project.json#{ptr}: error: " + ID_RULE, stderr)

    def test_a_project_id_over_64_characters_or_with_a_space_is_refused(self):
        message = ("p/project.json#/id: error: the project's id must be letters, digits, '-' and '_', starting "
                   "with a letter or digit, at most 64 characters (æ, ø, å count as two")
        for bad in ["p" * 256, "smaa tal"]:
            with self.subTest(id=bad[:10]):
                self.json["id"] = bad
                self.refused(message)

    def test_danish_letters_in_ids_are_letters_and_every_workbook_name_is_written(self):
        long_id = "æ" * 32  # 64 bytes: libxlsxwriter dropped longer defined names without a word
        self.rename_indicator("visiterede", long_id)
        self.json["id"] = "små-tal"
        out = self.builds()
        with zipfile.ZipFile(out / "report.xlsx") as book:
            workbook = book.read("xl/workbook.xml").decode("utf-8")
        for prefix in ["Maaltal_", "Faktisk_", "Maalopfyldelse_"]:
            self.assertIn(f'<definedName name="{prefix}{long_id}">', workbook)


class Lengths(Hostile):
    def test_a_label_longer_than_a_workbook_column_header_is_refused(self):
        self.json["indicators"][0]["label"] = "x" * 256
        self.refused("p/project.json#/indicators/0/label: error: a label of 256 characters; at most 255 are allowed "
                     "(it heads a column in the workbook) [E203]")

    def test_a_label_equal_to_a_month_header_of_its_table_is_refused(self):
        for label, header in [("januar 2023", "januar 2023"), ("Januar 2023", "januar 2023"),
                              ("DECEMBER 2024", "december 2024")]:
            with self.subTest(label=label):
                self.fresh()
                self.json["indicators"][0]["label"] = label
                self.refused(f"p/project.json#/indicators/0/label: error: the label '{label}' is also the column "
                             f"header '{header}' (a month) in the indicator's monthly table in the workbook, and a "
                             "table's columns need different names; rename it [E203]")
        self.fresh()
        self.json["indicators"][0]["label"] = "januar 2023 i alt"
        self.builds()

    def test_a_text_over_2000_characters_is_refused_before_anything_else_is_read(self):
        self.json["indicators"][0]["label"] = "x" * 32768
        self.json["title"] = "ø" * 2001
        stderr = self.refused("p/project.json#/indicators/0/label: error: a text of 32,768 characters; at most "
                              "2,000 are allowed [E203]")
        self.assertIn("p/project.json#/title: error: a text of 2,001 characters; at most 2,000 are allowed [E203]",
                      stderr)

    def test_a_long_name_is_refused_at_its_object_without_being_echoed(self):
        self.json["total_targets"] = {"k" * 5000: 10}
        stderr = self.refused("p/project.json#/total_targets: error: a name of 5,000 characters; at most 2,000 are "
                              "allowed [E203]")
        self.assertNotIn("k" * 2001, stderr)

    def test_a_five_megabyte_label_is_refused_quickly(self):
        self.json["indicators"][0]["label"] = "x" * 5_000_000
        started = time.monotonic()
        self.refused("a text of 5,000,000 characters")
        self.assertLess(time.monotonic() - started, 20)

    def test_a_definition_longer_than_a_cell_is_refused(self):
        self.json["indicators"][1]["where"] = {"udfald": [f"{k:04d}" + "x" * 1990 for k in range(11)]}
        self.refused("p/project.json#/indicators/1: error: the definition made from this indicator's where values "
                     "would be longer than 20,000 characters, more than a workbook cell holds; shorten them or give "
                     "a short description [E203]")

    def test_a_project_at_every_length_limit_builds(self):
        text = "æ" * 1999 + "x"
        for key in ["title", "owner", "funder", "pool"]:
            self.json[key] = text
        self.json["id"] = "p" * 64
        self.rename_indicator("visiterede", "v" * 64)
        for ind in self.json["indicators"]:
            ind["label"] = (ind["id"] + "ø" * 255)[:255]
            ind["description"] = text
        self.json["breakdowns"][0]["label"] = text
        self.json["breakdowns"][0]["categories"][0] = text
        self.json["funnels"][0]["label"] = text
        self.json["goals"] = [{"id": "g" * 64, "level": "activity", "goal": text, "target": text,
                               "status": "met", "evidence": text}]
        self.builds()


class Counts(Hostile):
    def many(self, key, n, make):
        self.json[key] = [make(k) for k in range(n)]

    def test_ten_thousand_indicators_are_refused_at_once(self):
        extra = [{"id": f"x{k}", "kind": "count", "date_field": "visiteret"} for k in range(10_000)]
        self.json["indicators"] += extra
        started = time.monotonic()
        self.refused("p/project.json#/indicators: error: at most 200 indicators are allowed here, not 10,005 [E203]")
        self.assertLess(time.monotonic() - started, 20)

    def test_lists_over_their_limits_are_refused(self):
        cases = [
            (["indicators", 3, "of"], 51, lambda k: "i_job", "/indicators/3/of", "at most 50 terms"),
            (["breakdowns", 0, "categories"], 201, lambda k: f"c{k}", "/breakdowns/0/categories",
             "at most 200 categories"),
            (["texts"], 21, lambda k: {"file": "a.md"}, "/texts", "at most 20 texts"),
            (["municipalities"], 99, lambda k: "461", "/municipalities", "at most 98 municipalities"),
        ]
        for path, n, make, ptr, message in cases:
            with self.subTest(ptr=ptr):
                self.fresh()
                parent = self.json
                for key in path[:-1]:
                    parent = parent[key]
                parent[path[-1]] = [make(k) for k in range(n)]
                self.refused(f"p/project.json#{ptr}: error: {message} are allowed here, not {n} [E203]")


class AsOf(Hostile):
    def test_an_as_of_option_far_after_the_period_is_refused_with_the_fix(self):
        for date in ["9999-12-31", "3000-01-01", "2035-01-01"]:
            with self.subTest(date=date):
                self.refused(f"--as-of: error: --as-of {date} is more than 10 years after the project period ends "
                             "(2024-12-31); give a date within the period, or at most 10 years after it [E203]",
                             "--as-of", date)

    def test_an_as_of_option_far_before_the_period_is_refused(self):
        self.refused("--as-of 1900-01-01 is more than 10 years before the project period starts (2023-01-01)",
                     "--as-of", "1900-01-01")

    def test_an_as_of_within_ten_years_of_the_period_is_taken(self):
        self.builds("--as-of", "2034-12-31")

    def test_project_as_of_far_from_the_period_is_refused(self):
        self.json["as_of"] = "3000-01-01"
        self.refused("p/project.json#/as_of: error: as_of 3000-01-01 is more than 10 years after the project period "
                     "ends (2024-12-31)")

    def test_a_period_over_twenty_years_is_refused(self):
        self.json["period"]["end"] = "2099-12-31"
        self.json["as_of"] = "2024-06-30"
        self.refused("p/project.json#/period/end: error: the period is longer than 20 years; check the years of its "
                     "start and end [E203]")


class SmallFiles(Hostile):
    """Counts and targets files are read whole: at most 16 MiB, and no message echoes a value whole."""
    sample = "job-og-trivsel"

    def test_a_counts_file_with_an_endless_line_is_refused_before_it_is_read(self):
        counts = self.project / "antal-aarhus.csv"
        counts.write_text(counts.read_text(encoding="utf-8") + "751;screenet;2021-03;" + "9" * (17 << 20) + "\n",
                          encoding="utf-8")
        started = time.monotonic()
        self.refused("/p/antal-aarhus.csv': it is 17 MiB, larger than the 16 MiB a counts or targets "
                     "file may be", code=4)
        self.assertLess(time.monotonic() - started, 10)

    def test_a_long_count_value_is_cut_in_its_message(self):
        counts = self.project / "antal-aarhus.csv"
        counts.write_text(counts.read_text(encoding="utf-8") + "751;screenet;2021-03;" + "x" * 20000 + "\n",
                          encoding="utf-8")
        stderr = self.refused("'" + "x" * 200 + "…' is not a count (a whole number, 0 or more) [E109]")
        self.assertNotIn("x" * 201 + "'", stderr)

    def test_a_targets_file_with_an_unclosed_quote_and_17_mib_after_is_refused(self):
        self.fresh_targets('746;visiterede;"50\n' + "a" * (17 << 20) + "\n")
        self.refused("/p/targets.csv': it is 17 MiB, larger than the 16 MiB a counts or targets file may be",
                     code=4)

    def test_a_long_target_value_is_cut_in_its_message(self):
        self.fresh_targets("746;visiterede;" + "y" * 300 + "\n")
        self.refused("'" + "y" * 200 + "…' is not a number [E108]")

    def fresh_targets(self, extra):
        self.sample = "vi-goer-en-forskel"
        self.fresh()
        targets = self.project / "targets.csv"
        targets.write_text(targets.read_text(encoding="utf-8") + extra, encoding="utf-8")


class CountsAsOf(Hostile):
    sample = "job-og-trivsel"

    def test_a_count_dated_far_after_the_period_is_rejected_not_made_the_as_of_date(self):
        self.json.pop("as_of", None)
        counts = self.project / "antal-aarhus.csv"
        counts.write_text(counts.read_text(encoding="utf-8") + "751;screenet;9999-12;1\n", encoding="utf-8")
        stderr = self.refused("'9999-12' is more than 10 years after the project period ends")
        self.assertIn("antal-aarhus.csv:", stderr)
        self.assertIn("[E106]", stderr)


class Targets(Hostile):
    def test_a_tiny_target_is_refused_rather_than_giving_inf(self):
        self.json["targets"][0]["value"] = 5e-324
        self.refused("p/project.json#/targets/0: error: a target of a count or sum must be from 1 to 10,000,000 [E206]")

    def test_a_ratio_target_is_a_level_within_bounds(self):
        self.json["targets"].append({"municipality": 461, "indicator": "andel", "value": 1e-9})
        self.refused("p/project.json#/targets/10: error: a ratio's target must be from 0.001 to 1,000 "
                     "(0.1 % to 100,000 %) [E206]")

    def test_total_targets_and_milestones_are_bounded_too(self):
        self.json["total_targets"] = {"visiterede": 1e300}
        self.json["milestones"] = [{"municipality": 461, "indicator": "visiterede", "date": "2023-12-31",
                                    "value": 1e300}]
        stderr = self.refused("p/project.json#/total_targets/visiterede: error: a target of a count or sum must be "
                              "from 1 to 10,000,000 [E206]")
        self.assertIn("p/project.json#/milestones/0/value: error: a milestone must be at most 10,000,000 [E203]",
                      stderr)

    def test_no_output_holds_inf_or_nan_at_the_largest_target(self):
        self.json["targets"][0]["value"] = 10_000_000
        out = self.builds()
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"),
                             parse_constant=lambda c: self.fail(f"{c} in summary.json"))
        self.assertGreater(summary["units"][0]["values"]["visiterede"]["attainment"], 0)
        for path in out.glob("*.html"):
            text = path.read_text(encoding="utf-8")
            self.assertIsNone(NOT_A_NUMBER.search(text), path.name)


class Enumerations(Hostile):
    """Enumerated values are matched exactly, everywhere."""

    def test_every_enumerated_value_in_project_json_is_matched_exactly(self):
        cases = [
            (["locale"], "DA", "/locale"),
            (["aggregation"], "Sum", "/aggregation"),
            (["indicators", 0, "kind"], "Count", "/indicators/0/kind"),
            (["indicators", 1, "count"], "First", "/indicators/1/count"),
            (["registrations", "rows"], "Event", "/registrations/rows"),
            (["registrations", "delimiter"], "TAB", "/registrations/delimiter"),
            (["outputs"], {"dashboard": {"audience": "Public"}}, "/outputs/dashboard/audience"),
            (["progress"], {"forecast_method": "Recent_pace"}, "/progress/forecast_method"),
            (["texts"], [{"file": "a.md", "place": "Top"}], "/texts/0/place"),
            (["goals"], [{"id": "g", "level": "Activity", "goal": "x", "status": "met"}], "/goals/0/level"),
            (["goals"], [{"id": "g", "level": "activity", "goal": "x", "status": "Met"}], "/goals/0/status"),
        ]
        for path, value, ptr in cases:
            with self.subTest(ptr=ptr):
                self.fresh()
                parent = self.json
                for key in path[:-1]:
                    parent = parent[key]
                parent[path[-1]] = value
                self.refused(f"p/project.json#{ptr}: error: ")

    def previous_summary(self, audience):
        out = self.builds()
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        if audience is None:
            summary.pop("audience")
        else:
            summary["audience"] = audience
        previous = self.tmp / "previous.json"
        previous.write_text(json.dumps(summary), encoding="utf-8")
        return previous

    def test_previous_refuses_a_summary_unless_its_audience_is_exactly_internal(self):
        for audience, message in [
            ("public", "is a public summary.json, with small counts hidden; give the internal one"),
            ("Public", "is not a maaltal summary.json: /audience is 'Public' (expected \"internal\")"),
            ("PUBLIC", "/audience is 'PUBLIC' (expected \"internal\")"),
            (None, "/audience is missing or of the wrong type"),
        ]:
            with self.subTest(audience=audience):
                previous = self.previous_summary(audience)
                built = run("build", str(self.project / "project.json"), "--out", str(self.tmp / "out2"),
                            "--previous", str(previous))
                self.assertEqual(built.returncode, 4, built.stderr)
                self.assertIn(message, built.stderr)

    def test_previous_refuses_a_value_that_is_not_a_count(self):
        previous = self.previous_summary("internal")
        good = json.loads(previous.read_text(encoding="utf-8"))
        for value in [1e308, -1, 2.5, "7", 1e9 + 1]:
            with self.subTest(value=value):
                summary = json.loads(json.dumps(good))
                summary["total"]["values"]["visiterede"]["series"][0]["new"] = value
                previous.write_text(json.dumps(summary), encoding="utf-8")
                built = run("build", str(self.project / "project.json"), "--out", str(self.tmp / "out2"),
                            "--previous", str(previous))
                self.assertEqual(built.returncode, 4, built.stderr)
                self.assertIn("is not a maaltal summary.json: /total/values/visiterede/series/0/new is not a count "
                              "(a whole number from 0 to 10^9, or null)", built.stderr)
        summary = json.loads(json.dumps(good))
        summary["units"][0]["values"]["visiterede"]["actual"] = 1e308
        previous.write_text(json.dumps(summary), encoding="utf-8")
        built = run("build", str(self.project / "project.json"), "--out", str(self.tmp / "out2"),
                    "--previous", str(previous))
        self.assertEqual(built.returncode, 4, built.stderr)
        self.assertIn("/units/0/values/visiterede/actual is not a figure (a number from 0 to 10^9, or null)",
                      built.stderr)

    def test_previous_takes_an_internal_summary(self):
        previous = self.previous_summary("internal")
        built = run("build", str(self.project / "project.json"), "--out", str(self.tmp / "out2"),
                    "--previous", str(previous))
        self.assertEqual(built.returncode, 0, built.stderr)


class Encoding(Hostile):
    def registrations(self):
        return self.project / "registrations.csv"

    def test_one_stray_byte_in_a_utf8_file_is_refused_with_its_line_and_column(self):
        lines = self.registrations().read_bytes().split(b"\n")
        self.assertIn("æ".encode(), b"\n".join(lines), "the sample must hold UTF-8 letters")
        lines[2] = lines[2].replace(b"mand", b"m\xe6nd", 1).replace(b"kvinde", b"kv\xe6nde", 1)
        self.registrations().write_bytes(b"\n".join(lines))
        prefix = lines[2].split(b"\xe6")[0].decode()
        self.refused(f"registrations.csv:3:{len(prefix) + 1}: the byte 0xE6 is not UTF-8, though the rest of the "
                     "file is UTF-8 (it has æ, ø or å written as UTF-8): part of it was saved in another encoding. "
                     "Save the whole file as UTF-8", code=4)

    def test_a_stray_byte_before_the_first_utf8_letter_is_found_too(self):
        text = self.registrations().read_text(encoding="utf-8")
        lines = [line.encode("ascii", "replace") for line in text.split("\n")]
        lines[1] = lines[1].replace(b";", b"\xf8;", 1)
        lines[-2] = lines[-2] + "ø".encode()
        self.registrations().write_bytes(b"\n".join(lines))
        self.refused("registrations.csv:2:7: the byte 0xF8 is not UTF-8", code=4)

    def test_a_stray_byte_in_project_json_is_refused(self):
        self.save()
        path = self.project / "project.json"
        path.write_bytes(path.read_bytes().replace("på".encode(), b"p\xe5", 1))
        checked = run("check", str(path))
        self.assertEqual(checked.returncode, 4, checked.stderr)
        self.assertIn("project.json:1:", checked.stderr)
        self.assertIn("the byte 0xE5 is not UTF-8", checked.stderr)

    def test_a_whole_windows_1252_file_is_still_read(self):
        text = self.registrations().read_text(encoding="utf-8")
        self.registrations().write_bytes(text.encode("cp1252"))
        out = self.builds()
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        self.assertIn("windows-1252", json.dumps(summary["input_encoding"]))


if __name__ == "__main__":
    unittest.main()
