"""Tests for the .docx reader: styles, order, merged cells, hidden markup and refusal of bad files."""

from __future__ import annotations

import io
import os
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from checker.errors import InputError
from checker.readers.bounds import NO_TEXT
from checker.readers.docx import read_docx

INVALID = "不是有效的 Word (.docx) 文件："
BOMB = "解压后过大，疑似压缩炸弹 (decompressed size too large)"


def save(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def read(document):
    return read_docx("r.docx", save(document))


def texts(doc):
    return [(b.kind, b.text, b.markup_level) for b in doc.blocks]


def rows(block):
    return [[c.text for c in row] for row in block.rows]


def add_run_el(parent, text=None, tag="w:t"):
    r = OxmlElement("w:r")
    if text is not None:
        t = OxmlElement(tag)
        t.set(qn("xml:space"), "preserve")
        t.text = text
        r.append(t)
    parent.append(r)
    return r


def fld_char(parent, kind):
    r = OxmlElement("w:r")
    f = OxmlElement("w:fldChar")
    f.set(qn("w:fldCharType"), kind)
    r.append(f)
    parent.append(r)


def assert_located(doc):
    """Every block's (and cell's) text is on the rendition line its location names."""
    for b in doc.blocks:
        line = doc.lines[b.line - 1]
        assert b.text in line
        for row in b.rows:
            for cell in row:
                cl = doc.lines[cell.line - 1]
                assert cl[cell.col - 1:cell.col - 1 + len(cell.text)] == cell.text


# --- headings and order -------------------------------------------------------------------------


def test_heading_levels_from_styles():
    d = docx.Document()
    d.add_paragraph("2023年度报告", style="Title")
    d.add_heading("一、总体情况", level=1)
    d.add_heading("（一）主动公开", level=2)
    d.add_heading("1.细目", level=3)
    zh = d.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("（二）依申请公开", style=zh)
    outlined = d.styles.add_style("章节", WD_STYLE_TYPE.PARAGRAPH)
    ppr = outlined.element.get_or_add_pPr()
    lvl = OxmlElement("w:outlineLvl")
    lvl.set(qn("w:val"), "0")
    ppr.append(lvl)
    d.add_paragraph("二、依申请公开情况", style=outlined)
    based = d.styles.add_style("My Chapter", WD_STYLE_TYPE.PARAGRAPH)
    based.base_style = d.styles["Heading 1"]
    d.add_paragraph("三、收费情况", style=based)
    d.add_paragraph("列表第二级", style="List Number 2")  # trailing number, but not a heading
    d.add_paragraph("正文段落。")
    doc = read(d)
    assert doc.source_kind == "docx"
    assert texts(doc) == [
        ("paragraph", "2023年度报告", None),
        ("heading", "一、总体情况", 1),
        ("heading", "（一）主动公开", 2),
        ("heading", "1.细目", 3),
        ("heading", "（二）依申请公开", 2),
        ("heading", "二、依申请公开情况", 1),
        ("heading", "三、收费情况", 1),
        ("paragraph", "1.列表第二级", None),  # the number Word draws from the style's list (numbering.xml)
        ("paragraph", "正文段落。", None),
    ]


def test_direct_outline_level_on_paragraph():
    d = docx.Document()
    p = d.add_paragraph("四、存在的问题")
    lvl = OxmlElement("w:outlineLvl")
    lvl.set(qn("w:val"), "1")
    p._p.get_or_add_pPr().append(lvl)
    assert texts(read(d)) == [("heading", "四、存在的问题", 2)]


def test_paragraphs_and_tables_in_order_with_consistent_lines():
    d = docx.Document()
    d.add_paragraph("标题")
    d.add_paragraph("第一段。")
    t = d.add_table(rows=2, cols=2)
    for (r, c), v in {(0, 0): "项目", (0, 1): "数量", (1, 0): "规章", (1, 1): "5"}.items():
        t.cell(r, c).text = v
    d.add_paragraph("")  # empty paragraphs take no line
    d.add_heading("二、情况", level=1)
    t2 = d.add_table(rows=1, cols=2)
    t2.cell(0, 0).text = "甲"
    t2.cell(0, 1).text = "乙"
    d.add_paragraph("末段。")
    doc = read(d)
    kinds = ["paragraph", "paragraph", "table", "heading", "table", "paragraph"]
    assert [b.kind for b in doc.blocks] == kinds
    assert doc.lines == ["标题", "第一段。", "项目\t数量", "规章\t5", "二、情况", "甲\t乙", "末段。"]
    assert [b.line for b in doc.blocks] == [1, 2, 3, 5, 6, 7]
    assert rows(doc.blocks[2]) == [["项目", "数量"], ["规章", "5"]]
    assert_located(doc)


def test_content_controls_are_read_in_place():
    d = docx.Document()
    d.add_paragraph("前")
    body = d.element.body
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    p = OxmlElement("w:p")
    add_run_el(p, "控件内段落")
    content.append(p)
    sdt.append(content)
    body.insert(list(body).index(d.paragraphs[0]._p) + 1, sdt)
    d.add_paragraph("后")
    assert [b.text for b in read(d).blocks] == ["前", "控件内段落", "后"]


# --- merged and nested cells --------------------------------------------------------------------


def test_merged_cells_repeat_text_in_a_rectangular_grid():
    d = docx.Document()
    t = d.add_table(rows=4, cols=3)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "横向合并"
    t.cell(0, 2).text = "C"
    t.cell(1, 0).merge(t.cell(3, 0)).text = "纵向合并"
    t.cell(1, 1).merge(t.cell(2, 2)).text = "块"
    t.cell(3, 1).text = "x"
    t.cell(3, 2).text = "y"
    doc = read(d)
    grid = rows(doc.blocks[0])
    assert grid == [
        ["横向合并", "横向合并", "C"],
        ["纵向合并", "块", "块"],
        ["纵向合并", "块", "块"],
        ["纵向合并", "x", "y"],
    ]
    assert {len(r) for r in grid} == {3}
    assert_located(doc)


def test_nested_table_text_is_flattened_into_the_cell():
    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    outer = t.cell(0, 0)
    outer.text = "外层"
    inner = outer.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内1"
    inner.cell(0, 1).text = "内2"
    t.cell(0, 1).text = "右"
    doc = read(d)
    assert len(list(doc.tables())) == 1
    assert rows(doc.blocks[0]) == [["外层 内1 内2", "右"]]


# --- hidden markup ------------------------------------------------------------------------------


def test_field_codes_bookmarks_and_deletions_do_not_leak():
    d = docx.Document()
    p = d.add_paragraph("第")._p
    bm = OxmlElement("w:bookmarkStart")
    bm.set(qn("w:id"), "0")
    bm.set(qn("w:name"), "_GoBack")
    p.append(bm)
    fld_char(p, "begin")
    add_run_el(p, ' PAGE \\* MERGEFORMAT ', tag="w:instrText")
    fld_char(p, "separate")
    add_run_el(p, "3")
    fld_char(p, "end")
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), "0")
    p.append(end)
    deleted = OxmlElement("w:del")
    add_run_el(deleted, "删掉的字", tag="w:delText")
    p.append(deleted)
    add_run_el(p, "页")
    doc = read(d)
    assert doc.lines == ["第3页"]
    assert "PAGE" not in doc.lines[0] and "_GoBack" not in doc.lines[0] and "删掉" not in doc.lines[0]


