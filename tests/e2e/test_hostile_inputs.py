"""Hostile and careless inputs (issue 15): every one ends in a documented exit
code and a located message, never a crash, a hang or all of the memory.

Run by ctest; MAALTAL_BIN names the binary. Each test copies a sample into a
temporary folder, makes one input hostile and runs the real binary with a
timeout: a hang fails the test instead of blocking the suite.
"""
import csv
import json
import os
import resource
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("MAALTAL_BIN", str(ROOT / "build/dev/maaltal"))
TIMEOUT = 30  # seconds; every case here ends in well under one


def run(*args, env=None, preexec_fn=None):
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, env=full_env, timeout=TIMEOUT,
                          preexec_fn=preexec_fn)


class HostileInputs(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="maaltal-hostile-"))
        self.addCleanup(shutil.rmtree, self.tmp)

    def sample(self, name):
        folder = Path(tempfile.mkdtemp(dir=self.tmp)) / name
        shutil.copytree(ROOT / "sample-data" / name, folder)
        return folder

    def project(self, folder):
        return json.loads((folder / "project.json").read_text(encoding="utf-8"))

    def save(self, folder, project):
        (folder / "project.json").write_text(json.dumps(project, ensure_ascii=False, indent=1), encoding="utf-8")

    def json_registrations(self, text=None):
        """smaa-tal with its registrations as a JSON array (or `text` instead)."""
        folder = self.sample("smaa-tal")
        with open(folder / "registrations.csv", encoding="utf-8") as f:
            rows = list(csv.DictReader(f, delimiter=";"))
        (folder / "registrations.json").write_text(text if text is not None else json.dumps(rows), encoding="utf-8")
        project = self.project(folder)
        project["registrations"]["file"] = "registrations.json"
        self.save(folder, project)
        return folder

    def json_counts(self, text):
        """job-og-trivsel with its counts as the JSON `text`."""
        folder = self.sample("job-og-trivsel")
        (folder / "antal.json").write_text(text, encoding="utf-8")
        project = self.project(folder)
        project["counts"]["file"] = "antal.json"
        self.save(folder, project)
        return folder

    def check_fails(self, folder, code, *expected, args=()):
        result = run("check", folder / "project.json", *args)
        self.assertEqual(result.returncode, code, result.stderr)
        for text in expected:
            self.assertIn(text, result.stderr)
        return result.stderr

    # Nesting: 100,000 levels crashed the message's JSON dump (SIGSEGV).

    def test_deep_registrations_json(self):
        folder = self.json_registrations("[" * 100_000 + "]" * 100_000)
        self.check_fails(folder, 1, "registrations.json:1:65: error: invalid JSON: arrays and objects nested more "
                                    "than 64 deep [E201]")

    def test_deep_counts_json(self):
        folder = self.json_counts('[{"count": ' + "[" * 100_000 + "]" * 100_000 + "}]")
        self.check_fails(folder, 1, "antal.json:1:74: error: invalid JSON: arrays and objects nested more than 64 "
                                    "deep [E201]")

    # SOURCE_DATE_EPOCH beyond the year 9999 crashed the workbook writer.

    def test_source_date_epoch_out_of_range(self):
        folder = self.sample("smaa-tal")
        for value in ["67768036191676800", "-100000000000000000", "1000000000000000", "-1", "253402300800"]:
            result = run("build", folder / "project.json", "--out", self.tmp / "out",
                         env={"SOURCE_DATE_EPOCH": value})
            self.assertEqual(result.returncode, 2, value + ": " + result.stderr)
            self.assertIn("SOURCE_DATE_EPOCH must be from 0 to 253402300799 (1970-01-01 to 9999-12-31), not " + value,
                          result.stderr)
            self.assertFalse((self.tmp / "out").exists())

    def test_source_date_epoch_at_the_end_of_9999(self):
        folder = self.sample("smaa-tal")
        result = run("build", folder / "project.json", "--out", self.tmp / "out",
                     env={"SOURCE_DATE_EPOCH": "253402300799"})
        self.assertEqual(result.returncode, 0, result.stderr)
        summary = json.loads((self.tmp / "out" / "summary.json").read_text(encoding="utf-8"))
        self.assertTrue(summary["generated_at"].startswith("9999-12-31"), summary["generated_at"])

    # Numbers beyond a double, and out of memory: "internal error", exit 70.

    def test_number_out_of_range_in_project_json(self):
        folder = self.sample("smaa-tal")
        text = (folder / "project.json").read_text(encoding="utf-8")
        (folder / "project.json").write_text(text.replace('"value": 45}', '"value": 1e400}', 1), encoding="utf-8")
        self.check_fails(folder, 1, "project.json#/targets/0/value: error: a number beyond the range of a number "
                                    "(about ±1.8e308) [E203]")

    def test_out_of_memory_is_exit_code_7(self):
        def limit_memory():
            resource.setrlimit(resource.RLIMIT_AS, (200 << 20, 200 << 20))

        probe = subprocess.run([BIN, "--version"], capture_output=True, preexec_fn=limit_memory)
        if probe.returncode != 0:
            self.skipTest("this binary does not start with 200 MiB of address space (a sanitizer build)")
        row = {"borger": "", "kommune": "461", "visiteret": "2024-01-01", "udfald": "", "udfaldsdato": "",
               "koen": "mand", "ydelsesgruppe": "Dagpenge"}
        rows = [dict(row, borger=f"P{i:07d}") for i in range(300_000)]
        folder = self.json_registrations(json.dumps(rows))
        result = run("check", folder / "project.json", preexec_fn=limit_memory)
        self.assertEqual(result.returncode, 7, result.stderr)
        self.assertIn("maaltal: error: out of memory", result.stderr)
        self.assertNotIn("internal error", result.stderr)

    # FIFOs blocked forever, /dev/zero spun forever: only regular files are read.

    def assert_not_regular(self, result, name):
        self.assertEqual(result.returncode, 4, result.stderr)
        self.assertIn(f"cannot read '{name}': it is not a regular file", result.stderr)

    def test_fifo_inputs(self):
        for name in ["project.json", "registrations.csv", "antal-aarhus.csv", "tekst/status.md"]:
            with self.subTest(name=name):
                folder = self.sample("job-og-trivsel")
                (folder / name).unlink()
                os.mkfifo(folder / name)
                result = run("check", folder / "project.json")
                self.assertEqual(result.returncode, 4, result.stderr)
                self.assertIn("it is not a regular file", result.stderr)
                self.assertIn(name, result.stderr)

    def test_fifo_previous(self):
        folder = self.sample("smaa-tal")
        os.mkfifo(self.tmp / "summary.json")
        result = run("build", folder / "project.json", "--out", self.tmp / "out", "--previous",
                     self.tmp / "summary.json")
        self.assert_not_regular(result, str(self.tmp / "summary.json"))

    def test_dev_zero_as_registrations(self):
        folder = self.sample("smaa-tal")
        (folder / "registrations.csv").unlink()
        (folder / "registrations.csv").symlink_to("/dev/zero")
        result = run("check", folder / "project.json")
        # Refused as a device here; a check of where an input may be may refuse it first.
        self.assertIn(result.returncode, (1, 4), result.stderr)
        self.assertIn("registrations.csv", result.stderr)

    # Warnings on every row: the messages beyond the kept ones are only counted.

    def test_many_warnings_are_counted_not_kept(self):
        folder = self.sample("smaa-tal")
        lines = ["borger;kommune;visiteret;udfald;udfaldsdato;koen;ydelsesgruppe"]
        lines += [f"P{i};461;2024-01-17;;;ukendt;Dagpenge" for i in range(20_000)]
        (folder / "registrations.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = run("check", folder / "project.json", "--max-errors", "0")
        self.assertEqual(result.returncode, 0)
        tail = result.stderr[-300:]  # the whole is 2 MB
        self.assertEqual(result.stderr.count("[W110]"), 10_000, tail)
        self.assertIn(" more not shown (only the first 10000 and the first of each code are kept)\n"
                      "by code: W110 20000 ", tail)
        result = run("check", folder / "project.json", "--max-errors", "10001")
        self.assertEqual(result.returncode, 2, result.stderr)

    # generate wrote until the disk was full.

    def test_generate_refuses_beyond_its_maximum(self):
        for n in ["99999999999999999999", "100000001"]:
            result = run("generate", "--participants", n, "--out", self.tmp / "gen")
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertFalse((self.tmp / "gen").exists())
        self.assertIn("--participants must be from 1 to 100000000 (10^8)", result.stderr)

    # Duplicate keys were accepted silently, the last one winning.

    def test_duplicate_keys(self):
        folder = self.sample("smaa-tal")
        text = (folder / "project.json").read_text(encoding="utf-8")
        text = text.replace('"as_of": "2024-06-30",', '"as_of": "2024-06-30", "as_of": "2024-03-31",')
        (folder / "project.json").write_text(text, encoding="utf-8")
        self.check_fails(folder, 1, "project.json#/as_of: error: this key is given twice in its object; give each "
                                    "key once [E205]")

        folder = self.json_registrations('[{"borger": "A", "kommune": "461", "borger": "B"}]')
        self.check_fails(folder, 1, "registrations.json#/0/borger: error: this key is given twice in its object; "
                                    "give each key once [E205]")

        folder = self.json_counts('[{"municipality": "751", "indicator": "screenet", "date": "2021-02", '
                                  '"count": 4, "count": 5}]')
        self.check_fails(folder, 1, "antal.json#/0/count: error: this key is given twice in its object; give each "
                                    "key once [E205]")

    # Numeric ids above 2^64 became one double, and two people one.

    def test_numeric_ids_beyond_2_64_are_refused(self):
        row = {"kommune": "461", "visiteret": "2024-01-17", "koen": "mand", "ydelsesgruppe": "Dagpenge"}
        text = ("[" + json.dumps(row)[:-1] + ', "borger": 18446744073709551616}, '
                + json.dumps(row)[:-1] + ', "borger": 18446744073709551617}, '
                + json.dumps(row)[:-1] + ', "borger": 18446744073709551615}]')
        folder = self.json_registrations(text)
        stderr = self.check_fails(folder, 1)
        for index in (0, 1):
            self.assertIn(f"registrations.json#/{index}/borger: error: expected the participant id as a string, or a "
                          "whole number below 2^64 without a fraction or exponent [E202]", stderr)
        self.assertNotIn("/2/borger", stderr)
        self.assertIn("3 rows read, 1 counted, 2 rejected", run("check", folder / "project.json").stdout)

    # An object, an array or a boolean as an id was counted, with no message.

    def test_ids_that_are_an_object_an_array_or_a_boolean_are_refused(self):
        row = {"kommune": "461", "visiteret": "2024-01-17", "koen": "mand", "ydelsesgruppe": "Dagpenge"}
        ids = ['{"SECRETID4": 1}', '["x"]', "true", '"A1"', "17"]
        text = "[" + ", ".join(json.dumps(row)[:-1] + f', "borger": {id}}}' for id in ids) + "]"
        folder = self.json_registrations(text)
        stderr = self.check_fails(folder, 1)
        for index in (0, 1, 2):
            self.assertIn(f"registrations.json#/{index}/borger: error: expected the participant id as a string, or a "
                          "whole number below 2^64 without a fraction or exponent [E202]", stderr)
        self.assertNotIn("/3/borger", stderr)
        self.assertNotIn("/4/borger", stderr)
        self.assertNotIn("SECRETID4", stderr)
        self.assertIn("5 rows read, 2 counted, 3 rejected", run("check", folder / "project.json").stdout)

    # A control character or escape sequence in an input reached the terminal raw.

    def test_control_characters_reach_no_terminal(self):
        folder = self.sample("job-og-trivsel")
        path = folder / "antal-aarhus.csv"
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join(lines + ["751;\x1b]0;PWNED\x07\x1b[2J;2021-02;4"]) + "\n", encoding="utf-8")
        stderr = self.check_fails(folder, 1, "\n751;?]0;PWNED??[2J;2021-02;4\n")
        self.assertNotIn("\x1b", stderr)
        self.assertNotIn("\x07", stderr)

    # E201 quoted nlohmann's "last read: ..." and showed the line: the id.

    def test_json_syntax_error_does_not_quote_the_input(self):
        folder = self.json_registrations('[{"borger": "0101901234, "kommune": "461"}]')
        stderr = self.check_fails(folder, 1, "registrations.json:1:27: error: invalid JSON: syntax error while "
                                             "parsing object - invalid literal; expected '}' [E201]")
        self.assertNotIn("0101901234", stderr)
        self.assertNotIn("last read", stderr)
        self.assertIn('\n[{"******": "**********, "*******": "***"}]\n                          ^', stderr)

    # --as-of far beyond the period: 40 s and 3.7 GB, then bad_alloc.

    def test_as_of_far_beyond_the_period_is_cheap(self):
        folder = self.sample("smaa-tal")
        for as_of in ["9999-12-31", "3000-01-01"]:
            result = subprocess.run(["/usr/bin/time", "-f", "%M", BIN, "check", folder / "project.json", "--as-of",
                                     as_of], capture_output=True, text=True, timeout=TIMEOUT)
            self.assertIn(result.returncode, (1, 2, 7), result.stderr)
            self.assertNotIn("internal error", result.stderr)
            self.assertIn("as-of", result.stderr)
            peak_kib = int(result.stderr.strip().splitlines()[-1])
            self.assertLess(peak_kib, 200 * 1024, result.stderr)


if __name__ == "__main__":
    unittest.main()
