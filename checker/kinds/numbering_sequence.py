"""Kind ``numbering-sequence``: heading numbers run in sequence at each level (N001)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.facts.outline import Heading
from checker.findings import Hit
from checker.kinds._numbering import hit_on_token, level_args, numbered_headings, numbering_plan, token
from checker.kinds.base import Kind

class NumberingSequenceKind(Kind):
    """Each heading whose number is not its place among its siblings (the renumbering plan of
    checker/kinds/_numbering.py). Variants say what went wrong against the previous sibling as written:
    ``skip`` (``previous`` given), ``first`` (the first of its run is not 1), ``repeat``, ``restart``, and
    ``follow`` (right after the previous as written, but renumbered with it so the run stays consecutive)."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        plan = numbering_plan(report)
        last: dict[tuple[int, int], Heading] = {}
        for h in numbered_headings(report):
            key = (id(h.parent) if h.parent else 0, h.level)
            prev = last.get(key)
            planned = plan[id(h.block)]
            if planned.number == 1:
                prev = None  # the start of a run (a new list after prose)
            last[key] = h
            if h.number == planned.number:
                continue
            args = {"token": token(h), **level_args(h), "expected": planned.token}
            if prev is None:
                variant = "first"
            else:
                args["previous"] = token(prev)
                variant = ("repeat" if h.number == prev.number else "restart" if h.number < prev.number
                           else "follow" if h.number == prev.number + 1 else "skip")
            yield hit_on_token(h, variant=variant, args=args, fix=planned.token)
