"""Whole-report golden tests: the exact text and JSON output for a few complete synthetic reports.

Regenerate after a deliberate change with ``OGI_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and
review the diff of fixtures/reports/*.expected.* before committing.
"""

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ["defective_2021_department", "defective_2019_department", "clean_2021_government", "clean_2007_county"]
UPDATE = os.environ.get("OGI_UPDATE_GOLDEN") == "1"


def _run(args):
    return CliRunner().invoke(main, ["check", *args])


@pytest.mark.parametrize("name", GOLDEN)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_golden_output(name, fmt, monkeypatch):
    monkeypatch.chdir(ROOT)  # paths in the output are as the user typed them
    result = _run([f"fixtures/reports/{name}.txt", "--format", fmt])
    assert result.exit_code in (0, 1), result.output
    expected_path = ROOT / "fixtures" / "reports" / f"{name}.expected.{'out' if fmt == 'text' else 'json'}"
    if UPDATE:
        expected_path.write_text(result.stdout, encoding="utf-8")
    expected = expected_path.read_text(encoding="utf-8")
    assert result.stdout == expected
    if fmt == "json":
        findings = json.loads(result.stdout)
        assert result.exit_code == (1 if any(f["severity"] == "error" for f in findings) else 0)
