"""Kind ``previous-report`` (T033): the report given as last year's (``--previous``) is the year before, of the same agency."""

from __future__ import annotations

import os
from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds._previous import agency_mismatch, year_mismatch
from checker.kinds.base import Kind, first_body_block, hit_at_block


class PreviousReportKind(Kind):
    """Variants ``year`` (last year's report is of another year) and ``agency`` (of another agency): the
    cross-year checks T030 and T031 are then not made, and the editor is told why instead of silence."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        prev = report.previous
        if prev is None:
            return
        anchor = report.outline.title or first_body_block(report)
        shown = os.path.basename(prev.path)
        if year_mismatch(report, prev):
            yield hit_at_block(anchor, variant="year", args={
                "previous": shown, "previous_year": prev.facts.year, "expected": (report.facts.year or 0) - 1})
        if agency_mismatch(report, prev):
            yield hit_at_block(anchor, variant="agency", args={
                "previous": shown, "previous_agency": prev.facts.agency, "agency": report.facts.agency})
