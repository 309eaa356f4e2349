"""The Word reader's faster paths give what the plainer code they replaced gave, on many generated inputs.

Each replaced piece is kept here as it was (the reference) and compared on random trees and bytes:
the paragraph-style scan of styles.xml, the hidden-run removal, a paragraph's and a cell's text and the
merge properties of rows and cells.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from checker.readers import docx as reader
from checker.readers.docx_numbering import Numbering

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- references: the code as it was before the faster paths ----------------------------------------------

def reference_style_pieces(xml: bytes, pos: int) -> list[bytes]:
    pieces = []
    while (m := reader._PARAGRAPH_STYLE.search(xml, pos)) is not None:
        if m.group(0).endswith(b"/>"):
            end = m.end()
        else:
            end = xml.find(b"</w:style>", m.end())
            if end < 0:
                break
            end += len(b"</w:style>")
        pieces.append(xml[m.start():end])
        pos = end
    return pieces


_HIDDEN = etree.XPath(".//w:r[(w:rPr/w:vanish)[1][not(@w:val='0' or @w:val='false' or @w:val='off')]]",
                      namespaces={"w": W_NS})


def reference_drop_hidden(body) -> None:
    for run in _HIDDEN(body):
        run.getparent().remove(run)


def reference_inline_text(el) -> str:
    out: list[str] = []
    reader._collect(el, out)
    return "".join(out)


def reference_properties(props, names):
    found = [None] * len(names)
    if props is not None:
        for child in props:
            k = names.get(child.tag)
            if k is not None and found[k] is None:
                found[k] = child
    return found


# --- random WordprocessingML trees ------------------------------------------------------------------------

TAGS = ["p", "r", "t", "pPr", "rPr", "tab", "br", "del", "ins", "hyperlink", "vanish", "instrText", "tbl", "tr",
        "tc", "tcPr", "trPr", "gridSpan", "vMerge", "hMerge", "gridBefore", "gridAfter", "sdt", "sdtContent",
        "customXml", "bookmarkStart", "noBreakHyphen", "tcW"]
# The children each element usually has, so that runs with properties, rows and cells with spans and merges
# are common; any tag may still stand anywhere.
USUAL = {"body": ["p", "tbl", "sdt"], "p": ["pPr", "r", "r", "hyperlink", "ins", "del"],
         "r": ["rPr", "t", "t", "tab", "br", "instrText"], "rPr": ["vanish", "vanish", "tcW"],
         "tbl": ["tr", "tr", "sdt", "tcPr"], "tr": ["trPr", "tc", "tc", "customXml"],
         "trPr": ["gridBefore", "gridAfter", "tcW"], "tc": ["tcPr", "p", "tbl", "tcPr"],
         "tcPr": ["gridSpan", "vMerge", "hMerge", "tcW", "vMerge"], "sdt": ["sdtContent", "pPr"],
         "sdtContent": ["p", "tbl", "tr", "tc", "r"], "customXml": ["tc", "tr", "p"],
         "hyperlink": ["r"], "ins": ["r"], "del": ["r"]}
VALUES = [None, "0", "1", "2", "off", "false", "true", "continue", "restart", "x", "70"]
TEXTS = ["", "", "a", "字", " ", "1 2"]


@st.composite
def trees(draw, parent: str = "body", depth: int = 0):
    usual = USUAL.get(parent)
    tag = draw(st.sampled_from(usual if usual and draw(st.integers(0, 6)) else TAGS))
    el = etree.Element(W + tag)
    value = draw(st.sampled_from(VALUES))
    if value is not None:
        el.set(W + "val", value)
    el.text = draw(st.sampled_from(TEXTS)) or None
    if depth < 5:
        for child in draw(st.lists(trees(parent=tag, depth=depth + 1), max_size=3)):
            el.append(child)
            child.tail = draw(st.sampled_from(TEXTS)) or None if draw(st.integers(0, 4)) == 0 else None
        if draw(st.integers(0, 9)) == 0:
            el.append(etree.Comment("c"))
    return el


def body_of(children) -> etree._Element:
    document = etree.Element(W + "document", nsmap={"w": W_NS})
    body = etree.SubElement(document, W + "body")
    for child in children:
        body.append(child)
    # Through bytes and the reader's own parser, as a read sees it.
    return reader._parse(etree.tostring(document))[0]


bodies = st.lists(trees(), min_size=1, max_size=3).map(body_of)


@SETTINGS
@given(bodies)
def test_hidden_runs_removed_are_those_the_xpath_finds(body):
    expected = etree.fromstring(etree.tostring(body))
    reference_drop_hidden(expected)
    reader._drop_hidden_runs(body)
    assert etree.tostring(body) == etree.tostring(expected)


@pytest.mark.parametrize("props, hidden", [
    ('<w:rPr><w:vanish w:val="0"/><w:vanish/></w:rPr>', False),  # the first w:vanish decides
    ('<w:rPr><w:vanish/></w:rPr><w:rPr><w:vanish w:val="0"/></w:rPr>', True),
    ('<w:rPr><w:vanish w:val="off"/></w:rPr><w:rPr><w:vanish/></w:rPr>', False),
    ('<w:rPr><w:b/></w:rPr><w:rPr><w:vanish w:val="true"/></w:rPr>', True),
    ('<w:rPr><w:vanish w:val="false"/></w:rPr>', False),
    ('<w:t>x</w:t><w:vanish/>', False),  # not in the run's properties
])
def test_the_first_vanish_of_a_run_decides_whether_it_is_hidden(props, hidden):
    xml = (f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r>{props}<w:t>隐</w:t></w:r>'
           '<w:r><w:t>见</w:t></w:r></w:p></w:body></w:document>')
    body, expected = reader._parse(xml.encode())[0], reader._parse(xml.encode())[0]
    reference_drop_hidden(expected)
    reader._drop_hidden_runs(body)
    assert etree.tostring(body) == etree.tostring(expected)
    assert ("隐" not in reader._inline_text(body[0])) is hidden


@SETTINGS
@given(bodies)
def test_paragraph_and_cell_texts_are_those_of_the_general_walk(body):
    for p in body.iter(W + "p"):
        assert reader._inline_text(p) == reference_inline_text(p)
    for tc in body.iter(W + "tc"):
        parts = []
        for el in tc:
            if el.tag == W + "p":
                parts.append(reference_inline_text(el))
            elif el.tag == W + "tbl":
                parts.append(reader._table_text(el))
            elif el.tag in reader._CONTAINERS:
                parts.append(reader._cell_text(reader._content(el)[0]))
        assert reader._cell_text(tc) == "\n".join(p for p in parts if p)


@SETTINGS
@given(bodies)
def test_span_properties_are_those_of_each_rows_and_cells_first_properties(body):
    for tbl in body.iter(W + "tbl"):
        spans = reader._span_properties(tbl)
        for el in tbl.iter(W + "tr", W + "tc"):
            names, holder = ((reader._ROW_PROPS, reader._TRPR) if el.tag == W + "tr"
                             else (reader._CELL_PROPS, reader._TCPR))
            expected = reference_properties(reader._child(el, holder), names)
            got = list(spans.get(el, reader._NO_PROPS))[:len(names)]
            assert [id(x) for x in got] == [id(x) for x in expected]


def test_a_table_grid_with_merges_is_laid_out_as_before():
    xml = (f'<w:tbl xmlns:w="{W_NS}">'
           '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
           '<w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc>'
           '<w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr>'
           '<w:tr><w:tc><w:tcPr><w:tcW w:w="1"/></w:tcPr><w:p/></w:tc>'
           '<w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p/></w:tc>'
           '<w:tc><w:tcPr><w:hMerge w:val="continue"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>')
    anchors: list = []
    grid = reader._table_grid(reader._parse(xml.encode()), (5,), reader.Bounds(""), anchors)
    assert grid == [["", "甲", "甲", "乙"], ["", "甲", "甲", "甲"]]
    # (as the reader gave them before _span_properties)
    assert anchors == [[None, ("tc", (5, 0, 1)), ("tc", (5, 0, 1)), ("tc", (5, 0, 2))],
                       [("tc", (5, 1, 0)), ("tc", (5, 0, 1)), ("tc", (5, 0, 1)), ("tc", (5, 0, 1))]]


# --- the styles part ----------------------------------------------------------------------------------------

STYLE_TOKENS = [b"<w:style ", b"<w:style>", b"<w:styles ", b' w:type="paragraph"', b" w:type='paragraph'",
                b' w:type = "paragraph" ', b' w:type="character"', b' w:styleId="paragraph"', b"paragraph", b">",
                b"/>", b"</w:style>", b"<", b" ", b"x", b"<w:name w:val='a'/>", b"\n"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(STYLE_TOKENS), max_size=40), st.integers(0, 5))
def test_paragraph_style_pieces_are_those_the_regex_search_finds(tokens, pos):
    xml = b"".join(tokens)
    assert reader._paragraph_style_pieces(xml, pos) == reference_style_pieces(xml, pos)


def test_paragraph_style_scan_is_linear_in_words_after_one_unclosed_tag():
    """A "<" followed by a million words "paragraph": each byte is looked at a bounded number of times."""
    import time

    xml = b"<w:styles>" + b"<" + b"paragraph " * 200_000
    start = time.process_time()
    assert reader._paragraph_style_pieces(xml, 10) == []
    assert time.process_time() - start < 2.0


# --- numbering read on the first numbered paragraph ----------------------------------------------------------

NUMBERING = (f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0">'
             '<w:start w:val="3"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
             '</w:abstractNum><w:num w:numId="2"><w:abstractNumId w:val="7"/></w:num></w:numbering>')


def test_numbering_is_read_on_the_first_numbered_paragraph_with_the_same_labels():
    numbering = Numbering(reader._parse(NUMBERING.encode()))
    assert numbering.label(None, 0) == "" and numbering.label("0", 0) == ""
    assert not numbering.nums  # not read yet: nothing numbered so far
    assert [numbering.label("2", 0) for _ in range(3)] == ["三、", "四、", "五、"]
    assert numbering.label("9", 0) == ""
    assert set(numbering.nums) == {"2"}
