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
from functools import lru_cache
from typing import Any, Iterator, Mapping, Sequence, cast

from checker.memo import as_data, kept_between_runs, tuple_of_strings_or_none
from checker.regexsource import (
    HEX_WIDTHS, SIMPLE_ESCAPES, UnreadSyntax, class_end, escape_end, group_end, top_level_branches,
)


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


def compile_now(*patterns: Any) -> None:
    """Compile regexes made with ``regex()`` now (None is skipped): a rule file's are tried when it loads,
    so that a broken one is refused there (rules.load_rule_file), not in the middle of a run."""
    for pattern in patterns:
        if pattern is not None:
            _ = pattern.groups  # asking for any attribute of the compiled pattern compiles it


def regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done the first time the pattern is used. For module-level patterns
    that only some reports need; a pattern every report uses gains nothing from it."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))


_SPECIAL = frozenset(".^$*+?{}[]\\|()")  # without one of these a pattern matches exactly its own text


class Finder:
    """Whether ``re.search(pattern, text)`` finds anything: an ``in`` test for a pattern of plain characters
    (most of a rule file's word lists), else the regex, compiled on first use."""

    __slots__ = ("_literal", "_regex")

    def __init__(self, pattern: str) -> None:
        plain = not _SPECIAL.intersection(pattern)
        self._literal = pattern if plain else None
        self._regex = None if plain else regex(pattern)

    def found_in(self, text: str) -> bool:
        if self._literal is not None:
            return self._literal in text
        return self._regex.search(text) is not None  # type: ignore[union-attr]

    def compile_now(self) -> None:
        compile_now(self._regex)


def ends_with_word(text: str, words: tuple[str, ...]) -> bool:
    """``re.search("(?:w1|w2|…)$", text) is not None`` for literal words, without compiling it: ``$`` also
    matches before a final line feed."""
    return text.endswith(words) or (text.endswith("\n") and text[:-1].endswith(words))


# -- what a pattern cannot match without: a cheap test before compiling or running it

_CLASS_ESCAPES = set("dDsSwWbBAZ0123456789")  # escapes that are not one literal character


