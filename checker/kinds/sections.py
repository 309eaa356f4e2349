"""Kind ``sections``: the required top-level parts are there (S001), in order (S002), not empty
(S005), and worded as the format words them (S006)."""

from __future__ import annotations

from typing import Iterator, Optional

from checker.analysis import AnalysedReport
from checker.cnnum import int_to_cn
from checker.findings import Hit
from checker.formats.labels import normalize_label
from checker.formats.sections import SectionSpec, sections_for_era
from checker.kinds.base import Kind
from checker.facts.outline import Heading


def _label(spec: SectionSpec) -> str:
    return f"{int_to_cn(spec.number)}、{spec.title}"


class SectionsKind(Kind):
    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        era = report.facts.era
        if era is None:
            return
        assigned = [(a.heading, a.spec) for a in report.sections]
        check = self.params["check"]
        if check == "missing":
            yield from self._missing(report, era, assigned)
        elif check == "order":
            yield from self._order(assigned)
        elif check == "empty":
            yield from self._empty(report, assigned)
        elif check == "wording":
            for heading, spec in assigned:
                if spec and not spec.accepts_wording(heading.title):
                    yield Hit(heading.line, heading.col, args={"found": heading.block.text, "expected": _label(spec)},
                              fix=_label(spec))

    def _missing(self, report, era, assigned):
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

    def _empty(self, report, assigned):
        wanted = set(self.params.get("sections", []))
        by_block = {id(s.heading.block): s for s in report.outline.sections}
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
