"""Markdown saved as a .txt, recognised by its content and read as Markdown.

Evidence: two ``#`` headings whose text begins with a numbering token of the official forms (一、
（一） 1.) or is a report title, or one pipe table (a row of cells followed by its ``|---|`` rule).
A plain report has neither: its lines do not start with ``#`` and a space, nor with ``|``.
"""

from __future__ import annotations

from checker.lazy import regex

_HEADING = regex(
    r"^#{1,6}[ \t]+(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、]"
    r"|.*年度报告)")
_RULE = regex(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def is_markdown(lines: list[str]) -> bool:
    """Whether plain-text ``lines`` are Markdown (cheap: only lines starting with # or | are looked at)."""
    headings = 0
    for i, text in enumerate(lines):
        head = text[:1]
        if head == "#":
            if _HEADING.match(text):
                headings += 1
                if headings >= 2:
                    return True
        elif head == "|" and i + 1 < len(lines) and "|" in lines[i + 1] and _RULE.match(lines[i + 1]):
            return True
    return False
