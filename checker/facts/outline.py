"""The outline: which blocks are headings, at which level, with which numbering token and style.

Chinese official documents number four levels 一、 → （一） → 1. → （1） (GB/T 9704-2012 7.3.3). A
token's form implies a level, but real reports misuse forms ("1、概述" as a top-level heading,
"（3）" among （一）（二）); such a heading is placed at the level whose sequence it continues and
marked, so that numbering rules can say "应写作“三、”" instead of reporting a broken hierarchy.
"""

from __future__ import annotations

from typing import Callable, Iterator, Optional

from msgspec import Struct, field

from checker.cnnum import cn_to_int, year_before_nian
from checker.formats.tables import is_table_row_label
from checker.layout.lexicon import may_start_token
from checker.lazy import regex
from checker.model import Block, Document

_CN = "一二三四五六七八九十"
# The four forms of a numbering token, with their default level and style, in the order they are tried:
# （一） 2, （1） 4, 一、 1, 1. 3. Each is a numeral (一 … 十 at most three, or one or two digits: what
# str.isdecimal takes, as ``\d`` does), brackets or a separator around it, and the spaces, tabs, U+3000 and
# U+00A0 on either side. Read by hand, not by four regexes: their character classes (every one with a
# character past U+00FF) took milliseconds to compile at every start, for a dozen headings a report.
_SPACES = " \t\u3000\u00a0"
_OPENERS, _CLOSERS = "（(", "）)"
_CN_SEPARATORS, _DIGIT_SEPARATORS = "、．.，,", ".．、"
_ENUMERATION_SEPARATORS = "、，,.．"

# A token as _match_token reads it: (default level, style, where it ends, numeral, opening bracket,
# closing bracket, separator).
TokenMatch = tuple[int, str, int, str, Optional[str], Optional[str], Optional[str]]


def _after_spaces(text: str, i: int) -> int:
    while i < len(text) and text[i] in _SPACES:
        i += 1
    return i


def _is_cn(ch: str) -> bool:
    return ch in _CN


def _numeral_end(text: str, i: int, is_numeral: Callable[[str], bool], most: int) -> Optional[int]:
    """Where the numeral at ``i`` ends: the whole run of its characters, when it is 1 … ``most`` long (a
    longer run is no numeral of a token: what follows a shorter part of it is a numeral again)."""
    j = i
    while j < len(text) and is_numeral(text[j]):
        j += 1
    return j if 0 < j - i <= most else None


def _no_decimal_after(text: str, p: int) -> bool:
    """After "1.": no digit ("2.5万" is a number), unless a year begins there ("2.2020年，本局……" is item 2)."""
    if p >= len(text) or not text[p].isdecimal():
        return True
    if text[p: p + 2] not in ("19", "20") or not (p + 3 < len(text) and text[p + 2].isdecimal()
                                                  and text[p + 3].isdecimal()):
        return False
    q = p + 4
    while q < len(text) and text[q].isspace():  # \s
        q += 1
    return text[q: q + 1] == "年"


def _match_token(text: str) -> Optional[TokenMatch]:
    """The token ``text`` starts with: (default level, style, end, numeral, opening bracket, closing
    bracket, separator), or None."""
    if text and text[0] in _OPENERS:
        start = _after_spaces(text, 1)
        for level, style, is_numeral, most in ((2, "（一）", _is_cn, 3), (4, "（1）", str.isdecimal, 2)):
            end = _numeral_end(text, start, is_numeral, most)
            if end is None:
                continue
            close = _after_spaces(text, end)
            if close < len(text) and text[close] in _CLOSERS:
                return level, style, _after_spaces(text, close + 1), text[start:end], text[0], text[close], None
        return None
    for level, style, is_numeral, most, separators in ((1, "一、", _is_cn, 3, _CN_SEPARATORS),
                                                       (3, "1.", str.isdecimal, 2, _DIGIT_SEPARATORS)):
        end = _numeral_end(text, 0, is_numeral, most)
        if end is None:
            continue
        sep = _after_spaces(text, end)
        if sep < len(text) and text[sep] in separators and (level == 1 or _no_decimal_after(text, sep + 1)):
            return level, style, _after_spaces(text, sep + 1), text[:end], None, None, text[sep]
    return None


def _enumeration_follows(rest: str) -> bool:
    """Whether a numeral and a separator open ``rest`` (一、二、三级……: the first token is no heading's)."""
    end = _numeral_end(rest, 0, lambda ch: ch in _CN or ch.isdecimal(), 3)
    return end is not None and end < len(rest) and rest[end] in _ENUMERATION_SEPARATORS


# What parse_token reads from a numbered heading: (default level, style, number, token, brackets).
ParsedToken = tuple[int, str, Optional[int], str, Optional[str]]

