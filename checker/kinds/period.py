"""Kind ``period``: the statistical period is stated (P001) and is the report year's calendar year (P002)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds.base import Kind, first_body_block, hit_at_block


def _show(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "（无法识别）"


class PeriodKind(Kind):
    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        facts = report.facts
        period = facts.period
        year = facts.year
        check = self.params["check"]
        if check == "missing":
            if period is None:
                yield hit_at_block(first_body_block(report), args={"year": year or "YYYY"})
            return
        if period is None or year is None:
            return
        if period.start is None or period.end is None:
            yield Hit(line=period.line, column=period.col, variant="unreadable",
                      args={"year": year, "found": period.raw})
        elif not period.is_calendar_year(year):
            yield Hit(line=period.line, column=period.col,
                      args={"year": year, "found": f"{_show(period.start)}至{_show(period.end)}"})
