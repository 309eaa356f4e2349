"""Kind ``contact-missing``: the report gives some contact details, an address, a phone number or an e-mail (C001)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds.base import Kind, first_body_block, hit_at_block


class ContactMissingKind(Kind):
    """None of address, phone or e-mail was found; the hit points at the preamble."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        if not any(report.facts.contacts_of(k) for k in ("phone", "address", "email")):
            yield hit_at_block(first_body_block(report))