CANONICAL_STYLE = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}
LEVEL_NAMES = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}


class Heading(Struct):
    """A numbered (or Word/Markdown-styled) heading: its level in the outline, its token as written and what it says."""

    block: Block
    level: int
    default_level: int  # the level the token's form implies
    number: Optional[int]
    token: str  # the numbering token as written, e.g. "（一）", "1、 "
    style: Optional[str]  # "一、", "一.", "（一）", "1.", "1、", "（1）"; None when unnumbered
    brackets: Optional[str]  # "full" | "half" | "mixed" for bracketed tokens
    title: str
    parent: Optional["Heading"] = None
    offset: int = 0  # characters of conversion debris before the token ("<!--[if !supportLists]-->（一）")

    @property
    def line(self) -> int:
        return self.block.line

    @property
    def col(self) -> int:
        """The column of the numbering token (after any debris before it)."""
        return self.block.col + self.offset

    @property
    def reinterpreted(self) -> bool:
        return self.level != self.default_level


class Section(Struct):
    """A top-level heading and the blocks under it, up to the next top-level heading."""

    heading: Heading
    blocks: list[Block] = field(default_factory=list)

    def body_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b is not self.heading.block]


class Outline(Struct):
    """The report's title, its headings in order, its top-level sections and the blocks before the first."""

    title: Optional[Block]
    headings: list[Heading]
    sections: list[Section]
    preamble: list[Block]  # blocks between the title and the first top-level heading

    def at_level(self, level: int) -> list[Heading]:
        return [h for h in self.headings if h.level == level]


def parse_token(text: str) -> Optional[ParsedToken]:
    """Return (default_level, style, number, token, brackets) for a numbered heading text, else None."""
    if not may_start_token(text):  # most paragraphs
        return None
    found = _match_token(text)
    if found is None:
        return None
    level, style, end, num, opened, closed, sep = found
    rest = text[end:]
    if not rest.strip() or rest[0] in "、，,.．" or _enumeration_follows(rest):
        return None  # a bare token, or an enumeration "一、二、三级……", is not a heading
    number = int(num) if num.isdigit() else cn_to_int(num)
    brackets: Optional[str] = None
    if opened is not None:
        full_open, full_close = opened == "（", closed == "）"
        brackets = "full" if full_open and full_close else "half" if not (full_open or full_close) else "mixed"
    elif level == 1:
        style = "一、" if sep == "、" else "一."
    else:
        style = "1、" if sep == "、" else "1."
    return level, style, number, text[:end], brackets


def run_in_title(rest: str) -> str:
    """The heading proper of a run-in item "1.强化组织保障。根据……": up to the first 。 or ：."""
    stops = [at for at in map(rest.find, "。：:；;") if at >= 0]  # re.search(r"[。：:；;]", rest)
    if stops and min(stops) > 0:
        return rest[: min(stops)]
    return rest.strip()


# Word or web conversion debris that may stand before a heading's number: a Word conditional comment
# ("<!--[if !supportLists]-->（一）主动公开", the list number Word exported behind it), a bookmark name, a
# stray tag. A001 reports it; the outline steps over it, so that the heading keeps its place and its
# siblings are not renumbered around a heading that seemed to be missing.
_LEADING_DEBRIS = regex(
    r"^(?:\s*(?:<!--\[if[^\]]*\]>?(?:-->)?|<!\[endif\]>?(?:-->)?|_(?:Toc|Hlk)\d{6,}|_GoBack"
    r"|\[(?:bookmark|BOOKMARK)\s*:[^\]]*\]|</?(?:p|span|div|font|strong|b)\b[^>]*>))+\s*")


def debris_before_token(text: str) -> int:
    """How many characters of conversion debris stand before a heading's numbering token (0: none)."""
    if text.lstrip()[:1] not in ("<", "_", "["):  # how every piece of debris starts (\s is str.isspace)
        return 0  # nearly every paragraph: the pattern is neither run nor compiled
    m = _LEADING_DEBRIS.match(text)
    return m.end() if m else 0


def _candidates(doc: Document) -> Iterator[tuple[Block, Optional[ParsedToken], int]]:
    for block in doc.text_blocks():
        offset = debris_before_token(block.text)
        text = block.text[offset:]
        parsed = parse_token(text)
        if parsed and not is_table_row_label(text):
            yield block, parsed, offset
        elif parsed is None and block.markup_level:
            yield block, None, 0


# A report's title names it: "…政府信息公开工作年度报告", "…政府信息公开年度报告", "…信息公开年报".


