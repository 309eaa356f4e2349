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
items 1–4; the 其中 structure of the 2007-era 附表, §3.3), the ones rules T010–T014 check one by one
(a test keeps the two the same). A rule's kind solves them together with its own identity, so a
user's identity rule takes part in its own analysis without changing the built-in rules' results.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable, Iterable, Optional, Sequence, TypeVar, cast

from msgspec import Struct

from checker.tables.expr import Expression, parse_expression
from checker.formats.tables import PartList, TableSpec
from checker.tables.model import Number, StatTable

Cell = tuple[str, str]  # (row key, column key)
_T = TypeVar("_T")


class Identity(Struct, frozen=True):
    """``left`` = ``right`` for each column (names are row keys), each row (names are column keys; only
    ``rows`` when given), each group of table 四 (names are the group's items: "总计") or each part list
    of the 附表 (names: 总数, the total, and 分项, the parts it lists, summed)."""

    each: str  # "column" | "row" | "group" | "part"
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
    "附表": (
        Identity.parse("part", "总数", "分项"),  # T014: each total of the 2007-era 附表 = its listed parts
    ),
}


def identities_of(table: str, own: Identity) -> tuple[Identity, ...]:
    """The identities solved together for a rule on ``table``: the built-in ones and the rule's own."""
    builtin = BUILTIN_IDENTITIES.get(table, ())
    if any(i.signature() == own.signature() for i in builtin):
        return builtin
    return builtin + (own,)


class Instance(Struct, frozen=True):
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


class Correction(Struct, frozen=True):
    """Writing ``value`` in ``cell`` makes every identity hold."""

    cell: Cell
    value: Number


class _Template(Struct, frozen=True):
    """What an instance reads, worked out once per spec and identity (it depends on the table's format,
    never on its numbers): each side's cells with their coefficients, and the net coefficients."""

    where: str
    sides: tuple[tuple[tuple[tuple[Cell, int], ...], int], ...]  # (cells with coefficients, constant) per side
    coefficients: tuple[tuple[Cell, int], ...]


def _template(identity: Identity, where: str, keys: Sequence[str], cell_of: dict[str, Cell]
              ) -> Optional[_Template]:
    """The template of one instance; None when the identity cannot be read over ``keys`` (a sum
    matching no key, or a name that is not one of them)."""
    left, right = identity.left.linear(keys), identity.right.linear(keys)
    if left is None or right is None:
        return None
    coefficients: dict[Cell, int] = {}
    sides = []
    for (terms, constant), sign in ((left, 1), (right, -1)):
        cells = []
        for key, c in terms.items():
            cell = cell_of.get(key)
            if cell is None:
                return None
            cells.append((cell, c))
            coefficients[cell] = coefficients.get(cell, 0) + sign * c
        sides.append((tuple(cells), constant))
    return _Template(where, tuple(sides), tuple(coefficients.items()))


def _templates(spec: TableSpec, identity: Identity) -> list[tuple[Optional[str], Optional[_Template]]]:
    """The templates of ``identity`` over ``spec`` in the order of its instances, each with the row the
    table must have read for it (rows only; None: always tried). Computed once per spec and identity."""
    out: list[tuple[Optional[str], Optional[_Template]]] = []
    if identity.each == "column":
        keys = [r.key for r in spec.rows]
        for column in spec.columns:
            out.append((None, _template(identity, column, keys, {k: (k, column) for k in keys})))
    elif identity.each == "row":
        known = {r.key for r in spec.rows}
        for row in identity.rows or [r.key for r in spec.rows]:
            if row not in known:
                out.append((row, None))  # a table never reads a row its format lacks
                continue
            keys = list(spec.columns_of(spec.row(row)))
            out.append((row, _template(identity, row, keys, {k: (row, k) for k in keys})))
    else:  # group
        row = spec.rows[0].key
        groups = dict.fromkeys(c.split("/", 1)[0] for c in spec.columns if "/" in c)
        for group in groups:
            items = [c.split("/", 1)[1] for c in spec.columns if c.startswith(group + "/")]
            out.append((None, _template(identity, group, items, {i: (row, f"{group}/{i}") for i in items})))
    return out


