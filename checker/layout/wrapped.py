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
"""

from __future__ import annotations

from collections import Counter
from typing import Optional

from msgspec import Struct

from checker.layout.appendix import appendix_rows
from checker.layout.headings import Sequence, heading_token, official_heading
from checker.layout.lexicon import CLOSING_QUOTES, TITLE_RE, TOKEN_RE, may_start_token, table_label_at
from checker.layout.rendition import RenditionLine, stripped
from checker.layout.tablerows import Cell, assemble, cells_of_line
from checker.lazy import regex

PAGE_NUMBER = regex(
    r"^[ \t\u3000]*(?:[-—–－―]+[ \u3000]*\d{1,4}[ \u3000]*[-—–－―]+|第[ \u3000]*\d{1,4}[ \u3000]*页"
    r"(?:[ \u3000]*[/，,]?[ \u3000]*共[ \u3000]*\d{1,4}[ \u3000]*页)?|\d{1,4}[ \u3000]*/[ \u3000]*\d{1,4})[ \t\u3000]*$")
_ENDS = "。！？!?；;：:"
_SENTENCE_ENDS = "。！？!?"
_INDENT = regex(r"^(?:\u3000|[ \t]{2,}|\u00a0{2,})")
_SPACED_VALUE = regex(r"(?:^|[ \t\u3000])[+\-]?\d[\d.,]*(?:万元|元)?(?=[ \t\u3000]|$)")
_MIN_LINES = 8
_MIN_WIDTH = 16
_PAGED_LINE = 20  # a line cut by a page break is a long one; a heading or a signature line is short


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


def _dropped(lines: list[str]) -> set[int]:
    """Page-number lines, and running headers: a line repeated three times or more, each time within two
    lines of a page-number line."""
    pages = {n for n, t in enumerate(lines, start=1) if len(t.strip()) <= 16 and _is_page_number(t)}
    if not pages:
        return pages
    seen: dict[str, list[int]] = {}
    for n, t in enumerate(lines, start=1):
        if t.strip() and n not in pages and len(t.strip()) <= 60:
            seen.setdefault(t.strip(), []).append(n)
    headers = set()
    for where in seen.values():
        if len(where) >= 3 and all(any(abs(n - p) <= 2 for p in pages) for n in where):
            headers.update(where)
    return pages | headers


def _table_line(cells: list[Cell]) -> bool:
    return bool(cells) and all(c.kind != "other" for c in cells)


def _zones(lines: list[str], order: list[int]) -> tuple[dict[int, list[int]], dict[int, list[Cell]]]:
    """Runs of table text among the lines ``order`` (file line numbers): first line → the run's lines, and
    the cells of each line. A run needs two lines with values and an official row label, or (table 四,
which has no row label) header labels above a line of values."""
    zones: dict[int, list[int]] = {}
    run: list[int] = []
    cells_by_line: dict[int, list[Cell]] = {}

    def close() -> None:
        with_values = [n for n in run if any(c.is_value for c in cells_by_line[n])]
        roles = [c.role for n in run for c in cells_by_line[n]]
        labelled = "row" in roles or "group" in roles
        under_header = roles.count("header") >= 2 and any(
            sum(c.is_value for c in cells_by_line[n]) >= 5 for n in with_values)  # table 四: no row labels
        if (len(with_values) >= 2 and labelled) or under_header:
            zones[run[0]] = list(run)

    for k, n in enumerate(order):
        text = lines[n - 1]
        cells = cells_of_line(n, text, k) if text.strip() else []
        if cells and (len(text.strip()) <= 60 or _is_table_text(text)) and _table_line(cells):
            cells_by_line[n] = cells
            run.append(n)
            continue
        if run:
            close()
            run = []
    if run:
        close()
    return zones, cells_by_line


def _ends_paragraph(text: str) -> bool:
    """A full line ends its paragraph where it ends a sentence; one ending in ；or ： goes on (the next item,
    the e-mail address after "电子邮箱：")."""
    body = text.rstrip().rstrip(CLOSING_QUOTES)
    return not body or body[-1] in _SENTENCE_ENDS


def _starts_heading(text: str, sequence: Sequence) -> Optional[tuple[int, int]]:
    """(level, number) when ``text`` starts with a heading whose number continues the outline, or with an
    official top-level heading."""
    body = text.lstrip(" \t\u3000\u00a0")
    heading = official_heading(body, 0)
    if heading:
        return 1, heading[0]
    token = heading_token(body, 0)
    if token is None:
        return None
    if table_label_at(body, token.start):
        return None  # an official table label, never a heading
    level = sequence.level_for(token)
    return (level, token.number) if level is not None else None


def _whole_heading(text: str) -> bool:
    """Whether ``text`` is an official top-level heading and nothing else ("四、政府信息公开行政复议、行政诉讼
    情况" nearly fills a line 22 wide): its line ends the heading, full or not."""
    body = text.strip(" \t\u3000\u00a0")
    heading = official_heading(body, 0)
    return heading is not None and heading[1] == len(body)


def _title_lines(lines: list[str], order: list[int]) -> int:
    """How many of the first lines make up the title (a title wrapped over two or three lines)."""
    if not order:
        return 0
    first = lines[order[0] - 1].strip()
    if "年度报告" in first:
        return 1
    joined = first
    for count, n in enumerate(order[1:3], start=2):
        joined += lines[n - 1].strip()
        if TITLE_RE.match(joined) and joined.rstrip().endswith(("年度报告", "年度报告）", "年度报告)")):
            return count
    return 1


def recover_wrapped(lines: list[str], skip: set[int], wrap: Wrap) -> list[RenditionLine]:
    """The rendition of hard-wrapped text: paragraphs joined, tables read row by row, page furniture
    dropped (lines in ``skip``, the directives, are left out and end a paragraph)."""
    dropped = _dropped(lines)
    order = [n for n in range(1, len(lines) + 1) if n not in dropped and n not in skip and lines[n - 1].strip()]
    appendix = appendix_rows(lines, order)
    appendix_lines = set(appendix[0]) if appendix else set()
    zones, cells_by_line = _zones(lines, [n for n in order if n not in appendix_lines])
    in_zone = {n for members in zones.values() for n in members} | appendix_lines
    out: list[RenditionLine] = []
    sequence = Sequence()
    current: Optional[RenditionLine] = None
    previous = ""  # the last line added to ``current``
    previous_n = 0
    title = _title_lines(lines, order)
    for k, n in enumerate(order):
        text = lines[n - 1]
        if appendix and n == appendix[0][0]:
            current = None
            out.extend(appendix[1])
            continue
        if n in zones:
            current = None
            cells = [c for m in zones[n] for c in cells_by_line[m]]
            out.extend(assemble(cells, by_lines=True))
            continue
        if n in in_zone:
            continue
        piece = stripped(n, text)
        if k < title:
            if current is None:
                current = RenditionLine()
                out.append(current)
            current.add(piece)
            previous, previous_n = text, n
            continue
        between = range(previous_n + 1, n)
        gap = any(m in skip or not lines[m - 1].strip() for m in between)  # a blank line or a directive
        # Across a page break a paragraph goes on when its line did not end it (text that is paged but
        # not wrapped: a paragraph a line, page numbers between).
        paged = any(m in dropped for m in between) and len(previous.strip()) >= _PAGED_LINE
        heading = _starts_heading(text, sequence)
        joins = (current is not None and not gap and (wrap.full(previous) or paged) and not _ends_paragraph(previous)
                 and not _INDENT.match(text) and heading is None and not _whole_heading(previous))
        if joins and current is not None:
            current.add(piece)
        else:
            if heading is not None:
                sequence.accept(*heading)
            current = RenditionLine()
            current.add(piece)
            out.append(current)
        previous, previous_n = text, n
    return out
