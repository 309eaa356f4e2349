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
        places = report.places("all")  # shared with the pattern rules of scope "all"
        # One scan of all the texts joined by NUL instead of one a text (a table cell each): no date
        # pattern matches a NUL or looks past one as it would past the end of a text, so the dates are
        # those of each text, in the same order (by text, then by offset).
        for d in find_dates(places.joined, iso=True):
            if d.value is None:
                index = places.index_at(d.start)
                _, line, col = places.items[index]
                offset = places.starts[index]
                yield Hit(line, col + d.start - offset, end_line=line, end_column=col + d.end - offset,
                          args={"found": d.raw})
