"""The statistical period (统计期限) a report states, e.g. "统计期限自2023年1月1日起至2023年12月31日止"."""

from __future__ import annotations

import datetime as dt
from typing import Optional

from msgspec import Struct

from checker.facts.scan import SpanMatch, digits_end, spaces_end
from checker.lazy import regex
from checker.model import Block, InBlock

_D = r"(?P<{p}y>\d{{4}})\s*年\s*(?P<{p}m>\d{{1,2}})\s*月\s*(?:(?P<{p}d>\d{{1,2}})\s*[日号])?"
_D2 = r"(?:(?P<{p}y>\d{{4}})\s*年\s*)?(?P<{p}m>\d{{1,2}})\s*月\s*(?:(?P<{p}d>\d{{1,2}})\s*[日号])?(?:份)?"
_SEP = r"\s*(?:起)?\s*[，,]?\s*(?:至|到|—{1,2}|－|-|~|～|―|–)\s*"
# A date range, and a keyword of the period. Both are read by hand below (_range_search, _keyword_span) where a
# report is checked: compiled, they took ~1 ms of every cold check (a long pattern, alternations of Chinese
# words), for one or two searches a report. RANGE_RE is compiled when a rule quotes a wrong period
# (kinds/period_calendar_year.py); tests/test_speed8_facts.py holds each reading against its regex.
RANGE_RE = regex(_D.format(p="a") + r"(?:份)?" + _SEP + _D2.format(p="b"))
WHOLE_YEAR_RE = regex(r"(?P<y>\d{4})\s*年(?:度|全年|整年)")
_STATISTICS_WORDS = ("期限", "时限", "期间", "时间", "区间", "周期", "截止", "范围", "时段")  # after 统计
_DATA_WORDS = ("期限", "区间", "时间")  # after 数据 or 数据统计
_DASHES = ("至", "到", "—", "－", "-", "~", "～", "―", "–")


def _keyword_span(text: str) -> Optional[tuple[int, int]]:
    """The span of the search of ``统计(?:期限|时限|期间|时间|区间|周期|截止|范围|时段)|数据(?:统计)?(?:期限|区间|时间)``,
    or None. Its two branches begin with different words, so the leftmost match is the first 统计 or 数据 that
    the words after it complete."""
    found = None
    at = text.find("统计")
    while at >= 0:
        if text.startswith(_STATISTICS_WORDS, at + 2):
            found = (at, at + 4)
            break
        at = text.find("统计", at + 1)
    before = found[0] if found else len(text)
    at = text.find("数据")
    while 0 <= at < before:
        if text.startswith("统计", at + 2) and text.startswith(_DATA_WORDS, at + 4):  # (?:统计)? is greedy
            return at, at + 6
        if text.startswith(_DATA_WORDS, at + 2):
            return at, at + 4
        at = text.find("数据", at + 1)
    return found


class _RangeMatch(SpanMatch):
    """A match of RANGE_RE found in Python: the whole match or a group ("ay", "am", "ad", "by", "bm", "bd"),
    as on a match object, but for a group that took no part: its span is (-1, -1) and its text "" (not None)."""

    __slots__ = ("spans",)

    def __init__(self, string: str, spans: dict[str | int, tuple[int, int]]) -> None:
        self.string, self.spans = string, spans

    def span(self, group: str | int = 0) -> tuple[int, int]:
        return self.spans.get(group, (-1, -1))

    def group(self, group: str | int = 0) -> str:
        start, end = self.span(group)
        return self.string[start:end] if start >= 0 else ""


def _month_day(text: str, at: int, p: str, spans: dict[str | int, tuple[int, int]]) -> int:
    r"""Where ``(?P<{p}m>\d{1,2})\s*月\s*(?:(?P<{p}d>\d{1,2})\s*[日号])?`` from ``at`` ends (-1: no match),
    its groups put in ``spans``."""
    end = digits_end(text, at, 2)
    month = spaces_end(text, end)
    if end == at or not text.startswith("月", month):
        return -1
    spans[p + "m"] = (at, end)
    after = spaces_end(text, month + 1)
    day_end = digits_end(text, after, 2)
    unit = spaces_end(text, day_end)
    if day_end > after and text.startswith(("日", "号"), unit):
        spans[p + "d"] = (after, day_end)
        return unit + 1
    return after  # the white space after 月 is the match's even without a day


