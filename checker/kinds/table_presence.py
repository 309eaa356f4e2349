"""Kind ``table-presence``: each official statistical table is there and readable (T001)."""

from __future__ import annotations

from typing import Any, Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.formats.tables import TABLE_IDS, spec_for
from checker.kinds._tables import table_specs
from checker.kinds.base import Kind, first_body_block, hit_at_block

# Each table stands in the part of the same number: table 三 in part 三.
_PART = {"二": 2, "三": 3, "四": 4}


class TablePresenceKind(Kind):
    """Every table of ``tables`` (default 二, 三 and 四) was found; the hit points at its part's heading."""

    def __init__(self, params: dict[str, Any]):
        super().__init__(params)
        for i, table in enumerate(params.get("tables", ())):
            table_specs(table, where=f"tables.{i}")

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        found = report.tables
        for table in self.params.get("tables", TABLE_IDS):
            if found.get(table) is None:
                spec = spec_for(table, report.facts.era)
                part = report.part_section(_PART[table])
                anchor = part.heading.block if part else first_body_block(report)
                yield hit_at_block(anchor, args={"table": table, "title": spec.title})