def test_hyperlink_tab_and_break():
    d = docx.Document()
    p = d.add_paragraph("网址：")._p
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), "rId99")
    add_run_el(link, "www.gov.cn")
    p.append(link)
    r = add_run_el(p)
    r.append(OxmlElement("w:tab"))
    add_run_el(p, "电话")
    r = add_run_el(p)
    r.append(OxmlElement("w:br"))
    add_run_el(p, "12345")
    assert read(d).lines == ["网址：www.gov.cn 电话 12345"]


# --- refusals -----------------------------------------------------------------------------------


def refused(data: bytes) -> str:
    with pytest.raises(InputError) as info:
        read_docx("bad.docx", data)
    assert type(info.value) is InputError
    return info.value.reason


def test_legacy_doc_is_refused():
    reason = refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert reason == "这是旧版 Word (.doc) 文件，请在 Word 中另存为 .docx 后再检查 (legacy .doc, not .docx)"


def test_random_bytes_are_refused():
    reason = refused(os.urandom(4096).replace(b"PK", b"QQ"))
    assert reason.startswith(INVALID) and reason.endswith("(not a valid .docx)")


def test_truncated_docx_is_refused():
    data = save(docx.Document())
    reason = refused(data[: len(data) // 2])
    assert reason.startswith(INVALID)


def test_zip_without_document_xml_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "不是 Word")
    assert refused(buf.getvalue()).startswith(INVALID)
    # A real package with its main part removed.
    good = zipfile.ZipFile(io.BytesIO(save(docx.Document())))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in good.namelist():
            if name != "word/document.xml":
                zf.writestr(name, good.read(name))
    reason = refused(buf.getvalue())
    assert reason.startswith(INVALID) and "word/document.xml" in reason


def test_bad_xml_is_refused():
    good = zipfile.ZipFile(io.BytesIO(save(docx.Document())))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in good.namelist():
            zf.writestr(name, b"<w:document><unclosed" if name == "word/document.xml" else good.read(name))
    reason = refused(buf.getvalue())
    assert reason.startswith(INVALID) and "XML" in reason


def test_zip_bomb_is_refused_without_inflating(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = bytes(1 << 20)
            for _ in range(300):
                f.write(chunk)
    assert refused(path.read_bytes()) == BOMB


def test_high_ratio_member_is_refused():
    # 20 MB of zeros deflate ~1000:1: under the 200 MB total, over the 200:1 ratio.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/image1.bin", bytes(20 << 20))
    assert refused(buf.getvalue()) == BOMB


def test_empty_document_has_no_text():
    assert refused(save(docx.Document())) == NO_TEXT


def test_generated_table_of_contents_is_skipped():
    d = docx.Document()
    toc = d.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("一、总体情况 1", style=toc)  # would read as a second "一、" heading
    d.add_heading("一、总体情况", level=1)
    assert texts(read(d)) == [("heading", "一、总体情况", 1)]


def test_grid_before_and_rows_in_content_controls_keep_columns_aligned():
    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    for c, v in enumerate(["甲", "乙", "丙"]):
        t.cell(0, c).text = v
    t.cell(1, 1).text = "二"
    t.cell(1, 2).text = "三"
    tr = t.rows[1]._tr
    tr.remove(tr.tc_lst[0])  # row 2 starts one grid column in: w:gridBefore=1
    trpr = tr.get_or_add_trPr()
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "1")
    trpr.append(before)
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    t._tbl.replace(tr, sdt)
    content.append(tr)
    sdt.append(content)
    assert rows(read(d).blocks[0]) == [["甲", "乙", "丙"], ["", "二", "三"]]


# --- the package read straight from the zip -----------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def repackage(data: bytes, replace: dict) -> bytes:
    """``data`` with some parts replaced (bytes) or removed (None)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in src.namelist():
            if name in replace:
                if replace[name] is not None:
                    zf.writestr(name, replace[name])
            else:
                zf.writestr(name, src.read(name))
    return buf.getvalue()


def headings_document() -> bytes:
    d = docx.Document()
    d.add_heading("一、总体情况", level=1)
    d.add_heading("（一）主动公开", level=2)
    d.add_paragraph("正文。")
    return save(d)


def test_paragraph_styles_cut_from_the_bytes_are_those_of_a_whole_parse():
    from lxml import etree

    from checker.readers.docx import _paragraph_styles, _parse

    styles = zipfile.ZipFile(io.BytesIO(headings_document())).read("word/styles.xml")
    whole = [etree.tostring(s) for s in _parse(styles).iterchildren(f"{{{W_NS}}}style")
             if s.get(f"{{{W_NS}}}type") == "paragraph"]
    assert len(whole) > 10
    assert [etree.tostring(s) for s in _paragraph_styles(styles)] == whole


@pytest.mark.parametrize("variant", ["comment", "gbk", "prefix", "self-closing"])
def test_styles_written_unusually_give_the_same_levels(variant):
    data = headings_document()
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode("utf-8")
    if variant == "comment":  # a comment holding what looks like a paragraph style
        styles = styles.replace("<w:style ", '<!-- <w:style w:type="paragraph" w:styleId="Heading1"> --><w:style ', 1)
        raw = styles.encode("utf-8")
    elif variant == "gbk":
        raw = styles.replace("encoding='UTF-8'", "encoding='GBK'").encode("gbk", "ignore")
    elif variant == "prefix":
        raw = styles.replace("w:", "x:").replace("xmlns:w=", "xmlns:x=").encode("utf-8")
    else:
        raw = styles.replace("<w:style ", '<w:style w:type="paragraph" w:styleId="Empty"/><w:style ', 1).encode("utf-8")
    doc = read_docx("r.docx", repackage(data, {"word/styles.xml": raw}))
    assert texts(doc) == [("heading", "一、总体情况", 1), ("heading", "（一）主动公开", 2), ("paragraph", "正文。", None)]


def test_a_package_without_styles_is_read_with_the_default_styles():
    """As python-docx reads it: its default styles part, which defines no heading styles."""
    data = repackage(headings_document(), {"word/styles.xml": None})
    assert texts(read_docx("r.docx", data)) == [("paragraph", "一、总体情况", None),
                                                ("paragraph", "（一）主动公开", None), ("paragraph", "正文。", None)]


def test_a_package_whose_main_part_is_not_a_word_document():
    data = save(docx.Document())
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml").replace(
        b"wordprocessingml.document.main+xml", b"spreadsheetml.sheet.main+xml")
    assert refused(repackage(data, {"[Content_Types].xml": types})) == \
        "不是有效的 Word (.docx) 文件：内容不是 Word 文档 (not a valid .docx)"


def test_a_package_without_relationships_is_refused():
    assert refused(repackage(save(docx.Document()), {"_rels/.rels": None})).startswith(INVALID)


def test_entities_are_never_resolved():
    """XXE and billion laughs: an entity stays an unresolved reference, never text and never a file read."""
    data = headings_document()
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    dtd = ('<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "AAAAAAAAAA">'
           '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>')
    document = document.replace("?>", "?>" + dtd, 1).replace("正文。", "正文&xxe;&b;。")
    doc = read_docx("r.docx", repackage(data, {"word/document.xml": document.encode("utf-8")}))
    text = doc.blocks[-1].text
    assert text.startswith("正文") and "AAAA" not in text and "root" not in text


def test_hidden_runs_are_left_out_and_switched_off_vanish_is_read():
    d = docx.Document()
    p = d.add_paragraph()
    for text, val in (("看得见", None), ("隐藏", ""), ("也看得见", "0"), ("还看得见", "false"), ("又隐藏", "true")):
        r = add_run_el(p._p, text)
        if val is not None:
            rpr = OxmlElement("w:rPr")
            vanish = OxmlElement("w:vanish")
            if val:
                vanish.set(qn("w:val"), val)
            rpr.append(vanish)
            r.insert(0, rpr)
    # The paragraph mark's own properties (w:pPr/w:rPr/w:vanish) hide no run.
    mark = OxmlElement("w:rPr")
    mark.append(OxmlElement("w:vanish"))
    p._p.get_or_add_pPr().append(mark)
    # A hidden run inside a hyperlink, in a table cell.
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    link = OxmlElement("w:hyperlink")
    cell.paragraphs[0]._p.append(link)
    add_run_el(link, "链接")
    hidden = add_run_el(link, "隐")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:vanish"))
    hidden.insert(0, rpr)
    doc = read(d)
    assert doc.blocks[0].text == "看得见也看得见还看得见"
    assert rows(doc.blocks[1]) == [["链接"]]
