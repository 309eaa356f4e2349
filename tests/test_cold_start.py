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
    # gettext for its text, which imports locale to look for message catalogues (1 % of a cold check)
    for module in ("checker.suppress", "checker.tables.appendix", "yaml", "jsonschema", "hashlib",
                   "checker.overview", "tomllib", "pathlib", "json", "string", "locale"):
        assert module not in loaded, module
    assert "checker.facts" in loaded  # the probe saw the check run