def _range_at(text: str, start: int) -> Optional[_RangeMatch]:
    """``RANGE_RE.match(text, start)``. Each part takes all it can, an optional part whenever it matches, and no
    other choice lets the rest match (what a part would give back is white space, a digit or a mark where the
    next part needs another character), so the regex never backtracks into a match it began: one pass reads it."""
    if len(text) < start + 4 or not text[start:start + 4].isdecimal():
        return None
    year = spaces_end(text, start + 4)
    if not text.startswith("年", year):
        return None
    spans: dict[str | int, tuple[int, int]] = {"ay": (start, start + 4)}
    at = _month_day(text, spaces_end(text, year + 1), "a", spans)
    if at < 0:
        return None
    if text.startswith("份", at):
        at += 1
    # _SEP: \s*(?:起)?\s*[，,]?\s*, a dash or a word, \s*
    at = spaces_end(text, at)
    if text.startswith("起", at):
        at = spaces_end(text, at + 1)
    if text.startswith(("，", ","), at):
        at = spaces_end(text, at + 1)
    if not text.startswith(_DASHES, at):
        return None
    at += 2 if text.startswith("——", at) else 1
    at = spaces_end(text, at)
    # _D2: (?:(?P<by>\d{4})\s*年\s*)?, then a month and maybe a day, (?:份)?
    if len(text) >= at + 4 and text[at:at + 4].isdecimal():
        year = spaces_end(text, at + 4)
        if text.startswith("年", year):
            spans["by"] = (at, at + 4)
            at = spaces_end(text, year + 1)
    at = _month_day(text, at, "b", spans)
    if at < 0:
        return None
    if text.startswith("份", at):
        at += 1
    spans[0] = (start, at)
    return _RangeMatch(text, spans)


def _range_search(text: str, pos: int = 0) -> Optional[_RangeMatch]:
    """``RANGE_RE.search(text, pos)``: a match begins with its four-digit year, before the white space before its
    first 年, so it is tried only there, in order."""
    at = text.find("年", pos)
    while at >= 0:
        start = at - 4
        while start + 3 >= pos and text[start + 3].isspace():
            start -= 1
        if start >= pos and text[start + 3].isdecimal():  # the year's last digit, tested without a call
            found = _range_at(text, start)
            if found is not None:
                return found
        at = text.find("年", at + 1)
    return None


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


def _month_length(y: int, m: int) -> int:
    """``calendar.monthrange(y, m)[1]``, without importing calendar at every start."""
    if m == 2:
        return 29 if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) else 28
    return 30 if m in (4, 6, 9, 11) else 31


def _day(y: int, m: int, d: Optional[str], end: bool) -> Optional[dt.date]:
    if not 1 <= m <= 12:
        return None
    day = int(d) if d else (_month_length(y, m) if end else 1)
    try:
        return dt.date(y, m, day)
    except ValueError:
        return None


def _range_in(block: Block, keyword: Optional[tuple[int, int]]) -> Optional[Period]:
    """The period stated in ``block`` from the ``keyword`` (its span; None: from the start, without one)."""
    text = block.text
    start_at = keyword[0] if keyword else 0
    m = _range_search(text, start_at)
    if m:
        y1 = int(m.group("ay"))
        y2 = int(m.group("by")) if m.group("by") else y1
        start = _day(y1, int(m.group("am")), m.group("ad"), end=False)
        end = _day(y2, int(m.group("bm")), m.group("bd"), end=True)
        return Period(start, end, block, keyword[0] if keyword else m.start(), m.group(0), keyword is not None)
    w = WHOLE_YEAR_RE.search(text, start_at)
    if w and keyword and w.start() - keyword[1] < 12:
        y = int(w.group("y"))
        return Period(dt.date(y, 1, 1), dt.date(y, 12, 31), block, keyword[0], w.group(0), True)
    return None


def find_period(blocks: list[Block]) -> Optional[Period]:
    """The period statement: a sentence naming the 统计期限 with its dates, else a bare date range
    in the preamble. A keyword without readable dates gives a Period with start=end=None."""
    unreadable: Optional[Period] = None
    for block in blocks:
        kw = _keyword_span(block.text)
        if kw:
            found = _range_in(block, kw)
            if found:
                return found
            if unreadable is None:
                unreadable = Period(None, None, block, kw[0], block.text[kw[0]: kw[0] + 30], True)
    return unreadable


def find_bare_range(blocks: list[Block]) -> Optional[Period]:
    """A date range in the preamble with no 统计 keyword ("2023年1月1日至12月31日，本局……")."""
    for block in blocks:
        found = _range_in(block, None)
        if found and found.start and found.end and (found.end - found.start).days >= 300:
            return found
    return None
