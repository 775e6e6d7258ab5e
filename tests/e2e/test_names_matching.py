"""Names or codes, and no silent miscount (issue 22).

Run by ctest; MAALTAL_BIN names the binary. A project like the project
manager's of issue 22 ("Flere i job": Vejle, Horsens, Hedensted) is written
here, with the counts a person would make by hand known in advance: each case
is one that printed a wrong number with "0 errors" before.
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("MAALTAL_BIN", str(ROOT / "build/dev/maaltal"))

# 71 with an outcome: 40 "Ordinære timer", 31 "Fleksjob", as the sheet spells them.
OUTCOMES = ["Ordinære timer"] * 40 + ["Fleksjob"] * 31
# Two yes/no columns: 50 in ordinary hours, 23 in a flex job, one of them in both: 72 people.
ORDINARY = 50
FLEX = 23
BOTH = 1


def run(*args):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    return subprocess.run([BIN, *args], capture_output=True, text=True, env=env, timeout=120)


class NamesAndMatching(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.project = {
            "id": "flere-i-job",
            "title": "Flere i job",
            "period": {"start": "2025-01-01", "end": "2026-12-31"},
            "as_of": "2025-12-31",
            "municipalities": ["Vejle", "Horsens Kommune", "766"],
            "indicators": [
                {"id": "visiterede", "label": "Visiterede", "kind": "count", "date_field": "visiteret"},
            ],
            "targets": [{"municipality": "vejle", "indicator": "visiterede", "value": 100},
                        {"municipality": "Horsens", "indicator": "visiterede", "value": 50},
                        {"municipality": 766, "indicator": "visiterede", "value": 30}],
            "registrations": {"file": "reg.csv", "delimiter": ";",
                              "columns": {"participant": "borger", "municipality": "kommune"}},
        }
        self.rows = []
        units = ["Vejle", "vejle", " Vejle  Kommune ", "630", "Horsens", "HORSENS", "Hedensted"]
        for n in range(150):
            outcome = OUTCOMES[n] if n < len(OUTCOMES) else ""
            ordinary = "x" if n < ORDINARY else ""
            flex = "x" if ORDINARY - BOTH <= n < ORDINARY - BOTH + FLEX else ""
            self.rows.append([f"B{n:03}", units[n % len(units)], "2025-03-01", outcome, ordinary, flex])

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def write(self):
        (self.tmp / "project.json").write_text(json.dumps(self.project, ensure_ascii=False), encoding="utf-8")
        lines = ["borger;kommune;visiteret;udfald;Ordinære timer;Fleksjob"] + [";".join(r) for r in self.rows]
        (self.tmp / "reg.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return str(self.tmp / "project.json")

    def build(self, *extra):
        out = self.tmp / "out"
        shutil.rmtree(out, ignore_errors=True)
        result = run("build", self.write(), "--out", str(out), *extra)
        self.assertEqual(result.returncode, 0, result.stderr[-3000:])
        return json.loads((out / "summary.json").read_text(encoding="utf-8")), result

    def total(self, summary, indicator):
        return summary["total"]["values"][indicator]["actual"]

    def add(self, indicator):
        self.project["indicators"].append(indicator)

    def test_municipalities_by_name_everywhere(self):
        summary, result = self.build()
        self.assertEqual(result.stderr.count("E104"), 0, result.stderr)
        self.assertEqual(self.total(summary, "visiterede"), 150)
        self.assertEqual([u["code"] for u in summary["units"]], ["766", "615", "630"])

    def test_a_misspelt_municipality_gets_the_likely_one(self):
        self.rows[0][1] = "Vejel"
        result = run("check", self.write())
        self.assertEqual(result.returncode, 1)
        self.assertIn("reg.csv:2:6: error: unknown municipality 'Vejel'; did you mean 630 (Vejle)? [E104]",
                      result.stderr)

    def test_two_yes_no_columns_meant_as_either_count_once_with_any(self):
        # Two keys in one `where` mean AND: 1 person. `any` says OR: 72, the one in both once.
        self.add({"id": "begge", "label": "Begge", "kind": "count", "date_field": "visiteret",
                  "where": {"Ordinære timer": True, "Fleksjob": True}})
        self.add({"id": "i_job", "label": "I job", "kind": "count", "date_field": "visiteret",
                  "any": [{"Ordinære timer": True}, {"Fleksjob": True}]})
        summary, _ = self.build()
        self.assertEqual(self.total(summary, "begge"), BOTH)
        self.assertEqual(self.total(summary, "i_job"), ORDINARY + FLEX - BOTH)

    def test_where_values_match_without_regard_to_case(self):
        self.add({"id": "i_job", "label": "I job", "kind": "count", "date_field": "visiteret",
                  "where": {"udfald": ["ordinære timer", "fleksjob"]}})
        summary, result = self.build()
        self.assertEqual(self.total(summary, "i_job"), 71)
        self.assertNotIn("W125", result.stderr)
        self.assertNotIn("W126", result.stderr)

    def test_a_value_no_where_names_is_reported_once_with_its_count(self):
        for n in range(3):
            self.rows[100 + n][3] = "Fleksjb"
        self.add({"id": "i_job", "label": "I job", "kind": "count", "date_field": "visiteret",
                  "where": {"udfald": ["Ordinære timer", "Fleksjob", "Flexjob"]}})
        _, result = self.build()
        self.assertIn("reg.csv:102: warning: 'Fleksjb' in column 'udfald' is in 3 rows that no indicator's where "
                      "names; they count for no indicator filtered on 'udfald' (did you mean 'Fleksjob'?) [W125]",
                      result.stderr)
        self.assertEqual(result.stderr.count("[W125]"), 1)
        self.assertIn("project.json#/indicators/1/where/udfald: warning: 'Flexjob' never occurs in column 'udfald' "
                      "of the registrations; it counts nobody (did you mean 'Fleksjob'?) [W126]", result.stderr)

    def test_helpers_with_show_false_are_in_no_output(self):
        # The two-sums way double counts the person in both; `any` does not, and
        # the helpers feeding the sum are kept out of every output.
        self.add({"id": "hjaelp_ordinaer", "label": "Hjælpetal ordinær", "kind": "count",
                  "date_field": "visiteret", "where": {"Ordinære timer": True}, "show": False})
        self.add({"id": "hjaelp_fleks", "label": "Hjælpetal fleks", "kind": "count",
                  "date_field": "visiteret", "where": {"Fleksjob": True}, "show": False})
        self.add({"id": "summen", "label": "Summen", "kind": "sum", "of": ["hjaelp_ordinaer", "hjaelp_fleks"],
                  "description": "Ordinære timer plus fleksjob"})
        self.add({"id": "i_job", "label": "I job", "kind": "count", "date_field": "visiteret",
                  "any": [{"Ordinære timer": True}, {"Fleksjob": True}]})
        summary, result = self.build("--audience", "internal")
        self.assertEqual(self.total(summary, "summen"), ORDINARY + FLEX)  # the double count a sum makes
        self.assertEqual(self.total(summary, "i_job"), ORDINARY + FLEX - BOTH)
        self.assertNotIn("W127", result.stderr)
        out = self.tmp / "out"
        self.assertEqual([i["id"] for i in summary["indicators"]], ["visiterede", "summen", "i_job"])
        self.assertEqual(sorted(summary["total"]["values"]), ["i_job", "summen", "visiterede"])
        texts = {"status.md": (out / "status.md").read_text(encoding="utf-8"),
                 "index.html": (out / "index.html").read_text(encoding="utf-8")}
        with zipfile.ZipFile(out / "report.xlsx") as book:
            texts["report.xlsx"] = "".join(book.read(n).decode("utf-8") for n in book.namelist()
                                           if n.endswith(".xml"))
        for name, text in texts.items():
            for hidden in ("Hjælpetal ordinær", "Hjælpetal fleks"):
                self.assertNotIn(hidden, text, name)

    def test_a_hidden_indicator_nothing_uses_is_warned(self):
        self.add({"id": "hjaelp", "label": "Hjælp", "kind": "count", "date_field": "visiteret", "show": False})
        result = run("check", self.write())
        self.assertIn("project.json#/indicators/1/show: warning: indicator 'hjaelp' is not shown (\"show\": false) "
                      "and no sum or ratio uses it; it is computed for nothing [W127]", result.stderr)


if __name__ == "__main__":
    unittest.main()
