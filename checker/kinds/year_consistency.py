"""Kind ``year-consistency``: the title, the year given and next year's plans agree on the report year (Y001)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds.base import Kind, hit_at_block
from checker.lazy import regex

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
