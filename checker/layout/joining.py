"""Hard-wrapped lines joined back into paragraphs, where ``wrapped.measure`` found the wrap width (or page
numbers): page numbers and running headers dropped, table text read row by row, titles joined."""

from __future__ import annotations

from typing import Optional

from checker.layout.appendix import appendix_rows
from checker.layout.headings import Sequence, heading_token, official_heading
from checker.layout.lexicon import CLOSING_QUOTES, TITLE_RE, table_label_at
from checker.layout.rendition import RenditionLine, stripped
from checker.layout.tablerows import Cell, assemble, cells_of_line
from checker.layout.wrapped import _SENTENCE_ENDS, Wrap, _is_page_number, _is_table_text
from checker.lazy import regex

_INDENT = regex(r"^(?:\u3000|[ \t]{2,}|\u00a0{2,})")
_PAGED_LINE = 20  # a line cut by a page break is a long one; a heading or a signature line is short


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
