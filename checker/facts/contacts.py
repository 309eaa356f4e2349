"""Contact details a report gives: address, postcode, phone, fax, e-mail, and the download address.

Each is found by its label ("邮编：", "电话：" …) or, for e-mail and web addresses, by its shape;
the value is kept as written so rules can say exactly what is wrong with it.
"""

from __future__ import annotations

import bisect
import re

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
_LABEL_RES = {kind: (_NEEDS[kind], regex(p)) for kind, p in _LABEL_PATTERNS.items()}
# An e-mail-looking token without a label ("……请发送至 gk@qinghe.gov.cn").
# It starts where a run of local-part characters starts: tried inside a long run it would rescan
# the rest of the run from every character (quadratic on a long line).
_BARE_EMAIL_PATTERN = r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+\s*[@＠]\s*[A-Za-z0-9.\-．]+"
_BARE_EMAIL = regex(_BARE_EMAIL_PATTERN)
# Web addresses, including the broken ones this checker exists to catch ("http//", full-width dots).
_URL_PATTERN = (
    r"(?:h\s*t\s*t\s*p\s*s?\s*[:：]?\s*[/／]{1,2}\s*|www\s*[.．。])[A-Za-z0-9.．。\-_/／:?=&%#~+\u4e00-\u9fff]*[A-Za-z0-9/]"
)
URL_RE = regex(_URL_PATTERN)
_BARE_EMAIL_NEEDS = ("@", "＠")
_URL_NEEDS = ("h", "www")
_DOWNLOAD_HINTS = ("下载", "电子版", "网址", "网站", "门户", "查阅", "浏览", "登录", "平台")
_SENTENCE_STOPS = "。；;！!"
# An address without a colon after its label must look like a place: a road, street or building with a
# number ("地址在青禾市滨江路9号"); "办公地址、联系方式等信息" is prose about addresses, not one.
_PLACE = regex(r"[路街道巷弄里村镇区楼号室]\s*[0-9０-９]|[0-9０-９]+\s*(?:号|楼|室|层)")


def _is_address(match: re.Match, value: str) -> bool:
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
        for m in (URL_RE.finditer(text) if index in urls else ()):
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
