"""Word comments: write each finding into a copy of the .docx as a comment on its paragraph or table cell.

The docx reader records, for every line of the rendition, where it came from (Document.anchors: a
paragraph's or cell's child-index path under w:body). The same bytes parsed again give the same
tree, so the path finds the element; python-docx (>= 1.2) adds the comment. The input is only read.

The copy must open in Word whatever the original's XML uses: entity references declared in a part's
DOCTYPE (python-docx writes a part back without it) are replaced by their text, and comment ids are
chosen unused in every part (python-docx looks at comments.xml only, and fails on an id that is no
number). Each comment is dated, and every zip member stamped, with SOURCE_DATE_EPOCH when it is set
(https://reproducible-builds.org/specs/source-date-epoch/), so that two runs give the same bytes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import zipfile
from typing import Any, Iterator, Optional

from checker.errors import UsageError
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


def comment_date(environ: Optional[dict[str, str]] = None) -> dt.datetime:
    """The date the comments carry: SOURCE_DATE_EPOCH (seconds since 1970, UTC) when set, else now."""
    raw = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    try:
        return dt.datetime.fromtimestamp(int(raw), dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise UsageError("SOURCE_DATE_EPOCH", f"'{raw[:40]}' 不是自 1970-01-01 起的秒数，应写作如 "
                                              "SOURCE_DATE_EPOCH=1735689600 (not a number of seconds since 1970)") from None


def annotate_docx(data: bytes, doc: Document, findings: list[Finding], rules: dict[str, Any],
                  lang: str = "zh", date: Optional[dt.datetime] = None) -> bytes:
    """The .docx ``data`` with one comment per finding; findings whose place is unknown go on the first
    paragraph (the title), so none is lost. ``date``: of the comments and zip members (comment_date())."""
    import docx
    from docx.oxml.ns import qn

    date = date or comment_date()
    stamp = date.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    document = docx.Document(io.BytesIO(data))
    parts = [part.element for part in document.part.package.iter_parts() if hasattr(part, "element")]
    for root in parts:
        _replace_entities(root)
    body = document.element.body
    first: Optional[Any] = next((p for p in document.paragraphs if p.text.strip()), None)
    with _fresh_comment_ids(_taken_comment_ids(parts)):
        for f in findings:
            paragraph = _paragraph_of(_anchor_element(doc, body, f), document) or first
            if paragraph is None:
                paragraph = first = document.add_paragraph("")
            comment = document.add_comment(_runs(paragraph), text=comment_text(f, rules.get(f.code), lang),
                                           author=AUTHOR, initials=INITIALS)
            comment._comment_elm.set(qn("w:date"), stamp)
    out = io.BytesIO()
    document.save(out)
    return _restamped(out.getvalue(), date)


def _replace_entities(root) -> None:
    """Replace each entity reference left in ``root`` (python-docx parses without resolving them, and
    writes the part back without the DOCTYPE that declared them) by its declared text; an external or
    undeclared one by nothing (an external entity is never fetched)."""
    from lxml import etree

    entities = list(root.iter(etree.Entity))
    if not entities:
        return
    dtd = root.getroottree().docinfo.internalDTD
    declared = {e.name: e.content or "" for e in dtd.iterentities() if not e.system_url} if dtd is not None else {}
    for entity in entities:
        text = declared.get(entity.name, "") + (entity.tail or "")
        previous, parent = entity.getprevious(), entity.getparent()
        if previous is not None:
            previous.tail = (previous.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
        parent.remove(entity)


_COMMENT_MARKS = ("comment", "commentRangeStart", "commentRangeEnd", "commentReference")


def _taken_comment_ids(parts: list) -> set[str]:
    """Every comment id used in any part: comments and the marks that anchor them, dangling ones too."""
    from docx.oxml.ns import qn

    names = {qn(f"w:{name}") for name in _COMMENT_MARKS}
    attr = qn("w:id")
    return {el.get(attr) for root in parts for el in root.iter(*names) if el.get(attr) is not None}


@contextlib.contextmanager
def _fresh_comment_ids(taken: set[str]) -> Iterator[None]:
    """python-docx numbers a new comment max(ids in comments.xml) + 1: a dangling mark in the document may
    already use that number, and an id that is no number stops it. While adding, it takes the next number
    used nowhere instead."""
    from docx.oxml.comments import CT_Comments

    numbers = [int(i) for i in taken if re.fullmatch(r"\d{1,9}", i)]
    following = iter(range(max(numbers, default=-1) + 1, 2**31))  # ST_DecimalNumber: a signed 32-bit int
    original = CT_Comments._next_available_comment_id
    CT_Comments._next_available_comment_id = lambda self: next(n for n in following if str(n) not in taken)
    try:
        yield
    finally:
        CT_Comments._next_available_comment_id = original


def _restamped(data: bytes, date: dt.datetime) -> bytes:
    """The zip ``data`` with every member stamped ``date`` (zip dates start in 1980), in the same order:
    python-docx stamps each member with the time of writing, so two runs would differ."""
    when = max(date.astimezone(dt.timezone.utc).replace(tzinfo=None), dt.datetime(1980, 1, 1)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=when)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
