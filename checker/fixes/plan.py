"""Planning the fixes of one document: each finding's ``fix`` as an edit of a span of a line, ordered, merged, never overlapping.

A finding carries the replacement text (``Finding.fix``); its span is the finding's own range
(``column``..``end_column``), or, for a finding without an end, what starts at its place: a table cell (T011,
T002 and T004 name one), a heading (S006 rewords one), or a number or a dash written in table text (T011 in a
table without a grid). A fix whose span cannot be told is not made: it stays a finding. Fixes that
write the same text over the same span are one edit (N001, N002 and N003 give their parts of one renumbering
plan; T011 and T012 name the same cell): following all of them leaves one consistent document. Of two edits
that overlap otherwise, the first in reading order is kept and the other stays a finding (a comment in Word).
A fix over a wrapped line break of recovered text (P002's period in PDF text) is two edits made together or
not at all: the fix where the span starts, the span's rest removed from the next line.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping, Optional

from msgspec import Struct, field

from checker.findings import Finding
from checker.model import Document

SAFE, UNSAFE = "safe", "unsafe"


class Edit(Struct):
    """Replace ``old`` at ``line``:``column``..``end_column`` (1-based, end exclusive, on the file's own lines
    — for Word the rendition's) with ``new``; ``findings`` are the findings this edit fixes."""

    line: int
    column: int
    end_column: int
    old: str
    new: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return sorted({f.code for f in self.findings})

    def overlaps(self, other: "Edit") -> bool:
        if self.line != other.line:
            return False
        if self.column == other.column and (self.end_column == self.column or other.end_column == other.column):
            return True  # two insertions (or an insertion and a replacement) at one place: order unknown
        return self.column < other.end_column and other.column < self.end_column


class Plan(Struct):
    """The edits to make, in reading order, and the findings left as they are."""

    edits: list[Edit]
    left: list[Finding]  # no fix, an unsafe one (without --unsafe-fixes), no span found, or overlapping a kept edit
    suggestions: list[Finding]  # of ``left``: the findings whose (unsafe) fix --unsafe-fixes would apply

    @property
    def fixed(self) -> list[Finding]:
        return [f for e in self.edits for f in e.findings]


def safety(rule: object) -> str:
    """How the rule's fixes are treated: "safe" only when its file says so (rules/schema/rule.json ``fix``)."""
    return SAFE if getattr(rule, "fix", None) == SAFE else UNSAFE


def plan_fixes(document: Document, findings: Iterable[Finding], rules: Mapping[str, object],
               unsafe: bool = False, headings: Iterable[int] = ()) -> Plan:
    """The plan for ``findings`` of ``document``: safe fixes, and with ``unsafe`` the suggestions too.
    ``headings``: the rendition lines of the headings (the outline's), whose whole text a fix may replace."""
    candidates: list[Edit] = []
    left: list[Finding] = []
    suggestions: list[Finding] = []
    heading_lines = set(headings)
    rests: dict[int, list[Edit]] = {}  # a fix over a wrapped line break: the removals on its next lines
    for f in findings:
        edit = _edit_of(document, f, heading_lines) if f.fix is not None else None
        rest: list[Edit] = []
        if edit is None and f.fix is not None:
            edit, rest = _across_lines(document, f)
        if edit is None:
            left.append(f)
        elif safety(rules.get(f.code)) == SAFE or unsafe:
            candidates.append(edit)
            if rest:
                rests[id(edit)] = rest
        else:
            left.append(f)
            suggestions.append(f)
    edits: list[Edit] = []
    kept: dict[tuple[int, int, int, str], Edit] = {}
    for edit in sorted(candidates, key=lambda e: (e.line, e.column, e.end_column, e.codes)):
        key = (edit.line, edit.column, edit.end_column, edit.new)
        if key in kept:
            kept[key].findings.extend(edit.findings)
        elif edits and edits[-1].overlaps(edit):  # kept edits are disjoint and sorted: only the last can overlap
            left.extend(edit.findings)  # the first edit of the place wins; this one stays a finding
        else:
            kept[key] = edit
            edits.append(edit)
    for first, rest in ((e, rests[id(e)]) for e in list(edits) if id(e) in rests):
        if any(r.overlaps(e) for r in rest for e in edits):  # all of the fix or none of it
            edits.remove(first)
            left.extend(first.findings)
        else:
            edits.extend(rest)
    edits.sort(key=lambda e: (e.line, e.column))
    for e in [e for e in edits if e.old == e.new]:  # the text already reads so: the finding has another cause
        edits.remove(e)
        left.extend(e.findings)
    return Plan(edits=edits, left=sorted(left, key=Finding.sort_key), suggestions=suggestions)


def _edit_of(document: Document, f: Finding, headings: set[int]) -> Optional[Edit]:
    """The edit ``f``'s fix makes, on the file's lines; None when its span cannot be told."""
    text = document.source_text(f.line)
    if f.end_column is not None and f.end_line not in (None, f.line):
        return None  # a fix never spans lines
    end = f.end_column if f.end_column is not None else _element_end(document, f, headings)
    if end is None:
        token = _TOKEN.match(text, f.column - 1) if f.fix and _TOKEN.fullmatch(f.fix) else None
        if token and _placeholder(token.group(0)) and sum(map(_placeholder, text.split())) > 1:
            token = None  # one finding for a row of dashes: replacing the first would not mend it
        end = token.end() + 1 if token else None
    if end is None or not 1 <= f.column <= end <= len(text) + 1:
        return None
    assert f.fix is not None
    return Edit(f.line, f.column, end, text[f.column - 1:end - 1], f.fix, [f])


def _across_lines(document: Document, f: Finding) -> tuple[Optional[Edit], list[Edit]]:
    """A fix whose span a wrapped line break cuts (a period in text extracted from a PDF, recovered as one
    paragraph): the fix is written where the span starts and the span's rest is removed from the start of
    the next line, so the file keeps its lines and its recovered rendition reads the fix. Only where the
    rendition joined the two lines with nothing between them; else (None, []): the finding stays."""
    if (document.source_lines is None or f.fix is None or f.end_line != f.line + 1 or f.end_column is None
            or f.end_column < 1):
        return None, []
    head, tail = document.source_text(f.line), document.source_text(f.end_line)
    if not 1 <= f.column <= len(head) or f.end_column > len(tail) + 1 or not _joined(document, f.line, len(head)):
        return None, []
    first = Edit(f.line, f.column, len(head) + 1, head[f.column - 1:], f.fix, [f])
    return first, [Edit(f.end_line, 1, f.end_column, tail[:f.end_column - 1], "")]


def _joined(document: Document, line: int, length: int) -> bool:
    """Whether some rendition line runs from the end of file line ``line`` (``length`` characters) straight
    on to the start of the next one, with no separator put between them."""
    for segments in document.origins.values():
        for a, b in zip(segments, segments[1:]):
            if a.line == line and b.line == line + 1 and b.source_column == 1 \
                    and b.column - a.column == length - a.source_column + 1:
                return True
    return False


def _placeholder(text: str) -> bool:
    """A cell left blank or given a dash where 0 is meant."""
    return not text.strip() or bool(_DASHES.fullmatch(text.strip()))


_DASHES = re.compile(r"[-—–－―]+")
# A value of table text without a grid ("（一）予以公开 2 2 0 0 0 0 3"): a number, or the dash written for 0.
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[-—–－―]+")


def _element_end(document: Document, f: Finding, headings: set[int]) -> Optional[int]:
    """Where the table cell or heading that starts at ``f``'s place ends (a finding without an end)."""
    for block in document.blocks:
        if block.is_table:
            places = [(c.line, c.col, c.text, row) for row in block.rows for c in row]
        elif block.line in headings:
            places = [(block.line, block.col, block.text, [])]
        else:
            continue
        for line, col, text, row in places:
            if document.locate(line, col) != (f.line, f.column):
                continue
            if _placeholder(text) and sum(1 for c in row if _placeholder(c.text)) > 1:
                return None  # the finding stands for a row of blanks or dashes (T004 reports it once)
            if not text:
                return f.column  # an empty cell: the fix is inserted
            end_line, last = document.locate(line, col + len(text) - 1)
            return last + 1 if end_line == f.line else None
    return None
