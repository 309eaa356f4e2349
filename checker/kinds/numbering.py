"""The rule-specific kinds of heading numbering (N rules), one class a kind (see ``checker.kinds``), with their
helpers: the numbered headings, their tokens, a number written in a style, and the one renumbering plan that
N001, N002 and N003 each give their part of."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from msgspec import Struct

from checker.analysis import AnalysedReport
from checker.cnnum import int_to_cn
from checker.facts.outline import CANONICAL_STYLE, Heading
from checker.findings import Hit
from checker.kinds.base import Kind


# Helpers of the numbering kinds: the numbered headings, their tokens, a number written in a style, and
# the one renumbering plan that N001, N002 and N003 each give their part of.

# Arabic-numbered items are lists as often as headings: a second list after prose may restart at 1.
LIST_STYLES = ("1.", "1、", "（1）")


def numbered_headings(report: AnalysedReport) -> list[Heading]:
    return [h for h in report.outline.headings if h.number is not None]


def token(h: Heading) -> str:
    return h.token.strip()


def in_style(style: str, number: int) -> str:
    """``number`` written in ``style``: "一、" → "三、", "1、" → "3、", "（一）" → "（三）"."""
    if "一" in style:
        return style.replace("一", int_to_cn(number))
    return style.replace("1", str(number))


def level_args(h: Heading) -> dict:
    """The heading's level for a message: ``level`` 2 and ``level_cn`` 二 (二级标题, a level-2 heading)."""
    return {"level": h.level, "level_cn": int_to_cn(h.level)}


def hit_on_token(h: Heading, **kw) -> Hit:
    return Hit(h.line, h.col, end_line=h.line, end_column=h.col + len(token(h)), **kw)


def dominant_styles(headings: list[Heading]) -> dict[int, str]:
    """The numbering style most headings of each level use (the format's own style wins a tie)."""
    by_level: dict[int, Counter] = {}
    for h in headings:
        by_level.setdefault(h.level, Counter())[h.style] += 1
    out = {}
    for level, counts in by_level.items():
        top = max(counts.values())
        leaders = [s for s, n in counts.items() if n == top]
        out[level] = CANONICAL_STYLE[level] if CANONICAL_STYLE[level] in leaders else leaders[0]
    return out


class _Planned(Struct, frozen=True):
    """What a heading's number should be: its place in its run of siblings, written in its level's style."""

    number: int
    token: str


def numbering_plan(report: AnalysedReport) -> dict[int, _Planned]:
    """id(heading block) → the number and token it should have. One plan for the whole document: the
    siblings of each run (same parent, same level) are numbered 1, 2, 3 … in order, in the style most
    headings of the level use, so every fix of N001, N002 and N003 on a heading writes the same token
    and following all of them leaves a consecutive sequence (never two 四). Made once per report (the
    three kinds read it; none changes it)."""
    return report.derived("numbering_plan", _make_plan)


def _make_plan(report: AnalysedReport) -> dict[int, _Planned]:
    headings = numbered_headings(report)
    styles = dominant_styles(headings)
    block_index = {id(b): i for i, b in enumerate(report.document.blocks)}
    numbered = {id(h.block) for h in report.outline.headings}
    last: dict[tuple[int, int], Heading] = {}
    place: dict[tuple[int, int], int] = {}
    plan: dict[int, _Planned] = {}
    for h in headings:
        key = (id(h.parent) if h.parent else 0, h.level)
        prev = last.get(key)
        if prev and h.number == 1 and h.style in LIST_STYLES and _prose_between(report, block_index, numbered, prev, h):
            place[key] = 0  # a second numbered list under the same heading, after a paragraph of prose
        place[key] = place.get(key, 0) + 1
        last[key] = h
        style = h.style if h.style == styles[h.level] or h.style is None else styles[h.level]
        plan[id(h.block)] = _Planned(place[key], in_style(style or styles[h.level], place[key]))
    return plan


def _prose_between(report: AnalysedReport, block_index: dict[int, int], numbered: set[int],
                   prev: Heading, h: Heading) -> bool:
    between = report.document.blocks[block_index[id(prev.block)] + 1: block_index[id(h.block)]]
    return any(id(b) not in numbered and not b.is_table for b in between)


# Kind ``numbering-sequence``: heading numbers run in sequence at each level (N001).

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


# Kind ``numbering-style``: the headings of one level share one numbering style (N002).

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


# Kind ``numbering-brackets``: heading numbers do not mix half-width brackets into full-width ones (N003).

class NumberingBracketsKind(Kind):
    """Where most bracketed heading numbers are full-width, each one that is not; the fix is full-width."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        bracketed = [h for h in numbered_headings(report) if h.brackets]
        full = sum(1 for h in bracketed if h.brackets == "full")
        half = len(bracketed) - full
        if full == 0 or half > full:
            return  # the document does not "otherwise use full-width"
        plan = numbering_plan(report)
        for h in bracketed:
            if h.brackets != "full":
                # The planned token is full-width and carries the right number: N001 and N002 fixes agree.
                expected = plan[id(h.block)].token
                yield hit_on_token(h, args={"token": token(h), "expected": expected}, fix=expected)
