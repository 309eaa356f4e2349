"""Kind ``prose-percent``: a share "占…N%" stated in the prose is its numerator ÷ denominator (T021)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Iterator, Optional, Union

from msgspec import Struct

from checker.analysis import AnalysedReport
from checker.cnnum import number_value
from checker.facts.sentences import clause_start
from checker.findings import Hit
from checker.kinds._counts import (
    approx_before, TOTAL_MARKER, UNITS, CountPhrase, breakdowns, count_regex, is_breakdown_total,
)
from checker.kinds._tables import require_expression, row_keys, table_specs
from checker.kinds.base import Kind
from checker.lazy import compile_now, regex
from checker.tables.expr import Expression, parse_expression

_PERCENT = regex(r"(?<![\d.])(?P<p>\d+(?:\.\d+)?)\s*[%％]")
# How far back from a percentage its numerator and denominator may stand: a share is stated within a
# clause or two, and a bounded look-back keeps a megabyte-long line linear.
_LOOKBACK = 200
_COUNT = count_regex()
_UNIT_ALTERNATIVES = "|".join(map(re.escape, sorted(UNITS, key=len, reverse=True)))
_GENERIC_TOTAL = regex(r"^(?:总数|总量|总件数|全部|合计数?)$")


class _Denominator(Struct):
    label: str
    keyword: re.Pattern
    stated: Optional[CountPhrase]
    table: Optional[str]
    expr: Optional[Expression]
    cells: Union[str, dict[str, str]]  # the cells as the message names them, in one or each language


class ProsePercentKind(Kind):
    """"予以公开272件，占办结总数的33.9%" equals numerator ÷ denominator, rounded as printed.

    The numerator is the count (N件) right before the 占 phrase; the denominator is named in the
    phrase ("办结总数") and taken from the same sentence when it states it, else from the table. A
    bare "占33.9%" after a breakdown ("共25件，其中……18件，占72%") divides by the breakdown's total.
    Rates (满意率96.4%, 同比增长12%) have no 占 and are not read.

    The variant says where the denominator came from: the table (no variant; the hit gives the
    entry's ``cells``), ``stated`` in the sentence (its ``label`` and the number as ``stated``) or the
    ``breakdown`` total the share is part of (the number as ``stated``).
    """

    def __init__(self, params: dict[str, Any]):
        super().__init__(params)
        self.denominators = []
        for i, d in enumerate(params["denominators"]):
            if d.get("table"):
                table = d["table"]
                specs = table_specs(table, where=f"denominators.{i}.table")
                require_expression(parse_expression(d["expr"]), row_keys(specs), f"denominators.{i}.expr",
                                   "row", table)
            self.denominators.append(_Denominator(
                label=d["label"], keyword=regex(d["keyword"]),
                stated=CountPhrase(d["stated"]) if d.get("stated") else None,
                table=d.get("table"), expr=parse_expression(d["expr"]) if d.get("expr") else None,
                cells=d.get("cells", "")))

    def compile_now(self) -> None:
        """Compile the rule's regexes, made on first use: a rule file's are tried when it loads
        (rules.load_rule_file)."""
        compile_now(*(d.keyword for d in self.denominators))
        for d in self.denominators:
            if d.stated is not None:
                d.stated.compile_now()

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        tables = report.tables
        for each in report.sentences:
            block, offset, sentence = each.block, each.offset, each.text
            if "%" not in sentence and "％" not in sentence:
                continue  # nearly every sentence: _PERCENT is neither run nor compiled
            for m in _PERCENT.finditer(sentence):
                found = self._check_one(tables, sentence, m)
                if found:
                    variant, args = found
                    start = offset + m.start()
                    yield Hit(block.line, block.col + start, end_line=block.line,
                              end_column=block.col + offset + m.end(), variant=variant, args=args)

    def _check_one(self, tables, sentence: str, m: re.Match) -> Optional[tuple[Optional[str], dict]]:
        seps = "，,；;：:。！？!?"
        cstart = clause_start(sentence, m.start(), seps)
        clause = sentence[cstart:m.start()]
        intro = re.search(r"占(?P<den>[^，,；;。]*?)(?:的)?(?:比例|比重)?(?:为|是|达到?)?$", clause)
        if intro:
            den_phrase = intro.group("den")
            if den_phrase.startswith("比"):
                den_phrase = den_phrase[1:]  # 占比为33.9%
            zhan = cstart + intro.start()
        elif unit := re.search(rf"(?:{_UNIT_ALTERNATIVES})\s*[（(]$", sentence[max(0, m.start() - 8):m.start()]):
            den_phrase = ""  # 予以公开18件（48.6%）
            zhan = max(0, m.start() - 8) + unit.start() + len(unit.group(0).rstrip("（( "))
        else:
            return None  # a rate (满意率96.4%) or a change (同比增长12%), not a share
        window = max(0, zhan - _LOOKBACK)
        before = sentence[window:zhan]
        counts = list(_COUNT.finditer(before))
        if not counts:
            return None
        num_m = counts[-1]
        # the numerator stands in the clause of 占 or in the clause just before it
        c0 = clause_start(sentence, zhan, seps)
        near = c0 if window + num_m.start() >= c0 or c0 == 0 else clause_start(sentence, c0 - 1, seps)
        if window + num_m.start() < near or approx_before(before[:num_m.start()]):
            return None
        numerator = number_value(num_m.group("n"))
        if numerator is None:
            return None
        candidates = self._denominators(tables, den_phrase, before[:num_m.start()], num_m.group("unit"))
        candidates = [c for c in candidates if c[0]]
        if not candidates:
            return None
        printed = Decimal(m.group("p"))
        exponent = printed.as_tuple().exponent
        quantum = Decimal(1).scaleb(exponent if exponent < 0 else 0)
        for denominator, _, _ in candidates:
            exact = Decimal(numerator) * 100 / Decimal(denominator)
            if abs(printed - exact) <= quantum / 2 + Decimal("1e-9"):
                return None
        denominator, variant, source = candidates[0]
        expected = (Decimal(numerator) * 100 / Decimal(denominator)).quantize(quantum, rounding=ROUND_HALF_UP)
        return variant, {"printed": m.group("p"), "numerator": numerator, "denominator": denominator,
                         "unit": num_m.group("unit"),
                         "expected": format(expected, "f"), **source}

    def _denominators(self, tables, phrase: str, before: str, unit: str) -> list[tuple[int, Optional[str], dict]]:
        """The possible denominators, best first: stated in the sentence, else the table's cell(s); each
        with the message variant and the args that say where it comes from."""
        if not phrase.strip() or _GENERIC_TOTAL.match(phrase):
            # 占N% or 占总数的N%: the total of the breakdown the numerator belongs to ("全年办结85件，其中…")
            breaks = breakdowns(before)
            k = breaks[-1].start() if breaks else -1
            totals = [t for t in _COUNT.finditer(before, 0, k) if t.group("unit") == unit] if k >= 0 else []
            if not totals:
                return []
            total = totals[-1]
            if not is_breakdown_total(before, total, k, TOTAL_MARKER):
                return []  # "上年结转1件，其中……": not clearly the total the share is of
            value = number_value(total.group("n"))
            return [(value, "breakdown", {"stated": total.group("n")})] if value is not None else []
        if unit != "件":
            return []  # the named denominators (办结总数, 新收申请总数) count applications, in 件
        matching = [d for d in self.denominators if d.keyword.search(phrase)]
        for d in matching:
            # stated in the phrase itself ("占全年办结37件的48.6%") or earlier in the sentence
            stated = [] if d.stated is None else (list(d.stated.finditer(phrase)) or list(d.stated.finditer(before)))
            value = number_value(stated[-1].group("n")) if stated else None
            if value is not None:
                return [(value, "stated", {"label": d.label, "stated": stated[-1].group("n")})]
        out = []
        for d in matching:  # a phrase with two readings (申请总数: 新收, or 新收+结转) passes if either fits
            table = tables.get(d.table) if d.table else None
            if table is None or d.expr is None:
                continue
            value = d.expr.evaluate(lambda k, t=table: t.number(k, "总计"), [r.key for r in table.spec.rows])
            if value is not None:
                out.append((value, None, {"cells": d.cells}))
        return out
