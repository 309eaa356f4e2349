"""Kind ``identity``: an arithmetic identity between the cells of one table holds (T010–T013)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Iterator, Optional

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds._tables import identity_expressions, short_label
from checker.formats.tables import APPENDIX_INDEX
from checker.kinds.base import Kind, Listing
from checker.tables.model import StatTable
from checker.tables.solve import Cell, Correction, Identity, Instance, corrections_near, failing_instances, identities_of


class IdentityKind(Kind):
    """An identity ``left`` = ``right`` for each column, row or group of ``table``.

    ``left`` and ``right`` are expressions (checker/tables/expr.py) over row keys (each: column, the
    hit names ``column``), column keys (each: row, optionally only ``rows``; the hit names ``row``, its
    label), the items of a table-四 group (each: group; the hit names ``group``) or 总数 and 分项, a
    total of the 2007-era 附表 and the parts listed under it (each: part; the hit names the total as
    ``part``, its ``parts`` and its ``unit``). ``anchor`` names the cell a finding points at: the total
    that is most likely to be the wrong one to look at first.

    Where the identity fails, the table's identities (the built-in ones of checker/tables/solve.py and
    this rule's own) linked to the failing instance through shared cells are solved together for the one
    cell whose change makes them all hold; a cell found for two failing instances (a part of one total
    and the total of others) is reported once. Variants:
    ``cell``, that cell was found: the hit is on it, names it (``cell_row``, its label; ``cell_column``;
    for table 四 ``cell_group`` and ``cell_item``) and its right ``value``, which is the fix; ``total``,
    several single cells would do and the anchor is one of them: ``value`` is what the anchor would
    be were the others right (no fix: the identities cannot say which). Otherwise the plain message.
    """

    def __init__(self, params: dict[str, Any]):
        super().__init__(params)
        self.left, self.right = identity_expressions(params)
        self.identity = Identity(params["each"], self.left, self.right, tuple(params.get("rows") or ()))
        self.solved_with = identities_of(params["table"], self.identity)

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        table = report.tables.get(self.params["table"])
        if table is None:
            return
        failing = failing_instances(table, self.identity)
        if not failing:
            return
        located: set[tuple[str, str]] = set()
        for instance, found in zip(failing, corrections_near(table, self.solved_with, failing)):
            if len(found) == 1 and found[0].cell in located:
                continue  # one wrong cell that breaks two totals of the 附表: one finding, at the cell
            located.update(c.cell for c in found[:1] if len(found) == 1)
            yield self._hit(table, instance, found)

    def _anchor(self, table: StatTable, instance: Instance) -> Cell:
        anchor, each = self.params["anchor"], self.params["each"]
        if each == "column":
            return anchor, instance.where
        if each == "part":  # 总数: the total; 分项: its first part
            cells = [cell for cell, c in instance.coefficients if c]
            return cells[0] if anchor == "总数" else cells[1]
        if each == "row":
            return instance.where, anchor
        return table.spec.rows[0].key, f"{instance.where}/{anchor}"

    def _hit(self, table: StatTable, instance: Instance, found: list[Correction]) -> Hit:
        each = self.params["each"]
        where: dict[str, Any]
        if each == "row":
            where = {"row": short_label(table.spec.row(instance.where).label)}
        elif each == "part":
            where = self._part_where(table, instance)
        else:
            where = {each: instance.where}
        args: dict[str, Any] = {
            "table": table.table, **where, "left": _pretty(self.left.source), "lval": _num(instance.left),
            "right": _pretty(self.right.source), "rval": _num(instance.right),
            "diff": _num(abs(instance.residual)),
        }
        anchor = self._anchor(table, instance)
        located: Optional[Correction] = found[0] if len(found) == 1 else None
        if located is not None:
            row, column = located.cell
            group, _, item = column.rpartition("/")
            line, col = table.position(row, column)
            args.update(cell_row=short_label(table.spec.row(row).label), cell_column=column.replace("/", "·"),
                        cell_group=group, cell_item=item, value=_num(located.value))
            return Hit(line, col, variant="cell", args=args, fix=_num(located.value))
        line, col = table.position(*anchor)
        at_anchor = [c for c in found if c.cell == anchor]
        if at_anchor:
            return Hit(line, col, variant="total", args={**args, "value": _num(at_anchor[0].value)})
        return Hit(line, col, args=args)

    @staticmethod
    def _part_where(table: StatTable, instance: Instance) -> dict[str, Any]:
        """A total of the 附表 as the message names it: its label, its parts' labels and its unit (as
        printed, else the indicator's usual one)."""
        parts = [row for (row, _), c in instance.coefficients if c and row != instance.where]
        return {"part": table.spec.row(instance.where).label,
                "parts": Listing(table.spec.row(p).label for p in parts),
                "unit": table.units.get(instance.where) or APPENDIX_INDEX[instance.where].unit}


def _pretty(source: str) -> str:
    """"三（七） + 四" → "（七）+四": the table's own labels, without the table prefix on row keys."""
    text = re.sub(r"sum\(([^)]*?)\*\)", r"\1", source)
    text = re.sub(r"三(（)", r"\1", text)
    return re.sub(r"\s*([+\-])\s*", r"\1", text)


def _num(value: object) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)
