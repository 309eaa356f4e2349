"""Kind ``table-extra-rows``: a table row the format does not have was kept, not checked (T006)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds.base import Kind


class TableExtraRowsKind(Kind):
    """Each row the reader kept because the official format has no such row (a local variant)."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        for table in report.tables.tables.values():
            for extra in table.extra_rows:
                yield Hit(extra.line, extra.col, args={"table": table.table, "label": extra.label})
