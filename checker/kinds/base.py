"""The base of every rule kind, and what kinds share: where to point a finding, values a template formats."""

from __future__ import annotations

from typing import Any, Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.model import Block


class Kind:
    # True for kinds that report on the other rules (suppressions, rules that could not run): their
    # rules are exercised with every rule selected.
    about_other_rules = False

    """Subclasses implement ``check``; params were validated against rules/schema/kinds/<name>.json.

    A kind reports places and values (found in the report, or keys of the official format) and never
    words: every word of a message, in each language, is the rule file's template. A kind that names
    tables, rows or columns checks them against the format in ``__init__`` (a ValueError there is a
    load error naming the rule file)."""

    def __init__(self, params: dict[str, Any]):
        self.params = params

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        raise NotImplementedError


class Listing(tuple):
    """Several values for one placeholder, joined by the template: the format spec is the separator,
    so ``{missing:、}`` reads 工作考核、社会评议 and ``"{missing:", "}"`` reads "工作考核", "社会评议"."""

    def __format__(self, separator: str) -> str:
        return separator.join(str(item) for item in self)


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
