"""T010–T013 name the wrong cell: one cell changed anywhere in table 三 breaks several identities, and the
table's identities solved together point at it, in every input layout (issue 10 item 5)."""

from pathlib import Path

import pytest

from checker.analysis import analyse
from checker.readers import read_document
from checker.rules import builtin_rules_dir, load_rule_file
from checker.tables.solve import BUILTIN_IDENTITIES, Identity, corrections
from tests.support.reports import check_document, text_document
from tests.support.textforms import KINDS, write_kind

ROOT = Path(__file__).resolve().parent.parent
CLEAN_2021 = (ROOT / "fixtures" / "reports" / "clean_2021_department.txt").read_text(encoding="utf-8")
CLEAN_2019 = (ROOT / "fixtures" / "reports" / "clean_2019_department.txt").read_text(encoding="utf-8")
IDENTITY_CODES = ("T010", "T011", "T012", "T013")
RULES = [load_rule_file(builtin_rules_dir() / "T" / f"{c}.yaml", f"rules/T/{c}.yaml") for c in IDENTITY_CODES]
LAYOUTS = sorted(KINDS)
# The layouts of tests/test_tables_identities.py: without the merged-cell Word and HTML forms, which the
# single-cell cases below also cover (a Word file takes the test support seconds to write).
BASIC = ["txt", "md", "docx", "html", "cells", "spaces"]


def _row(label: str, old: str, new: str):
    """Change the values of the table row whose label cell is ``label`` (tab-separated values)."""
    def mutate(text: str) -> str:
        before, after = f"\t{label}\t{old}\n", f"\t{label}\t{new}\n"
        assert text.count(before) == 1, f"fixture no longer has {before!r} once"
        return text.replace(before, after)
    return mutate


def _line(old: str, new: str):
    def mutate(text: str) -> str:
        assert text.count(f"\n{old}\n") == 1
        return text.replace(f"\n{old}\n", f"\n{new}\n")
    return mutate


# (case, report, mutation, (row key, column) of the changed cell in table 三, its right value, codes that fail)
ONE_CELL = [
    ("row-one", CLEAN_2021, _row("一、本年新收政府信息公开申请数量", "28\t7\t0\t1\t1\t0\t37", "28\t7\t0\t2\t1\t0\t37"),
     ("一", "社会公益组织"), "1", {"T010", "T011"}),
    ("result-row", CLEAN_2021, _row("4.保护第三方合法权益", "1\t1\t0\t0\t0\t0\t2", "3\t1\t0\t0\t0\t0\t2"),
     ("三（三）4", "自然人"), "1", {"T011", "T012"}),
    ("result-total", CLEAN_2021, _row("（七）总计", "29\t6\t0\t1\t1\t0\t37", "29\t6\t2\t1\t1\t0\t37"),
     ("三（七）", "科研机构"), "0", {"T010", "T011", "T012"}),
    ("carried-forward", CLEAN_2021, _row("四、结转下年度继续办理", "1\t1\t0\t0\t0\t0\t2", "1\t1\t0\t0\t0\t0\t3"),
     ("四", "总计"), "2", {"T010", "T011"}),
    ("2019-other-handling", CLEAN_2019, _row("（六）其他处理", "2\t1\t0\t0\t0\t0\t3", "2\t0\t0\t0\t0\t0\t3"),
     ("三（六）", "商业企业"), "1", {"T011", "T012"}),
    ("carried-over-to-zero", CLEAN_2021, _row("二、上年结转政府信息公开申请数量", "2\t0\t0\t0\t0\t0\t2", "0\t0\t0\t0\t0\t0\t2"),
     ("二", "自然人"), "2", {"T010", "T011"}),
    ("2019-result-total", CLEAN_2019, _row("（七）总计", "50\t11\t1\t0\t1\t2\t65", "50\t11\t1\t0\t1\t2\t66"),
     ("三（七）", "总计"), "65", {"T010", "T011", "T012"}),
]


def _findings(text: str, layout: str, tmp_path):
    """The document, its analysis and the findings of T010–T013 on ``text`` written in ``layout``."""
    doc = read_document(str(write_kind(text, layout, tmp_path)))
    report = analyse(doc)
    return doc, report, check_document(report, RULES)


# The first five cases in every layout; the others (more of the same) in plain text only.
ONE_CELL_RUNS = [pytest.param(*case, layout, id=f"{case[0]}-{layout}")
                 for n, case in enumerate(ONE_CELL) for layout in (LAYOUTS if n < 5 else ["txt"])]


@pytest.mark.parametrize("case,report,mutate,cell,value,codes,layout", ONE_CELL_RUNS)
def test_one_changed_cell_is_named_with_its_value(case, report, mutate, cell, value, codes, layout, tmp_path):
    doc, analysed, found = _findings(mutate(report), layout, tmp_path)
    assert {f.code for f in found} == codes, [(f.code, f.message) for f in found]
    table = analysed.tables.get("三")
    row, column = cell
    place = doc.locate(table.cell(row, column).line, table.cell(row, column).col)
    label = table.spec.row(row).label
    for f in found:
        assert (f.line, f.column) == place, (f.code, f.line, f.column, place)
        assert f.fix == value
        assert f.message.startswith(f"表三“{label}”行{column}列应为{value}："), f.message
        assert f.message.endswith("改正这一格后本表各项勾稽关系均成立。"), f.message


