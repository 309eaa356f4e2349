"""A cold check imports and compiles only what the report needs (issue 12 item 1), and what is compiled
on first use is still refused when its rule file loads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from checker.errors import CheckerError
from checker.rules import builtin_rules_dir, load_rule_file

ROOT = Path(__file__).resolve().parent.parent
CLEAN = ROOT / "fixtures" / "reports" / "clean_2021_department.txt"


def _edited_rule(tmp_path: Path, source: str, edit) -> Path:
    data = yaml.safe_load((builtin_rules_dir() / source).read_text(encoding="utf-8"))
    data["code"] = "Z901"
    edit(data["params"])
    folder = tmp_path / "Z"
    folder.mkdir()
    path = folder / "Z901.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("source, edit", [
    ("T/T022.yaml", lambda p: p.__setitem__("total_markers", ["共("])),
    ("T/T021.yaml", lambda p: p["denominators"][0].__setitem__("keyword", "申请(")),
    ("T/T021.yaml", lambda p: p["denominators"][0].__setitem__("stated", "共({N}件")),
])
def test_a_broken_regex_compiled_on_first_use_is_refused_when_the_rule_loads(tmp_path, source, edit):
    with pytest.raises(CheckerError, match="params: missing \\)"):
        load_rule_file(_edited_rule(tmp_path, source, edit))


def test_a_cached_check_of_a_clean_text_report_skips_what_it_does_not_need(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "OGI_CHECK_NO_CACHE"}
    env.update(OGI_CHECK_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(ROOT))
    probe = ("import sys; from checker.cli import main\n"
             "try:\n    main(['check', sys.argv[1]], prog_name='ogi-check')\nexcept SystemExit:\n    pass\n"
             "print(' '.join(sorted(sys.modules)))")
    report = tmp_path / "project" / CLEAN.name  # in a project whose pyproject.toml is another tool's only
    report.parent.mkdir()
    report.write_bytes(CLEAN.read_bytes())
    (report.parent / "pyproject.toml").write_text('[tool.black]\nline-length = 100\n', encoding="utf-8")
    for _ in range(2):  # the first run fills the rule cache
        out = subprocess.run([sys.executable, "-c", probe, str(report)], env=env, cwd=tmp_path,
                             capture_output=True, text=True, check=True).stdout
    loaded = set(out.splitlines()[-1].split())
    # no directive in the report, no 2007-era 附表, no YAML or jsonschema with the rules cached, no hashlib
    # (the cache is keyed by a stamp of stat results, a clean report has no fingerprints), no overview
    # and no TOML parser for a pyproject.toml without [tool.ogi-check]; paths as strings, no pathlib (with
    # urllib.parse and ipaddress, ~3 % of a cold check); the text output needs no json; no option asks
    # gettext for its text, which imports locale to look for message catalogues (1 % of a cold check); the
    # timed regexes of a user's rules are not needed, nor the layout recoveries of a report whose layout is fine
    for module in ("checker.suppress", "checker.tables.appendix", "yaml", "jsonschema", "hashlib",
                   "checker.overview", "tomllib", "pathlib", "json", "string", "locale",
                   "checker.kinds._userregex", "checker.layout.cutting", "checker.layout.joining",
                   "checker.layout.appendix", "checker.layout.tablerows", "checker.layout.rendition"):
        assert module not in loaded, module
    assert "checker.facts" in loaded  # the probe saw the check run


def test_the_console_script_imports_msgspec_without_typing_extensions(tmp_path):
    """The console script's process hides typing_extensions from msgspec (checker/console.py), and its
    output is that of the command line run in a process where msgspec has it."""
    env = {k: v for k, v in os.environ.items() if k != "OGI_CHECK_NO_CACHE"}
    env.update(OGI_CHECK_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(ROOT))
    probe = ("import sys; from checker import console\n"
             "console.end = lambda code: (print('\\n' + ' '.join(sorted(sys.modules))), sys.exit(code))\n"
             "sys.argv = ['ogi-check', 'check', '--format', 'json', sys.argv[1]]\nconsole.main()")
    direct = ("import sys, typing_extensions; from checker.cli import main\n"
              "main(['check', '--format', 'json', sys.argv[1]], prog_name='ogi-check')")
    report = tmp_path / CLEAN.name
    report.write_bytes(CLEAN.read_bytes().replace("电话".encode(), "电 话".encode()))  # a finding or two
    for _ in range(2):  # the first run fills the rule cache (jsonschema brings typing_extensions)
        done = subprocess.run([sys.executable, "-c", probe, str(report)], env=env, cwd=tmp_path,
                              capture_output=True, text=True)
    output, _, modules = done.stdout.rstrip("\n").rpartition("\n")
    assert "msgspec" in modules.split() and "typing_extensions" not in modules.split()
    plain = subprocess.run([sys.executable, "-c", direct, str(report)], env=env, cwd=tmp_path, capture_output=True,
                           text=True)
    assert (done.returncode, output.rstrip("\n")) == (plain.returncode, plain.stdout.rstrip("\n"))
    assert '"code"' in output


def test_msgspec_imported_without_typing_extensions_still_decodes_typed_records():
    probe = ("import sys; from checker import console\nconsole._import_msgspec()\n"
             "assert 'typing_extensions' not in sys.modules\nimport typing_extensions, msgspec\n"
             "from typing import Optional\n"
             "class R(msgspec.Struct):\n    code: str\n    line: Optional[int] = None\n"
             "print(msgspec.json.decode(b'{\"code\": \"C001\", \"line\": 3}', type=R))")
    done = subprocess.run([sys.executable, "-c", probe], env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "R(code='C001', line=3)"


def test_a_check_makes_only_the_options_of_check():
    """The options of the other eight commands are made when their command is first parsed or shown
    (cli._option), and each command's help still lists every one of its options."""
    probe = ("import click.core, sys\nmade = []\nplain = click.core.Parameter.__init__\n"
             "def count(self, *a, **k):\n    made.append(self)\n    plain(self, *a, **k)\n"
             "click.core.Parameter.__init__ = count\n"
             "from checker.cli import main\n"
             "try:\n    main(['check', '--format', 'json', sys.argv[1]], prog_name='ogi-check')\nexcept SystemExit:\n    pass\n"
             "check = main.commands['check']\n"
             "print(len(made), len(check.params), sorted(p.name for p in made if p not in check.params))")
    done = subprocess.run([sys.executable, "-c", probe, str(CLEAN)], env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, check=True)
    made, of_check, others = done.stdout.strip().splitlines()[-1].split(" ", 2)
    # check's own, the group's --version, and the help option of the group and of check
    assert int(of_check) >= 20 and int(made) == int(of_check) + 3, done.stdout
    assert others == "['help', 'help', 'version']"
    from click.testing import CliRunner

    from checker.cli import main

    shown = CliRunner().invoke(main, ["fix", "--help"])
    for option in ("--output", "--in-place", "--unsafe-fixes", "--config", "--select", "-h, --help"):
        assert option in shown.output
