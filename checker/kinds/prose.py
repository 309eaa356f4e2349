"""Kinds over the numbers of the prose: counts against the tables (T020), percentages (T021), parts of a total (T022).

Reports repeat their table figures in section 一 ("共新收政府信息公开申请37件……予以公开18件"), and an
evaluator reads a contradiction between text and table as "发布内容不准确" (国办公开办函〔2021〕30号
（四）明确责任; 粤办函〔2010〕249号 "数据失准"). The real trap is the false alarm: "其中自然人申请30件" is a
part, "予以公开及部分公开258件" a combined figure, "同比增长5件" a difference, "近200件" an estimate.
So the phrase that names a figure is data in the rule file (a tight regex per figure), and this module
only adds the safeguards every figure needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterator, Optional

from checker.analysis import AnalysedReport
from checker.cnnum import number_value
from checker.facts.sentences import clause_start, mask_parentheses, sentences
from checker.findings import Hit
from checker.kinds.base import Kind
from checker.model import Block
from checker.tables.expr import Expression, parse_expression

_CN = "〇零一二两三四五六七八九十百千万"
# A count as reports write it: 37, ３７, 三十七, 两. Not the tail of a longer number, a decimal or
# an ordinal (第三件); not an estimate in words (数十件, 几十件, 上百件).
NUMBER = rf"(?<![0-9０-９.．{_CN}第])(?:[0-9０-９]+|(?<![数几上])[〇零一二两三四五六七八九十][{_CN}]*)"
N_TOKEN = "{N}"

# An estimate or a bound is not a count: 近200件, 约30件, 超过50件, 200件以上, 30件左右, 5件次.
_APPROX_BEFORE = re.compile(r"(?:近|约|超过|超|逾|不足|不到|将近|大约|多于|少于)$")
_APPROX_AFTER = re.compile(r"^(?:以上|以下|左右|之多|次|余)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# Words that make a count a total ("共受理申请25件", "全年办结85件"): 共, but not 公共, 共同, 共享.
TOTAL_MARKERS = ("(?<!公)共(?![同享建性识])", "合计", "总计", "累计", "全部", "总数", "全年")


def compile_count_pattern(pattern: str) -> re.Pattern:
    """A rule's phrase: a regex in which ``{N}`` stands for the number (the named group ``n``)."""
    if pattern.count(N_TOKEN) != 1:
        raise ValueError(f"pattern '{pattern}' must contain {N_TOKEN} exactly once (where the number stands)")
    return re.compile(pattern.replace(N_TOKEN, f"(?P<n>{NUMBER})"))


def _marker_regex(markers) -> re.Pattern:
    return re.compile("|".join(f"(?:{m})" for m in markers))


_TOTAL_MARKER = _marker_regex(TOTAL_MARKERS)


# --- T020 -------------------------------------------------------------------------------------------

@dataclass
class _CountEntry:
    label: str
    regex: re.Pattern
    table: str
    expr: Expression
    column: Optional[str]
    cells: str
    eras: tuple[str, ...]
    breakdown: bool