@pytest.mark.parametrize("layout", BASIC)
def test_a_wrong_result_total_is_pointed_at_by_t012(layout, tmp_path):
    """T012's anchor is the total; when the total is what is wrong, the finding says so (not "check the results")."""
    doc, analysed, found = _findings(_row("（七）总计", "29\t6\t0\t1\t1\t0\t37", "30\t6\t0\t1\t1\t0\t37")(CLEAN_2021),
                                     layout, tmp_path)
    t012 = [f for f in found if f.code == "T012"]
    table = analysed.tables.get("三")
    assert len(t012) == 1 and t012[0].fix == "29"
    assert (t012[0].line, t012[0].column) == doc.locate(table.cell("三（七）", "自然人").line,
                                                        table.cell("三（七）", "自然人").col)
    assert t012[0].message == ("表三“（七）总计”行自然人列应为29：本列（七）总计=30，各项办理结果合计=29，相差1；"
                               "改正这一格后本表各项勾稽关系均成立。")


def test_result_totals_wrong_in_two_columns_give_the_identities_that_disagree(tmp_path):
    # 一 and （七） both one more in 商业企业 (and so in 总计): the balance and the row totals hold, only the
    # result totals fail, in two columns, and no single cell mends both: the plain message, on the totals.
    mutate = _row("（七）总计", "29\t6\t0\t1\t1\t0\t37", "29\t7\t0\t1\t1\t0\t38")
    mutate2 = _row("一、本年新收政府信息公开申请数量", "28\t7\t0\t1\t1\t0\t37", "28\t8\t0\t1\t1\t0\t38")
    doc, analysed, found = _findings(mutate2(mutate(CLEAN_2021)), "txt", tmp_path)
    assert sorted(f.message for f in found) == sorted([
        "表三 商业企业列：（七）总计=7，各项办理结果合计=6，相差1。请核对本列各项办理结果。",
        "表三 总计列：（七）总计=38，各项办理结果合计=37，相差1。请核对本列各项办理结果。",
    ])
    assert {(f.line, f.fix) for f in found} == {(analysed.tables.get("三").cell("三（七）", "总计").line, None)}


@pytest.mark.parametrize("layout", BASIC)
def test_two_changed_cells_give_the_identities_that_disagree(layout, tmp_path):
    # （一）予以公开 自然人 and 4.保护第三方合法权益 商业企业: four identities fail, no one cell mends them all.
    mutate = _row("（一）予以公开", "14\t3\t0\t1\t0\t0\t18", "15\t3\t0\t1\t0\t0\t18")
    mutate2 = _row("4.保护第三方合法权益", "1\t1\t0\t0\t0\t0\t2", "1\t2\t0\t0\t0\t0\t2")
    _, _, found = _findings(mutate2(mutate(CLEAN_2021)), layout, tmp_path)
    assert sorted((f.code, f.message, f.fix) for f in found) == sorted([
        ("T011", "表三 （一）予以公开行：总计=18，六类申请人合计=19，相差1。请核对本行数据。", None),
        ("T011", "表三 4.保护第三方合法权益行：总计=2，六类申请人合计=3，相差1。请核对本行数据。", None),
        ("T012", "表三 商业企业列：（七）总计=6，各项办理结果合计=7，相差1。请核对本列各项办理结果。", None),
        ("T012", "表三 自然人列：（七）总计=29，各项办理结果合计=30，相差1。请核对本列各项办理结果。", None),
    ])


TABLE4 = "1\t0\t0\t0\t1\t0\t0\t0\t1\t1\t0\t0\t0\t0\t0"


@pytest.mark.parametrize("layout", BASIC)
@pytest.mark.parametrize("new,group,total", [
    ("1\t0\t0\t0\t2\t0\t0\t0\t1\t1\t0\t0\t0\t0\t0", "行政复议", "1"),       # the total changed
    ("1\t0\t0\t0\t1\t0\t0\t0\t1\t1\t0\t1\t0\t0\t0", "复议后起诉", "1"),      # a result changed
], ids=["total-changed", "result-changed"])
def test_table_four_group_gives_the_total_its_results_imply(new, group, total, layout, tmp_path):
    """Each cell of table 四 is in one identity only: five cells could each mend it, so the finding gives the
    total the four results imply, on the total, without a fix (it cannot know which cell is wrong)."""
    doc, analysed, found = _findings(_line(TABLE4, new)(CLEAN_2021), layout, tmp_path)
    assert [f.code for f in found] == ["T013"]
    f = found[0]
    assert f.message.startswith(f"表四 {group}：") and f.message.endswith(f"若四项结果无误，总计应为{total}。")
    assert f.fix is None
    table = analysed.tables.get("四")
    cell = table.cell(table.spec.rows[0].key, f"{group}/总计")
    assert (f.line, f.column) == doc.locate(cell.line, cell.col)


