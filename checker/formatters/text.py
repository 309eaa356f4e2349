"""Text output for people: ``path:line:col: CODE [severity] message``, the quoted line, a summary."""

from __future__ import annotations

from collections import Counter

from checker.findings import Finding
from checker.formatters.common import page_note

_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
_SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "blue"}
_SGR = {"red": "31", "yellow": "33", "blue": "34"}  # ANSI colours (plain codes: only cli.py may import click)


def _paint(text: str, color: bool, fg: str | None = None, bold: bool = False) -> str:
    """ANSI colour when the CLI turned it on (a terminal and NO_COLOR unset, or --color always)."""
    if not color:
        return text
    codes = ([f"\x1b[{_SGR[fg]}m"] if fg in _SGR else []) + (["\x1b[1m"] if bold else [])
    return "".join(codes) + text + "\x1b[0m"


def display_width(text: str) -> int:
    """Terminal columns: CJK characters take two, so the caret lands under the right character."""
    import unicodedata  # here: a shared library (~1 ms to load), which a report without findings never needs

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _excerpt(f: Finding, limit: int = 70) -> list[str]:
    if not f.excerpt:
        return []
    line = f.excerpt.replace("\t", " ")
    start = max(0, f.column - 1 - 20) if display_width(line) > limit else 0
    shown = line[start:start + limit]  # a character takes one column or more: no more than ``limit`` fit
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


def _headline(f: Finding, color: bool, lang: str = "zh") -> str:
    """The finding line; a PDF's page follows the message, so the location stays ``path:line:col:``."""
    where = _paint(f"{f.path}:{f.line}:{f.column}:", color, bold=True)
    code = _paint(f"{f.code} [{f.severity}]", color, fg=_SEVERITY_COLOUR.get(f.severity), bold=True)
    return f"{where} {code} {f.message}{page_note(f, lang)}"


def format_text(findings: list[Finding], files_checked: int, lang: str = "zh", show_excerpt: bool = True,
                quiet: bool = False, color: bool = False, files_unchecked: int = 0, **_) -> str:
    """``quiet``: the finding lines only (no quoted line, no summary)."""
    out: list[str] = []
    for f in findings:
        out.append(_headline(f, color, lang))
        if show_excerpt and not quiet:
            excerpt = _excerpt(f)
            if excerpt and color:
                excerpt[-1] = _paint(excerpt[-1], color, fg=_SEVERITY_COLOUR.get(f.severity))
            out.extend(excerpt)
    if quiet:
        return "".join(line + "\n" for line in out)
    out.append(summary_line(findings, files_checked, lang, files_unchecked))
    return "\n".join(out) + "\n"


def summary_line(findings: list[Finding], files_checked: int, lang: str = "zh", files_unchecked: int = 0) -> str:
    """The closing sentence: how many problems of each severity in how many files. When some input could
    not be checked it says so first, and never that no problem was found: the result is incomplete."""
    counts = Counter(f.severity for f in findings)
    if lang == "en":
        unchecked = (f"; {files_unchecked} more file(s) could not be checked (see the errors above): the check is "
                     "incomplete") if files_unchecked else ""
        if findings:
            return (f"Found {len(findings)} problem(s) (errors {counts['error']}, warnings {counts['warning']}, "
                    f"info {counts['info']}) in {files_checked} file(s){unchecked}.")
        if files_unchecked:
            return f"Checked {files_checked} file(s) and found no problem in them{unchecked}."
        return f"No problems found in {files_checked} file(s)."
    parts = "，".join(f"{_SEVERITY_ZH[s]} {counts[s]}" for s in ("error", "warning", "info"))
    unchecked = f"；另有 {files_unchecked} 个文件未能检查（见上方错误信息），检查不完整" if files_unchecked else ""
    if findings:
        return f"共发现 {len(findings)} 个问题（{parts}），检查了 {files_checked} 个文件{unchecked}。"
    if files_unchecked:
        return f"检查了 {files_checked} 个文件，其中没有发现问题{unchecked}。"
    return f"未发现问题，检查了 {files_checked} 个文件。"
