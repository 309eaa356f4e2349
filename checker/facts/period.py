"""The statistical period (统计期限) a report states, e.g. "统计期限自2023年1月1日起至2023年12月31日止"."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Optional

from msgspec import Struct

from checker.lazy import regex
from checker.model import Block, InBlock

_D = r"(?P<{p}y>\d{{4}})\s*年\s*(?P<{p}m>\d{{1,2}})\s*月\s*(?:(?P<{p}d>\d{{1,2}})\s*[日号])?"
_D2 = r"(?:(?P<{p}y>\d{{4}})\s*年\s*)?(?P<{p}m>\d{{1,2}})\s*月\s*(?:(?P<{p}d>\d{{1,2}})\s*[日号])?(?:份)?"
_SEP = r"\s*(?:起)?\s*[，,]?\s*(?:至|到|—{1,2}|－|-|~|～|―|–)\s*"
RANGE_RE = re.compile(_D.format(p="a") + r"(?:份)?" + _SEP + _D2.format(p="b"))
WHOLE_YEAR_RE = regex(r"(?P<y>\d{4})\s*年(?:度|全年|整年)")
KEYWORD_RE = re.compile(r"统计(?:期限|时限|期间|时间|区间|周期|截止|范围|时段)|数据(?:统计)?(?:期限|区间|时间)")


class Period(InBlock, Struct):
    """What the report says its data cover. start/end are None when the statement cannot be read."""

    start: Optional[dt.date]
    end: Optional[dt.date]
    block: Block
    offset: int  # where the statement starts in block.text
    raw: str
    has_keyword: bool

    def is_calendar_year(self, year: int) -> bool:
        return self.start == dt.date(year, 1, 1) and self.end == dt.date(year, 12, 31)


def _day(y: int, m: int, d: Optional[str], end: bool) -> Optional[dt.date]:
    if not 1 <= m <= 12:
        return None
    day = int(d) if d else (calendar.monthrange(y, m)[1] if end else 1)
    try:
        return dt.date(y, m, day)
    except ValueError:
        return None


def _range_in(block: Block, keyword: Optional[re.Match]) -> Optional[Period]:
    text = block.text
    start_at = keyword.start() if keyword else 0
    m = RANGE_RE.search(text, start_at)
    if m:
        y1 = int(m.group("ay"))
        y2 = int(m.group("by")) if m.group("by") else y1
        start = _day(y1, int(m.group("am")), m.group("ad"), end=False)
        end = _day(y2, int(m.group("bm")), m.group("bd"), end=True)
        return Period(start, end, block, keyword.start() if keyword else m.start(), m.group(0), keyword is not None)
    w = WHOLE_YEAR_RE.search(text, start_at)
    if w and keyword and w.start() - keyword.end() < 12:
        y = int(w.group("y"))
        return Period(dt.date(y, 1, 1), dt.date(y, 12, 31), block, keyword.start(), w.group(0), True)
    return None


def find_period(blocks: list[Block]) -> Optional[Period]:
    """The period statement: a sentence naming the 统计期限 with its dates, else a bare date range
    in the preamble. A keyword without readable dates gives a Period with start=end=None."""
    unreadable: Optional[Period] = None
    for block in blocks:
        kw = KEYWORD_RE.search(block.text)
        if kw:
            found = _range_in(block, kw)
            if found:
                return found
            if unreadable is None:
                unreadable = Period(None, None, block, kw.start(), block.text[kw.start(): kw.start() + 30], True)
    return unreadable


def find_bare_range(blocks: list[Block]) -> Optional[Period]:
    """A date range in the preamble with no 统计 keyword ("2023年1月1日至12月31日，本局……")."""
    for block in blocks:
        found = _range_in(block, None)
        if found and found.start and found.end and (found.end - found.start).days >= 300:
            return found
    return None
