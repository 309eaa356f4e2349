"""Read one official table from a stream of tokens (checker/tables/tokens.py), whatever the input kind."""

# The format fixes the order of rows and columns, so a row label followed by its values is all a
# table needs to be read; labels are matched the way the format means them (spec.py).

from __future__ import annotations

import re
from typing import Optional

from msgspec import Struct

from checker.formats.labels import normalize_label
from checker.lazy import regex
from checker.tables.model import ExtraRow, LabelVariant, StatTable, TableCell, UnreadableRow, parse_cell
from checker.tables.reconstruct import split_run_together
from checker.formats.tables import RowSpec, TableSpec
from checker.tables.tokens import Token, fit_grid_values

_PARENTHETICAL = re.compile(r"（[^）]*）$")
_CN_ORDINALS = frozenset("一二三四五六七八九十")


def without_number(label: str) -> str:
    r"""The label without the number it opens with ("三、", "（二）", "3."): what
    ``re.sub(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}\.)", "", label)`` leaves,
    without compiling its classes of Chinese numerals (~0.4 ms at start-up)."""
    if not label:
        return label
    first = label[0]
    if first in _CN_ORDINALS or first == "（":
        start = 1 if first == "（" else 0
        end = start
        while end < len(label) and label[end] in _CN_ORDINALS:
            end += 1
        close = "）" if first == "（" else "、"
        if end > start and label[end:end + 1] == close:
            return label[end + 1:]
        return label
    if first.isdecimal():  # re's \d: a character of category Nd
        if label[1:2] == ".":
            return label[2:]
        if label[1:2].isdecimal() and label[2:3] == ".":
            return label[3:]
    return label


def _accepted_forms(label: str) -> set[str]:
    """The printed forms of a label that are the format's own: with or without its explanatory
    parenthetical, with 、 or ， (both seen in copies of the （六） rows)."""
    base = normalize_label(label)
    forms = {base, _PARENTHETICAL.sub("", base)}
    forms |= {f.replace("、", "，") for f in forms} | {f.replace("，", "、") for f in forms}
    return forms


_MATCHERS: dict[int, tuple[TableSpec, "RowMatcher"]] = {}


def matcher_for(spec: TableSpec) -> "RowMatcher":
    """One matcher per official table, shared by every report of a run (it caches its answers).
    Kept by the spec's identity: hashing a frozen TableSpec (all its rows) on every call cost more
    than the lookup it served. The entry holds the spec, so its id is never reused by another."""
    entry = _MATCHERS.get(id(spec))
    if entry is None or entry[0] is not spec:
        entry = _MATCHERS[id(spec)] = (spec, RowMatcher(spec))
    return entry[1]


class RowMatcher:
    """Which row, group or header of ``spec`` a label cell is."""

    def __init__(self, spec: TableSpec) -> None:
        self.spec = spec
        self.exact: dict[str, RowSpec] = {}
        for row in spec.rows:
            for form in _accepted_forms(row.label):
                self.exact[form] = row
        self.groups = {normalize_label(g) for g in spec.group_labels}
        self.headers = {normalize_label(h) for h in spec.header_labels}
        self.bare: dict[str, RowSpec] = {}
        for k, r in self.exact.items():
            self.bare.setdefault(without_number(k), r)
        self._seen: dict[str, tuple[str, Optional[RowSpec]]] = {}
        # For _classify, which every report's distinct cell texts reach, six matchers each: the headers a
        # label may begin with, and the rows with stems, their stems' total length beside them.
        self._long_headers = tuple(h for h in self.headers if len(h) > 4)
        self._stemmed = [(row.stems, sum(len(s) for s in row.stems), row) for row in spec.rows if row.stems]

    def classify(self, text: str) -> tuple[str, Optional[RowSpec]]:
        """("row", spec) | ("variant", spec) | ("group", None) | ("header", None) | ("other", None)."""
        found = self._seen.get(text)
        if found is None:
            found = self._seen[text] = self._classify(text)
        return found

    def _classify(self, text: str) -> tuple[str, Optional[RowSpec]]:
        t = normalize_label(text)
        if t in self.exact:
            return "row", self.exact[t]
        if t in self.groups:
            return "group", None
        if t in self.headers or t.startswith(self._long_headers):
            return "header", None
        bare = without_number(t)
        if bare and bare in self.bare:
            return "variant", self.bare[bare]
        best: Optional[tuple[int, RowSpec]] = None  # the first row of the longest stems all in t
        for stems, length, row in self._stemmed:
            if (best is None or length > best[0]) and all(map(t.__contains__, stems)):
                best = (length, row)
        # A bare stem like "其他" or "总计" must not swallow a header cell of the same text.
        if best and len(t) > best[0]:
            return "variant", best[1]
        return "other", None


class _Reading(Struct):
    """The row being read: its label (possibly wrapped over several cells or lines) and its values."""

    row: Optional[RowSpec]  # None for a row the format does not have
    label: Token
    text: str
    values: list[Token]

    def extend(self, tok: Token) -> None:
        self.text += tok.text.strip()


