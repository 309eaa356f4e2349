"""A finding's place in words, as an editor finds it in Word or on paper: part and paragraph, table row and
column, the title, the page of a PDF."""

from __future__ import annotations

from pathlib import Path

from checker.analysis import analyse
from checker.findings import Finding
from checker.places import Places, describe_places
from checker.run import Checker
from tests.support.reports import text_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample_report_2023.docx"

REPORT = """青禾市示例局2023年政府信息公开工作年度报告
本报告依据《中华人民共和国政府信息公开条例》编制。
本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。
一、总体情况
本局认真贯彻条例。
（一）主动公开
第一段说主动公开。
第二段也说主动公开。
（二）依申请公开
本年度收到申请5件。
二、主动公开政府信息情况
见下表。
"""


def at(line: int, column: int = 1, page=None) -> Finding:
    return Finding(path="r.txt", line=line, column=column, code="A002", severity="error", message="m", page=page)


def places_of(text: str) -> Places:
    return Places(analyse(text_document(text, "r.txt")))


def test_title_preamble_parts_subheadings_and_paragraphs():
    places = places_of(REPORT)
    assert places.describe(at(1)) == "报告标题"
    assert places.describe(at(3, 10)) == "前言第2段"
    assert places.describe(at(4)) == "第一部分“总体情况”标题"
    assert places.describe(at(5)) == "第一部分“总体情况”第1段"
    assert places.describe(at(6)) == "第一部分“总体情况”（一）“主动公开”标题"
    assert places.describe(at(8)) == "第一部分“总体情况”（一）“主动公开”第2段"
    assert places.describe(at(10)) == "第一部分“总体情况”（二）“依申请公开”第1段"
    assert places.describe(at(12)) == "第二部分“主动公开政府信息情况”第1段"


def test_a_page_is_named_for_a_paged_input():
    doc = text_document(REPORT, "r.txt")
    doc.pages = {n: 1 if n < 8 else 2 for n in range(1, len(doc.lines) + 1)}
    places = Places(analyse(doc))
    assert places.describe(at(10)) == "第一部分“总体情况”（二）“依申请公开”第1段（第2页）"
    assert places.describe(at(2, page=1)) == "前言第1段（第1页）"


def test_the_sample_report_places_in_words():
    checker = Checker()
    settings = checker.settings_for(str(SAMPLE))
    report = checker.analyse_file(str(SAMPLE), settings)
    outcome = checker.check_file(str(SAMPLE), settings=settings)
    places = dict(zip((f.code for f in outcome.findings), describe_places(report, outcome.findings)))
    assert places["P002"] == "前言第2段"
    assert places["T020"] == "第一部分“总体情况”（二）“依申请公开”第2段"
    assert places["N002"] == "第一部分“总体情况”（4）“政府信息公开平台建设”标题"
    assert places["T011"] == "表三“（一）予以公开”行“商业企业”列"  # the cell the identities point at
    assert places["Y001"] == "第五部分“存在的主要问题及改进情况”第2段"


def test_table_cells_name_their_group_row_and_column():
    checker = Checker()
    path = str(ROOT / "fixtures" / "reports" / "clean_2021_department.txt")
    report = checker.analyse_file(path, checker.settings_for(path))
    table = report.tables.get("三")
    places = Places(report)
    line, col = table.position("三（三）1", "自然人")
    assert places.describe(Finding(path=path, line=line, column=col, code="T011", severity="error", message="m")) \
        == "表三“（三）不予公开”中“1.属于国家秘密”行“自然人”列"
    four = report.tables.get("四")
    line, col = four.position("件数", "行政复议/总计")
    assert places.describe(Finding(path=path, line=line, column=col, code="T013", severity="error", message="m")) \
        == "表四“件数”行“行政复议·总计”列"
