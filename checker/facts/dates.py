"""Dates as reports write them: 2024年1月22日, 二〇二四年一月二十二日, 2024-01-22, 2024.1.22."""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator, Optional, Union

from msgspec import Struct

from checker.cnnum import CN_NUMBER_RE, CN_NUMERAL, cn_to_int
from checker.facts.scan import SpanMatch, digits_end
from checker.lazy import regex

_N = rf"(?:\d{{1,4}}|{CN_NUMBER_RE})"
# What a date is. Neither is compiled where a report is checked (their classes of Chinese numerals and
# separators took ~1.5 ms of every cold check to compile): a date of digits is found by _DIGIT_DATE, the
# date that DATE_RE's first choices (digits, each alternative before the next) give, whenever it matches; any
# other, and ISO_DATE_RE's, is read by hand (_written_date_at, _iso_date_at). tests/test_speed8_facts.py holds
# each reading against its regex.
DATE_RE = regex(
    rf"(?P<y>\d{{4}}|[〇零○一二三四五六七八九]{{4}})\s*年\s*(?P<m>{_N})\s*月\s*(?P<d>{_N})\s*[日号]"
)
_DIGIT_DATE = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,4})\s*月\s*(?P<d>\d{1,4})\s*[日号]")  # cheap: no class
# Digits may be full-width (２０２４－０１－２２), as may the separators; text extracted from a PDF puts
# spaces between digits and 年/月/日 ("2025 年 1 月 1 日"), which DATE_RE allows.
_SEPARATORS = "-/.－／．"
_SEPARATOR = re.compile("[" + re.escape(_SEPARATORS) + "]")
ISO_DATE_RE = regex(
    r"(?<!\d)(?P<y>(?:19|20|１９|２０)\d{2})[-/.－／．](?P<m>\d{1,2})[-/.－／．](?P<d>\d{1,2})(?![\d.．])")

_CN_YEAR_DIGITS = frozenset("〇零○一二三四五六七八九")
_CN_NUMERALS = frozenset(CN_NUMERAL)
_CENTURIES = ("19", "20", "１９", "２０")
_GROUP_AT = {0: 0, "y": 2, "m": 4, "d": 6}  # where a group's start and end stand in DateMatch's spans


class DateMatch(SpanMatch):
    """A match of DATE_RE or ISO_DATE_RE, found in Python: what is read of a match object (``start``, ``end``,
    ``span`` and ``group`` of the whole match or of ``y``, ``m``, ``d``; ``groupdict``)."""

    __slots__ = ("_spans",)

    def __init__(self, string: str, spans: tuple[int, int, int, int, int, int, int, int]) -> None:
        self.string, self._spans = string, spans  # the match's start and end, then those of y, m and d

    def span(self, group: str | int = 0) -> tuple[int, int]:
        at = _GROUP_AT[group]
        return self._spans[at], self._spans[at + 1]

    def groupdict(self) -> dict[str, str]:
        return {name: self.group(name) for name in ("y", "m", "d")}


_Match = Union["re.Match[str]", DateMatch]


class DateMention(Struct):
    """A date written in the text; ``value`` is None when the day does not exist (2月30日)."""

    year: int
    month: int
    day: int
    start: int  # offset in the text
    end: int
    raw: str

    @property
    def value(self) -> Optional[dt.date]:
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None


def _num(text: str) -> Optional[int]:
    return int(text) if text.isdigit() else cn_to_int(text)


def find_dates(text: str, iso: bool = False) -> Iterator[DateMention]:
    """Every full date (year, month and day) written in ``text``, in order."""
    if "年" not in text and not (iso and _SEPARATOR.search(text)):
        return iter(())  # most paragraphs and nearly every table cell hold no date at all
    found: list[DateMention] = []
    for m in _written_dates(text):
        _add(found, m)
    if iso:
        for m in _iso_dates(text):
            _add(found, m)
    return iter(sorted(found, key=lambda x: x.start))


def _add(found: list[DateMention], m: _Match) -> None:
    y, mo, d = _num(m.group("y")), _num(m.group("m")), _num(m.group("d"))
    if y is not None and mo is not None and d is not None:
        found.append(DateMention(y, mo, d, m.start(), m.end(), m.group(0)))


