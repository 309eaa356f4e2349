"""Fixes applied to a text report (.txt, .md): the same bytes with each edit made, and the unified diff of it.

The file keeps its encoding (UTF-8, with its BOM if it had one, GB18030, UTF-16) and its line breaks;
only the characters of the edits change. Lines and columns are those findings give (the file's own).
"""

from __future__ import annotations

import codecs
import difflib
import re
from typing import Iterable

from checker.fixes.plan import Edit

_BREAK = re.compile(r"(\r\n|\r|\n)")


def _encoding(data: bytes) -> tuple[str, bytes]:
    """The codec the reader decoded ``data`` with (checker/readers/encoding.py) and the BOM to write back."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return codec, bom
    try:
        data.decode("utf-8")
        return "utf-8", b""
    except UnicodeDecodeError:
        return "gb18030", b""


def decode(data: bytes) -> str:
    codec, bom = _encoding(data)
    return data[len(bom):].decode(codec)


def apply_to_text(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with ``edits`` made (they never overlap: checker/fixes/plan.py); line breaks kept as they are."""
    pieces = _BREAK.split(text)  # line, break, line, break, … : line n is pieces[2 * (n - 1)]
    by_line: dict[int, list[Edit]] = {}
    for e in edits:
        by_line.setdefault(e.line, []).append(e)
    for line, line_edits in by_line.items():
        i = 2 * (line - 1)
        s = pieces[i]
        for e in sorted(line_edits, key=lambda e: e.column, reverse=True):  # from the right: columns stay valid
            if s[e.column - 1:e.end_column - 1] != e.old:
                raise ValueError(f"line {line}: expected {e.old!r} at column {e.column}")
            s = s[:e.column - 1] + e.new + s[e.end_column - 1:]
        pieces[i] = s
    return "".join(pieces)


def apply_to_bytes(data: bytes, edits: Iterable[Edit]) -> bytes:
    """The bytes of a text report with ``edits`` made, in the file's own encoding."""
    codec, bom = _encoding(data)
    return bom + apply_to_text(data[len(bom):].decode(codec), edits).encode(codec)


def unified_diff(path: str, before: str, after: str) -> str:
    """``--- a/path`` / ``+++ b/path`` hunks, as ``ruff check --diff`` and ``git diff`` print them."""
    absolute = path.startswith("/")
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=path if absolute else f"a/{path}", tofile=path if absolute else f"b/{path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
