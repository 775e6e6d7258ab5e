"""Installed like a Unix tool (issue 19): cmake --install into a temporary
prefix and cpack -G DEB from the build folder; the installed binary builds an
installed sample with the source tree hidden; the man page renders without
warnings and lists exactly the options --help lists; bash completion
completes; the .deb holds what a Debian user needs. Nothing outside temporary
folders is changed.

Run by ctest; MAALTAL_BUILD_DIR names the build folder (its CPackConfig.cmake
and man page), MAALTAL_SOURCE_DIR the source tree to hide.
"""
import gzip
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
BUILD = pathlib.Path(os.environ.get("MAALTAL_BUILD_DIR", str(ROOT / "build/dev")))
SOURCE = pathlib.Path(os.environ.get("MAALTAL_SOURCE_DIR", str(ROOT)))
COMMANDS = ("build", "check", "pool", "init", "generate", "template", "config")


def run(*args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, check=True, **kwargs)


def version_of_build():
    cache = (BUILD / "CMakeCache.txt").read_text(encoding="utf-8")
    return re.search(r"^CMAKE_PROJECT_VERSION:STATIC=(.+)$", cache, re.M).group(1)


def help_options(text):
    """The options a --help text lists: each line of the Options section's
    names ("  -o,--out TEXT ..." gives -o and --out); descriptions are indented
    further and never counted."""
    options = set()
    for line in text.splitlines():
        found = re.match(r"^  ((?:-[\w-]+,)*--?[\w-]+)", line)
        if found:
            options.update(found.group(1).split(","))
    return options


def help_commands(text):
    section = text.split("Subcommands:", 1)[1]
    return {m.group(1) for m in re.finditer(r"^  (\w+) ", section, re.M)}


