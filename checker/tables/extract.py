"""Find the official tables of a report, in whatever input kind, and read them into StatTables.

Grids (Word, HTML, Markdown, tab-separated text) are assigned to a table by the labels they carry,
so a table split in two by a page break is read as one. Table text with no grid (one cell per line,
cells separated by spaces) is read from the paragraphs of the part the table belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from checker.facts.outline import Outline
from checker.facts.sections import AssignedHeading
from checker.formats.labels import normalize_label
from checker.model import Block, Document
from checker.tables.parse import matcher_for, parse_table
from checker.tables.tokens import Token, tokens_from_grid, tokens_from_text
from checker.tables.model import StatTable
from checker.formats.tables import APPENDIX_TABLE, ERA_MARKERS, SPECS, TABLE_IDS, TableSpec, spec_for

_PART_OF_TABLE = {"二": 2, "三": 3, "四": 4}


@dataclass
class TableSet:
    """The tables found in one report, and the era each one's layout belongs to."""

    tables: dict[str, StatTable] = field(default_factory=dict)
    layout_era: dict[str, str] = field(default_factory=dict)
    marker_lines: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)  # era → (label, line, col)

    def get(self, table: str) -> Optional[StatTable]:
        return self.tables.get(table)


_NORMALIZED_MARKERS = {era: tuple(normalize_label(m) for m in markers) for era, markers in ERA_MARKERS.items()}


def _label_score(tokens: list[Token], spec: TableSpec) -> int:
    matcher = matcher_for(spec)
    return sum(1 for t in tokens if not t.is_value and matcher.classify(t.text)[0] in ("row", "variant", "header"))


def _classify_grid(tokens: list[Token], previous: Optional[str] = None) -> Optional[str]:
    """Which table (二, 三, 四) a grid belongs to, by the labels it carries; None for other tables.

    One label is too little to claim a grid, except for the table the part's previous grid began:
    the tail of a table split by a page break may be a single row ("四、结转下年度继续办理").
    """
    scores = {table: max(_label_score(tokens, spec_for(table, era)) for era in ("2019", "2021"))
              for table in TABLE_IDS}
    best = max(TABLE_IDS, key=lambda t: scores[t])
    if scores[best] > 1:
        return best
    if previous and scores[previous] == 1 and scores[best] == 1:
        return previous
    return None


def _without_header_blanks(tokens: list[Token], table: str) -> list[Token]:
    """The grid's tokens without the blank cells of its header rows.

    A header row (column labels only: "行政复议 | | | | | 行政诉讼 | …", the sub-table header
    "未经复议直接起诉 | | | | | 复议后起诉") has blank cells where a label spans several columns or a
    merged cell continues from the row above. A blank grid cell is a value (a count left unfilled), so
    such a row would be read as a data row with a few blank values; it is layout, not data.
    """
    matchers = [matcher_for(spec_for(table, era)) for era in ("2019", "2021") if (table, era) in SPECS]
    rows: dict[int, list[Token]] = {}
    for t in tokens:
        rows.setdefault(t.row, []).append(t)
    header_rows = set()
    for row, cells in rows.items():
        labels = [t for t in cells if t.text.strip()]
        if labels and all(not t.is_value and any(m.classify(t.text)[0] == "header" for m in matchers)
                          for t in labels):
            header_rows.add(row)
    return [t for t in tokens if t.row not in header_rows or t.text.strip()]


def _layout_era(tokens: list[Token], default: str) -> str:
    """2019 or 2021 by the labels only one of the formats uses; the report's era when neither shows."""
    texts = [normalize_label(t.text) for t in tokens if not t.is_value]
    hits = {era: sum(1 for t in texts for m in markers if m in t) for era, markers in _NORMALIZED_MARKERS.items()}
    if hits["2019"] > hits["2021"]:
        return "2019"
    if hits["2021"] > hits["2019"]:
        return "2021"
    return default


def _section_paragraphs(outline: Outline, sections: tuple[AssignedHeading, ...]) -> dict[int, list[Block]]:
    """Paragraphs under the headings of parts 二, 三 and 四 (for table text without a grid).

    A top-level "heading" that is none of the six parts stays in the part above it: table text
    copied as lines can start with "三、本年度办理结果 …", which the outline takes for a heading.
    """
    spec_of = {id(a.heading.block): a.spec for a in sections}
    parts: dict[int, list[Block]] = {}
    number = None
    for section in outline.sections:
        spec = spec_of.get(id(section.heading.block))
        if spec is not None:
            number = spec.number
            blocks = section.body_blocks()
        else:
            blocks = section.blocks  # the would-be heading is table text too
        if number in (2, 3, 4):
            parts.setdefault(number, []).extend(b for b in blocks if not b.is_table)
    return parts


def _text_tokens(blocks: list[Block], first_row: int) -> list[Token]:
    tokens: list[Token] = []
    for i, block in enumerate(blocks):
        if len(block.text) > 80 and "。" in block.text:
            continue  # prose around the table
        tokens.extend(tokens_from_text(block.text, block.line, block.col, first_row + i))
    return tokens


def find_tables(doc: Document, outline: Outline, sections: tuple[AssignedHeading, ...],
                era: Optional[str]) -> TableSet:
    """The official tables of ``doc`` (reports of the 2019 and 2021 formats), or the 附表 of a report
    of the 2007 era (checker/tables/appendix.py)."""
    result = TableSet()
    if era == "2007":
        from checker.tables.appendix import find_appendix  # imported here: only reports of the 2007 era have one

        appendix = find_appendix(doc)
        if appendix is not None:
            result.tables[APPENDIX_TABLE] = appendix
            result.layout_era[APPENDIX_TABLE] = "2007"
        return result
    if era not in ("2019", "2021"):
        return result
    streams: dict[str, list[Token]] = {t: [] for t in TABLE_IDS}
    top_headings = {id(h.block) for h in outline.at_level(1)}
    row_id, previous = 0, None
    for block in doc.blocks:
        if id(block) in top_headings:
            previous = None  # a split table continues within its part, never across parts
        if not block.is_table:
            continue
        tokens = tokens_from_grid(block.rows, row_id)
        row_id += len(block.rows)
        table = _classify_grid(tokens, previous)
        if table:
            streams[table].extend(_without_header_blanks(tokens, table))
            previous = table
    paragraphs = _section_paragraphs(outline, sections)
    for table, part in _PART_OF_TABLE.items():
        if not streams[table] and part in paragraphs:
            tokens = _text_tokens(paragraphs[part], row_id)
            row_id += len(paragraphs[part])
            if _classify_grid(tokens) == table:
                streams[table] = tokens
    for table, tokens in streams.items():
        if not tokens:
            continue
        layout = _layout_era(tokens, era)
        parsed = parse_table(spec_for(table, layout), tokens)
        if parsed is not None:
            result.tables[table] = parsed
            result.layout_era[table] = layout
            labels = [(t, normalize_label(t.text)) for t in tokens if not t.is_value]
            for marker_era, markers in _NORMALIZED_MARKERS.items():
                for t, text in labels:
                    if any(m in text for m in markers):
                        result.marker_lines.setdefault(marker_era, []).append((t.text.strip(), t.line, t.col))
    return result
