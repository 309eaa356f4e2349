"""The rule-specific kinds of the findings about the check itself (X rules): its directives, the rules that
could not run; one class a kind (see ``checker.kinds``)."""

from __future__ import annotations

from typing import Iterator, Mapping

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds.base import Kind, Listing, first_body_block, hit_at_block


# Kind ``directive`` (X rules): findings about ogi-check's own comments, made by the suppression step.
#
# A rule of this kind checks nothing in the report itself, so ``check`` yields nothing; after every
# other rule has run, the engine applies the document's directives (checker.suppress) and turns what
# it reports (an unused suppression, a directive without a reason or with an unknown code) into hits
# for the rule whose ``params.reports`` names that outcome, with that rule's message templates.

class DirectiveKind(Kind):
    about_other_rules = True

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        return iter(())


# Kind ``rules-not-run`` (X003): the selected rules that could not run because the report leaves a fact unknown.
#
# Like ``directive``, a rule of this kind checks nothing in the report itself, so ``check`` yields nothing:
# after the other rules, the engine hands ``hits`` the codes of the rules that did not run for want of a
# fact (``Rule.unknown_facts``), and it says which, and how to run them. Nothing is skipped in silence.

class RulesNotRunKind(Kind):
    about_other_rules = True

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        return iter(())

    def hits(self, report: AnalysedReport, skipped: Mapping[str, list[str]]) -> Iterator[Hit]:
        """One hit per missing fact: the year (with the era when that is unknown too, since it follows
        from the year) and the agency kind; ``skipped`` maps each fact to the codes that needed it."""
        anchor = report.outline.title or first_body_block(report)
        by_year = sorted(set(skipped.get("year", [])) | set(skipped.get("era", [])))
        if by_year:
            variant = "year-era" if skipped.get("era") else "year"
            yield hit_at_block(anchor, variant=variant, args={"codes": Listing(by_year), "count": len(by_year)})
        by_agency = sorted(set(skipped.get("agency_kind", [])))
        if by_agency:
            yield hit_at_block(anchor, variant="agency", args={"codes": Listing(by_agency), "count": len(by_agency)})
