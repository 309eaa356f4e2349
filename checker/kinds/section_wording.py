"""Kind ``section-wording``: each part's heading is worded as the format words it (S006)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds._sections import assigned_parts, section_label
from checker.kinds.base import Kind


class SectionWordingKind(Kind):
    """Each heading matched to a part whose wording the format does not accept; the fix is the format's."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        for heading, spec in assigned_parts(report):
            if spec and not spec.accepts_wording(heading.title):
                yield Hit(heading.line, heading.col, args={"found": heading.block.text, "expected": section_label(spec)},
                          fix=section_label(spec))
