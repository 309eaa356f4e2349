"""The canonical model of a statistical table: cells keyed by official row and column, each located."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any, Optional, Union

from msgspec import Struct, field

from checker.cnnum import MAX_DIGITS
from checker.formats.tables import TableSpec
from checker.memo import kept_when_short, store_beside_fields

Number = Union[int, Decimal]

_FULLWIDTH = str.maketrans("０１２３４５６７８９．－＋，", "0123456789.-+,")
_DASHES = {"-", "—", "——", "–", "－", "/", "／", "\\", "无", "—-", "--", "ˉ", "─"}
_UNIT = re.compile(r"^(?P<num>[+\-]?\d+(?:\.\d+)?)\s*(?P<unit>万元|元|亿元|件|项|个|条)$")


class TableCell(Struct):
    """One value cell as written: ``kind`` is integer, decimal, blank, dash or text."""

    raw: str
    kind: str
    value: Optional[Number]
    line: int
    col: int
    unit: Optional[str] = None

    def as_number(self) -> Optional[Number]:
        """The value for arithmetic: blanks and dashes count as 0 (T004 reports them separately)."""
        if self.kind in ("blank", "dash"):  # also spelt out in checker/tables/solve.py _sides
            return 0
        return self.value

    def to_dict(self) -> dict[str, Any]:
        value: Union[Number, float, None] = self.value
        if isinstance(value, Decimal):
            value = float(value)  # JSON and YAML have one kind of number; amounts have few decimals
        out: dict[str, Any] = {"value": value, "kind": self.kind, "raw": self.raw, "line": self.line, "column_no": self.col}
        if self.unit:
            out["unit"] = self.unit
        return out


def is_plain_count(raw: str) -> bool:
    """ASCII digits only, and few enough to be a number ("0", "418"): most cells of a table, whose reading
    needs no lookup (the same as ``_read_value``: an integer, no unit). Hot loops (``is_value_text``,
    checker/tables/tokens.py) spell the test out: a call costs as much as the test."""
    return raw.isdigit() and raw.isascii() and len(raw) <= MAX_DIGITS


def parse_cell(raw: str, line: int, col: int) -> TableCell:
    if is_plain_count(raw):
        return TableCell(raw, "integer", int(raw), line, col)
    kind, value, unit = _read_value(raw)
    return TableCell(raw, kind, value, line, col, unit)


@kept_when_short(maxsize=1 << 16, longest=200)  # table text repeats across rows and reports ("0", "自然人")
def _read_value(raw: str) -> tuple[str, Optional[Number], Optional[str]]:
    """What a cell's text holds: its kind, value and unit (TableCell)."""
    text = raw.strip().translate(_FULLWIDTH).replace(" ", "")
    if not text:
        return "blank", None, None
    if text in _DASHES:
        return "dash", None, None
    plain = text.replace(",", "") if re.fullmatch(r"[+\-]?\d{1,3}(,\d{3})+(\.\d+)?", text) else text
    if len(plain) <= MAX_DIGITS and re.fullmatch(r"[+\-]?\d+", plain):
        return "integer", int(plain), None
    if re.fullmatch(r"[+\-]?\d+\.\d+", plain):
        try:
            return "decimal", Decimal(plain), None
        except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
            pass
    m = _UNIT.match(plain)
    if m:
        num = m.group("num")
        if len(num) <= MAX_DIGITS:
            value: Number = Decimal(num) if "." in num else int(num)
            return "text", value, m.group("unit")
    return "text", None, None


def is_value_text(raw: str) -> bool:
    """A cell that holds a value (number, dash, number with unit) rather than a label."""
    return (raw.isdigit() and raw.isascii() and len(raw) <= MAX_DIGITS) or _is_other_value_text(raw)  # see is_plain_count


@kept_when_short(maxsize=1 << 16, longest=200)  # table text repeats across rows and reports: "0", "自然人", labels
def _is_other_value_text(raw: str) -> bool:
    """``is_value_text`` of a text that is not a plain count."""
    text = raw.strip().translate(_FULLWIDTH).replace(" ", "")
    if not text:
        return False
    return parse_cell(raw, 0, 0).kind != "text" or bool(_UNIT.match(text.replace(",", "")))


