"""The Document model: ordered blocks located on the lines of a plain-text rendition.

Plain data that imports nothing from the package: readers build it, the analysis stage
(checker/analysis.py) derives everything else from it once.
"""

from __future__ import annotations

from typing import Any, Iterator, Optional

from msgspec import Struct, field

class Cell(Struct):
    """One table cell: its text, and where it stands in the rendition (1-based line and column)."""

    text: str
    line: int
    col: int = 1
    row: int = 0  # 0-based row index in the table grid
    column: int = 0  # 0-based column index in the table grid


class Block(Struct):
    """A paragraph, heading or table of the report.

    ``line``/``col`` locate the first character of ``text`` in the rendition; for a table, ``line``
    is its first row. ``markup_level`` is the heading level a Word style or Markdown ``#`` gave the
    block (None for plain paragraphs); the outline decides the real level from the numbering.
    """

    kind: str  # "paragraph" | "heading" | "table"
    text: str
    line: int
    col: int = 1
    markup_level: Optional[int] = None
    rows: list[list[Cell]] = field(default_factory=list)  # tables only

    @property
    def is_table(self) -> bool:
        return self.kind == "table"

    @property
    def end_line(self) -> int:
        if self.is_table and self.rows:
            return max(c.line for row in self.rows for c in row) if any(self.rows) else self.line
        return self.line


class InBlock:
    """Mixin for something found inside a block's text (a period, a contact, a part list):
    subclasses have ``block`` and ``offset``; line and column follow from them."""

    __slots__ = ()  # the subclasses are Structs: their fields are slots, and no __dict__ comes from here

    block: Block
    offset: int

    @property
    def line(self) -> int:
        return self.block.line

    @property
    def col(self) -> int:
        return self.block.col + self.offset


class Segment(Struct, frozen=True):
    """Where a piece of a rendition line stands in the source file: from ``column`` of the rendition line
    on (1-based), the text is at ``line``:``source_column`` of the file's own lines."""

    column: int
    line: int
    source_column: int


class Document(Struct):
    """A report read from one file: its blocks in order and the lines of its plain-text rendition."""

    path: str
    source_kind: str  # "txt" | "md" | "docx" | "html"
    blocks: list[Block]
    lines: list[str]  # the rendition, lines[0] is line 1
    # ogi-check directive comments (<!-- ogi-check: disable=… -->) as (line, comment text); the line is
    # where the directive takes effect: its own line in .txt/.md, the next block's line in .html.
    directives: list[tuple[int, str]] = field(default_factory=list)
    # Where each rendition line came from in the source file, for writing back into it (Word comments):
    # a paragraph's locator, or for a table row a list of cell locators indexed by grid column.
    anchors: dict[int, Any] = field(default_factory=dict)
    # The page each rendition line is on, for inputs that have pages (PDF); empty otherwise.
    pages: dict[int, int] = field(default_factory=dict)
    # When the rendition is not the file's own lines (text whose layout was recovered: wrapped lines joined,
    # a flattened line cut up), the file's lines, and for each rendition line where its pieces stand in them.
    source_lines: Optional[list[str]] = None
    origins: dict[int, tuple[Segment, ...]] = field(default_factory=dict)

    def line_text(self, line: int) -> str:
        if 1 <= line <= len(self.lines):
            return self.lines[line - 1]
        return ""

    def locate(self, line: int, column: int) -> tuple[int, int]:
        """A rendition place as a place in the file (line, column): the same unless the layout was recovered."""
        pieces = self.origins.get(line)
        if not pieces:
            return line, column
        piece = pieces[0]
        for candidate in pieces:
            if candidate.column > column:
                break
            piece = candidate
        return piece.line, piece.source_column + column - piece.column

    def source_text(self, line: int) -> str:
        """Line ``line`` as the user sees it in the file (or, for Word and HTML, in the rendition)."""
        lines = self.source_lines if self.source_lines is not None else self.lines
        return lines[line - 1] if 1 <= line <= len(lines) else ""

    def text_blocks(self) -> Iterator[Block]:
        """Paragraphs and headings, in order (tables excluded)."""
        # ``b.kind`` rather than ``b.is_table``: a dozen passes a report over every block, and a property
        # call costs more than the comparison it makes.
        return (b for b in self.blocks if b.kind != "table")

    def tables(self) -> Iterator[Block]:
        return (b for b in self.blocks if b.kind == "table")
