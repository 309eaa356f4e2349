"""Test support: accept or reject every tracked change of a .docx, as Word's 接受所有修订 / 拒绝所有修订 do.

Accepting keeps what ``w:ins`` holds and drops each ``w:del``; rejecting drops each ``w:ins`` and turns the
runs of each ``w:del`` back into text. Only word/document.xml changes; the other parts are copied as they are.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _unwrap(el) -> None:
    """Put ``el``'s children where ``el`` stands and remove it."""
    parent = el.getparent()
    at = parent.index(el)
    for i, child in enumerate(list(el)):
        parent.insert(at + i, child)
    _drop(el)


def _drop(el) -> None:
    """Remove ``el``, keeping the text that follows it (lxml keeps an element's tail with it)."""
    parent = el.getparent()
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def accept(root) -> None:
    for el in list(root.iter(W + "del")):
        _drop(el)
    for el in list(root.iter(W + "ins")):
        _unwrap(el)


def reject(root) -> None:
    for el in list(root.iter(W + "ins")):
        _drop(el)
    for el in list(root.iter(W + "del")):
        for text in el.iter(W + "delText"):
            text.tag = W + "t"
        _unwrap(el)


def _rewritten(data: bytes, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "word/document.xml":
                root = etree.fromstring(blob)
                change(root)
                blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info, blob)
    return out.getvalue()


def accept_all(data: bytes) -> bytes:
    """The .docx ``data`` with every tracked change accepted."""
    return _rewritten(data, accept)


def reject_all(data: bytes) -> bytes:
    """The .docx ``data`` with every tracked change rejected."""
    return _rewritten(data, reject)


def revisions(data: bytes) -> list[dict]:
    """Each w:ins and w:del of the document: its tag, id, author, date and text."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out = []
    for el in root.iter(W + "ins", W + "del"):
        text = "".join(t.text or "" for t in el.iter(W + "t", W + "delText"))
        out.append({"tag": etree.QName(el).localname, "id": el.get(W + "id"), "author": el.get(W + "author"),
                    "date": el.get(W + "date"), "text": text})
    return out
