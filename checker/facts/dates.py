"""Dates as reports write them: 2024年1月22日, 二〇二四年一月二十二日, 2024-01-22, 2024.1.22."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterator, Optional

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


@dataclass
class DateMention:
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
    patterns = (DATE_RE, ISO_DATE_RE) if iso else (DATE_RE,)
    found = []
    for rx in patterns:
        for m in rx.finditer(text):
            y, mo, d = _num(m.group("y")), _num(m.group("m")), _num(m.group("d"))
            if y is None or mo is None or d is None:
                continue
            found.append(DateMention(y, mo, d, m.start(), m.end(), m.group(0)))
    return iter(sorted(found, key=lambda x: x.start))
