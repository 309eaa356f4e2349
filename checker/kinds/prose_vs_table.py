"""Kind ``prose-vs-table``: a count stated in the prose equals its table cell(s) (T020)."""

from __future__ import annotations

import re
from typing import Any, Iterator, Optional, Union

from msgspec import Struct

from checker.analysis import AnalysedReport
from checker.cnnum import number_value
from checker.facts.joined import JoinedTexts
from checker.facts.sentences import clause_start
from checker.findings import Hit
from checker.kinds._counts import (
    approx_after, approx_before, CN_DIGITS, NUMBER, CountPhrase, NumberSites, number_sites,
)
from checker.kinds._tables import column_keys, require_expression, require_keys, row_keys, table_specs
from checker.kinds.base import Kind, Listing
from checker.lazy import compile_now, regex, required_literals
from checker.model import Block
from checker.tables.expr import Expression, parse_expression
from checker.tables.solve import BUILTIN_IDENTITIES, Correction, corrections

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


class _CountEntry(Struct):
    label: str
    phrase: CountPhrase
    table: str
    expr: Expression
    column: Optional[str]
    cells: Union[str, dict[str, str]]  # the cells as the message names them, in one or each language
    eras: tuple[str, ...]
    breakdown: bool
    unit: str = "件"
    # A paragraph with none of these cannot hold the phrase (lazy.required_literals; None: no such test).
    literals: Optional[tuple[str, ...]] = None


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():  # the regex's \s
        pos += 1
    return pos


def _after_mark(text: str, pos: int, marks: str, optional: bool = False, then: tuple[str, ...] = ()) -> int | None:
    """Where ``re.match(r"\\s*[MARKS]\\s*(?:THEN…)", text[pos:])`` (the mark optional with ``optional``) ends
    in ``text``, or None; three small regexes of T020 that a cold start compiled, read by hand."""
    at = _skip_space(text, pos)
    if at < len(text) and text[at] in marks:
        at = _skip_space(text, at + 1)
    elif not optional:
        return None
    if not then:
        return at
    word = next((w for w in then if text.startswith(w, at)), None)
    return None if word is None else at + len(word)


