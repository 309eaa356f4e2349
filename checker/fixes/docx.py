"""Fixes written into a copy of a Word report as tracked changes (修订), each with its finding as a comment.

An edit replaces characters of one paragraph or table cell. The runs holding them are split where the
edit starts and ends (each piece keeps its run's ``w:rPr``, so bold, fonts and sizes stay as they were),
the pieces inside the edit are wrapped in ``w:del`` (their ``w:t`` become ``w:delText``) and the new text
follows in ``w:ins``, in the first deleted run's formatting, both by author ``ogi-check``; a comment with
the finding's message and legal basis spans the change. The paragraph is never rewritten: the rest of its
XML (bookmarks, fields, drawings, comments already there) is not touched.

Where the reader's rendition (checker/readers/docx.py) and the paragraph's characters cannot be matched one
to one — a line break or a tab inside the edit, white space the rendition collapsed, text in a text box or
a field — the edit is not made and its finding stays a comment: a fix is never written in the wrong place.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import zipfile
from typing import Any, Optional

from checker.annotate import AUTHOR, INITIALS, comment_text
from checker.fixes.plan import Edit
from checker.model import Document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W_NS
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# What the reader never shows (checker/readers/docx.py): property bags, field codes, deleted revisions.
_HIDDEN = {_W + t for t in ("instrText", "delInstrText", "delText", "del", "moveFrom", "pPr", "rPr", "tcPr",
                            "sdtPr", "sdtEndPr")} | {_MC_FALLBACK}
_DELETABLE = {_W + "rPr", _W + "t", _W + "lastRenderedPageBreak"}
Element = Any  # an lxml element of the package (python-docx's oxml classes)
_RUN_PARENTS = {_W + "p", _W + "hyperlink"}  # where a run may be split and wrapped in w:del / w:ins


def revision_time() -> dt.datetime:
    """The date of the changes and comments: SOURCE_DATE_EPOCH when set (reproducible output), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _w(tag: str, **attrs: str) -> Element:
    from docx.oxml import OxmlElement

    return OxmlElement(f"w:{tag}", attrs={f"{_W}{k}": v for k, v in attrs.items()})


# --- characters of a paragraph or cell, each with the w:t it stands in ------------------------------

_Place = Optional[tuple[Element, Element, int]]  # (w:r, w:t, index in the w:t's text); None: not in a w:t


def _characters(el: Element, out_text: list[str], out_places: list[_Place]) -> bool:
    """The characters the reader reads from ``el``, and where each stands; False when ``el`` holds
    something whose characters cannot be placed (a text box, a nested table)."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _HIDDEN:
            continue
        if tag == _W + "t":
            run = child.getparent()
            for i, ch in enumerate(child.text or ""):
                out_text.append(ch)
                out_places.append((run, child, i))
        elif tag in (_W + "tab", _W + "ptab"):
            out_text.append(" ")
            out_places.append(None)
        elif tag in (_W + "br", _W + "cr"):
            out_text.append("\n")
            out_places.append(None)
        elif tag == _W + "noBreakHyphen":
            out_text.append("-")
            out_places.append(None)
        elif tag == _W + "r" and _hidden_run(child):
            continue
        elif tag in (_W + "p", _W + "tbl"):
            return False
        elif not _characters(child, out_text, out_places):
            return False
    return True


def _hidden_run(run: Element) -> bool:
    vanish = run.find(f"{_W}rPr/{_W}vanish")
    return vanish is not None and vanish.get(_W + "val") not in ("0", "false", "off")


def _element_characters(el: Element) -> Optional[tuple[str, list[_Place]]]:
    """A paragraph's characters, or a cell's (its paragraphs joined by line breaks, as the reader joins them)."""
    text: list[str] = []
    places: list[_Place] = []
    if el.tag == _W + "p":
        if not _characters(el, text, places):
            return None
        return "".join(text), places
    for p in el.iterchildren(_W + "p"):
        t: list[str] = []
        pl: list[_Place] = []
        if not _characters(p, t, pl):
            return None
        if t:
            if text:
                text.append("\n")
                places.append(None)
            text.extend(t)
            places.extend(pl)
    if el.find(_W + "tbl") is not None:
        return None
    return "".join(text), places


# --- where an edit stands in the XML ----------------------------------------------------------------


def _target(document: Document, body: Element, edit: Edit) -> Optional[tuple[Element, int, str]]:
    """(w:p or w:tc, the rendition column its text starts at, its text in the rendition), or None."""
    anchor = document.anchors.get(edit.line)
    start, shown = 1, document.line_text(edit.line)
    if isinstance(anchor, list):
        table = next((b for b in document.tables() if b.line <= edit.line <= b.end_line), None)
        cells = [c for row in (table.rows if table else []) for c in row if c.line == edit.line]
        cell = next((c for c in cells if c.col <= edit.column <= c.col + len(c.text)
                     and edit.end_column <= c.col + len(c.text)), None)
        if cell is None or cell.column >= len(anchor) or anchor[cell.column] is None:
            return None
        anchor, start, shown = anchor[cell.column], cell.col, cell.text
    if not anchor:
        return None
    el = body
    try:
        for i in anchor[1]:
            el = el[i]
    except (IndexError, TypeError):
        return None
    return el, start, shown


def _span(document: Document, body: Element, edit: Edit) -> Optional[tuple[Element, list[_Place], int]]:
    """The element of the edit, its characters' places and the index of the edit's first character in
    them; None when the rendition and the characters do not match one to one around the edit."""
    found = _target(document, body, edit)
    if found is None:
        return None
    el, start, shown = found
    chars = _element_characters(el)
    if chars is None:
        return None
    text, places = chars
    if text.strip() != shown:
        return None  # the reader joined lines or collapsed white space: columns do not map one to one
    index = len(text) - len(text.lstrip()) + edit.column - start
    if text[index:index + len(edit.old)] != edit.old or any(p is None for p in places[index:index + len(edit.old)]):
        return None
    return el, places, index


# --- splitting runs ------------------------------------------------------------------------------


def _split(run: Element, t: Element, i: int) -> tuple[Optional[Element], Optional[Element]]:
    """Split ``run`` before character ``i`` of its ``t``: (the run with what precedes, the run with the
    rest), each keeping the run's w:rPr; None for a side with no content."""
    content = [c for c in run if c.tag != _W + "rPr"]
    k = content.index(t)
    before = bool(content[:k]) or i > 0
    after = bool(content[k + 1:]) or i < len(t.text or "")
    if not before:
        return None, run
    if not after:
        return run, None
    right = copy.deepcopy(run)
    right_content = [c for c in right if c.tag != _W + "rPr"]
    for c in content[k + 1:]:
        run.remove(c)
    for c in right_content[:k]:
        right.remove(c)
    text = t.text or ""
    _set_text(t, text[:i])
    if not t.text:
        run.remove(t)
    _set_text(right_content[k], text[i:])
    run.addnext(right)
    return run, right


