"""Kind ``table-unreadable-rows``: a table row whose values could not be read (T007)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds._tables import short_label
from checker.kinds.base import Kind


class TableUnreadableRowsKind(Kind):
    """Each row the reader gave up on; the variant is the reason (``count``, ``ambiguous``, ``no-split``)."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        for table in report.tables.tables.values():
            for row in table.unreadable:
                yield Hit(row.line, row.col, variant=row.reason, args={
                    "table": table.table, "label": short_label(row.label), "found": row.found,
                    "expected": row.expected})
