"""Kind ``cutoff-date`` (P003): figures stated "截至" a day of the report year before 31 December."""

from __future__ import annotations

from typing import Any, Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds._counts import count_regex
from checker.kinds.base import Kind
from checker.lazy import compile_now, regex

# "截至12月14日" / "截至2023年12月14日" / "截止到2023年11月底": the day the figures run to.
_CUTOFF = regex(r"截(?:至|止)(?:到|于)?\s*(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*"
                r"(?:(?P<d>\d{1,2})\s*[日号]|(?P<end>底|末))")
_SENTENCE_END = regex(r"[。！？；!?;]")


class CutoffDateKind(Kind):
    """A cutoff inside the report year but before its last day, in a sentence that states a count (the
    statistics then do not cover the year the period states). A cutoff of another year (截至2022年底,
    history) and one without a count (截至6月底完成改版) are not judged."""

    def __init__(self, params: dict[str, Any]):
        super().__init__(params)
        self.count = count_regex(params.get("units") or ("件", "条", "个", "项", "篇", "次", "场", "期", "人次"))

    def compile_now(self) -> None:
        """Compile the rule's regexes, made on first use: a rule file's are tried when it loads
        (rules.load_rule_file)."""
        compile_now(self.count)

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        year = report.facts.year
        if year is None:
            return
        for block in report.document.text_blocks():
            if "截" not in block.text:
                continue
            for m in _CUTOFF.finditer(block.text):
                if m.group("y") and int(m.group("y")) != year:
                    continue
                month, day = int(m.group("m")), int(m.group("d") or 31)
                if month > 12 or (month, day) >= (12, 31) or (month == 12 and m.group("end")):
                    continue
                end = _SENTENCE_END.search(block.text, m.end())
                if not self.count.search(block.text, m.end(), end.start() if end else len(block.text)):
                    continue
                yield Hit(block.line, block.col + m.start(), end_line=block.line, end_column=block.col + m.end(),
                          args={"found": m.group(0), "year": year})
