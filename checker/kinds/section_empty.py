"""Kind ``section-empty``: the parts named in ``sections`` have content under their heading (S005)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds._sections import assigned_parts, section_label
from checker.kinds.base import Kind


class SectionEmptyKind(Kind):
    """Each part of ``sections`` (numbers in the format) whose heading has nothing under it."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        wanted = set(self.params.get("sections", []))
        by_block = {id(s.heading.block): s for s in report.outline.sections}
        for heading, spec in assigned_parts(report):
            if not spec or spec.number not in wanted:
                continue
            section = by_block.get(id(heading.block))
            if section is None:
                continue
            body = section.body_blocks()
            # A heading may carry its text run-in ("六、其他需要报告的事项。无。"): that counts as content.
            tail = heading.block.text[heading.offset + len(heading.token) + len(heading.title):].strip("。：: ")
            if not tail and not any(b.is_table or b.text.strip() for b in body):
                yield Hit(heading.line, heading.col, args={"found": heading.block.text, "expected": section_label(spec)})
