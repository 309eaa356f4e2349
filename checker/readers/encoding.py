"""Decode the bytes of a plain-text report: UTF-8 (with or without BOM), GB18030/GBK, UTF-16 with BOM.

Strict decoding, never ``errors="replace"``: a file that is none of these is an error, not mojibake.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right

from checker.errors import InputError
from checker.lazy import regex

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Characters a real report is made of: ASCII, CJK ideographs and punctuation, full-width forms,
# general punctuation and a few symbols. Random bytes that happen to decode as GB18030 land mostly
# outside these ranges (rare ideograph extensions, Yi, Hangul, private use), which is how we tell.
_PLAUSIBLE_RANGES = (
    (0x0009, 0x000D), (0x0020, 0x007E), (0x00A0, 0x024F), (0x0370, 0x03FF), (0x0400, 0x04FF),
    (0x2000, 0x2BFF), (0x3000, 0x303F), (0x3040, 0x30FF), (0x3200, 0x33FF), (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x2460, 0x24FF),
)


# One pass of the regex engine instead of a Python loop a character: linear and fast on a 50 MB file. Its
# class of ~40,000 code points costs ~1.6 ms to compile (2 % of a cold check): compiled for the second text
# of a process, not for the first (``_implausible_count``).
_IMPLAUSIBLE = regex("[^%s]+" % "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _PLAUSIBLE_RANGES))


def _merged(ranges: tuple[tuple[int, int], ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The ranges sorted and merged (0x2460–0x24FF lies inside 0x2000–0x2BFF): their starts and their ends."""
    merged: list[list[int]] = []
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return tuple(lo for lo, _ in merged), tuple(hi for _, hi in merged)


_STARTS, _ENDS = _merged(_PLAUSIBLE_RANGES)
_FEW_DISTINCT = 5000  # a report uses ~1,000 distinct characters; garbled bytes many more
_FIRST_TEXT = [True]
# Control characters (category Cc) other than tab, line feed, form feed and carriage return.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_BOM_NAMES = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16"}


def _plausible_share(text: str) -> float:
    if not text:
        return 1.0
    return (len(text) - _implausible_count(text)) / len(text)


def _implausible_count(text: str) -> int:
    """How many characters of ``text`` lie outside the plausible ranges. The first text of a process (a
    cold check's only one) tests each of its distinct characters once, when they are few and almost all
    plausible; later texts, and garbled ones, take the regex's one pass."""
    if _FIRST_TEXT[0]:
        _FIRST_TEXT[0] = False
        distinct = set(text)
        if len(distinct) <= _FEW_DISTINCT:
            bad = [ch for ch in distinct if not _plausible(ord(ch))]
            if len(bad) <= 8:  # each is counted with one pass of str.count
                return sum(map(text.count, bad))
    return sum(map(len, _IMPLAUSIBLE.findall(text)))


def _plausible(code: int) -> bool:
    i = bisect_right(_STARTS, code) - 1
    return i >= 0 and code <= _ENDS[i]


def decode_report_bytes(data: bytes, path: str) -> str:
    """Return the text of ``data`` or raise InputError saying why it is not a text report."""
    if not data.strip():
        raise InputError(path, "文件为空 (empty file)")
    text = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                name = _BOM_NAMES[codec]
                raise InputError(path, f"文件以 {name} 字节顺序标记（BOM）开头，但第 {exc.start + 1} 个字节起的内容"
                                       f"不是有效的 {name} (invalid {name} at byte offset {exc.start} of a file "
                                       f"with a {name} BOM)") from None
            break
    if text is None:
        if b"\x00" in data:
            raise InputError(path, "文件含有 NUL 字节，不是文本文件 (binary data, not a text report)")
        for codec in ("utf-8", "gb18030"):
            try:
                text = data.decode(codec)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise InputError(path, "无法识别文件编码：应为 UTF-8、GB18030/GBK 或带 BOM 的 UTF-16 "
                                   "(not UTF-8, GB18030 or UTF-16 text)")
    if "\x00" in text:
        raise InputError(path, "文件含有 NUL 字符，不是文本文件 (binary data, not a text report)")
    controls = len(_CONTROLS.findall(text))
    if controls > max(2, len(text) // 200) or _plausible_share(text) < 0.9:
        raise InputError(path, "文件内容不是可读的文本 (binary or garbled data, not a text report)")
    return text.lstrip("\ufeff")


def split_lines(text: str) -> list[str]:
    """Split on the line breaks a report can carry (\\r\\n, \\r, \\n) without losing line numbers."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
