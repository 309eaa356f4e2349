"""Kind ``cross-year``: an identity between this report's table and last year's holds (T030, T031).

Domain.md §2.3 items 7 and 8: 二、上年结转 of year N is 四、结转下年度继续办理 of year N−1, column by
column; 现行有效件数 moves by 制发 and 废止. Both are warnings: 机构改革 and revisions counted as 制发
legitimately break them.
"""

from __future__ import annotations

import os
from typing import Any, Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds._tables import identity_expressions, short_label
from checker.kinds._previous import last_years_report
from checker.kinds.base import Kind
from checker.tables.expr import mismatch

# In a cross-year expression, a name with this prefix is a cell of last year's table.
PREVIOUS = "上年·"


class CrossYearKind(Kind):
    """An identity between this year's table and last year's, per column (table 三) or per row (table 二).

    ``left``/``right`` are expressions of checker/tables/expr.py; ``上年·四`` reads row 四 (or, per row,
    column 现行有效件数 as ``上年·现行有效件数``) of the previous report's table. ``anchor`` is the cell
    of this year's table the finding points at; the hit names its ``column`` (each: column) or its
    ``row`` label (each: row). Silent without a previous report, when it is not the year before or not of the same
    agency (T033 says so), or when either table is missing.
    """

    def __init__(self, params: dict[str, Any]):
        super().__init__(params)
        self.left, self.right = identity_expressions(params, prefix=PREVIOUS)

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        prev = last_years_report(report)
        if prev is None:
            return
        name = self.params["table"]
        this, last = report.tables.get(name), prev.tables.get(name)
        if this is None or last is None:
            return
        shown = os.path.basename(prev.path)
        if self.params["each"] == "column":
            keys = [r.key for r in this.spec.rows] + [PREVIOUS + r.key for r in last.spec.rows]
            for column in this.spec.columns:
                def lookup(key, c=column):
                    if key.startswith(PREVIOUS):
                        return last.number(key[len(PREVIOUS):], c)
                    return this.number(key, c)
                yield from self._compare(this, lookup, keys, (self.params["anchor"], column), shown, prev,
                                         column=column)
        else:
            for row in self.params.get("rows") or [r.key for r in this.spec.rows]:
                if row not in this.row_lines:
                    continue
                keys = list(this.spec.columns_of(this.spec.row(row)))
                if any(r.key == row for r in last.spec.rows):
                    keys += [PREVIOUS + c for c in last.spec.columns_of(last.spec.row(row))]

                def lookup(key, r=row):
                    if key.startswith(PREVIOUS):
                        return last.number(r, key[len(PREVIOUS):])
                    return this.number(r, key)
                yield from self._compare(this, lookup, keys, (row, self.params["anchor"]), shown, prev,
                                         row=short_label(this.spec.row(row).label))

    def _compare(self, table, lookup, keys, anchor, shown, prev, **where) -> Iterator[Hit]:
        values = mismatch(self.left, self.right, lookup, keys)
        if values is None:
            return
        left, right = values
        line, col = table.position(*anchor)
        args = {"table": table.table, **where, "lval": left, "rval": right, "diff": abs(left - right),
                "previous": shown}
        if prev.facts.year:
            args["previous_year"] = prev.facts.year
        yield Hit(line, col, args=args)