class ProseVsTableKind(Kind):
    """A count stated in the prose equals its table cell(s).

    ``counts``: one entry per figure, in order; the first entry whose phrase takes a number owns it
    (put combined phrasings such as 予以公开和部分公开合计N件 before the single ones). For table 三 the
    expression is over row keys, evaluated in ``column`` (default 总计) or in the applicant's column
    when the phrase is directly preceded by one (``applicants``); for table 四 it is over the column
    keys of its one row; for table 二 and the 2007-era 附表 over row keys in ``column``. After a
    table-三 figure, a breakdown "，其中自然人28件、法人或其他组织9件" is compared column by column.

    The hit gives the entry's ``label``, ``cells`` and ``unit`` (default 件; 条 for 主动公开政府信息N条),
    the number ``found`` as written and the ``expected`` value; for table 三 also the ``columns``
    summed (a Listing), with the variant ``column`` (one column) or ``columns`` (several).
    """

    def __init__(self, params: dict[str, Any]):
        super().__init__(params)
        self.entries: list[_CountEntry] = []
        for i, e in enumerate(params["counts"]):
            expr = parse_expression(e["expr"])
            _check_keys(e, expr, f"counts.{i}")
            # Compiled when a paragraph holds its literals (most reports state only some of the figures in
            # their prose), and matched around one shared NUMBER (_counts.CountPhrase): NUMBER's classes of
            # Chinese numerals make it one of the slowest patterns to compile.
            phrase = CountPhrase(e["pattern"])
            self.entries.append(_CountEntry(
                label=e["label"], phrase=phrase, table=e["table"],
                expr=expr, column=e.get("column"), cells=e["cells"],
                eras=tuple(e.get("eras", ())), breakdown=e.get("breakdown", e["table"] == "三"),
                unit=e.get("unit", "件"), literals=required_literals(phrase.source)))
        # Every count in the rule ends in 件 ("予以公开18件"): a paragraph without one is skipped unread.
        # A paragraph without the unit every count is written in cannot hold one: skipped unread. Only a
        # literal "{N}件" promises the 件 ("{N}(?:件|个)" does not).
        self.needs = "件" if all("{N}件" in e["pattern"] for e in params["counts"]) else ""
        applicants = params.get("applicants", {})
        applicant_columns = column_keys(table_specs("三"))
        for phrase, columns in applicants.items():
            require_keys(columns, applicant_columns, f"applicants.{phrase}", "column", "三")
        self.applicants = sorted(((p, tuple(cols)) for p, cols in applicants.items()), key=lambda a: -len(a[0]))
        self.skip_before = tuple(params.get("skip_before", ()))
        self.skip_within = tuple(params.get("skip_within", ()))
        self.part_neutral = regex(params.get("part_neutral", r"其中(?:依法|已|均|共)?$"))
        if self.applicants:
            alts = "|".join(re.escape(p) for p, _ in self.applicants)
            self._who_before = regex(rf"(?P<who>{alts})(?:申请人)?(?:提出的?|的)?$")
            self._part = regex(rf"\s*(?P<who>{alts})(?:申请人)?[^，、；。！？,;\d{CN_DIGITS}]{{0,6}}?(?P<n>{NUMBER})件")
        else:
            self._who_before = self._part = None
        self._who_columns = dict(self.applicants)

    def compile_now(self) -> None:
        """Compile every regex of the rule: a rule file's are tried when it loads (rules.load_rule_file)."""
        for entry in self.entries:
            entry.phrase.compile_now()
        compile_now(self.part_neutral, self._who_before, self._part)

    # -- evaluation

    def _value(self, table, entry: _CountEntry, columns: tuple[str, ...],
               fix: Optional[Correction] = None) -> Optional[int]:
        """The figure in the table; with ``fix``, in the table with that one cell corrected."""
        def number(row: str, column: str):
            return fix.value if fix is not None and fix.cell == (row, column) else table.number(row, column)
        if entry.table == "四":
            row = table.spec.rows[0].key
            keys = list(table.spec.columns)
            return entry.expr.evaluate(lambda c: number(row, c), keys)
        keys = [r.key for r in table.spec.rows]
        total = 0
        for column in columns:
            value = entry.expr.evaluate(lambda k, c=column: number(k, c), keys)
            if value is None:
                return None
            total += value
        return total

    # -- safeguards

    def _skipped(self, text: str, start: int, n_start: int, n_end: int, end: int, year: Optional[int]) -> bool:
        """Whether a matched figure is not the table's: an estimate, a part, a change, another year."""
        if approx_before(text[max(0, n_start - 3):n_start]):
            return True
        tail = text[n_end:]
        if tail.startswith("件") and approx_after(tail[1:]):
            return True
        if _after_mark(text, end, "（(", then=("含", "包括", "包含")) is not None:
            return True  # "收到申请5件（含上年结转1件）": a different total than the row's
        prefix = text[clause_start(text, start):start]
        if any(w in prefix for w in self.skip_before):
            return True
        if any(w in text[start:n_start] for w in self.skip_within):
            return True
        if year and any(int(y) != year for y in _YEAR.findall(prefix)):
            return True  # "2022年新收申请30件" in the 2023 report: last year's figure
        if "其中" in prefix and not self.part_neutral.search(prefix) and not self._applicant_before(prefix):
            return True  # "其中通过网上收到申请20件": a part of the figure, not the figure
        return False

    def _applicant_before(self, prefix: str) -> Optional[str]:
        if self._who_before is None:
            return None
        m = self._who_before.search(prefix)
        return m.group("who") if m else None

    def _corrections(self, table) -> list[Correction]:
        """The single cells whose correction would make every identity of ``table`` hold (none when they all
        hold, or when no one cell does it)."""
        key = id(table)
        if key not in self._fixes:
            self._fixes[key] = corrections(table, BUILTIN_IDENTITIES.get(table.spec.table, ()))
        return self._fixes[key]

    # -- check

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        tables = report.tables
        self._fixes: dict[int, list[Correction]] = {}
        if not tables.tables:
            return
        year = report.facts.year
        blocks = [block for block in report.document.text_blocks() if self.needs in block.text]
        # Which paragraphs may hold each phrase, found for all of them at once (facts/joined.py): a test of
        # every paragraph for every phrase was a tenth of a clean report's check.
        joined = JoinedTexts([block.text for block in blocks])
        candidates: list[list[tuple[Any, Any]]] = [[] for _ in blocks]  # per paragraph, in the entries' order
        everywhere = range(len(blocks))
        for entry in self.entries:
            table = tables.get(entry.table)
            if table is None or (entry.eras and table.era not in entry.eras):
                continue
            # A phrase none of whose literals a paragraph holds is neither compiled nor run for it.
            for index in (sorted(joined.holding(entry.literals)) if entry.literals else everywhere):
                candidates[index].append((entry, table))
        for block, usable in zip(blocks, candidates):
            if not usable:
                continue
            text = block.text
            claimed: set[int] = set()
            sites: Optional[NumberSites] = None  # the paragraph's numbers, found once for every phrase
            for entry, table in usable:
                if sites is None:
                    sites = number_sites(text)
                for m in entry.phrase.finditer(text, sites):
                    n_start, n_end = m.span("n")
                    if n_start in claimed:
                        continue
                    claimed.add(n_start)
                    if self._skipped(text, m.start(), n_start, n_end, m.end(), year):
                        continue
                    found = number_value(m.group("n"))
                    if found is None:
                        continue
                    who = None
                    columns: tuple[str, ...] = (entry.column or "总计",)
                    if entry.table == "三":
                        who = self._applicant_before(text[clause_start(text, m.start()):m.start()])
                        if who:
                            columns = self._who_columns[who]
                    yield from self._compare(block, entry, table, columns, who, m.group("n"), found, n_start)
                    if entry.breakdown and who is None and self._part is not None:
                        yield from self._breakdown(block, entry, table, m.end(), found, claimed)

    def _compare(self, block: Block, entry, table, columns, who, raw: str, found: int, offset: int) -> Iterator[Hit]:
        expected = self._value(table, entry, columns)
        if expected is None or expected == found:
            return
        if any(self._value(table, entry, columns, fix) == found for fix in self._corrections(table)):
            return  # one cell of the table breaks its totals, and the prose has it right: T010–T014 report the cell
        args = {"label": entry.label if who is None else f"{who}{entry.label}", "found": raw,
                "expected": expected, "cells": entry.cells, "unit": entry.unit}
        variant = None
        if entry.table == "三":
            args["columns"] = Listing(columns)
            variant = "columns" if len(columns) > 1 else "column"
        yield Hit(block.line, block.col + offset, end_line=block.line, end_column=block.col + offset + len(raw),
                  variant=variant, args=args)

    def _breakdown(self, block: Block, entry, table, pos: int, total: int, claimed: set[int]) -> Iterator[Hit]:
        """"……申请37件，其中自然人28件、法人或其他组织9件": each part against its column."""
        text = block.text
        head_end = _after_mark(text, pos, "，,：:", optional=True, then=("其中",))
        if head_end is None:
            return
        pos = head_end
        parts = []
        while True:
            m = self._part.match(text, pos)
            if not m:
                break
            parts.append(m)
            pos = m.end()
            sep_end = _after_mark(text, pos, "，、,")
            if sep_end is None:
                break
            pos = sep_end
        values = [number_value(m.group("n")) for m in parts]
        if not parts or None in values or sum(values) > total:
            return  # not a breakdown of this figure (T022 reports parts above their total)
        for m, value in zip(parts, values):
            claimed.add(m.start("n"))
            who = m.group("who")
            yield from self._compare(block, entry, table, self._who_columns[who], who, m.group("n"), value,
                                     m.start("n"))


def _check_keys(entry: dict[str, Any], expr: Expression, where: str) -> None:
    """The entry's table, the keys of its expression and its column exist in the format (of its eras)."""
    table, column = entry["table"], entry.get("column")
    specs = table_specs(table, entry.get("eras"), f"{where}.table")
    if table == "四":
        if column:
            raise ValueError(f"{where}.column: table 四 has one row; name its columns in expr")
        require_expression(expr, column_keys(specs), f"{where}.expr", "column", table)
        return
    rows = row_keys(specs)
    require_expression(expr, rows, f"{where}.expr", "row", table)
    if table in ("二", "附表") and not column:
        raise ValueError(f"{where}.column: a table-{table} figure needs a column")
    if column:
        require_keys([column], column_keys(specs, expr.names(rows)), f"{where}.column", "column", table)
