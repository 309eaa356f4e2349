"""Contact details a report gives: address, postcode, phone, fax, e-mail, and the download address.

Each is found by its label ("邮编：", "电话：" …) or, for e-mail and web addresses, by its shape;
the value is kept as written so rules can say exactly what is wrong with it.
"""

from __future__ import annotations

import bisect
from typing import Callable, Iterator

from msgspec import Struct

from checker.facts.joined import JoinedTexts
from checker.facts.scan import SpanMatch, places, spaces_end
from checker.lazy import regex
from checker.model import Block, InBlock

_COLON = r"\s*[:：]?\s*(?:为|是)?\s*"

# kind → (label regex, value regex). Values stop at the punctuation that ends a clause.
_LABELLED = {
    "address": (r"(?:通讯|通信|联系|办公|单位)?地址", r"[^；;，,。）)\n]{2,60}"),
    "postcode": (r"(?:邮政编码|邮编)", r"[0-9０-９A-Za-z \-]{1,12}"),
    # One number for both ("联系电话/传真：", "电话及传真："), and 联系方式 given as a bare number, are phones too.
    "phone": (r"(?:(?:联系|咨询|办公|服务|监督|投诉)?电话(?:号码)?(?:\s*[/、及和]\s*传真|[（(]传真[）)])?|手机(?:号码)?"
              r"|联系方式(?=\s*[:：]\s*[0-9０-９（(]))", r"[0-9０-９（）()\-－—–\s、/或转+]{3,60}"),
    "fax": (r"传真(?:号码|电话)?", r"[0-9０-９（）()\-－—–\s、/或转+]{3,40}"),
    "email": (r"(?:电子邮箱|电子信箱|电子邮件|邮箱地址|邮箱|信箱|E-?mail|email|EMAIL)",
              r"[^\s；;，,。）)（(、\u4e00-\u9fff]{1,80}"),
}
_LABEL_PATTERNS = {kind: label + _COLON + f"(?P<v>{value})" for kind, (label, value) in _LABELLED.items()}
# The literals every match of a pattern holds one of: lazy.required_literals of it, without those that hold
# another (tests/test_speed_facts.py checks both), written out so that a start does not work them out.
_NEEDS = {"address": ("地址",), "postcode": ("邮政编码", "邮编"), "phone": ("电话", "手机", "联系方式"),
          "fax": ("传真",), "email": ("邮箱", "信箱", "电子邮件", "mail", "EMAIL")}
# An e-mail-looking token without a label ("……请发送至 gk@qinghe.gov.cn").
_BARE_EMAIL_PATTERN = r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+\s*[@＠]\s*[A-Za-z0-9.\-．]+"
# Web addresses, including the broken ones this checker exists to catch ("http//", full-width dots).
_URL_PATTERN = (
    r"(?:h\s*t\s*t\s*p\s*s?\s*[:：]?\s*[/／]{1,2}\s*|www\s*[.．。])[A-Za-z0-9.．。\-_/／:?=&%#~+\u4e00-\u9fff]*[A-Za-z0-9/]"
)


# -- the patterns above, found in Python
#
# Compiled, these regexes cost ~4.6 ms of every cold check: the labels' alternations (which re turns into classes
# of their Chinese first characters), the values' classes of Chinese characters, the CJK range of the e-mail
# value and the web address. Each is found instead in Python, trying what its regex tries in the same order,
# so that each match is the regex's (spans and groups; tests/test_speed8_contacts.py checks each finder
# against its regex, with hypothesis). No match is empty, so each scan goes on from the end of the last.
#
# A labelled pattern is LABEL + _COLON + (?P<v>VALUE{lo,hi}), VALUE one character class. At a place where one
# of the label's forms begins, the regex tries the forms in order (通讯地址 before 地址, 传真号码 before 传真),
# and after a form ending at e, each place its value may begin: _COLON's greedy path (white space, a colon,
# white space, 为 or 是, white space) ends at g, and backtracking into it offers g, g-1, …, e, each place
# between once (a place offered again gives the same value). The value, greedy and last, is the run of VALUE
# characters from the first of these places where that run is at least lo long, cut at hi.

_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


class _Cut(SpanMatch):
    """A match of one of the patterns, found in Python: the whole match and ``v`` (a labelled pattern's value)."""

    __slots__ = ("_span", "_v")

    def __init__(self, string: str, span: tuple[int, int], v: tuple[int, int] | None = None) -> None:
        self.string, self._span, self._v = string, span, v or span

    def span(self, group: str | int = 0) -> tuple[int, int]:
        return self._v if group == "v" else self._span


