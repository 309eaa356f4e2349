"""Reading a regex's source text (``re`` syntax) without compiling it: where a class or a group ends, and
the branches of its top level.

Two readers need it: ``lazy.required_literals`` (the literals every match holds, to skip a pattern on a
report without them) and ``kinds._counts.split_at_number`` (whether a count phrase can be matched around
one shared number). Syntax this reading does not follow (a nested set, an unclosed class or group) raises
``UnreadSyntax``; each caller then makes no claim about the pattern, and the pattern runs as it is.
"""

from __future__ import annotations

from checker.memo import as_data, kept_between_runs, string_or_none


class UnreadSyntax(Exception):
    """Syntax this reading does not follow: the caller makes no claim, the pattern runs as written."""


def class_end(pattern: str, i: int) -> int:
    """The index after the ``]`` closing the class that opens at ``i``."""
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        if pattern[j] == "[":
            raise UnreadSyntax  # a nested set or a POSIX class: another syntax
        j += 2 if pattern[j] == "\\" else 1
    if j >= len(pattern):
        raise UnreadSyntax
    return j + 1


def group_end(pattern: str, i: int) -> int:
    """The index after the ``)`` closing the group that opens at ``i``."""
    depth, j = 0, i
    while j < len(pattern):
        ch = pattern[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "[":
            j = class_end(pattern, j)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    raise UnreadSyntax


def top_level_branches(pattern: str) -> list[str]:
    """The alternatives of ``pattern``'s top level (``a|(?:b|c)`` → ``["a", "(?:b|c)"]``)."""
    branches, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = class_end(pattern, i)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    if depth != 0:
        raise UnreadSyntax
    branches.append(pattern[start:])
    return branches


# -- escapes

HEX_WIDTHS = {"x": 2, "u": 4, "U": 8}  # \x41, \u4e00, \U0001f600: how many hex digits follow
SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}


def escape_end(pattern: str, i: int) -> int:
    """The index after the escape that starts at ``i`` (``\\x41``, ``\\u4e00``, ``\\n``, ``\\(`` …)."""
    if i + 1 >= len(pattern):
        raise UnreadSyntax
    width = HEX_WIDTHS.get(pattern[i + 1])
    if width is None:
        return i + 2
    digits = pattern[i + 2:i + 2 + width]
    if len(digits) != width or not all(c in "0123456789abcdefABCDEF" for c in digits):
        raise UnreadSyntax
    return i + 2 + width


# -- a superset that is cheap to compile

_CATEGORIES = frozenset("dDsSwW")
_LATIN1_END = 0xFF
_ANY_ABOVE_LATIN1 = r"[^\x00-\xff]"
# A class listing this many code points above U+00FF costs more to compile (one step of Python a code point)
# than a superset and its search; a few Chinese punctuation marks (a 64 KB map, ~2.5 M instructions) do not:
# where the superset matches, the pattern is compiled after it.
DEAR_CLASS_SIZE = 1000


@kept_between_runs(as_data, string_or_none)  # a rule's pattern: worked out once, not in every run
def latin1_superset(pattern: str) -> str | None:
    """A regex that finds something in every text where ``pattern`` does, whose character classes hold no
    character above U+00FF; None when there is none to gain (no class of ``DEAR_CLASS_SIZE`` code points
    above U+00FF) or the pattern's syntax is not read here.

    CPython's ``re`` compiles a class holding a character above U+00FF into a map of 65,536 code points
    built in Python (``[\\u4e00-\\u9fff]`` alone: ~18 M instructions, a fifth of a rule file's start), a class
    of Latin-1 characters into 256. So a report on which the superset finds nothing cannot match the
    pattern, and the pattern is neither compiled nor run on it (kinds/pattern.py). Each such class becomes
    one that holds it: its Latin-1 part or any character above U+00FF; a negated class loses the characters
    above U+00FF it excluded; a negative lookaround is left out (it only ever rules a match out). Syntax
    after which a larger class could make a match fail (atomic groups, possessive quantifiers,
    back-references, conditionals, inline flags) gives None.
    """
    try:
        out, dear = _superset_of(pattern)
    except UnreadSyntax:
        return None
    return out if dear else None


