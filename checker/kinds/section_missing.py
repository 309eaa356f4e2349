"""Kind ``section-missing``: every part the era's format requires is there (S001)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.cnnum import int_to_cn
from checker.findings import Hit
from checker.formats.sections import sections_for_era
from checker.kinds._sections import assigned_parts, section_label
from checker.kinds.base import Kind


class SectionMissingKind(Kind):
    """Each required part with no heading; the hit points at the next part's heading (else the end)
    and gives the part's ``number``, ``title`` and heading as ``expected``."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        era = report.facts.era
        if era is None:
            return
        assigned = assigned_parts(report)
        present = {spec.number for _, spec in assigned if spec}
        for spec in sections_for_era(era):
            if not spec.required or spec.number in present:
                continue
            later = [h for h, s in assigned if s and s.number > spec.number]
            if later:
                line, col = later[0].line, later[0].col
            else:
                last = report.document.blocks[-1] if report.document.blocks else None
                line, col = (last.line, last.col) if last else (1, 1)
            yield Hit(line, col, args={"number": int_to_cn(spec.number), "title": spec.title,
                                       "expected": section_label(spec)})
