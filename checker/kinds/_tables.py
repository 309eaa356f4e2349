"""Helpers of the table kinds: row labels as messages quote them, and the check of a rule's table keys.

A rule that names a table, a row, a column or an anchor the official format does not have would load,
run and find nothing. So a kind checks its keys against checker/formats/tables.py when it is built:
a key must exist in at least one era's specification of its table (三（六） is a row of the 2019 table
only, 三（六）1 of the 2021 table only), a ``sum(glob)`` must match at least one key, and a ValueError
names the parameter, the key and the valid keys.
"""

from __future__ import annotations

import fnmatch
import re
from typing import Any, Iterable, Optional, Sequence

from checker.formats.tables import ALL_SPECS, TableSpec
from checker.tables.expr import Expression, parse_expression
from checker.tables.solve import PART_NAMES

TABLES = tuple(dict.fromkeys(t for t, _ in ALL_SPECS))  # 二, 三, 四 and the 2007-era 附表


def short_label(label: str) -> str:
    """A row label without its long official parenthetical ("（二）部分公开（区分处理的，…）" → "（二）部分公开")."""
    return re.sub(r"（[^）]{6,}）$", "", label)


def table_specs(table: str, eras: Optional[Iterable[str]] = None, where: str = "table") -> list[TableSpec]:
    """The specifications of ``table`` in ``eras`` (default: every era that has it)."""
    if table not in TABLES:
        raise ValueError(f"{where}: unknown table '{table}'; the tables are {', '.join(TABLES)}")
    wanted = set(eras) if eras else None
    specs = [s for (t, era), s in ALL_SPECS.items() if t == table and (wanted is None or era in wanted)]
    if not specs:
        raise ValueError(f"{where}: table {table} has no specification for era {', '.join(sorted(wanted or ()))}")
    return specs


def row_keys(specs: Sequence[TableSpec]) -> list[str]:
    """Every row key of these specifications, in the order of the format."""
    return list(dict.fromkeys(r.key for s in specs for r in s.rows))


def column_keys(specs: Sequence[TableSpec], rows: Optional[Iterable[str]] = None) -> list[str]:
    """Every column of ``rows`` (default: of every row) in these specifications."""
    wanted = set(rows) if rows is not None else None
    return list(dict.fromkeys(c for s in specs for r in s.rows if wanted is None or r.key in wanted
                              for c in s.columns_of(r)))


def require_keys(keys: Iterable[str], valid: Sequence[str], where: str, what: str, table: str) -> None:
    """Each of ``keys`` is one of ``valid``."""
    for key in keys:
        if key not in valid:
            raise ValueError(f"{where}: unknown {what} '{key}' of table {table}; valid: {', '.join(valid)}")


def require_expression(expr: Expression, valid: Sequence[str], where: str, what: str, table: str,
                       prefix: str = "", previous: Sequence[str] = ()) -> None:
    """Every name of ``expr`` is one of ``valid`` and every ``sum(glob)`` matches one; with ``prefix``,
    a name starting with it is a key of last year's table, one of ``previous``."""
    for _, operand in expr.terms:
        if operand.kind == "int":
            continue
        text, keys = operand.text, valid
        if prefix and text.startswith(prefix):
            text, keys = text[len(prefix):], previous
        if operand.kind == "name":
            require_keys([text], keys, where, what, table)
        elif not any(fnmatch.fnmatchcase(k, text) for k in keys):
            raise ValueError(f"{where}: sum({operand.text}) matches no {what} of table {table}; "
                             f"valid: {', '.join(keys)}")


def require_shared_columns(specs: Sequence[TableSpec], where: str) -> None:
    """A check "for each column" needs a table whose rows share one set of columns (三, 四; not 二)."""
    if not all(s.columns for s in specs):
        raise ValueError(f"{where}: table {specs[0].table} has no columns common to its rows; "
                         f"use each: row")


def group_items(specs: Sequence[TableSpec], table: str) -> list[str]:
    """The items of table 四's groups ("行政复议/总计" → "总计"): what a per-group identity names."""
    items = list(dict.fromkeys(c.split("/", 1)[1] for s in specs for c in s.columns if "/" in c))
    if not items:
        raise ValueError(f"each: table {table} has no groups; each: group is for table 四")
    return items


def identity_expressions(params: dict[str, Any], prefix: str = "") -> tuple[Expression, Expression]:
    """``left`` and ``right`` of an identity (identity, cross-year kinds), parsed, with their keys and the
    ``anchor`` checked: row keys for each column, column keys of ``rows`` for each row, group items for
    each group; with ``prefix`` ("上年·"), names of last year's table too."""
    table, each, rows = params["table"], params["each"], params.get("rows") or None
    specs = table_specs(table)
    if each != "row" and "rows" in params:
        raise ValueError(f"rows: only for each: row, not each: {each}")
    if each == "column":
        require_shared_columns(specs, "each")
        keys, what = row_keys(specs), "row"
    elif each == "row":
        require_keys(rows or (), row_keys(specs), "rows", "row", table)
        keys, what = column_keys(specs, rows), "column"
    elif each == "part":
        if not all(s.part_lists for s in specs):
            raise ValueError(f"each: table {table} has no totals broken down into parts; each: part is for 附表")
        keys, what = list(PART_NAMES), "name"
    else:
        keys, what = group_items(specs, table), "group item"
    left, right = parse_expression(params["left"]), parse_expression(params["right"])
    for name, expr in (("left", left), ("right", right)):
        require_expression(expr, keys, name, what, table, prefix=prefix, previous=keys)
    require_keys([params["anchor"]], keys, "anchor", what, table)
    return left, right
