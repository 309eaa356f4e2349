"""Split digits that ran together when a web table was copied as text ("713000074" → 71|3|0|0|0|0|74).

Only the table's own identity decides: a row of table 三 is six parts and their 总计, a row of
table 四 is three groups of four parts and their 总计. Every split that satisfies it is returned;
the caller uses one only when it is the only one.
"""

from __future__ import annotations

from typing import Iterator

from checker.formats.tables import RowSpec, TableSpec

_MAX_DIGITS = 7  # no single cell of these tables runs to eight digits
_ENOUGH = 2  # we only need to know whether a split is unique


def _numbers(s: str, count: int) -> Iterator[list[int]]:
    """Every way to cut ``s`` into ``count`` numbers without leading zeros."""
    if count == 0:
        if not s:
            yield []
        return
    if len(s) < count or len(s) > count * _MAX_DIGITS:
        return
    limit = 1 if s[0] == "0" else min(_MAX_DIGITS, len(s) - count + 1)
    for size in range(1, limit + 1):
        head = int(s[:size])
        for rest in _numbers(s[size:], count - 1):
            yield [head] + rest


def _groups(s: str, parts: int, groups: int) -> Iterator[list[int]]:
    """Cut ``s`` into ``groups`` runs of ``parts`` numbers each followed by their sum."""
    if groups == 0:
        if not s:
            yield []
        return
    for size in range(parts, min(len(s), parts * _MAX_DIGITS) + 1):
        for head in _numbers(s[:size], parts):
            total = str(sum(head))
            if s[size:].startswith(total):
                for rest in _groups(s[size + len(total):], parts, groups - 1):
                    yield head + [sum(head)] + rest


def split_run_together(digits: str, spec: TableSpec, row: RowSpec) -> list[list[int]]:
    columns = spec.columns_of(row)
    if spec.table == "三":
        candidates = _groups(digits, len(columns) - 1, 1)
    elif spec.table == "四":
        candidates = _groups(digits, 4, 3)
    else:
        candidates = _numbers(digits, len(columns))
    found: list[list[int]] = []
    for split in candidates:
        found.append(split)
        if len(found) >= _ENOUGH:
            break
    return found
