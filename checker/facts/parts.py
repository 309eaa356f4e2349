"""The part list a preamble declares: "全文包括总体情况、……" / "本报告由概述、……四部分组成"."""

from __future__ import annotations

import re
from typing import Iterable, Optional

from msgspec import Struct

from checker.cnnum import number_value
from checker.facts.scan import places
from checker.formats.sections import ART32_SECTIONS, FORMAT_SECTIONS
from checker.model import Block, InBlock

_KNOWN_TITLES = tuple(t for s in FORMAT_SECTIONS + ART32_SECTIONS for t in (s.title, *s.variants))

# What a preamble's part list is made of, read by hand below (_intro_span, _end_span, _count_span): compiled,
# these regexes took ~1.2 ms of every cold check (alternations of Chinese words, classes of Chinese
# numerals), for the few sentences of a preamble (tests/test_speed8_facts.py holds each reading against its
# regex). _INTRO: (?:全文|本报告|本年度报告|年度报告|报告)(?:内容)?(?:共|主要)?(?:包括|包含|由|分为|分成);
# _END: (?:组成|构成)?(?:[。；;]|$); _COUNT: (?:等|共|计)?\s*(?P<n>[一二三四五六七八九十\d]{1,3})\s*(?:个)?(?:部分|方面|章节).
_COUNT_WORDS = ("部分", "方面", "章节")
_COUNT_NUMERALS = frozenset("一二三四五六七八九十")


def _intro_span(text: str) -> Optional[tuple[int, int]]:
    """The span of _INTRO's search. Its subject ends a 全文 or a 报告: there the longest of 本年度报告, 年度报告,
    本报告 and 报告 that stands there begins the leftmost match, if any match ends that subject (all of them are
    followed by the same text). After the subject, no optional word left out would let the rest match (内, 共
    and 主 begin no verb), so each is read in one pass, in order of where the subjects begin."""
    subjects = [(at, at + 2) for at in places(text, "全文")]
    for at in places(text, "报告"):
        if at >= 3 and text.startswith("本年度", at - 3):
            subjects.append((at - 3, at + 2))
        elif at >= 2 and text.startswith("年度", at - 2):
            subjects.append((at - 2, at + 2))
        else:
            subjects.append((at - 1 if at >= 1 and text.startswith("本", at - 1) else at, at + 2))
    for start, at in sorted(subjects):
        if text.startswith("内容", at):
            at += 2
        if text.startswith("共", at):
            at += 1
        elif text.startswith("主要", at):
            at += 2
        if text.startswith(("包括", "包含", "分为", "分成"), at):
            return start, at + 2
        if text.startswith("由", at):
            return start, at + 1
    return None


def _end_span(text: str, pos: int) -> tuple[int, int]:
    """The span of _END's search from ``pos`` (it always matches): the first 。, ； or ; from ``pos``, else the end
    (``$``: before a last line feed, or at the very end), with a 组成 or 构成 just before it."""
    marks = [at for at in (text.find(mark, pos) for mark in "。；;") if at >= 0]
    if marks:
        at, width = min(marks), 1
    else:
        at, width = (len(text) - 1 if text.endswith("\n") and len(text) - 1 >= pos else len(text)), 0
    if at - 2 >= pos and text[at - 2:at] in ("组成", "构成"):
        return at - 2, at + width
    return at, at + width


def _count_span(text: str) -> Optional[tuple[int, int, int, int]]:
    r"""The span of _COUNT's search and of its group ``n``, read back from each 部分, 方面 or 章节 (in order): before
    it an optional 个, white space, then the numeral, the last one to three characters of a run (what \d{1,3}
    takes, as much as it can, from where it begins), with white space and 等, 共 or 计 before the numeral's
    first character when it begins the run. A later word's numeral stands after an earlier word: the first
    word with a numeral gives the search's match."""
    for word in sorted(at for literal in _COUNT_WORDS for at in places(text, literal)):
        end = word - 1 if word > 0 and text[word - 1] == "个" else word
        while end > 0 and text[end - 1].isspace():
            end -= 1
        start = end
        while start > max(0, end - 3) and (text[start - 1] in _COUNT_NUMERALS or text[start - 1].isdecimal()):
            start -= 1
        if start == end:
            continue
        begin = start  # before a numeral that begins its run (else a numeral stands there): white space, 等 …
        while begin > 0 and text[begin - 1].isspace():
            begin -= 1
        if begin > 0 and text[begin - 1] in "等共计":
            begin -= 1
        return begin, word + 2, start, end
    return None


class PartList(InBlock, Struct):
    """The parts a preamble declares ("全文包括……六个部分"): their names, their count, and the list as written."""

    names: list[str]
    count: Optional[int]
    block: Block
    offset: int
    listing: str  # the list as written, for re-splitting against a document's own headings
    raw: str


_NAME_SEPARATORS = frozenset("、，,；;")


def _split_listing(listing: str) -> list[str]:
    """``re.split(r"[、，,；;]|以及|(?<=情况)及|(?<=事项)及", listing)``, read by hand (one regex fewer to
    compile at start-up): the separators are tried at each character in the regex's order."""
    pieces, start, i = [], 0, 0
    while i < len(listing):
        if listing[i] in _NAME_SEPARATORS:
            width = 1
        elif listing.startswith("以及", i):
            width = 2
        elif listing[i] == "及" and listing[max(0, i - 2):i] in ("情况", "事项"):
            width = 1
        else:
            i += 1
            continue
        pieces.append(listing[start:i])
        i += width
        start = i
    pieces.append(listing[start:])
    return pieces


def _trim_listing(listing: str) -> str:
    """``re.sub(r"^[：:\\s]+|(?:组成|构成|等)$", "", listing)`` of a stripped listing (no line feed at its end)."""
    start = 0
    while start < len(listing) and (listing[start] in "：:" or listing[start].isspace()):
        start += 1
    rest = listing[start:]
    for word in ("组成", "构成", "等"):
        if rest.endswith(word):
            return rest[: -len(word)]
    return rest


def split_part_names(listing: str, keep: Iterable[str] = ()) -> list[str]:
    """Split "A、B、C及D" into names, keeping whole any known title that itself contains 、
    ("政府信息公开行政复议、行政诉讼情况")."""
    protected = sorted({k for k in (*keep, *_KNOWN_TITLES) if "、" in k or "及" in k}, key=len, reverse=True)
    saved: list[str] = []
    for title in protected:
        while title in listing:
            listing = listing.replace(title, f"\x00{len(saved)}\x00", 1)
            saved.append(title)
    names = [n.strip(" 　“”\"") for n in _split_listing(listing) if n.strip()]
    names = [n[1:] if n[:1] in ("和", "及", "与") else n for n in names]  # re.sub(r"^(?:和|及|与)", "", n)
    if not saved:
        return names
    return [re.sub(r"\x00(\d+)\x00", lambda m: saved[int(m.group(1))], n) for n in names]


def find_part_list(blocks: list[Block]) -> Optional[PartList]:
    for block in blocks:
        text = block.text
        intro = _intro_span(text)
        if not intro:
            continue
        end = _end_span(text, intro[1])
        segment = text[intro[1]: end[0]]
        count_m = _count_span(segment)
        count = number_value(segment[count_m[2]:count_m[3]]) if count_m else None
        listing = segment[: count_m[0]] if count_m else segment
        listing = _trim_listing(listing.strip())
        names = split_part_names(listing)
        if not names and count is None:
            continue
        return PartList(names=names, count=count, block=block, offset=intro[0], listing=listing,
                        raw=text[intro[0]: end[1]])
    return None
