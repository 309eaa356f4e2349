"""Helpers of the numbering kinds: the numbered headings, their tokens, a number written in a style."""

from __future__ import annotations

from checker.analysis import AnalysedReport
from checker.cnnum import int_to_cn
from checker.facts.outline import Heading
from checker.findings import Hit


def numbered_headings(report: AnalysedReport) -> list[Heading]:
    return [h for h in report.outline.headings if h.number is not None]


def token(h: Heading) -> str:
    return h.token.strip()


def in_style(style: str, number: int) -> str:
    """``number`` written in ``style``: "一、" → "三、", "1、" → "3、", "（一）" → "（三）"."""
    if "一" in style:
        return style.replace("一", int_to_cn(number))
    return style.replace("1", str(number))


def level_args(h: Heading) -> dict:
    """The heading's level for a message: ``level`` 2 and ``level_cn`` 二 (二级标题, a level-2 heading)."""
    return {"level": h.level, "level_cn": int_to_cn(h.level)}


def hit_on_token(h: Heading, **kw) -> Hit:
    return Hit(h.line, h.col, end_line=h.line, end_column=h.col + len(token(h)), **kw)
