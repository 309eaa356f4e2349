"""Write a plain-text report in the forms whose layout was lost, as reviewers receive them.

The source is a fixture report in the conventions of fixtures/reports/README.md (one paragraph a line,
tab-separated tables). Three forms:

- ``flattened``: the whole report on one physical line, as a web page copied without its line breaks:
  paragraphs and headings run together with nothing between them, table cells and rows separated by a
  space, a merged label written once (as a browser copies it);
- ``hard_wrapped``: text extracted from a PDF: every line cut at ``width`` characters, the title wrapped
  over two lines, a page-number line ``- N -`` every ``page_lines`` lines, tables drawn row by row with
  each label wrapped inside its cell (a label longer than the cell puts its values between its
  fragments, as a PDF's vertical centring does: ``（二）部分公开（区分处理的，只计这一情`` /
  ``2 1 0 0 0 0 3`` / ``形，不计其他情形）``); ``space_dates`` writes ``2024 年 1 月 19 日``;
- ``markdown_txt``: the report written as Markdown (``# title``, ``## 一、…``, ``### （一）…``, pipe
  tables), to be saved as a ``.txt``.
"""

from __future__ import annotations

import functools
import re

from tests.support import convert
from tests.support.textforms import merged_once

_VALUE = re.compile(r"^[+\-]?\d[\d.,]*(?:万元|元)?$|^[-—/]+$")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def _is_value(cell: str) -> bool:
    return bool(_VALUE.match(cell.strip()))


def _table_rows(rows: list[list[str]]) -> list[list[str]]:
    return [row for row in merged_once(rows) if row]


def flattened(text: str, paragraph_sep: str = "", cell_sep: str = " ", row_sep: str = " ") -> str:
    """The whole report on one line: paragraphs joined with ``paragraph_sep`` (nothing), table cells with
    ``cell_sep`` and rows with ``row_sep`` (a space each; nothing for a copy of a page's text content,
    whose digits run together)."""
    out: list[str] = []
    previous_table = False
    for kind, value in convert.parse(text):
        if kind == "table":
            cells = row_sep.join(cell_sep.join(row) for row in _table_rows(value))  # type: ignore[arg-type]
            out.append((row_sep if previous_table else paragraph_sep if out else "") + cells)
            previous_table = True
        else:
            out.append((paragraph_sep if out else "") + str(value))
            previous_table = False
    return "".join(out) + "\n"


def _chunks(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def _wrapped_title(title: str) -> list[str]:
    at = title.find("工作年度报告")
    if at <= 0:
        at = len(title) // 2
    return [title[:at], title[at:]]


def _pdf_table(rows: list[list[str]], cell: int) -> list[str]:
    """A table as PDF text: a row's labels, wrapped inside a cell of ``cell`` characters, then its values;
    a label of two fragments has the values between them, one of three beside the middle one."""
    lines: list[str] = []
    for row in _table_rows(rows):
        labels = " ".join(c for c in row if not _is_value(c))
        values = " ".join(c for c in row if _is_value(c))
        if not labels:
            lines.append(values)
            continue
        parts = _chunks(labels, cell)
        if not values:
            lines.extend(parts)
        elif len(parts) % 2:
            middle = len(parts) // 2
            lines.extend(parts[:middle] + [f"{parts[middle]} {values}"] + parts[middle + 1:])
        else:
            half = len(parts) // 2
            lines.extend(parts[:half] + [values] + parts[half:])
    return lines


def hard_wrapped(text: str, width: int = 36, page_lines: int = 40, cell: int = 18,
                 space_dates: bool = False, indent: str = "") -> str:
    """The report as text extracted from a PDF (see the module docstring); ``indent`` starts each
    paragraph (not the headings), as many PDFs do with two ideographic spaces."""
    body: list[str] = []
    for kind, value in convert.parse(text):
        if kind == "title":
            body.extend(_wrapped_title(str(value)))
        elif kind == "table":
            body.extend(_pdf_table(value, cell))  # type: ignore[arg-type]
        elif kind == "p" and indent:
            body.extend(_chunks(indent + str(value), width))
        else:
            body.extend(_chunks(str(value), width))
    out: list[str] = []
    page = 1
    for i, line in enumerate(body, start=1):
        out.append(line)
        if i % page_lines == 0:
            out.append(f"- {page} -")
            page += 1
    out.append(f"- {page} -")
    result = "\n".join(out) + "\n"
    if space_dates:
        result = _DATE.sub(r"\1 年 \2 月 \3 日", result)
    return result


def markdown_txt(text: str) -> str:
    """The report as Markdown: ``#`` title, ``##``/``###`` headings, pipe tables."""
    return convert.to_markdown(text)


FORMS = {"flattened": flattened, "hard-wrapped": hard_wrapped, "markdown": markdown_txt}


# Other widths and habits of the lost-layout forms, by name (tests/test_layout.py, tests/test_corpus.py).
VARIANTS = {
    "flattened, paragraphs spaced": functools.partial(flattened, paragraph_sep=" "),
    "flattened, rows run together": functools.partial(flattened, row_sep=""),
    "flattened, tab cells": functools.partial(flattened, cell_sep="\t", row_sep="\t"),
    "wrapped at 22": functools.partial(hard_wrapped, width=22, cell=10),
    "wrapped at 48": functools.partial(hard_wrapped, width=48, cell=24, page_lines=30),
    "wrapped, indented": functools.partial(hard_wrapped, indent="\u3000\u3000"),
    "wrapped, spaced dates": functools.partial(hard_wrapped, space_dates=True),
}
