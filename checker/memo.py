"""Pure functions of one short text, kept: ``kept_when_short``; a record's own cache: ``store_beside_fields``.

Reports repeat the same short texts many times (numerals, table labels, the pieces of a table line), so
their results are worth keeping between reports; a long text (a hostile file's megabyte cell) is worked out
and never kept, so that no store keeps an input alive after its report.
"""

from __future__ import annotations

from functools import lru_cache, wraps
from typing import Any, Callable, TypeVar

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


def store_beside_fields(record: Any, name: str) -> dict[Any, Any]:
    """The dict kept under ``name`` in a record's ``__dict__`` (a ``msgspec.Struct`` made with ``dict=True``), made
    on first use: a cache beside the record's fields, which equality, hashing and pickling do not read."""
    kept = record.__dict__
    store = kept.get(name)
    if store is None:
        store = kept[name] = {}
    return store  # type: ignore[no-any-return]
