"""Kind ``contact-phone``: each phone and fax number given is a landline, mobile or service number (C003)."""

from __future__ import annotations

from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds._contacts import phone_problem, split_numbers
from checker.kinds.base import Kind


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
