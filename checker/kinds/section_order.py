"""Kind ``section-order``: the parts come in the format's order, 一 to 六 (S002)."""

from __future__ import annotations

from typing import Iterator, Optional

from checker.analysis import AnalysedReport
from checker.facts.outline import Heading
from checker.findings import Hit
from checker.formats.sections import SectionSpec
from checker.kinds._sections import assigned_parts, section_label
from checker.kinds.base import Kind


class SectionOrderKind(Kind):
    """Each part placed after a part of a higher number: ``found`` (its heading) after ``after``."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        highest: Optional[tuple[Heading, SectionSpec]] = None
        for heading, spec in assigned_parts(report):
            if spec is None:
                continue
            if highest and spec.number < highest[1].number:
                yield Hit(heading.line, heading.col, args={
                    "found": heading.block.text, "after": highest[0].block.text, "expected": section_label(spec)})
            elif highest is None or spec.number > highest[1].number:
                highest = (heading, spec)