def _value_after(text: str, label_end: int, allowed: Callable[[str], bool], lo: int, hi: int) -> tuple[int, int] | None:
    """The span of the value that _COLON + ``(?P<v>[allowed]{lo,hi})`` matches after a label, or None."""
    at = spaces_end(text, label_end)
    if text.startswith((":", "："), at):
        at = spaces_end(text, at + 1)
    if text.startswith(("为", "是"), at):
        at = spaces_end(text, at + 1)
    for start in range(at, label_end - 1, -1):
        end, most = start, min(len(text), start + hi)
        while end < most and allowed(text[end]):
            end += 1
        if end - start >= lo:
            return start, end
    return None


class _LabelFinder:
    """``finditer`` of LABEL + _COLON + ``(?P<v>[allowed]{lo,hi})``: ``starts(text)`` holds every place where a
    form of the label may begin, ``forms(text, start)`` is the ends of the forms that begin at ``start``, in
    the order the regex tries them."""

    def __init__(self, starts: Callable[[str], set[int]], forms: Callable[[str, int], list[int]],
                 allowed: Callable[[str], bool], lo: int, hi: int) -> None:
        self._starts, self._forms, self._allowed, self._lo, self._hi = starts, forms, allowed, lo, hi

    def finditer(self, text: str) -> Iterator[_Cut]:
        pos = 0
        for start in sorted(self._starts(text)):
            if start < pos:
                continue
            for label_end in self._forms(text, start):
                value = _value_after(text, label_end, self._allowed, self._lo, self._hi)
                if value:
                    yield _Cut(text, (start, value[1]), value)
                    pos = value[1]
                    break


def _written_as(needs: tuple[str, ...], *forms: str) -> tuple[Callable[[str], set[int]],
                                                               Callable[[str, int], list[int]]]:
    """``starts`` and ``forms`` of a label that is one of ``forms``, in the regex's order: each holds one of
    ``needs``, and begins where that one stands, less its place in the form."""
    backs = {(need, form.index(need)) for form in forms for need in needs if need in form}
    return (lambda text: {at - back for need, back in backs for at in places(text, need)},
            lambda text, start: [start + len(form) for form in forms if text.startswith(form, start)])


_PHONE_PREFIXES = ("联系", "咨询", "办公", "服务", "监督", "投诉")
_FAX_JOINS = ("/", "、", "及", "和")
_FAX_IN_BRACKETS = ("（传真）", "（传真)", "(传真）", "(传真)")
_NUMBER_FIRST = frozenset("0123456789０１２３４５６７８９（(")


def _phone_starts(text: str) -> set[int]:
    electric = places(text, "电话")
    return {*electric, *(at - 2 for at in electric), *places(text, "手机"), *places(text, "联系方式")}


def _phone_forms(text: str, start: int) -> list[int]:
    """The ends of the phone label's forms at ``start``, in the order of _LABELLED["phone"][0]. Each ``\\s*``
    in it ends where the white space does: what follows it is no white space."""
    ends = []
    for at in ((start + 2,) if text.startswith(_PHONE_PREFIXES, start) else ()) + (start,):
        if text.startswith("电话", at):
            for end in ((at + 4,) if text.startswith("号码", at + 2) else ()) + (at + 2,):
                join = spaces_end(text, end)  # (?:\s*[/、及和]\s*传真|[（(]传真[）)])?
                fax = spaces_end(text, join + 1)
                if text.startswith(_FAX_JOINS, join) and text.startswith("传真", fax):
                    ends.append(fax + 2)
                if text.startswith(_FAX_IN_BRACKETS, end):
                    ends.append(end + 4)
                ends.append(end)
    if text.startswith("手机", start):
        ends += [start + 4, start + 2] if text.startswith("号码", start + 2) else [start + 2]
    if text.startswith("联系方式", start):  # (?=\s*[:：]\s*[0-9０-９（(])
        colon = spaces_end(text, start + 4)
        first = spaces_end(text, colon + 1)
        if text.startswith((":", "："), colon) and first < len(text) and text[first] in _NUMBER_FIRST:
            ends.append(start + 4)
    return ends


_ADDRESS_STOPS = frozenset("；;，,。）)\n")
_POSTCODE_CHARS = frozenset(_ALNUM + "０１２３４５６７８９ -")
_NUMBER_CHARS = frozenset("0123456789０１２３４５６７８９（）()-－—–、/或转+")  # and white space
_EMAIL_STOPS = frozenset("；;，,。）)（(、")  # and white space and the CJK ideographs


def _in_number(ch: str) -> bool:
    return ch in _NUMBER_CHARS or ch.isspace()


