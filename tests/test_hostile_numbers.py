"""A "number" longer than Python converts (4,300 digits) is no count: the check runs on, no traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.cli import invoke

REPORT = Path(__file__).resolve().parent.parent / "fixtures" / "reports" / "defective_2021_department.txt"
BIG = "9" * 5000


@pytest.mark.parametrize("where", [
    r"(?<![\d.])\d+(?=[件条个项%％次])",  # counts and percentages in the prose and the tables
    r"(?<![\d.])\d+(?![\d.])",  # every number: years, dates, table cells
])
def test_a_five_thousand_digit_number_is_checked_without_a_traceback(tmp_path, where):
    path = tmp_path / "report.txt"
    path.write_text(re.sub(where, BIG, REPORT.read_text(encoding="utf-8")), encoding="utf-8")
    result = invoke("check", "--format", "json", str(path))
    assert result.exit_code in (0, 1), result.stderr
    assert result.stdout.startswith("{") or result.stdout.startswith("[")