def _names_the_report(text: str) -> bool:
    """Whether ``re.search(r"政府信息公开.{0,6}(?:年度)?报告|信息公开年报", text)`` finds anything, without compiling
    it (~0.2 ms at every start): a 报告 after a 政府信息公开, at most six characters other than a line feed
    between them, or eight when the last two are 年度."""
    if "信息公开年报" in text:
        return True
    at = text.find("政府信息公开")
    while at >= 0:
        begin = at + 6
        report = text.find("报告", begin, begin + 10)  # 报告 starting at most eight characters on
        while report >= 0:
            if "\n" not in text[begin:report] and (report - begin <= 6 or text.startswith("年度", report - 2)):
                return True
            report = text.find("报告", report + 1, begin + 10)
        at = text.find("政府信息公开", at + 1)
    return False
_CHROME_SCAN = 8  # how many leading blocks may be page chrome (navigation, "发布时间：… 来源：…", 字号)


def _find_title(blocks: list[Block]) -> Optional[Block]:
    """The title: the first block, unless page chrome copied from a web page or a PDF header stands above
    it; then the first of the leading blocks (before any numbered heading) that names the report."""
    named = []
    for block in blocks[:_CHROME_SCAN]:
        if parse_token(block.text) is not None:
            break
        if len(block.text) <= 60 and "。" not in block.text and _names_the_report(block.text):
            named.append(block)
    # A breadcrumb ("首页 > 信息公开 > 政府信息公开年报") names the kind of page, the title names its year.
    dated = [b for b in named if year_before_nian(b.text, century=True) is not None]
    if dated or named:
        return (dated or named)[0]
    if blocks and parse_token(blocks[0].text) is None:
        return blocks[0]
    return None


def build_outline(doc: Document) -> Outline:
    blocks = list(doc.text_blocks())
    title = _find_title(blocks)
    # Blocks above the title are page chrome: neither headings nor the preamble.
    chrome = {id(b) for b in blocks[: blocks.index(title)]} if title is not None else set()

    headings: list[Heading] = []
    last_number: dict[int, Optional[int]] = {1: None, 2: None, 3: None, 4: None}
    open_heading: dict[int, Optional[Heading]] = {1: None, 2: None, 3: None, 4: None}
    depth = 0
    for block, parsed, offset in _candidates(doc):
        if block is title or id(block) in chrome:
            continue
        if parsed is None:
            # A Word/Markdown heading without a numbering token: kept for section matching only.
            assert block.markup_level is not None  # _candidates yields no token only with a markup level
            level = max(1, min(4, block.markup_level - _markup_offset(doc)))
            headings.append(Heading(block, level, level, None, "", None, None, block.text))
            continue
        default_level, style, number, token, brackets = parsed
        level = default_level
        # A form already placed at another level continues there ("1、" used for 二级 after "一、"):
        # the deepest open level whose last heading has the same style and the previous number.
        same_style = [k for k in range(depth, 0, -1) if (open_k := open_heading[k]) is not None
                      and open_k.style == style and (last_k := last_number[k]) is not None
                      and number == last_k + 1]
        if same_style and same_style[0] != default_level:
            level = same_style[0]
        elif default_level > depth + 1:
            # The form would skip a level: place it where its number continues a sequence.
            for k in range(depth + 1, 0, -1):
                prev = last_number[k]
                if (prev is not None and number == prev + 1) or (prev is None and k == depth + 1 and number == 1):
                    level = k
                    break
        while level > 1 and (above := open_heading[level - 1]) is not None and above.style == style:
            level -= 1  # a form never nests under itself: "1." after "2." (placed at 二级) is a new list
        rest = block.text[offset + len(token):]
        heading = Heading(block, level, default_level, number, token, style, brackets,
                          run_in_title(rest),
                          parent=open_heading[level - 1] if level > 1 else None, offset=offset)
        headings.append(heading)
        last_number[level] = number
        open_heading[level] = heading
        for deeper in range(level + 1, 5):
            last_number[deeper] = None
            open_heading[deeper] = None
        depth = level

    sections: list[Section] = []
    preamble: list[Block] = []
    top = {id(h.block): h for h in headings if h.level == 1}
    current: Optional[Section] = None
    for block in doc.blocks:
        if block is title or id(block) in chrome:
            continue
        if id(block) in top:
            current = Section(top[id(block)], [block])
            sections.append(current)
        elif current is None:
            preamble.append(block)
        else:
            current.blocks.append(block)
    return Outline(title=title, headings=headings, sections=sections, preamble=preamble)


def _markup_offset(doc: Document) -> int:
    """How many markup levels sit above 一、 (Markdown reports often use # for the title, ## for 一、)."""
    for block in doc.text_blocks():
        if block.markup_level and (parsed := parse_token(block.text)) and parsed[0] == 1:
            return block.markup_level - 1
    return 0
