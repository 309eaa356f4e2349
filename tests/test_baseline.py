"""Baseline: accept today's findings, fail only on new ones; fingerprints survive lines moving."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest

from checker.baseline import fingerprints
from checker.findings import Finding
from tests.test_cli import ROOT, json_findings, run, stderr_lines, write

DEFECTIVE = ROOT / "fixtures" / "reports" / "defective_2021_department.txt"
CLEAN = ROOT / "fixtures" / "reports" / "clean_2021_department.txt"
PLACEHOLDER = "本年度本局共新收政府信息公开申请XX件"


@pytest.fixture
def report(tmp_path) -> Path:
    return write(tmp_path / "reports" / "r.txt", DEFECTIVE.read_text(encoding="utf-8"))


def baseline_of(report: Path, where: Path) -> Path:
    result = run("check", "--write-baseline", where, report)
    assert result.exit_code == 0, result.stderr
    return where


def test_write_baseline_exits_0_and_records_every_finding(report, tmp_path):
    path = baseline_of(report, tmp_path / "baseline.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["tool"] == "ogi-check" and data["version"] == 1
    assert sorted(e["code"] for e in data["findings"]) == sorted(["P002", "C003", "A002", "A001", "N002", "Y001", "Y002",
                                                                             "T011", "T012", "T020"])
    assert all(e["path"] == "reports/r.txt" for e in data["findings"])  # relative to the baseline's folder
    assert len({e["fingerprint"] for e in data["findings"]}) == 10


def test_second_run_with_baseline_exits_0(report, tmp_path):
    path = baseline_of(report, tmp_path / "baseline.json")
    result = run("check", "--baseline", path, report)
    assert result.exit_code == 0
    assert "未发现问题" in result.stdout
    assert "基线中已有的 10 个问题未列出" in result.stderr  # how many the baseline hid


def test_new_defect_fails_again(report, tmp_path):
    path = baseline_of(report, tmp_path / "baseline.json")
    lines = report.read_text(encoding="utf-8").split("\n")
    lines.insert(14, "本年度主动公开政府信息XX条。")
    report.write_text("\n".join(lines), encoding="utf-8")
    result = run("check", "--format", "json", "--baseline", path, report)
    assert result.exit_code == 1
    assert [(f["code"], f["line"]) for f in json_findings(result)] == [("A002", 15)]


def test_edited_line_is_a_new_finding(report, tmp_path):
    path = baseline_of(report, tmp_path / "baseline.json")
    text = report.read_text(encoding="utf-8").replace(PLACEHOLDER, "本年度本局共新收政府信息公开申请（XX）件", 1)
    report.write_text(text, encoding="utf-8")
    result = run("check", "--format", "json", "--baseline", path, report)
    assert [f["code"] for f in json_findings(result)] == ["A002"]


def test_baseline_survives_lines_moving(report, tmp_path):
    path = baseline_of(report, tmp_path / "baseline.json")
    lines = report.read_text(encoding="utf-8").split("\n")
    lines[5:5] = ["本局高度重视政府信息公开工作，现将有关情况报告如下。", ""]
    report.write_text("\n".join(lines), encoding="utf-8")
    assert run("check", "--format", "json", report).exit_code == 1
    result = run("check", "--format", "json", "--baseline", path, report)
    assert result.exit_code == 0 and json_findings(result) == []


def test_baseline_works_from_another_folder(report, tmp_path, monkeypatch):
    baseline_of(report, tmp_path / "baseline.json")
    monkeypatch.chdir(tmp_path / "reports")
    result = run("check", "--baseline", "../baseline.json", "r.txt")
    assert result.exit_code == 0, result.stdout


def test_one_more_identical_defect_is_new(tmp_path):
    lines = CLEAN.read_text(encoding="utf-8").split("\n")
    lines[10:10] = ["此项待填：XX。", "此项待填：XX。"]
    report = write(tmp_path / "r.txt", "\n".join(lines))
    path = baseline_of(report, tmp_path / "baseline.json")
    lines[10:10] = ["此项待填：XX。"]  # a third identical line, above the others
    report.write_text("\n".join(lines), encoding="utf-8")
    result = run("check", "--format", "json", "--baseline", path, report)
    assert [(f["code"], f["line"]) for f in json_findings(result)] == [("A002", 13)]  # the last is the new one


def test_baseline_and_other_files(report, tmp_path):
    path = baseline_of(report, tmp_path / "baseline.json")
    other = write(tmp_path / "reports" / "other.txt", DEFECTIVE.read_text(encoding="utf-8"))
    result = run("check", "--format", "json", "--baseline", path, report, other)
    assert result.exit_code == 1
    assert {Path(f["path"]).name for f in json_findings(result)} == {"other.txt"}  # the path is in the fingerprint


@pytest.mark.parametrize("content,words", [
    (None, "不存在"),
    ("{not json", "JSON"),
    ('{"findings": []}', "ogi-check"),
    ('{"tool": "ogi-check", "version": 99, "findings": []}', "version"),
    ('{"tool": "ogi-check", "version": 1, "findings": [{"code": "A002"}]}', "findings[0]"),
])
def test_bad_baseline_is_one_line_and_exit_2(report, tmp_path, content, words):
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = run("check", "--baseline", path, report)
    assert result.exit_code == 2
    lines = stderr_lines(result)
    assert len(lines) == 1 and lines[0].startswith(str(path)) and words in lines[0], lines
    assert result.stdout == ""


def test_write_baseline_into_a_missing_folder(report, tmp_path):
    result = run("check", "--write-baseline", tmp_path / "no" / "such" / "b.json", report)
    assert result.exit_code == 2 and len(stderr_lines(result)) == 1


def test_fingerprint_ignores_line_and_whitespace_but_not_code_or_path():
    f = Finding(path="a/r.txt", line=3, column=2, code="A002", severity="error", message="m", excerpt="甲XX  乙")
    moved = Finding(path="a/r.txt", line=9, column=5, code="A002", severity="error", message="m2", excerpt=" 甲XX 乙")
    base = Path("/work")
    fp = lambda x: fingerprints([x], base)[0][0]  # noqa: E731
    assert fp(f) == fp(moved)
    assert fp(f) != fp(msgspec.structs.replace(f, code="A001"))
    assert fp(f) != fp(msgspec.structs.replace(f, path="b/r.txt"))
    assert fp(f) != fp(msgspec.structs.replace(f, excerpt="甲XX丙"))
    pair = fingerprints([f, moved], base)
    assert pair[0][0] != pair[1][0]  # the occurrence index tells identical findings apart
