"""Kind ``period-calendar-year``: the statistical period stated is the report year's calendar year (P002)."""

from __future__ import annotations

from typing import Any, Iterator, Optional

from checker.analysis import AnalysedReport
from checker.facts.period import RANGE_RE, WHOLE_YEAR_RE, Period
from checker.findings import Hit
from checker.kinds.base import Kind
from checker.lazy import regex

_UNIT = regex(r"\s*[日号月]份?")  # what ends the range's first date after its last number


class PeriodCalendarYearKind(Kind):
    """The period runs from 1 January to 31 December of the report ``year``: else the hit gives its
    ``start`` and ``end`` dates, or, when they cannot be read, the variant ``unreadable`` with the
    statement as ``found``. The hit spans the whole written period, and its fix is the right one in the
    writer's own form ("自2022年1月1日起至2022年12月31日止" → "自2023年1月1日起至2023年12月31日止", "2022年度" →
    "2023年度"): one edit mends both years, or a month and a day, which follow from the report year alone."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        period, year = report.facts.period, report.facts.year
        if period is None or year is None:
            return
        if period.start is None or period.end is None:
            yield self._hit(period, period.offset, period.raw, variant="unreadable",
                            args={"year": year, "found": period.raw})
        elif not period.is_calendar_year(year):
            start = period.block.text.find(period.raw, period.offset)
            start = period.offset if start < 0 else start
            yield self._hit(period, start, period.raw, fix=right_period(period.raw.rstrip(), year),
                            args={"year": year, "start": period.start, "end": period.end, "found": period.raw})

    @staticmethod
    def _hit(period: Period, offset: int, span: str, **kw: Any) -> Hit:
        column = period.block.col + offset
        return Hit(line=period.line, column=column, end_line=period.line, end_column=column + len(span.rstrip()), **kw)


def right_period(written: str, year: int) -> Optional[str]:
    """The calendar year ``year`` written as ``written`` writes its period: a whole year ("2022年度") with the
    year changed; a range as full dates with the writer's separator kept ("起至", "—", "，至"), so that
    "自…起至…止" around it still reads. None for a statement of another shape (no fix rather than a wrong one)."""
    whole = WHOLE_YEAR_RE.fullmatch(written)
    if whole:
        return f"{year}{written[whole.end('y'):]}"
    dates = RANGE_RE.fullmatch(written)
    if not dates:
        return None
    first_end = dates.end("ad") if dates.group("ad") else dates.end("am")
    unit = _UNIT.match(written, first_end)
    first_end = unit.end() if unit else first_end
    second = dates.start("by") if dates.group("by") else dates.start("bm")
    return f"{year}年1月1日{written[first_end:second]}{year}年12月31日"
