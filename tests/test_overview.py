"""The batch overview: rule codes mapped to requirements as data, cells passed / failed (count) / not applicable,
the reports that passed included, and the same table as CSV with a BOM and as an Excel workbook (`--overview`)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.findings import Finding
from checker.overview import (FAILED, NOT_APPLICABLE, OTHER, PASSED, REQUIREMENTS, ReportAbout, build_overview,
                              requirement_of, table_rows)
from checker.rules import load_rules
from tests.support.cli import invoke as run

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "reports"
DEFECTIVE = FIXTURES / "defective_2021_department.txt"
CLEAN = FIXTURES / "clean_2021_department.txt"
OLD = FIXTURES / "clean_2007_county.txt"




def test_every_builtin_rule_has_its_requirement():
    keys = [r.key for r in REQUIREMENTS]
    assert len(keys) == len(set(keys))
    for rule in load_rules():
        column = requirement_of(rule.code)
        # only the checker's own notes (X: directives, rules not run) fall to 其他
        assert (column is OTHER) == rule.code.startswith("X"), rule.code
    assert requirement_of("P002").label == "统计期限" and requirement_of("Y003").label == "发布期限"
    assert requirement_of("T011").label == "勾稽关系" and requirement_of("T020").label == "正文与表格一致"
    assert requirement_of("Z901") is OTHER  # a project's own rule letter still lands in a column


def f(path: str, code: str) -> Finding:
    return Finding(path=path, line=1, column=1, code=code, severity="error", message="m")


def test_cells_passed_failed_not_applicable_and_rows_for_every_report():
    applicable = {"a.txt": ["P001", "P002", "C003", "T011"], "b.txt": ["P001", "T011", "T030"], "c.txt": ["P002"]}
    about = {"a.txt": ReportAbout("甲局", 2023, "2021", "department"), "b.txt": ReportAbout(with_previous=True)}
    findings = [f("a.txt", "P002"), f("a.txt", "P001"), f("a.txt", "T011"), f("b.txt", "T030")]
    overview = build_overview(["a.txt", "b.txt", "c.txt"], findings, applicable, about,
                              [InputError("d.docx", "不是 Word 文件")])
    a, b, c, d = overview.rows
    assert [r.path for r in overview.rows] == ["a.txt", "b.txt", "c.txt", "d.docx"]
    assert (a.cells["period"].state, a.cells["period"].count) == (FAILED, 2) and a.cells["period"].text == "✗ 2"
    assert a.cells["contacts"].state == PASSED and a.cells["identities"].state == FAILED
    assert a.cells["sections"].state == NOT_APPLICABLE  # no S rule applied
    assert a.cells["previous"].state == NOT_APPLICABLE  # no last year's report
    assert b.cells["previous"].state == FAILED and b.cells["period"].state == PASSED
    assert c.findings == 0 and c.failed == 0 and c.cells["period"].state == PASSED  # passed reports are rows too
    assert d.error == "不是 Word 文件" and not d.cells
    assert overview.by_requirement["period"] == 2 and overview.by_requirement["previous"] == 1
    table = table_rows(overview)
    assert table[0][:6] == ["文件", "机关", "年度", "格式", "机关类型", "问题数"]
    assert table[1][:6] == ["a.txt", "甲局", 2023, "2021年格式", "政府部门", 3]
    assert table[4][-1] == "无法读取：不是 Word 文件"


def test_overview_csv_has_a_bom_and_matches_the_json_findings(tmp_path):
    target = tmp_path / "概览.csv"
    result = run("check", "-q", "--overview", target, DEFECTIVE, CLEAN, OLD)
    assert result.exit_code == 1
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel on a Chinese Windows reads UTF-8 only with it
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert [r[0] for r in body] == [str(DEFECTIVE), str(CLEAN), str(OLD)]
    found = json.loads(run("check", "--format", "json", DEFECTIVE).stdout)
    expected = Counter(requirement_of(x["code"]).label for x in found)
    defective = dict(zip(header, body[0]))
    assert int(defective["问题数"]) == len(found)
    for label, n in expected.items():
        assert defective[label] == f"✗ {n}"
    clean = dict(zip(header, body[1]))
    assert clean["问题数"] == "0" and clean["统计表"] == "✓" and clean["机关"] == "青禾市生态环境局"
    old = dict(zip(header, body[2]))
    assert old["格式"] == "2007年条例" and old["统计表"] == "不适用"  # no national tables before 2019


def test_overview_xlsx_is_the_same_table(tmp_path):
    from openpyxl import load_workbook

    csv_file, xlsx_file = tmp_path / "o.csv", tmp_path / "o.xlsx"
    assert run("check", "-q", "--overview", csv_file, DEFECTIVE, CLEAN).exit_code == 1
    assert run("check", "-q", "--overview", xlsx_file, DEFECTIVE, CLEAN).exit_code == 1
    sheet = load_workbook(xlsx_file).active
    cells = [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    assert cells == list(csv.reader(io.StringIO(csv_file.read_bytes().decode("utf-8-sig"))))
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref


def test_overview_never_overwrites_an_input_and_takes_only_csv_or_xlsx(tmp_path):
    report = tmp_path / "report.txt"
    report.write_bytes(CLEAN.read_bytes())
    link = tmp_path / "o.csv"
    os.symlink(report, link)
    result = run("check", "--overview", link, report)
    assert result.exit_code == 2 and "--overview 会覆盖要读取的文件" in result.stderr
    assert report.read_bytes() == CLEAN.read_bytes()
    result = run("check", "--overview", tmp_path / "o.pdf", report)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and ".xlsx 或 .csv" in result.stderr
    same = tmp_path / "same.csv"
    result = run("check", "--overview", same, "--output", same, report)
    assert result.exit_code == 2 and not same.exists()


def test_html_page_of_a_batch_has_the_overview(tmp_path):
    target = tmp_path / "batch.html"
    assert run("check", "--format", "html", "-o", target, DEFECTIVE, CLEAN).exit_code == 1
    html = target.read_text(encoding="utf-8")
    assert 'id="overview"' in html and "<svg" in html and "table class=\"overview sortable\"" in html
    assert html.count("<script>") == 1  # only the few lines that sort the overview
    assert f'<a href="#file-1">{CLEAN}</a>' in html and 'id="file-1"' in html  # the clean report, linked
    single = run("check", "--format", "html", DEFECTIVE).stdout
    assert 'id="overview"' not in single and "<script" not in single


@pytest.mark.parametrize("command", [["check", str(CLEAN)], ["check", "--format", "html", str(CLEAN)]])
def test_check_does_not_import_the_web_framework(command):
    code = ("import sys\nfrom checker.cli import main\n"
            f"sys.argv = ['ogi-check', *{command!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write(str(sorted(m for m in ('starlette', 'uvicorn', 'openpyxl') if m in sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stderr.strip().endswith("[]"), done.stderr


def test_overview_is_the_same_with_worker_processes(tmp_path):
    serial, parallel = tmp_path / "serial.csv", tmp_path / "parallel.csv"
    assert run("check", "-q", "--overview", serial, DEFECTIVE, CLEAN, OLD).exit_code == 1
    assert run("check", "-q", "-j", "2", "--overview", parallel, DEFECTIVE, CLEAN, OLD).exit_code == 1
    assert parallel.read_bytes() == serial.read_bytes()