def _superset_of(pattern: str) -> tuple[str, bool]:
    """The superset, and whether ``pattern`` has a class dear to compile (else the superset gains nothing)."""
    out: list[str] = []
    dear = False
    i, size = 0, len(pattern)
    while i < size:
        ch = pattern[i]
        if ch == "\\":
            end = escape_end(pattern, i)
            if pattern[i + 1].isdigit() or pattern[i + 1] in "gN":
                raise UnreadSyntax  # a back-reference (or \N{…}): a larger class could make it fail
            out.append(pattern[i:end])
            i = end
        elif ch == "[":
            end = class_end(pattern, i)
            cheap, above = _cheap_class(pattern[i + 1:end - 1])
            dear = dear or above >= DEAR_CLASS_SIZE
            out.append(pattern[i:end] if cheap is None else cheap)
            i = end
        elif ch == "(":
            head = pattern[i + 1:i + 4]
            if head.startswith(("?!", "?<!")):
                end = group_end(pattern, i)  # a negative lookaround: without it the pattern matches more
                body = pattern[i + (3 if head.startswith("?!") else 4):end - 1]
                dear = dear or _superset_of(body)[1]
                i = end
                continue
            if head.startswith("?") and not head.startswith(("?:", "?=", "?<=", "?P<")):
                raise UnreadSyntax  # atomic group, conditional, named back-reference, inline flags, comment
            out.append(ch)
            i += 1
        elif ch in "*+?}" and pattern[i + 1:i + 2] == "+":
            raise UnreadSyntax  # a possessive quantifier
        else:
            out.append(ch)
            i += 1
    return "".join(out), dear


def _class_atoms(body: str) -> list[tuple[int, str]]:
    """The atoms of a class body, each (code point, spelling); -1 for a category (``\\s``, ``\\d`` …)."""
    atoms: list[tuple[int, str]] = []
    i = 0
    while i < len(body):
        if body[i] != "\\":
            atoms.append((ord(body[i]), body[i]))
            i += 1
            continue
        end = escape_end(body, i)
        letter = body[i + 1]
        if letter in _CATEGORIES:
            code = -1
        elif letter in HEX_WIDTHS:
            code = int(body[i + 2:end], 16)
        elif letter in SIMPLE_ESCAPES:
            code = ord(SIMPLE_ESCAPES[letter])
        elif letter.isalnum():
            raise UnreadSyntax  # \b (a backspace in a class), octal, \N{…}: not read here
        else:
            code = ord(letter)
        atoms.append((code, body[i:end]))
        i = end
    return atoms


def _class_items(body: str) -> tuple[list[str], list[tuple[int, int]]]:
    """A class body (without its ``^``) as its categories, as written, and its (low, high) ranges, a single
    character being a range of one."""
    atoms = _class_atoms(body)
    categories: list[str] = []
    ranges: list[tuple[int, int]] = []
    k = 0
    while k < len(atoms):
        code, spelling = atoms[k]
        if k + 2 < len(atoms) and atoms[k + 1][1] == "-":  # "a-b" (a "-" first or last is itself)
            high = atoms[k + 2][0]
            if code < 0 or high < 0:
                raise UnreadSyntax  # a range with a category: an error for re
            ranges.append((code, high))
            k += 3
            continue
        if code < 0:
            categories.append(spelling)
        else:
            ranges.append((code, code))
        k += 1
    return categories, ranges


def _latin1_spelling(ranges: list[tuple[int, int]]) -> str:
    return "".join(f"\\x{lo:02x}" if lo == hi else f"\\x{lo:02x}-\\x{hi:02x}" for lo, hi in ranges)


def _cheap_class(body: str) -> tuple[str | None, int]:
    """A class that holds every character the class ``[body]`` does and none above U+00FF in its own body
    (None when ``[body]`` is one already), and how many code points above U+00FF ``[body]`` lists (what re
    fills its map with, one at a time)."""
    negated = body.startswith("^")
    categories, ranges = _class_items(body[1:] if negated else body)
    above = sum(high - max(lo, _LATIN1_END + 1) + 1 for lo, high in ranges if high > _LATIN1_END)
    if not above:
        return None, 0
    kept = "".join(categories) + _latin1_spelling([(lo, min(high, _LATIN1_END)) for lo, high in ranges
                                                   if lo <= _LATIN1_END])
    if negated:  # excluding fewer characters matches more
        return (f"[^{kept}]" if kept else r"[\s\S]"), above
    return (f"(?:[{kept}]|{_ANY_ABOVE_LATIN1})" if kept else _ANY_ABOVE_LATIN1), above
