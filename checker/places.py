"""A finding's place said as a person finds it in Word or in a printed page: "第三部分“收到和处理政府信息公开申请情况”
第2段", "表三“（一）予以公开”行“商业企业”列", "第4页" — not a line of the plain-text rendition, which Word does not show.

Everything comes from the AnalysedReport (its outline, which heading is which required part, its statistical
tables, the document's pages), so a place is named the way the checks themselves read the report.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Optional

from checker.analysis import AnalysedReport
from checker.cnnum import int_to_cn
from checker.facts.outline import Heading
from checker.findings import Finding
from checker.model import Block, Document
from checker.tables.model import StatTable


def _quoted(text: str, limit: int = 24) -> str:
    text = " ".join(text.split())
    return f"“{text[:limit]}…”" if len(text) > limit else f"“{text}”"


class Places:
    """Describes the places of one report; build once per report, ask per finding."""

    def __init__(self, report: AnalysedReport) -> None:
        self.report = report
        doc = report.document
        self._blocks = sorted(doc.blocks, key=lambda b: b.line)
        self._starts = [b.line for b in self._blocks]
        self._headings = {h.block.line: h for h in report.outline.headings}
        self._file_to_rendition = _file_lines(doc)

    def describe(self, f: Finding) -> str:
        """Where ``f`` is, in words; a PDF's page is added (it is on the paper)."""
        line = self._file_to_rendition.get(f.line, f.line)
        where = self._describe_line(line, f.column if line == f.line else 1)
        page = f.page if f.page is not None else self.report.document.pages.get(line)
        if page is not None:
            where = f"{where}（第{page}页）" if where else f"第{page}页"
        return where

    def _block_at(self, line: int) -> Optional[Block]:
        i = bisect_right(self._starts, line) - 1
        while i >= 0:
            b = self._blocks[i]
            if b.line <= line <= b.end_line:
                return b
            if b.line < line and not b.is_table:
                return None
            i -= 1
        return None

    def _describe_line(self, line: int, column: int) -> str:
        report = self.report
        title = report.outline.title
        if title is not None and title.line == line:
            return "报告标题"
        for table in report.tables.tables.values():
            if table.line <= line <= table.end_line:
                return _in_stat_table(table, line, column)
        block = self._block_at(line)
        if block is None:
            return ""
        if block.is_table:
            n = 1 + [b.line for b in report.document.tables()].index(block.line)
            row = next((i for i, r in enumerate(block.rows, start=1) if r and r[0].line == line), None)
            return f"第{n}个表格" + (f"第{row}行" if row else "")
        heading = self._headings.get(block.line)
        if heading is not None:
            return f"{self._heading_name(heading)}标题"
        return self._paragraph(block)

    def _heading_name(self, heading: Heading) -> str:
        """"第三部分“…”" for a top-level heading that is a required part, else its number and title, under
        the names of its parents."""
        chain = []
        h: Optional[Heading] = heading
        while h is not None:
            chain.append(h)
            h = h.parent
        names = []
        for h in reversed(chain):
            spec = self.report.part_of(h.block) if h.level == 1 else None
            if spec is not None:
                names.append(f"第{int_to_cn(spec.number)}部分{_quoted(h.title or spec.title)}")
            else:
                names.append(f"{h.token.strip()}{_quoted(h.title)}" if h.token.strip() else _quoted(h.title))
        return "".join(names)

    def _paragraph(self, block: Block) -> str:
        """"<the nearest heading above>第N段" (N counts the paragraphs under that heading, not those of its
        subheadings), "前言第N段" between the title and the first heading."""
        above: Optional[Heading] = None
        count = 0
        for b in self._blocks:
            if b.line > block.line:
                break
            h = self._headings.get(b.line)
            if h is not None:
                above, count = h, 0
            elif not b.is_table and b.kind != "heading" and b is not self.report.outline.title and b.text.strip():
                count += 1
        if above is None:
            return f"前言第{count}段"
        return f"{self._heading_name(above)}第{count}段"


def _in_stat_table(table: StatTable, line: int, column: int) -> str:
    name = f"表{table.table}"
    in_row = [(key, cell) for key, cell in table.cells.items() if cell.line == line]
    if not in_row:
        row_key = next((k for k, (ln, _) in table.row_lines.items() if ln == line), None)
        return f"{name}{_quoted(table.spec.row(row_key).label)}行" if row_key else name
    (row_key, col_key), _ = max(((k, c) for k, c in in_row if c.col <= column), key=lambda kc: kc[1].col,
                                default=min(in_row, key=lambda kc: kc[1].col))
    row = table.spec.row(row_key)
    group = f"{_quoted(row.group)}中" if row.group and not row.group.startswith("第") else ""
    return f"{name}{group}{_quoted(row.label)}行{_quoted(col_key.replace('/', '·'))}列"


def _file_lines(doc: Document) -> dict[int, int]:
    """File line → the rendition line that starts there, when the layout was recovered (findings name the file's
    lines; blocks stand on the rendition's)."""
    out: dict[int, int] = {}
    for n in sorted(doc.origins):
        for seg in doc.origins[n]:
            out.setdefault(seg.line, n)
    return out


def describe_places(report: AnalysedReport, findings: list[Finding]) -> list[str]:
    """The place of each finding of ``report``, in the same order."""
    places = Places(report)
    return [places.describe(f) for f in findings]