def _set_text(t: Element, text: str) -> None:
    t.text = text
    if text != text.strip():
        t.set(_XML_SPACE, "preserve")


def _isolate(places: list[_Place], index: int, length: int) -> Optional[list[Element]]:
    """Split runs so that characters ``index``..``index+length`` are whole runs; those runs, in order, or
    None when they are not all plain text runs side by side under one parent."""
    first_run, first_t, first_i = places[index]  # type: ignore[misc]
    last_run, last_t, last_i = places[index + length - 1]  # type: ignore[misc]
    if first_run.getparent() is not last_run.getparent() or first_run.getparent().tag not in _RUN_PARENTS:
        return None
    runs = []
    el = first_run
    while el is not None:
        if el.tag == _W + "r":
            runs.append(el)
        elif el.tag not in (_W + "bookmarkStart", _W + "bookmarkEnd", _W + "proofErr"):
            return None  # a field, a comment range or another revision inside the edit: leave it
        if el is last_run:
            break
        el = el.getnext()
    if el is None:
        return None
    _split(last_run, last_t, last_i + 1)  # the end first: the start's run and w:t stay where they are
    _, head = _split(first_run, first_t, first_i)
    end = last_run if first_run is not last_run else head
    out = []
    el = head
    while el is not None:
        if el.tag == _W + "r":
            out.append(el)
        if el is end:
            break
        el = el.getnext()
    # Split pieces keep their formatting and text, so a refusal here leaves the document as it reads.
    if any(c.tag not in _DELETABLE for r in out for c in r):
        return None  # a tab, a picture or a field character among the characters to delete
    return out


def _insertion_point(el: Element, places: list[_Place], index: int) -> Optional[tuple[Any, Optional[Element], Optional[Element]]]:
    """(the element to insert after or None, the element to insert before or None, the rPr to copy) for an
    insertion at character ``index`` (an empty cell takes its first paragraph)."""
    if index < len(places) and places[index] is not None:
        run, t, i = places[index]  # type: ignore[misc]
        if run.getparent().tag in _RUN_PARENTS:
            _, right = _split(run, t, i)
            return None, right, run.find(_W + "rPr")
    if index > 0 and places[index - 1] is not None:
        run, t, i = places[index - 1]  # type: ignore[misc]
        if run.getparent().tag in _RUN_PARENTS:
            left, _ = _split(run, t, i + 1)
            return left, None, run.find(_W + "rPr")
    if not places:
        p = el if el.tag == _W + "p" else el.find(_W + "p")
        if p is not None:
            return ("append", p), None, None
    return None


# --- the tracked change -----------------------------------------------------------------------------


