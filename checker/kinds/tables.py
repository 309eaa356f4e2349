"""The rule-specific kinds of the statistical tables (T rules): present, labelled, of the era, their values and
rows, text repeated from last year's report; one class a kind (see ``checker.kinds``)."""

from __future__ import annotations

import os
import re
from typing import Any, Iterator, Optional

from decimal import Decimal

from checker.analysis import AnalysedReport
from checker.facts.sentences import sentences
from checker.findings import Hit
from checker.formats.labels import normalize_label
from checker.formats.tables import TABLE_IDS, spec_for
from checker.kinds._previous import agency_mismatch, year_mismatch
from checker.kinds._tables import short_label, table_specs
from checker.kinds.base import Kind, Listing, first_body_block, hit_at_block
from checker.lazy import Finder, regex
from checker.tables.model import StatTable, TableCell


# Kind ``table-presence``: each official statistical table is there and readable (T001).

# Each table stands in the part of the same number: table 三 in part 三.
_PART = {"二": 2, "三": 3, "四": 4}


class TablePresenceKind(Kind):
    """Every table of ``tables`` (default 二, 三 and 四) was found; the hit points at its part's heading."""

    def __init__(self, params: dict[str, Any]):
        super().__init__(params)
        for i, table in enumerate(params.get("tables", ())):
            table_specs(table, where=f"tables.{i}")

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        found = report.tables
        for table in self.params.get("tables", TABLE_IDS):
            if found.get(table) is None:
                spec = spec_for(table, report.facts.era)
                part = report.part_section(_PART[table])
                anchor = part.heading.block if part else first_body_block(report)
                yield hit_at_block(anchor, args={"table": table, "title": spec.title})


# Kind ``table-labels``: every row and column of the format is there and labelled as the format labels it (T002).

class TableLabelsKind(Kind):
    """Variants: ``misspelt`` (a row label worded otherwise), ``missing-row``, ``missing-column``."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        for table in report.tables.tables.values():
            for variant in table.variants:
                yield Hit(variant.line, variant.col, variant="misspelt", fix=variant.expected,
                          args={"table": table.table, "found": variant.found, "expected": variant.expected})
            for key in table.missing_rows():
                row = table.spec.row(key)
                yield Hit(table.line, 1, variant="missing-row",
                          args={"table": table.table, "expected": row.label})
            if table.headers_seen:
                wanted = {c for r in table.spec.rows if r.key in table.row_lines for c in table.spec.columns_of(r)}
                for column in sorted(wanted, key=list(dict.fromkeys(
                        c for r in table.spec.rows for c in table.spec.columns_of(r))).index):
                    name = column.split("/")[-1] if table.table == "四" else column
                    if normalize_label(name) not in table.headers_seen:
                        yield Hit(table.line, 1, variant="missing-column",
                                  args={"table": table.table, "expected": name})


# Kind ``table-era``: the tables use the layout of the report's era, 2019 trial format or 2021 format (T003).

class TableEraKind(Kind):
    """A table laid out in another era's format; the hit points at the first label only that format has."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        era = report.facts.era
        tables = report.tables
        for table_id, layout in sorted(tables.layout_era.items()):
            if layout == era:
                continue
            markers = tables.marker_lines.get(layout, [])
            label, line, col = markers[0] if markers else ("", tables.tables[table_id].line, 1)
            yield Hit(line, col, args={"table": table_id, "found": label, "layout": layout, "era": era,
                                       "year": report.facts.year})


# Kind ``cell-values``: every cell of the statistical tables holds a valid count or amount (T004).

_EMPTY = ("blank", "dash")  # where 0 is meant


