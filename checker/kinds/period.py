"""The rule-specific kinds of the statistical period (P rules), one class a kind (see ``checker.kinds``)."""

from __future__ import annotations

from typing import Any, Iterator, Optional

from checker.analysis import AnalysedReport
from checker.facts.period import Period, RANGE_RE, WHOLE_YEAR_RE
from checker.findings import Hit
from checker.kinds._counts import count_regex
from checker.kinds.base import Kind, first_body_block, hit_at_block
from checker.lazy import compile_now, regex


# Kind ``period-missing``: the report states its statistical period (P001).

class PeriodMissingKind(Kind):
    """No statement of the period was found; the hit points at the preamble and gives the report ``year``."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        if report.facts.period is None:
            yield hit_at_block(first_body_block(report), args={"year": report.facts.year or "YYYY"})


# Kind ``period-calendar-year``: the statistical period stated is the report year's calendar year (P002).

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


# Kind ``cutoff-date`` (P003): figures stated "截至" a day of the report year before 31 December.

# "截至12月14日" / "截至2023年12月14日" / "截止到2023年11月底": the day the figures run to.
_CUTOFF = regex(r"截(?:至|止)(?:到|于)?\s*(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*"
                r"(?:(?P<d>\d{1,2})\s*[日号]|(?P<end>底|末))")
_SENTENCE_END = regex(r"[。！？；!?;]")


class CutoffDateKind(Kind):
    """A cutoff inside the report year but before its last day, in a sentence that states a count (the
    statistics then do not cover the year the period states). A cutoff of another year (截至2022年底,
    history) and one without a count (截至6月底完成改版) are not judged."""

    def __init__(self, params: dict[str, Any]):
        super().__init__(params)
        self.count = count_regex(params.get("units") or ("件", "条", "个", "项", "篇", "次", "场", "期", "人次"))

    def compile_now(self) -> None:
        """Compile the rule's regexes, made on first use: a rule file's are tried when it loads
        (rules.load_rule_file)."""
        compile_now(self.count)

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        year = report.facts.year
        if year is None:
            return
        for block in report.document.text_blocks():
            if "截" not in block.text:
                continue
            for m in _CUTOFF.finditer(block.text):
                if m.group("y") and int(m.group("y")) != year:
                    continue
                month, day = int(m.group("m")), int(m.group("d") or 31)
                if month > 12 or (month, day) >= (12, 31) or (month == 12 and m.group("end")):
                    continue
                end = _SENTENCE_END.search(block.text, m.end())
                if not self.count.search(block.text, m.end(), end.start() if end else len(block.text)):
                    continue
                yield Hit(block.line, block.col + m.start(), end_line=block.line, end_column=block.col + m.end(),
                          args={"found": m.group(0), "year": year})
