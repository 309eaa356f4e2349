"""The Word and HTML readers give, field by field, the Document they gave before their faster paths.

The readers and the rendition builder as they were at 3249f4d are kept verbatim in
tests/test_speed5_readers_ref_*.py; every fixture in every form (.docx, Word-like .docx, .html) and many
generated Word bodies and HTML pages are read by both, and the two Documents (blocks, cells, lines, anchors,
pages, directives) or the two errors must be the same.
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.errors import InputError
from checker.readers import builder as new_builder
from checker.readers import docx as new_docx
from checker.readers import html as new_html
from tests import test_speed5_readers_ref_builder as old_builder
from tests import test_speed5_readers_ref_docx as old_docx
from tests import test_speed5_readers_ref_html as old_html
from tests.support.convert import to_docx_bytes, to_html
from tests.support.pdfs import word_docx_bytes

ROOT = Path(__file__).resolve().parent.parent
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def fields(obj: Any) -> Any:
    """A model object as nested plain data: every field of every Block and Cell, whatever the class machinery."""
    names = getattr(obj, "__struct_fields__", None) or getattr(obj, "__dataclass_fields__", None)
    if names is not None:
        return (type(obj).__name__, tuple((name, fields(getattr(obj, name))) for name in names))
    if isinstance(obj, (list, tuple)):
        return (type(obj).__name__, tuple(fields(x) for x in obj))
    if isinstance(obj, dict):
        return ("dict", tuple((k, fields(v)) for k, v in obj.items()))
    return obj


def outcome(read, path: str, data: bytes) -> Any:
    try:
        return fields(read(path, data))
    except InputError as exc:
        return ("error", str(exc))


def same_reading(new_read, old_read, path: str, data: bytes) -> None:
    assert outcome(new_read, path, data) == outcome(old_read, path, data)


def fixture_texts() -> list[Path]:
    return sorted(p for p in (ROOT / "fixtures").rglob("*.txt") if "fixtures/rules" not in p.as_posix())


@pytest.mark.parametrize("source", fixture_texts(), ids=lambda p: p.name)
def test_every_fixture_reads_the_same_in_every_form(source):
    text = source.read_text(encoding="utf-8")
    same_reading(new_docx.read_docx, old_docx.read_docx, "r.docx", to_docx_bytes(text))
    same_reading(new_docx.read_docx, old_docx.read_docx, "r.docx", word_docx_bytes(text))
    same_reading(new_html.read_html, old_html.read_html, "r.html", to_html(text).encode("utf-8"))


# --- generated Word bodies, in a real package --------------------------------------------------------------

@lru_cache(maxsize=1)
def template_package() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(word_docx_bytes("标题\n\n一、总体情况\n\n正文。\n"))) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def package(document_xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in template_package().items():
            if name == "word/document.xml":
                zf.writestr(name, document_xml)
            else:  # stored: making 300 packages costs no deflating of the template's 800 KB each
                zf.writestr(name, data, zipfile.ZIP_STORED)
    return out.getvalue()


TEXTS = ["", "", "甲", "12", " ", "一、总体情况", "a b", "（一）", "合计\t3"]
STYLES = [None, "Heading1", "Heading2", "Title", "TOC1", "Normal", "missing"]
VALUES = [None, "0", "1", "2", "3", "off", "continue", "restart", "x"]


def attr(name: str, value: Any) -> str:
    return "" if value is None else f' w:{name}="{value}"'


@st.composite
def runs(draw) -> str:
    props = draw(st.sampled_from(["", "<w:rPr><w:b/></w:rPr>", "<w:rPr><w:vanish/></w:rPr>",
                                  '<w:rPr><w:vanish w:val="0"/></w:rPr>', "<w:rPr><w:t>rpr</w:t></w:rPr>"]))
    inner = "".join(draw(st.lists(st.sampled_from(
        ["<w:t>{}</w:t>", '<w:t xml:space="preserve">{} </w:t>', "<w:tab/>", "<w:br/>", "<w:instrText>PAGE</w:instrText>",
         "<w:delText>删</w:delText>", "<w:noBreakHyphen/>", "<w:t>{}<!--c--></w:t>", "<w:t/>",
         "<w:t>{}<w:b/>x</w:t>"]), max_size=3))).replace("{}", draw(st.sampled_from(TEXTS)))
    return f"<w:r>{props}{inner}</w:r>"


@st.composite
def paragraphs(draw, depth: int = 0) -> str:
    style = draw(st.sampled_from(STYLES))
    ppr_parts = []
    if style:
        ppr_parts.append(f'<w:pStyle w:val="{style}"/>')
    if draw(st.integers(0, 5)) == 0:
        ppr_parts.append(f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{draw(st.sampled_from(["1", "2", "0"]))}"/></w:numPr>')
    if draw(st.integers(0, 6)) == 0:
        ppr_parts.append(f'<w:outlineLvl w:val="{draw(st.sampled_from(["0", "1", "9", "x"]))}"/>')
    ppr = f"<w:pPr>{''.join(ppr_parts)}</w:pPr>" if ppr_parts or draw(st.booleans()) else ""
    items = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.integers(0, 9))
        if kind < 6:
            items.append(draw(runs()))
        elif kind == 6:
            items.append(f"<w:hyperlink>{draw(runs())}</w:hyperlink>")
        elif kind == 7:
            items.append(f"<w:ins>{draw(runs())}</w:ins>")
        elif kind == 8:
            items.append(f"<w:del>{draw(runs())}</w:del>")
        else:
            items.append('<w:bookmarkStart w:id="0"/>')
    if not draw(st.integers(0, 8)):
        items.insert(0, draw(runs()))
    return f"<w:p>{ppr}{''.join(items)}</w:p>"


@st.composite
def cells(draw, depth: int) -> str:
    props = "".join(draw(st.lists(st.sampled_from(
        ['<w:tcW w:w="1"/>', '<w:gridSpan w:val="2"/>', '<w:gridSpan w:val="x"/>', "<w:vMerge/>",
         '<w:vMerge w:val="restart"/>', '<w:vMerge w:val="continue"/>', "<w:hMerge/>", '<w:vAlign w:val="center"/>']),
        max_size=3)))
    tcpr = f"<w:tcPr>{props}</w:tcPr>" if props or draw(st.booleans()) else ""
    content = draw(st.lists(paragraphs(depth + 1), min_size=0, max_size=2))
    if depth < 1 and not draw(st.integers(0, 12)):
        content.append(draw(tables(depth + 1)))
    if not draw(st.integers(0, 15)):
        content = [f"<w:sdt><w:sdtContent>{''.join(content)}</w:sdtContent></w:sdt>"]
    if draw(st.integers(0, 20)) == 0:
        tcpr = tcpr * 2
    return f"<w:tc>{tcpr}{''.join(content)}</w:tc>"


@st.composite
def rows(draw, depth: int) -> str:
    props = "".join(draw(st.lists(st.sampled_from(['<w:gridBefore w:val="1"/>', '<w:gridAfter w:val="1"/>',
                                                   '<w:cantSplit/>', '<w:trHeight w:val="425"/>']), max_size=2)))
    trpr = f"<w:trPr>{props}</w:trPr>" if props else ""
    tcs = "".join(draw(st.lists(cells(depth), min_size=0, max_size=4)))
    if not draw(st.integers(0, 15)):
        tcs = f"<w:customXml>{tcs}</w:customXml>"
    return f"<w:tr>{trpr}{tcs}</w:tr>"


@st.composite
def tables(draw, depth: int = 0) -> str:
    trs = "".join(draw(st.lists(rows(depth), min_size=0, max_size=4)))
    return f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr><w:tblGrid><w:gridCol w:w="1"/></w:tblGrid>{trs}</w:tbl>'


@st.composite
def bodies(draw) -> bytes:
    blocks = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.integers(0, 9))
        if kind < 6:
            blocks.append(draw(paragraphs()))
        elif kind < 9:
            blocks.append(draw(tables()))
        else:
            blocks.append(f"<w:sdt><w:sdtContent>{draw(paragraphs())}{draw(tables())}</w:sdtContent></w:sdt>")
    blocks.append("<w:p><w:r><w:t>正文</w:t></w:r></w:p>")  # a document with no text at all is refused
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}">'
           f"<w:body>{''.join(blocks)}<w:sectPr/></w:body></w:document>")
    return xml.encode("utf-8")


@SETTINGS
@given(bodies())
def test_generated_word_documents_read_the_same(document_xml):
    same_reading(new_docx.read_docx, old_docx.read_docx, "r.docx", package(document_xml))


@SETTINGS
@given(st.lists(st.lists(st.sampled_from(["", " ", "甲", "1 2", " 3\u3000", "合计", "a\nb", "\t"]), min_size=1,
                         max_size=5), min_size=0, max_size=6))
def test_tables_are_laid_out_as_before(grid):
    width = max((len(r) for r in grid), default=0)
    grid = [r + [""] * (width - len(r)) for r in grid]
    made = []
    for module in (new_builder, old_builder):
        b = module.RenditionBuilder("r")
        b.add_paragraph("前")
        b.add_directive("ogi-check: disable")
        b.add_table([list(r) for r in grid], [[("tc", (i, j)) for j in range(width)] for i in range(len(grid))])
        b.add_paragraph("后")
        made.append(fields(b.build("r", "docx")))
    assert made[0] == made[1]


@SETTINGS
@given(st.lists(st.lists(st.sampled_from(["", " ", "甲", "1 2", " 3\u3000", "合计", "a\nb", "\t"]), min_size=1,
                         max_size=5), min_size=1, max_size=6))
def test_texts_said_to_be_collapsed_are_laid_out_as_the_old_builder_collapsed_them(grid):
    width = max(len(r) for r in grid)
    grid = [[" ".join(t.split()) for t in r] + [""] * (width - len(r)) for r in grid]  # as the HTML reader's
    made = []
    for module, flag in ((new_builder, {"collapsed": True}), (old_builder, {})):
        b = module.RenditionBuilder("r")
        b.add_table([list(r) for r in grid], **flag)
        made.append(fields(b.build("r", "html")))
    assert made[0] == made[1]
