"""Things built on first use, for a fast start: registries whose entries are imported when looked up, and
regexes compiled when first used.

A cold check of one text report is mostly start-up, and start-up is mostly importing modules and
compiling regexes that this report never needs: the five formatters it does not print, the kinds of
rules for other eras, the layout-recovery patterns of a report whose layout is fine. Both helpers
keep the code that uses them unchanged: a registry is a read-only mapping, a regex answers every
method of ``re.Pattern``.
"""

from __future__ import annotations

import re
from importlib import import_module
from typing import Any, Iterator, Mapping, cast


class LazyRegistry(Mapping[str, Any]):
    """Name → object, each named as ``(module, attribute)`` and imported the first time it is looked up.
    Iteration, ``in`` and ``len`` import nothing."""

    def __init__(self, where: Mapping[str, tuple[str, str]]) -> None:
        self._where = dict(where)
        self._loaded: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        try:
            return self._loaded[name]
        except KeyError:
            module, attribute = self._where[name]  # KeyError for an unknown name, as a dict
            value = self._loaded[name] = getattr(import_module(module), attribute)
            return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, name: object) -> bool:
        return name in self._where


class _LazyPattern:
    """A regex compiled on first use. Each attribute asked for (``search``, ``finditer``, ``pattern`` …) is
    taken from the compiled pattern once and then kept on the instance, so later calls cost what calls
    on a compiled pattern cost."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:  # only for attributes not yet kept
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(re.compile(*self._source), name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"regex({self._source[0]!r})"


def regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done the first time the pattern is used. For module-level patterns
    that only some reports need; a pattern every report uses gains nothing from it."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))
