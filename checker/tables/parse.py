"""Read one official table from a stream of cells, whatever the input kind laid them out as.

Word, HTML, Markdown and tab-separated text give grids; text copied from a web page gives one cell
per line or cells separated by spaces. All of them become the same stream of tokens in reading
order, each marked label or value, with the physical row it came from. The format fixes the order
of rows and columns, so a row label followed by its values is all a table needs to be read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from checker.formats import normalize_label
from checker.tables.model import ExtraRow, LabelVariant, StatTable, TableCell, UnreadableRow, is_value_text, parse_cell
from checker.tables.reconstruct import split_run_together
from checker.tables.spec import RowSpec, TableSpec


@dataclass
class Token:
    text: str
    line: int
    col: int
    row: int  # physical row id: tokens of one grid row or one text line share it
    in_grid: bool = False

    @property
    def is_value(self) -> bool:
        # A blank grid cell is a (missing) value; blank text never becomes a token.
        return (self.in_grid and not self.text.strip()) or is_value_text(self.text)


_PARENTHETICAL = re.compile(r"（[^）]*）$")
_TOKEN_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}\.)")


def _accepted_forms(label: str) -> set[str]:
    """The printed forms of a label that are the format's own: with or without its explanatory
    parenthetical, with 、 or ， (both seen in copies of the （六） rows)."""
    base = normalize_label(label)
    forms = {base, _PARENTHETICAL.sub("", base)}
    forms |= {f.replace("、", "，") for f in forms} | {f.replace("，", "、") for f in forms}
    return forms


class RowMatcher:
    """Which row, group or header of ``spec`` a label cell is."""

    def __init__(self, spec: TableSpec):
        self.spec = spec
        self.exact = {}
        for row in spec.rows:
            for form in _accepted_forms(row.label):
                self.exact[form] = row
        self.groups = {normalize_label(g) for g in spec.group_labels}
        self.headers = {normalize_label(h) for h in spec.header_labels}

    def classify(self, text: str) -> tuple[str, Optional[RowSpec]]:
        """("row", spec) | ("variant", spec) | ("group", None) | ("header", None) | ("other", None)."""
        t = normalize_label(text)
        if t in self.exact:
            return "row", self.exact[t]
        if t in self.groups:
            return "group", None
        if t in self.headers or any(t.startswith(h) for h in self.headers if len(h) > 4):
            return "header", None
        bare = _TOKEN_PREFIX.sub("", t)
        if bare and bare in {_TOKEN_PREFIX.sub("", k) for k in self.exact}:
            row = next(r for k, r in self.exact.items() if _TOKEN_PREFIX.sub("", k) == bare)
            return "variant", row
        best = None
        for row in self.spec.rows:
            if row.stems and all(stem in t for stem in row.stems):
                length = sum(len(s) for s in row.stems)
                if best is None or length > best[0]:
                    best = (length, row)
        # A bare stem like "其他" or "总计" must not swallow a header cell of the same text.
        if best and len(t) > len("".join(best[1].stems)):
            return "variant", best[1]
        return "other", None


def parse_table(spec: TableSpec, tokens: list[Token], identity_split: bool = True) -> Optional[StatTable]:
    """Build the StatTable of ``spec`` from ``tokens``; None when no row of it is there."""
    if not tokens:
        return None
    matcher = RowMatcher(spec)
    table = StatTable(spec=spec, line=tokens[0].line, end_line=tokens[-1].line)
    current: Optional[tuple] = None  # (RowSpec | None, label token, values)
    pending_label: Optional[Token] = None

    def flush():
        nonlocal current
        if current is None:
            return
        row, label, values = current
        current = None
        if row is None:
            if values:
                table.extra_rows.append(ExtraRow(label.text, label.line, label.col,
                                                 [parse_cell(v.text, v.line, v.col) for v in values]))
            return
        _assign(table, row, label, values, identity_split)

    for tok in tokens:
        if tok.is_value:
            if current is None and spec.table == "四" and "件数" not in table.row_lines:
                current = (spec.rows[0], tok, [])
            if current is not None:
                current[2].append(tok)
            continue
        flush()
        kind, row = matcher.classify(tok.text)
        if kind in ("row", "variant"):
            if row.key in table.row_lines:
                continue  # a header or group repeated after a page break; keep the first reading
            if kind == "variant":
                table.variants.append(LabelVariant(row.key, row.label, tok.text.strip(), tok.line, tok.col))
            current = (row, tok, [])
        elif kind == "header":
            table.headers_seen.add(normalize_label(tok.text))
        elif kind == "other" and len(tok.text.strip()) <= 40:
            current = (None, tok, [])  # a local row, if values follow
    flush()
    if not table.row_lines and not table.unreadable:
        return None
    lines = [t.line for t in tokens]
    table.line, table.end_line = min(lines), max(lines)
    return table


def _assign(table: StatTable, row: RowSpec, label: Token, values: list[Token], identity_split: bool) -> None:
    columns = table.spec.columns_of(row)
    if len(values) == len(columns):
        cells = [parse_cell(v.text, v.line, v.col) for v in values]
    else:
        cells = None
        digits = [v.text.strip() for v in values]
        if identity_split and values and all(d.isdigit() for d in digits) and len(values) < len(columns):
            # Web text runs neighbouring cells together ("713000074" for 71|3|0|0|0|0|74): split only
            # where the row's own identity leaves exactly one way to do it.
            splits = split_run_together("".join(digits), table.spec, row)
            if len(splits) == 1:
                first = values[0]
                cells = [TableCell(str(n), "integer", n, first.line, first.col) for n in splits[0]]
                table.reconstructed.append(row.key)
            else:
                reason = "ambiguous" if splits else "no-split"
                table.unreadable.append(UnreadableRow(row.key, row.label, label.line, label.col, reason,
                                                      len(values), len(columns)))
                return
        if cells is None:
            table.unreadable.append(UnreadableRow(row.key, row.label, label.line, label.col, "count",
                                                  len(values), len(columns)))
            return
    table.row_lines[row.key] = (label.line, label.col)
    for column, cell in zip(columns, cells):
        table.cells[(row.key, column)] = cell


def tokens_from_grid(rows, row_offset: int = 0) -> list[Token]:
    """Cells of a Word/HTML/Markdown/tab grid, skipping repeats of a merged label in the same row."""
    tokens: list[Token] = []
    for r, row in enumerate(rows):
        previous = None
        for cell in row:
            text = cell.text
            if text.strip() and text == previous and not is_value_text(text):
                continue  # a merged label repeated across the columns it spans
            previous = text
            tokens.append(Token(text, cell.line, cell.col, row_offset + r, in_grid=True))
    # Trailing blank cells of a row are layout padding only when the row has no values at all.
    return tokens


_PIECE = re.compile(r"[^\s\u3000]+")
_PREFIX_ONLY = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、])$")
_VALUE = r"(?:[+\-]?\d[\d.,]*(?:万元|元|亿元)?|[-—/／]+)"
_LABEL_THEN_VALUE = re.compile(rf"^(?P<label>.*?[^\d\s.,+\-—/／])(?P<value>{_VALUE})$")


def tokens_from_text(text: str, line: int, col: int, row: int) -> list[Token]:
    """One line of a table copied as text: cells split on tabs and spaces ("规章 0 0 0"); a numbering
    token set apart ("1. 属于国家秘密") stays with its label; a number glued to its label
    ("规章0") is split off."""
    pieces = [(m.start(), m.group(0)) for m in _PIECE.finditer(text)]
    merged: list[tuple[int, str]] = []
    for start, piece in pieces:
        if merged and _PREFIX_ONLY.match(merged[-1][1]) and not is_value_text(piece):
            merged[-1] = (merged[-1][0], merged[-1][1] + piece)
        else:
            merged.append((start, piece))
    tokens: list[Token] = []
    for start, piece in merged:
        m = None if is_value_text(piece) else _LABEL_THEN_VALUE.match(piece)
        if m and not _PREFIX_ONLY.match(m.group("label")):
            tokens.append(Token(m.group("label"), line, col + start, row))
            tokens.append(Token(m.group("value"), line, col + start + m.start("value"), row))
        else:
            tokens.append(Token(piece, line, col + start, row))
    return tokens
