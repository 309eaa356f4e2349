"""SARIF 2.1.0 output (one run) for code-scanning tools such as GitHub's upload-sarif."""

from __future__ import annotations

import json
import string
from pathlib import Path
from urllib.parse import quote

from checker import __version__
from checker.findings import Finding
from checker.formatters.common import fingerprint, rule_text, rules_by_code

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A valid URI reference: relative paths stay relative (forward slashes, percent-encoded),
    absolute ones become file:// URIs."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(path.replace("\\", "/"), safe="/")


def _template(text: str) -> str:
    """A message template for help text: each ``{placeholder}`` shown as an ellipsis."""
    return "".join(lit + ("…" if field is not None else "") for lit, field, _, _ in string.Formatter().parse(text))


def _descriptor(code: str, rule, fallback: Finding | None, lang: str) -> dict:
    if rule is None:  # a code no loaded rule carries: describe it from the finding
        name = fallback.name if fallback else code
        return {"id": code, "name": name or code, "shortDescription": {"text": name or code},
                "defaultConfiguration": {"level": LEVELS.get(fallback.severity, "warning") if fallback else "warning"}}
    summary = rule_text(rule, "summary", lang)
    full = rule_text(rule, "rationale", lang) or summary
    basis_label = "Basis" if lang == "en" else "依据"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": {"text": f"{_template(rule_text(rule, 'message', lang))}\n{basis_label}：{rule.basis}"},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"basis": rule.basis, "severity": rule.severity},
    }


def _result(f: Finding, index: int) -> dict:
    region = {"startLine": f.line, "startColumn": f.column}
    if f.end_line is not None:
        region["endLine"] = f.end_line
    if f.end_column is not None:
        region["endColumn"] = f.end_column
    result = {
        "ruleId": f.code,
        "ruleIndex": index,
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(f.path)},
            "region": region,
        }}],
        "partialFingerprints": {"ogiCheck/v1": fingerprint(f)},
    }
    if f.page is not None:  # a PDF: the page the line is on (the region stays the rendition's line)
        result["properties"] = {"page": f.page}
    return result


def format_sarif(findings: list[Finding], files_checked: int, lang: str = "zh", rules=None, **_) -> str:
    known = rules_by_code(rules)
    codes = list(known)
    first_of: dict[str, Finding] = {}
    for f in findings:
        first_of.setdefault(f.code, f)
        if f.code not in known and f.code not in codes:
            codes.append(f.code)
    index = {code: i for i, code in enumerate(codes)}
    run = {
        "tool": {"driver": {
            "name": "ogi-check",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [_descriptor(c, known.get(c), first_of.get(c), lang) for c in codes],
        }},
        # Columns count characters (code points), not UTF-16 units: say so, the report is Chinese.
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.code]) for f in findings],
    }
    doc = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
