"""Kind ``table-era``: the tables use the layout of the report's era, 2019 trial format or 2021 format (T003)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds.base import Kind


class TableEraKind(Kind):
    """A table laid out in another era's format; the hit points at the first label only that format has."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        era = report.facts.era
        tables = report.tables
        for table_id, layout in sorted(tables.layout_era.items()):
            if layout == era:
                continue
            markers = tables.marker_lines.get(layout, [])
            label, line, col = markers[0] if markers else ("", tables.tables[table_id].line, 1)
            yield Hit(line, col, args={"table": table_id, "found": label, "layout": layout, "era": era,
                                       "year": report.facts.year})
