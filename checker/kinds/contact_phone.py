"""Kind ``contact-phone``: each phone and fax number given is a landline, mobile or service number (C003)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds._contacts import phone_ok, split_numbers
from checker.kinds.base import Kind


class ContactPhoneKind(Kind):
    """Each malformed number of a phone or fax entry ("0454-2907056、13800000000" holds two), as
    ``value``; a fax number is the variant ``fax``."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        facts = report.facts
        for c in facts.contacts_of("phone") + facts.contacts_of("fax"):
            for off, number in split_numbers(c.value):
                if not phone_ok(number):
                    yield Hit(c.line, c.col + off, variant="fax" if c.kind == "fax" else None,
                              args={"value": number}, end_line=c.line, end_column=c.col + off + len(number))
