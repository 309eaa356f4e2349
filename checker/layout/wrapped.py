"""Hard-wrapped text (a PDF's text, a fixed-width copy) joined back into paragraphs.

Evidence, measured on the lines of prose (not table text, not page numbers):

- many lines are as long as the wrap width, whatever it is (the commonest length of the lines that end
  no sentence and go on, within a few characters; a quarter or more of the lines at least half that
  long), and half of those full lines or more (five at least) do not end a sentence, where a paragraph
  a line ends nearly every long line with one;
- or page-number lines (``- 4 -``, ``第4页``, ``4/12``), two or more.

Then page-number lines are dropped, and running headers with them (a line repeated three times or
more, each time beside a page-number line). A line joins the one before it (Chinese without a space)
when that one is full and does not end a sentence (。！？; a full line ending in ；or ： goes on: the
next item of a list, the address after "电子邮箱："), unless the line is indented or starts a heading
whose number continues the outline (headings.py); a line shorter than the width ends its paragraph.
A title wrapped over two or three lines is joined. Runs of table text are read row by row
(tablerows.py; the pre-2019 附表 in appendix.py): a fragment of a wrapped label cell is joined back to
its label, never taken for a heading, and the values printed between the fragments stay with it.

This module holds the evidence (``measure``); the joining is ``joining.py``, imported only for a report that
needs it.
"""

from __future__ import annotations

from collections import Counter
from typing import Optional

from msgspec import Struct

from checker.layout.lexicon import CLOSING_QUOTES, TOKEN_RE, may_start_token
from checker.lazy import regex

PAGE_NUMBER = regex(
    r"^[ \t\u3000]*(?:[-—–－―]+[ \u3000]*\d{1,4}[ \u3000]*[-—–－―]+|第[ \u3000]*\d{1,4}[ \u3000]*页"
    r"(?:[ \u3000]*[/，,]?[ \u3000]*共[ \u3000]*\d{1,4}[ \u3000]*页)?|\d{1,4}[ \u3000]*/[ \u3000]*\d{1,4})[ \t\u3000]*$")
_ENDS = "。！？!?；;：:"
_SENTENCE_ENDS = "。！？!?"
_SPACED_VALUE = regex(r"(?:^|[ \t\u3000])[+\-]?\d[\d.,]*(?:万元|元)?(?=[ \t\u3000]|$)")
_MIN_LINES = 8
_MIN_WIDTH = 16


class Wrap(Struct, frozen=True):
    """What the measurement found: the wrap width in characters and in display columns (a Chinese
    character two, a Latin one one), None when the lines are not wrapped (paged text only)."""

    width: Optional[int]
    columns: Optional[int] = None

    def full(self, text: str) -> bool:
        """Whether ``text`` reaches the wrap width (by its characters or by its columns, a few short)."""
        if self.width is None or self.columns is None:
            return False
        body = text.rstrip()
        return len(body) >= self.width - _slack(self.width) or columns(body) >= self.columns - _slack(self.columns)


def _slack(width: int) -> int:
    return max(2, width // 12)


def columns(text: str) -> int:
    """Display columns, near enough: two for a Chinese character (three bytes in UTF-8), one for ASCII."""
    return len(text) + (len(text.encode("utf-8")) - len(text)) // 2


_PAGE_NUMBER_ENDS = "-—–－―页"  # what each form of PAGE_NUMBER ends with, but for a digit


def _is_page_number(text: str) -> bool:
    """PAGE_NUMBER.match(text), tried only on a line that ends as every form of it does (a dash, 页 or a
    digit, then white space and at most the final newline ``$`` allows): most short lines (headings, the
    date under the signature) do not, and the pattern is then neither compiled nor run."""
    body = (text[:-1] if text.endswith("\n") else text).rstrip(" \t\u3000")
    last = body[-1:]
    if not last or not (last in _PAGE_NUMBER_ENDS or last.isdigit()):
        return False
    return PAGE_NUMBER.match(text) is not None


def _starts_with_token(text: str) -> bool:
    """TOKEN_RE.match(text), tried only where the first character can start a token."""
    return may_start_token(text) and TOKEN_RE.match(text) is not None


def _is_table_text(text: str) -> bool:
    return bool(_SPACED_VALUE.search(text))


def measure(lines: list[str], skip: set[int]) -> Optional[Wrap]:
    """Wrap evidence from line statistics, or None when the text shows none (cheap: one pass).

    Wrapped: of the lines at least half as long as the wrap width (``_dominant``), a quarter or more are
    full (in characters or in columns, a few short), next to none is longer, and of the full lines half
    or more (five at least) end no sentence and go on on the next line (not blank, not a numbering
    token). A report of one paragraph a line has its long lines end with 。."""
    prose: list[tuple[int, int, str]] = []  # (characters, columns, text) of each line of prose, in order
    follows: list[bool] = []  # whether the line after it is prose that goes on (not blank, no token)
    pages = 0
    previous_open = False
    for n, text in enumerate(lines, start=1):
        body = text.rstrip()
        if not body or n in skip or "\t" in body:
            if previous_open:
                follows[-1] = False
            previous_open = False
            continue
        if len(body) <= 16 and _is_page_number(body):
            pages += 1
            continue
        if " " in body and _is_table_text(body):
            previous_open = False
            continue
        if follows:
            follows[-1] = previous_open and not _starts_with_token(body.lstrip(" \u3000"))
        prose.append((len(body), 0, body))
        follows.append(False)
        # a line that goes on is as long as a wrap width at least (16): a heading or a signature is shorter
        previous_open = len(body) >= _MIN_WIDTH and body.rstrip(CLOSING_QUOTES)[-1:] not in _ENDS
    if sum(follows) >= 5 and len(prose) >= _MIN_LINES:  # most reports stop here: their lines end sentences
        prose = [(n, columns(body), body) for n, _, body in prose]
        width = _dominant([p[0] for p in prose], follows)
        wide = _dominant([p[1] for p in prose], follows)
        if width is not None and wide is not None and width <= 150:
            wrap = Wrap(width, wide)
            full = [k for k, p in enumerate(prose) if wrap.full(p[2])]
            over = sum(1 for p in prose if p[0] > width + _slack(width) and p[1] > wide + _slack(wide))
            going_on = [k for k in full if follows[k]]
            # the lines that could be full: half the width or more (table labels and headings are shorter)
            long_lines = sum(1 for p in prose if p[0] * 2 >= width or p[1] * 2 >= wide)
            if (len(full) * 4 >= long_lines and over * 10 <= len(prose)
                    and len(going_on) >= max(5, len(full) / 2)):
                return wrap
    if pages >= 2:
        return Wrap(None)
    return None


def _dominant(lengths: list[int], follows: list[bool]) -> Optional[int]:
    """The wrap width the lengths show, whatever it is (20 to 60 Chinese characters and more): the
    commonest length (16 or more) of the lines that end no sentence and go on, the larger on a tie; None
    when no line goes on. Not a percentile of all lengths: a report with many tables has more short lines
    (label fragments, headings) than full ones. Lines a little short of the width (a punctuation mark
    pushed to the next line, Latin letters) still count as full (``Wrap.full``)."""
    counts = Counter(n for n, on in zip(lengths, follows) if on and n >= _MIN_WIDTH)
    if not counts:
        return None
    return max(counts, key=lambda n: (counts[n], n))


