"""The rule-specific kinds of years and dates (Y rules), one class a kind (see ``checker.kinds``)."""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from checker.analysis import AnalysedReport
from checker.facts.dates import find_dates
from checker.findings import Hit
from checker.kinds.base import Kind, first_body_block, hit_at_block
from checker.lazy import regex


# Kind ``year-consistency``: the title, the year given and next year's plans agree on the report year (Y001).

# "2024年，本局将……" / "2024年工作计划" — a year followed closely by words of intent.
_PLAN = regex(r"(?<!\d)(?P<y>20\d{2})\s*年(?:度)?(?P<gap>[^。；;\d]{0,10}?)"
              r"(?:将|计划|打算|拟|工作思路|工作要点|工作安排|工作重点|重点工作|工作计划|努力方向)")
_PLAN_HEADING = ("思路", "计划", "打算", "展望", "安排", "方向", "改进")  # a heading about plans holds one
# Verbs that state a plan only when nothing says it is done: "2023年，本局要进一步加大解读力度" is a plan,
# "2023年，本局加大了解读力度" a report of the year (part 五 says what was improved, too).
_PLAN_VERB = regex(r"(?<!\d)(?P<y>20\d{2})\s*年(?:度)?(?P<gap>[^。；;\d]{0,10}?)"
                   r"(?:要|应|须|进一步|加大|力争|着力|继续|持续|深入推进|不断)(?P<rest>[^。；;]{0,40})")
_DONE = regex(r"了|已|完成|实现|取得|达到")


class YearConsistencyKind(Kind):
    """Variants: ``title`` (the title's year is not the --year given), ``plan`` (plans for a year
    other than the next).

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
            if any(w in section.heading.title for w in _PLAN_HEADING) or (spec is not None and spec.number == 5):
                blocks.extend(b for b in section.blocks if not b.is_table)
        for block in blocks:
            if "年" not in block.text:  # both patterns need one: a part without a year compiles neither
                continue
            plans = list(_PLAN.finditer(block.text))
            planned_at = {m.start() for m in plans}
            plans += [m for m in _PLAN_VERB.finditer(block.text)
                      if m.start() not in planned_at and not _DONE.search(m.group("gap") + m.group("rest"))]
            for m in sorted(plans, key=lambda m: m.start()):
                found = int(m.group("y"))
                if found != year + 1 and "以来" not in m.group("gap"):
                    yield Hit(block.line, block.col + m.start(), variant="plan",
                              end_line=block.line, end_column=block.col + m.start() + 4,
                              args={"year": year, "next": year + 1, "found": found}, fix=str(year + 1))


# Kind ``date-validity``: every full date written in the report exists in the calendar (Y002).

class DateValidityKind(Kind):
    """Each date of paragraphs, headings and table cells that does not exist (2月30日), as ``found``."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        places = report.places("all")  # shared with the pattern rules of scope "all"
        # One scan of all the texts joined by NUL instead of one a text (a table cell each): no date
        # pattern matches a NUL or looks past one as it would past the end of a text, so the dates are
        # those of each text, in the same order (by text, then by offset).
        for d in find_dates(places.joined, iso=True):
            if d.value is None:
                index = places.index_at(d.start)
                _, line, col = places.items[index]
                offset = places.starts[index]
                yield Hit(line, col + d.start - offset, end_line=line, end_column=col + d.end - offset,
                          args={"found": d.raw})


# Kind ``deadline``: the report was published by the deadline the law sets for its era and agency (Y003).

class DeadlineKind(Kind):
    """The 落款 date is on or before the deadline the law sets for this era and kind of agency.

    ``deadlines`` maps era → agency kind ("government", "department", "unknown") → "MM-DD" of the
    year after the report year (2007 条例 Art. 31; 2019 条例 Art. 49). A stricter local deadline from
    the configuration (``report.options.deadlines``, agency kind → "MM-DD") applies in the eras of
    ``local_eras``: the earlier of the two is the deadline. An unknown kind is held to the
    government's date, as the statutory table does (the lenient choice when the kind is a guess).

    The hit gives the ``date``, the ``deadline`` and the ``statutory`` deadline as dates; the variant
    names the agency kind ``government`` or ``department`` (none when unknown), prefixed ``local``
    when the local deadline is the one missed (``local`` alone for an unknown kind).
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
        local = dict(report.options.deadlines)
        is_local = False
        if facts.era in self.params.get("local_eras", []):
            own = local.get(kind) or (local.get("government") if kind == "unknown" else None)
            if own and self._date(facts.year, own) < statutory:
                deadline, is_local = self._date(facts.year, own), True
        if pub.date > deadline:
            agency = kind if kind in ("government", "department") else None
            variant = "-".join(w for w in ("local" if is_local else None, agency) if w) or None
            yield hit_at_block(pub.block, variant=variant,
                               args={"date": pub.date, "deadline": deadline, "statutory": statutory})

    @staticmethod
    def _date(year: int, month_day: str) -> dt.date:
        month, day = (int(x) for x in month_day.split("-"))
        return dt.date(year + 1, month, day)


# Kind ``report-year``: the title names the year the report covers (Y004).

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
