"""Table text cut back into rows: each official row label starts a rendition line followed by its values.

Cells come from a flattened line (labels found by the official label pattern, values between them) or
from the lines of PDF text (split on white space). A label cell wrapped inside its table cell comes in
fragments, often with the row's values printed between them (``（二）部分公开（区分处理的，只计这一情`` /
``447 7 0 0 0 0 454`` / ``形，不计其他情形）``): a fragment that, added to the label before it, still
spells (the start of) an official label is joined back to it, and the values stay with the label.
Values are never split or changed here: digits run together are the table reader's to split
(checker/tables/reconstruct.py), by the table's identities.
"""

from __future__ import annotations

from typing import Optional

from msgspec import Struct

from checker.layout.lexicon import VALUE_RE, classify_label, fold, table_lexicon
from checker.layout.rendition import Piece, RenditionLine
from checker.lazy import regex

_SPACES = regex(r"[^ \t\u3000\u00a0]+")
_PROSE = regex(r"[。！？!?；;，,]")
_ITEM_NUMBER = regex(r"\d{1,2}[.．]")
_SHORT = 40  # a local row label or a misspelt one is short and has no sentence punctuation


class Cell(Struct):
    """A piece of a flattened table read as a cell: what kind of cell it looks like, on which line."""

    piece: Piece
    kind: str  # "value" | "row" | "group" | "header" | "fragment" (start of a label) | "piece" | "other"
    folded: str
    row: int  # the physical line it is on (its index among the lines read)
    source: str  # that line's text
    index: int = 0  # its place among all the cells read

    @property
    def role(self) -> str:
        """The kind of label a cell stands for: a fragment, the kind of label it begins."""
        if self.kind == "fragment":
            return table_lexicon().prefixes.get(self.folded, "other")
        return "other" if self.kind == "piece" else self.kind

    @property
    def is_value(self) -> bool:
        return self.kind == "value"

    @property
    def is_label(self) -> bool:
        return self.kind in ("row", "group", "header", "fragment", "piece")


def kind_of(text: str) -> str:
    """What a cell of table text is: a value, a complete label of some kind, the start of one, a piece
    of one, or other text. A number and its dot (``1.``) is the start of an item label, not a value: a
    group label wrapped in its narrow cell leaves it at the end of its line (``（三）不予公开 1.`` /
    ``2 0 0 0 0 0 2`` / ``属于国家秘密``)."""
    if VALUE_RE.fullmatch(text) and not (_ITEM_NUMBER.fullmatch(text) and table_lexicon().is_prefix(fold(text))):
        return "value"
    kind = classify_label(text)
    if kind:
        return kind
    folded = fold(text)
    lexicon = table_lexicon()
    if len(folded) >= 1 and lexicon.is_prefix(folded):
        return "fragment"
    if folded in lexicon.pieces:
        return "piece"
    return "other"


def cells_of_line(line: int, text: str, row: int) -> list[Cell]:
    """The white-space separated cells of one line of table text."""
    return [Cell(Piece(line, m.start(), m.group(0)), kind_of(m.group(0)), fold(m.group(0)), row, text)
            for m in _SPACES.finditer(text)]


def cells_of_run(line: int, text: str, start: int, end: int) -> list[Cell]:
    """The cells of a stretch of a flattened line: official labels where the label pattern finds them,
    the white-space separated text between them as values or other text."""
    cells: list[Cell] = []

    def gap(a: int, b: int) -> None:
        for m in _SPACES.finditer(text, a, b):
            piece = m.group(0)
            # A value run straight into the next text ("0三、本年度…" is caught by the label pattern;
            # "18（二）" likewise), so a gap is a value, or other text.
            kind = "value" if VALUE_RE.fullmatch(piece) else "other"
            cells.append(Cell(Piece(line, m.start(), piece), kind, fold(piece), 0, text))

    at = start
    for m in table_lexicon().pattern.finditer(text, start, end):
        gap(at, m.start())
        cells.append(Cell(Piece(line, m.start(), m.group(0)), classify_label(m.group(0)) or "row",
                          fold(m.group(0)), 0, text))
        at = m.end()
    gap(at, end)
    return cells


def is_tableish(cell: Cell) -> bool:
    """A cell that may stand in a table: a value, a label, or a short text without sentence punctuation
    (a local row or a misspelt label, kept for the table reader to report)."""
    if cell.kind != "other":
        return True
    return len(cell.piece.text) <= _SHORT and not _PROSE.search(cell.piece.text)


