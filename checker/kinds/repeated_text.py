"""Kind ``repeated-text``: most of the report's sentences also stand in last year's report (T032, 内容雷同).

国办公开办函〔2021〕30号 （四）明确责任 names "内容雷同" among the faults of a report; 东莞市统计局
published its 2008 report again for 2010 with only the year changed (§4.3).
"""

from __future__ import annotations

import os
import re
from typing import Any, Iterator

from checker.analysis import AnalysedReport
from checker.facts.sentences import sentences
from checker.findings import Hit
from checker.kinds.base import Kind
from checker.lazy import Finder, regex

_YEAR = regex(r"(?:(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})\s*年")
_DIGITS = regex(r"[0-9０-９][0-9０-９.．,，%％]*")
_CN_COUNT = regex(r"[〇零一二两三四五六七八九十百千万]+(?=[件项次条个名人篇期份家])")
_SPACE = regex(r"\s+")


def normalise(sentence: str) -> str:
    """A sentence as compared across years: years and figures are placeholders, no white space, no end mark."""
    text = _SPACE.sub("", sentence)
    text = _YEAR.sub("#年", text)
    text = _DIGITS.sub("#", text)
    text = _CN_COUNT.sub("#", text)
    return text.rstrip("。！？!?；;，,")


def _body_sentences(report: AnalysedReport, min_length: int, ignore: list[Finder], skip_preamble: bool):
    """(normalised sentence, line, column) for the prose of the body: sentences, not headings or table text."""
    skipped = {id(b) for b in (report.outline.preamble if skip_preamble else [])}
    title = report.outline.title
    for block in report.document.text_blocks():
        if id(block) in skipped or block is title or not re.search(r"[。！？；!?;]", block.text):
            continue
        for offset, sentence in sentences(block.text, "。！？；!?;"):
            norm = normalise(sentence)
            if len(norm) < min_length or any(f.found_in(sentence) for f in ignore):
                continue
            lead = len(sentence) - len(sentence.lstrip())
            yield norm, block.line, block.col + offset + lead


class RepeatedTextKind(Kind):
    """The share of this report's sentences that also stand in last year's, figures and years aside."""

    def __init__(self, params: dict[str, Any]):
        super().__init__(params)
        # Compiled when there is a previous report to compare with (mostly plain words, found with ``in``).
        self.ignore = [Finder(p) for p in params.get("ignore", [])]

    def compile_now(self) -> None:
        """Compile every regex of the rule: a rule file's are tried when it loads (rules.load_rule_file)."""
        for finder in self.ignore:
            finder.compile_now()

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
        args = {"share": f"{share:.0%}", "repeated": len(repeated), "total": len(ours),
                "previous": os.path.basename(prev.path)}
        if prev.facts.year:
            args["previous_year"] = prev.facts.year
        yield Hit(line, col, args=args)
