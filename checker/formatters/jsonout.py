"""JSON output: one array of findings sorted by path, line, column, code (the contract in DESIGN.md)."""

from __future__ import annotations

import json

from checker.findings import Finding


def format_json(findings: list[Finding], files_checked: int, lang: str = "zh", **_) -> str:
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"
