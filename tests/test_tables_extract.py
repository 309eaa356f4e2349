"""Tables read the same from every input kind; split tables, local rows, run-together digits are never guessed."""

from pathlib import Path

import pytest

from checker.analysis import analyse
from checker.rules import builtin_rules_dir, load_rule_file
from tests.support.reports import check_document
from checker.readers import read_document
from checker.formats.tables import spec_for
from tests.support.textforms import KINDS, one_cell_per_line, space_separated, write_kind

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "fixtures" / "reports"
TABLES = ROOT / "fixtures" / "tables"
# The T rules only: the tables are what is under test, and other categories are not this file's concern.
RULES = [load_rule_file(p, f"rules/T/{p.name}") for p in sorted((builtin_rules_dir() / "T").glob("*.yaml"))]
ALL_KINDS = tuple(KINDS)  # txt, md, docx, html, cells, spaces, html-merged, docx-merged
CLEAN = {
    "clean_2021_department": REPORTS / "clean_2021_department.txt",
    "clean_2019_department": REPORTS / "clean_2019_department.txt",
    "clean_2021_government": REPORTS / "clean_2021_government.txt",
    "applications_2021": TABLES / "applications_2021.txt",
}


def numbers(doc) -> dict:
    return {t: {key: cell.value for key, cell in table.cells.items()} for t, table in analyse(doc).tables.tables.items()}


def t_findings(doc):
    return [f for f in check_document(doc, RULES) if f.code.startswith("T")]


def read_as(text: str, kind: str, folder: Path):
    return read_document(str(write_kind(text, kind, folder)))


def reference(name: str) -> dict:
    return numbers(read_document(str(CLEAN[name])))


@pytest.mark.parametrize("kind", ALL_KINDS)
@pytest.mark.parametrize("name", sorted(CLEAN))
def test_correct_report_reads_the_same_in_every_kind(name, kind, tmp_path):
    doc = read_as(CLEAN[name].read_text(encoding="utf-8"), kind, tmp_path)
    assert [f"{f.line}: {f.code} {f.message}" for f in t_findings(doc)] == []
    assert numbers(doc) == reference(name)
    for table_id, table in analyse(doc).tables.tables.items():
        assert sorted(table.cells) == sorted(spec_for(table_id, table.era).cell_keys()), table_id
        assert not (table.extra_rows or table.unreadable or table.reconstructed or table.variants)


@pytest.mark.parametrize("name,era", [("clean_2021_department", "2021"), ("clean_2019_department", "2019")])
def test_the_reference_reading_is_complete(name, era):
    doc = read_document(str(CLEAN[name]))
    assert {t: table.era for t, table in analyse(doc).tables.tables.items()} == {"二": era, "三": era, "四": era}
    assert len(analyse(doc).tables.get("三").row_lines) == (25 if era == "2021" else 23)


# --- the layouts real reports use -----------------------------------------------------------------

_GROUPS = ("（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理")


def with_group_column(text: str) -> str:
    """Table 三 with the format's three label columns: the groups （三）–（六） as merged cells."""
    out, group = [], -1
    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) == 9:
            numbered = cells[0].startswith("三、") and cells[1][:2] in {f"{n}." for n in range(1, 9)}
            if numbered and cells[1].startswith("1."):
                group += 1
            cells = [cells[0], _GROUPS[group] if numbered else cells[1]] + cells[1:]
        out.append("\t".join(cells))
    return "\n".join(out)


def table2_as_one_grid(text: str) -> str:
    """Table 二 as one four-column grid: a part with one column spans its cells over three."""
    out = []
    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) == 2:
            cells = [cells[0]] + [cells[1]] * 3  # what a reader makes of colspan="3"
        out.append("\t".join(cells))
    return "\n".join(out)


def half_width(text: str) -> str:
    return text.replace("（", "(").replace("）", ")").replace("：", ":")


@pytest.mark.parametrize("kind", ALL_KINDS)
@pytest.mark.parametrize("layout", [with_group_column, half_width], ids=["group-column", "half-width"])
@pytest.mark.parametrize("name", ["clean_2021_department", "clean_2019_department"])
def test_layout_variants_read_the_same(name, layout, kind, tmp_path):
    doc = read_as(layout(CLEAN[name].read_text(encoding="utf-8")), kind, tmp_path)
    assert [f"{f.line}: {f.code} {f.message}" for f in t_findings(doc)] == []
    assert numbers(doc) == reference(name)


@pytest.mark.parametrize("kind", ["txt", "md", "docx", "html", "html-merged", "docx-merged"])
def test_table2_in_one_grid_with_spanned_cells(kind, tmp_path):
    source = CLEAN["clean_2021_department"].read_text(encoding="utf-8")
    doc = read_as(table2_as_one_grid(source), kind, tmp_path)
    assert t_findings(doc) == []
    assert numbers(doc) == reference("clean_2021_department")


@pytest.mark.parametrize("form", [one_cell_per_line, space_separated], ids=["cells", "spaces"])
@pytest.mark.parametrize("cut", ["（二）部分公开|（区分处理的", "1.申请人无正当理由逾期不补正、|行政机关不再处理",
                                 "本年收费金额|（单位：万元）"])
def test_a_label_wrapped_over_two_lines_is_one_label(form, cut, tmp_path):
    head, tail = cut.split("|")
    text = form(CLEAN["clean_2021_department"].read_text(encoding="utf-8")).replace(head + tail, head + "\n" + tail)
    path = tmp_path / "wrapped.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_document(str(path))
    assert t_findings(doc) == []
    assert numbers(doc) == reference("clean_2021_department")


