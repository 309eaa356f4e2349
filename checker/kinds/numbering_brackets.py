"""Kind ``numbering-brackets``: heading numbers do not mix half-width brackets into full-width ones (N003)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds._numbering import hit_on_token, numbered_headings, numbering_plan, token
from checker.kinds.base import Kind


class NumberingBracketsKind(Kind):
    """Where most bracketed heading numbers are full-width, each one that is not; the fix is full-width."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        bracketed = [h for h in numbered_headings(report) if h.brackets]
        full = sum(1 for h in bracketed if h.brackets == "full")
        half = len(bracketed) - full
        if full == 0 or half > full:
            return  # the document does not "otherwise use full-width"
        plan = numbering_plan(report)
        for h in bracketed:
            if h.brackets != "full":
                # The planned token is full-width and carries the right number: N001 and N002 fixes agree.
                expected = plan[id(h.block)].token
                yield hit_on_token(h, args={"token": token(h), "expected": expected}, fix=expected)