class ProseCountKind(Kind):
    """T020: a count stated in the prose equals its table cell(s).

    ``counts``: one entry per figure, in order; the first entry whose phrase takes a number owns it
    (put combined phrasings such as 予以公开和部分公开合计N件 before the single ones). For table 三 the
    expression is over row keys, evaluated in ``column`` (default 总计) or in the applicant's column
    when the phrase is directly preceded by one (``applicants``); for table 四 it is over the column
    keys of its one row; for table 二 over row keys in ``column``. After a table-三 figure, a
    breakdown "，其中自然人28件、法人或其他组织9件" is compared column by column.
    """

    def __init__(self, params):
        super().__init__(params)
        self.entries: list[_CountEntry] = []
        for e in params["counts"]:
            if e["table"] == "二" and not e.get("column"):
                raise ValueError(f"count '{e['label']}': a table-二 figure needs a column")
            self.entries.append(_CountEntry(
                label=e["label"], regex=compile_count_pattern(e["pattern"]), table=e["table"],
                expr=parse_expression(e["expr"]), column=e.get("column"), cells=e["cells"],
                eras=tuple(e.get("eras", ())), breakdown=e.get("breakdown", e["table"] == "三")))
        # Every count in the rule ends in 件 ("予以公开18件"): a paragraph without one is skipped unread.
        self.needs = "件" if all("件" in e["pattern"] for e in params["counts"]) else ""
        applicants = params.get("applicants", {})
        self.applicants = sorted(((p, tuple(cols)) for p, cols in applicants.items()), key=lambda a: -len(a[0]))
        self.skip_before = tuple(params.get("skip_before", ()))
        self.skip_within = tuple(params.get("skip_within", ()))
        self.part_neutral = re.compile(params.get("part_neutral", r"其中(?:依法|已|均|共)?$"))
        if self.applicants:
            alts = "|".join(re.escape(p) for p, _ in self.applicants)
            self._who_before = re.compile(rf"(?P<who>{alts})(?:申请人)?(?:提出的?|的)?$")
            self._part = re.compile(rf"\s*(?P<who>{alts})(?:申请人)?[^，、；。！？,;\d{_CN}]{{0,6}}?(?P<n>{NUMBER})件")
        else:
            self._who_before = self._part = None
        self._who_columns = dict(self.applicants)

    # -- evaluation

    def _value(self, table, entry: _CountEntry, columns: tuple[str, ...]) -> Optional[int]:
        if entry.table == "四":
            row = table.spec.rows[0].key
            keys = list(table.spec.columns)
            return entry.expr.evaluate(lambda c: table.number(row, c), keys)
        keys = [r.key for r in table.spec.rows]
        total = 0
        for column in columns:
            value = entry.expr.evaluate(lambda k, c=column: table.number(k, c), keys)
            if value is None:
                return None
            total += value
        return total

    def _where(self, entry: _CountEntry, columns: tuple[str, ...], who: Optional[str]) -> str:
        if entry.table != "三":
            return entry.cells
        return f"{entry.cells}（{'、'.join(columns)}列{'之和' if len(columns) > 1 else ''}）"

    # -- safeguards

    def _skipped(self, text: str, start: int, n_start: int, n_end: int, end: int, year: Optional[int]) -> bool:
        """Whether a matched figure is not the table's: an estimate, a part, a change, another year."""
        if _APPROX_BEFORE.search(text[max(0, n_start - 3):n_start]):
            return True
        tail = text[n_end:]
        if tail.startswith("件") and _APPROX_AFTER.match(tail[1:]):
            return True
        if re.match(r"\s*[（(]\s*(?:含|包括|包含)", text[end:]):
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

    # -- check

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        tables = report.tables
        if not tables.tables:
            return
        year = report.facts.year
        for block in report.document.text_blocks():
            text = block.text
            if self.needs not in text:
                continue
            claimed: set[int] = set()
            for entry in self.entries:
                table = tables.get(entry.table)
                if table is None or (entry.eras and table.era not in entry.eras):
                    continue
                for m in entry.regex.finditer(text):
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
        yield Hit(block.line, block.col + offset, end_line=block.line, end_column=block.col + offset + len(raw),
                  args={"label": entry.label if who is None else f"{who}{entry.label}", "found": raw,
                        "expected": expected, "where": self._where(entry, columns, who)})

    def _breakdown(self, block: Block, entry, table, pos: int, total: int, claimed: set[int]) -> Iterator[Hit]:
        """"……申请37件，其中自然人28件、法人或其他组织9件": each part against its column."""
        text = block.text
        head = re.match(r"\s*[，,：:]?\s*其中", text[pos:])
        if not head:
            return
        pos += head.end()
        parts = []
        while True:
            m = self._part.match(text, pos)
            if not m:
                break
            parts.append(m)
            pos = m.end()
            sep = re.match(r"\s*[，、,]\s*", text[pos:])
            if not sep:
                break
            pos += sep.end()
        values = [number_value(m.group("n")) for m in parts]
        if not parts or None in values or sum(values) > total:
            return  # not a breakdown of this figure (T022 reports parts above their total)
        for m, value in zip(parts, values):
            claimed.add(m.start("n"))
            who = m.group("who")
            yield from self._compare(block, entry, table, self._who_columns[who], who, m.group("n"), value,
                                     m.start("n"))


# --- T021 -------------------------------------------------------------------------------------------

_PERCENT = re.compile(r"(?<![\d.])(?P<p>\d+(?:\.\d+)?)\s*[%％]")
# How far back from a percentage its numerator and denominator may stand: a share is stated within a
# clause or two, and a bounded look-back keeps a megabyte-long line linear.
_LOOKBACK = 200
_COUNT_JIAN = re.compile(rf"(?P<n>{NUMBER})\s*件(?!次)")
_GENERIC_TOTAL = re.compile(r"^(?:总数|总量|总件数|全部|合计数?)$")


@dataclass
class _Denominator:
    label: str
    keyword: re.Pattern
    stated: Optional[re.Pattern]
    table: Optional[str]
    expr: Optional[Expression]
    cells: str


