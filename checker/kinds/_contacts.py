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
# What _landline tests (tests/test_speed5_cold_text.py asks it too): not compiled on a cold check.
_LANDLINE = regex(r"^(?:\(0\d{2,3}\)|0\d{2,3}[-—–\s]?)?[2-9]\d{6,7}" + _EXTENSION + "$")
_MOBILE = regex(r"^(?:\+?86[-\s]?)?1[3-9]\d{9}$")
_SERVICE = regex(r"^(?:12\d{3}|9[56]\d{3,6}|[48]00[-\s]?\d{3}[-\s]?\d{4})$")


# -- the landline, e-mail and web address regexes, tested in Python: compiled, they were ~1 ms of every cold
# check. In each, \d is str.isdecimal, \s str.isspace, and $ matches before a last line feed too (none of
# their last characters is one); tests/test_speed8_contacts.py checks each against its regex.

def _landline(n: str) -> bool:
    """``_LANDLINE.match(n)``: an optional area code, then a local number and an optional extension."""
    n = n[:-1] if n.endswith("\n") else n
    for at in reversed(_area_code_ends(n)):  # the longest first: most numbers give an area code
        if _local_number(n[at:]):
            return True
    return False


def _decimals_at(text: str, at: int, size: int) -> bool:
    return len(text) >= at + size and text[at:at + size].isdecimal()


def _area_code_ends(n: str) -> list[int]:
    r"""Where ``(?:\(0\d{2,3}\)|0\d{2,3}[-—–\s]?)?`` may end in ``n``: every way it matches."""
    ends = [0]
    for size in (2, 3):
        if n.startswith("(0") and _decimals_at(n, 2, size) and n[2 + size:3 + size] == ")":
            ends.append(3 + size)
        if n.startswith("0") and _decimals_at(n, 1, size):
            ends.append(1 + size)
            if n[1 + size:2 + size] in ("-", "—", "–") or n[1 + size:2 + size].isspace():
                ends.append(2 + size)
    return ends


def _local_number(rest: str) -> bool:
    r"""``rest`` is ``[2-9]\d{6,7}(?:(?:转|-)\d{1,5}|\(转\d{1,5}\))?`` and nothing more."""
    if not rest.startswith(("2", "3", "4", "5", "6", "7", "8", "9")):
        return False
    for size in (7, 8):
        if _decimals_at(rest, 1, size - 1):
            tail = rest[size:]
            if not tail:
                return True
            extension = tail[1:] if tail[0] in "转-" else tail[2:-1] if tail.startswith("(转") and tail.endswith(")") else ""
            if 1 <= len(extension) <= 5 and extension.isdecimal():
                return True
    return False


_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_LOCAL_PART = _ALNUM | frozenset("._%+-")
_DOMAIN_LABEL = _ALNUM | {"-"}
_HOST_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-."


def _email_shape(value: str) -> bool:
    r"""``^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$`` matches ``value``: no
    class holds "@" or ".", so each piece is what lies between them."""
    local, at, domain = (value[:-1] if value.endswith("\n") else value).partition("@")
    *labels, top = domain.split(".")
    return (bool(at and local and labels) and _LOCAL_PART.issuperset(local)
            and all(label and _DOMAIN_LABEL.issuperset(label) for label in labels)
            and len(top) >= 2 and _LETTERS.issuperset(top))


def _url_shape(value: str) -> bool:
    r"""``^(?:https?://)?(?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}(?::\d{1,5})?(?:[/?#][^\s]*)?$``
    matches ``value``. The host's characters are none of what may follow it (":", "/", "?", "#"), so the host
    is their whole run; the scheme must be taken where it is written (its ":" is no host character); the
    port's digits must all be taken (a digit may not follow them)."""
    value = value[:-1] if value.endswith("\n") else value
    value = value[8:] if value.startswith("https://") else value[7:] if value.startswith("http://") else value
    host = len(value) - len(value.lstrip(_HOST_CHARS))
    *labels, top = value[:host].split(".")
    if not (labels and all(_host_label(label) for label in labels) and len(top) >= 2 and _LETTERS.issuperset(top)):
        return False
    rest = value[host:]
    if rest.startswith(":"):
        port = 1
        while port < len(rest) and rest[port].isdecimal():
            port += 1
        if not 2 <= port <= 6:
            return False
        rest = rest[port:]
    return not rest or (rest[0] in "/?#" and not any(ch.isspace() for ch in rest))


def _host_label(label: str) -> bool:  # [A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?
    return bool(label) and label[0] in _ALNUM and label[-1] in _ALNUM and _DOMAIN_LABEL.issuperset(label)


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
    return bool(_landline(n) or _MOBILE.match(n.replace(" ", "").replace("-", ""))
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
    return _email_shape(value.strip())


def url_ok(value: str) -> bool:
    return _url_shape(value.strip())


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
