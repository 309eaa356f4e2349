"""Kind ``period-calendar-year``: the statistical period stated is the report year's calendar year (P002)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds.base import Kind


class PeriodCalendarYearKind(Kind):
    """The period runs from 1 January to 31 December of the report ``year``: else the hit gives its
    ``start`` and ``end`` dates, or, when they cannot be read, the variant ``unreadable`` with the
    statement as ``found``."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        period, year = report.facts.period, report.facts.year
        if period is None or year is None:
            return
        if period.start is None or period.end is None:
            yield Hit(line=period.line, column=period.col, variant="unreadable",
                      args={"year": year, "found": period.raw})
        elif not period.is_calendar_year(year):
            yield Hit(line=period.line, column=period.col,
                      args={"year": year, "start": period.start, "end": period.end, "found": period.raw})
