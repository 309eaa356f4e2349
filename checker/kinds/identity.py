"""Kind ``identity``: an arithmetic identity between the cells of one table holds (T010–T013)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Callable, Iterator, Optional

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.formats.tables import REVIEW_GROUPS
from checker.kinds._tables import identity_expressions, short_label
from checker.kinds.base import Kind
from checker.tables.expr import mismatch
from checker.tables.model import StatTable


class IdentityKind(Kind):
    """An identity ``left`` = ``right`` for each column, row or group of ``table``.

    ``left`` and ``right`` are expressions (checker/tables/expr.py) over row keys (each: column, the
    hit names ``column``), column keys (each: row, optionally only ``rows``; the hit names ``row``, its
    label) or the items of a table-四 group (each: group; the hit names ``group``). ``anchor`` names
    the cell a finding points at: the total that is most likely to be the wrong one to look at first.
    """

    def __init__(self, params: dict[str, Any]):
        super().__init__(params)
        self.left, self.right = identity_expressions(params)

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        table = report.tables.get(self.params["table"])
        if table is None:
            return
        each = self.params["each"]
        if each == "column":
            keys = [r.key for r in table.spec.rows]
            for column in table.spec.columns:
                yield from self._compare(table, lambda k, c=column: table.number(k, c), keys,
                                         (self.params["anchor"], column), column=column)
        elif each == "row":
            for row in self.params.get("rows") or [r.key for r in table.spec.rows]:
                if row not in table.row_lines:
                    continue
                keys = list(table.spec.columns_of(table.spec.row(row)))
                yield from self._compare(table, lambda c, r=row: table.number(r, c), keys,
                                         (row, self.params["anchor"]), row=short_label(table.spec.row(row).label))
        else:
            row = table.spec.rows[0].key
            for group in REVIEW_GROUPS:
                keys = [c.split("/")[1] for c in table.spec.columns if c.startswith(group + "/")]
                yield from self._compare(table, lambda i, g=group: table.number(row, f"{g}/{i}"), keys,
                                         (row, f"{group}/{self.params['anchor']}"), group=group)

    def _compare(self, table: StatTable, lookup: Callable[[str], Optional[Any]], keys: list[str],
                 anchor: tuple[str, str], **where: str) -> Iterator[Hit]:
        values = mismatch(self.left, self.right, lookup, keys)
        if values is None:
            return
        left, right = values
        line, col = table.position(*anchor)
        yield Hit(line, col, args={
            "table": table.table, **where, "left": _pretty(self.left.source), "lval": _num(left),
            "right": _pretty(self.right.source), "rval": _num(right), "diff": _num(abs(left - right)),
        })


def _pretty(source: str) -> str:
    """"三（七） + 四" → "（七）+四": the table's own labels, without the table prefix on row keys."""
    text = re.sub(r"sum\(([^)]*?)\*\)", r"\1", source)
    text = re.sub(r"三(（)", r"\1", text)
    return re.sub(r"\s*([+\-])\s*", r"\1", text)


def _num(value) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)
