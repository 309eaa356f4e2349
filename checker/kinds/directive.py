"""Kind ``directive`` (X rules): findings about ogi-check's own comments, made by the suppression step.

A rule of this kind checks nothing in the report itself, so ``check`` yields nothing; after every
other rule has run, the engine applies the document's directives (checker.suppress) and turns what
it reports (an unused suppression, a directive without a reason or with an unknown code) into hits
for the rule whose ``params.reports`` names that outcome, with that rule's message templates.
"""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds.base import Kind


class DirectiveKind(Kind):
    about_other_rules = True

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        return iter(())
