"""The rule-specific kinds of the contact details (C rules), one class a kind (see ``checker.kinds``).

What a well-formed postcode, phone number, e-mail address or web address is: ``checker.kinds._contacts``."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds._contacts import MalformedContactKind, email_ok, phone_problem, postcode_ok, split_numbers, url_ok
from checker.kinds.base import Kind, first_body_block, hit_at_block


# Kind ``contact-missing``: the report gives some contact details, an address, a phone number or an e-mail (C001).

class ContactMissingKind(Kind):
    """None of address, phone or e-mail was found; the hit points at the preamble."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        if not any(report.facts.contacts_of(k) for k in ("phone", "address", "email")):
            yield hit_at_block(first_body_block(report))


# Kind ``contact-incomplete``: when the report gives contact details, the telephone and the address are among them (C006).

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


# Kind ``contact-postcode``: a postcode given is six digits (C002).

class ContactPostcodeKind(MalformedContactKind):
    contact = "postcode"
    well_formed = staticmethod(postcode_ok)


# Kind ``contact-phone``: each phone and fax number given is a landline, mobile or service number (C003).

class ContactPhoneKind(Kind):
    """Each malformed number of a phone or fax entry ("0454-2907056、13800000000" holds two), as
    ``value``. Variants: ``separator`` (a dash other than "-" after the area code; the right form is the
    fix), ``no-area-code``, each prefixed ``fax-`` for a fax number (``fax`` alone: malformed)."""

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        facts = report.facts
        for c in facts.contacts_of("phone") + facts.contacts_of("fax"):
            for off, number in split_numbers(c.value):
                problem = phone_problem(number)
                if problem is None:
                    continue
                what, right = problem
                variant = "-".join(v for v in ("fax" if c.kind == "fax" else "", "" if what == "malformed" else what) if v)
                yield Hit(c.line, c.col + off, variant=variant or None, args={"value": number, "fix": right or ""},
                          end_line=c.line, end_column=c.col + off + len(number), fix=right)


# Kind ``contact-email``: an e-mail address given is name@domain in half-width characters (C004).

class ContactEmailKind(MalformedContactKind):
    contact = "email"
    well_formed = staticmethod(email_ok)


# Kind ``contact-url``: a web address given is a full address in half-width characters (C005).

class ContactUrlKind(MalformedContactKind):
    contact = "url"
    well_formed = staticmethod(url_ok)
