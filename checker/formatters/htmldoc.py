"""The HTML rendition of one report: its lines, findings under the lines they point at, tables as tables."""

from __future__ import annotations

import re
from html import escape
from typing import Callable

from checker.findings import Finding
from checker.formatters.common import xml_safe

# Renders one finding as an <li>; the page module supplies it (it knows the rules and the labels).
ItemRenderer = Callable[[int, Finding], str]

# A figure, a dash or nothing: equal neighbours like these are separate values, never one merged cell.
_VALUE = re.compile(r"^[\d\s.,，%％+\-—－]*$")


def esc(text: str) -> str:
    return escape(xml_safe(text), quote=True)


def _span(f: Finding, line: str) -> tuple[int, int]:
    """0-based [start, end) of the finding's evidence on its first line."""
    start = f.column - 1
    if f.end_line not in (None, f.line):
        return start, len(line)
    if f.end_column and f.end_column > f.column:
        return start, f.end_column - 1
    return start, start + 1


def _marked(line: str, hits: list[Finding]) -> str:
    """The line with each finding's evidence wrapped in <mark>."""
    on = [False] * len(line)
    for f in hits:
        start, end = _span(f, line)
        for i in range(max(0, start), min(len(line), end)):
            on[i] = True
    out, i = [], 0
    while i < len(line):
        j = i
        while j < len(line) and on[j] == on[i]:
            j += 1
        chunk = esc(line[i:j])
        out.append(f"<mark>{chunk}</mark>" if on[i] else chunk)
        i = j
    return "".join(out)


def _notes(entries: list[tuple[int, Finding]], item: ItemRenderer) -> str:
    return '<ul class="findings">' + "".join(item(i, f) for i, f in entries) + "</ul>"


def _worst(entries: list[tuple[int, Finding]]) -> str:
    order = {"error": 2, "warning": 1, "info": 0}
    return max((f.severity for _, f in entries), key=lambda s: order.get(s, 0))


def _cell_hit(cell, hits: list[Finding]) -> bool:
    lo, hi = cell.col, cell.col + max(1, len(cell.text))
    for f in hits:
        start = f.column
        end = f.end_column if f.end_column and f.end_line in (None, f.line) and f.end_column > f.column else start + 1
        if start < hi and end > lo:
            return True
    return False


def _row_cells(row, hits: list[Finding]) -> str:
    """Cells of one row; a merged label the reader repeated across columns is drawn once (colspan)."""
    out, i = [], 0
    while i < len(row):
        j = i + 1
        while j < len(row) and row[j].text == row[i].text and not _VALUE.match(row[i].text):
            j += 1
        group = row[i:j]
        cls = ' class="bad"' if any(_cell_hit(c, hits) for c in group) else ""
        span = f' colspan="{j - i}"' if j - i > 1 else ""
        out.append(f"<td{cls}{span}>{esc(row[i].text)}</td>")
        i = j
    return "".join(out)


def _table(block, by_line: dict, anchor: str, item: ItemRenderer, done: set) -> str:
    width = max((len(r) for r in block.rows), default=1)
    out = ['<table class="stat">']
    for row in block.rows:
        if not row:
            continue
        n = row[0].line
        entries = by_line.get(n, [])
        hits = [f for _, f in entries]
        cls = f' class="hit {_worst(entries)}"' if entries else ""
        out.append(f'<tr id="{anchor}-L{n}"{cls}><th class="no">{n}</th>{_row_cells(row, hits)}</tr>')
        if entries:
            out.append(f'<tr class="notes"><td colspan="{width + 1}">{_notes(entries, item)}</td></tr>')
            done.update(i for i, _ in entries)
    out.append("</table>")
    return "".join(out)


def render_document(doc, entries: list[tuple[int, Finding]], anchor: str, item: ItemRenderer) -> str:
    """``doc`` is a Document (lines and table blocks) or just its list of lines; ``entries`` are
    (global index, finding) for this file. Findings that match no drawn line are listed at the end."""
    lines = list(getattr(doc, "lines", doc) or [])
    tables = {b.line: b for b in doc.tables()} if hasattr(doc, "tables") else {}
    by_line: dict[int, list[tuple[int, Finding]]] = {}
    for i, f in entries:
        by_line.setdefault(f.line, []).append((i, f))
    done: set[int] = set()
    out = ['<div class="doc">']
    n = 1
    while n <= len(lines):
        block = tables.get(n)
        if block is not None and block.rows:
            out.append(_table(block, by_line, anchor, item, done))
            n = max(n, block.end_line) + 1
            continue
        here = by_line.get(n, [])
        text = lines[n - 1]
        if here:
            body = _marked(text, [f for _, f in here])
            out.append(f'<div class="ln hit {_worst(here)}" id="{anchor}-L{n}"><span class="no">{n}</span>'
                       f'<span class="tx">{body}</span></div>{_notes(here, item)}')
            done.update(i for i, _ in here)
        else:
            out.append(f'<div class="ln" id="{anchor}-L{n}"><span class="no">{n}</span>'
                       f'<span class="tx">{esc(text)}</span></div>')
        n += 1
    out.append("</div>")
    rest = [(i, f) for i, f in entries if i not in done]
    if rest:
        out.append(f'<div class="rest">{_notes(rest, item)}</div>')
    return "".join(out)
