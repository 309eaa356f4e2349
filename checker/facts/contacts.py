"""Contact details a report gives: address, postcode, phone, fax, e-mail, and the download address.

Each is found by its label ("邮编：", "电话：" …) or, for e-mail and web addresses, by its shape;
the value is kept as written so rules can say exactly what is wrong with it.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable, Iterator, Protocol

from msgspec import Struct

from checker.facts.joined import JoinedTexts
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
# kind → (its literals, its regex): a block holding none of a kind's literals (most blocks hold no label
# at all) is not searched for it, and a regex no block needs is not compiled.


class _Finder(Protocol):
    def finditer(self, text: str) -> Iterator[re.Match | _Cut]: ...


_LABEL_RES: dict[str, tuple[tuple[str, ...], _Finder]] = {
    kind: (_NEEDS[kind], regex(p)) for kind, p in _LABEL_PATTERNS.items()}
# An e-mail-looking token without a label ("……请发送至 gk@qinghe.gov.cn").
# It starts where a run of local-part characters starts: tried inside a long run it would rescan
# the rest of the run from every character (quadratic on a long line).
_BARE_EMAIL_PATTERN = r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+\s*[@＠]\s*[A-Za-z0-9.\-．]+"
_BARE_EMAIL = regex(_BARE_EMAIL_PATTERN)
# Web addresses, including the broken ones this checker exists to catch ("http//", full-width dots).
_URL_PATTERN = (
    r"(?:h\s*t\s*t\s*p\s*s?\s*[:：]?\s*[/／]{1,2}\s*|www\s*[.．。])[A-Za-z0-9.．。\-_/／:?=&%#~+\u4e00-\u9fff]*[A-Za-z0-9/]"
)


# -- two patterns found without compiling the CJK range (~1 ms each, 2 % of a cold check)
#
# The e-mail value and the web address each hold the range of CJK ideographs in a class, which CPython's re
# expands one code point at a time when it compiles. Each is found instead with a pattern whose class leaves
# the range out (a cheap superset: its other characters are Latin-1, or any character above U+00FF), and each
# of its matches is cut to the exact pattern's match where that is proved, else the exact pattern (compiled
# then) is asked from that start. Why the cut is the exact match, for a pattern PREFIX + VALUE whose prefix
# is the same in both: the superset matches at every start and prefix choice where the exact one does, so
# the exact pattern has no match before the superset's start s, tries the same prefix choices in the same
# order, and the first choice the superset took is the first the exact one can take when its value, read
# with the exact class from the same place, is not empty. tests/test_speed7_cold.py checks the finders
# against the exact patterns (hypothesis).

class _Cut:
    """A match of the exact pattern, made from a superset's match: ``start``, ``end``, ``group`` of the whole
    match and of ``v``."""

    __slots__ = ("string", "_span", "_v")

    def __init__(self, string: str, span: tuple[int, int], v: tuple[int, int]) -> None:
        self.string, self._span, self._v = string, span, v

    def span(self, group: str | int = 0) -> tuple[int, int]:
        return self._v if group == "v" else self._span

    def start(self, group: str | int = 0) -> int:
        return self.span(group)[0]

    def end(self, group: str | int = 0) -> int:
        return self.span(group)[1]

    def group(self, group: str | int = 0) -> str:
        start, end = self.span(group)
        return self.string[start:end]


_ASK = -1  # a cut's answer: the exact pattern must say (compiled then)
_NOT_HERE = -2  # a cut's answer: the exact pattern has no match at this start


class _SupersetFinder:
    """``finditer`` of ``exact``, found with ``superset`` and ``cut``: cut(text, match) is the end of the exact
    match at the superset match's start, or _NOT_HERE, or _ASK."""

    def __init__(self, superset: str, exact: str, cut: Callable[[str, re.Match], int]) -> None:
        self._superset = regex(superset)
        self._exact = regex(exact)
        self._cut = cut

    def finditer(self, text: str) -> Iterator[re.Match | _Cut]:
        pos, size = 0, len(text)
        while pos <= size:
            m = self._superset.search(text, pos)
            if m is None:
                return
            end = self._cut(text, m)
            if end == _NOT_HERE:
                pos = m.start() + 1
                continue
            if end == _ASK:
                exact = self._exact.search(text, m.start())
                if exact is None:
                    return
                yield exact
                pos = exact.end()  # never an empty match: a label or a scheme starts each
                continue
            start, v = m.start(), m.start("v")
            yield _Cut(text, (start, end), (v, end))
            pos = end