class _Revisions:
    """Ids and dates of the changes and comments written."""

    def __init__(self, document: Any, when: dt.datetime, reserved: int) -> None:
        used = [int(v) for v in document.element.body.xpath("//@w:id") if str(v).lstrip("-").isdigit()]
        # Comments take ids counted up from the highest used one (python-docx; annotate adds up to
        # ``reserved`` of them after us): the changes' ids start above all of those.
        self.next_id = max(used, default=0) + reserved + 1
        self.when = when
        self.date = when.strftime("%Y-%m-%dT%H:%M:%SZ")

    def mark(self, tag: str) -> Element:
        el = _w(tag, id=str(self.next_id), author=AUTHOR, date=self.date)
        self.next_id += 1
        return el


def _insertion(revisions: _Revisions, text: str, rpr: Optional[Element]) -> Element:
    """``<w:ins><w:r>(the rPr)<w:t>text</w:t></w:r></w:ins>``."""
    ins = revisions.mark("ins")
    run = _w("r")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    t = _w("t")
    _set_text(t, text)
    run.append(t)
    ins.append(run)
    return ins


def _make_change(revisions: _Revisions, el: Element, places: list[_Place], index: int,
                 edit: Edit) -> Optional[tuple[Element, Element]]:
    """Write one edit as w:del + w:ins; the first and last element of the change, or None when it cannot be."""
    if edit.old:
        runs = _isolate(places, index, len(edit.old))
        if runs is None:
            return None
        deleted = revisions.mark("del")
        runs[0].addprevious(deleted)
        for r in runs:
            deleted.append(r)  # moves the run
            for t in r.iterchildren(_W + "t"):
                t.tag = _W + "delText"
        if not edit.new:
            return deleted, deleted
        ins = _insertion(revisions, edit.new, runs[0].find(_W + "rPr"))  # in the formatting of the text it replaces
        deleted.addnext(ins)
        return deleted, ins
    point = _insertion_point(el, places, index)
    if point is None or not edit.new:
        return None
    after, before, rpr = point
    ins = _insertion(revisions, edit.new, rpr)
    if isinstance(after, tuple):
        after[1].append(ins)
    elif after is not None:
        after.addnext(ins)
    elif before is not None:
        before.addprevious(ins)
    return ins, ins


def _comment(document: Any, revisions: _Revisions, first: Element, last: Element, text: str) -> None:
    """A comment spanning the change (range start before it, range end and the reference run after it)."""
    comment = document.comments.add_comment(text=text, author=AUTHOR, initials=INITIALS)
    comment._comment_elm.date = revisions.when
    cid = str(comment.comment_id)
    first.addprevious(_w("commentRangeStart", id=cid))
    reference = _w("r")
    reference.append(_w("commentReference", id=cid))
    last.addnext(reference)
    last.addnext(_w("commentRangeEnd", id=cid))


def tracked_copy(data: bytes, document: Document, edits: list[Edit], rules: dict[str, Any], lang: str = "zh",
                 reserved_comments: int = 0) -> tuple[bytes, list[Edit], list[Edit]]:
    """A copy of the .docx ``data`` (read as ``document``) with ``edits`` as tracked changes: the bytes,
    the edits made and those that could not be placed (their findings stay comments)."""
    import docx

    word = docx.Document(io.BytesIO(data))
    body = word.element.body
    revisions = _Revisions(word, revision_time(), len(edits) + reserved_comments)
    spans = [(_span(document, body, e), e) for e in edits]  # located before any run is split
    made: list[tuple[Edit, tuple[Element, Element]]] = []
    missed: list[Edit] = []
    # From the end of each element back to its start, so the places of earlier characters stay valid.
    for span, edit in sorted(spans, key=lambda s: (s[1].line, s[1].column), reverse=True):
        change = _make_change(revisions, *span, edit) if span is not None else None
        if change is None:
            missed.append(edit)
        else:
            made.append((edit, change))
    made.sort(key=lambda m: (m[0].line, m[0].column))
    for edit, change in made:  # comments numbered in reading order, as Word lists them
        for f in edit.findings:
            _comment(word, revisions, *change, comment_text(f, rules.get(f.code), lang))
    out = io.BytesIO()
    word.save(out)
    missed.sort(key=lambda e: (e.line, e.column))
    return out.getvalue(), [edit for edit, _ in made], missed


def normalise_zip(data: bytes) -> bytes:
    """With SOURCE_DATE_EPOCH set, the same package dated then throughout: zip entries carry the time they
    were written, and comments added by annotate the time they were added. Two runs give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return data
    from lxml import etree  # type: ignore[import-untyped]

    when = revision_time()
    date = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    stamp = max(when, dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)).timetuple()[:6]  # zip dates start in 1980
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "word/comments.xml":
                root = etree.fromstring(blob)
                for comment in root.iter(_W + "comment"):
                    if comment.get(_W + "author") == AUTHOR:
                        comment.set(_W + "date", date)
                blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            dst.writestr(member, blob)
    return out.getvalue()
