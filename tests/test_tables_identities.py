"""Each table identity or label rule, broken in one place, gives its code inside the broken table in every kind."""

from pathlib import Path

import pytest

from checker.analysis import analyse
from checker.rules import builtin_rules_dir, load_rule_file
from tests.support.reports import check_document
from checker.readers import read_document
from tests.support.textforms import write_kind

ROOT = Path(__file__).resolve().parent.parent
CLEAN_2021 = (ROOT / "fixtures" / "reports" / "clean_2021_department.txt").read_text(encoding="utf-8")
CLEAN_2019 = (ROOT / "fixtures" / "reports" / "clean_2019_department.txt").read_text(encoding="utf-8")
RULES = [load_rule_file(p, f"rules/T/{p.name}") for p in sorted((builtin_rules_dir() / "T").glob("*.yaml"))]
KINDS = ("txt", "md", "docx", "html", "cells", "spaces")
# Rules on the prose (T02x) and across years (T03x) may also see a changed number; they are not
# under test here, but nothing else may appear.
PROSE = {"T020", "T021", "T022", "T030", "T031", "T032"}


def _replace(old: str, new: str):
    def mutate(text: str) -> str:
        assert text.count(old) == 1, f"fixture no longer contains {old!r} once"
        return text.replace(old, new)
    return mutate


def _cells(row_label: str, old: str, new: str):
    """Change the values of the row whose label cell is ``row_label`` (tab-separated values)."""
    return _replace(f"\t{row_label}\t{old}\n", f"\t{row_label}\t{new}\n")


def _table2_of_2019(text: str) -> str:
    """The 2021 report with its table 二 replaced by the 2019 trial format's table."""
    old = text[text.index("第二十条第（一）项"):text.index("三、收到和处理政府信息公开申请情况")]
    new = CLEAN_2019[CLEAN_2019.index("第二十条第（一）项"):CLEAN_2019.index("三、收到和处理政府信息公开申请情况")]
    return text.replace(old, new)


