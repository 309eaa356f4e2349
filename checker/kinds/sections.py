"""Kind ``sections``: the required top-level parts are there (S001), in order (S002), not empty
(S005), and worded as the format words them (S006)."""

from __future__ import annotations

from typing import Iterator, Optional

from checker.cnnum import int_to_cn
from checker.findings import Hit
from checker.formats import SectionSpec, normalize_label, sections_for_era
from checker.kinds.base import Kind
from checker.model import Document
from checker.outline import Heading


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


def assign_sections(doc: Document, era: str) -> list[tuple[Heading, Optional[SectionSpec]]]:
    specs = sections_for_era(era)
    # Under the 2007 regulation the six items are often sub-sections (（二）依申请公开情况), so every
    # heading may carry one; the national formats put them at the top level.
    headings = doc.outline.headings if era == "2007" else doc.outline.at_level(1)
    return [(h, spec_for(h, specs)) for h in headings]


def _label(spec: SectionSpec) -> str:
    return f"{int_to_cn(spec.number)}、{spec.title}"


class SectionsKind(Kind):
    def check(self, doc: Document) -> Iterator[Hit]:
        era = doc.facts.era
        if era is None:
            return
        assigned = assign_sections(doc, era)
        check = self.params["check"]
        if check == "missing":
            yield from self._missing(doc, era, assigned)
        elif check == "order":
            yield from self._order(assigned)
        elif check == "empty":
            yield from self._empty(doc, assigned)
        elif check == "wording":
            for heading, spec in assigned:
                if spec and not spec.accepts_wording(heading.title):
                    yield Hit(heading.line, heading.col, args={"found": heading.block.text, "expected": _label(spec)},
                              fix=_label(spec))

    def _missing(self, doc, era, assigned):
        present = {spec.number for _, spec in assigned if spec}
        for spec in sections_for_era(era):
            if not spec.required or spec.number in present:
                continue
            later = [h for h, s in assigned if s and s.number > spec.number]
            if later:
                line, col = later[0].line, later[0].col
            else:
                last = doc.blocks[-1] if doc.blocks else None
                line, col = (last.line, last.col) if last else (1, 1)
            yield Hit(line, col, args={"number": int_to_cn(spec.number), "title": spec.title,
                                       "expected": _label(spec)})

    def _order(self, assigned):
        highest: Optional[tuple[Heading, SectionSpec]] = None
        for heading, spec in assigned:
            if spec is None:
                continue
            if highest and spec.number < highest[1].number:
                yield Hit(heading.line, heading.col, args={
                    "found": heading.block.text, "after": highest[0].block.text, "expected": _label(spec)})
            elif highest is None or spec.number > highest[1].number:
                highest = (heading, spec)

    def _empty(self, doc, assigned):
        wanted = set(self.params.get("sections", []))
        by_block = {id(s.heading.block): s for s in doc.outline.sections}
        for heading, spec in assigned:
            if not spec or spec.number not in wanted:
                continue
            section = by_block.get(id(heading.block))
            if section is None:
                continue
            body = section.body_blocks()
            # A heading may carry its text run-in ("六、其他需要报告的事项。无。"): that counts as content.
            tail = heading.block.text[len(heading.token) + len(heading.title):].strip("。：: ")
            if not tail and not any(b.is_table or b.text.strip() for b in body):
                yield Hit(heading.line, heading.col, args={"found": heading.block.text, "expected": _label(spec)})
