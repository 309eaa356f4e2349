"""Read a .md report: ``#`` headings, pipe tables, paragraphs; the line of a block is the file's own line."""

from __future__ import annotations

import re

from typing import Optional

from checker.model import Block, Document
from checker.readers.bounds import Bounds, require_text
from checker.readers.comments import directive_text
from checker.readers.encoding import decode_report_bytes, split_lines
from checker.readers.plaintext import paragraph_block, table_block

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BULLET = re.compile(r"^(\s*(?:[-*+]|>)\s+)")


def split_pipes(raw: str):
    """Yield (offset, text) for each cell of a pipe-table row; escaped pipes stay in the cell."""
    body_start = raw.index("|") + 1 if raw.lstrip().startswith("|") else 0
    end = len(raw.rstrip())
    if raw.rstrip().endswith("|") and end - 1 >= body_start:
        end -= 1
    off = body_start
    for part in re.split(r"(?<!\\)\|", raw[body_start:end]):
        lead = len(part) - len(part.lstrip())
        yield off + lead, part.replace("\\|", "|")
        off += len(part) + 1


def read_md(path: str, data: bytes) -> Document:
    text = decode_report_bytes(data, path)
    bounds = Bounds(path)
    bounds.add_chars(len(text))
    return require_text(markdown_document(path, split_lines(text), bounds=bounds))


def markdown_document(path: str, lines: list[str], source_kind: str = "md",
                      bounds: Optional[Bounds] = None) -> Document:
    """The Document of Markdown text already split into lines (a .md file, or Markdown saved as .txt,
    which checker.layout recognises by its content); block lines are the lines' own numbers. Blocks are
    counted against ``bounds``, when given, before each is built."""
    bounds = bounds if bounds is not None else Bounds(path)

    def table() -> None:
        bounds.add_blocks()
        bounds.table(len(table_rows), max(raw.count("|") for _, raw in table_rows) + 1)
        blocks.append(table_block(table_rows, split_pipes))

    blocks: list[Block] = []
    table_rows: list[tuple[int, str]] = []
    in_comment = False
    comment: list[str] = []  # the comment being read, from the line it starts on
    comment_line = 0
    directives: list[tuple[int, str]] = []
    for i, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if in_comment or stripped.startswith("<!--"):
            # HTML comments carry suppressions, never report text.
            if not in_comment:
                comment, comment_line = [], i
            comment.append(stripped)
            in_comment = "-->" not in stripped
            if not in_comment:
                body = " ".join(comment)[4:].split("-->", 1)[0]
                directive = directive_text(body)
                if directive is not None:
                    directives.append((comment_line, directive))
                elif comment_line == i and stripped.split("-->", 1)[1].strip():
                    # Text after the comment on its line shows on the page (CommonMark renders the line
                    # raw): `<!--[if !supportLists]-->（一）主动公开` is a heading behind Word debris, and
                    # both are report text, as in a .txt.
                    block = paragraph_block(raw, i, 0)
                    if block:
                        bounds.add_blocks()
                        blocks.append(block)
            continue
        if stripped.startswith("|"):
            if not _TABLE_RULE.match(stripped):
                table_rows.append((i, raw))
            continue
        if table_rows:
            table()
            table_rows = []
        m = _HEADING.match(raw)
        if m:
            text = m.group(2).strip()
            if text:
                bounds.add_blocks()
                blocks.append(Block(kind="heading", text=text, line=i, col=m.start(2) + 1,
                                    markup_level=len(m.group(1))))
            continue
        bullet = _BULLET.match(raw)
        offset = len(bullet.group(1)) if bullet else 0
        block = paragraph_block(raw[offset:], i, offset)
        if block:
            bounds.add_blocks()
            blocks.append(block)
    if table_rows:
        table()
    return Document(path=path, source_kind=source_kind, blocks=blocks, lines=lines, directives=directives)
