"""Kinds over the statistical tables: presence (T001), labels (T002), era (T003), cell values (T004),
identities between cells (T010–T013) and notes on how a table was read (T006–T008)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds.base import Kind, first_body_block, hit_at_block
from checker.tables.expr import mismatch, parse_expression
from checker.tables.model import StatTable
from checker.formats.tables import REVIEW_GROUPS, TABLE_IDS, spec_for

_PART = {"二": 2, "三": 3, "四": 4}


def _short(label: str) -> str:
    return re.sub(r"（[^）]{6,}）$", "", label)


class TablePresenceKind(Kind):
    """T001: each official table is there and readable."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        found = report.tables
        for table in self.params.get("tables", TABLE_IDS):
            if found.get(table) is None:
                spec = spec_for(table, report.facts.era)
                part = report.part_section(_PART[table])
                anchor = part.heading.block if part else first_body_block(report)
                yield hit_at_block(anchor, args={"table": table, "title": spec.title})


class TableLabelsKind(Kind):
    """T002: every row of the format is there and its label is the format's."""

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
                from checker.formats.labels import normalize_label

                for column in sorted(wanted, key=list(dict.fromkeys(
                        c for r in table.spec.rows for c in table.spec.columns_of(r))).index):
                    name = column.split("/")[-1] if table.table == "四" else column
                    if normalize_label(name) not in table.headers_seen:
                        yield Hit(table.line, 1, variant="missing-column",
                                  args={"table": table.table, "expected": name})


class TableEraKind(Kind):
    """T003: the tables use the layout of the report's era (2019 trial format vs 2021 format)."""

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


class CellValuesKind(Kind):
    """T004: a cell holds a non-negative integer; decimals only where the format has an amount,
    a sign only in 本年增/减; a blank or a dash where 0 is meant is the ``blank`` variant."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        for table in report.tables.tables.values():
            spec = table.spec
            for (row_key, column), cell in table.cells.items():
                where = {"table": table.table, "row": _short(spec.row(row_key).label),
                         "column": column.replace("/", "·") if table.table == "四" else column,
                         "found": cell.raw.strip() or "空白"}
                pos = {"line": cell.line, "column": cell.col}
                if cell.kind in ("blank", "dash"):
                    yield Hit(**pos, variant="blank", args=where, fix="0")
                    continue
                value = cell.value
                if value is None:
                    yield Hit(**pos, variant="text", args=where)
                elif column in spec.unit_columns:
                    if cell.unit is None and cell.kind in ("integer", "decimal") and value != 0:
                        yield Hit(**pos, variant="unit", args=where)
                elif cell.unit is not None:
                    yield Hit(**pos, variant="text", args=where, fix=str(value))
                elif isinstance(value, Decimal) and column not in spec.decimal_columns:
                    yield Hit(**pos, variant="decimal", args=where)
                elif value < 0 and column not in spec.signed_columns:
                    yield Hit(**pos, variant="negative", args=where)


class IdentityKind(Kind):
    """T010–T013: an arithmetic identity between cells holds, for each column, row or group.

    ``left`` and ``right`` are expressions (checker/tables/expr.py) over row keys (each: column),
    column keys (each: row) or the items of a table-四 group (each: group). ``anchor`` names the
    cell a finding points at: the total that is most likely to be the wrong one to look at first.
    """

    def __init__(self, params):
        super().__init__(params)
        self.left = parse_expression(params["left"])
        self.right = parse_expression(params["right"])

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        table = report.tables.get(self.params["table"])
        if table is None:
            return
        each = self.params["each"]
        if each == "column":
            keys = [r.key for r in table.spec.rows]
            for column in table.spec.columns:
                yield from self._compare(table, lambda k, c=column: table.number(k, c), keys,
                                         (self.params["anchor"], column), f"{column}列")
        elif each == "row":
            rows = self.params.get("rows") or [r.key for r in table.spec.rows]
            for row in rows:
                if row not in table.row_lines:
                    continue
                keys = list(table.spec.columns_of(table.spec.row(row)))
                label = _short(table.spec.row(row).label)
                yield from self._compare(table, lambda c, r=row: table.number(r, c), keys,
                                         (row, self.params["anchor"]), f"{label}行")
        elif each == "group":
            row = table.spec.rows[0].key
            for group in REVIEW_GROUPS:
                keys = [c.split("/")[1] for c in table.spec.columns if c.startswith(group + "/")]
                yield from self._compare(table, lambda i, g=group: table.number(row, f"{g}/{i}"), keys,
                                         (row, f"{group}/{self.params['anchor']}"), group)

    def _compare(self, table: StatTable, lookup, keys, anchor, where) -> Iterator[Hit]:
        values = mismatch(self.left, self.right, lookup, keys)
        if values is None:
            return
        left, right = values
        line, col = table.position(*anchor)
        yield Hit(line, col, args={
            "table": table.table, "where": where, "left": _pretty(self.left.source), "lval": _num(left),
            "right": _pretty(self.right.source), "rval": _num(right), "diff": _num(abs(left - right)),
        })


def _pretty(source: str) -> str:
    """"三（七） + 四" → "（七）+四": the table's own labels, without the table prefix on row keys."""
    text = re.sub(r"sum\(([^)]*?)\*\)", r"\1", source)
    text = re.sub(r"三(（)", r"\1", text)
    return re.sub(r"\s*([+\-])\s*", r"\1", text)


def _num(value) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


class TableNotesKind(Kind):
    """T006–T008: what the reader had to do or could not do, said so rather than guessed silently."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        note = self.params["note"]
        for table in report.tables.tables.values():
            if note == "extra-row":
                for extra in table.extra_rows:
                    yield Hit(extra.line, extra.col, args={"table": table.table, "label": extra.label})
            elif note == "unreadable":
                for row in table.unreadable:
                    yield Hit(row.line, row.col, variant=row.reason, args={
                        "table": table.table, "label": _short(row.label), "found": row.found, "expected": row.expected})
            elif note == "reconstructed":
                for key in table.reconstructed:
                    line, col = table.row_lines[key]
                    values = "|".join(str(table.cells[(key, c)].value) for c in table.spec.columns_of(table.spec.row(key)))
                    yield Hit(line, col, args={"table": table.table, "label": _short(table.spec.row(key).label),
                                               "values": values})