def man_options(roff):
    """The options of each subsection of OPTIONS, by subsection title: the
    names in each .TP tag line."""
    body = roff.split("\n.SH OPTIONS\n", 1)[1].split("\n.SH ", 1)[0]
    sections = {}
    for part in ("\n" + body).split("\n.SS ")[1:]:
        title, _, text = part.partition("\n")
        lines = text.splitlines()
        tags = [lines[i + 1] for i, line in enumerate(lines) if line == ".TP"]
        names = set()
        for tag in tags:
            names.update(re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", tag.replace("\\-", "-")))
        sections[title.strip('"')] = names
    return sections


class InstalledTool(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="maaltal-install-")
        tmp = pathlib.Path(cls.tmp.name)
        cls.prefix = tmp / "prefix"
        run("cmake", "--install", str(BUILD), "--prefix", str(cls.prefix))
        cls.bin = cls.prefix / "bin/maaltal"
        cls.version = version_of_build()
        run("cpack", "--config", str(BUILD / "CPackConfig.cmake"), "-G", "DEB", "-B", str(tmp / "package"))
        cls.deb = tmp / "package" / f"maaltal_{cls.version}_amd64.deb"

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_the_prefix_holds_binary_man_page_completion_samples_and_copyright(self):
        for path in ("bin/maaltal", "share/man/man1/maaltal.1.gz", "share/bash-completion/completions/maaltal",
                     "share/zsh/vendor-completions/_maaltal", "share/doc/maaltal/copyright",
                     "share/doc/maaltal/README.md", "share/maaltal/sample-data/vi-goer-en-forskel/project.json",
                     "share/maaltal/templates/status.md.mustache", "share/maaltal/config/project-defaults.json"):
            with self.subTest(path):
                self.assertTrue((self.prefix / path).is_file())
        self.assertTrue(os.access(self.bin, os.X_OK))

    def test_the_installed_binary_builds_an_installed_sample_with_the_source_tree_hidden(self):
        with tempfile.TemporaryDirectory() as work:
            sample = pathlib.Path(work) / "sample"
            shutil.copytree(self.prefix / "share/maaltal/sample-data/vi-goer-en-forskel", sample)
            # A private mount namespace lays an empty folder over the source
            # tree (and the build folder in it): nothing there can be read.
            script = (f'mount -t tmpfs none "{SOURCE}" && test -z "$(ls -A "{SOURCE}")" && '
                      f'"{self.bin}" build sample/project.json --out out && "{self.bin}" --version')
            result = subprocess.run(["unshare", "--map-root-user", "--mount", "sh", "-c", script], cwd=work,
                                    capture_output=True, text=True, env={**os.environ, "LC_ALL": "C.UTF-8"})
            self.assertEqual(result.returncode, 0, result.stderr)
            version_line = result.stdout.splitlines()[-1]
            self.assertRegex(version_line, r"^maaltal \S+ \(libxlsxwriter [\d.]+, cmark-gfm \S+, ICU [\d.]+, "
                                           r"nlohmann-json [\d.]+\)$")
            out = pathlib.Path(work) / "out"
            # Every output records the very text --version prints.
            summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
            self.assertEqual("maaltal " + summary["generator"]["version"], version_line)
            self.assertIn(f'<meta name="generator" content="{version_line}">',
                          (out / "index.html").read_text(encoding="utf-8"))
            self.assertIn(version_line, (out / "status.md").read_text(encoding="utf-8"))
            book = openpyxl.load_workbook(out / "report.xlsx")
            self.assertEqual(book.properties.description, version_line)
            self.assertIn(version_line, [cell for sheet in book for row in sheet.values for cell in row])

    def test_config_and_template_print_the_files_installed_under_share(self):
        share = self.prefix / "share/maaltal"
        for command, folder in (("config", "config"), ("template", "templates")):
            installed = sorted(str(p.relative_to(share / folder)) for p in (share / folder).rglob("*") if p.is_file())
            with self.subTest(command):
                self.assertEqual(run(str(self.bin), command, "--list").stdout.splitlines(), installed)
                for name in installed:
                    self.assertEqual(run(str(self.bin), command, name).stdout,
                                     (share / folder / name).read_text(encoding="utf-8"))
        unknown = subprocess.run([str(self.bin), "config", "status.md.mustache"], capture_output=True, text=True)
        self.assertEqual((unknown.returncode, unknown.stdout), (6, ""))
        self.assertIn("no built-in file named 'status.md.mustache' (maaltal config --list names them)", unknown.stderr)

    def test_the_man_page_renders_without_warnings(self):
        page = self.prefix / "share/man/man1/maaltal.1.gz"
        result = subprocess.run(["man", "--warnings", "-l", str(page)], capture_output=True, text=True,
                                env={**os.environ, "LC_ALL": "C.UTF-8", "MANWIDTH": "80", "MANPAGER": "cat"})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")
        for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "INPUT FILES", "ENVIRONMENT", "EXIT STATUS",
                        "FILES", "EXAMPLES", "SEE ALSO"):
            self.assertRegex(result.stdout, rf"(?m)^{section}$")
        self.assertIn(f"maaltal {self.version}", result.stdout)

    def test_the_man_page_lists_exactly_the_options_help_lists(self):
        roff = gzip.decompress((self.prefix / "share/man/man1/maaltal.1.gz").read_bytes()).decode("utf-8")
        man = man_options(roff)
        top = run(str(self.bin), "--help").stdout
        self.assertEqual(help_commands(top), set(COMMANDS))
        self.assertEqual(set(man), {"Every command", *COMMANDS})
        self.assertEqual(man["Every command"], help_options(top))
        for command in COMMANDS:
            with self.subTest(command):
                options = help_options(run(str(self.bin), command, "--help").stdout)
                # -h/--help is the man page's "Every command" option.
                self.assertTrue({"-h", "--help"} <= options)
                self.assertEqual(man[command], options - {"-h", "--help"})
                self.assertIn(f".B {command}\n", roff.split("\n.SH SYNOPSIS\n", 1)[1].split("\n.SH ", 1)[0])

    def complete(self, *words):
        """What bash completion offers for `words`, the last one being completed."""
        script = ('source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _maaltal; '
                  'printf "%s\\n" "${COMPREPLY[@]}"')
        completion = self.prefix / "share/bash-completion/completions/maaltal"
        env = {**os.environ, "PATH": f"{self.prefix / 'bin'}:{os.environ['PATH']}"}
        result = run("bash", "--norc", "-c", script, "bash", str(completion), *words, env=env)
        return [line for line in result.stdout.splitlines() if line]

    def test_bash_completes_commands_options_values_and_built_in_names(self):
        self.assertEqual(self.complete("maaltal", "bu"), ["build"])
        self.assertEqual(self.complete("maaltal", "c"), ["check", "config"])
        self.assertEqual(self.complete("maaltal", "build", "p.json", "--dash"), ["--dashboard"])
        self.assertEqual(self.complete("maaltal", "build", "p.json", "--dashboard", "s"), ["single", "site"])
        self.assertEqual(self.complete("maaltal", "pool", "--audience", ""), ["public", "internal"])
        self.assertEqual(self.complete("maaltal", "check", "--locale", ""), ["da", "en"])
        self.assertEqual(self.complete("maaltal", "config", "proj"), ["project-defaults.json"])
        self.assertEqual(self.complete("maaltal", "--v"), ["--version"])

    def test_zsh_completes_in_an_interactive_shell(self):
        # An interactive zsh on a pseudo-terminal (zsh/zpty), Tab pressed
        # after each line; what it echoes back is searched for the completions.
        # No typed line holds what another completes to.
        lines = ["maaltal bu", "maaltal pool p.json --audience pu", "maaltal config proj"]
        # The sleeps leave zsh time to load and run the completion on a loaded CI
        # machine (at 0.5 s and 1 s the first Tab went unanswered while the
        # browser audit ran beside it).
        typed = "\n".join(f"zpty -w -n z $'\\x15{line}\\t'; sleep 2" for line in lines)
        script = f"""zmodload zsh/zpty
zpty z 'zsh -f -i'
zpty -w z "fpath=({self.prefix / 'share/zsh/vendor-completions'} \\$fpath); PATH={self.prefix / 'bin'}:\\$PATH; \\
autoload -U compinit; compinit -u -D; bindkey '^I' complete-word"
sleep 3
{typed}
while zpty -r -t z chunk; do print -rn -- "$chunk"; done
"""
        out = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", run("zsh", "-f", "-c", script).stdout)
        self.assertNotIn("_arguments", out)  # a completion spec zsh refused
        self.assertIn("maaltal build", out)
        self.assertIn("--audience public", out)
        self.assertIn("maaltal config project-defaults.json", out)

    def test_the_debian_package_has_depends_description_man_page_completion_and_copyright(self):
        self.assertTrue(self.deb.is_file(), f"no {self.deb.name}")
        info = run("dpkg-deb", "-I", str(self.deb)).stdout
        self.assertRegex(info, r"(?m)^ Package: maaltal$")
        self.assertRegex(info, rf"(?m)^ Version: {re.escape(self.version)}$")
        self.assertRegex(info, r"(?m)^ Architecture: amd64$")
        depends = re.search(r"(?m)^ Depends: (.+)$", info)
        self.assertIsNotNone(depends, "no Depends: " + info)
        depends = depends.group(1)
        # dpkg-shlibdeps' names for the shared libraries the binary links.
        for library in ("libc6", "libstdc++6", "libxlsxwriter", "libcmark-gfm0", "libicu", "libssl", "libzip",
                        "libexpat1", "libglpk"):
            with self.subTest(library):
                self.assertIn(library, depends)
        self.assertRegex(info, r"(?m)^ Description: goal-attainment reports for Danish employment projects\n  \S")
        contents = run("dpkg-deb", "-c", str(self.deb)).stdout
        for path in ("./usr/bin/maaltal", "./usr/share/man/man1/maaltal.1.gz",
                     "./usr/share/bash-completion/completions/maaltal", "./usr/share/zsh/vendor-completions/_maaltal",
                     "./usr/share/doc/maaltal/copyright", "./usr/share/maaltal/sample-data/smaa-tal/project.json"):
            with self.subTest(path):
                self.assertRegex(contents, rf"(?m) {re.escape(path)}$")


if __name__ == "__main__":
    unittest.main()
