"""Kind ``report-year``: the title names the year the report covers (Y004)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds.base import Kind, first_body_block, hit_at_block


class ReportYearKind(Kind):
    """A title without a year: the variant ``title`` when the year is known otherwise (given as
    ``year``), ``unknown`` when it is not known at all."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        facts = report.facts
        if facts.title_year is not None or facts.year_source == "option":
            return
        anchor = facts.title or first_body_block(report)
        variant = "unknown" if facts.year is None else "title"
        yield hit_at_block(anchor, variant=variant, args={"year": facts.year or "YYYY"})
