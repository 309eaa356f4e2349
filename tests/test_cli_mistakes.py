"""The command line refuses mistakes instead of checking nothing: unknown codes, and says what it did
with --extend-select and --exit-zero (issue 10, "The CLI refuses mistakes")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main

REPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "reports"
DEFECTIVE = str(REPORTS / "defective_2021_department.txt")  # P002 C003 A002 A001 N002 Y001 Y002
CLEAN = str(REPORTS / "clean_2021_department.txt")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
def test_a_code_that_names_no_rule_is_one_line_and_exit_2(option):
    result = run("check", option, "ZZZ9", DEFECTIVE)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"{option}: error: 'ZZZ9' 没有对应的规则，用 `ogi-check rules` 查看全部代码 (matches no rule)"]
    assert result.stdout == ""


def test_a_prefix_that_names_rules_is_accepted():
    assert run("check", "--select", "P,C00", "--ignore", "T0", DEFECTIVE).exit_code == 1


def test_extend_select_adds_to_select():
    found = json.loads(run("check", "--format", "json", "--select", "P", "--extend-select", "N002", DEFECTIVE).stdout)
    assert {f["code"] for f in found} == {"P002", "N002"}


def test_extend_select_in_configuration_and_command_line(tmp_path):
    (tmp_path / ".ogi-check.yaml").write_text("select: [P]\nextend-select: [C]\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(Path(DEFECTIVE).read_text(encoding="utf-8"), encoding="utf-8")
    found = json.loads(run("check", "--format", "json", "--extend-select", "Y002", report).stdout)
    assert {f["code"] for f in found} == {"P002", "C003", "Y002"}


def test_exit_zero_reports_but_does_not_fail(tmp_path):
    result = run("check", "--exit-zero", DEFECTIVE)
    assert result.exit_code == 0 and "P002" in result.stdout
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01")
    assert run("check", "--exit-zero", DEFECTIVE, broken).exit_code == 2  # unreadable input: still 2
    assert run("check", "--exit-zero", CLEAN).exit_code == 0
