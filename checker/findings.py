"""A finding: what is wrong, where, how bad; the one record every formatter turns into output."""

from __future__ import annotations

from typing import Any, Optional

from msgspec import Struct
from msgspec.structs import asdict

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
EXCERPT_AROUND = 80  # characters of a long line quoted either side of a finding (JSON output)


class Finding(Struct):
    """One finding: where (path, line, column, page), which rule, how severe, what to write instead."""

    path: str
    line: int
    column: int
    code: str
    severity: str
    message: str
    name: str = ""
    excerpt: Optional[str] = None
    end_line: Optional[int] = None
    end_column: Optional[int] = None
    fix: Optional[str] = None
    page: Optional[int] = None  # the page of a paged input (PDF)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in asdict(self).items() if v is not None}
        if self.excerpt is not None:
            out["excerpt"] = self.bounded_excerpt()
        return out

    def bounded_excerpt(self, around: int = EXCERPT_AROUND) -> str:
        """The quoted line, cut to ``around`` characters either side of the finding when it is long: a
        report whose layout was lost is one file line, and quoting all of it in every finding floods
        the JSON. A cut is marked with "…"; a line of ordinary length is quoted whole."""
        text = self.excerpt or ""
        if len(text) <= 2 * around + 40:
            return text
        end = self.end_column if self.end_column and self.end_line in (None, self.line) else self.column
        start, stop = max(0, self.column - 1 - around), min(len(text), max(end, self.column) - 1 + around)
        return ("…" if start else "") + text[start:stop] + ("…" if stop < len(text) else "")


class Hit(Struct):
    """What a rule kind reports: a place, which message variant, and the values to fill it with.

    Kinds never write sentences; the rule file's message template does, so wording lives in YAML.
    """

    line: int
    column: int = 1
    args: Optional[dict[str, Any]] = None
    variant: Optional[str] = None
    end_line: Optional[int] = None
    end_column: Optional[int] = None
    fix: Optional[str] = None
