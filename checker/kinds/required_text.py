"""Kind ``required-text``: the report states each of several matters somewhere (S004 考核/评议/追究)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds.base import Kind, Listing, first_body_block, hit_at_block
from checker.lazy import Finder


class RequiredTextKind(Kind):
    """``items``: each a label and the regexes any of which shows the matter is reported.

    ``section``: look only in that required part (its number in the era's format); when the part
    itself is missing, S001 reports it and this kind stays silent. The hit gives the labels of the
    matters not found as ``missing``, a Listing the template joins."""

    def __init__(self, params):
        super().__init__(params)
        # Compiled when the rule runs (most of its patterns are plain words, found with ``in``).
        self.items = [(item["label"], [Finder(p) for p in item["any"]]) for item in params["items"]]

    def compile_now(self) -> None:
        """Compile every regex of the rule: a rule file's are tried when it loads (rules.load_rule_file)."""
        for _, finders in self.items:
            for finder in finders:
                finder.compile_now()

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        wanted = self.params.get("section")
        if wanted is None:
            blocks = list(report.document.text_blocks())
            sections = report.outline.sections
            anchor = sections[0].heading.block if sections else first_body_block(report)
        else:
            section = report.part_section(wanted)
            if section is None:
                return
            blocks = [b for b in section.blocks if not b.is_table]
            anchor = section.heading.block
        missing = [label for label, patterns in self.items
                   if not any(p.found_in(b.text) for p in patterns for b in blocks)]
        if missing:
            yield hit_at_block(anchor, args={"missing": Listing(missing)})
