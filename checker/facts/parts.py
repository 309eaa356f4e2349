"""The part list a preamble declares: "全文包括总体情况、……" / "本报告由概述、……四部分组成"."""

from __future__ import annotations

import re
from typing import Iterable, Optional

from msgspec import Struct

from checker.cnnum import number_value
from checker.formats.sections import ART32_SECTIONS, FORMAT_SECTIONS
from checker.model import Block, InBlock

_KNOWN_TITLES = tuple(t for s in FORMAT_SECTIONS + ART32_SECTIONS for t in (s.title, *s.variants))

_INTRO = re.compile(r"(?:全文|本报告|本年度报告|年度报告|报告)(?:内容)?(?:共|主要)?(?:包括|包含|由|分为|分成)")
_COUNT = re.compile(r"(?:等|共|计)?\s*(?P<n>[一二三四五六七八九十\d]{1,3})\s*(?:个)?(?:部分|方面|章节)")
_END = re.compile(r"(?:组成|构成)?(?:[。；;]|$)")


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
        m = _INTRO.search(text)
        if not m:
            continue
        end = _END.search(text, m.end())
        segment = text[m.end(): end.start() if end else len(text)]
        count_m = _COUNT.search(segment)
        count = number_value(count_m.group("n")) if count_m else None
        listing = segment[: count_m.start()] if count_m else segment
        listing = _trim_listing(listing.strip())
        names = split_part_names(listing)
        if not names and count is None:
            continue
        return PartList(names=names, count=count, block=block, offset=m.start(), listing=listing,
                        raw=text[m.start(): end.end() if end else len(text)])
    return None
