"""Headings inside running text: where one may start, whether its number continues the outline, where it ends.

Used where line breaks were lost (a flattened report) and where wrapped lines are joined (a heading
token at a line's start ends the paragraph before it). A numbering token is a heading only when its
number continues the sequence read so far (the next number at an open level, or 1 one level deeper),
the way checker/facts/outline.py places a misused form; an official section title is a heading
whatever its number (a report may misnumber its parts, which the rules then report).
"""

from __future__ import annotations

from typing import Optional

from msgspec import Struct, field

from checker.layout.lexicon import (
    BREAKS, CLOSERS, HEADING_TITLE_RE, OFFICIAL_HEADING_RE, SENTENCE_END, Token, cn_value, token_at, tokens_in,
)
from checker.lazy import regex

_SPACE = " \t\u3000\u00a0"
# Where the first sentence of a paragraph begins right after a heading that lost its line break:
# "（一）公开数量和内容2016年，全县……", "（二）依申请公开本年度本局……".
_OPENER = regex(r"\d{4}[ \u3000]*年(?:度)?[，,]|本年度")
_TITLE_LIMIT = 30  # no heading title of these reports is longer; past it, the text is a run-in paragraph
_CJK = regex(r"[\u4e00-\u9fff）》”]")


class Sequence(Struct):
    """The outline read so far: the last number at each of the four levels, and the deepest open level."""

    last: dict[int, Optional[int]] = field(default_factory=lambda: {1: None, 2: None, 3: None, 4: None})
    depth: int = 0

    def level_for(self, token: Token) -> Optional[int]:
        """The level ``token`` continues, or None when its number continues nothing."""
        level, number = token.level, token.number
        if level <= self.depth and self.last[level] is not None and number == (self.last[level] or 0) + 1:
            return level
        for k in range(self.depth, 0, -1):
            if self.last[k] is not None and number == (self.last[k] or 0) + 1:
                return k
        if number == 1 and level > self.depth:
            return self.depth + 1
        return None

    def skipping_level(self, token: Token) -> Optional[int]:
        """The open level ``token`` would continue had one or two numbers not been skipped ("（四）" after
        "（二）"), when it is written in that level's own style (一、 at level 1, （一） at 2); else None."""
        level = token.level
        last = self.last.get(level)
        if level <= self.depth and last is not None and last + 2 <= token.number <= last + 3:
            return level
        return None

    def accept(self, level: int, number: int) -> None:
        self.last[level] = number
        for deeper in range(level + 1, 5):
            self.last[deeper] = None
        self.depth = level

    def copy(self) -> "Sequence":
        return Sequence(dict(self.last), self.depth)


def after_break(text: str, pos: int, level: int) -> bool:
    """Whether a heading of ``level`` may start at ``pos`` of a line: at its start, or after the end of a
    sentence (。！？, and for levels 1–2 also ；： or a closing bracket), white space skipped."""
    i = pos
    while i > 0 and text[i - 1] in _SPACE:
        i -= 1
    if i == 0:
        return True
    before = text[i - 1]
    if level <= 2:
        return before in BREAKS or before in CLOSERS
    return before in SENTENCE_END or before in "）)"


def official_heading(text: str, pos: int) -> Optional[tuple[int, int]]:
    """(number, end of the title) when an official top-level heading starts at ``pos``, not as an item of
    a list ("一、总体情况，二、……" in a preamble)."""
    m = OFFICIAL_HEADING_RE.match(text, pos)
    if not m:
        return None
    following = text[m.end():m.end() + 1]
    if following and following in "、，,；;":
        return None
    return cn_value(m.group("num")), m.end()


def title_end(text: str, token_end: int, sequence: Sequence, limit: int) -> Optional[int]:
    """Where the title of a heading whose token ends at ``token_end`` stops, when the paragraph after it
    lost its line break; None when it does not (a run-in item "1.加强领导。……", or no sign of the end).

    The first sign within the title's reach: white space after Chinese text; the next heading token
    whose number continues the outline; the opening of a sentence ("2016年，", "本年度"). Failing
    those, an official section title or a sub-topic of part 一 that the text starts with.
    """
    stop = token_end
    reach = min(limit, token_end + _TITLE_LIMIT + 10)
    while stop < reach and text[stop] not in BREAKS:
        stop += 1
    signs: list[int] = []
    for i in range(token_end + 2, stop):
        if text[i] in _SPACE and _CJK.match(text[i - 1]) and i + 1 < len(text) and text[i + 1] not in _SPACE:
            signs.append(i)
            break
    for token in tokens_in(text, token_end + 2, stop):
        if sequence.level_for(token) is not None:
            signs.append(token.start)
            break
    opener = _OPENER.search(text, token_end + 2, stop)
    if opener:
        signs.append(opener.start())
    end: Optional[int] = None
    if signs and min(signs) - token_end <= _TITLE_LIMIT:
        end = min(signs)
    else:
        start = token_end
        while start < stop and text[start] in _SPACE:
            start += 1
        known = HEADING_TITLE_RE.match(text, start)
        if known:
            end = known.end()
            for suffix in ("情况", "工作"):
                if text.startswith(suffix, end):
                    end += len(suffix)
                    break
    if end is None:
        return None
    while end > token_end and text[end - 1] in _SPACE:
        end -= 1
    after = end
    while after < limit and text[after] in _SPACE:
        after += 1
    if after >= limit or text[after] in BREAKS + "，,、" or text[after] in CLOSERS:
        return None  # the title is followed by its own punctuation: a run-in item, left as written
    return end


def known_title_at(text: str, pos: int) -> bool:
    """Whether an official section title or a sub-topic of part 一 starts at ``pos`` (white space skipped)."""
    while pos < len(text) and text[pos] in _SPACE:
        pos += 1
    return HEADING_TITLE_RE.match(text, pos) is not None


def heading_token(text: str, pos: int) -> Optional[Token]:
    """The numbering token at ``pos`` (white space skipped), if any."""
    while pos < len(text) and text[pos] in _SPACE:
        pos += 1
    return token_at(text, pos)