def _continuation(matcher: RowMatcher, reading: Optional[_Reading], tok: Token) -> Optional[tuple[str, Optional[RowSpec]]]:
    """A label whose cell wrapped ("（二）部分公开" / "（区分处理的，……）") comes as two tokens; the second
    is no label on its own but completes the first. Returns the classification of the joined text."""
    if reading is None or reading.values:
        return None
    if matcher.classify(tok.text)[0] in ("row", "group", "header"):
        return None
    kind, row = matcher.classify(reading.text + tok.text.strip())
    if kind == "header" or (kind == "row" and reading.row in (None, row)):
        return kind, row
    return None


_CELL_LIKE = regex(r"[A-Za-z0-9.,+\-*/#?？%]{1,6}")


def _stray_cell(matcher: RowMatcher, reading: Optional[_Reading], tok: Token) -> bool:
    """A cell written wrongly ("x", "O", "未统计") inside a row that still lacks values, not a label.

    In a grid or a line of text its place tells: it stands right of the row's label. In text copied
    one cell per line nothing does, so only a short token without Chinese is taken for a cell."""
    if reading is None or reading.row is None:
        return False
    if len(reading.values) >= len(matcher.spec.columns_of(reading.row)):
        return False
    if matcher.classify(tok.text)[0] != "other":
        return False
    if tok.row == reading.label.row:
        return True  # in a grid or a line of text, a cell right of a row's label is its value
    return not tok.in_grid and bool(_CELL_LIKE.fullmatch(tok.text.strip()))


def parse_table(spec: TableSpec, tokens: list[Token], identity_split: bool = True) -> Optional[StatTable]:
    """Build the StatTable of ``spec`` from ``tokens``; None when no row of it is there."""
    if not tokens:
        return None
    matcher = matcher_for(spec)
    table = StatTable(spec=spec, line=tokens[0].line, end_line=tokens[-1].line)
    current: Optional[_Reading] = None
    last_row: Optional[RowSpec] = None  # the official row read last, whose columns a local row shares

    def flush() -> None:
        nonlocal current, last_row
        reading, current = current, None
        if reading is None:
            return
        if reading.row is None:
            if reading.values:
                columns = table.spec.columns_of(last_row) if last_row else ()
                table.extra_rows.append(ExtraRow(
                    reading.text, reading.label.line, reading.label.col,
                    [parse_cell(v.text, v.line, v.col) for v in reading.values],
                    list(columns) if len(columns) == len(reading.values) else []))
            return
        # The printed label is judged once it is complete (it may have wrapped over two lines).
        if matcher.classify(reading.text)[0] == "variant":
            table.variants.append(LabelVariant(reading.row.key, reading.row.label, reading.text,
                                               reading.label.line, reading.label.col))
        _assign(table, reading.row, reading.label, reading.values, identity_split)
        last_row = reading.row

    for tok in tokens:
        # Most labels follow a row's values, and only a label with none yet can wrap: the test spelt out
        # here, so that a table's hundred labels cost no call.
        joined = None if tok.is_value or current is None or current.values else _continuation(matcher, current, tok)
        if joined is not None and current is not None:  # a continuation is always of a current reading
            joined_kind, joined_row = joined
            if joined_kind == "header":
                table.headers_seen.add(normalize_label(current.text + tok.text.strip()))
                current = None
            else:
                assert joined_row is not None  # a "row" classification always comes with its spec
                current.row = None if joined_row.key in table.row_lines else joined_row  # see repeats below
                current.extend(tok)
            continue
        if tok.is_value or (current is not None and current.row is not None and _stray_cell(matcher, current, tok)):
            if current is None and spec.table == "四" and "件数" not in table.row_lines:
                current = _Reading(spec.rows[0], tok, "件数", [])
            if current is not None:
                current.values.append(tok)
            continue
        flush()
        kind, row = matcher.classify(tok.text)
        if kind in ("row", "variant"):
            # A row read twice (repeated after a page break) keeps its first reading; values that
            # follow the repeat are kept as a row of their own, never dropped.
            assert row is not None  # "row" and "variant" always come with their spec
            repeated = row.key in table.row_lines
            current = _Reading(None if repeated else row, tok, tok.text.strip(), [])
        elif kind == "header":
            table.headers_seen.add(normalize_label(tok.text))
        elif kind == "other" and len(tok.text.strip()) <= 40:
            current = _Reading(None, tok, tok.text.strip(), [])  # a local row, if values follow
    flush()
    if not table.row_lines and not table.unreadable:
        return None
    lines = [t.line for t in tokens]
    table.line, table.end_line = min(lines), max(lines)
    return table


def _assign(table: StatTable, row: RowSpec, label: Token, values: list[Token], identity_split: bool) -> None:
    columns = table.spec.columns_of(row)
    values = fit_grid_values(values, len(columns))
    cells: Optional[list[TableCell]]
    if len(values) == len(columns):
        cells = [parse_cell(v.text, v.line, v.col) for v in values]
    else:
        cells = None
        digits = [v.text.strip() for v in values]
        # Fewer digits than cells cannot be cells run together: a value is missing (a blank cell of a copied
        # table leaves no trace in its text), and that is the count's business, not a split's.
        if (identity_split and values and all(d.isdigit() for d in digits) and len(values) < len(columns)
                and sum(map(len, digits)) >= len(columns)):
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
