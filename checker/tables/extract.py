"""Find the official tables of a report, in whatever input kind, and read them into StatTables.

Grids (Word, HTML, Markdown, tab-separated text) are assigned to a table by the labels they carry,
so a table split in two by a page break is read as one. Table text with no grid (one cell per line,
cells separated by spaces) is read from the paragraphs of the part the table belongs to.
"""

from __future__ import annotations

from typing import Optional

from msgspec import Struct, field

from checker.facts.outline import Outline
from checker.facts.sections import AssignedHeading
from checker.formats.labels import normalize_label
from checker.memo import kept_when_short
from checker.model import Block, Document
from checker.tables.parse import matcher_for, parse_table
from checker.tables.tokens import Token, tokens_from_grid, tokens_from_text
from checker.tables.model import StatTable
from checker.formats.tables import APPENDIX_TABLE, ERA_MARKERS, SPECS, TABLE_IDS, spec_for

_PART_OF_TABLE = {"二": 2, "三": 3, "四": 4}


class TableSet(Struct):
    """The tables found in one report, and the era each one's layout belongs to."""

    tables: dict[str, StatTable] = field(default_factory=dict)
    layout_era: dict[str, str] = field(default_factory=dict)
    marker_lines: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)  # era → (label, line, col)

    def get(self, table: str) -> Optional[StatTable]:
        return self.tables.get(table)


_NORMALIZED_MARKERS = {era: tuple(normalize_label(m) for m in markers) for era, markers in ERA_MARKERS.items()}


_ERAS = ("2019", "2021")
_GRID_SPECS = tuple((table, spec_for(table, era)) for table in TABLE_IDS for era in _ERAS)
_LABEL_KINDS = ("row", "variant", "header")
# What is worked out per label text is kept (table text repeats across grids and reports), within the
# bounds of checker/memo.py: a hostile file's megabyte cell is worked out, never kept after its report.
_MAX_CACHED = 1 << 16
_MAX_CACHED_TEXT = 200


@kept_when_short(_MAX_CACHED, _MAX_CACHED_TEXT)
def _label_hits(text: str) -> tuple[bool, ...]:
    """For each spec of _GRID_SPECS, whether ``text`` is one of its row, variant or header labels (a grid
    is scored against six specs)."""
    return tuple(matcher_for(spec).classify(text)[0] in _LABEL_KINDS for _, spec in _GRID_SPECS)


def _scores(tokens: list[Token]) -> dict[str, int]:
    """Each table's score: the most labels of one of its specs (2019 or 2021) among the tokens."""
    per_spec = [sum(column) for column in zip(*(_label_hits(t.text) for t in tokens if not t.is_value))]
    if not per_spec:
        per_spec = [0] * len(_GRID_SPECS)
    scores: dict[str, int] = {}
    for (table, _), score in zip(_GRID_SPECS, per_spec):
        scores[table] = max(scores.get(table, score), score)
    return scores


def _classify_grid(tokens: list[Token], previous: Optional[str] = None) -> Optional[str]:
    """Which table (二, 三, 四) a grid belongs to, by the labels it carries; None for other tables.

    One label is too little to claim a grid, except for the table the part's previous grid began:
    the tail of a table split by a page break may be a single row ("四、结转下年度继续办理").
    """
    scores = _scores(tokens)
    best = max(TABLE_IDS, key=lambda t: scores[t])
    if scores[best] > 1:
        return best
    if previous and scores[previous] == 1 and scores[best] == 1:
        return previous
    return None


def _is_header_label(text: str, table: str) -> bool:
    """Whether ``text`` is a header label of ``table`` in either era."""
    return table in _header_of(text)


@kept_when_short(_MAX_CACHED, _MAX_CACHED_TEXT)
def _header_of(text: str) -> frozenset[str]:
    """The tables of which ``text`` is a header label in either era."""
    return frozenset(table for table in TABLE_IDS if any(
        matcher_for(spec_for(table, era)).classify(text)[0] == "header" for era in _ERAS if (table, era) in SPECS))


def _without_header_blanks(tokens: list[Token], table: str) -> list[Token]:
    """The grid's tokens without the blank cells of its header rows.

    A header row (column labels only: "行政复议 | | | | | 行政诉讼 | …", the sub-table header
    "未经复议直接起诉 | | | | | 复议后起诉") has blank cells where a label spans several columns or a
    merged cell continues from the row above. A blank grid cell is a value (a count left unfilled), so
    such a row would be read as a data row with a few blank values; it is layout, not data.
    """
    has_label: set[int] = set()
    not_header: set[int] = set()
    for t in tokens:
        row = t.row
        if row in not_header:
            continue  # decided by an earlier cell: most rows are data rows from their first values on
        if t.is_value:
            if t.text.strip():  # a filled value: a data row (a blank one says nothing)
                not_header.add(row)
            continue
        if not t.text.strip():
            continue  # a blank label (none comes from a grid, where a blank cell is a value)
        has_label.add(row)
        if not _is_header_label(t.text, table):
            not_header.add(row)
    header_rows = has_label - not_header
    if not header_rows:
        return tokens
    return [t for t in tokens if t.row not in header_rows or t.text.strip()]


@kept_when_short(_MAX_CACHED, _MAX_CACHED_TEXT)
def _marker_hits(text: str) -> tuple[tuple[str, int], ...]:
    """For each era, how many of its markers the label ``text`` holds."""
    label = normalize_label(text)
    return tuple((era, sum(1 for m in markers if m in label)) for era, markers in _NORMALIZED_MARKERS.items())


def _layout_era(tokens: list[Token], default: str) -> str:
    """2019 or 2021 by the labels only one of the formats uses; the report's era when neither shows."""
    hits = dict.fromkeys(_NORMALIZED_MARKERS, 0)
    for t in tokens:
        if not t.is_value:
            for era, n in _marker_hits(t.text):
                hits[era] += n
    if hits["2019"] > hits["2021"]:
        return "2019"
    if hits["2021"] > hits["2019"]:
        return "2021"
    return default


def _marker_lines(tokens: list[Token], into: dict[str, list[tuple[str, int, int]]]) -> None:
    """Add to ``into`` the place of each label holding an era's marker, per era in the order of tokens."""
    marked = [(t, _marker_hits(t.text)) for t in tokens if not t.is_value]
    for k, era in enumerate(_NORMALIZED_MARKERS):
        for t, hits in marked:
            if hits[k][1]:
                into.setdefault(era, []).append((t.text.strip(), t.line, t.col))


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
            _marker_lines(tokens, result.marker_lines)
    return result
