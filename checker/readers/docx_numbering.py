"""Word's automatic list numbering (numbering.xml): the numbers Word draws before numbered paragraphs.

Drafts typed with Word's heading numbering turned on hold 一、（一）1. nowhere in their text: each heading
paragraph (or its style) names a list (w:numPr: w:numId, w:ilvl) and Word draws its number from the list's
level (w:numFmt chineseCounting, w:lvlText "%1、"). Without them the headings lose their numbers and a report
reads as if it had none of its parts. ``Numbering.label`` gives the number of each numbered paragraph in
document order; bullets and unknown lists give none.
"""

from __future__ import annotations

from typing import Any, Optional

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = _W + "val"
_CN_FORMATS = {"chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "ideographDigital", "chineseLegalSimplified"}
_STEMS = "甲乙丙丁戊己庚辛壬癸"


def _chinese(n: int) -> str:
    """1..99 as Word's chineseCounting writes it: 一 … 十 … 十二 … 二十三. (The readers know the model
    only, not checker.cnnum, which counts the same way for the rules.)"""
    digits = "〇一二三四五六七八九"
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if not tens:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _format(n: int, fmt: str) -> str:
    if fmt in _CN_FORMATS:
        return _chinese(n)
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "ideographTraditional" and 1 <= n <= len(_STEMS):
        return _STEMS[n - 1]
    if fmt in ("lowerLetter", "upperLetter") and 1 <= n <= 26:
        letter = chr(ord("a") + n - 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 1 <= n < 40:
        roman, rest = "", n
        for value, numeral in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
            count, rest = divmod(rest, value)
            roman += numeral * count
        return roman.upper() if fmt == "upperRoman" else roman
    return str(n)


def _int(raw: Optional[str], default: int) -> int:
    try:
        return int(raw) if raw is not None else default
    except ValueError:
        return default


class Numbering:
    """The lists of a numbering part and their counters, advanced paragraph by paragraph in document order.
    Counters belong to the abstract list, so two w:num of one list go on counting (as Word does) unless a
    w:num restarts a level (w:lvlOverride/w:startOverride).

    The part's lists are read on the first numbered paragraph: most reports number nothing through Word's
    lists, and reading a template's numbering part costs more than parsing it (it cannot fail: every value
    read has a default)."""

    def __init__(self, root: Any = None) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstractNumId → ilvl → (fmt, text, start)
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstractNumId, ilvl → start override)
        self.counters: dict[str, list[int]] = {}
        self.restarted: set[str] = set()
        self._unread = root

    def _read(self, root: Any) -> None:
        for abstract in root.iterchildren(_W + "abstractNum"):
            levels = {}
            for lvl in abstract.iterchildren(_W + "lvl"):
                fmt = lvl.find(_W + "numFmt")
                text = lvl.find(_W + "lvlText")
                start = lvl.find(_W + "start")
                levels[_int(lvl.get(_W + "ilvl"), 0)] = (
                    fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
                    text.get(_VAL, "") if text is not None else "",
                    _int(start.get(_VAL) if start is not None else None, 1))
            self.levels[abstract.get(_W + "abstractNumId") or ""] = levels
        for num in root.iterchildren(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            overrides = {}
            for override in num.iterchildren(_W + "lvlOverride"):
                start = override.find(_W + "startOverride")
                if start is not None:
                    overrides[_int(override.get(_W + "ilvl"), 0)] = _int(start.get(_VAL), 1)
            self.nums[num.get(_W + "numId") or ""] = (ref.get(_VAL) if ref is not None else "", overrides)

    def label(self, num_id: Optional[str], ilvl: int) -> str:
        """The number Word draws before the next paragraph of list ``num_id`` at level ``ilvl`` ("" for none)."""
        if not num_id or num_id == "0":
            return ""
        if self._unread is not None:
            root, self._unread = self._unread, None
            self._read(root)
        if num_id not in self.nums:
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels or levels[ilvl][0] in ("bullet", "none"):
            return ""
        counters = self.counters.setdefault(abstract, [levels[i][2] - 1 if i in levels else 0 for i in range(9)])
        if num_id not in self.restarted:
            self.restarted.add(num_id)
            for level, start in overrides.items():
                if 0 <= level < 9:
                    counters[level] = start - 1
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = levels[deeper][2] - 1 if deeper in levels else 0
        text = levels[ilvl][1]
        for level in range(ilvl, -1, -1):
            fmt = levels.get(level, ("decimal", "", 1))[0]
            text = text.replace(f"%{level + 1}", _format(counters[level], fmt))
        return text
