"""Kinds for years and dates: the report year is known (Y004) and consistent (Y001), dates exist
(Y002), and the report was published by its legal deadline (Y003)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from checker.analysis import AnalysedReport
from checker.facts.dates import find_dates
from checker.findings import Hit
from checker.kinds.base import Kind, first_body_block, hit_at_block

# "2024年，本局将……" / "2024年工作计划" — a year followed closely by words of intent.
_PLAN = re.compile(r"(?<!\d)(?P<y>20\d{2})\s*年(?:度)?(?P<gap>[^。；;\d]{0,10}?)(?:将|计划|打算|拟|工作思路|工作要点|工作安排|工作重点|重点工作|工作计划|努力方向)")
_PLAN_HEADING = re.compile(r"思路|计划|打算|展望|安排|方向|改进")


class ReportYearKind(Kind):
    """Y004: the title names the year the report covers."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        facts = report.facts
        if facts.title_year is not None or facts.year_source == "option":
            return
        anchor = facts.title or first_body_block(report)
        variant = "unknown" if facts.year is None else "title"
        yield hit_at_block(anchor, variant=variant, args={"year": facts.year or "YYYY"})


class YearConsistencyKind(Kind):
    """Y001: the title, the --year given and next year's plans agree on the year.

    File names are not compared: they carry eras, batch numbers and publication dates as often as
    the report year, and a false alarm on a name is worse than none."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        facts = report.facts
        year = facts.year
        if year is None:
            return
        title = facts.title
        if facts.title_year and facts.year_source == "option" and facts.title_year != year:
            yield hit_at_block(title, variant="title", args={"year": year, "found": facts.title_year})
        yield from self._plans(report, year)

    def _plans(self, report: AnalysedReport, year: int) -> Iterator[Hit]:
        """Plans are written in part 五 (problems and improvements) or a part titled 思路/计划/打算."""
        blocks = []
        for section in report.outline.sections:
            spec = report.part_of(section.heading.block)
            if _PLAN_HEADING.search(section.heading.title) or (spec is not None and spec.number == 5):
                blocks.extend(b for b in section.blocks if not b.is_table)
        for block in blocks:
            for m in _PLAN.finditer(block.text):
                found = int(m.group("y"))
                if found != year + 1 and "以来" not in m.group("gap"):
                    yield Hit(block.line, block.col + m.start(), variant="plan",
                              end_line=block.line, end_column=block.col + m.start() + 4,
                              args={"year": year, "next": year + 1, "found": found}, fix=str(year + 1))


class DateValidityKind(Kind):
    """Y002: every full date written in the report exists in the calendar."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        places = []
        for block in report.document.blocks:
            if block.is_table:
                places.extend((c.text, c.line, c.col) for row in block.rows for c in row)
            else:
                places.append((block.text, block.line, block.col))
        for text, line, col in places:
            for d in find_dates(text, iso=True):
                if d.value is None:
                    yield Hit(line, col + d.start, end_line=line, end_column=col + d.end, args={"found": d.raw})


class DeadlineKind(Kind):
    """Y003: the 落款 date is on or before the deadline the law sets for this era and kind of agency.

    ``deadlines`` maps era → agency kind ("government", "department", "unknown") → "MM-DD" of the
    year after the report year (2007 条例 Art. 31; 2019 条例 Art. 49). A stricter local deadline from
    the configuration (``report.options.deadlines``, agency kind → "MM-DD") applies in the eras of
    ``local_eras``: the earlier of the two is the deadline. An unknown kind is held to the
    government's date, as the statutory table does (the lenient choice when the kind is a guess).
    """

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        facts = report.facts
        pub = facts.publication
        if pub is None or pub.date is None or facts.year is None or facts.era is None:
            return
        table = self.params["deadlines"].get(facts.era)
        if not table:
            return
        kind = facts.agency_kind or "unknown"
        deadline = statutory = self._date(facts.year, table.get(kind, table["unknown"]))
        variant = None
        local = dict(report.options.deadlines)
        if facts.era in self.params.get("local_eras", []):
            own = local.get(kind) or (local.get("government") if kind == "unknown" else None)
            if own and self._date(facts.year, own) < statutory:
                deadline, variant = self._date(facts.year, own), "local"
        if pub.date > deadline:
            who = {"government": "人民政府", "department": "政府部门"}.get(kind, "行政机关")
            yield hit_at_block(pub.block, variant=variant, args={
                "date": f"{pub.date.year}年{pub.date.month}月{pub.date.day}日",
                "deadline": f"{deadline.year}年{deadline.month}月{deadline.day}日", "agency": who,
                "statutory": f"{statutory.year}年{statutory.month}月{statutory.day}日"})

    @staticmethod
    def _date(year: int, month_day: str) -> dt.date:
        month, day = (int(x) for x in month_day.split("-"))
        return dt.date(year + 1, month, day)
