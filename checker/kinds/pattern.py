"""Kind ``pattern``: regular expressions over the report's text; a regex-only rule needs no Python."""

from __future__ import annotations

import re
import time
from functools import partial
from typing import Any, Callable, Iterator, Optional

from checker import limits
from checker.analysis import AnalysedReport, Places
from checker.findings import Hit
from checker.kinds.base import Kind, Listing
from checker.lazy import compile_now, regex, required_literals
from checker.regexsource import latin1_superset


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
        for a user's, whose calls take a timeout (TimedPattern). A user's are compiled now, so that a
        broken one stops the run when the rule loads; ours (tested with the rule files) when a report can
        use them: a pattern whose literals (lazy.required_literals) are all absent from a report is
        neither compiled nor run on it, and a cold start compiles only what its report needs."""
        params = self.params
        flags = re.IGNORECASE if params.get("ignore_case") else 0
        self._flags = flags
        if self.timed:
            from checker.kinds._userregex import compile_timed  # here: a check with built-in rules only needs none

            self._compiled: list[Any] = [compile_timed(p, flags) for p in params["patterns"]]
            self._required: list[Optional[tuple[str, ...]]] = [None] * len(self._compiled)
            self.unless = compile_timed(params["unless"], flags) if params.get("unless") else None
            self._any: Any = _any_of(params["patterns"], flags, compile_timed)
            return
        self._compiled = [None] * len(params["patterns"])
        self._supersets: dict[int, Any] = {}  # _superset, made on first use
        self._required = [required_literals(p, flags) for p in params["patterns"]]
        self.unless = regex(params["unless"], flags) if params.get("unless") else None
        self._any = _NOT_YET

    def compile_now(self) -> None:
        """Compile every regex of the rule: a rule file's are tried when it loads (rules.load_rule_file)."""
        compile_now(*self.patterns, self.unless, self.any)

    def _pattern(self, i: int) -> Any:
        compiled = self._compiled[i]
        if compiled is None:
            compiled = self._compiled[i] = re.compile(self.params["patterns"][i], self._flags)
        return compiled

    def _superset(self, i: int) -> Any:
        """Until pattern ``i`` is compiled, a regex that finds something wherever it does and is cheap to
        compile (regexsource.latin1_superset): a text where it finds nothing is not given the pattern, so a
        report with no Chinese character before a ``:`` compiles none of F001's classes of 20,992
        ideographs. None once the pattern is compiled, for a user's rule and when case is ignored."""
        if self._compiled[i] is not None or self._flags:
            return None
        cheap = self._supersets.get(i, _NOT_YET)
        if cheap is _NOT_YET:
            source = latin1_superset(self.params["patterns"][i])
            cheap = self._supersets[i] = regex(source) if source is not None else None
        return cheap

    @property
    def patterns(self) -> list[Any]:
        """Every pattern of the rule, compiled."""
        return [self._pattern(i) for i in range(len(self._compiled))]

    @property
    def any(self) -> Any:
        """One regex for all the patterns (_any_of), compiled when first asked for."""
        if self._any is _NOT_YET:
            self._any = _any_of(self.params["patterns"], self._flags)
        return self._any

    def _plan(self, places: Places, wrap: Callable[[Any], Any]) -> list[tuple[int, list[Any]]]:
        """The places (by index) where a pattern can match, each with those patterns, compiled (and wrapped
        by ``wrap``): a pattern needing literals is tried only where one of them is, found with str.find
        in all the places joined, so most rules compile and run nothing on a report."""
        everywhere: list[Any] = []
        where: dict[int, list[Any]] = {}
        for i, needed in enumerate(self._required):
            cheap = self._superset(i)
            if needed is None and cheap is None:
                everywhere.append(wrap(self._pattern(i)))
                continue
            found = places.holding(needed) if needed is not None else range(len(places.items))
            if cheap is not None:
                found = [p for p in found if _may_match(cheap, places.items[p][0])]
            if found:
                rx = wrap(self._pattern(i))
                for place in found:
                    where.setdefault(place, []).append(rx)
        if everywhere:
            return [(i, everywhere + where.get(i, [])) for i in range(len(places.items))]
        return sorted(where.items())

    def _places(self, report: AnalysedReport) -> Places:
        """The texts the rule's ``scope`` reads, each with its line and column: the same for every
        pattern rule of that scope (and Y002) on one report, so made once (AnalysedReport.places)."""
        return report.places(self.params.get("scope", "all"))

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
        # Every call into a user's regex ends by the deadline, however it backtracks.
        wrap: Callable[[Any], Any] = _as_it_is
        if self.timed:
            from checker.kinds._userregex import TimedPattern

            wrap = partial(TimedPattern, deadline=deadline)
        kept = self._places(report)
        plan = self._plan(kept, wrap)
        if not plan:
            return
        places = kept.items
        unless = wrap(self.unless) if self.unless is not None else None
        any_of: Any = _NOT_YET
        for index, patterns in plan:
            text, line, col = places[index]
            try:
                if time.perf_counter() > deadline:
                    raise limits.BudgetExceeded
                short = len(text) <= limits.PATTERN_WINDOW  # the usual case: no windows needed
                if short and len(patterns) >= 4:  # one search of all the rule's patterns joined says most texts match none
                    if any_of is _NOT_YET:
                        any_of = wrap(self.any) if self.any is not None else None
                    if any_of is not None and not any_of.search(text):
                        continue
                found = []
                for rx in patterns:
                    for m in (rx.finditer(text) if short else limits.bounded_finditer(rx, text, deadline)):
                        if not (unless and unless.search(m.group(0))):
                            found.append((m.start(), -m.end(), m.group(0)))
                spans = sorted(found)
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


def _may_match(cheap: Any, text: str) -> bool:
    """Whether the superset of a pattern finds something in ``text``; a text too long for one search
    (limits.PATTERN_WINDOW) is given to the pattern itself, which is searched in windows."""
    return len(text) > limits.PATTERN_WINDOW or cheap.search(text) is not None


def _as_it_is(rx: Any) -> Any:
    return rx


_NOT_YET: Any = object()  # PatternKind.any before it is first asked for (None means: no joined regex)
_NUMBERED_REF = regex(r"\\[1-9]|\(\?\(\d")


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
