"""A small safe expression language for table identities: names, integers, + and -, sum(glob).

    一 + 二                      rows of table 三, evaluated in one column
    三（一） + sum(三（三）*)      sum() adds every key the glob matches (fnmatch)
    总计                          a column, evaluated in one row

Parsed once into a list of (sign, operand); evaluated against a lookup. No eval, no attributes,
nothing but addition and subtraction of cells.
"""

from __future__ import annotations

import fnmatch
import re
from functools import lru_cache
from typing import Callable, Iterable, Optional

from msgspec import Struct

from checker.memo import store_beside_fields
from checker.tables.model import Number

_TOKEN = re.compile(r"\s*(?:(?P<sum>sum\(\s*(?P<glob>[^()\s]+)\s*\))|(?P<int>\d+)|(?P<op>[+\-])|(?P<name>[^\s+\-()]+))")


class ExpressionError(ValueError):
    pass


@lru_cache(maxsize=4096)
def _matching(glob: str, keys: tuple[str, ...]) -> tuple[str, ...]:
    """The keys ``glob`` matches, in order. Kept: every table of a batch asks the same few (glob, keys)."""
    return tuple(k for k in keys if fnmatch.fnmatchcase(k, glob))


class Operand(Struct, frozen=True):
    """One term of an expression: a cell name, a ``sum(glob)`` or an integer."""

    kind: str  # "name" | "sum" | "int"
    text: str


class Expression(Struct, frozen=True, dict=True):
    """A parsed expression: signed operands, as written in ``source``."""

    source: str
    terms: tuple[tuple[int, Operand], ...]

    @property
    def _linear(self) -> dict[tuple[str, ...], Optional[tuple[tuple[tuple[str, int], ...], int]]]:
        """keys → the linear form over them (``linear``): asked once per column, row and report with the same
        keys. Kept in the instance's ``__dict__`` (``dict=True``), outside the fields that equality and hash read."""
        return store_beside_fields(self, "_linear")

    def names(self, keys: Iterable[str]) -> list[str]:
        """The cell keys this expression reads, given the keys that exist."""
        keys = tuple(keys)
        out: list[str] = []
        for _, op in self.terms:
            if op.kind == "name":
                out.append(op.text)
            elif op.kind == "sum":
                out.extend(_matching(op.text, keys))
        return out

    def linear(self, keys: Iterable[str]) -> Optional[tuple[dict[str, int], int]]:
        """The expression as ``constant + Σ coefficient·cell``: the coefficient of each key it reads and
        the constant, or None when a ``sum(glob)`` matches no key (as ``evaluate`` cannot compute it)."""
        keys = tuple(keys)
        if keys not in self._linear:
            self._linear[keys] = self._linear_form(keys)
        form = self._linear[keys]
        return None if form is None else (dict(form[0]), form[1])  # a new dict: callers may keep or change it

    def _linear_form(self, keys: tuple[str, ...]) -> Optional[tuple[tuple[tuple[str, int], ...], int]]:
        coefficients: dict[str, int] = {}
        constant = 0
        for sign, op in self.terms:
            if op.kind == "int":
                constant += sign * int(op.text)
                continue
            matched = (op.text,) if op.kind == "name" else _matching(op.text, keys)
            if not matched:
                return None
            for key in matched:
                coefficients[key] = coefficients.get(key, 0) + sign
        return tuple(coefficients.items()), constant

    def evaluate(self, lookup: Callable[[str], Optional[Number]], keys: Iterable[str]) -> Optional[Number]:
        """The value, or None when a cell it needs is missing or not a number."""
        keys = tuple(keys)
        total: Number = 0
        for sign, op in self.terms:
            value: Optional[Number]
            if op.kind == "int":
                value = int(op.text)
            elif op.kind == "name":
                value = lookup(op.text)
            else:
                matched = _matching(op.text, keys)
                values = [lookup(k) for k in matched]
                present = [v for v in values if v is not None]
                value = sum(present) if matched and len(present) == len(values) else None
            if value is None:
                return None
            total += sign * value
        return total


def parse_expression(source: str) -> Expression:
    terms: list[tuple[int, Operand]] = []
    pos, sign, expect_operand = 0, 1, True
    text = source.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ExpressionError(f"cannot read '{text[pos:]}' in '{source}'")
        pos = m.end()
        if m.group("op"):
            if not expect_operand:
                sign, expect_operand = (1 if m.group("op") == "+" else -1), True
            elif m.group("op") == "-":
                sign = -sign
            continue
        if not expect_operand:
            raise ExpressionError(f"missing + or - before '{m.group(0).strip()}' in '{source}'")
        if m.group("sum"):
            op = Operand("sum", m.group("glob"))
        elif m.group("int"):
            op = Operand("int", m.group("int"))
        else:
            op = Operand("name", m.group("name"))
        terms.append((sign, op))
        sign, expect_operand = 1, False
    if not terms or expect_operand:
        raise ExpressionError(f"incomplete expression '{source}'")
    return Expression(source, tuple(terms))


def mismatch(left: Expression, right: Expression, lookup: Callable[[str], Optional[Number]],
             keys: Iterable[str]) -> Optional[tuple[Number, Number]]:
    """(left value, right value) when both can be computed and differ; None when they agree or a cell
    they need is missing (a missing row is T002's business, not an identity's)."""
    keys = tuple(keys)
    lval, rval = left.evaluate(lookup, keys), right.evaluate(lookup, keys)
    if lval is None or rval is None or lval == rval:
        return None
    return lval, rval
