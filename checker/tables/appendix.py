"""Read the 附表 of a 2007-era report (reports for 2008–2018) into a StatTable: one count per indicator.

Before 2019 there was no national table (domain.md §1.1, §3.3): each province or city printed its own
统计表, a list of indicators ("（一）收到申请数 | 件 | 31", "其中：1.当面申请数 | 件 | 9") in one column of
counts. The indicators and their labels are data (checker/formats/tables.py, APPENDIX_INDICATORS);
this module finds the table in a report and reads each row against them:

* a row is its label, an optional unit ("件", or "（件）" in the label) and one value; a 序号 or code
  left of the label is not a value, and the blank cells a merged unit leaves beside a value are layout;
* labels that several totals share ("被依法纠错数" under 行政复议, 行政诉讼 and 举报投诉) are read as a
  part of the total above them: the parser keeps the chain of totals it is inside;
* a row the family does not know is kept as a local row (never guessed), and the total it is a part of
  (judged by its numbering: a sibling of the row of the same style) is marked, so that the sum of the
  known parts is not compared with a total that has other parts too.

A grid is a 附表 when three of its labels are indicators; table text without a grid (a web page
copied as text) is a run of short lines, at least three of them indicators.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from msgspec import Struct, field

from checker.formats.tables import (APPENDIX_2007, APPENDIX_COLUMN, APPENDIX_GROUPS, APPENDIX_HEADERS, APPENDIX_INDEX,
                                    APPENDIX_INDICATORS, APPENDIX_UNITS, IndicatorSpec, indicator_key)
from checker.formats.labels import normalize_label
from checker.lazy import regex
from checker.model import Block, Document
from checker.tables.model import ExtraRow, StatTable, TableCell, UnreadableRow, parse_cell
from checker.tables.tokens import Token, tokens_from_grid, tokens_from_text

_MIN_INDICATORS = 3  # labels that make a grid or a run of lines a 附表

_BY_KEY: dict[str, list[IndicatorSpec]] = {}
for _spec in APPENDIX_INDICATORS:
    for _form in (_spec.label, *_spec.synonyms):
        _found = _BY_KEY.setdefault(indicator_key(_form), [])
        if _spec not in _found:
            _found.append(_spec)
_GROUPS = {indicator_key(g) for g in APPENDIX_GROUPS}
_HEADERS = {indicator_key(h) for h in APPENDIX_HEADERS}
_UNITS = set(APPENDIX_UNITS)
_UNIT_ALT = "|".join(sorted(APPENDIX_UNITS, key=len, reverse=True))
_NUMBER_WITH_UNIT = regex(rf"^(?P<n>[+\-]?\d[\d,]*(?:\.\d+)?)\s*(?P<unit>{_UNIT_ALT})$")
# "收到申请数：31件", "收到申请数31件": a label and its value in one piece of text.
_LABEL_VALUE = regex(rf"^(?P<label>.*?[^\d\s.,:：])[:：]?\s*(?P<value>\d[\d,]*(?:\.\d+)?(?:{_UNIT_ALT})?)$")
_STYLES = (
    ("一、", regex(r"^[一二三四五六七八九十]+[、.．]")),
    ("（一）", regex(r"^[（(][一二三四五六七八九十]+[）)]")),
    ("1.", regex(r"^\d{1,2}[.．、]")),
    ("（1）", regex(r"^[（(]\d{1,2}[）)]")),
    ("①", regex(r"^[①-⑳]")),
)


@lru_cache(maxsize=1 << 14)  # the same labels and values recur in every row and report
def classify(text: str) -> tuple[str, tuple[IndicatorSpec, ...]]:
    """("indicator", its candidates) | ("group", ()) | ("header", ()) | ("unit", ()) | ("other", ())."""
    stripped = text.strip()
    if stripped in _UNITS or normalize_label(stripped).strip("（）") in _UNITS:
        return "unit", ()
    key = indicator_key(stripped)
    if key in _BY_KEY:
        return "indicator", tuple(_BY_KEY[key])
    if key in _GROUPS:
        return "group", ()
    if key in _HEADERS:
        return "header", ()
    return "other", ()


@lru_cache(maxsize=1 << 14)
def _style(label: str) -> str:
    """The numbering style of a label ("（一）", "1." …), "其中" for a bare 其中, "" for none."""
    t = normalize_label(label)
    child = bool(re.match(r"^其中", t))
    t = re.sub(r"^其中[：:，]?", "", t)
    for style, pattern in _STYLES:
        if pattern.match(t):
            return style
    return "其中" if child else ""


class _Reading(Struct):
    """The 附表 row being read: its label token, the values that follow it and the unit printed with it."""

    label: Token
    values: list[Token] = field(default_factory=list)
    unit: str = ""


def _split_label_value(tok: Token) -> list[Token]:
    """"收到申请数：31件" → the label and the value, each a token at its place."""
    m = None if tok.is_value else _LABEL_VALUE.match(tok.text.strip())
    if not m or classify(m.group("label"))[0] not in ("indicator", "other"):
        return [tok]
    lead = len(tok.text) - len(tok.text.lstrip())
    return [Token.of(m.group("label"), tok.line, tok.col, tok.row, tok.in_grid),
            Token.of(m.group("value"), tok.line, tok.col + lead + m.start("value"), tok.row, tok.in_grid)]


def _readings(tokens: list[Token]) -> list[_Reading]:
    """The rows of the table: each physical row (grid row, line of text) with a label starts one; a row
    with values only (text copied one cell per line) gives them to the row above that has none yet."""
    rows: dict[int, list[Token]] = {}
    for tok in tokens:
        for piece in _split_label_value(tok):
            rows.setdefault(piece.row, []).append(piece)
    out: list[_Reading] = []
    for cells in rows.values():
        kinds = [("value" if t.is_value and classify(t.text)[0] != "unit" else classify(t.text)[0]) for t in cells]
        labels = [i for i, k in enumerate(kinds) if k in ("indicator", "group", "other") and cells[i].text.strip()]
        units = [cells[i].text.strip().strip("（）()") for i, k in enumerate(kinds) if k == "unit"]
        if labels:
            chosen = next((i for i in reversed(labels) if kinds[i] == "indicator"), None)
            if chosen is None:
                chosen = next((i for i in reversed(labels) if kinds[i] == "group"), labels[0])
            reading = _Reading(cells[chosen], unit=units[0] if units else "")
            reading.values = [t for t, k in zip(cells[chosen + 1:], kinds[chosen + 1:]) if k == "value"]
            out.append(reading)
        elif out and not out[-1].values:
            out[-1].values = [t for t, k in zip(cells, kinds) if k == "value"]
            out[-1].unit = out[-1].unit or (units[0] if units else "")
    return out


def _cell(tok: Token) -> TableCell:
    m = _NUMBER_WITH_UNIT.match(tok.text.strip())
    if m:
        cell = parse_cell(m.group("n"), tok.line, tok.col)
        cell.raw, cell.unit = tok.text, m.group("unit")
        return cell
    return parse_cell(tok.text, tok.line, tok.col)


def _resolve(candidates: tuple[IndicatorSpec, ...], chain: list[tuple[Optional[str], str]]) -> Optional[IndicatorSpec]:
    """The indicator a label is here: a part of the innermost total it stands under, else a top-level
    indicator, else the only one the label can be."""
    for key, _ in reversed(chain):
        for spec in candidates:
            if key and spec.parent == key:
                return spec
    for spec in candidates:
        if not spec.parent:
            return spec
    return candidates[0] if len(candidates) == 1 else None


def _chain_of(spec: IndicatorSpec, style: str, chain: list[tuple[Optional[str], str]]) -> list[tuple[Optional[str], str]]:
    """The totals ``spec`` stands under (their printed styles as read), then ``spec`` itself."""
    styles = {key: st for key, st in chain if key}
    ancestors: list[str] = []
    parent = spec.parent
    while parent:
        ancestors.insert(0, parent)
        parent = APPENDIX_INDEX[parent].parent
    chained: list[tuple[Optional[str], str]] = [(key, styles.get(key, "")) for key in ancestors]
    return chained + [(spec.key, style)]


def _unknown_row(table: StatTable, style: str, chain: list[tuple[Optional[str], str]], has_values: bool
                 ) -> list[tuple[Optional[str], str]]:
    """A row the family does not know: by its numbering, a sibling of the row of the same style in the
    chain (its parent is the total above that one) or, with no such row, a part of the innermost one.
    That total has a part the sum of known parts misses. Returns the chain the next row is read in."""
    level = next((i for i in range(len(chain) - 1, -1, -1) if chain[i][1] == style), None)
    parent_at = (level - 1) if level is not None else len(chain) - 1
    if has_values and parent_at >= 0:
        key = chain[parent_at][0]
        if key:
            table.unknown_parts_of.add(key)
    return chain[: parent_at + 1] + [(None, style)]


def parse_appendix(tokens: list[Token]) -> Optional[StatTable]:
    """The 附表 read from ``tokens``; None when no indicator of it is there."""
    if not tokens:
        return None
    lines = [t.line for t in tokens]
    table = StatTable(spec=APPENDIX_2007, line=min(lines), end_line=max(lines))
    chain: list[tuple[Optional[str], str]] = []
    for reading in _readings(tokens):
        label = reading.label.text.strip()
        kind, candidates = classify(label)
        style = _style(label)
        if kind == "group" or (kind == "other" and not reading.values and style == "一、"):
            chain = []  # "三、依申请公开情况": a new group of indicators
            continue
        spec = _resolve(candidates, chain) if kind == "indicator" else None
        if spec is None or spec.key in table.row_lines:
            if reading.values:
                table.extra_rows.append(ExtraRow(label, reading.label.line, reading.label.col,
                                                 [_cell(v) for v in reading.values]))
            chain = _unknown_row(table, style, chain, bool(reading.values))
            continue
        chain = _chain_of(spec, style, chain)
        values = reading.values
        if len(values) > 1:
            values = [v for v in values if v.text.strip()]  # blank cells a merged unit left beside the value
        if not values:
            continue  # a label without a count: not filled in, or a heading row of the form
        if len(values) > 1:
            table.unreadable.append(UnreadableRow(spec.key, label, reading.label.line, reading.label.col, "count",
                                                  len(values), 1))
            continue
        table.row_lines[spec.key] = (reading.label.line, reading.label.col)
        cell = _cell(values[0])
        table.cells[(spec.key, APPENDIX_COLUMN)] = cell
        unit = reading.unit or cell.unit or _unit_in_label(label)
        if unit:
            table.units[spec.key] = unit
    if not table.row_lines and not table.unreadable:
        return None
    return table


def _unit_in_label(label: str) -> str:
    m = re.search(rf"[（(](?:单位[:：])?({_UNIT_ALT})[）)]$", normalize_label(label))
    return m.group(1) if m else ""


def _indicator_count(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if not t.is_value and classify(t.text)[0] == "indicator")


def _fits_table_text(block: Block) -> bool:
    """A short line that can be a row of table text: no sentence, a label with values, values, a unit."""
    text = block.text.strip()
    return bool(text) and len(text) <= 80 and "。" not in text and "；" not in text


def find_appendix(doc: Document, first_row: int = 0) -> Optional[StatTable]:
    """The 附表 of a 2007-era report: its grids (a table split by a page break is read as one), else its
    table text; None when the report has none."""
    tokens: list[Token] = []
    row_id = first_row
    for block in doc.blocks:
        if not block.is_table:
            continue
        grid = tokens_from_grid(block.rows, row_id)
        row_id += len(block.rows)
        if _indicator_count(grid) >= _MIN_INDICATORS:
            tokens.extend(grid)
    if not tokens:
        tokens = _text_run_tokens(doc, row_id)
    return parse_appendix(tokens)


def _text_run_tokens(doc: Document, first_row: int) -> list[Token]:
    """The tokens of the longest run of short lines with at least three indicators in it."""
    best: list[Token] = []
    run: list[Token] = []
    row_id = first_row
    blocks: list[Optional[Block]] = [*doc.blocks, None]  # None ends the last run
    for block in blocks:
        if block is not None and not block.is_table and _fits_table_text(block):
            line_tokens = tokens_from_text(block.text, block.line, block.col, row_id)
            row_id += 1
            run.extend(line_tokens)
            continue
        if _indicator_count(run) >= _MIN_INDICATORS and _indicator_count(run) > _indicator_count(best):
            best = run
        run = []
    return best
