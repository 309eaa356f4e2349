"""Helpers of the section kinds: the top-level headings matched to the parts of the era's format."""

from __future__ import annotations

from typing import Optional

from checker.analysis import AnalysedReport
from checker.cnnum import int_to_cn
from checker.facts.outline import Heading
from checker.formats.sections import SectionSpec


def section_label(spec: SectionSpec) -> str:
    """A part's heading as the format words it: "四、政府信息公开行政复议、行政诉讼情况"."""
    return f"{int_to_cn(spec.number)}、{spec.title}"


def assigned_parts(report: AnalysedReport) -> list[tuple[Heading, Optional[SectionSpec]]]:
    """Each top-level heading with the part of the format it was matched to (None: no part); nothing
    when the era, and so the format, is unknown."""
    if report.facts.era is None:
        return []
    return [(a.heading, a.spec) for a in report.sections]
