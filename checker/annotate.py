"""Word comments: write each finding into a copy of the .docx as a comment on its paragraph or table cell.

The docx reader records, for every line of the rendition, where it came from (Document.anchors: a
paragraph's or cell's child-index path under w:body). The same bytes parsed again give the same
tree, so the path finds the element; python-docx (>= 1.2) adds the comment. The input is only read.
"""

from __future__ import annotations

import io
from typing import Any, Optional

from checker.findings import Finding
from checker.model import Document

AUTHOR = "ogi-check"
INITIALS = "OC"


def comment_text(f: Finding, rule: Any, lang: str) -> str:
    """``CODE message（依据：basis）`` — the code to look up, the sentence, the article it rests on."""
    basis = getattr(rule, "basis", "") if rule is not None else ""
    if not basis:
        return f"{f.code} {f.message}"
    return f"{f.code} {f.message} (Basis: {basis})" if lang == "en" else f"{f.code} {f.message}（依据：{basis}）"


def _element(body, path: tuple[int, ...]):
    el = body
    for i in path:
        el = el[i]
    return el


def _anchor_element(doc: Document, body, f: Finding):
    """The w:p or w:tc the finding points at, or None when its line came from nowhere we know."""
    anchor = doc.anchors.get(f.line)
    if isinstance(anchor, list):  # a table row: pick the cell the column falls in
        block = next((b for b in doc.tables() if b.line <= f.line <= b.end_line), None)
        cells = [c for row in (block.rows if block else []) for c in row if c.line == f.line]
        cell = max((c for c in cells if c.col <= f.column), key=lambda c: c.col, default=cells[0] if cells else None)
        anchor = anchor[cell.column] if cell is not None and cell.column < len(anchor) else None
        if anchor is None:
            anchor = next((a for a in doc.anchors[f.line] if a is not None), None)
    if not anchor:
        return None
    try:
        return _element(body, anchor[1])
    except (IndexError, TypeError):
        return None


def _runs(paragraph) -> list:
    """Runs to anchor a comment on: the paragraph's own, else those inside hyperlinks or fields, else
    a new empty run (a paragraph with no text run still takes a comment)."""
    from docx.text.run import Run

    if paragraph.runs:
        return paragraph.runs
    inner = [Run(r, paragraph) for r in paragraph._p.xpath("./w:hyperlink/w:r | ./w:fldSimple/w:r")]
    return inner or [paragraph.add_run("")]


def _paragraph_of(element, document):
    from docx.oxml.ns import qn
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

    if element is not None and element.tag == qn("w:tc"):
        cell = _Cell(element, document._body)
        return cell.paragraphs[0] if cell.paragraphs else cell.add_paragraph("")
    if element is not None and element.tag == qn("w:p"):
        return Paragraph(element, document._body)
    return None


def annotate_docx(data: bytes, doc: Document, findings: list[Finding], rules: dict[str, Any],
                  lang: str = "zh") -> bytes:
    """The .docx ``data`` with one comment per finding; findings whose place is unknown go on the first
    paragraph (the title), so none is lost."""
    import docx

    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    first: Optional[Any] = next((p for p in document.paragraphs if p.text.strip()), None)
    for f in findings:
        paragraph = _paragraph_of(_anchor_element(doc, body, f), document) or first
        if paragraph is None:
            paragraph = first = document.add_paragraph("")
        document.add_comment(_runs(paragraph), text=comment_text(f, rules.get(f.code), lang),
                             author=AUTHOR, initials=INITIALS)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
