"""Kind ``cell-values``: every cell of the statistical tables holds a valid count or amount (T004)."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator, Optional

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds._tables import short_label
from checker.kinds.base import Kind, Listing
from checker.tables.model import StatTable, TableCell

_EMPTY = ("blank", "dash")  # where 0 is meant


class CellValuesKind(Kind):
    """A cell holds a non-negative integer; decimals only where the format has an amount, a sign only
    in 本年增/减. Variants: ``blank`` (an empty cell) and ``dash`` (a dash) where 0 is meant, ``text``,
    ``unit`` (an amount without its unit), ``decimal``, ``negative``.

    Empty cells have one cause per region, so they are reported once per region: ``blank-table`` /
    ``dash-table`` when every cell of a table is blank (or every one a dash), with the ``count``;
    else ``blank-row`` / ``dash-row`` for a row with two or more, with the ``count`` and the
    ``columns``; a row with one is the cell's own ``blank`` / ``dash``. Each is at the region's first
    such cell, fix "0"."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        for table in report.tables.tables.values():
            yield from self._empty(table)
            for (row_key, column), cell in table.cells.items():
                if cell.kind in _EMPTY:
                    continue
                found = _wrong_value(table, column, cell)
                if found is not None:  # the place's words are built only for a cell reported (rarely)
                    variant, fix = found
                    yield Hit(cell.line, cell.col, variant=variant, args=_where(table, row_key, column, cell),
                              fix=fix)

    def _empty(self, table: StatTable) -> Iterator[Hit]:
        """The blank and dash cells, once per region."""
        cells = list(table.cells.items())
        for kind in _EMPTY:
            empty = [(key, cell) for key, cell in cells if cell.kind == kind]
            if not empty:
                continue
            first = empty[0][1]
            if len(empty) == len(cells) and len(cells) > 1:
                yield Hit(first.line, first.col, variant=f"{kind}-table", fix="0",
                          args={"table": table.table, "count": len(empty), "found": first.raw.strip()})
                continue
            rows: dict[str, list[tuple[str, TableCell]]] = {}
            for (row_key, column), cell in empty:
                rows.setdefault(row_key, []).append((column, cell))
            for row_key, in_row in rows.items():
                column, cell = in_row[0]
                where = _where(table, row_key, column, cell)
                if len(in_row) == 1:
                    yield Hit(cell.line, cell.col, variant=kind, args=where, fix="0")
                    continue
                columns = Listing(_column_label(table, c) for c, _ in in_row)
                yield Hit(cell.line, cell.col, variant=f"{kind}-row", fix="0",
                          args={**where, "count": len(in_row), "columns": columns})


def _wrong_value(table: StatTable, column: str, cell: TableCell) -> Optional[tuple[str, Optional[str]]]:
    """The variant and fix of a filled cell whose value the column cannot hold; None for a valid one."""
    spec = table.spec
    value = cell.value
    if value is None:
        return "text", None
    if column in spec.unit_columns:
        if cell.unit is None and cell.kind in ("integer", "decimal") and value != 0:
            return "unit", None
        return None
    if cell.unit is not None:
        return "text", str(value)
    if isinstance(value, Decimal) and column not in spec.decimal_columns:
        return "decimal", None
    if value < 0 and column not in spec.signed_columns:
        return "negative", None
    return None


def _column_label(table: StatTable, column: str) -> str:
    return column.replace("/", "·") if table.table == "四" else column


def _where(table: StatTable, row_key: str, column: str, cell: TableCell) -> dict[str, str]:
    return {"table": table.table, "row": short_label(table.spec.row(row_key).label),
            "column": _column_label(table, column), "found": cell.raw.strip()}
