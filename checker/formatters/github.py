"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding."""

from __future__ import annotations

from checker.findings import Finding
from checker.formatters.common import page_note

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """The message after ``::`` (GitHub's escapeData)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A ``key=value`` property (GitHub's escapeProperty): also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _line(f: Finding, lang: str = "zh") -> str:
    props = [("file", f.path.replace("\\", "/")), ("line", f.line), ("col", f.column)]
    if f.end_line is not None or f.end_column is not None:
        props.append(("endLine", f.end_line if f.end_line is not None else f.line))
    if f.end_column is not None:
        props.append(("endColumn", f.end_column))
    props.append(("title", f"{f.code} {f.name}".strip()))
    joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props)
    return f"::{COMMANDS.get(f.severity, 'warning')} {joined}::{escape_data(f.message + page_note(f, lang))}"


def format_github(findings: list[Finding], files_checked: int, lang: str = "zh", **_) -> str:
    return "".join(_line(f, lang) + "\n" for f in findings)