class CellValuesKind(Kind):
    """A cell holds a non-negative integer; decimals only where the format has an amount, a sign only
    in 本年增/减. Variants: ``blank`` (an empty cell) and ``dash`` (a dash) where 0 is meant, ``text``,
    ``unit`` (an amount without its unit), ``decimal``, ``negative``.

    Empty cells have one cause per region, so they are reported once per region: ``blank-table`` /
    ``dash-table`` when every cell of a table is blank (or every one a dash), with the ``count``;
    else ``blank-row`` / ``dash-row`` for a row with two or more, with the ``count`` and the
    ``columns``; a row with one is the cell's own ``blank`` / ``dash``. Each is at the region's first
    such cell, fix "0"."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        for table in report.tables.tables.values():
            yield from self._empty(table)
            for (row_key, column), cell in table.cells.items():
                if cell.kind in _EMPTY:
                    continue
                found = _wrong_value(table, column, cell)
                if found is not None:  # the place's words are built only for a cell reported (rarely)
                    variant, fix = found
                    yield Hit(cell.line, cell.col, variant=variant, args=_where(table, row_key, column, cell),
                              fix=fix)

    def _empty(self, table: StatTable) -> Iterator[Hit]:
        """The blank and dash cells, once per region."""
        cells = list(table.cells.items())
        for kind in _EMPTY:
            empty = [(key, cell) for key, cell in cells if cell.kind == kind]
            if not empty:
                continue
            first = empty[0][1]
            if len(empty) == len(cells) and len(cells) > 1:
                yield Hit(first.line, first.col, variant=f"{kind}-table", fix="0",
                          args={"table": table.table, "count": len(empty), "found": first.raw.strip()})
                continue
            rows: dict[str, list[tuple[str, TableCell]]] = {}
            for (row_key, column), cell in empty:
                rows.setdefault(row_key, []).append((column, cell))
            for row_key, in_row in rows.items():
                column, cell = in_row[0]
                where = _where(table, row_key, column, cell)
                if len(in_row) == 1:
                    yield Hit(cell.line, cell.col, variant=kind, args=where, fix="0")
                    continue
                columns = Listing(_column_label(table, c) for c, _ in in_row)
                yield Hit(cell.line, cell.col, variant=f"{kind}-row", fix="0",
                          args={**where, "count": len(in_row), "columns": columns})


def _wrong_value(table: StatTable, column: str, cell: TableCell) -> Optional[tuple[str, Optional[str]]]:
    """The variant and fix of a filled cell whose value the column cannot hold; None for a valid one."""
    spec = table.spec
    value = cell.value
    if value is None:
        return "text", None
    if column in spec.unit_columns:
        if cell.unit is None and cell.kind in ("integer", "decimal") and value != 0:
            return "unit", None
        return None
    if cell.unit is not None:
        return "text", str(value)
    if isinstance(value, Decimal) and column not in spec.decimal_columns:
        return "decimal", None
    if value < 0 and column not in spec.signed_columns:
        return "negative", None
    return None


def _column_label(table: StatTable, column: str) -> str:
    return column.replace("/", "·") if table.table == "四" else column


def _where(table: StatTable, row_key: str, column: str, cell: TableCell) -> dict[str, str]:
    return {"table": table.table, "row": short_label(table.spec.row(row_key).label),
            "column": _column_label(table, column), "found": cell.raw.strip()}


# Kind ``table-extra-rows``: a table row the format does not have was kept, not checked (T006).

class TableExtraRowsKind(Kind):
    """Each row the reader kept because the official format has no such row (a local variant)."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        for table in report.tables.tables.values():
            for extra in table.extra_rows:
                yield Hit(extra.line, extra.col, args={"table": table.table, "label": extra.label})


# Kind ``table-unreadable-rows``: a table row whose values could not be read (T007).

class TableUnreadableRowsKind(Kind):
    """Each row the reader gave up on; the variant is the reason (``count``, ``ambiguous``, ``no-split``)."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        for table in report.tables.tables.values():
            for row in table.unreadable:
                yield Hit(row.line, row.col, variant=row.reason, args={
                    "table": table.table, "label": short_label(row.label), "found": row.found,
                    "expected": row.expected})


# Kind ``table-reconstructed-rows``: a row of run-together digits was split by the table's identities (T008).

class TableReconstructedRowsKind(Kind):
    """Each row whose values the reader split, with the values it chose, for the author to confirm."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        for table in report.tables.tables.values():
            for key in table.reconstructed:
                line, col = table.row_lines[key]
                row = table.spec.row(key)
                values = "|".join(str(table.cells[(key, c)].value) for c in table.spec.columns_of(row))
                yield Hit(line, col, args={"table": table.table, "label": short_label(row.label), "values": values})


