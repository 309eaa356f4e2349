"""Kind ``table-labels``: every row and column of the format is there and labelled as the format labels it (T002)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.formats.labels import normalize_label
from checker.kinds.base import Kind


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
