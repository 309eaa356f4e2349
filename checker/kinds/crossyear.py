"""Kinds that compare a report with last year's (``--previous``): carry-over and stock (T030, T031), 内容雷同 (T032).

Domain.md §2.3 items 7 and 8: 二、上年结转 of year N is 四、结转下年度继续办理 of year N−1, column by
column; 现行有效件数 moves by 制发 and 废止. Both are warnings: 机构改革 and revisions counted as 制发
legitimately break them. 国办公开办函〔2021〕30号 （四）明确责任 names "内容雷同" among the faults of a
report; 东莞市统计局 published its 2008 report again for 2010 with only the year changed (§4.3).
"""

from __future__ import annotations

import os
import re
from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds.base import Kind
from checker.facts.sentences import sentences
from checker.tables.expr import mismatch, parse_expression

# In a cross-year expression, a name with this prefix is a cell of last year's table.
PREVIOUS = "上年·"


class CrossYearKind(Kind):
    """An identity between this year's table and last year's, per column (table 三) or per row (table 二).

    ``left``/``right`` are expressions of checker/tables/expr.py; ``上年·四`` reads row 四 (or, per row,
    column 现行有效件数 as ``上年·现行有效件数``) of the previous report's table. ``anchor`` is the cell
    of this year's table the finding points at. Silent without a readable previous report, when the
    two reports are not of consecutive years, or when either table is missing.
    """

    def __init__(self, params):
        super().__init__(params)
        self.left = parse_expression(params["left"])
        self.right = parse_expression(params["right"])

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        prev = report.previous
        if prev is None or not _consecutive_years(report, prev):
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
                yield from self._compare(this, lookup, keys, (self.params["anchor"], column), f"{column}列",
                                         shown, prev)
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
                yield from self._compare(this, lookup, keys, (row, self.params["anchor"]), f"{row}行", shown, prev)

    def _compare(self, table, lookup, keys, anchor, where, shown, prev) -> Iterator[Hit]:
        values = mismatch(self.left, self.right, lookup, keys)
        if values is None:
            return
        left, right = values
        line, col = table.position(*anchor)
        yield Hit(line, col, args={"table": table.table, "where": where, "lval": left, "rval": right,
                                   "diff": abs(left - right), "previous": shown,
                                   "previous_year": prev.facts.year or "上一"})


def _consecutive_years(report: AnalysedReport, prev: AnalysedReport) -> bool:
    """Whether ``prev`` is the report of the year before ``report``'s (unknown years do not block)."""
    this, last = report.facts.year, prev.facts.year
    return this is None or last is None or last == this - 1


# --- T032 -------------------------------------------------------------------------------------------

_YEAR = re.compile(r"(?:(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})\s*年")
_DIGITS = re.compile(r"[0-9０-９][0-9０-９.．,，%％]*")
_CN_COUNT = re.compile(r"[〇零一二两三四五六七八九十百千万]+(?=[件项次条个名人篇期份家])")
_SPACE = re.compile(r"\s+")


def normalise(sentence: str) -> str:
    """A sentence as compared across years: years and figures are placeholders, no white space, no end mark."""
    text = _SPACE.sub("", sentence)
    text = _YEAR.sub("#年", text)
    text = _DIGITS.sub("#", text)
    text = _CN_COUNT.sub("#", text)
    return text.rstrip("。！？!?；;，,")


def _body_sentences(report: AnalysedReport, min_length: int, ignore: list[re.Pattern], skip_preamble: bool):
    """(normalised sentence, line, column) for the prose of the body: sentences, not headings or table text."""
    skipped = {id(b) for b in (report.outline.preamble if skip_preamble else [])}
    title = report.outline.title
    for block in report.document.text_blocks():
        if id(block) in skipped or block is title or not re.search(r"[。！？；!?;]", block.text):
            continue
        for offset, sentence in sentences(block.text, "。！？；!?;"):
            norm = normalise(sentence)
            if len(norm) < min_length or any(rx.search(sentence) for rx in ignore):
                continue
            lead = len(sentence) - len(sentence.lstrip())
            yield norm, block.line, block.col + offset + lead


class RepeatedTextKind(Kind):
    """T032: the share of this report's sentences that also stand in last year's, figures and years aside."""

    def __init__(self, params):
        super().__init__(params)
        self.ignore = [re.compile(p) for p in params.get("ignore", [])]

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        prev = report.previous
        if prev is None:
            return
        min_length = self.params.get("min_length", 15)
        skip_preamble = self.params.get("skip_preamble", True)
        ours = list(_body_sentences(report, min_length, self.ignore, skip_preamble))
        if len(ours) < self.params.get("min_sentences", 5):
            return
        theirs = {s for s, _, _ in _body_sentences(prev, min_length, self.ignore, skip_preamble)}
        repeated = [(line, col) for s, line, col in ours if s in theirs]
        share = len(repeated) / len(ours)
        if share < self.params.get("threshold", 0.5):
            return
        line, col = repeated[0]
        yield Hit(line, col, args={"share": f"{share:.0%}", "repeated": len(repeated), "total": len(ours),
                                   "previous": os.path.basename(prev.path),
                                   "previous_year": prev.facts.year or "上一"})