# DATE_RE.finditer and ISO_DATE_RE.finditer, tried only where a match can start. A regex with no literal
# to start from is tried at every character: over a report's texts joined (kinds/date_validity.py) that
# was most of the work, where a date can only stand around one of its few 年 or separators.

def _written_dates(text: str) -> Iterator[_Match]:
    """DATE_RE.finditer(text): a match holds one 年 (month and day are numerals), after its four-character
    year and the whitespace between, so it can only start there; candidates come in order of their start."""
    end = 0  # finditer goes on where its last match ended
    at = text.find("年")
    while at >= 0:
        start = at - 4
        while start + 3 >= 0 and text[start + 3].isspace():  # \s is str.isspace
            start -= 1
        # Where most candidates fail, tested without a call: the year's last character, the one after 年.
        if start >= end and (text[start + 3].isdecimal() or text[start + 3] in _CN_YEAR_DIGITS):
            after = text[at + 1:at + 2]
            if after.isdecimal() or after in _CN_NUMERALS or after.isspace():
                m = _DIGIT_DATE.match(text, start) or _written_date_at(text, start)
                if m is not None:
                    yield m
                    end = m.end()
        at = text.find("年", at + 1)


def _iso_dates(text: str) -> Iterator[DateMatch]:
    """ISO_DATE_RE.finditer(text): a match has its first separator right after its four-character year."""
    end = 0
    for sep in _SEPARATOR.finditer(text):
        start = sep.start() - 4
        if start >= end and text[start] in "12１２":  # (19|20|１９|２０): what most candidates fail, without a call
            m = _iso_date_at(text, start)
            if m is not None:
                yield m
                end = m.end()


# Each part of either pattern takes all it can of its own characters, and none could give one back to the part
# after it (a digit or a numeral is neither white space, nor 年, 月, 日, 号, nor a separator), so neither regex
# ever backtracks into a match it began: one pass reads it. (\s is str.isspace, \d str.isdecimal.)


def _written_date_at(text: str, start: int) -> Optional[DateMatch]:
    """``DATE_RE.match(text, start)``, in one function (a call costs more than a part of it)."""
    year_end = start + 4
    year = text[start:year_end]
    if len(year) < 4 or not (year.isdecimal() or _CN_YEAR_DIGITS.issuperset(year)):
        return None
    numerals: list[int] = []  # where the month and the day begin and end
    at, size = year_end, len(text)
    for unit in ("年", "月"):  # \s*年\s*(?P<m>…), then \s*月\s*(?P<d>…)
        while at < size and text[at].isspace():
            at += 1
        if not text.startswith(unit, at):
            return None
        at += 1
        while at < size and text[at].isspace():
            at += 1
        numeral = at  # \d{1,4}, else [〇零○一二两三四五六七八九十百千万]+
        while at < size and at - numeral < 4 and text[at].isdecimal():
            at += 1
        if at == numeral:
            while at < size and text[at] in _CN_NUMERALS:
                at += 1
            if at == numeral:
                return None
        numerals += (numeral, at)
    while at < size and text[at].isspace():
        at += 1
    if not text.startswith(("日", "号"), at):
        return None
    month, month_end, day, day_end = numerals
    return DateMatch(text, (start, at + 1, start, year_end, month, month_end, day, day_end))


def _iso_date_at(text: str, start: int) -> Optional[DateMatch]:
    """``ISO_DATE_RE.match(text, start)`` (its look-behind sees the text before ``start``, as in a search)."""
    if start > 0 and text[start - 1].isdecimal():
        return None
    year_end = start + 4
    year = text[start:year_end]
    if len(year) < 4 or year[:2] not in _CENTURIES or not year[2:].isdecimal():
        return None
    if year_end == len(text) or text[year_end] not in _SEPARATORS:
        return None
    month = year_end + 1
    month_end = digits_end(text, month, 2)
    if month_end == month or month_end == len(text) or text[month_end] not in _SEPARATORS:
        return None
    day = month_end + 1
    day_end = digits_end(text, day, 2)
    after = text[day_end:day_end + 1]  # (?![\d.．]): "" at the end
    if day_end == day or after.isdecimal() or after in (".", "．"):
        return None
    return DateMatch(text, (start, day_end, start, year_end, month, month_end, day, day_end))
