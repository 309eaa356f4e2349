"""Helpers of the contact kinds: what well-formed phone numbers, postcodes, e-mail and web addresses are.

``MalformedContactKind`` is the check the contact-postcode, contact-email and contact-url kinds share.
"""

from __future__ import annotations

import re
from typing import Iterator

from checker.analysis import AnalysedReport
from checker.findings import Hit
from checker.kinds.base import Kind
from checker.lazy import regex

_FULLWIDTH = str.maketrans("０１２３４５６７８９（）－", "0123456789()-")
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# Landline: optional area code 0 + 2–3 digits, written 0454-2907056, （0454）2907056, 0454 2907056 or
# 04542907056; local number 7–8 digits; optional extension 转123 / -123. Mobile 1[3-9]xxxxxxxxx.
# Service lines 12345 (and other 5-digit 12xxx/95xxx/96xxx), 400/800 numbers.
_EXTENSION = r"(?:(?:转|-)\d{1,5}|\(转\d{1,5}\))?"  # 转123, -123 or in brackets: (转8012)
_LANDLINE = re.compile(r"^(?:\(0\d{2,3}\)|0\d{2,3}[-—–\s]?)?[2-9]\d{6,7}" + _EXTENSION + "$")
_MOBILE = regex(r"^(?:\+?86[-\s]?)?1[3-9]\d{9}$")
_SERVICE = regex(r"^(?:12\d{3}|9[56]\d{3,6}|[48]00[-\s]?\d{3}[-\s]?\d{4})$")
_EMAIL = regex(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
_URL = regex(
    r"^(?:https?://)?(?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}(?::\d{1,5})?(?:[/?#][^\s]*)?$"
)


# A landline whose area code is set off by a dash other than the hyphen (Word turns "-" into "—"), and
# one without an area code at all: both dial only with guesswork, and both have one right form.
_OTHER_DASH = regex(r"^(0\d{2,3})\s*[—–－~～]+\s*([2-9]\d{6,7}" + _EXTENSION + ")$")
_NO_AREA_CODE = regex(r"^[2-9]\d{6,7}" + _EXTENSION + "$")


_OTHER_DASHES = "—–－~～"


def phone_problem(number: str) -> tuple[str, str | None] | None:
    """What is wrong with a phone or fax number, and the right form when there is one: ``separator``
    (``0527—83593059`` → ``0527-83593059``), ``no-area-code``, ``malformed``; None when it is fine."""
    n = number.translate(_FULLWIDTH).strip()
    # Each regex only where it can match (a dash other than "-"; a first digit 2-9): most numbers are fine.
    dash = _OTHER_DASH.match(n) if any(d in n for d in _OTHER_DASHES) else None
    if dash:  # the digits made half-width, the brackets of an extension kept as written
        rest = number.strip()[dash.start(2):].translate(_DIGITS)
        return "separator", f"{dash.group(1)}-{rest}"
    if n[:1] and n[0] in "23456789" and _NO_AREA_CODE.match(n):
        return "no-area-code", None
    return None if phone_ok(number) else ("malformed", None)


def phone_ok(number: str) -> bool:
    n = number.translate(_FULLWIDTH).strip()
    if "(" in n or ")" in n:  # nearly every number has no bracket: the regex is not compiled for it
        n = re.sub(r"\s*([()])\s*", r"\1", n)
    return bool(_LANDLINE.match(n) or _MOBILE.match(n.replace(" ", "").replace("-", ""))
                or _SERVICE.match(n))


def split_numbers(value: str) -> list[tuple[int, str]]:
    """"0454-2907056、13800000000" → each number with its offset in the value; numbers separated by white
    space only ("0796-5226018 0796-5226019") when each is well formed alone ("0454 2907056" is one)."""
    parts = []
    for offset, piece in _between(value, _NUMBER_SEPARATORS):
        stripped = piece.strip()
        if stripped:
            parts.extend(_spaced(offset + piece.index(stripped), stripped))
    return parts


_NUMBER_SEPARATORS = frozenset("、/或；;，,")


def _between(text: str, separators: frozenset[str]) -> list[tuple[int, str]]:
    """The pieces of ``text`` between single-character separators, each with its offset."""
    pieces, start = [], 0
    for at, ch in enumerate(text):
        if ch in separators:
            pieces.append((start, text[start:at]))
            start = at + 1
    pieces.append((start, text[start:]))
    return pieces


def _words(text: str) -> list[tuple[int, str]]:
    """``[(m.start(), m.group(0)) for m in re.finditer(r"\\S+", text)]``: str.split's white space is \\s."""
    words, at = [], 0
    for word in text.split():
        at = text.index(word, at)
        words.append((at, word))
        at += len(word)
    return words


def _spaced(offset: int, number: str) -> list[tuple[int, str]]:
    words = _words(number)
    if len(words) > 1 and not phone_ok(number) and all(phone_ok(w) for _, w in words):
        return [(offset + at, w) for at, w in words]
    return [(offset, number)]


def postcode_ok(value: str) -> bool:
    code = value.translate(_FULLWIDTH).strip()  # [0-8]\d{5}, \d being str.isdecimal
    return len(code) == 6 and code[0] in "012345678" and code[1:].isdecimal()


def email_ok(value: str) -> bool:
    return bool(_EMAIL.match(value.strip()))


def url_ok(value: str) -> bool:
    return bool(_URL.match(value.strip()))


class MalformedContactKind(Kind):
    """A hit on each contact detail of the kind ``contact`` that ``well_formed`` refuses, as ``value``."""

    contact = ""

    @staticmethod
    def well_formed(value: str) -> bool:
        raise NotImplementedError

    def check(self, report: AnalysedReport) -> Iterator[Hit]:
        for c in report.facts.contacts_of(self.contact):
            if not self.well_formed(c.value):
                yield Hit(c.line, c.col, args={"value": c.value}, end_line=c.line, end_column=c.col + len(c.value))
