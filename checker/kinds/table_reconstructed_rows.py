"""Kind ``table-reconstructed-rows``: a row of run-together digits was split by the table's identities (T008)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds._tables import short_label
from checker.kinds.base import Kind


class TableReconstructedRowsKind(Kind):
    """Each row whose values the reader split, with the values it chose, for the author to confirm."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        for table in report.tables.tables.values():
            for key in table.reconstructed:
                line, col = table.row_lines[key]
                row = table.spec.row(key)
                values = "|".join(str(table.cells[(key, c)].value) for c in table.spec.columns_of(row))
                yield Hit(line, col, args={"table": table.table, "label": short_label(row.label), "values": values})
