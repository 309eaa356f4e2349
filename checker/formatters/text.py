"""Text output for people: ``path:line:col: CODE [severity] message``, the quoted line, a summary."""

from __future__ import annotations

import unicodedata
from collections import Counter

from checker.findings import Finding

_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def display_width(text: str) -> int:
    """Terminal columns: CJK characters take two, so the caret lands under the right character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _excerpt(f: Finding, limit: int = 70) -> list[str]:
    if not f.excerpt:
        return []
    line = f.excerpt.replace("\t", " ")
    start = max(0, f.column - 1 - 20) if display_width(line) > limit else 0
    shown = line[start:]
    while display_width(shown) > limit:
        shown = shown[:-1]
    prefix = "…" if start else ""
    suffix = "…" if len(shown) + start < len(line) else ""
    col = max(0, f.column - 1 - start)
    span = 1
    if f.end_column and f.end_line in (None, f.line) and f.end_column > f.column:
        span = max(1, display_width(line[f.column - 1: f.end_column - 1]))
    gutter = f"{f.line:>5} | "
    caret = " " * (len(gutter) - 2) + "| " + " " * (display_width(prefix) + display_width(shown[:col])) + "^" * min(span, 40)
    return [gutter + prefix + shown + suffix, caret]


def format_text(findings: list[Finding], files_checked: int, lang: str = "zh", show_excerpt: bool = True, **_) -> str:
    out: list[str] = []
    for f in findings:
        out.append(f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}")
        if show_excerpt:
            out.extend(_excerpt(f))
    counts = Counter(f.severity for f in findings)
    if lang == "en":
        if findings:
            out.append(f"Found {len(findings)} problem(s) (errors {counts['error']}, warnings {counts['warning']}, "
                       f"info {counts['info']}) in {files_checked} file(s).")
        else:
            out.append(f"No problems found in {files_checked} file(s).")
    else:
        if findings:
            parts = "，".join(f"{_SEVERITY_ZH[s]} {counts[s]}" for s in ("error", "warning", "info"))
            out.append(f"共发现 {len(findings)} 个问题（{parts}），检查了 {files_checked} 个文件。")
        else:
            out.append(f"未发现问题，检查了 {files_checked} 个文件。")
    return "\n".join(out) + "\n"
