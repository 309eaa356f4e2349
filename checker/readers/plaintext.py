"""Read a .txt report: every non-blank line is a paragraph on its own line; tab-separated runs are tables."""

from __future__ import annotations

from typing import Callable, Iterable, Optional

from checker.model import Block, Cell, Document
from checker.readers.bounds import Bounds, require_text
from checker.readers.comments import directive_line
from checker.readers.encoding import decode_report_bytes, split_lines

_SPACES = " \t\u3000\u00a0"


def is_tab_row(line: str) -> bool:
    """A line with at least two tab-separated non-empty cells is a table row (web tables copied as text)."""
    first, tab, rest = line.partition("\t")
    if not tab:
        return False
    if first.strip():  # the usual row: a label, then its values; any non-space after the tab is a second cell
        return bool(rest.strip())
    return sum(1 for p in rest.split("\t") if p.strip()) >= 2


def tab_rows(lines: list[str]) -> list[bool]:
    """Which lines are table rows: every line of two non-empty tab-separated cells, and a line with a tab
    whose cells are blank or single ("行政许可\t", "\t\t\t") standing between two such rows, so that a row
    left unfilled stays in its table. At the edge of a table such a line may as well be a heading with a
    stray tab; checker.layout decides those by the official row labels."""
    strong = ["\t" in line and is_tab_row(line) for line in lines]  # most lines have no tab: no call
    rows = list(strong)
    i = 0
    while i < len(lines):
        if strong[i] or "\t" not in lines[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and "\t" in lines[j] and not strong[j]:
            j += 1
        if i > 0 and strong[i - 1] and j < len(lines) and strong[j]:
            for k in range(i, j):
                rows[k] = True
        i = j
    return rows


def paragraph_block(raw: str, line_no: int, offset: int = 0) -> Block | None:
    """A paragraph block for ``raw`` with its leading white space skipped and the column kept."""
    stripped = raw.lstrip(_SPACES)
    if not stripped.strip(_SPACES):
        return None
    col = offset + len(raw) - len(stripped) + 1
    return Block(kind="paragraph", text=stripped.rstrip(_SPACES), line=line_no, col=col)


def table_block(rows: list[tuple[int, str]], split: Callable[[str], Iterable[tuple[int, str]]]) -> Block:
    """A table block from (line number, raw line) pairs; ``split`` yields (column offset, text) cells."""
    grid: list[list[Cell]] = []
    for r, (line_no, raw) in enumerate(rows):
        # Positional arguments: a table has hundreds of cells, and keywords cost more per call.
        grid.append([Cell(text.strip(_SPACES), line_no, off + 1, r, c) for c, (off, text) in enumerate(split(raw))])
    return Block(kind="table", text=rows[0][1].strip(), line=rows[0][0], rows=grid)


def tab_table_block(rows: list[tuple[int, str]]) -> Block:
    """``table_block(rows, split_tabs)``, each cell split and stripped in one pass (a report has hundreds)."""
    grid: list[list[Cell]] = []
    for r, (line_no, raw) in enumerate(rows):
        cells: list[Cell] = []
        off = 0
        for c, part in enumerate(raw.split("\t")):
            text = part.lstrip(_SPACES)
            cells.append(Cell(text.rstrip(_SPACES), line_no, off + len(part) - len(text) + 1, r, c))
            off += len(part) + 1
        grid.append(cells)
    return Block(kind="table", text=rows[0][1].strip(), line=rows[0][0], rows=grid)


def split_tabs(raw: str) -> list[tuple[int, str]]:
    """The (column offset of the first non-space character, text) of each tab-separated cell of ``raw``."""
    cells: list[tuple[int, str]] = []
    off = 0
    for part in raw.split("\t"):
        cells.append((off + len(part) - len(part.lstrip(_SPACES)), part))
        off += len(part) + 1
    return cells


def text_blocks(lines: list[str], rows: list[bool] | None = None,
                bounds: Optional[Bounds] = None) -> tuple[list[Block], list[tuple[int, str]]]:
    """The blocks and directives of plain-text ``lines`` (line 1 first): paragraphs, and tables from the
    runs of lines marked in ``rows`` (by default ``tab_rows(lines)``); counted against ``bounds``, when
    given, before each block is built."""
    rows = tab_rows(lines) if rows is None else rows
    blocks: list[Block] = []
    pending: list[tuple[int, str]] = []
    directives: list[tuple[int, str]] = []

    def table() -> None:
        if bounds is not None:
            bounds.add_blocks()
            bounds.table(len(pending), max(raw.count("\t") for _, raw in pending) + 1)
        blocks.append(tab_table_block(pending))

    for i, raw in enumerate(lines, start=1):
        if rows[i - 1]:
            pending.append((i, raw))
            continue
        if pending:
            table()
            pending = []
        directive = directive_line(raw)
        if directive is not None:  # a suppression comment, never report text
            directives.append((i, directive))
            continue
        block = paragraph_block(raw, i)
        if block:
            if bounds is not None:
                bounds.add_blocks()
            blocks.append(block)
    if pending:
        table()
    return blocks, directives


def read_txt(path: str, data: bytes) -> Document:
    text = decode_report_bytes(data, path)
    bounds = Bounds(path)
    bounds.add_chars(len(text))
    lines = split_lines(text)
    blocks, directives = text_blocks(lines, bounds=bounds)
    return require_text(Document(path=path, source_kind="txt", blocks=blocks, lines=lines, directives=directives))
