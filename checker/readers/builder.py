"""Build a Document from structured content (Word, HTML) by laying it out as a plain-text rendition."""

from __future__ import annotations

from typing import Optional

from checker.model import Block, Document, render_table_rows


class RenditionBuilder:
    """Collects paragraphs and tables in reading order; each gets the next line(s) of the rendition.

    Word and HTML have no lines of their own, so the rendition *is* the line space findings point
    into; ``ogi-check render FILE`` prints it so an editor can look a finding up.
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.lines: list[str] = []

    def add_paragraph(self, text: str, markup_level: Optional[int] = None) -> None:
        # A paragraph is one line: inner line breaks (Word soft returns, <br>) become spaces
        # so that a heading or sentence is never split across two findings' lines.
        flat = " ".join(text.replace("\u3000", " ").split()) if "\n" in text else text.strip()
        if not flat.strip():
            return
        self.lines.append(flat)
        kind = "heading" if markup_level else "paragraph"
        self.blocks.append(Block(kind=kind, text=flat, line=len(self.lines), markup_level=markup_level))

    def add_table(self, rows: list[list[str]]) -> None:
        rows = [r for r in rows if any(t.strip() for t in r)]
        if not rows:
            return
        first = len(self.lines) + 1
        lines, cells = render_table_rows(rows, first)
        self.lines.extend(lines)
        self.blocks.append(Block(kind="table", text=lines[0], line=first, rows=cells))

    def build(self, path: str, source_kind: str) -> Document:
        return Document(path=path, source_kind=source_kind, blocks=self.blocks, lines=self.lines)
