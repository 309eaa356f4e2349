"""The engine: run the rules that apply to one analysed report, apply its suppressions, return sorted findings."""

from __future__ import annotations

from typing import Iterable, Mapping, Optional

from checker.analysis import AnalysedReport, collector_paused
from checker.findings import Finding
from checker.rules import Rule, builtin_codes


def check_report(report: AnalysedReport, rules: list[Rule], lang: str = "zh",
                 severity_overrides: Optional[Mapping[str, str]] = None,
                 known_codes: Optional[Iterable[str]] = None) -> list[Finding]:
    """Run every rule that applies to ``report``, then its suppression directives; findings sorted by
    (path, line, column, code). ``known_codes`` are all codes loaded, selected or not (a directive
    naming another code is a typo); by default the built-in codes and those of ``rules``."""
    with collector_paused():  # linear in the report's length (analysis.collector_paused)
        return _check_report(report, rules, lang, severity_overrides, known_codes)


def _check_report(report: AnalysedReport, rules: list[Rule], lang: str,
                  severity_overrides: Optional[Mapping[str, str]], known_codes: Optional[Iterable[str]]) -> list[Finding]:
    overrides = severity_overrides or {}
    document = report.document
    findings: list[Finding] = []
    ran: list[Rule] = []
    skipped: dict[str, list[str]] = {}  # a fact the report leaves unknown → the rules that needed it
    for rule in rules:
        if not rule.applies_to(report.facts):
            for fact in rule.unknown_facts(report.facts):
                skipped.setdefault(fact, []).append(rule.code)
            continue
        ran.append(rule)
        seen = set()
        for hit in rule.kind_instance().check(report):
            f = rule.finding(document, hit, lang, overrides)
            key = (f.line, f.column, f.message)
            if key not in seen:  # one place, one message
                seen.add(key)
                findings.append(f)
    for rule in ran:
        if skipped and rule.kind == "rules-not-run":  # X003: nothing is skipped in silence
            findings.extend(rule.finding(document, hit, lang, overrides)
                            for hit in rule.kind_instance().hits(report, skipped))
    if document.directives:
        from checker.suppress import apply_directives  # imported here: most reports have no directive

        known = set(known_codes) if known_codes is not None else builtin_codes() | {r.code for r in ran}
        findings = apply_directives(document, findings, ran, lang, overrides, known)
    findings.sort(key=Finding.sort_key)
    return findings


def applicable_codes(report: AnalysedReport, rules: list[Rule]) -> list[str]:
    """The codes of the rules that applied to ``report`` (what a JUnit report lists as its test cases)."""
    return [r.code for r in rules if r.applies_to(report.facts)]
