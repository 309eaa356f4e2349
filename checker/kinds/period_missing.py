"""Kind ``period-missing``: the report states its statistical period (P001)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds.base import Kind, first_body_block, hit_at_block


class PeriodMissingKind(Kind):
    """No statement of the period was found; the hit points at the preamble and gives the report ``year``."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        if report.facts.period is None:
            yield hit_at_block(first_body_block(report), args={"year": report.facts.year or "YYYY"})
