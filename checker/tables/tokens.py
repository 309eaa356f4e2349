"""Every input kind as one stream of tokens: the cells of a table in reading order, each label or value."""

# Word, HTML, Markdown and tab-separated text give grids; text copied from a web page gives one cell
# per line or cells separated by spaces. Each token keeps its place in the rendition and the physical
# row (grid row or line of text) it came from, which is all the parser needs to know of the layout.

from __future__ import annotations

from typing import Iterator, Optional, Sequence

from msgspec import Struct

from checker.cnnum import MAX_DIGITS
from checker.lazy import regex
from checker.memo import kept_when_short
from checker.model import Cell
from checker.tables.model import is_value_text


class Token(Struct):
    """One cell of a table in reading order: a label or a value, with its place and physical row."""

    text: str
    line: int
    col: int
    row: int  # physical row id: tokens of one grid row or one text line share it
    in_grid: bool
    # A blank grid cell is a (missing) value; blank text never becomes a token. Asked of every token
    # many times while a table is classified and read, so given when the token is made (``Token.of``
    # works it out); a __post_init__ doing it cost a third of making the ~300 tokens of a report.
    is_value: bool

    @classmethod
    def of(cls, text: str, line: int, col: int, row: int, in_grid: bool = False) -> "Token":
        """The token of ``text``, whether it is a value worked out."""
        return cls(text, line, col, row, in_grid, (in_grid and not text.strip()) or is_value_text(text))


_MAX_SPANS = 5000  # a long row of equal cells has many cuttings; past this, do not fit


def _spans(texts: list[str], count: int, start: int = 0) -> Iterator[list[int]]:
    """Every way to cut texts[start:] into ``count`` runs of equal texts; yields the runs' first indices."""
    if count == 0:
        if start == len(texts):
            yield []
        return
    end = start + 1
    while end <= len(texts) and texts[end - 1] == texts[start]:
        for rest in _spans(texts, count - 1, end):
            yield [start] + rest
        end += 1


def fit_grid_values(values: list[Token], count: int) -> list[Token]:
    """The values of a grid row with more cells than the row has columns, when the excess is layout.

    Table 二 is often one grid of four columns in which a part with fewer columns spans a value
    over several cells; Word and HTML readers repeat a spanned cell into every position
    ("行政许可 | 418 | 418 | 418"), and rows may be padded with empty cells. Runs of equal cells are
    taken as one only when every way of doing so gives the same values; anything else is left as
    it is, to be reported as a row with the wrong number of values.
    """
    if count == 0 or len(values) <= count or not all(v.in_grid for v in values):
        return values
    trimmed = list(values)
    while len(trimmed) > count and not trimmed[-1].text.strip():
        trimmed.pop()
    if len(trimmed) == count:
        return trimmed
    texts = [v.text.strip() for v in values]
    if len(set(texts)) == 1:
        return values[:count]  # every cutting reads the same
    readings: dict[tuple[str, ...], list[int]] = {}
    for tried, starts in enumerate(_spans(texts, count)):
        readings.setdefault(tuple(texts[i] for i in starts), starts)
        if len(readings) > 1 or tried > _MAX_SPANS:
            return values
    if len(readings) == 1:
        return [values[i] for i in next(iter(readings.values()))]
    return values


def tokens_from_grid(rows: Sequence[Sequence[Cell]], row_offset: int = 0) -> list[Token]:
    """Cells of a Word/HTML/Markdown/tab grid, skipping repeats of a merged label in the same row."""
    tokens: list[Token] = []
    append = tokens.append
    for r, row in enumerate(rows, row_offset):
        previous: Optional[str] = None
        for cell in row:
            text = cell.text
            # A plain count ("0", "418": most cells; is_plain_count spelt out) or a blank cell is a value.
            is_value = (text.isdigit() and text.isascii() and len(text) <= MAX_DIGITS) or not text.strip()
            if not is_value:
                is_value = is_value_text(text)
                if text == previous and not is_value:
                    continue  # a merged label repeated across the columns it spans
            previous = text
            append(Token(text, cell.line, cell.col, r, True, is_value))
    # Trailing blank cells of a row are layout padding only when the row has no values at all.
    return tokens


_PIECE = regex(r"[^\s\u3000]+")
_PREFIX_ONLY = regex(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、])$")
_VALUE = r"(?:[+\-]?\d[\d.,]*(?:万元|元|亿元)?|[-—/／]+)"
_LABEL_THEN_VALUE = regex(rf"^(?P<label>.*?[^\d\s.,+\-—/／])(?P<value>{_VALUE})$")


def tokens_from_text(text: str, line: int, col: int, row: int) -> list[Token]:
    """One line of a table copied as text: cells split on tabs and spaces ("规章 0 0 0"); a numbering
    token set apart ("1. 属于国家秘密") stays with its label; a number glued to its label
    ("规章0") is split off."""
    pieces = [(m.start(), m.group(0)) for m in _PIECE.finditer(text)]
    merged: list[tuple[int, str]] = []
    for start, piece in pieces:
        if merged and not is_value_text(piece) and _PREFIX_ONLY.match(merged[-1][1]):
            merged[-1] = (merged[-1][0], merged[-1][1] + piece)
        else:
            merged.append((start, piece))
    tokens: list[Token] = []
    for start, piece in merged:
        for offset, cell_text, is_value in _cells_of_piece(piece):
            tokens.append(Token(cell_text, line, col + start + offset, row, False, is_value))
    return tokens


@kept_when_short(maxsize=1 << 14, longest=200)  # pieces repeat: "0", "规章", "1.属于国家秘密" …
def _cells_of_piece(piece: str) -> tuple[tuple[int, str, bool], ...]:
    """The cells of one piece of a table line: (offset in the piece, text, whether a value); a number
    glued to its label ("规章0") is split off."""
    m = None if is_value_text(piece) else _LABEL_THEN_VALUE.match(piece)
    if m and not _PREFIX_ONLY.match(m.group("label")):
        label, value = m.group("label"), m.group("value")
        return (0, label, is_value_text(label)), (m.start("value"), value, is_value_text(value))
    return ((0, piece, is_value_text(piece)),)

