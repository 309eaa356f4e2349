"""The official words layout recovery looks for: section titles, numbering tokens and table labels.

Everything here is derived from checker.formats (the six headings of each era and their statutory
variants, the rows, groups and headers of tables 二, 三 and 四), so a label is never written twice; the
only additions are the five sub-topics of part 一 that the 2021 format lists (domain.md §2.2.1) and the
full text of the table-三 note, of which the format data keep the stem. Built once, on first use: a
well-formed report never needs more than the cheap patterns at the top.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Optional

from msgspec import Struct

from checker.formats.sections import ART32_SECTIONS, FORMAT_SECTIONS
from checker.formats.tables import SPECS
from checker.lazy import regex

CN = "一二三四五六七八九十"
SENTENCE_END = "。！？!?"
BREAKS = "。！？!?；;：:"  # after these a heading may start inside a line
CLOSERS = "）)】》」』”’"
CLOSING_QUOTES = "”’」』）)】》"

# A numbering token as headings write it, with its default level: 一、 （一） 1. （1）.
TOKEN_RE = regex(
    rf"(?P<l2>[（(][ \u3000]*(?P<n2>[{CN}]{{1,3}})[ \u3000]*[）)])"
    rf"|(?P<l4>[（(][ \u3000]*(?P<n4>\d{{1,2}})[ \u3000]*[）)])"
    rf"|(?<![{CN}])(?P<l1>(?P<n1>[{CN}]{{1,3}})[ \u3000]*[、．.])"
    rf"|(?<![\d.．])(?P<l3>(?P<n3>\d{{1,2}})[ \u3000]*[.．、](?![\d.．]))"
)
_ENUMERATION = regex(rf"[{CN}\d]{{1,3}}[、，,.．]")


def may_start_token(text: str) -> bool:
    """Whether a numbering token can start ``text`` (TOKEN_RE, or the outline's own forms, matched at its
    start): a bracket, a numeral 一 … 十 or a digit (str.isdigit holds for every character ``\\d`` takes).
    Most lines do not start so, and are then matched against no pattern (nor make one compile)."""
    if not text:
        return False
    first = text[0]
    return first in "（(" or first in CN or first.isdigit()

# The five sub-topics of part 一 in the 2021 format (domain.md §2.2.1, observed in nearly every report).
OVERVIEW_TOPICS = ("主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障")

# The table-三 note in full (domain.md §2.2.4); formats/tables.py keeps its stem as a header label.
TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

VALUE_RE = regex(r"[+\-]?\d[\d.,]*(?:万元|元|亿元|%)?|[-—/／]+")

_WIDTH = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；", "\"": "“", "”": "“", "．": ".",
                        " ": None, "\t": None, "\u3000": None, "\u00a0": None})


def fold(text: str) -> str:
    """Text compared as the format means it: no spaces, full-width brackets, one kind of quote (like
    formats.labels.normalize_label, but keeping a final 。 or ：, which no label has)."""
    return text.translate(_WIDTH)


def cn_value(numeral: str) -> int:
    """一 … 九十九 as a number (heading tokens never go further)."""
    digits = {c: i for i, c in enumerate(CN, start=1)}
    if "十" not in numeral:
        return digits.get(numeral[-1], 0) if len(numeral) == 1 else 0
    tens, _, units = numeral.partition("十")
    return (digits.get(tens, 0) if tens else 1) * 10 + (digits.get(units, 0) if units else 0)


class Token(Struct, frozen=True):
    """A numbering token found in text: its span, default level (1 一、 2 （一） 3 1. 4 （1）) and number."""

    start: int
    end: int
    level: int
    number: int


def token_at(text: str, pos: int) -> Optional[Token]:
    """The numbering token that starts at ``pos`` and begins a heading or item (not a bare token, not an
    enumeration "一、二、三级"), else None."""
    m = TOKEN_RE.match(text, pos)
    return _token(text, m) if m else None


def tokens_in(text: str, start: int = 0, end: Optional[int] = None) -> Iterator[Token]:
    """Every numbering token in ``text[start:end]`` that could begin a heading, in order."""
    for m in TOKEN_RE.finditer(text, start, len(text) if end is None else end):
        token = _token(text, m)
        if token is not None:
            yield token


def _token(text: str, m: re.Match) -> Optional[Token]:
    rest = text[m.end():m.end() + 4]
    if not rest.strip() or rest[0] in "、，,.．）)" or _ENUMERATION.match(rest):
        return None
    for level in (1, 2, 3, 4):
        if m.group(f"l{level}"):
            raw = m.group(f"n{level}")
            number = int(raw) if raw.isdigit() else cn_value(raw)
            return Token(m.start(), m.end(), level, number)
    return None


def _pattern(label: str) -> str:
    """A regular expression for ``label`` as reports print it: either bracket width, any quote, 、 or ，,
    white space allowed after the numbering token."""
    out: list[str] = []
    classes = {"（": "[（(]", "(": "[（(]", "）": "[）)]", ")": "[）)]", "“": "[“”\"]", "”": "[“”\"]",
               "、": "[、，,]", "，": "[，,、]", ",": "[，,、]", "：": "[：:]", ":": "[：:]", ".": "[.．]",
               "．": "[.．]", "；": "[；;]"}
    token = TOKEN_RE.match(label) if may_start_token(label) else None  # at import: mostly no compile
    for i, ch in enumerate(label):
        out.append(classes.get(ch, re.escape(ch)))
        if token and i == token.end() - 1:
            out.append(r"[ \u3000]*")
    return "".join(out)


def _section_titles() -> tuple[str, ...]:
    titles: dict[str, None] = {}
    for spec in FORMAT_SECTIONS + ART32_SECTIONS:
        for title in (spec.title, *spec.variants):
            titles.setdefault(title)
    return tuple(sorted(titles, key=len, reverse=True))


SECTION_TITLES = _section_titles()
# A top-level heading with an official title ("三、收到和处理政府信息公开申请情况"), any number.
OFFICIAL_HEADING_RE = regex(
    rf"(?<![{CN}])(?P<num>[{CN}]{{1,3}})[ \u3000]*[、．.][ \u3000]*(?P<title>"
    + "|".join(_pattern(t) for t in SECTION_TITLES) + ")")
HEADING_TITLE_RE = regex("|".join(_pattern(t) for t in sorted(
    set(SECTION_TITLES) | set(OVERVIEW_TOPICS), key=len, reverse=True)))
# The title of a report: agency and year, then 政府信息公开工作年度报告.
TITLE_RE = regex(r"^[ \u3000]*\S.{0,60}?政府信息公开(?:工作)?年度报告")


class TableLexicon(Struct, frozen=True):
    """The labels of tables 二, 三 and 四 of both formats, folded, each with its kind ("row" | "group" |
    "header"), the folded prefixes of every label, and one pattern that finds them in running text."""

    kinds: dict[str, str]
    prefixes: dict[str, str]  # every folded start of a label → the kind of label it starts ("row" first)
    pieces: frozenset[str]  # every folded substring of a label (a fragment of a wrapped label cell)
    pattern: re.Pattern

    def kind(self, folded: str) -> Optional[str]:
        return self.kinds.get(folded)

    def is_prefix(self, folded: str) -> bool:
        return folded in self.prefixes


def _row_forms(label: str) -> set[str]:
    """A row label as printed: in full, without its explanatory parenthetical, with 、 or ，."""
    forms = {label, re.sub(r"（[^）]*）$", "", label)}
    forms |= {f.replace("、", "，") for f in forms}
    return {f for f in forms if f}


@lru_cache(maxsize=1)
def table_lexicon() -> TableLexicon:
    kinds: dict[str, str] = {}
    printed: dict[str, str] = {}

    def add(label: str, kind: str) -> None:
        kinds.setdefault(fold(label), kind)
        printed.setdefault(label, kind)

    # Rows first: a label that is a row in one format and a group in the other ("（六）其他处理") is a row.
    for spec in SPECS.values():
        for row in spec.rows:
            for form in _row_forms(row.label):
                add(form, "row")
    for spec in SPECS.values():
        for group in spec.group_labels:
            add(group, "group")
    for spec in SPECS.values():
        for header in spec.header_labels:
            if "勾稽关系" not in header:  # the stem of the note, which is matched in full below
                add(header, "header")
        for column in spec.columns:
            for part in column.split("/"):
                add(part, "header")
    kinds[fold(TABLE3_NOTE)] = "header"
    prefixes: dict[str, str] = {}
    for label, kind in sorted(kinds.items(), key=lambda item: item[1] != "row"):
        for i in range(1, len(label) + 1):
            prefixes.setdefault(label[:i], kind)
    pieces = {label[i:j] for label in kinds for i in range(len(label)) for j in range(i + 1, len(label) + 1)}
    alternatives = [_pattern(label) for label in sorted(printed, key=len, reverse=True)]
    note = r"[（(]本列数据的勾稽关系[^）)]{0,40}[）)]"
    pattern = re.compile(note + "|" + "|".join(alternatives))
    return TableLexicon(kinds, prefixes, frozenset(pieces), pattern)


def classify_label(text: str) -> Optional[str]:
    """The kind of a table label as printed ("row", "group", "header"), else None."""
    folded = fold(text)
    if "勾稽关系" in folded and folded.startswith("（") and folded.endswith("）"):
        return "header"
    return table_lexicon().kind(folded)


def table_label_at(text: str, pos: int) -> bool:
    """Whether an official table row or group label stands at ``pos`` as a label: followed by the end,
    white space, a value or another label ("三、本年度办理结果（一）予以公开"), not by more words
    ("3.其他渠道。" is an item of the prose)."""
    lexicon = table_lexicon()
    m = lexicon.pattern.match(text, pos)
    if not m or classify_label(m.group(0)) not in ("row", "group"):
        return False
    end = m.end()
    if end >= len(text) or text[end] in " \t\u3000\u00a0":
        return True
    return bool(VALUE_RE.match(text, end)) or bool(lexicon.pattern.match(text, end))
