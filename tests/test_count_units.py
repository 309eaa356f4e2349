"""Counts in every unit reports use (件、条、个、项、篇、次、场、期、人次 …), totals with or without 共, and
breakdowns introduced by 其中 or 包括 (issue 10, "Counts in other units")."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.rules import load_rules
from tests.support.reports import check_document, text_document

RULES = {r.code: r for r in load_rules()}
TITLE = "青禾市水利局2023年政府信息公开工作年度报告"


def found(code: str, text: str):
    return [f for f in check_document(text_document(f"{TITLE}\n{text}\n"), [RULES[code]]) if f.code == code]


@pytest.mark.parametrize("text,total,summed", [
    ("全年主动公开政务信息382条，包括政策文件35条，政策解读80条，工作动态2443条。", "382条", 2558),
    ("全年，本局主动公开政府信息426条，其中政策文件312条、政策解读96条、财政预决算信息148条。", "426条", 556),
    ("全年共举办政务公开培训12场，其中线上培训8场、线下培训6场。", "12场", 14),
    ("全年共召开新闻发布会5次，其中主要负责人出席4次、分管负责人出席3次。", "5次", 7),
    ("本年度共编印政府公报12期，其中常规期10期、专刊4期。", "12期", 14),
    ("全年共接待群众来访查阅320人次，其中查阅政策文件200人次、查阅办事指南150人次。", "320人次", 350),
])
def test_parts_over_a_total_in_any_unit(text, total, summed):
    (f,) = found("T022", text)
    assert f.message.startswith(f"总数为{total}") and f"之和为{summed}" in f.message


@pytest.mark.parametrize("text", [
    # one item published on several channels: a breakdown by channel may exceed the total
    "全年共发布信息1187条，其中门户网站发布1187条、微信公众号发布356条。",
    # a change, not a total
    "全年共受理申请30件，较上年增加5件，其中自然人申请20件、法人申请10件。",
    # parts within the total
    "全年，本局主动公开政府信息426条，其中政策文件312条、政策解读96条。",
    # no total at all: last year's carry-over is no total of these parts (kept from before)
    "上年结转2件，其中自然人3件、法人1件。",
    # units differ
    "全年共举办培训12场，其中参训人员300名、覆盖单位40家。",
])
def test_no_false_alarm(text):
    assert found("T022", text) == []


def test_share_of_a_total_in_another_unit():
    (f,) = found("T021", "全年主动公开信息1913条，其中行政许可类信息145条，占8.05%。")
    assert "145条占8.05%" in f.message and "应为7.58%" in f.message and "1913条" in f.message
    assert found("T021", "全年主动公开信息1913条，其中行政许可类信息145条，占7.58%。") == []


def test_table_two_counts_in_other_units(tmp_path):
    report = (Path(__file__).resolve().parent.parent / "fixtures" / "reports" / "clean_2021_department.txt").read_text(
        encoding="utf-8")
    assert "本年度制发行政规范性文件3件" in report
    broken = report.replace("本年度制发行政规范性文件3件", "本年度制发行政规范性文件4个")
    codes = [f.code for f in check_document(text_document(broken), [RULES["T020"]])]
    assert codes == ["T020"]
    assert check_document(text_document(report.replace("行政规范性文件3件", "行政规范性文件3个")), [RULES["T020"]]) == []
