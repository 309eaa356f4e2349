"""What a batch overview says of a report besides its findings, kept for every checked file.

Its own small module because every run keeps one per file (checker/run.py) while the overview itself
(checker/overview.py, its requirements and their columns) is only imported when an overview is made.
"""

from __future__ import annotations

from typing import Optional

from msgspec import Struct

from checker.analysis import AnalysedReport
from checker.facts import ReportOptions

KIND_NAMES = {"government": "人民政府", "department": "政府部门", "dispatched": "派出机关"}
ERA_SHORT = {"2007": "2007年条例", "2019": "2019年试行格式", "2021": "2021年格式"}


class ReportAbout(Struct, frozen=True):
    """What the overview says of a report besides its findings: the facts read from it (or given)."""

    agency: Optional[str] = None
    year: Optional[int] = None
    era: Optional[str] = None
    agency_kind: Optional[str] = None
    with_previous: bool = False  # checked against last year's report

    @classmethod
    def of(cls, report: AnalysedReport) -> "ReportAbout":
        f = report.facts
        return cls(agency=f.agency, year=f.year, era=f.era, agency_kind=f.agency_kind,
                   with_previous=report.previous is not None)

    def options(self) -> ReportOptions:
        """The options that analyse the report again to the same facts (the page's place descriptions)."""
        kind = self.agency_kind if self.agency_kind in ("government", "department") else None
        return ReportOptions(year=self.year, era=self.era, agency_kind=kind)

    @property
    def era_name(self) -> str:
        return ERA_SHORT.get(self.era or "", "")

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.agency_kind or "", "")
