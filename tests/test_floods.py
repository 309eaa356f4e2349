"""One finding per cause (issue 10 item 6): a report typed half-width throughout, a table left blank, a report
whose outline was not found each get one finding with the count, not one finding per place."""

from pathlib import Path

import pytest

from checker.analysis import analyse
from checker.readers import read_document
from checker.rules import load_rules
from tests.support.reports import check_document, example_report, text_document
from tests.support.textforms import write_kind

ROOT = Path(__file__).resolve().parent.parent
CLEAN_2021 = (ROOT / "fixtures" / "reports" / "clean_2021_department.txt").read_text(encoding="utf-8")
RULES = {r.code: r for r in load_rules()}
TITLE = "青禾市水利局2023年政府信息公开工作年度报告\n"


# --- F001: half-width punctuation throughout ----------------------------------------------------------------

def _f001(text: str):
    return check_document(example_report(TITLE + text), [RULES["F001"]])


def test_a_report_typed_half_width_throughout_is_one_finding():
    text = "本局完善了制度,加强了培训;严格了考核。\n" * 150 + "联系单位:青禾市水利局办公室(综合科)负责。\n"
    found = _f001(text)
    assert len(found) == 1
    f = found[0]
    # 300 marks in 150 lines, then a colon and a pair of brackets (one place): 302 places
    assert (f.line, f.column, f.end_column, f.fix) == (2, 8, 9, "，")  # the first place, and its fix
    assert f.message == ("全文有302处中文中使用了半角标点（“,”“;”“:”“(”“)”），应统一改为全角标点（“，”“；”“：”“（”“）”）；"
                         "第一处在此，“,”应为“，”。")


def test_english_collapsed_message_quotes_the_marks():
    found = check_document(example_report(TITLE + "本局完善了制度,加强了培训。\n" * 11), [RULES["F001"]], lang="en")
    assert [f.message for f in found] == [
        'Half-width punctuation in Chinese text in 11 places (","); write full-width punctuation ("，") throughout. '
        'The first is here: "," should be "，".']


@pytest.mark.parametrize("places,findings", [(1, 1), (10, 10), (11, 1)])
def test_up_to_ten_places_are_reported_one_by_one(places, findings):
    found = _f001("本局完善了制度,加强了培训。\n" * places)
    assert len(found) == findings
    assert ("全文有" in found[0].message) == (places > 10)


def test_collapse_counts_one_document_only():
    """Two documents of five places each: five findings each, not one for the batch."""
    for _ in range(2):
        assert len(_f001("本局完善了制度,加强了培训。\n" * 5)) == 5


# --- T004: a table left blank -----------------------------------------------------------------------------------

def _blank_rows(text: str, first: str, last: str) -> str:
    """The values of the table rows from the one labelled ``first`` to the one labelled ``last`` made blank."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if f"\t{first}\t" in line or line.startswith(f"{first}\t"))
    end = next(i for i, line in enumerate(lines) if f"\t{last}\t" in line or line.startswith(f"{last}\t"))
    for i in range(start, end + 1):
        cells = lines[i].split("\t")
        labels = 2 if len(cells) == 9 else 0
        lines[i] = "\t".join(cells[:labels] + [""] * (len(cells) - labels))
    return "\n".join(lines)


def _t004(doc):
    report = doc if not isinstance(doc, str) else analyse(text_document(doc))
    return [f for f in check_document(report, [RULES["T004"]])]


@pytest.mark.parametrize("kind", ["txt", "docx", "html"])
def test_a_blank_table_is_one_finding(kind, tmp_path):
    text = _blank_rows(CLEAN_2021, "一、本年新收政府信息公开申请数量", "四、结转下年度继续办理")
    doc = read_document(str(write_kind(text, kind, tmp_path)))
    report = analyse(doc)
    found = _t004(report)
    assert [(f.message, f.severity, f.fix) for f in found] == [
        ("表三全部175个单元格为空，应填写数字（没有的填0）。", "warning", "0")]
    first = report.tables.get("三").cell("一", "自然人")
    assert (found[0].line, found[0].column) == doc.locate(first.line, first.col)


def test_blank_cells_are_one_finding_a_row():
    text = _blank_rows(CLEAN_2021, "（一）予以公开", "（一）予以公开")
    text = text.replace("\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t2\t1\t0\t0\t0\t0\t3\n",
                        "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t2\t1\t\t\t0\t0\t3\n")
    text = text.replace("\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n", "\t1.属于国家秘密\t0\t\t0\t0\t0\t0\t0\n")
    assert [f.message for f in _t004(text)] == [
        "表三“（一）予以公开”行有7个单元格为空白（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计列），"
        "数量为零时应填“0”。",
        "表三“（二）部分公开”行有2个单元格为空白（科研机构、社会公益组织列），数量为零时应填“0”。",
        "表三“1.属于国家秘密”行“商业企业”列为“空白”，数量为零时应填“0”。",
    ]


def test_dashes_are_one_finding_a_row_and_a_table():
    row = CLEAN_2021.replace("\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n", "\t1.属于国家秘密\t—\t—\t—\t0\t0\t0\t0\n")
    assert [f.message for f in _t004(row)] == [
        "表三“1.属于国家秘密”行有3个单元格填的是“—”之类的符号（自然人、商业企业、科研机构列），数量为零时应填“0”。"]
    table = CLEAN_2021.replace("\n1\t0\t0\t0\t1\t0\t0\t0\t1\t1\t0\t0\t0\t0\t0\n", "\n" + "\t".join(["/"] * 15) + "\n")
    assert [f.message for f in _t004(table)] == ["表四全部15个单元格填的是“/”之类的符号，应填写数字（没有的填0）。"]


# --- S003: no outline at all ------------------------------------------------------------------------------------

NO_HEADINGS = (TITLE + "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
               "政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分。\n"
               "本局认真贯彻条例，全年主动公开信息120条。\n本年度未收取信息处理费。\n")


def test_declared_parts_are_not_compared_with_an_outline_that_was_not_found():
    report = example_report(NO_HEADINGS)
    assert report.outline.at_level(1) == []
    assert check_document(report, [RULES["S003"]]) == []
    assert [f.code for f in check_document(report, [RULES["S001"]])]  # S001 reports the missing parts


def test_declared_parts_are_still_compared_with_the_headings_found():
    text = NO_HEADINGS + "一、总体情况\n二、主动公开政府信息情况\n"
    found = check_document(example_report(text), [RULES["S003"]])
    assert found and {f.line for f in found} == {2}
