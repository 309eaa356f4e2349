"""Helpers of the kinds that compare a report with last year's (``--previous``): is it last year's, of this agency?"""

from __future__ import annotations

from typing import Optional

from checker.analysis import AnalysedReport


def _name(agency: Optional[str]) -> Optional[str]:
    return "".join(agency.split()) if agency else None


def year_mismatch(report: AnalysedReport, prev: AnalysedReport) -> bool:
    """Both years are known and ``prev`` is not the year before ``report``'s."""
    this, last = report.facts.year, prev.facts.year
    return this is not None and last is not None and last != this - 1


def agency_mismatch(report: AnalysedReport, prev: AnalysedReport) -> bool:
    """Both agencies are known and they differ (white space aside)."""
    this, last = _name(report.facts.agency), _name(prev.facts.agency)
    return this is not None and last is not None and this != last


def last_years_report(report: AnalysedReport) -> Optional[AnalysedReport]:
    """The previous report when it can be compared cell by cell: the year before, the same agency
    (unknown years or agencies do not block); None otherwise, which T033 reports."""
    prev = report.previous
    if prev is None or year_mismatch(report, prev) or agency_mismatch(report, prev):
        return None
    return prev
