"""Kind ``numbering-sequence``: heading numbers run in sequence at each level (N001)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.facts.outline import Heading
from checker.findings import Hit
from checker.kinds._numbering import hit_on_token, in_style, level_args, numbered_headings, token
from checker.kinds.base import Kind

# Arabic-numbered items are lists as often as headings: a second list after prose may restart at 1.
_LIST_STYLES = ("1.", "1、", "（1）")


class NumberingSequenceKind(Kind):
    """Each heading whose number is not the previous sibling's plus one. Variants: ``skip`` (the
    ``previous`` sibling given), ``first`` (a skip with no previous sibling), ``repeat``, ``restart``."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        last: dict[tuple[int, int], Heading] = {}
        block_index = {id(b): i for i, b in enumerate(report.document.blocks)}
        for h in numbered_headings(report):
            key = (id(h.parent) if h.parent else 0, h.level)
            prev = last.get(key)
            last[key] = h
            expected = prev.number + 1 if prev else 1
            if h.number == expected:
                continue
            if prev and h.number == 1 and h.style in _LIST_STYLES and self._new_list(report, block_index, prev, h):
                continue  # a second numbered list under the same heading, after a paragraph of prose
            args = {"token": token(h), **level_args(h), "expected": in_style(h.style, expected)}
            if prev is None:
                variant = "first"
            else:
                args["previous"] = token(prev)
                variant = "repeat" if h.number == prev.number else "restart" if h.number < prev.number else "skip"
            yield hit_on_token(h, variant=variant, args=args, fix=in_style(h.style, expected))

    @staticmethod
    def _new_list(report, block_index, prev: Heading, h: Heading) -> bool:
        between = report.document.blocks[block_index[id(prev.block)] + 1: block_index[id(h.block)]]
        numbered = {id(x.block) for x in report.outline.headings}
        return any(id(b) not in numbered and not b.is_table for b in between)