def _in_email(ch: str) -> bool:
    return not (ch in _EMAIL_STOPS or ch.isspace() or "\u4e00" <= ch <= "\u9fff")


# Each a finder of _LABEL_PATTERNS[kind]: the forms as in _LABELLED, the value classes and bounds too.
_EMAIL_FINDER = _LabelFinder(*_written_as(_NEEDS["email"], "电子邮箱", "电子信箱", "电子邮件", "邮箱地址", "邮箱", "信箱",
                                          "E-mail", "Email", "email", "EMAIL"), _in_email, 1, 80)
_LABEL_FINDERS: dict[str, _LabelFinder] = {
    "address": _LabelFinder(*_written_as(_NEEDS["address"], "通讯地址", "通信地址", "联系地址", "办公地址", "单位地址",
                                         "地址"), lambda ch: ch not in _ADDRESS_STOPS, 2, 60),
    "postcode": _LabelFinder(*_written_as(_NEEDS["postcode"], "邮政编码", "邮编"), _POSTCODE_CHARS.__contains__, 1, 12),
    "phone": _LabelFinder(_phone_starts, _phone_forms, _in_number, 3, 60),
    "fax": _LabelFinder(*_written_as(_NEEDS["fax"], "传真号码", "传真电话", "传真"), _in_number, 3, 40),
    "email": _EMAIL_FINDER,
}
# kind → (its literals, its finder): a block holding none of a kind's literals (most blocks hold no label
# at all) is not searched for it.
_LABEL_RES: dict[str, tuple[tuple[str, ...], _LabelFinder]] = {
    kind: (_NEEDS[kind], finder) for kind, finder in _LABEL_FINDERS.items()}

# _BARE_EMAIL_PATTERN: its local part is a whole run of local-part characters (the lookbehind; nor can it end
# before the run does, as no local-part character is white space or an @), then white space, an @, white
# space and the domain's run (neither \s* can end early: a space is no @ and no domain character). So each @
# has one match at most, from where the run of local-part characters and white space before it begins; these
# places come in the order of the @s, as no @ is in such a run.
_LOCAL_PART = frozenset(_ALNUM + "._%+-")
_DOMAIN_PART = frozenset(_ALNUM + ".-．")


def _bare_emails(text: str) -> Iterator[_Cut]:
    """``finditer`` of _BARE_EMAIL_PATTERN."""
    pos = 0
    for at in places(text, "@", "＠"):
        local_end = at
        while local_end > 0 and text[local_end - 1].isspace():
            local_end -= 1
        start = local_end
        while start > 0 and text[start - 1] in _LOCAL_PART:
            start -= 1
        end = domain = spaces_end(text, at + 1)
        while end < len(text) and text[end] in _DOMAIN_PART:
            end += 1
        if pos <= start < local_end and end > domain:
            yield _Cut(text, (start, end))
            pos = end


# _URL_PATTERN: each \s* of its prefix ends where the white space does (what follows is a letter, a colon, a
# slash, a dot, or the address, none of them white space), so the prefix can end in one place, or in two
# after two slashes (the address may begin at the second). The address is the run of its characters there,
# up to the last of them it may end with (a letter, a digit or a slash), if there is one.
_URL_CHARS = frozenset(_ALNUM + ".．。-_/／:?=&%#~+")  # and the CJK ideographs
_URL_LAST = frozenset(_ALNUM + "/")


def _web_address_end(text: str, start: int) -> int:
    """The end of _URL_PATTERN's match at ``start``, or -1."""
    if text.startswith("www", start):
        at = spaces_end(text, start + 3)
        bodies = [at + 1] if text.startswith((".", "．", "。"), at) else []
    else:
        at = start
        for letter in "http":
            if not text.startswith(letter, at):
                return -1
            at = spaces_end(text, at + 1)
        if text.startswith("s", at):
            at = spaces_end(text, at + 1)
        if text.startswith((":", "："), at):
            at = spaces_end(text, at + 1)
        if not text.startswith(("/", "／"), at):
            return -1
        bodies = [spaces_end(text, at + 2), at + 1] if text.startswith(("/", "／"), at + 1) else [
            spaces_end(text, at + 1)]
    for end in bodies:
        last = -1
        while end < len(text) and (text[end] in _URL_CHARS or "\u4e00" <= text[end] <= "\u9fff"):
            if text[end] in _URL_LAST:
                last = end
            end += 1
        if last >= 0:
            return last + 1
    return -1