# The e-mail value stops at white space, at these and at a CJK ideograph; the superset's at the first two only.
_EMAIL_STOPS_WIDE = frozenset("；，。）（、")


def _email_cut(text: str, m: re.Match) -> int:
    start, end = m.span("v")
    for i in range(start, end):
        ch = text[i]
        if ch in _EMAIL_STOPS_WIDE or "\u4e00" <= ch <= "\u9fff":
            break
    else:
        return end
    if i > start:
        return i
    # The value would start with a character the exact class refuses. Every other prefix choice starts it
    # earlier: at a space (refused), at 为 or 是 or inside the label (ideographs, refused), or at a colon it
    # passed (accepted): only then can the exact pattern match here.
    said = text[m.start():start]
    return _ASK if ":" in said or "：" in said else _NOT_HERE


_EMAIL_FINDER = _SupersetFinder(_LABELLED["email"][0] + _COLON + r"(?P<v>[^\s;,)(]{1,80})", _LABEL_PATTERNS["email"],
                                _email_cut)
_LABEL_RES["email"] = (_NEEDS["email"], _EMAIL_FINDER)  # its finditer is the exact regex's

# A web address's characters after the scheme: the exact class holds these and the CJK ideographs; the
# superset's holds these Latin-1 characters and every character above U+00FF.
_URL_WIDE = frozenset("．。／")
_URL_LAST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/")  # what it ends with


def _url_cut(text: str, m: re.Match) -> int:
    start, end = m.span("v")
    for i in range(start, end):
        ch = text[i]
        if ch > "\xff" and ch not in _URL_WIDE and not "\u4e00" <= ch <= "\u9fff":
            break  # the exact class ends here: the address ends at its last allowed final character before it
    else:
        return end
    for j in range(i - 1, start - 1, -1):
        if text[j] in _URL_LAST:
            return j + 1
    return _ASK  # nothing to end with: an earlier prefix choice (one slash of two) may still match


_URL_FINDER = _SupersetFinder(
    r"(?:h\s*t\s*t\s*p\s*s?\s*[:：]?\s*[/／]{1,2}\s*|www\s*[.．。])"
    r"(?P<v>[^\x00-\x22\x24\x27-\x2a\x2c\x3b\x3c\x3e\x40\x5b-\x5e\x60\x7b-\x7d\x7f-\xff]*[A-Za-z0-9/])",
    _URL_PATTERN, _url_cut)
_BARE_EMAIL_NEEDS = ("@", "＠")
_URL_NEEDS = ("h", "www")
_DOWNLOAD_HINTS = ("下载", "电子版", "网址", "网站", "门户", "查阅", "浏览", "登录", "平台")
_SENTENCE_STOPS = "。；;！!"
# An address without a colon after its label must look like a place: a road, street or building with a
# number ("地址在青禾市滨江路9号"); "办公地址、联系方式等信息" is prose about addresses, not one.
_PLACE = regex(r"[路街道巷弄里村镇区楼号室]\s*[0-9０-９]|[0-9０-９]+\s*(?:号|楼|室|层)")


def _is_address(match: re.Match | _Cut, value: str) -> bool:
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


def _positions(text: str, chars: str) -> list[int]:
    """Where any of ``chars`` stands in ``text``, in order (what ``re.finditer("[…]")`` would find)."""
    found = []
    for ch in chars:
        at = text.find(ch)
        while at >= 0:
            found.append(at)
            at = text.find(ch, at + 1)
    return sorted(found)


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
        for m in (_BARE_EMAIL.finditer(text) if index in bare_emails else ()):
            if not any(m.start() + d in labelled_emails for d in range(-2, 3)):  # within 2 of a labelled one
                found.append(Contact("email", m.group(0), block, m.start()))
        stops: list[int] = []  # sentence ends, found once a block (not once a URL: linear on a long line)
        hinted: dict[tuple[int, int], bool] = {}
        for m in (_URL_FINDER.finditer(text) if index in urls else ()):
            if not stops:
                stops = _positions(text, _SENTENCE_STOPS) or [len(text)]
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
