"""Kind ``contact-incomplete``: when the report gives contact details, the telephone and the address are among them (C006)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds.base import Kind, hit_at_block

_CHANNELS = ("address", "postcode", "phone", "fax", "email")
_REQUIRED = ("phone", "address")  # the two a reader can always use; postcode, fax and e-mail are extras


class ContactIncompleteKind(Kind):
    """Variants ``phone``, ``address`` or ``phone-address`` name what is missing; the hit is on the
    paragraph of the first contact detail given. No contact detail at all is C001's."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        facts = report.facts
        given = [c for c in facts.contacts if c.kind in _CHANNELS]
        if not given:
            return
        missing = [kind for kind in _REQUIRED if not facts.contacts_of(kind)]
        if missing:
            yield hit_at_block(given[0].block, variant="-".join(missing))
