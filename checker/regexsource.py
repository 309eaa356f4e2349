"""Reading a regex's source text (``re`` syntax) without compiling it: where a class or a group ends, and
the branches of its top level.

Two readers need it: ``lazy.required_literals`` (the literals every match holds, to skip a pattern on a
report without them) and ``kinds._counts.split_at_number`` (whether a count phrase can be matched around
one shared number). Syntax this reading does not follow (a nested set, an unclosed class or group) raises
``UnreadSyntax``; each caller then makes no claim about the pattern, and the pattern runs as it is.
"""

from __future__ import annotations


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