class ProsePercentKind(Kind):
    """T021: "予以公开272件，占办结总数的33.9%" equals numerator ÷ denominator, rounded as printed.

    The numerator is the count (N件) right before the 占 phrase; the denominator is named in the
    phrase ("办结总数") and taken from the same sentence when it states it, else from the table. A
    bare "占33.9%" after a breakdown ("共25件，其中……18件，占72%") divides by the breakdown's total.
    Rates (满意率96.4%, 同比增长12%) have no 占 and are not read.
    """

    def __init__(self, params):
        super().__init__(params)
        self.denominators = []
        for d in params["denominators"]:
            self.denominators.append(_Denominator(
                label=d["label"], keyword=re.compile(d["keyword"]),
                stated=compile_count_pattern(d["stated"]) if d.get("stated") else None,
                table=d.get("table"), expr=parse_expression(d["expr"]) if d.get("expr") else None,
                cells=d.get("cells", "")))

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        tables = report.tables
        for each in report.sentences:
            block, offset, sentence = each.block, each.offset, each.text
            for m in _PERCENT.finditer(sentence):
                hit = self._check_one(tables, sentence, m)
                if hit:
                    start = offset + m.start()
                    yield Hit(block.line, block.col + start, end_line=block.line,
                              end_column=block.col + offset + m.end(), args=hit)

    def _check_one(self, tables, sentence: str, m: re.Match) -> Optional[dict]:
        seps = "，,；;：:。！？!?"
        cstart = clause_start(sentence, m.start(), seps)
        clause = sentence[cstart:m.start()]
        intro = re.search(r"占(?P<den>[^，,；;。]*?)(?:的)?(?:比例|比重)?(?:为|是|达到?)?$", clause)
        if intro:
            den_phrase = intro.group("den")
            if den_phrase.startswith("比"):
                den_phrase = den_phrase[1:]  # 占比为33.9%
            zhan = cstart + intro.start()
        elif re.search(r"件\s*[（(]$", sentence[max(0, m.start() - 8):m.start()]):
            den_phrase = ""  # 予以公开18件（48.6%）
            zhan = sentence.rfind("件", 0, m.start()) + 1
        else:
            return None  # a rate (满意率96.4%) or a change (同比增长12%), not a share
        window = max(0, zhan - _LOOKBACK)
        before = sentence[window:zhan]
        counts = list(_COUNT_JIAN.finditer(before))
        if not counts:
            return None
        num_m = counts[-1]
        # the numerator stands in the clause of 占 or in the clause just before it
        c0 = clause_start(sentence, zhan, seps)
        near = c0 if window + num_m.start() >= c0 or c0 == 0 else clause_start(sentence, c0 - 1, seps)
        if window + num_m.start() < near or _APPROX_BEFORE.search(before[:num_m.start()]):
            return None
        numerator = number_value(num_m.group("n"))
        if numerator is None:
            return None
        candidates = self._denominators(tables, den_phrase, before[:num_m.start()])
        candidates = [(v, s) for v, s in candidates if v]
        if not candidates:
            return None
        printed = Decimal(m.group("p"))
        exponent = printed.as_tuple().exponent
        quantum = Decimal(1).scaleb(exponent if exponent < 0 else 0)
        for denominator, _ in candidates:
            exact = Decimal(numerator) * 100 / Decimal(denominator)
            if abs(printed - exact) <= quantum / 2 + Decimal("1e-9"):
                return None
        denominator, source = candidates[0]
        expected = (Decimal(numerator) * 100 / Decimal(denominator)).quantize(quantum, rounding=ROUND_HALF_UP)
        return {"printed": m.group("p"), "numerator": numerator, "denominator": denominator,
                "expected": format(expected, "f"), "source": source}

    def _denominators(self, tables, phrase: str, before: str) -> list[tuple[int, str]]:
        """The possible denominators, best first: stated in the sentence, else the table's cell(s)."""
        if not phrase.strip() or _GENERIC_TOTAL.match(phrase):
            # 占N% or 占总数的N%: the total of the breakdown the numerator belongs to ("全年办结85件，其中…")
            k = before.rfind("其中")
            totals = list(_COUNT_JIAN.finditer(before, 0, k)) if k >= 0 else []
            if not totals:
                return []
            total = totals[-1]
            if not _TOTAL_MARKER.search(before[clause_start(before, total.start(), "，,；;：:。！？!?"):k]):
                return []  # "上年结转1件，其中……": not clearly the total the share is of
            value = number_value(total.group("n"))
            return [(value, f"正文所列总数{total.group('n')}件")] if value is not None else []
        matching = [d for d in self.denominators if d.keyword.search(phrase)]
        for d in matching:
            # stated in the phrase itself ("占全年办结37件的48.6%") or earlier in the sentence
            stated = [] if d.stated is None else (list(d.stated.finditer(phrase)) or list(d.stated.finditer(before)))
            value = number_value(stated[-1].group("n")) if stated else None
            if value is not None:
                return [(value, f"正文所称{d.label}{stated[-1].group('n')}件")]
        out = []
        for d in matching:  # a phrase with two readings (申请总数: 新收, or 新收+结转) passes if either fits
            table = tables.get(d.table) if d.table else None
            if table is None or d.expr is None:
                continue
            value = d.expr.evaluate(lambda k, t=table: t.number(k, "总计"), [r.key for r in table.spec.rows])
            if value is not None:
                out.append((value, f"{d.cells}{value}件"))
        return out


