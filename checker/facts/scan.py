"""Reading a text at a place with str methods, for the facts' finders that stand in for regexes (a cold check
compiles none of them, issue 12): where ``\\s*`` and ``\\d{0,n}`` end, every place a literal stands, and a match
made in Python that answers what callers ask of an ``re.Match``."""

from __future__ import annotations


def spaces_end(text: str, at: int) -> int:
    """Where the white space from ``at`` ends (re's ``\\s`` is ``str.isspace``)."""
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def digits_end(text: str, at: int, most: int) -> int:
    """Where ``\\d{0,most}`` from ``at`` ends, taking all it can (re's ``\\d`` is ``str.isdecimal``)."""
    end = at
    while end < len(text) and end - at < most and text[end].isdecimal():
        end += 1
    return end


def places(text: str, *literals: str) -> list[int]:
    """Every place where one of ``literals`` starts in ``text`` (overlapping ones too), in order, each once."""
    if len(literals) != 1:  # two literals may start at one place ("h" and "ht"): each place once
        return sorted({at for literal in literals for at in places(text, literal)})
    literal, found = literals[0], []  # the common case, called for every block: no set, no sort
    at = text.find(literal)
    while at >= 0:
        found.append(at)
        at = text.find(literal, at + 1)
    return found


class SpanMatch:
    """A match found in Python: ``start``, ``end`` and ``group`` of the whole match or of a group, from
    ``span``, which a subclass defines over the spans it keeps."""

    __slots__ = ("string",)
    string: str

    def span(self, group: str | int = 0) -> tuple[int, int]:
        raise NotImplementedError

    def start(self, group: str | int = 0) -> int:
        return self.span(group)[0]

    def end(self, group: str | int = 0) -> int:
        return self.span(group)[1]

    def group(self, group: str | int = 0) -> str:
        start, end = self.span(group)
        return self.string[start:end]