class ExtraRow(Struct):
    """A row the format does not have (a local variant): kept and reported, never dropped."""

    label: str
    line: int
    col: int
    values: list[TableCell]
    # The columns of the official row above it when the count matches (a local row of table 二
    # shares its part's columns); otherwise the values are known only by position.
    columns: list[str] = field(default_factory=list)


class UnreadableRow(Struct):
    """An official row whose values could not be read into its cells, and why."""

    key: str
    label: str
    line: int
    col: int
    reason: str  # "ambiguous" | "no-split" | "count"
    found: int = 0
    expected: int = 0


class LabelVariant(Struct):
    """A row matched by its stems whose printed label differs from the format's (T002)."""

    key: str
    expected: str
    found: str
    line: int
    col: int


class StatTable(Struct, dict=True):
    """One official table as read: its cells by (row key, column), where each row stood, and what did not fit."""

    spec: TableSpec
    line: int
    end_line: int
    cells: dict[tuple[str, str], TableCell] = field(default_factory=dict)
    row_lines: dict[str, tuple[int, int]] = field(default_factory=dict)  # row key → (line, col)
    extra_rows: list[ExtraRow] = field(default_factory=list)
    unreadable: list[UnreadableRow] = field(default_factory=list)
    reconstructed: list[str] = field(default_factory=list)  # row keys split from run-together digits
    variants: list[LabelVariant] = field(default_factory=list)
    headers_seen: set[str] = field(default_factory=set)  # normalized header labels found
    # 附表 (2007 era): totals among whose parts the table lists a row the family does not know, so
    # that the sum of the known parts says nothing (checker/tables/appendix.py).
    unknown_parts_of: set[str] = field(default_factory=set)
    units: dict[str, str] = field(default_factory=dict)  # 附表: row key → the unit printed with it

    @property
    def solved(self) -> dict[Any, Any]:
        """What checker/tables/solve.py worked out of the finished table (its identities' instances, their
        linked groups, the corrections): several rules solve the same identities of one table. Kept in the
        instance's ``__dict__`` (``dict=True``), outside the fields that equality reads."""
        return store_beside_fields(self, "solved")

    @property
    def table(self) -> str:
        return self.spec.table

    @property
    def era(self) -> str:
        return self.spec.era

    def cell(self, row: str, col: str) -> Optional[TableCell]:
        return self.cells.get((row, col))

    def position(self, row: str, col: str) -> tuple[int, int]:
        """Line and column of a cell, or the table's first line when the cell is missing."""
        cell = self.cells.get((row, col))
        return (cell.line, cell.col) if cell else (self.line, 1)

    def number(self, row: str, col: str) -> Optional[Number]:
        cell = self.cells.get((row, col))
        return cell.as_number() if cell else None

    def missing_rows(self) -> list[str]:
        if self.spec.family:
            return []  # local forms list the indicators they choose
        return [r.key for r in self.spec.rows if r.key not in self.row_lines
                and not any(u.key == r.key for u in self.unreadable)]

    def to_dict(self) -> dict[str, Any]:
        """The table as plain data (rules/schema/extract.json): official rows by key, cells by column."""
        rows: list[dict[str, Any]] = []
        for r in self.spec.rows:
            if r.key not in self.row_lines:
                continue
            line, _ = self.row_lines[r.key]
            rows.append({
                "key": r.key, "label": r.label, "group": r.group or None, "line": line,
                "reconstructed": r.key in self.reconstructed,
                "cells": {c: self.cells[(r.key, c)].to_dict() for c in self.spec.columns_of(r)
                          if (r.key, c) in self.cells},
            })
        return {
            "table": self.table, "format": self.era, "title": self.spec.title, "line": self.line,
            "end_line": self.end_line, "reconstructed": bool(self.reconstructed),
            "reconstructed_rows": list(self.reconstructed), "rows": rows,
            "missing_rows": self.missing_rows(),
            "extra_rows": [{
                "label": e.label, "line": e.line, "columns": list(e.columns),
                "values": [v.raw for v in e.values], "cells": [v.to_dict() for v in e.values],
            } for e in self.extra_rows],
            "unreadable_rows": [{"key": u.key, "label": u.label, "line": u.line, "reason": u.reason,
                                 "found": u.found, "expected": u.expected} for u in self.unreadable],
            "label_variants": [{"key": v.key, "expected": v.expected, "found": v.found, "line": v.line}
                               for v in self.variants],
        }
