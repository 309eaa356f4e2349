"""Kind ``pattern``: regular expressions over the report's text; a regex-only rule needs no Python."""

from __future__ import annotations

import re
import time
from typing import Any, Callable, Iterator

from checker import limits
from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds._userregex import TimedPattern, compile_timed
from checker.kinds.base import Kind, Listing


class PatternKind(Kind):
    """Report every match of any of ``patterns`` (unless ``unless`` matches the same text).

    ``scope``: "text" (paragraphs and headings), "all" (also table cells), "title".

    A user's regex can be slow on some text. Exponential ones are refused when the rule loads
    (limits.regex_hazard); what remains is bounded by a time budget per document: long texts are
    matched in windows, the clock is read between windows and places, and when the budget is spent
    the rule stops with one info-level hit (the ``budget`` message variant the engine gives every
    pattern rule).

    ``collapse_after``: when one document has more than this many matches, they are one hit, variant
    ``collapsed``, at the first (with its ``match``, ``fixed`` and fix), giving their ``count`` and what
    was matched: ``marks``, the characters ``translate`` changes (else the distinct matches, at most
    five), and ``fixed_marks``, their translations. A document typed with the wrong punctuation
    throughout has one cause, so it gets one finding, not hundreds.
    """

    # The fields a message may name, each with a sample value its template is tried on when the rule loads.
    message_fields = {"match": "示例", "fixed": "示例", "count": 2, "marks": Listing(("(", ")")),
                      "fixed_marks": Listing(("（", "）")), "seconds": "2"}
    timed_for_users = True  # a user's rule (rules.build_kind) runs its regexes with a time limit per call

    def __init__(self, params, timed: bool = False):
        super().__init__(params)
        self.timed = timed
        self._compile()
        # "translate": characters to replace in the match to get the right text ("(" → "（"), given to
        # the message as {fixed} and to the finding as its fix.
        self.translation = str.maketrans(params["translate"]) if params.get("translate") else None

    def _compile(self) -> None:
        """The one place the rule's regexes are compiled: with ``re`` for ours, with the ``regex`` package
        for a user's, whose calls take a timeout (TimedPattern)."""
        params = self.params
        compile_one = compile_timed if self.timed else re.compile
        flags = re.IGNORECASE if params.get("ignore_case") else 0
        self.patterns = [compile_one(p, flags) for p in params["patterns"]]
        self.unless = compile_one(params["unless"], flags) if params.get("unless") else None
        self.any = _any_of(params["patterns"], flags, compile_one)

    def _places(self, report: AnalysedReport):
        scope = self.params.get("scope", "all")
        if scope == "title":
            title = report.outline.title
            if title:
                yield title.text, title.line, title.col
            return
        for block in report.document.blocks:
            if block.is_table:
                if scope == "all":
                    for row in block.rows:
                        for cell in row:
                            yield cell.text, cell.line, cell.col
            else:
                yield block.text, block.line, block.col

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        limit = self.params.get("collapse_after")
        if limit is None:
            yield from self._hits(report)
            return
        # Streaming: at most ``limit`` hits are kept; past it only the count and the marks are.
        kept: list[Hit] = []
        stopped: list[Hit] = []
        count = 0
        marks: dict[str, None] = {}
        for hit in self._hits(report):
            if hit.variant == limits.BUDGET_VARIANT:
                stopped.append(hit)
                continue
            count += 1
            if len(marks) < 16:  # the distinct marks of a document are few; a bound all the same
                marks.update(dict.fromkeys(self._marks(str((hit.args or {}).get("match", "")))))
            if count <= limit or not kept:
                kept.append(hit)
            elif len(kept) > 1:
                del kept[1:]  # only the first is needed now
        if count > limit:
            yield self._collapsed(kept[0], count, list(marks))
        else:
            yield from kept
        yield from stopped

    def _marks(self, matched: str) -> list[str]:
        """What a collapsed finding lists of one match: the characters ``translate`` changes, else the match."""
        if self.translation is not None:
            return [ch for ch in matched if ord(ch) in self.translation]
        return [matched]

    def _collapsed(self, first: Hit, count: int, marks: list[str]) -> Hit:
        """One hit for ``count`` matches, at the first."""
        if self.translation is not None:
            fixed = [ch.translate(self.translation) for ch in marks]
        else:
            marks, fixed = marks[:5], []
        return Hit(line=first.line, column=first.column, end_line=first.end_line, end_column=first.end_column,
                   variant="collapsed", fix=first.fix,
                   args={**(first.args or {}), "count": count, "marks": Listing(marks),
                         "fixed_marks": Listing(fixed)})

    def _hits(self, report: AnalysedReport) -> Iterator[Hit]:
        budget = limits.PATTERN_BUDGET_SECONDS
        deadline = time.perf_counter() + budget
        patterns, unless, any_of = self.patterns, self.unless, self.any
        if self.timed:  # every call into a user's regex ends by the deadline, however it backtracks
            patterns = [TimedPattern(rx, deadline) for rx in patterns]
            unless = TimedPattern(unless, deadline) if unless is not None else None
            any_of = TimedPattern(any_of, deadline) if any_of is not None else None
        for text, line, col in self._places(report):
            try:
                if time.perf_counter() > deadline:
                    raise limits.BudgetExceeded
                short = len(text) <= limits.PATTERN_WINDOW  # the usual case: no windows needed
                if short and any_of is not None and not any_of.search(text):
                    continue  # most texts match none of the patterns: one search says so
                spans = sorted(((m.start(), -m.end(), m.group(0)) for rx in patterns
                                for m in (rx.finditer(text) if short else limits.bounded_finditer(rx, text, deadline))
                                if not (unless and unless.search(m.group(0)))))
            except limits.BudgetExceeded:
                yield Hit(line=line, column=col, variant=limits.BUDGET_VARIANT, args={"seconds": f"{budget:g}"})
                return
            covered = -1
            for start, neg_end, matched in spans:
                if start < covered:
                    continue  # inside a longer match already reported ("_GoBack" in "[bookmark: _GoBack]")
                covered = -neg_end
                fixed = matched.translate(self.translation) if self.translation else None
                yield Hit(line=line, column=col + start, end_line=line, end_column=col - neg_end,
                          args={"match": matched, "fixed": fixed or ""}, fix=fixed)


_NUMBERED_REF = re.compile(r"\\[1-9]|\(\?\(\d")


def _any_of(patterns: list[str], flags: int, compile_one: Callable[[str, int], Any] = re.compile):
    """One regex that matches where any of ``patterns`` matches, or None when joining them could change
    what they mean (a numbered back-reference would point at another pattern's group; a global inline
    flag is refused inside a group). One search with it is several times faster than one a pattern."""
    if len(patterns) < 4 or any(_NUMBERED_REF.search(p) for p in patterns):
        return None  # with few patterns the saving does not repay compiling one more regex at start-up
    try:
        return compile_one("|".join(f"(?:{p})" for p in patterns), flags)
    except (re.error, ValueError):
        return None
