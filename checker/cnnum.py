"""Chinese numerals as reports write them: 一 … 九十九 for counts and headings, 二〇二四 for years."""

from __future__ import annotations

import re

from checker.memo import kept_when_short

_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}

CN_NUMERAL = "〇零○一二两三四五六七八九十百千万"
CN_NUMBER_RE = f"[{CN_NUMERAL}]+"
# The most digits a number is read with: Python refuses to convert more than 4,300 (a ValueError, which a
# hostile report's 5,000-digit "count" raised as a traceback); no count or amount has a hundredth of them.
MAX_DIGITS = 4000


# Both are pure, and reports write few distinct numerals (一 … 十二, 2023, 二〇二三) many times: kept.
@kept_when_short(maxsize=4096, longest=32)
def cn_to_int(text: str) -> int | None:
    """Value of a Chinese numeral (一, 十二, 二十, 一百零五, 三千二百) or digit-by-digit year (二〇二四)."""
    text = text.strip()
    if not text or len(text) > MAX_DIGITS:  # a longer numeral is no count (see MAX_DIGITS)
        return None
    if text.isdigit():
        return int(text)
    if not all(ch in _DIGITS or ch in _UNITS for ch in text):
        return None
    if not any(ch in _UNITS for ch in text):
        # 二〇二四 is read digit by digit
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            unit = _UNITS[ch]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section, digit = 0, None
            else:
                section += (1 if digit is None else digit) * unit
                digit = None
    return total + section + (digit or 0)


@kept_when_short(maxsize=4096, longest=32)
def number_value(text: str) -> int | None:
    """Arabic (full- or half-width) or Chinese numeral → int."""
    text = text.translate(FULLWIDTH_DIGITS).replace(",", "").strip()
    if re.fullmatch(r"\d+", text):
        return int(text) if len(text) <= MAX_DIGITS else None
    return cn_to_int(text)


FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def int_to_cn(n: int) -> str:
    """1..99 as a Chinese numeral, the way headings count: 一 … 十 … 十二 … 二十三."""
    digits = "〇一二三四五六七八九"
    if n <= 0 or n >= 100:
        return str(n)
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


_CN_YEAR_DIGITS = frozenset("〇零○一二三四五六七八九")


def year_before_nian(text: str, century: bool = False) -> str | None:
    r"""The first year written before 年 in ``text``: what ``re.search(r"(\d{4}|[〇零○一二三四五六七八九]{4})\s*年",
    text)`` finds as its group 1, or with ``century`` the year of ``r"(?:19|20)\d{2}\s*年|[〇零○一二三四五六七八九]{4}\s*年"``;
    None when there is none. Without compiling the class of Chinese digits (~0.25 ms a pattern at start-up).
    Each 年 is tried in order: only the four characters before the white space before it can be the year, so
    the first 年 that has one gives the leftmost match."""
    at = text.find("年")
    while at >= 0:
        end = at
        while end > 0 and text[end - 1].isspace():  # \s*: each run of white space is walked once
            end -= 1
        if end >= 4:
            year = text[end - 4:end]
            digits = year[:2] in ("19", "20") and year[2:].isdecimal() if century else year.isdecimal()
            if digits or all(ch in _CN_YEAR_DIGITS for ch in year):
                return year
        at = text.find("年", at + 1)
    return None
