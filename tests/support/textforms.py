"""Rewrite the tab-separated tables of a plain-text report in the other forms tables take."""

# one_cell_per_line: each cell on its own line; space_separated: each row's cells on one line,
# separated by runs of spaces. In both, a merged cell is written once, as a browser copies it: the
# fixtures write a merged label into every grid position it covers, so a label equal to its left
# neighbour (colspan) or to the cell above it (rowspan) is dropped. Numbers are never dropped.
# to_merged_html / to_merged_docx_bytes render the same grids with real rowspan/colspan and Word
# merges; write_kind writes a report in any of the kinds the table tests use.

from __future__ import annotations

import html
import io
import re
from pathlib import Path

from tests.support import convert

_NUMBER = re.compile(r"^[+\-]?[\d.,]+(?:万元|元)?$|^[-—/]+$")


def _is_label(cell: str) -> bool:
    return bool(cell.strip()) and not _NUMBER.match(cell.strip())


def merged_once(rows: list[list[str]]) -> list[list[str]]:
    """The cells of each row that a web copy shows: repeats of a merged label removed."""
    out: list[list[str]] = []
    for r, row in enumerate(rows):
        kept = []
        for c, cell in enumerate(row):
            left = row[c - 1] if c else None
            above = rows[r - 1][c] if r and c < len(rows[r - 1]) else None
            if _is_label(cell) and cell in (left, above):
                continue
            if cell.strip():
                kept.append(cell.strip())
        out.append(kept)
    return out


def _rewrite(text: str, render) -> str:
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and "\t" in lines[j]:
            j += 1
        rows = [line.split("\t") for line in lines[i:j]]
        out.extend(render(merged_once(rows)))
        i = j
    return "\n".join(out)


def one_cell_per_line(text: str) -> str:
    """Every table cell on a line of its own (header cells too), merged labels once."""
    return _rewrite(text, lambda rows: [cell for row in rows for cell in row])


def space_separated(text: str, sep: str = "  ") -> str:
    """Every table row on one line, its cells separated by ``sep``, merged labels once."""
    return _rewrite(text, lambda rows: [sep.join(row) for row in rows if row])


def merged_rectangles(rows: list[list[str]]) -> list[tuple[int, int, int, int, str]]:
    """(row, col, height, width, text) for each cell of a grid, equal neighbouring labels merged."""
    taken = [[False] * len(r) for r in rows]
    out = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if taken[r][c]:
                continue
            width = height = 1
            if _is_label(text):
                while c + width < len(row) and row[c + width] == text and not taken[r][c + width]:
                    width += 1
                while r + height < len(rows) and all(
                        rows[r + height][k] == text and not taken[r + height][k] for k in range(c, c + width)):
                    height += 1
            for rr in range(r, r + height):
                for cc in range(c, c + width):
                    taken[rr][cc] = True
            out.append((r, c, height, width, text))
    return out


def to_merged_html(text: str) -> str:
    """The report as a web page whose tables use rowspan/colspan as published pages do."""
    page = convert.to_html(text)
    for kind, rows in convert.parse(text):
        if kind != "table":
            continue
        plain = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>\n" for row in rows)
        by_row: dict[int, list[str]] = {}
        for r, _c, h, w, cell in merged_rectangles(rows):
            span = (f' rowspan="{h}"' if h > 1 else "") + (f' colspan="{w}"' if w > 1 else "")
            by_row.setdefault(r, []).append(f"<td{span}>{html.escape(cell)}</td>")
        merged = "".join("<tr>" + "".join(by_row.get(r, [])) + "</tr>\n" for r in range(len(rows)))
        page = page.replace(plain, merged, 1)
    return page


def to_merged_docx_bytes(text: str) -> bytes:
    """The report as a Word file whose tables merge cells (w:gridSpan, w:vMerge) as Word does."""
    import docx

    document = docx.Document()
    styles = {"title": "Title", "h1": "Heading 1", "h2": "Heading 2", "p": None}
    for kind, value in convert.parse(text):
        if kind != "table":
            document.add_paragraph(value, style=styles[kind])
            continue
        table = document.add_table(rows=len(value), cols=len(value[0]))
        for r, c, h, w, cell in merged_rectangles(value):
            target = table.cell(r, c)
            if h > 1 or w > 1:
                target = target.merge(table.cell(r + h - 1, c + w - 1))
            target.text = cell
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# kind → (file extension, renderer of the plain-text source)
KINDS = {
    "txt": ("txt", lambda t: t),
    "md": ("md", convert.to_markdown),
    "docx": ("docx", convert.to_docx_bytes),
    "html": ("html", convert.to_html),
    "cells": ("txt", one_cell_per_line),
    "spaces": ("txt", space_separated),
    "html-merged": ("html", to_merged_html),
    "docx-merged": ("docx", to_merged_docx_bytes),
}


def write_kind(text: str, kind: str, folder: Path, stem: str = "report") -> Path:
    """Write ``text`` (a tab-separated plain-text report) as ``kind``; return the file's path."""
    ext, render = KINDS[kind]
    path = Path(folder) / f"{stem}-{kind}.{ext}"
    data = render(text)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path
