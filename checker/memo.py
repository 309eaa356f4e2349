"""Pure functions of one short text, kept: ``kept_when_short``; a record's own cache: ``store_beside_fields``;
results worked out from the rules, kept between runs: ``kept_between_runs``.

Reports repeat the same short texts many times (numerals, table labels, the pieces of a table line), so
their results are worth keeping between reports; a long text (a hostile file's megabyte cell) is worked out
and never kept, so that no store keeps an input alive after its report.
"""

from __future__ import annotations

from functools import lru_cache, wraps
from typing import Any, Callable, Optional, TypeVar

R = TypeVar("R")
F = TypeVar("F", bound=Callable[..., Any])


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


# -- results worked out from the rules, kept between runs
#
# Some work depends on a rule's params and this package's code only: the literals a pattern cannot match
# without (lazy.required_literals), its Latin-1 superset (regexsource.latin1_superset), a count phrase split at
# its number (kinds/_counts.split_at_number). A cold check did it again in every process, ~5 ms (6 %) of its
# time. Its results are kept here as JSON data, and the rule cache (checker/rulecache.py) keeps them in a file
# stamped with the package's code, read when the rules are, written after a run that worked out new ones.

KEPT_PER_FUNCTION = 5000  # rules hold ~100 patterns; a process that meets more works the others out each time
_KEPT: dict[str, dict[str, Any]] = {}  # function → repr of its arguments → its result as JSON data
_ADDED: list[bool] = [False]  # whether a result was worked out since the file was read


def kept_between_runs(to_data: Callable[[Any], Any], from_data: Callable[[Any], Any]) -> Callable[[F], F]:
    """Keep the results of a pure function of the rules' text (strings and integers, results made of
    strings, lists and None) between runs. ``to_data`` makes a result JSON data, ``from_data`` makes it
    again and raises TypeError or ValueError for data it could not have made (a corrupt file): then the
    result is worked out again."""
    def wrap(function: F) -> F:
        name = f"{function.__module__}.{function.__qualname__}"
        table = _KEPT.setdefault(name, {})

        @wraps(function)
        def call(*args: Any) -> Any:
            key = repr(args)  # unambiguous for strings and integers
            data = table.get(key, _MISSING)
            if data is not _MISSING:
                try:
                    return from_data(data)
                except (TypeError, ValueError):
                    pass
            result = function(*args)
            if len(table) < KEPT_PER_FUNCTION:
                table[key] = to_data(result)
                _ADDED[0] = True
            return result

        return call  # type: ignore[return-value]
    return wrap


_MISSING = object()


def take_kept(data: Any) -> None:
    """Add results read from a file (``kept_to_save`` of an earlier run); what is not a table of results is
    ignored. A function's table may arrive before its module is imported (the kinds are imported when a
    rule first runs): the decorator then finds it here."""
    if not isinstance(data, dict):
        return
    for name, results in data.items():
        if isinstance(name, str) and isinstance(results, dict):
            table = _KEPT.setdefault(name, {})
            for key, value in results.items():
                if len(table) >= KEPT_PER_FUNCTION:
                    break
                table.setdefault(key, value)


def kept_to_save() -> Optional[dict[str, dict[str, Any]]]:
    """Every result kept, when one was worked out since the last ``take_kept``/``kept_saved``; else None."""
    return {name: dict(results) for name, results in _KEPT.items()} if _ADDED[0] else None


def kept_saved() -> None:
    _ADDED[0] = False


def tuple_of_strings_or_none(data: Any) -> Optional[tuple[str, ...]]:
    """``from_data`` for a result that is None or a tuple of strings (kept as a JSON list)."""
    if data is None:
        return None
    if isinstance(data, list) and all(isinstance(item, str) for item in data):
        return tuple(data)
    raise TypeError("not a list of strings")


def string_or_none(data: Any) -> Optional[str]:
    if data is None or isinstance(data, str):
        return data
    raise TypeError("not a string")


def as_data(result: Any) -> Any:
    """``to_data`` for a result made of strings, tuples and None."""
    return list(result) if isinstance(result, tuple) else result
