"""Which cell is wrong: the identities of one table solved together.

An identity (``left`` = ``right``, checker/tables/expr.py) holds once for each column, row or group of
its table; each of these *instances* is a linear equation over cells. One wrong cell usually breaks
several instances at once (a cell of table 三 is in its row's total and in its column's sums), and
together they point at it. The cell to correct is one that

* is read by every failing instance (one cell cannot repair an instance that does not read it),
* is read by no holding instance (changing it would break that one),
* gets one value from all the failing instances, and that value is valid for its column (a whole,
  non-negative count unless the format allows decimals or a sign there).

``corrections`` returns every such cell with its value: one is the answer; none or several mean the
identities cannot say (two cells wrong; a table-四 group, whose five cells are read by one identity
only). The search is single-cell only, so it is linear in the table (≤ ~200 cells, ~40 instances):
candidates are the cells of the failing instances, each checked against the instances that read it.

``BUILTIN_IDENTITIES`` are the identities the official format states for each table (domain.md §2.3,
items 1–4), the ones rules T010–T013 check one by one (a test keeps the two the same). A rule's kind
solves them together with its own identity, so a user's identity rule takes part in its own
analysis without changing the built-in rules' results.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Iterable, Optional, Sequence

from checker.tables.expr import Expression, parse_expression
from checker.tables.model import Number, StatTable

Cell = tuple[str, str]  # (row key, column key)


@dataclass(frozen=True)
class Identity:
    """``left`` = ``right`` for each column (names are row keys), each row (names are column keys; only
    ``rows`` when given) or each group of table 四 (names are the group's items: "总计")."""

    each: str  # "column" | "row" | "group"
    left: Expression
    right: Expression
    rows: tuple[str, ...] = ()

    @classmethod
    def parse(cls, each: str, left: str, right: str, rows: Iterable[str] = ()) -> "Identity":
        return cls(each, parse_expression(left), parse_expression(right), tuple(rows))

    def signature(self) -> tuple:
        """What the identity says, whatever its spacing: two identities with one signature are one."""
        return (self.each, self.left.terms, self.right.terms, self.rows)


_APPLICANTS = "自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他"
_RESULTS = "三（一） + 三（二） + sum(三（三）*) + sum(三（四）*) + sum(三（五）*) + sum(三（六）*)"

BUILTIN_IDENTITIES: dict[str, tuple[Identity, ...]] = {
    "三": (
        Identity.parse("column", "一 + 二", "三（七） + 四"),   # T010: the header note's balance
        Identity.parse("row", "总计", _APPLICANTS),            # T011: 总计 of each row
        Identity.parse("column", "三（七）", _RESULTS),          # T012: （七）总计 of each column
    ),
    "四": (
        Identity.parse("group", "总计", "结果维持 + 结果纠正 + 其他结果 + 尚未审结"),  # T013
    ),
}


def identities_of(table: str, own: Identity) -> tuple[Identity, ...]:
    """The identities solved together for a rule on ``table``: the built-in ones and the rule's own."""
    builtin = BUILTIN_IDENTITIES.get(table, ())
    if any(i.signature() == own.signature() for i in builtin):
        return builtin
    return builtin + (own,)


@dataclass(frozen=True)
class Instance:
    """One identity in one column, row or group (``where``: the column key, the row key or the group),
    with the cells it reads (their net coefficients, left minus right) and the values of both sides."""

    identity: Identity
    where: str
    coefficients: tuple[tuple[Cell, int], ...]
    left: Number
    right: Number

    @property
    def holds(self) -> bool:
        return self.left == self.right

    @property
    def residual(self) -> Number:
        return self.left - self.right

    def reads(self) -> dict[Cell, int]:
        return {cell: c for cell, c in self.coefficients if c}


@dataclass(frozen=True)
class Correction:
    """Writing ``value`` in ``cell`` makes every identity hold."""

    cell: Cell
    value: Number


def _instance(table: StatTable, identity: Identity, where: str, keys: Sequence[str],
              cell_of: dict[str, Cell]) -> Optional[Instance]:
    """The instance, or None when a cell it needs is missing or not a number (a missing row is T002's
    business, an unreadable cell T004's: neither is an identity's)."""
    left, right = identity.left.linear(keys), identity.right.linear(keys)
    if left is None or right is None:
        return None
    coefficients: dict[Cell, int] = {}
    values: list[Number] = []
    for side, sign in ((left, 1), (right, -1)):
        terms, constant = side
        total: Number = constant
        for key, c in terms.items():
            cell = cell_of.get(key)
            value = table.number(*cell) if cell is not None else None
            if cell is None or value is None:
                return None
            total += c * value
            coefficients[cell] = coefficients.get(cell, 0) + sign * c
        values.append(total)
    return Instance(identity, where, tuple(coefficients.items()), values[0], values[1])


def instances(table: StatTable, identity: Identity) -> list[Instance]:
    """Every instance of ``identity`` in ``table`` whose cells are all there and numbers."""
    spec = table.spec
    out: list[Optional[Instance]] = []
    if identity.each == "column":
        keys = [r.key for r in spec.rows]
        for column in spec.columns:
            out.append(_instance(table, identity, column, keys, {k: (k, column) for k in keys}))
    elif identity.each == "row":
        for row in identity.rows or [r.key for r in spec.rows]:
            if row not in table.row_lines:
                continue
            keys = list(spec.columns_of(spec.row(row)))
            out.append(_instance(table, identity, row, keys, {k: (row, k) for k in keys}))
    else:
        row = spec.rows[0].key
        groups = dict.fromkeys(c.split("/", 1)[0] for c in spec.columns if "/" in c)
        for group in groups:
            items = [c.split("/", 1)[1] for c in spec.columns if c.startswith(group + "/")]
            out.append(_instance(table, identity, group, items, {i: (row, f"{group}/{i}") for i in items}))
    return [i for i in out if i is not None]


def _step(residual: Number, coefficient: int) -> Number:
    """The change of a cell with ``coefficient`` that brings an instance's ``residual`` to zero."""
    if isinstance(residual, int) and residual % coefficient == 0:
        return -residual // coefficient
    return -Decimal(residual) / coefficient


def _valid(table: StatTable, column: str, value: Number) -> Optional[Number]:
    """``value`` as the column holds it (a count as an int), or None when the column cannot hold it."""
    spec = table.spec
    if value != int(value):
        if column not in spec.decimal_columns:
            return None
    elif column not in spec.decimal_columns:
        value = int(value)
    if value < 0 and column not in spec.signed_columns:
        return None
    return value


def corrections(table: StatTable, identities: Iterable[Identity]) -> list[Correction]:
    """Each single cell whose change to one valid value makes every instance of ``identities`` hold, in
    the order of the table; empty when every instance holds or no single cell does it."""
    all_instances = [i for identity in identities for i in instances(table, identity)]
    failing = [i for i in all_instances if not i.holds]
    if not failing:
        return []
    reads = [i.reads() for i in all_instances]
    candidates = set(failing[0].reads())
    for instance in failing[1:]:
        candidates &= set(instance.reads())
    out: list[Correction] = []
    for cell in sorted(candidates, key=_order(table)):
        if any(cell in r for inst, r in zip(all_instances, reads) if inst.holds):
            continue  # changing it would break an identity that holds now
        steps = {_step(inst.residual, r[cell]) for inst, r in zip(all_instances, reads) if not inst.holds}
        if len(steps) != 1:
            continue  # the failing identities want different values here
        old = table.number(*cell)
        assert old is not None  # an instance reads only cells with numbers
        value = _valid(table, cell[1], old + steps.pop())
        if value is not None:
            out.append(Correction(cell, value))
    return out


def _order(table: StatTable) -> Callable[[Cell], tuple[int, int]]:
    rows = {r.key: n for n, r in enumerate(table.spec.rows)}
    columns = {c: n for n, c in enumerate(dict.fromkeys(c for r in table.spec.rows for c in table.spec.columns_of(r)))}
    return lambda cell: (rows.get(cell[0], len(rows)), columns.get(cell[1], len(columns)))