def _web_addresses(text: str) -> Iterator[_Cut]:
    """``finditer`` of _URL_PATTERN."""
    pos = 0
    for start in places(text, "h", "www"):
        if start >= pos:
            end = _web_address_end(text, start)
            if end >= 0:
                yield _Cut(text, (start, end))
                pos = end


_BARE_EMAIL_NEEDS = ("@", "＠")
_URL_NEEDS = ("h", "www")
_DOWNLOAD_HINTS = ("下载", "电子版", "网址", "网站", "门户", "查阅", "浏览", "登录", "平台")
_SENTENCE_STOPS = "。；;！!"
# An address without a colon after its label must look like a place: a road, street or building with a
# number ("地址在青禾市滨江路9号"); "办公地址、联系方式等信息" is prose about addresses, not one.
_PLACE = regex(r"[路街道巷弄里村镇区楼号室]\s*[0-9０-９]|[0-9０-９]+\s*(?:号|楼|室|层)")


def _is_address(match: _Cut, value: str) -> bool:
    if value[0] in "、，,；;：:。等和及与或":
        return False
    said = match.group(0)[: match.start("v") - match.start()]
    return any(ch in said for ch in ":：为是") or bool(_PLACE.search(value))


class Contact(InBlock, Struct):
    """One contact detail as written (``value``), of ``kind``, at ``offset`` of its block's text."""

    kind: str  # address | postcode | phone | fax | email | url
    value: str
    block: Block
    offset: int  # of the value in block.text


def _has_colon(text: str) -> bool:
    return ":" in text or "：" in text


def _clean(value: str) -> str:
    value = value.strip().rstrip("、/或转+-－— ")
    # The value pattern admits brackets for "（0454）2907056"; a bracket that closes or opens the
    # surrounding text ("联系（电话：0454-2907056）。") is not part of the number.
    while value and (value[-1] in "（(" or (value[-1] in "）)" and _depth(value) < 0)):
        value = value[:-1].rstrip("、/或转+-－— ")
    return value


def _depth(text: str) -> int:
    return sum(1 for ch in text if ch in "（(") - sum(1 for ch in text if ch in "）)")


def find_contacts(blocks: list[Block]) -> list[Contact]:
    texts = JoinedTexts([block.text for block in blocks])
    # Which blocks can hold each kind, found in all the blocks at once: most hold no label at all.
    labels = [(kind, rx, texts.holding(needed)) for kind, (needed, rx) in _LABEL_RES.items()]
    bare_emails, urls = texts.holding(_BARE_EMAIL_NEEDS), texts.holding(_URL_NEEDS)
    found: list[Contact] = []
    for index in sorted(bare_emails.union(urls, *(where for _, _, where in labels))):
        block = blocks[index]
        text = block.text
        labelled_emails: set[int] = set()  # offsets in this block: never a rescan of what was found so far
        for kind, rx, where in labels:
            if index not in where:
                continue
            for m in rx.finditer(text):
                value = _clean(m.group("v"))
                if not value:
                    continue
                if kind == "email" and "@" not in value and "＠" not in value and not _has_colon(m.group(0)):
                    continue  # "市长信箱" in prose is not an e-mail address
                if kind == "phone" and not any(ch.isdecimal() for ch in value):  # the regex's \d
                    continue
                if kind == "address" and (value.lstrip().startswith(("http", "www")) or not _is_address(m, value)):
                    continue
                found.append(Contact(kind, value, block, m.start("v")))
                if kind == "email":
                    labelled_emails.add(m.start("v"))
        for m in (_bare_emails(text) if index in bare_emails else ()):
            if not any(m.start() + d in labelled_emails for d in range(-2, 3)):  # within 2 of a labelled one
                found.append(Contact("email", m.group(0), block, m.start()))
        stops: list[int] = []  # sentence ends, found once a block (not once a URL: linear on a long line)
        hinted: dict[tuple[int, int], bool] = {}
        for m in (_web_addresses(text) if index in urls else ()):
            if not stops:
                stops = places(text, *_SENTENCE_STOPS) or [len(text)]
            # The download address is the one in a sentence about reading or downloading the report.
            k = bisect.bisect_left(stops, m.start())
            start = stops[k - 1] + 1 if k else 0
            j = bisect.bisect_left(stops, m.end())
            sentence = (start, stops[j] if j < len(stops) else len(text))
            if sentence not in hinted:
                hinted[sentence] = any(w in text[sentence[0]: sentence[1]] for w in _DOWNLOAD_HINTS)
            if hinted[sentence]:
                found.append(Contact("url", m.group(0), block, m.start()))
    found.sort(key=lambda c: (c.line, c.offset))
    return found
