"""A user's rule pattern, run with a real time limit per call. Built-in patterns are ours and tested, so they
use ``re``; a pattern from a project's own rule file goes through the ``regex`` package, whose calls take a
timeout, imported only when such a rule is loaded (start-up of a plain check stays free of it)."""

from __future__ import annotations

import re
import time
from typing import Any, Iterator, Optional

from checker import limits


def compile_timed(pattern: str, flags: int) -> Any:
    """A user's pattern compiled by the ``regex`` package (imported only when a user's rule is loaded), in
    its ``re``-compatible mode; an invalid one is a ValueError naming the pattern."""
    import regex

    try:
        return regex.compile(pattern, regex.V0 | (regex.IGNORECASE if flags & re.IGNORECASE else 0))
    except regex.error as exc:
        raise ValueError(f"正则表达式“{pattern[:80]}”无效 (invalid regular expression): {exc}") from None


class TimedPattern:
    """A ``regex`` pattern whose every call ends by ``deadline`` (time.perf_counter), raising
    limits.BudgetExceeded. ``re`` cannot be interrupted inside one call, so a user's polynomial pattern on
    one 4,096-character cell could run for minutes; the ``regex`` package takes a timeout per call."""

    def __init__(self, compiled: Any, deadline: float) -> None:
        self.compiled = compiled
        self.deadline = deadline

    def _left(self) -> float:
        left = self.deadline - time.perf_counter()
        if left <= 0:
            raise limits.BudgetExceeded
        return left

    def search(self, text: str, pos: int = 0, endpos: Optional[int] = None) -> Any:
        try:
            return self.compiled.search(text, pos, len(text) if endpos is None else endpos, timeout=self._left())
        except TimeoutError:
            raise limits.BudgetExceeded from None

    def finditer(self, text: str) -> Iterator[Any]:
        try:
            yield from self.compiled.finditer(text, timeout=self._left())
        except TimeoutError:
            raise limits.BudgetExceeded from None
