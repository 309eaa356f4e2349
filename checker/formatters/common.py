"""Helpers the machine formatters share: rule lookup, stable fingerprints, XML-safe text."""

from __future__ import annotations

from typing import Iterable, Optional

from checker.findings import Finding
from checker.lazy import regex

# XML 1.0 forbids most C0 controls; Word debris (\x07 cell marks, \x0b line breaks) can reach a message.
_XML_INVALID = regex("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _XML_INVALID.sub("\ufffd", text)


def rules_by_code(rules: Optional[Iterable]) -> dict:
    """The loaded rules keyed by code (empty when a caller passed none)."""
    return {r.code: r for r in rules or ()}


def fingerprint(f: Finding) -> str:
    """Code, path and the quoted line: stable when the line moves, changes when the evidence does."""
    import hashlib  # here: it loads OpenSSL (~5 ms), and a report without findings needs no fingerprint

    data = "\0".join((f.code, f.path.replace("\\", "/"), f.excerpt or ""))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def page_note(f: Finding, lang: str = "zh") -> str:
    """"（第3页）" / " (page 3)" after the message of a finding in a paged input (PDF); "" for the others, so
    their output is unchanged."""
    if f.page is None:
        return ""
    return f" (page {f.page})" if lang == "en" else f"（第{f.page}页）"


def rule_text(rule, field: str, lang: str) -> str:
    """A rule's zh/en text field in the wanted language, falling back to Chinese."""
    value = getattr(rule, field, None) or {}
    return (value.get(lang) or value.get("zh") or "").strip()
