"""Kind ``part-list``: the parts the preamble declares match the top-level headings (S003)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.cnnum import int_to_cn
from checker.facts.parts import split_part_names
from checker.findings import Hit
from checker.kinds.base import Kind
from checker.kinds._textmatch import Label, similar_labels

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
