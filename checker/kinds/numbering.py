"""Kind ``numbering``: heading numbers run in sequence (N001), one style per level (N002), and
full-width brackets are not mixed with half-width ones (N003)."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from checker.analysis import AnalysedReport
from checker.cnnum import int_to_cn
from checker.findings import Hit
from checker.kinds.base import Kind
from checker.facts.outline import CANONICAL_STYLE, LEVEL_NAMES, Heading


def _token(h: Heading) -> str:
    return h.token.strip()


# Arabic-numbered items are lists as often as headings: a second list after prose may restart at 1.
_LIST_STYLES = ("1.", "1、", "（1）")


def _in_style(style: str, number: int) -> str:
    """``number`` written in ``style``: "一、" → "三、", "1、" → "3、", "（一）" → "（三）"."""
    if "一" in style:
        return style.replace("一", int_to_cn(number))
    return style.replace("1", str(number))


def _hit(h: Heading, **kw) -> Hit:
    return Hit(h.line, h.col, end_line=h.line, end_column=h.col + len(_token(h)), **kw)


class NumberingKind(Kind):
    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        headings = [h for h in report.outline.headings if h.number is not None]
        check = self.params["check"]
        if check == "sequence":
            yield from self._sequence(report, headings)
        elif check == "style":
            yield from self._style(headings)
        elif check == "brackets":
            yield from self._brackets(headings)

    def _sequence(self, report: AnalysedReport, headings: list[Heading]) -> Iterator[Hit]:
        last: dict[tuple[int, int], Heading] = {}
        block_index = {id(b): i for i, b in enumerate(report.document.blocks)}
        for h in headings:
            key = (id(h.parent) if h.parent else 0, h.level)
            prev = last.get(key)
            last[key] = h
            expected = prev.number + 1 if prev else 1
            if h.number == expected:
                continue
            if prev and h.number == 1 and h.style in _LIST_STYLES and self._new_list(report, block_index, prev, h):
                continue  # a second numbered list under the same heading, after a paragraph of prose
            variant = "repeat" if prev and h.number == prev.number else "restart" if prev and h.number < prev.number else "skip"
            yield _hit(h, variant=variant, args={
                "token": _token(h), "level": LEVEL_NAMES[h.level],
                "previous": _token(prev) if prev else "（无）",
                "expected": _in_style(h.style, expected),
            }, fix=_in_style(h.style, expected))

    @staticmethod
    def _new_list(report, block_index, prev: Heading, h: Heading) -> bool:
        between = report.document.blocks[block_index[id(prev.block)] + 1: block_index[id(h.block)]]
        numbered = {id(x.block) for x in report.outline.headings}
        return any(id(b) not in numbered and not b.is_table for b in between)

    def _style(self, headings: list[Heading]) -> Iterator[Hit]:
        by_level: dict[int, list[Heading]] = {}
        for h in headings:
            by_level.setdefault(h.level, []).append(h)
        for level, group in sorted(by_level.items()):
            counts = Counter(h.style for h in group)
            if len(counts) < 2:
                continue
            top = max(counts.values())
            leaders = [s for s, n in counts.items() if n == top]
            dominant = CANONICAL_STYLE[level] if CANONICAL_STYLE[level] in leaders else leaders[0]
            siblings = [_token(h) for h in group if h.style == dominant]
            others = "".join(siblings[:5]) + ("等" if len(siblings) > 5 else "")
            for h in group:
                if h.style != dominant:
                    expected = _in_style(dominant, h.number)
                    yield _hit(h, args={"token": _token(h), "level": LEVEL_NAMES[level], "others": others,
                                        "expected": expected}, fix=expected)

    def _brackets(self, headings: list[Heading]) -> Iterator[Hit]:
        bracketed = [h for h in headings if h.brackets]
        full = sum(1 for h in bracketed if h.brackets == "full")
        half = len(bracketed) - full
        if full == 0 or half > full:
            return  # the document does not "otherwise use full-width"
        for h in bracketed:
            if h.brackets != "full":
                expected = _token(h).replace("(", "（").replace(")", "）")
                yield _hit(h, args={"token": _token(h), "expected": expected}, fix=expected)