# --- T022 -------------------------------------------------------------------------------------------

class PartsTotalKind(Kind):
    """T022: "共受理申请25件，其中同意公开18件、部分公开3件、不予公开4件……" whose parts exceed 25.

    Works in every era and needs no table. The total is the last count before 其中, in a clause that
    marks it as a total (``total_markers``, regexes: 共, 合计, 全年, 全部 …); the parts are the counts with
    the same unit after 其中, up to the end of the sentence, a second 其中, or a word that starts
    something else (另有, 同比 …). Bracketed sub-items ("不予公开3件（涉及国家秘密1件……）") and parts
    introduced by 含/包括 are not added. A list that switches dimension (申请人 → 办理结果) stops at the
    switch; a list by topic (涉及…, 关于…) may overlap and is not judged.
    """

    def __init__(self, params):
        super().__init__(params)
        units = sorted(params.get("units", ["件"]), key=len, reverse=True)
        self.count = re.compile(rf"(?P<n>{NUMBER})\s*(?P<unit>{'|'.join(map(re.escape, units))})(?!性)")
        self.total_marker = _marker_regex(params.get("total_markers", TOTAL_MARKERS))
        self.overlap_words = tuple(params.get("overlap_words", ["涉及", "关于", "有关", "围绕"]))
        self.stop_words = tuple(params.get("stop_words", ["另有", "此外", "同时", "合计", "共计", "总计", "累计",
                                                          "同比", "较上年", "比上年", "增长", "减少", "增加", "下降"]))
        self.sub_words = tuple(params.get("sub_words", ["含", "包括", "包含"]))
        self.dimensions = {name: tuple(words) for name, words in params.get("dimensions", {}).items()}

    def _dimension(self, clause: str) -> Optional[str]:
        for name, words in self.dimensions.items():
            if any(w in clause for w in words):
                return name
        return None

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        for block in report.document.text_blocks():
            masked = mask_parentheses(block.text)
            for offset, sentence in sentences(masked, "。！？!?；;"):
                hit = self._check_sentence(sentence)
                if hit:
                    pos, raw, args = hit
                    yield Hit(block.line, block.col + offset + pos, end_line=block.line,
                              end_column=block.col + offset + pos + len(raw), args=args)

    def _check_sentence(self, sentence: str):
        k = sentence.find("其中")
        if k < 0:
            return None
        totals = [m for m in self.count.finditer(sentence, 0, k)]
        if not totals:
            return None
        total_m = totals[-1]
        total_clause = sentence[clause_start(sentence, total_m.start(), "，,；;：:。！？!?"):k]
        if not self.total_marker.search(total_clause):
            return None
        if _APPROX_BEFORE.search(sentence[:total_m.start()]) or _APPROX_AFTER.match(sentence[total_m.end():]):
            return None
        total = number_value(total_m.group("n"))
        unit = total_m.group("unit")
        if total is None:
            return None
        parts: list[tuple[str, int]] = []
        dimension = None
        end = sentence.find("其中", k + 2)
        end = len(sentence) if end < 0 else end
        for m in self.count.finditer(sentence, k + 2, end):
            clause = sentence[clause_start(sentence, m.start()):m.start()]
            if any(w in clause for w in self.stop_words) or _APPROX_BEFORE.search(clause):
                break
            if m.group("unit") != unit or _APPROX_AFTER.match(sentence[m.end():]):
                continue
            if any(w in clause for w in self.sub_words):
                continue
            if any(w in clause for w in self.overlap_words):
                return None  # topics overlap ("涉及征地20件、涉及规划15件"): their sum may exceed the total
            dim = self._dimension(clause)
            if dim and dimension and dim != dimension:
                break  # "其中自然人28件、法人9件，予以公开18件": a second breakdown of the same total
            dimension = dimension or dim
            value = number_value(m.group("n"))
            if value is None:
                return None
            label = re.sub(r"^其中", "", clause.strip())
            parts.append((f"{label}{m.group('n')}{unit}", value))
        if len(parts) < 2:
            return None
        added = sum(v for _, v in parts)
        if added <= total:
            return None
        return total_m.start(), total_m.group(0), {
            "total": f"{total_m.group('n')}{unit}", "sum": f"{added}{unit}", "diff": f"{added - total}{unit}",
            "parts": "+".join(str(v) for _, v in parts), "items": "、".join(p for p, _ in parts)}