# Kind ``repeated-text``: most of the report's sentences also stand in last year's report (T032, 内容雷同).
#
# 国办公开办函〔2021〕30号 （四）明确责任 names "内容雷同" among the faults of a report; 东莞市统计局
# published its 2008 report again for 2010 with only the year changed (§4.3).

_YEAR = regex(r"(?:(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})\s*年")
_DIGITS = regex(r"[0-9０-９][0-9０-９.．,，%％]*")
_CN_COUNT = regex(r"[〇零一二两三四五六七八九十百千万]+(?=[件项次条个名人篇期份家])")
_SPACE = regex(r"\s+")


def normalise(sentence: str) -> str:
    """A sentence as compared across years: years and figures are placeholders, no white space, no end mark."""
    text = _SPACE.sub("", sentence)
    text = _YEAR.sub("#年", text)
    text = _DIGITS.sub("#", text)
    text = _CN_COUNT.sub("#", text)
    return text.rstrip("。！？!?；;，,")


def _body_sentences(report: AnalysedReport, min_length: int, ignore: list[Finder], skip_preamble: bool):
    """(normalised sentence, line, column) for the prose of the body: sentences, not headings or table text."""
    skipped = {id(b) for b in (report.outline.preamble if skip_preamble else [])}
    title = report.outline.title
    for block in report.document.text_blocks():
        if id(block) in skipped or block is title or not re.search(r"[。！？；!?;]", block.text):
            continue
        for offset, sentence in sentences(block.text, "。！？；!?;"):
            norm = normalise(sentence)
            if len(norm) < min_length or any(f.found_in(sentence) for f in ignore):
                continue
            lead = len(sentence) - len(sentence.lstrip())
            yield norm, block.line, block.col + offset + lead


class RepeatedTextKind(Kind):
    """The share of this report's sentences that also stand in last year's, figures and years aside."""

    def __init__(self, params: dict[str, Any]):
        super().__init__(params)
        # Compiled when there is a previous report to compare with (mostly plain words, found with ``in``).
        self.ignore = [Finder(p) for p in params.get("ignore", [])]

    def compile_now(self) -> None:
        """Compile every regex of the rule: a rule file's are tried when it loads (rules.load_rule_file)."""
        for finder in self.ignore:
            finder.compile_now()

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        prev = report.previous
        if prev is None:
            return
        min_length = self.params.get("min_length", 15)
        skip_preamble = self.params.get("skip_preamble", True)
        ours = list(_body_sentences(report, min_length, self.ignore, skip_preamble))
        if len(ours) < self.params.get("min_sentences", 5):
            return
        theirs = {s for s, _, _ in _body_sentences(prev, min_length, self.ignore, skip_preamble)}
        repeated = [(line, col) for s, line, col in ours if s in theirs]
        share = len(repeated) / len(ours)
        if share < self.params.get("threshold", 0.5):
            return
        line, col = repeated[0]
        args = {"share": f"{share:.0%}", "repeated": len(repeated), "total": len(ours),
                "previous": os.path.basename(prev.path)}
        if prev.facts.year:
            args["previous_year"] = prev.facts.year
        yield Hit(line, col, args=args)


# Kind ``previous-report`` (T033): the report given as last year's (``--previous``) is the year before, of the same agency.

class PreviousReportKind(Kind):
    """Variants ``year`` (last year's report is of another year) and ``agency`` (of another agency): the
    cross-year checks T030 and T031 are then not made, and the editor is told why instead of silence."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        prev = report.previous
        if prev is None:
            return
        anchor = report.outline.title or first_body_block(report)
        shown = os.path.basename(prev.path)
        if year_mismatch(report, prev):
            yield hit_at_block(anchor, variant="year", args={
                "previous": shown, "previous_year": prev.facts.year, "expected": (report.facts.year or 0) - 1})
        if agency_mismatch(report, prev):
            yield hit_at_block(anchor, variant="agency", args={
                "previous": shown, "previous_agency": prev.facts.agency, "agency": report.facts.agency})