@kept_between_runs(as_data, tuple_of_strings_or_none)  # a rule's pattern: worked out once, not in every run
def required_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Literals of which every match of ``pattern`` (``re`` syntax) contains at least one, or None when no
    such set is known. ``"予以公开{N}件"`` → ``("予以公开",)``, ``"[,;]"`` → ``(",", ";")``, ``"a|b"`` →
    ``("a", "b")``. A report whose text holds none of them cannot match: the pattern is neither compiled
    nor run on it. Read from the pattern's text only (mandatory literal runs, simple classes and groups);
    anything unusual (inline flags, conditionals, ignoring case, an unknown escape) gives None."""
    if flags & (re.IGNORECASE | re.VERBOSE):  # what a literal matches, or whether a space is one, changes
        return None
    try:
        found = _alternatives(pattern)
    except (UnreadSyntax, RecursionError):  # RecursionError: hundreds of nested groups, refused when the rule loads
        return None
    return tuple(dict.fromkeys(found)) if found and all(found) else None


@lru_cache(maxsize=1024)
def _alternatives(pattern: str) -> tuple[str, ...] | None:
    """The requirement of each top-level branch, joined: every branch must have one. Kept per pattern text:
    the same groups recur in many patterns (T020's phrases each hold kinds/_counts.NUMBER)."""
    result: list[str] = []
    for branch in top_level_branches(pattern):
        needed = _branch_requirement(branch)
        if needed is None:
            return None
        result.extend(needed)
    return tuple(result)


def _optional(pattern: str, j: int) -> tuple[bool, int]:
    """Whether the atom ending at ``j`` may match zero times, and where its quantifier ends."""
    if j >= len(pattern):
        return False, j
    ch = pattern[j]
    if ch in "?*+":
        end = j + 1
        if end < len(pattern) and pattern[end] in "?+":
            end += 1  # lazy or possessive
        return ch != "+", end
    if ch == "{":
        repeat = _repeat(pattern, j)
        if repeat is None:
            return False, j  # a literal "{" follows: not a quantifier
        low, end = repeat
        return not low or int(low) == 0, end
    return False, j


def _repeat(pattern: str, j: int) -> tuple[str, int] | None:
    """The ``{m,n}`` quantifier at ``j``: its lower bound as written and where it ends (with a lazy or
    possessive mark), or None when the ``{`` is a literal; what ``\\{(\\d*)(?:,(\\d*))?\\}[?+]?`` matches."""
    k = _decimals_end(pattern, j + 1)
    low = pattern[j + 1:k]
    if pattern[k:k + 1] == ",":
        k = _decimals_end(pattern, k + 1)
    if pattern[k:k + 1] != "}":
        return None
    k += 1
    return low, k + 1 if pattern[k:k + 1] in ("?", "+") else k


def _decimals_end(text: str, start: int) -> int:
    """Where the run of decimal digits (the regex's ``\\d``) starting at ``start`` ends."""
    end = start
    while end < len(text) and text[end].isdecimal():
        end += 1
    return end


def _branch_requirement(branch: str) -> Sequence[str] | None:
    """Of one branch's mandatory parts (a run of literal characters, a simple class, a group with a
    requirement of its own) the one whose words are longest."""
    runs: list[str] = []
    run = ""
    others: list[Sequence[str]] = []
    i, size = 0, len(branch)
    while i < size:
        ch = branch[i]
        literal: str | None = None
        needed: Sequence[str] | None = None
        if ch == "\\":
            nxt = branch[i + 1:i + 2]
            if not nxt:
                raise UnreadSyntax
            if nxt in HEX_WIDTHS:
                end = escape_end(branch, i)
                literal = chr(int(branch[i + 2:end], 16))
            elif nxt in SIMPLE_ESCAPES:
                literal, end = SIMPLE_ESCAPES[nxt], i + 2
            elif nxt in _CLASS_ESCAPES:
                end = i + 2
            elif nxt.isalnum():
                raise UnreadSyntax  # \N{…}, \p{…}, \G …
            else:
                literal, end = nxt, i + 2
        elif ch == "[":
            end = class_end(branch, i)
            body = branch[i + 1:end - 1]
            if body and not body.startswith("^") and "\\" not in body and "-" not in body:
                needed = list(body)
        elif ch == "(":
            end = group_end(branch, i)
            head = branch[i + 1:i + 3]
            if head.startswith("?") and head not in ("?:", "?P"):
                if head[1:] in ("=", "!", "<") or head == "?#":
                    pass  # a lookaround or a comment: matches no text of its own
                else:
                    raise UnreadSyntax  # inline flags, a conditional, an atomic group …
            else:
                body = branch[i + 1:end - 1]
                if head == "?:":
                    body = body[2:]
                elif head == "?P":
                    if body.startswith("?P="):
                        raise UnreadSyntax  # a named back-reference
                    body = body[body.index(">") + 1:]
                needed = _alternatives(body)
        elif ch in ".^$":
            end = i + 1
        elif ch in ")]|":
            raise UnreadSyntax
        else:
            literal, end = ch, i + 1
        atom_end = end
        optional, end = _optional(branch, atom_end)
        if literal is not None and not optional:
            run += literal
            if end != atom_end:  # "a+" or "a{2}": the a is there, what follows may not be next to it
                runs.append(run)
                run = ""
        else:
            if run:
                runs.append(run)
            run = ""
            if needed and not optional:
                others.append(needed)
        i = end
    if run:
        runs.append(run)
    candidates: list[Sequence[str]] = [[r] for r in runs] + others
    if not candidates:
        return None
    # The rarest is the best test; longer words are rarer than single characters ("部分公开" before "件").
    return max(candidates, key=lambda words: (min(map(len, words)), -len(words)))
