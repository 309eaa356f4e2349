"""The recovered rendition: lines made of pieces of the file's own lines, and the Document built on it.

A piece is a run of text at a place in the file (line, offset). A rendition line is pieces joined,
each followed by the separator it needs (nothing between the halves of a wrapped Chinese sentence,
a space between a table label and its values); its origins say, for each piece, at which column of
the rendition line it starts and where that is in the file, which is what ``Document.locate`` reads.
"""

from __future__ import annotations

from msgspec import Struct, field

from checker.model import Document, Segment
from checker.readers.plaintext import text_blocks

class Piece(Struct, frozen=True):
    """``text`` stands in the file at line ``line`` (1-based), from offset ``start`` (0-based)."""

    line: int
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class RenditionLine(Struct):
    """One recovered paragraph, heading or table row: pieces, each with the separator put before it."""

    parts: list[tuple[str, Piece]] = field(default_factory=list)

    def add(self, piece: Piece, separator: str = "") -> None:
        if not piece.text:
            return
        if not self.parts:
            separator = ""
        last = self.parts[-1][1] if self.parts else None
        if last is not None and not separator and last.line == piece.line and last.end == piece.start:
            self.parts[-1] = (self.parts[-1][0], Piece(last.line, last.start, last.text + piece.text))
        else:
            self.parts.append((separator, piece))

    def __bool__(self) -> bool:
        return any(p.text.strip() for _, p in self.parts)

    def render(self) -> tuple[str, tuple[Segment, ...]]:
        text = ""
        segments: list[Segment] = []
        for separator, piece in self.parts:
            text += separator
            segments.append(Segment(len(text) + 1, piece.line, piece.start + 1))
            text += piece.text
        return text, tuple(segments)


def stripped(line: int, text: str, start: int = 0, end: int | None = None) -> Piece:
    """The piece of ``text[start:end]`` without the white space around it."""
    end = len(text) if end is None else end
    while start < end and text[start] in " \t\u3000\u00a0":
        start += 1
    while end > start and text[end - 1] in " \t\u3000\u00a0":
        end -= 1
    return Piece(line, start, text[start:end])


def build_document(original: Document, rendition: list[RenditionLine]) -> Document:
    """A new Document on the recovered rendition: its blocks read from the rendition's lines as a .txt
    reader reads a file's, its source the original's lines, its directives those of the original (a
    directive is a line of the file, and a finding is placed on the file's lines)."""
    lines: list[str] = []
    origins: dict[int, tuple[Segment, ...]] = {}
    for row in rendition:
        if not row:
            continue
        text, segments = row.render()
        lines.append(text)
        origins[len(lines)] = segments
    blocks, _ = text_blocks(lines)
    return Document(path=original.path, source_kind=original.source_kind, blocks=blocks, lines=lines,
                    directives=list(original.directives), source_lines=list(original.lines), origins=origins)
