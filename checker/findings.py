"""A finding: what is wrong, where, how bad; the one record every formatter turns into output."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Optional

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass
class Finding:
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
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass
class Hit:
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
