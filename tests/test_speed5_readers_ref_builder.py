# The rendition builder as it was at 3249f4d: the reference of tests/test_speed5_readers_docx.py. Holds no tests.
# ruff: noqa
# mypy: ignore-errors
"""Build a Document from structured content (Word, HTML) by laying it out as a plain-text rendition."""

from __future__ import annotations

import re

from typing import Any, Optional

from checker.model import Block, Cell, Document
from checker.readers.bounds import Bounds


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _join_lines(text: str) -> str:
    """Inner line breaks as one line: a space between Latin words, nothing between Chinese characters
    (a title broken after 政府信息公开 reads as one title)."""
    out: list[str] = []
    for piece in text.replace("\u3000", " ").split("\n"):
        piece = " ".join(piece.split())
        if not piece:
            continue
        if out and not (_CJK.match(out[-1][-1]) and _CJK.match(piece[0])):
            out.append(" ")
        out.append(piece)
    return "".join(out)


class RenditionBuilder:
    """Collects paragraphs and tables in reading order; each gets the next line(s) of the rendition.

    Word and HTML have no lines of their own, so the rendition *is* the line space findings point
    into; ``ogi-check render FILE`` prints it so an editor can look a finding up.
    """

    def __init__(self, path: str = "") -> None:
        # Every block and character added is counted against the limits of one document (bounds.py).
        self.bounds = Bounds(path)
        self.blocks: list[Block] = []
        self.lines: list[str] = []
        self.anchors: dict[int, Any] = {}
        self.directives: list[tuple[int, str]] = []
        self._waiting: list[str] = []  # directives seen since the last block: they take its line
        # Paged inputs (PDF): the page of each rendition line; ``page`` is the page of what is added next.
        self.pages: dict[int, int] = {}
        self.page: Optional[int] = None

    def add_directive(self, text: str) -> None:
        """A directive comment; it takes effect at the line of the next block added."""
        self._waiting.append(text)

    def _placed(self) -> None:
        self.directives.extend((len(self.lines), t) for t in self._waiting)
        self._waiting = []

    def add_paragraph(self, text: str, markup_level: Optional[int] = None, anchor: Any = None) -> None:
        # A paragraph is one line: inner line breaks (Word soft returns, <br>) become spaces
        # so that a heading or sentence is never split across two findings' lines.
        flat = _join_lines(text) if "\n" in text else text.strip()
        if not flat.strip():
            return
        self.bounds.add_blocks()
        self.bounds.add_chars(len(flat))
        self.lines.append(flat)
        self._placed()
        if self.page is not None:
            self.pages[len(self.lines)] = self.page
        if anchor is not None:
            self.anchors[len(self.lines)] = anchor
        kind = "heading" if markup_level else "paragraph"
        self.blocks.append(Block(kind=kind, text=flat, line=len(self.lines), markup_level=markup_level))

    def add_table(self, rows: list[list[str]], anchors: Optional[list[list[Any]]] = None,
                  row_pages: Optional[list[int]] = None) -> None:
        """``anchors``, when given, is a grid parallel to ``rows``: where each cell came from; ``row_pages``
        the page of each row (a table of a PDF may run over a page break)."""
        kept = [i for i, r in enumerate(rows) if any(t.strip() for t in r)]
        if not kept:
            return
        self.bounds.add_blocks()
        # What the rendition of the grid will hold, counted before its lines are joined: a merged cell's
        # text is repeated in every position it covers.
        self.bounds.add_chars(sum(len(t) + 1 for i in kept for t in rows[i]))
        first = len(self.lines) + 1
        lines, cells = render_table_rows([rows[i] for i in kept], first)
        self.lines.extend(lines)
        self.directives.extend((first, t) for t in self._waiting)
        self._waiting = []
        if anchors is not None:
            for n, i in enumerate(kept):
                self.anchors[first + n] = list(anchors[i])
        for n, i in enumerate(kept):
            page = row_pages[i] if row_pages is not None else self.page
            if page is not None:
                self.pages[first + n] = page
        self.blocks.append(Block(kind="table", text=lines[0], line=first, rows=cells))

    def build(self, path: str, source_kind: str) -> Document:
        # Directives after the last block take effect after the last line (an enable at the end).
        self.directives.extend((len(self.lines) + 1, t) for t in self._waiting)
        self._waiting = []
        return Document(path=path, source_kind=source_kind, blocks=self.blocks, lines=self.lines,
                        directives=self.directives, anchors=self.anchors, pages=self.pages)
def render_table_rows(rows: list[list[str]], first_line: int) -> tuple[list[str], list[list[Cell]]]:
    """Lay a grid of cell texts out as tab-separated lines; return the lines and the located cells.

    Readers of Word and HTML share this so that every kind of input renders tables the same way.
    """
    lines: list[str] = []
    cells: list[list[Cell]] = []
    for r, row in enumerate(rows):
        line = first_line + r
        col = 1
        located: list[Cell] = []
        parts = [" ".join(text.split()) for text in row]
        for c, flat in enumerate(parts):
            located.append(Cell(flat, line, col, r, c))  # text, line, col, row, column (positional: faster)
            col += len(flat) + 1
        lines.append("\t".join(parts))
        cells.append(located)
    return lines, cells