_TEMPLATES: dict[tuple[int, int], tuple[TableSpec, Identity, list[tuple[Optional[str], Optional[_Template]]]]] = {}


def _templates_for(spec: TableSpec, identity: Identity) -> list[tuple[Optional[str], Optional[_Template]]]:
    """``_templates`` kept by the identities of spec and identity (the entry holds both, so their ids are
    never reused while it lives; hashing a frozen spec costs more than the lookup serves)."""
    key = (id(spec), id(identity))
    entry = _TEMPLATES.get(key)
    if entry is None or entry[0] is not spec or entry[1] is not identity:
        entry = _TEMPLATES[key] = (spec, identity, _templates(spec, identity))
    return entry[2]


_COUNTED_AS_ZERO = ("blank", "dash")  # the kinds TableCell.as_number counts as 0


def _sides(table: StatTable, template: _Template) -> Optional[tuple[Number, Number]]:
    """The values of both sides, or None when a cell the template reads is missing or not a number (a
    missing row is T002's business, an unreadable cell T004's: neither is an identity's)."""
    cells = table.cells
    values: list[Number] = []
    for side_cells, constant in template.sides:
        total: Number = constant
        for cell, c in side_cells:
            found = cells.get(cell)
            if found is None:
                return None
            # TableCell.as_number spelt out (a clean report sums ~400 cells here, one call each)
            value = 0 if found.kind in _COUNTED_AS_ZERO else found.value
            if value is None:
                return None
            total += c * value
        values.append(total)
    return values[0], values[1]


def _found(table: StatTable, identity: Identity, failing_only: bool) -> list[Instance]:
    if identity.each == "part":
        found = (_part_instance(table, identity, part) for part in table.spec.part_lists)
        return [i for i in found if i is not None and not (failing_only and i.holds)]
    out: list[Instance] = []
    row_lines = table.row_lines
    for row, template in _templates_for(table.spec, identity):
        if template is None or (row is not None and row not in row_lines):
            continue
        sides = _sides(table, template)
        if sides is not None and not (failing_only and sides[0] == sides[1]):
            out.append(Instance(identity, template.where, template.coefficients, *sides))
    return out


def instances(table: StatTable, identity: Identity) -> list[Instance]:
    """Every instance of ``identity`` in ``table`` whose cells are all there and numbers."""
    return _found(table, identity, failing_only=False)


def failing_instances(table: StatTable, identity: Identity) -> list[Instance]:
    """The instances of ``identity`` that do not hold: ``instances`` without building the ones that do
    (in a clean report, all of them)."""
    return _found(table, identity, failing_only=True)


PART_NAMES = ("总数", "分项")  # the names of an identity for each part list


def listed_parts(table: StatTable, part: PartList) -> Optional[list[str]]:
    """The parts of ``part`` the table lists, when the total can be checked against their sum: the total
    and every listed part hold a number, the listing is complete (every required part, or the closing
    one) with two parts or more, and no row the format does not know was read among them."""
    column = table.spec.columns[0]

    def number(key: str) -> bool:
        cell = table.cell(key, column)
        return cell is not None and cell.kind in ("integer", "decimal")

    listed = [p for p in part.parts if p in table.row_lines]
    if (part.total in table.unknown_parts_of or not number(part.total) or len(listed) < 2
            or not all(number(p) for p in listed)):
        return None
    if not (set(part.required) <= set(listed) or (part.closing and part.closing in listed)):
        return None
    return listed


def _part_instance(table: StatTable, identity: Identity, part: PartList) -> Optional[Instance]:
    listed = listed_parts(table, part)
    if listed is None:
        return None
    column = table.spec.columns[0]
    cells = {"总数": [(part.total, column)], "分项": [(p, column) for p in listed]}
    coefficients: dict[Cell, int] = {}
    values: list[Number] = []
    for side, sign in ((identity.left, 1), (identity.right, -1)):
        linear = side.linear(PART_NAMES)
        if linear is None:
            return None
        terms, constant = linear
        total: Number = constant
        for name, c in terms.items():
            for cell in cells[name]:
                value = table.number(*cell)
                assert value is not None  # listed_parts admits numbers only
                total += c * value
                coefficients[cell] = coefficients.get(cell, 0) + sign * c
        values.append(total)
    return Instance(identity, part.total, tuple(coefficients.items()), values[0], values[1])


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


