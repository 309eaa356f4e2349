"""The rule-specific kinds of the report's structure (S rules): its parts, their order and wording, one class
a kind (see ``checker.kinds``), with their helpers: the top-level headings matched to the parts of the format."""

from __future__ import annotations

from typing import Iterator, Optional

from checker.analysis import AnalysedReport
from checker.cnnum import int_to_cn
from checker.facts.outline import Heading
from checker.facts.parts import split_part_names
from checker.findings import Hit
from checker.formats.sections import SectionSpec, sections_for_era
from checker.kinds._textmatch import Label, similar_labels
from checker.kinds.base import Kind


# Helpers of the section kinds: the top-level headings matched to the parts of the era's format.

def section_label(spec: SectionSpec) -> str:
    """A part's heading as the format words it: "四、政府信息公开行政复议、行政诉讼情况"."""
    return f"{int_to_cn(spec.number)}、{spec.title}"


def assigned_parts(report: AnalysedReport) -> list[tuple[Heading, Optional[SectionSpec]]]:
    """Each top-level heading with the part of the format it was matched to (None: no part); nothing
    when the era, and so the format, is unknown."""
    if report.facts.era is None:
        return []
    return [(a.heading, a.spec) for a in report.sections]


# Kind ``section-missing``: every part the era's format requires is there (S001).

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


# Kind ``section-order``: the parts come in the format's order, 一 to 六 (S002).

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


# Kind ``part-list``: the parts the preamble declares match the top-level headings (S003).

_ANNEX = ("附表", "附件", "统计表")


class PartListKind(Kind):
    """Variants: ``count`` (the number of parts declared, as ``declared`` and ``declared_cn``, is not the
    number of top-level headings), ``name`` (a declared part has no heading), ``unlisted`` (a heading
    is not declared). Silent when the report has no top-level heading at all (the outline could not be
    found, which S001 reports): comparing the list with nothing would flag every declared part."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        parts = report.facts.part_list
        if parts is None:
            return
        headings = report.outline.at_level(1)
        if not headings:
            return  # no outline was found at all: S001 says so; every declared part would repeat it
        titles = [h.title for h in headings]
        all_names = split_part_names(parts.listing, keep=titles)
        names = [n for n in all_names if not any(w in n for w in _ANNEX)]
        annexes = len(all_names) - len(names)
        where = {"line": parts.line, "column": parts.col}
        if parts.count is not None and parts.count not in (len(headings), len(headings) + annexes):
            yield Hit(**where, variant="count", args={
                "declared": parts.count, "declared_cn": int_to_cn(parts.count), "actual": len(headings)})
        if len(names) < 2:
            return  # "全文共六个部分" alone names nothing to compare
        name_labels = [Label(n) for n in names]  # each text normalised once, not once a comparison
        title_labels = [Label(t) for t in titles]
        for name, label in zip(names, name_labels):
            if not any(similar_labels(label, t) for t in title_labels):
                yield Hit(**where, variant="name", args={"name": name})
        for heading, title in zip(headings, title_labels):
            if not any(similar_labels(n, title) for n in name_labels):
                yield Hit(heading.line, heading.col, variant="unlisted", args={"title": heading.block.text})


# Kind ``section-empty``: the parts named in ``sections`` have content under their heading (S005).

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


# Kind ``section-wording``: each part's heading is worded as the format words it (S006).

class SectionWordingKind(Kind):
    """Each heading matched to a part whose wording the format does not accept; the fix is the format's."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        for heading, spec in assigned_parts(report):
            if spec and not spec.accepts_wording(heading.title):
                yield Hit(heading.line, heading.col, args={"found": heading.block.text, "expected": section_label(spec)},
                          fix=section_label(spec))
