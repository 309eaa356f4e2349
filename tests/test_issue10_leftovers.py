"""Three small leftovers of issue 10, each pinned by a test that failed before its fix:
the P002 highlight spans the wrong year, a date line written with spaces is the 落款 date, and the
JSON excerpt of a finding on a very long line (a report whose layout was lost) is bounded."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner

from checker.analysis import analyse
from checker.cli import main
from checker.engine import check_report
from checker.facts import ReportOptions
from checker.findings import EXCERPT_AROUND, Finding
from checker.readers.plaintext import read_txt
from checker.rules import builtin_rules_dir, load_rule_file

TITLE = "青禾市水利局2023年政府信息公开工作年度报告"


def _report(*lines: str):
    return analyse(read_txt("report.txt", "\n".join(lines).encode("utf-8")), ReportOptions())


def _findings(code: str, *lines: str) -> list[Finding]:
    rule = load_rule_file(builtin_rules_dir() / code[0] / f"{code}.yaml", f"rules/{code[0]}/{code}.yaml")
    return check_report(_report(*lines), [rule])


# --- b. P002 highlights the wrong year, not one character ------------------------------------------

def test_period_highlight_spans_the_whole_written_period():
    # Once the wrong year only; now the whole period, which its fix rewrites in one edit (both years).
    line = "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。"
    (found,) = _findings("P002", TITLE, line)
    assert line[found.column - 1: found.end_column - 1] == "2022年1月1日起至2022年12月31日"
    assert found.fix == "2023年1月1日起至2023年12月31日"


def test_period_highlight_spans_the_range_when_only_a_day_is_wrong():
    line = "统计期限为2023年1月1日至2023年11月30日。"
    (found,) = _findings("P002", TITLE, line)
    assert line[found.column - 1: found.end_column - 1] == "2023年1月1日至2023年11月30日"


# --- c. a date line with spaces around its numbers is the 落款 ---------------------------------------

def test_spaced_date_line_is_the_publication_date():
    report = _report(TITLE, "一、总体情况", "正文。", "青禾市水利局", "2024 年 1 月 19 日")
    assert report.facts.publication is not None
    assert report.facts.publication.date == dt.date(2024, 1, 19)


def test_spaced_late_date_line_is_checked_against_the_deadline():
    found = _findings("Y003", TITLE, "一、总体情况", "正文。", "青禾市水利局", "2024 年 3 月 5 日")
    assert [f.line for f in found] == [5]


# --- d. bounded JSON excerpts ------------------------------------------------------------------------

def test_long_line_excerpt_is_cut_around_the_finding():
    text = "甲" * 1000 + "XX" + "乙" * 1000
    f = Finding("r.txt", 1, 1001, "A002", "error", "m", excerpt=text, end_line=1, end_column=1003)
    excerpt = f.to_dict()["excerpt"]
    assert excerpt == "…" + "甲" * EXCERPT_AROUND + "XX" + "乙" * EXCERPT_AROUND + "…"


def test_ordinary_line_is_quoted_whole():
    text = "本年度共新收政府信息公开申请4件。" * 8  # 136 characters: an ordinary paragraph
    f = Finding("r.txt", 1, 5, "T020", "error", "m", excerpt=text)
    assert f.to_dict()["excerpt"] == text


def test_flattened_report_json_stays_small(tmp_path):
    body = "，".join(f"本局第{i}项工作稳步推进" for i in range(300))
    path = tmp_path / "flat.txt"
    path.write_text(f"{TITLE}\n{body}，另有XX项工作待填写。{body}。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--select", "A002", "--format", "json"])
    (finding,) = json.loads(result.stdout)
    assert "XX" in finding["excerpt"] and len(finding["excerpt"]) <= 2 * EXCERPT_AROUND + 4
