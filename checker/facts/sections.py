"""Which required part of the report each heading is: the assignment of headings to the format's sections."""

from __future__ import annotations

from typing import Optional

from msgspec import Struct

from checker.formats.labels import normalize_label
from checker.formats.sections import SectionSpec, sections_for_era
from checker.facts.outline import Heading, Outline

class AssignedHeading(Struct, frozen=True):
    """A heading that may be a required part; ``spec`` is that part, or None when it is none of them."""

    heading: Heading
    spec: Optional[SectionSpec]


def _overlap(a: str, b: str) -> int:
    return len(set(normalize_label(a)) & set(normalize_label(b)))


def spec_for(heading: Heading, specs: tuple[SectionSpec, ...]) -> Optional[SectionSpec]:
    """Which required part a heading is: exact wording first, then meaning, best overlap wins."""
    for spec in specs:
        if spec.accepts_wording(heading.title):
            return spec
    candidates = [s for s in specs if s.matches_meaning(heading.title)]
    if not candidates:
        return None
    return max(candidates, key=lambda s: _overlap(s.title, heading.title))


def assign_sections(outline: Outline, era: Optional[str]) -> tuple[AssignedHeading, ...]:
    """Each candidate heading with the part it is; empty when the era (and so the format) is unknown."""
    if era is None:
        return ()
    specs = sections_for_era(era)
    # Under the 2007 regulation the six items are often sub-sections (（二）依申请公开情况), so every
    # heading may carry one; the national formats put them at the top level.
    headings = outline.headings if era == "2007" else outline.at_level(1)
    return tuple(AssignedHeading(h, spec_for(h, specs)) for h in headings)
