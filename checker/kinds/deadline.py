"""Kind ``deadline``: the report was published by the deadline the law sets for its era and agency (Y003)."""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds.base import Kind, hit_at_block


class DeadlineKind(Kind):
    """The 落款 date is on or before the deadline the law sets for this era and kind of agency.

    ``deadlines`` maps era → agency kind ("government", "department", "unknown") → "MM-DD" of the
    year after the report year (2007 条例 Art. 31; 2019 条例 Art. 49). A stricter local deadline from
    the configuration (``report.options.deadlines``, agency kind → "MM-DD") applies in the eras of
    ``local_eras``: the earlier of the two is the deadline. An unknown kind is held to the
    government's date, as the statutory table does (the lenient choice when the kind is a guess).

    The hit gives the ``date``, the ``deadline`` and the ``statutory`` deadline as dates; the variant
    names the agency kind ``government`` or ``department`` (none when unknown), prefixed ``local``
    when the local deadline is the one missed (``local`` alone for an unknown kind).
    """

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        facts = report.facts
        pub = facts.publication
        if pub is None or pub.date is None or facts.year is None or facts.era is None:
            return
        table = self.params["deadlines"].get(facts.era)
        if not table:
            return
        kind = facts.agency_kind or "unknown"
        deadline = statutory = self._date(facts.year, table.get(kind, table["unknown"]))
        local = dict(report.options.deadlines)
        is_local = False
        if facts.era in self.params.get("local_eras", []):
            own = local.get(kind) or (local.get("government") if kind == "unknown" else None)
            if own and self._date(facts.year, own) < statutory:
                deadline, is_local = self._date(facts.year, own), True
        if pub.date > deadline:
            agency = kind if kind in ("government", "department") else None
            variant = "-".join(w for w in ("local" if is_local else None, agency) if w) or None
            yield hit_at_block(pub.block, variant=variant,
                               args={"date": pub.date, "deadline": deadline, "statutory": statutory})

    @staticmethod
    def _date(year: int, month_day: str) -> dt.date:
        month, day = (int(x) for x in month_day.split("-"))
        return dt.date(year + 1, month, day)