def table_zone(cells: list[Cell]) -> Optional[tuple[int, int]]:
    """The cells (first, last index) that are table text in a stretch of a flattened line: from the first
    table cell before the first row label followed by a value, to the last value, with nothing between
    that reads as prose. None when fewer than two rows (or the values of table 四 under its header) are
    there."""
    anchors = [i for i in range(len(cells) - 1)
               if cells[i].kind in ("row", "group") and cells[i + 1].is_value]
    header_values = [i for i in range(len(cells) - 1) if cells[i].kind == "header" and _values_after(cells, i + 1) >= 5]
    if len(anchors) < 2 and not header_values:
        return None
    first = min(anchors[:1] + header_values[:1])
    last_anchor = max(anchors[-1:] + header_values[-1:])
    while first > 0 and is_tableish(cells[first - 1]) and not cells[first - 1].kind == "other":
        first -= 1
    last = last_anchor
    while last + 1 < len(cells) and is_tableish(cells[last + 1]):
        last += 1
    while last > last_anchor and not cells[last].is_value:
        last -= 1  # text after the last value is not the table's
    return first, last


def _values_after(cells: list[Cell], start: int) -> int:
    """How many digits the values from ``start`` on hold (table 四 is one row of fifteen, maybe run together)."""
    digits = 0
    for cell in cells[start:]:
        if not cell.is_value:
            break
        digits += sum(ch.isdigit() for ch in cell.piece.text)
    return digits


class _Row:
    def __init__(self, cell: Cell) -> None:
        self.cells: list[tuple[Cell, bool]] = []  # (cell, joined to the label before it without a space)
        self.labels: list[tuple[str, str]] = []  # (folded text, kind) of each label, a wrapped one joined
        self.values = False
        self.add(cell)

    @property
    def last_row(self) -> int:
        return self.cells[-1][0].row

    @property
    def label(self) -> str:
        return self.labels[-1][0] if self.labels else ""

    def _kinds(self) -> set[str]:
        return {kind for _, kind in self.labels}

    @property
    def has_row(self) -> bool:
        return bool(self._kinds() & {"row", "other"})

    @property
    def has_header(self) -> bool:
        return "header" in self._kinds()

    @property
    def only_groups(self) -> bool:
        return self._kinds() == {"group"}

    def incomplete(self) -> bool:
        return bool(self.label) and classify_label(self.label) is None and table_lexicon().is_prefix(self.label)

    def continues(self, cell: Cell) -> bool:
        """``cell`` completes the label being read (a fragment of a wrapped label cell)."""
        if cell.is_value or not self.label or cell.kind in ("row", "group", "header") and not self.incomplete():
            return False
        joined = self.label + cell.folded
        if classify_label(joined):
            return True
        return self.incomplete() and table_lexicon().is_prefix(joined)

    def add(self, cell: Cell, joined: bool = False) -> None:
        self.cells.append((cell, joined))
        if cell.is_value:
            self.values = True
            return
        if joined and self.labels:
            text = self.label + cell.folded
            kind = classify_label(text) or table_lexicon().prefixes.get(text, "other")
            self.labels[-1] = (text, kind)
        else:
            self.labels.append((cell.folded, cell.role))

    def starts_new(self, cell: Cell, by_lines: bool) -> bool:
        new_line = by_lines and cell.row != self.last_row
        if cell.is_value:
            if self.values:
                return new_line and not self.incomplete()
            return not self.has_row and self.has_header
        role = cell.role
        if self.values:
            # Values under a group label alone are the next row's, printed between the two label cells.
            return not (self.only_groups and role == "row")
        if new_line and not self.only_groups:
            return True
        if role in ("row", "other") and not self.has_row and not self.only_groups:
            return True
        if role == "header" and self.has_row:
            return True
        return role == "group" and not self.only_groups

    def rendition(self) -> RenditionLine:
        """Labels first, in order (a fragment joined to its label), then the values; cells that stand
        side by side in the file, white space between them, are one piece of it; cells that ran together
        ("申请人情况自然人", "总计1") get a space between them."""
        ordered = [c for c in self.cells if not c[0].is_value] + [c for c in self.cells if c[0].is_value]
        out = RenditionLine()
        run: list[Cell] = []
        separator = ""

        def flush() -> None:
            if run:
                first, last = run[0].piece, run[-1].piece
                out.add(Piece(first.line, first.start, run[0].source[first.start:last.end]), separator)
                del run[:]

        for cell, joined in ordered:
            if (run and cell.row == run[-1].row and cell.index == run[-1].index + 1 and not joined
                    and cell.piece.start > run[-1].piece.end):
                run.append(cell)
                continue
            flush()
            separator = "" if joined else " "
            run.append(cell)
        flush()
        return out


def assemble(cells: list[Cell], by_lines: bool) -> list[RenditionLine]:
    """Rows from table cells in reading order. ``by_lines``: the cells come from lines of text (PDF),
    whose line breaks also end rows, except where a label continues or values join their label."""
    for i, cell in enumerate(cells):
        cell.index = i
    rows: list[_Row] = []
    for cell in cells:
        current = rows[-1] if rows else None
        if current is not None and current.continues(cell):
            current.add(cell, joined=True)
        elif current is None or current.starts_new(cell, by_lines):
            rows.append(_Row(cell))
        else:
            current.add(cell)
    return [row.rendition() for row in rows]