def test_a_decimal_in_a_count_cell_is_located_as_its_whole_value():
    text = _row("6.属于四类过程性信息", "1\t0\t0\t0\t0\t0\t1", "1.5\t0\t0\t0\t0\t0\t1")(CLEAN_2021)
    found = [f for f in check_document(text_document(text), RULES)]
    assert {f.code for f in found} == {"T011", "T012"}
    assert {f.fix for f in found} == {"1"}
    assert all(f.message.startswith("表三“6.属于四类过程性信息”行自然人列应为1：") for f in found)


def test_english_names_the_cell_in_quotes():
    text = ONE_CELL[1][2](CLEAN_2021)
    found = check_document(text_document(text), RULES, lang="en")
    assert found and all(f.message.startswith('Table "三", row "4.保护第三方合法权益", column "自然人" should be 1:')
                         for f in found), [f.message for f in found]


# --- the shared place: the table's identities -------------------------------------------------------------------

def _identity(params) -> Identity:
    return Identity.parse(params["each"], params["left"], params["right"], params.get("rows") or ())


def test_the_builtin_identities_are_those_of_the_builtin_rules():
    """The identities solved together are the built-in identity rules' own, no more and no fewer."""
    rules = [load_rule_file(p, p.name) for p in sorted(builtin_rules_dir().glob("*/*.yaml"))]
    by_table: dict[str, set] = {}
    for rule in rules:
        if rule.kind == "identity":
            by_table.setdefault(rule.params["table"], set()).add(_identity(rule.params).signature())
    assert by_table == {t: {i.signature() for i in ids} for t, ids in BUILTIN_IDENTITIES.items()}


def test_corrections_of_a_clean_table_and_of_an_ambiguous_one():
    clean = analyse(text_document(CLEAN_2021)).tables.get("三")
    assert corrections(clean, BUILTIN_IDENTITIES["三"]) == []
    # With the balance alone (a user's choice of identities), a change in 四 could be mended in 一, 二, （七） or 四.
    text = _row("四、结转下年度继续办理", "1\t1\t0\t0\t0\t0\t2", "2\t1\t0\t0\t0\t0\t2")(CLEAN_2021)
    table = analyse(text_document(text)).tables.get("三")
    found = corrections(table, BUILTIN_IDENTITIES["三"][:1])
    assert [(c.cell, c.value) for c in found] == [
        (("一", "自然人"), 29), (("二", "自然人"), 3), (("三（七）", "自然人"), 28), (("四", "自然人"), 1)]
    # All three together: only 四 itself.
    assert [(c.cell, c.value) for c in corrections(table, BUILTIN_IDENTITIES["三"])] == [(("四", "自然人"), 1)]


USER_RULE = """\
code: Z001
name: result-row-total
severity: error
kind: identity
params:
  table: 三
  each: row
  rows: [三（七）]
  left: 总计
  right: 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他
  anchor: 总计
summary:
  zh: （七）总计行的总计等于六类之和。
  en: The total of row seven adds up.
message:
  zh: 表{table}{row}行合计不符。
  en: 'Table "{table}", row "{row}" does not add up.'
basis: 本地要求
examples: {pass: ["青禾市水利局"], fail: ["青禾市水利局"]}
"""

USER_RULE_TABLE2 = """\
code: Z002
name: documents-made-equal-repealed
severity: warning
kind: identity
params:
  table: 二
  each: row
  rows: [行政规范性文件]
  left: 本年制发件数
  right: 本年废止件数
  anchor: 本年制发件数
summary:
  zh: 制发与废止相等。
  en: Made equals repealed.
message:
  zh: 表{table}{row}行：制发{lval}件，废止{rval}件。
  en: 'Table "{table}", row "{row}": {lval} made, {rval} repealed.'
basis: 本地要求
examples: {pass: ["青禾市水利局"], fail: ["青禾市水利局"]}
"""


def _user_rule(tmp_path, code: str, text: str):
    path = tmp_path / "Z" / f"{code}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return load_rule_file(path)


def test_a_user_identity_rule_is_solved_with_the_tables_identities(tmp_path):
    """A user's rule on table 三 without cell messages: its own message, at the cell the identities point at,
    with that cell's value as the fix."""
    rule = _user_rule(tmp_path, "Z001", USER_RULE)
    text = ONE_CELL[2][2](CLEAN_2021)  # （七）总计 科研机构 0 → 2
    doc = text_document(text)
    found = check_document(doc, [rule])
    table = analyse(doc).tables.get("三")
    cell = table.cell("三（七）", "科研机构")
    assert [(f.line, f.column, f.fix, f.message) for f in found] == [
        (cell.line, cell.col, "0", "表三（七）总计行合计不符。")]


def test_a_user_identity_rule_on_a_table_without_builtin_identities(tmp_path):
    rule = _user_rule(tmp_path, "Z002", USER_RULE_TABLE2)
    found = check_document(text_document(CLEAN_2021), [rule])  # 行政规范性文件: 3 made, 1 repealed
    assert [(f.message, f.fix) for f in found] == [("表二行政规范性文件行：制发3件，废止1件。", None)]
