"""Pure functions of one short text, kept: ``kept_when_short``.

Reports repeat the same short texts many times (numerals, table labels, the pieces of a table line), so
their results are worth keeping between reports; a long text (a hostile file's megabyte cell) is worked out
and never kept, so that no store keeps an input alive after its report.
"""

from __future__ import annotations

from functools import lru_cache, wraps
from typing import Callable, TypeVar

R = TypeVar("R")


def kept_when_short(maxsize: int, longest: int) -> Callable[[Callable[[str], R]], Callable[[str], R]]:
    """Keep the results of a pure function of one text for texts of at most ``longest`` characters
    (``maxsize`` of them, the least recently used dropped first)."""
    def wrap(function: Callable[[str], R]) -> Callable[[str], R]:
        kept = lru_cache(maxsize=maxsize)(function)

        @wraps(function)
        def call(text: str) -> R:
            return kept(text) if len(text) <= longest else function(text)

        call.kept = kept  # type: ignore[attr-defined]  # for tests: cache_info(), cache_clear()
        return call
    return wrap