def corrections(table: StatTable, identities: Iterable[Identity], near: Optional[Instance] = None
                ) -> list[Correction]:
    """Each single cell whose change to one valid value makes every instance of ``identities`` hold, in
    the order of the table; empty when every instance holds or no single cell does it.

    With ``near``, only the instances linked to it through the cells they share count: the totals of the
    附表 are independent of one another, so a defect in one does not hide where another one is. (The
    instances of table 三 are all linked, through its rows and columns; those of a table-四 group are
    linked to no other group's.)"""
    identities = tuple(identities)
    if near is None:
        return _kept(table, ("all", identities), lambda: _solve(table, _all_instances(table, identities)))
    return corrections_near(table, identities, [near])[0]


def _kept(table: StatTable, key: tuple[str, tuple[Identity, ...]], compute: Callable[[], _T]) -> _T:
    """``compute()``, once per finished table and ``key`` (a kind and identities: several rules solve the
    same identities of one table). Kept by the identities' ids; the entry holds them, so an id is never
    reused while it lives."""
    kind, identities = key
    memo_key = (kind, tuple(id(i) for i in identities))
    entry = table.solved.get(memo_key)
    if entry is None or any(a is not b for a, b in zip(entry[0], identities)):
        entry = table.solved[memo_key] = (identities, compute())
    return cast(_T, entry[1])


def _all_instances(table: StatTable, identities: tuple[Identity, ...]) -> list[Instance]:
    return _kept(table, ("instances", identities),
                 lambda: [i for identity in identities for i in instances(table, identity)])


def corrections_near(table: StatTable, identities: Iterable[Identity], targets: Sequence[Instance]
                     ) -> list[list[Correction]]:
    """``corrections(table, identities, near=t)`` for each of ``targets``, each linked group of instances
    solved once (a broken table 三 has dozens of failing instances, all in one group)."""
    identities = tuple(identities)
    groups = _kept(table, ("groups", identities), lambda: _linked_groups(_all_instances(table, identities)))
    solved: dict[int, list[Correction]] = _kept(table, ("solved", identities), dict)  # filled below
    out: list[list[Correction]] = []
    for target in targets:
        n = next((k for k, group in enumerate(groups) if target in group), None)
        if n is None:
            out.append(_solve(table, _linked_groups([target])[0]))
            continue
        if n not in solved:
            solved[n] = _solve(table, groups[n])
        out.append(solved[n])
    return out


def _solve(table: StatTable, all_instances: list[Instance]) -> list[Correction]:
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


def _linked_groups(found: list[Instance]) -> list[list[Instance]]:
    """The instances in groups linked through the cells they read, each group in the order of its
    instances and the groups in the order of their first ones (instances reading no cell: one group).

    Union-find over the instances, joined when a cell is read by an instance after the first that reads
    it: one dictionary lookup a cell read, where joining cells took two root searches."""
    parent = list(range(len(found)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    first_reader: dict[Cell, int] = {}
    reads_none: list[bool] = []
    for n, instance in enumerate(found):
        none = True
        for cell, c in instance.coefficients:
            if c:
                none = False
                first = first_reader.setdefault(cell, n)
                if first != n:
                    parent[root(n)] = root(first)
        reads_none.append(none)
    groups: dict[int, list[Instance]] = {}
    for n, instance in enumerate(found):
        groups.setdefault(-1 if reads_none[n] else root(n), []).append(instance)
    return list(groups.values())


def _order(table: StatTable) -> Callable[[Cell], tuple[int, int]]:
    rows = {r.key: n for n, r in enumerate(table.spec.rows)}
    columns = {c: n for n, c in enumerate(dict.fromkeys(c for r in table.spec.rows for c in table.spec.columns_of(r)))}
    return lambda cell: (rows.get(cell[0], len(rows)), columns.get(cell[1], len(columns)))
