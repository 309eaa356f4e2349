"""Kind ``numbering-style``: the headings of one level share one numbering style (N002)."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from checker.analysis import AnalysedReport
from checker.facts.outline import CANONICAL_STYLE, Heading
from checker.findings import Hit
from checker.kinds._numbering import hit_on_token, in_style, level_args, numbered_headings, token
from checker.kinds.base import Kind

_SHOWN = 5  # siblings quoted in the message


class NumberingStyleKind(Kind):
    """Each heading numbered unlike most of its level (the format's style wins a tie); ``others`` are
    up to five siblings in the dominant style, the variant ``many`` when there are more."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        by_level: dict[int, list[Heading]] = {}
        for h in numbered_headings(report):
            by_level.setdefault(h.level, []).append(h)
        for level, group in sorted(by_level.items()):
            counts = Counter(h.style for h in group)
            if len(counts) < 2:
                continue
            top = max(counts.values())
            leaders = [s for s, n in counts.items() if n == top]
            dominant = CANONICAL_STYLE[level] if CANONICAL_STYLE[level] in leaders else leaders[0]
            siblings = [token(h) for h in group if h.style == dominant]
            others = "".join(siblings[:_SHOWN])
            for h in group:
                if h.style != dominant:
                    expected = in_style(dominant, h.number)
                    yield hit_on_token(h, variant="many" if len(siblings) > _SHOWN else None, fix=expected,
                                       args={"token": token(h), **level_args(h), "others": others,
                                             "expected": expected})
