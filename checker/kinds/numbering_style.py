"""Kind ``numbering-style``: the headings of one level share one numbering style (N002)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.facts.outline import Heading
from checker.findings import Hit
from checker.kinds._numbering import dominant_styles, hit_on_token, level_args, numbered_headings, numbering_plan, token
from checker.kinds.base import Kind

_SHOWN = 5  # siblings quoted in the message


class NumberingStyleKind(Kind):
    """Each heading numbered unlike most of its level (the format's style wins a tie); ``others`` are
    up to five siblings in the dominant style, the variant ``many`` when there are more."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        headings = numbered_headings(report)
        styles = dominant_styles(headings)
        plan = numbering_plan(report)
        by_level: dict[int, list[Heading]] = {}
        for h in headings:
            by_level.setdefault(h.level, []).append(h)
        for level, group in sorted(by_level.items()):
            dominant = styles[level]
            if all(h.style == dominant for h in group):
                continue
            siblings = [token(h) for h in group if h.style == dominant]
            others = "".join(siblings[:_SHOWN])
            for h in group:
                if h.style != dominant:
                    expected = plan[id(h.block)].token
                    yield hit_on_token(h, variant="many" if len(siblings) > _SHOWN else None, fix=expected,
                                       args={"token": token(h), **level_args(h), "others": others,
                                             "expected": expected})
