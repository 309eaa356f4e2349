"""Kind ``cell-values``: every cell of the statistical tables holds a valid count or amount (T004)."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds._tables import short_label
from checker.kinds.base import Kind


class CellValuesKind(Kind):
    """A cell holds a non-negative integer; decimals only where the format has an amount, a sign only
    in 本年增/减. Variants: ``blank`` (an empty cell) and ``dash`` (a dash) where 0 is meant, ``text``,
    ``unit`` (an amount without its unit), ``decimal``, ``negative``."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        for table in report.tables.tables.values():
            spec = table.spec
            for (row_key, column), cell in table.cells.items():
                where = {"table": table.table, "row": short_label(spec.row(row_key).label),
                         "column": column.replace("/", "·") if table.table == "四" else column,
                         "found": cell.raw.strip()}
                pos = {"line": cell.line, "column": cell.col}
                if cell.kind in ("blank", "dash"):
                    yield Hit(**pos, variant=cell.kind, args=where, fix="0")
                    continue
                value = cell.value
                if value is None:
                    yield Hit(**pos, variant="text", args=where)
                elif column in spec.unit_columns:
                    if cell.unit is None and cell.kind in ("integer", "decimal") and value != 0:
                        yield Hit(**pos, variant="unit", args=where)
                elif cell.unit is not None:
                    yield Hit(**pos, variant="text", args=where, fix=str(value))
                elif isinstance(value, Decimal) and column not in spec.decimal_columns:
                    yield Hit(**pos, variant="decimal", args=where)
                elif value < 0 and column not in spec.signed_columns:
                    yield Hit(**pos, variant="negative", args=where)
