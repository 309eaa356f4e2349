"""Dates as reports write them: 2024年1月22日, 二〇二四年一月二十二日, 2024-01-22, 2024.1.22."""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator, Optional

from msgspec import Struct

from checker.cnnum import CN_NUMBER_RE, cn_to_int

_N = rf"(?:\d{{1,4}}|{CN_NUMBER_RE})"
DATE_RE = re.compile(
    rf"(?P<y>\d{{4}}|[〇零○一二三四五六七八九]{{4}})\s*年\s*(?P<m>{_N})\s*月\s*(?P<d>{_N})\s*[日号]"
)
# Digits may be full-width (２０２４－０１－２２), as may the separators; text extracted from a PDF puts
# spaces between digits and 年/月/日 ("2025 年 1 月 1 日"), which DATE_RE allows.
_SEPARATORS = "-/.－／．"
_SEPARATOR = re.compile("[" + re.escape(_SEPARATORS) + "]")
ISO_DATE_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20|１９|２０)\d{2})[-/.－／．](?P<m>\d{1,2})[-/.－／．](?P<d>\d{1,2})(?![\d.．])")


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


def _add(found: list[DateMention], m: re.Match[str]) -> None:
    y, mo, d = _num(m.group("y")), _num(m.group("m")), _num(m.group("d"))
    if y is not None and mo is not None and d is not None:
        found.append(DateMention(y, mo, d, m.start(), m.end(), m.group(0)))


# DATE_RE.finditer and ISO_DATE_RE.finditer, tried only where a match can start. A regex with no literal
# to start from is tried at every character: over a report's texts joined (kinds/date_validity.py) that
# was most of the work, where a date can only stand around one of its few 年 or separators.

def _written_dates(text: str) -> Iterator[re.Match[str]]:
    """DATE_RE.finditer(text): a match holds one 年 (month and day are numerals), after its four-character
    year and the whitespace between, so it can only start there; candidates come in order of their start."""
    end = 0  # finditer goes on where its last match ended
    at = text.find("年")
    while at >= 0:
        start = at - 4
        while start + 3 >= 0 and text[start + 3].isspace():  # \s is str.isspace
            start -= 1
        if start >= end:
            m = DATE_RE.match(text, start)
            if m is not None:
                yield m
                end = m.end()
        at = text.find("年", at + 1)


def _iso_dates(text: str) -> Iterator[re.Match[str]]:
    """ISO_DATE_RE.finditer(text): a match has its first separator right after its four-character year.
    (Its look-behind sees the text before ``start``, as in a search.)"""
    end = 0
    for sep in _SEPARATOR.finditer(text):
        start = sep.start() - 4
        if start >= end:
            m = ISO_DATE_RE.match(text, start)
            if m is not None:
                yield m
                end = m.end()
