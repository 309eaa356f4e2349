"""The analysis stage: everything derived from one Document, computed once, in order, and frozen.

A reader gives a Document (plain data); ``analyse`` derives, once per document, its outline, its
facts (year, era, agency, period, contacts, …), which heading is which required part, its
statistical tables and its sentences, and returns them as one ``AnalysedReport``. Rule kinds
receive that object and nothing else, so no rule derives anything again or reads from disk: last
year's report (``--previous``) comes in already analysed, from the run layer.

The order is the order of dependence: the era (a fact) decides which sections and tables the
format has; the sections say where table text without a grid stands.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from operator import attrgetter
from typing import Any, Callable, Iterator, Mapping, Optional, TypeVar

from msgspec import Struct, field

from checker.facts import Facts, ReportOptions, derive_facts
from checker.facts.joined import JoinedTexts
from checker.facts.outline import Outline, Section, build_outline
from checker.facts.sections import AssignedHeading, assign_sections
from checker.facts.sentences import Sentence, split_prose
from checker.formats.sections import SectionSpec
from checker.memo import store_beside_fields
from checker.model import Block, Document
from checker.tables.extract import TableSet, find_tables

T = TypeVar("T")


class AnalysedReport(Struct, frozen=True, dict=True):
    """One report as the rules see it: the document and all that was derived from it."""

    document: Document
    options: ReportOptions
    outline: Outline
    facts: Facts
    sections: tuple[AssignedHeading, ...]  # top-level headings (every heading before 2019) and their part
    tables: TableSet
    sentences: tuple[Sentence, ...]  # of every paragraph and heading, in order
    previous: Optional["AnalysedReport"] = None  # last year's report of the same agency (--previous)
    # id(heading block) → the required part it is: Blocks are mutable data, so they are not hashable.
    _parts: Mapping[int, SectionSpec] = field(default_factory=dict)

    @property
    def _derived(self) -> dict[str, Any]:
        """What several kinds derive from the report alike, made on first use (``derived``): one scan, not one
        a kind. Kept in the instance's ``__dict__`` (``dict=True``), outside the fields."""
        return store_beside_fields(self, "_derived")

    @property
    def path(self) -> str:
        return self.document.path

    def derived(self, key: str, make: Callable[["AnalysedReport"], T]) -> T:
        """``make(self)``, made once per report under ``key``: what several kinds read alike (the places
        of a scope, the renumbering plan) is derived on first use, not once a kind."""
        try:
            return self._derived[key]  # type: ignore[no-any-return]
        except KeyError:
            made = self._derived[key] = make(self)
            return made

    def places(self, scope: str) -> "Places":
        """The texts a kind of ``scope`` reads, each with its line and column: "text" (paragraphs and
        headings), "all" (also every table cell, row by row), "title" (the title, if any)."""
        return self.derived("places:" + scope, lambda report: Places(_read_places(report, scope)))

    def part_of(self, heading_block: Block) -> Optional[SectionSpec]:
        """The required part a heading is (its SectionSpec), or None."""
        return self._parts.get(id(heading_block))

    def part_section(self, number: int) -> Optional[Section]:
        """The top-level section that is required part ``number`` (一 = 1), or None."""
        for section in self.outline.sections:
            spec = self.part_of(section.heading.block)
            if spec is not None and spec.number == number:
                return section
        return None


class Places(JoinedTexts):
    """A report's texts of one scope: ``items`` (text, line, column), and the texts joined (JoinedTexts)."""

    def __init__(self, items: list[tuple[str, int, int]]) -> None:
        super().__init__([text for text, _, _ in items])
        self.items = items


_PLACE_OF = attrgetter("text", "line", "col")  # (text, line, column) of a cell, made in C: a report has hundreds


def _read_places(report: AnalysedReport, scope: str) -> list[tuple[str, int, int]]:
    if scope == "title":
        title = report.outline.title
        return [(title.text, title.line, title.col)] if title else []
    items: list[tuple[str, int, int]] = []
    for block in report.document.blocks:
        if block.kind != "table":
            items.append((block.text, block.line, block.col))
        elif scope == "all":
            for row in block.rows:
                items.extend(map(_PLACE_OF, row))
    return items


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while one report is analysed or checked (the engine uses it too).

    A report makes objects (blocks, tokens, cells, sentences) that all live until it is checked, and every
    collection walks all of them again: the longer the report, the more each one costs, and a report
    1,000× longer took 1,160× the work. What a report leaves unreachable is still freed at once by
    reference counting; the few cycles wait for the next collection after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def analyse(document: Document, options: ReportOptions = ReportOptions(),
            previous: Optional[AnalysedReport] = None) -> AnalysedReport:
    """Derive everything the rules need from ``document``, once."""
    with collector_paused():
        outline = build_outline(document)
        facts = derive_facts(document, outline, options)
        sections = assign_sections(outline, facts.era)
        tables = find_tables(document, outline, sections, facts.era)
        return AnalysedReport(
            document=document, options=options, outline=outline, facts=facts, sections=sections,
            tables=tables, sentences=split_prose(document.blocks), previous=previous,
            _parts={id(a.heading.block): a.spec for a in sections if a.spec is not None},
        )
