"""Kind ``parts-total``: the parts listed after 其中 do not add up to more than their total (T022)."""

from __future__ import annotations

from typing import Any, Iterator, Optional

from checker.analysis import AnalysedReport
from checker.cnnum import number_value
from checker.facts.sentences import clause_start, mask_parentheses, sentences
from checker.findings import Hit
from checker.kinds._counts import (
    approx_after, approx_before, TOTAL_MARKERS, UNITS, breakdown_follows, breakdowns, count_regex, is_breakdown_total,
    marker_regex,
)
from checker.kinds.base import Kind, Listing
from checker.lazy import compile_now


class PartsTotalKind(Kind):
    """"共受理申请25件，其中同意公开18件、部分公开3件、不予公开4件……" whose parts exceed 25.

    Works in every era, in every unit (``units``: 件, 条, 个, 项 …) and needs no table. The breakdown
    begins at 其中, 包括, 分别为 …; the total is the last count before it, either in a clause that marks it
    as a total (``total_markers``, regexes: 共, 合计, 全年, 全部 …) or right before the breakdown word
    ("……426条，其中……"). The parts are the counts with the total's unit after it, up to the end of the
    sentence, a second 其中, or a word that starts something else (另有, 同比 …). Bracketed sub-items
    ("不予公开3件（涉及国家秘密1件……）") and parts introduced by 含/包括 are not added. A list that switches
    dimension (申请人 → 办理结果) stops at the switch; a list by topic (涉及…, 关于…) or by publication
    channel (网站, 微信 …: one item is published on several) may overlap and is not judged.

    The hit gives the ``total`` and the ``items`` (a Listing) as written, their ``sum`` and the ``diff``
    as numbers, and the ``unit`` they count in.
    """

    def __init__(self, params: dict[str, Any]):
        super().__init__(params)
        self.count = count_regex(params.get("units", UNITS))
        self.total_marker = marker_regex(params.get("total_markers", TOTAL_MARKERS))
        self.overlap_words = tuple(params.get("overlap_words", ["涉及", "关于", "有关", "围绕"]))
        self.stop_words = tuple(params.get("stop_words", ["另有", "此外", "同时", "合计", "共计", "总计", "累计",
                                                          "同比", "较上年", "比上年", "增长", "减少", "增加", "下降"]))
        self.sub_words = tuple(params.get("sub_words", ["含", "包括", "包含"]))
        self.dimensions = {name: tuple(words) for name, words in params.get("dimensions", {}).items()}

    def compile_now(self) -> None:
        """Compile the rule's regexes, made on first use: a rule file's are tried when it loads
        (rules.load_rule_file)."""
        compile_now(self.count, self.total_marker)

    def _unmarked_total(self, sentence: str, totals: list, breakdown_at: int) -> bool:
        """"发布解读文章10篇，其中……": a total written without 共 or 全年 — the sentence's only count before the
        breakdown word, standing right before it and no change (较上年增加5件，其中… is not a total). With an
        earlier count ("新收申请10件，上年结转2件，其中…") the 其中 may be of both, so nothing is judged."""
        if len(totals) != 1:
            return False
        total = totals[0]
        if not breakdown_follows(sentence, total, breakdown_at):
            return False
        return not any(w in sentence[:total.start()] for w in self.stop_words)

    def _dimension(self, clause: str) -> Optional[str]:
        for name, words in self.dimensions.items():
            if any(w in clause for w in words):
                return name
        return None

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        for block in report.document.text_blocks():
            if not breakdowns(block.text):
                continue  # no 其中/包括/分别为: no sentence of it lists parts (blanking brackets adds no such word)
            masked = mask_parentheses(block.text)
            for offset, sentence in sentences(masked, "。！？!?；;"):
                hit = self._check_sentence(sentence)
                if hit:
                    pos, raw, args = hit
                    yield Hit(block.line, block.col + offset + pos, end_line=block.line,
                              end_column=block.col + offset + pos + len(raw), args=args)

    def _check_sentence(self, sentence: str):
        found = breakdowns(sentence)
        if not found:
            return None
        start = found[0]
        k = start.start()
        totals = [m for m in self.count.finditer(sentence, 0, k)]
        if not totals:
            return None
        total_m = totals[-1]
        if not (is_breakdown_total(sentence, total_m, k, self.total_marker, self.stop_words)
                or self._unmarked_total(sentence, totals, k)):
            return None
        if approx_before(sentence[:total_m.start()]) or approx_after(sentence[total_m.end():]):
            return None
        total = number_value(total_m.group("n"))
        unit = total_m.group("unit")
        if total is None:
            return None
        parts: list[tuple[str, int]] = []
        dimension = None
        end = sentence.find("其中", start.end())
        end = len(sentence) if end < 0 else end
        for m in self.count.finditer(sentence, start.end(), end):
            # the breakdown word itself ("包括") does not make the first part a sub-item
            clause = sentence[max(clause_start(sentence, m.start()), start.end()):m.start()]
            if any(w in clause for w in self.stop_words) or approx_before(clause):
                break
            if m.group("unit") != unit or approx_after(sentence[m.end():]):
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
            label = clause.strip()
            parts.append((f"{label}{m.group('n')}{unit}", value))
        if not parts:
            return None
        added = sum(v for _, v in parts)
        if added <= total:
            return None
        return total_m.start(), total_m.group(0), {
            "total": f"{total_m.group('n')}{unit}", "sum": added, "diff": added - total, "unit": unit,
            "parts": "+".join(str(v) for _, v in parts), "items": Listing(p for p, _ in parts)}