# (case, mutation of the clean 2021 department report, broken table, code, other T codes allowed)
DEFECTS = [
    # 二、上年结转 one more in 自然人 (and so in its 总计): 一+二 ≠ （七）+四 in two columns, rows still add up.
    ("T010-balance", _cells("二、上年结转政府信息公开申请数量", "2\t0\t0\t0\t0\t0\t2", "3\t0\t0\t0\t0\t0\t3"),
     "三", "T010", set()),
    # （一）予以公开's 总计 alone: its row no longer adds up (and the 总计 column's results neither).
    ("T011-row-total", _cells("（一）予以公开", "14\t3\t0\t1\t0\t0\t18", "14\t3\t0\t1\t0\t0\t19"),
     "三", "T011", {"T012"}),
    # （一）予以公开 商业企业 and its 总计 together: only the result totals break.
    ("T012-result-total", _cells("（一）予以公开", "14\t3\t0\t1\t0\t0\t18", "14\t4\t0\t1\t0\t0\t19"),
     "三", "T012", set()),
    # Table 四: 行政复议 总计 2 where its four results add up to 1.
    ("T013-review-total", _replace("\n1\t0\t0\t0\t1\t0\t0\t0\t1\t1\t0\t0\t0\t0\t0\n",
                                   "\n1\t0\t0\t0\t2\t0\t0\t0\t1\t1\t0\t0\t0\t0\t0\n"),
     "四", "T013", set()),
    ("T004-decimal", _cells("6.属于四类过程性信息", "1\t0\t0\t0\t0\t0\t1", "1.5\t0\t0\t0\t0\t0\t1"),
     "三", "T004", {"T010", "T011", "T012"}),
    ("T004-letter", _cells("6.属于四类过程性信息", "1\t0\t0\t0\t0\t0\t1", "x\t0\t0\t0\t0\t0\t1"),
     "三", "T004", set()),
    ("T004-fee-letter", _replace("行政事业性收费\t0\n", "行政事业性收费\tO\n"), "二", "T004", set()),
    ("T002-misspelt", _replace("\t5.属于三类内部事务信息\t", "\t5.属于内部事务信息\t"), "三", "T002", set()),
    ("T002-row-dropped", _replace("三、本年度办理结果\t7.属于行政执法案卷\t0\t0\t0\t0\t0\t0\t0\n", ""),
     "三", "T002", set()),
    ("T003-2019-table", _table2_of_2019, "二", "T003", {"T002", "T004"}),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case,mutate,table_id,code,also", DEFECTS, ids=[d[0] for d in DEFECTS])
def test_broken_table_gives_its_code_in_every_kind(case, mutate, table_id, code, also, kind, tmp_path):
    doc = read_document(str(write_kind(mutate(CLEAN_2021), kind, tmp_path)))
    found = [f for f in check_document(doc, RULES) if f.code.startswith("T")]
    hits = [f for f in found if f.code == code]
    assert hits, f"{code} not reported for {case} in {kind}: {[(f.code, f.message) for f in found]}"
    table = analyse(doc).tables.get(table_id)
    for f in hits:
        assert table.line <= f.line <= table.end_line, (f.line, table.line, table.end_line, f.message)
    others = {f.code for f in found} - {code} - also - PROSE
    assert others == set(), [(f.code, f.message) for f in found if f.code in others]


@pytest.mark.parametrize("kind", KINDS)
def test_identity_message_names_the_cells_and_numbers(kind, tmp_path):
    mutate = DEFECTS[0][1]
    doc = read_document(str(write_kind(mutate(CLEAN_2021), kind, tmp_path)))
    messages = sorted(f.message for f in check_document(doc, RULES) if f.code == "T010")
    assert messages == ["表三 总计列：一+二=40，（七）+四=39，相差1。请核对本列数据。",
                        "表三 自然人列：一+二=31，（七）+四=30，相差1。请核对本列数据。"]


@pytest.mark.parametrize("kind", KINDS)
def test_misspelt_label_gives_the_expected_label(kind, tmp_path):
    doc = read_document(str(write_kind(DEFECTS[7][1](CLEAN_2021), kind, tmp_path)))
    t002 = [f for f in check_document(doc, RULES) if f.code == "T002"]
    assert len(t002) == 1 and t002[0].fix == "5.属于三类内部事务信息"
    assert "5.属于内部事务信息" in doc.line_text(t002[0].line)


@pytest.mark.parametrize("kind", KINDS)
def test_2021_tables_in_a_2019_report(kind, tmp_path):
    """The reverse of T003: a 2020 report (2019 trial format) that uses the 2021 table 二."""
    old = CLEAN_2019[CLEAN_2019.index("第二十条第（一）项"):CLEAN_2019.index("三、收到和处理政府信息公开申请情况")]
    new = CLEAN_2021[CLEAN_2021.index("第二十条第（一）项"):CLEAN_2021.index("三、收到和处理政府信息公开申请情况")]
    doc = read_document(str(write_kind(CLEAN_2019.replace(old, new), kind, tmp_path)))
    t003 = [f for f in check_document(doc, RULES) if f.code == "T003"]
    table = analyse(doc).tables.get("二")
    assert table.era == "2021" and t003
    assert all(table.line <= f.line <= table.end_line for f in t003)


@pytest.mark.parametrize("kind", KINDS)
def test_row_total_defect_names_the_total_and_its_value(kind, tmp_path):
    """DEFECTS' T011 case changes one cell, （一）予以公开's 总计: its row and the 总计 column's results both
    fail, and both findings name that cell, on it, with the right value as the fix (issue 10 item 5)."""
    doc = read_document(str(write_kind(DEFECTS[1][1](CLEAN_2021), kind, tmp_path)))
    found = [f for f in check_document(doc, RULES) if f.code in ("T011", "T012")]
    cell = analyse(doc).tables.get("三").cell("三（一）", "总计")
    assert sorted(f.code for f in found) == ["T011", "T012"]
    assert {(f.line, f.column, f.fix) for f in found} == {(*doc.locate(cell.line, cell.col), "18")}
    assert all(f.message.startswith("表三“（一）予以公开”行总计列应为18：") for f in found)
