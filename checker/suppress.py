"""Inline suppressions: parse <!-- ogi-check: disable=… --> directives and apply them to findings.

Syntax (one HTML comment, in .txt, .md and .html reports):

    <!-- ogi-check: disable=T020,N003 原因说明 -->        from here to the matching enable (or the end)
    <!-- ogi-check: enable=T020 -->                       ends the disable of T020 (or of codes under T)
    <!-- ogi-check: disable-next-line=A002 原因说明 -->   only the next paragraph or table

A disable needs a reason, as ruff's noqa culture and ESLint's "-- description" ask: a suppression
nobody can explain is a defect kept quiet. A directive without one is not applied. What went wrong
is returned as hits for the X rules: an unused suppression (X001, as ruff's RUF100) and an invalid
directive (X002). The readers only collect the comments; they know nothing of this syntax.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, Mapping

from msgspec import Struct, field
from msgspec.structs import replace

from checker.findings import Finding, Hit
from checker.lazy import regex
from checker.model import Block, Document

from checker.rules import names_a_rule

if TYPE_CHECKING:
    from checker.rules import Rule

_CODE = r"[A-Za-z][0-9]{0,3}(?![0-9A-Za-z_])"
_DIRECTIVE = regex(
    rf"^ogi-check\s*[:：]\s*(?P<action>disable-next-line|disable|enable)\s*=\s*"
    rf"(?P<codes>{_CODE}(?:\s*[,，]\s*{_CODE})*)(?P<rest>.*)$", re.I | re.S)
_REASON_LEAD = " \t,，:：;；-—–"
_HAS_WORD = regex(r"\w")
_END = 10 ** 9  # "to the end of the report"


Place = tuple[int, int]  # (line, column) in the file, as a finding names it


class _Range(Struct):
    """The lines one directive silences for one selector: from ``start`` up to ``end``."""

    selector: str
    start: Place
    end: Place  # exclusive
    line: int  # where the directive is
    text: str
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        return self.start <= (finding.line, finding.column) < self.end and finding.code.startswith(self.selector)


def _file_span(doc: Document, block: Block) -> tuple[Place, Place]:
    """Where ``block`` stands in the file, as findings are placed: from the start of its first line to the end
    of its last. The block's lines are rendition lines; in a report whose layout was recovered a paragraph is
    several wrapped file lines joined, or a piece of one flattened line, so each is mapped (Document.locate)."""
    if not doc.origins:  # the rendition is the file: the block's whole lines
        return (block.line, 0), (block.end_line + 1, 0)
    places = []
    for line in range(block.line, block.end_line + 1):
        places.append(doc.locate(line, 1))
        places.append(doc.locate(line, max(1, len(doc.line_text(line)))))
    last_line, last_column = max(places)
    return min(places), (last_line, last_column + 1)


class Outcome(Struct):
    """What applying the directives gave: the findings kept, and hits for the X rules by outcome."""

    kept: list[Finding]
    suppressed: list[Finding] = field(default_factory=list)
    hits: list[tuple[str, Hit]] = field(default_factory=list)  # ("unused" | "invalid", hit)


def resolve_directives(doc: Document, findings: list[Finding], ran: Iterable[str], known: Iterable[str]) -> Outcome:
    """Hide the findings the directives of ``doc`` cover.

    ``ran`` are the codes of the rules that ran on this document: a suppression of a rule that did not
    run (deselected, or not for this era) is not called unused. ``known`` are all codes loaded: a code
    outside them is a typo.
    """
    ran, known = set(ran), set(known)
    last = max(1, len(doc.source_lines if doc.source_lines is not None else doc.lines))  # directives are on file lines
    out = Outcome(kept=[])

    def invalid(line: int, variant: str, text: str, code: str = "") -> None:
        out.hits.append(("invalid", Hit(min(line, last), 1, variant=variant, args={"directive": text, "code": code})))

    ranges: list[_Range] = []
    open_: list[_Range] = []
    rejected: set[str] = set()  # disabled without a reason: their enable is not a second problem
    for line, text in sorted(doc.directives, key=lambda d: d[0]):
        m = _DIRECTIVE.match(text.strip())
        if not m:
            invalid(line, "syntax", text)
            continue
        action = m.group("action").lower()
        selectors = list(dict.fromkeys(c.strip().upper() for c in re.split(r"[,，]", m.group("codes"))))
        reason = m.group("rest").strip(_REASON_LEAD)
        good = []
        for s in selectors:
            if names_a_rule(s, known):
                good.append(s)
            else:
                invalid(line, "unknown-code", text, s)
        if action == "enable":
            for s in good:
                closing = [r for r in open_ if r.selector.startswith(s)]
                if not closing and not any(x.startswith(s) for x in rejected):
                    invalid(line, "nothing-to-enable", text, s)
                rejected -= {x for x in rejected if x.startswith(s)}
                for r in closing:
                    r.end = (line, 0)
                    open_.remove(r)
            continue
        if not _HAS_WORD.search(reason):
            invalid(line, "no-reason", text, ",".join(selectors))
            if action == "disable":
                rejected.update(good)
            continue  # not applied: the finding stays visible until someone writes why
        if action == "disable":
            for s in good:
                r = _Range(s, (line, 0), (_END, 0), line, text)
                ranges.append(r)
                open_.append(r)
        else:  # disable-next-line: the next paragraph, or all of the next table
            spans = (_file_span(doc, b) for b in doc.blocks)
            start, end = next(((a, b) for a, b in spans if a[0] >= line), ((_END, 0), (_END, 0)))
            ranges.extend(_Range(s, start, end, line, text) for s in good)

    for f in findings:
        covering = [r for r in ranges if r.covers(f)]
        for r in covering:
            r.used = True
        (out.suppressed if covering else out.kept).append(f)

    for r in ranges:
        if not r.used and any(code.startswith(r.selector) for code in ran):
            out.hits.append(("unused", Hit(min(r.line, last), 1, args={"code": r.selector, "directive": r.text})))
    return out


def apply_directives(doc: Document, findings: list[Finding], ran: list["Rule"], lang: str,
                     overrides: Mapping[str, str], known: Iterable[str]) -> list[Finding]:
    """Hide what <!-- ogi-check: disable=… --> covers; report unused and invalid directives through the
    rules of kind ``directive`` that ran (X001, X002), with their message templates."""
    outcome = resolve_directives(doc, findings, [r.code for r in ran], known)
    reporters = {r.params.get("reports"): r for r in ran if r.kind == "directive"}
    kept = outcome.kept
    seen = set()
    for report, hit in outcome.hits:
        rule = reporters.get(report)
        if rule is None:
            continue
        f = rule.finding(doc, hit, lang, overrides)
        if doc.origins:  # a directive's line is the file's already: rule.finding would map it as a rendition line
            quoted = doc.source_text(hit.line)
            f = replace(f, line=hit.line, column=hit.column, excerpt=quoted if quoted.strip() else None,
                        end_line=None, end_column=None)
        key = (f.code, f.line, f.message)
        if key not in seen:
            seen.add(key)
            kept.append(f)
    return kept
