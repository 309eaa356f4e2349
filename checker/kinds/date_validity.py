"""Kind ``date-validity``: every full date written in the report exists in the calendar (Y002)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.facts.dates import find_dates
from checker.findings import Hit
from checker.kinds.base import Kind


class DateValidityKind(Kind):
    """Each date of paragraphs, headings and table cells that does not exist (2月30日), as ``found``."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        places = []
        for block in report.document.blocks:
            if block.is_table:
                places.extend((c.text, c.line, c.col) for row in block.rows for c in row)
            else:
                places.append((block.text, block.line, block.col))
        for text, line, col in places:
            for d in find_dates(text, iso=True):
                if d.value is None:
                    yield Hit(line, col + d.start, end_line=line, end_column=col + d.end, args={"found": d.raw})
