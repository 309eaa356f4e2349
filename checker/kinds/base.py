"""The base of every rule kind: built from a rule's params, asked to check one document."""

from __future__ import annotations

from typing import Any, Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.model import Block


class Kind:
    """Subclasses implement ``check``; params were validated against rules/schema/kinds/<name>.json."""

    def __init__(self, params: dict[str, Any]):
        self.params = params

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        raise NotImplementedError


def first_body_block(report: AnalysedReport) -> Block | None:
    """Where to point a finding about something missing: the preamble's first paragraph, else the title."""
    outline = report.outline
    if outline.preamble:
        return next((b for b in outline.preamble if not b.is_table), outline.preamble[0])
    return outline.title or (report.document.blocks[0] if report.document.blocks else None)


def hit_at_block(block: Block | None, **kw) -> Hit:
    if block is None:
        return Hit(line=1, column=1, **kw)
    return Hit(line=block.line, column=block.col, **kw)
