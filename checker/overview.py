"""The overview of a batch: one row per report (agency, year, era), one column per requirement, each cell
passed, failed (with the number of findings) or not applicable.

Which rule belongs to which requirement is data, in ``REQUIREMENTS`` below and nowhere else: the HTML page,
the web page, the CSV and the Excel file all read it. A code not named there falls to its category letter,
and a code of no known category (a project's own rule letter) to 其他, so no finding is left out of a row.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping, Optional, Sequence

from msgspec import Struct, field

from checker.about import ReportAbout
from checker.findings import Finding

class Requirement(Struct, frozen=True):
    """One column of the overview: what a reviewer asks of every report, and the rules that check it."""

    key: str  # an ASCII id, for CSS classes and sorting
    label: str  # the column heading, as a reviewer names the requirement
    codes: tuple[str, ...] = ()  # rule codes or one-letter categories
    needs_previous: bool = False  # checked only against last year's report (--previous): else not applicable


# The columns, in the order of a report (period and contacts in the preamble, then parts, numbering, tables,
# dates), then what concerns the text as a whole. Exact codes win over a category letter.
REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement("period", "统计期限", ("P",)),
    Requirement("contacts", "联系方式", ("C",)),
    Requirement("sections", "必备部分", ("S",)),
    Requirement("numbering", "标题序号", ("N",)),
    Requirement("tables", "统计表", ("T001", "T002", "T003", "T004", "T006", "T007", "T008")),
    Requirement("identities", "勾稽关系", ("T010", "T011", "T012", "T013", "T014")),
    Requirement("prose", "正文与表格一致", ("T020", "T021", "T022", "T023")),
    Requirement("previous", "与上年报告", ("T030", "T031", "T032", "T033"), needs_previous=True),
    Requirement("dates", "年份与日期", ("Y001", "Y002", "Y004")),
    Requirement("deadline", "发布期限", ("Y003",)),
    Requirement("debris", "残留与占位符", ("A",)),
    Requirement("punctuation", "标点", ("F",)),
    Requirement("other", "其他", ("T", "X")),
)
OTHER = REQUIREMENTS[-1]

_BY_CODE = {c: r for r in REQUIREMENTS for c in r.codes if len(c) > 1}
_BY_LETTER = {c: r for r in REQUIREMENTS for c in r.codes if len(c) == 1}


def requirement_of(code: str) -> Requirement:
    """The column a rule's findings are counted in."""
    return _BY_CODE.get(code) or _BY_LETTER.get(code[:1]) or OTHER


PASSED, FAILED, NOT_APPLICABLE = "passed", "failed", "n/a"


class OverviewCell(Struct, frozen=True):
    """One requirement of one report: passed, failed (with its number of findings) or not applicable."""

    state: str  # PASSED | FAILED | NOT_APPLICABLE
    count: int = 0  # findings, when failed

    @property
    def text(self) -> str:
        """What the cell says, in Chinese (the CSV and Excel files write the same)."""
        if self.state == FAILED:
            return f"✗ {self.count}"
        return "✓" if self.state == PASSED else "不适用"


class OverviewRow(Struct, frozen=True):
    """One report of the batch: its facts, its cells by requirement, its number of findings."""

    path: str
    about: ReportAbout
    cells: dict[str, OverviewCell] = field(default_factory=dict)  # requirement key → cell
    findings: int = 0
    error: Optional[str] = None  # the one-line reason a file could not be read (its cells are empty)

    @property
    def failed(self) -> int:
        """How many requirements the report fails."""
        return sum(c.state == FAILED for c in self.cells.values())


class Overview(Struct, frozen=True):
    """The batch: its rows in input order and the findings of each requirement over all reports."""

    rows: tuple[OverviewRow, ...]
    by_requirement: dict[str, int]  # requirement key → findings of the whole batch, for the chart

    @property
    def columns(self) -> tuple[Requirement, ...]:
        return REQUIREMENTS


def build_overview(files: Sequence[str], findings: Iterable[Finding], applicable: Mapping[str, Sequence[str]],
                   about: Mapping[str, ReportAbout], errors: Iterable = ()) -> Overview:
    """One row per checked file, in input order (the ones that passed too), then one per unreadable file.
    A cell is failed when a rule of its column found something, passed when one of them applied and found
    nothing, not applicable when none applied (not run for the report's era or kind, not selected, or a
    cross-year check without last year's report)."""
    counts: dict[str, Counter] = {}
    totals: Counter = Counter()
    for f in findings:
        key = requirement_of(f.code).key
        counts.setdefault(f.path, Counter())[key] += 1
        totals[key] += 1
    rows = []
    for path in files:
        if path not in applicable:
            continue
        facts = about.get(path, ReportAbout())
        ran = {requirement_of(code).key for code in applicable[path]}
        ran -= {r.key for r in REQUIREMENTS if r.needs_previous and not facts.with_previous}
        mine = counts.get(path, Counter())
        cells = {r.key: OverviewCell(FAILED, mine[r.key]) if mine[r.key]
                 else OverviewCell(PASSED if r.key in ran else NOT_APPLICABLE) for r in REQUIREMENTS}
        rows.append(OverviewRow(path, facts, cells, sum(mine.values())))
    for exc in errors:
        rows.append(OverviewRow(getattr(exc, "path", str(exc)), ReportAbout(),
                                error=getattr(exc, "reason", str(exc))))
    return Overview(tuple(rows), {r.key: totals[r.key] for r in REQUIREMENTS})


HEADER = ("文件", "机关", "年度", "格式", "机关类型", "问题数")


def table_rows(overview: Overview) -> list[list[object]]:
    """The overview as a plain table, header first: what the CSV and the Excel file hold."""
    out: list[list[object]] = [[*HEADER, *(r.label for r in overview.columns), "说明"]]
    for row in overview.rows:
        a = row.about
        cells = [row.cells[r.key].text if row.cells else "" for r in overview.columns]
        out.append([row.path, a.agency or "", a.year if a.year is not None else "", a.era_name, a.kind_name,
                    row.findings if row.error is None else "", *cells,
                    f"无法读取：{row.error}" if row.error else ""])
    return out
