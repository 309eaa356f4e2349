"""JUnit XML: a testsuite per file, a testcase per (file, rule) that applied; failures carry the messages."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import Optional

from checker.findings import SEVERITY_RANK, Finding
from checker.formatters.common import page_note, rules_by_code, xml_safe


def _files(findings: list[Finding], applicable: Optional[dict], known: dict) -> dict[str, list[str]]:
    """Each file with the codes to report on it: the rules that applied (as the CLI passes them),
    else every loaded rule; codes found but not listed are added so no finding is lost."""
    files: dict[str, list[str]] = {p: list(codes) for p, codes in (applicable or {}).items()}
    for f in findings:
        codes = files.setdefault(f.path, list(known))
        if f.code not in codes:
            codes.append(f.code)
    return {p: sorted(set(codes)) for p, codes in files.items()}


def format_junit(findings: list[Finding], files_checked: int, rules=None, applicable=None, lang: str = "zh",
                 **_) -> str:
    known = rules_by_code(rules)
    found: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        found[(f.path, f.code)].append(f)
    root = ET.Element("testsuites", name="ogi-check")
    total = failed = 0
    for path, codes in _files(findings, applicable, known).items():
        suite = ET.SubElement(root, "testsuite", name=path, errors="0", skipped="0")
        suite_failed = 0
        for code in codes:
            rule = known.get(code)
            hits = found.get((path, code), [])
            name = rule.name if rule else (hits[0].name if hits else "")
            case = ET.SubElement(suite, "testcase", classname=path, name=f"{code} {name}".strip(), time="0")
            if hits:
                suite_failed += 1
                text = xml_safe("\n".join(f"{h.line}:{h.column}: {h.message}{page_note(h, lang)}" for h in hits))
                worst = max(hits, key=lambda h: SEVERITY_RANK.get(h.severity, 0)).severity
                failure = ET.SubElement(case, "failure", message=text, type=worst)
                failure.text = text
        suite.set("tests", str(len(codes)))
        suite.set("failures", str(suite_failed))
        total += len(codes)
        failed += suite_failed
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
