"""JSON output: one array of findings sorted by path, line, column, code (the contract in DESIGN.md)."""

from __future__ import annotations

import msgspec

from checker.findings import Finding


def format_json(findings: list[Finding], files_checked: int, lang: str = "zh", **_) -> str:
    """``json.dumps(..., ensure_ascii=False, indent=2)`` of the findings, written by msgspec (imported
    already: the json module's import was ~1 % of a cold check). A finding holds strings, integers and None
    only, which both write alike (tests/test_formatters.py); a string they cannot (a lone surrogate of an
    undecodable file name) goes through json."""
    data = [f.to_dict() for f in findings]
    try:
        return msgspec.json.format(msgspec.json.encode(data), indent=2).decode("utf-8") + "\n"
    except (UnicodeEncodeError, msgspec.EncodeError):
        import json

        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