# --- a table split by a page break ---------------------------------------------------------------

def split_table3(text: str, before: str, repeat_header: bool, between: str = "（续表）") -> str:
    """Table 三 cut in two before the row labelled ``before``; the header repeated if asked."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("（本列数据的勾稽关系"))
    cut = next(i for i, line in enumerate(lines) if "\t" in line and before in line.split("\t")[1])
    header = lines[start:start + 3] if repeat_header else []
    return "\n".join(lines[:cut] + [between] + header + lines[cut:])


SPLITS = {
    "header-repeated": ("1.本机关不掌握相关政府信息", True, "（续表）"),
    "no-header": ("1.本机关不掌握相关政府信息", False, "（续表）"),
    "last-row-alone": ("四、结转下年度继续办理", False, ""),
}


@pytest.mark.parametrize("kind", ALL_KINDS)
@pytest.mark.parametrize("split", sorted(SPLITS))
def test_table3_split_in_two_reads_as_one(split, kind, tmp_path):
    text = split_table3(CLEAN["clean_2021_department"].read_text(encoding="utf-8"), *SPLITS[split])
    doc = read_as(text, kind, tmp_path)
    if kind in ("txt", "md", "docx", "html", "html-merged", "docx-merged"):
        assert len(list(doc.tables())) == 7  # table 二's four parts, 三 in two, 四
    assert [f"{f.line}: {f.code} {f.message}" for f in t_findings(doc)] == []
    assert numbers(doc) == reference("clean_2021_department")


def test_html_page_break_between_two_tables(tmp_path):
    text = split_table3(CLEAN["clean_2021_department"].read_text(encoding="utf-8"), *SPLITS["header-repeated"])
    page = write_kind(text, "html-merged", tmp_path).read_text(encoding="utf-8")
    # Word's "save as web page" writes a page break as a <br> with a page-break style between the tables.
    page = page.replace("<p>（续表）</p>", "<br clear=\"all\" style=\"page-break-before:always\">")
    assert page.count("<table") == 7
    path = tmp_path / "page-break.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(str(path))
    assert t_findings(doc) == []
    assert numbers(doc) == reference("clean_2021_department")


# --- a local row ----------------------------------------------------------------------------------

LOCAL_ROW = "其他主动公开文件\t15\t0\t15\n"


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_local_row_is_kept_and_reported(kind, tmp_path):
    source = CLEAN["clean_2021_department"].read_text(encoding="utf-8")
    text = source.replace("行政规范性文件\t3\t1\t17\n", "行政规范性文件\t3\t1\t17\n" + LOCAL_ROW)
    doc = read_as(text, kind, tmp_path)
    table = analyse(doc).tables.get("二")
    assert [(e.label, [c.value for c in e.values]) for e in table.extra_rows] == [("其他主动公开文件", [15, 0, 15])]
    assert table.extra_rows[0].columns == ["本年制发件数", "本年废止件数", "现行有效件数"]
    found = t_findings(doc)
    assert [f.code for f in found] == ["T006"]
    assert found[0].severity == "info" and "其他主动公开文件" in doc.line_text(found[0].line)
    assert numbers(doc) == reference("clean_2021_department")
    assert table.to_dict()["extra_rows"][0]["values"] == ["15", "0", "15"]


# --- digits run together --------------------------------------------------------------------------

def run_together(text: str, kind: str, values: str, digits: str) -> str:
    """Rewrite ``values`` (tab-separated cells of one row) as ``digits`` in the text form ``kind``."""
    if kind == "cells":
        old, form = "\n" + values.replace("\t", "\n") + "\n", one_cell_per_line(text)
        new = "\n" + digits + "\n"
    else:
        old, form, new = values.replace("\t", "  "), space_separated(text), digits
    assert form.count(old) >= 1, old
    return form.replace(old, new, 1)


def _read_text(text: str, tmp_path: Path):
    path = tmp_path / "copied.txt"
    path.write_text(text, encoding="utf-8")
    return read_document(str(path))


@pytest.mark.parametrize("kind", ["cells", "spaces"])
def test_run_together_digits_split_by_the_identity(kind, tmp_path):
    source = CLEAN["applications_2021"].read_text(encoding="utf-8")
    doc = _read_text(run_together(source, kind, "71\t3\t0\t0\t0\t0\t74", "713000074"), tmp_path)
    table = analyse(doc).tables.get("三")
    assert table.reconstructed == ["一"]
    assert numbers(doc) == reference("applications_2021")
    found = t_findings(doc)
    assert [f.code for f in found] == ["T008"]
    assert found[0].severity == "info" and "71|3|0|0|0|0|74" in found[0].message
    assert table.line <= found[0].line <= table.end_line
    assert table.to_dict()["reconstructed"] is True


@pytest.mark.parametrize("kind", ["cells", "spaces"])
@pytest.mark.parametrize("digits,reason", [("110000011", "ambiguous"), ("713000075", "no-split")])
def test_digits_that_do_not_split_in_one_way_are_not_guessed(kind, digits, reason, tmp_path):
    source = CLEAN["applications_2021"].read_text(encoding="utf-8")
    doc = _read_text(run_together(source, kind, "71\t3\t0\t0\t0\t0\t74", digits), tmp_path)
    table = analyse(doc).tables.get("三")
    assert [(u.key, u.reason) for u in table.unreadable] == [("一", reason)]
    assert not any(key == "一" for key, _ in table.cells)  # no guessed numbers
    assert table.reconstructed == []
    found = t_findings(doc)
    assert [f.code for f in found] == ["T007"]
    assert found[0].severity == "info"
    assert table.line <= found[0].line <= table.end_line
