"""Helpers of the prose kinds: how reports write a count, and the words that make a count an estimate or a total.

Reports repeat their table figures in section 一 ("共新收政府信息公开申请37件……予以公开18件"), and an
evaluator reads a contradiction between text and table as "发布内容不准确" (国办公开办函〔2021〕30号
（四）明确责任; 粤办函〔2010〕249号 "数据失准"). The real trap is the false alarm: "其中自然人申请30件" is a
part, "予以公开及部分公开258件" a combined figure, "同比增长5件" a difference, "近200件" an estimate.
So the phrase that names a figure is data in the rule file (a tight regex per figure), and the prose
kinds (prose-vs-table, prose-percent, parts-total) only add the safeguards every figure needs.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from checker.facts.scan import SpanMatch
from checker.lazy import ends_with_word, regex
from checker.memo import as_data, kept_between_runs
from checker.regexsource import UnreadSyntax, class_end, group_end, top_level_branches

CN_DIGITS = "〇零一二两三四五六七八九十百千万"
# A count as reports write it: 37, ３７, 三十七, 两. Not the tail of a longer number, a decimal or
# an ordinal (第三件); not an estimate in words (数十件, 几十件, 上百件). The estimate's characters are looked
# behind one at a time: (?<![数几上]) means the same, and each class of non-Latin-1 characters costs re ~0.2 ms
# to compile (a 64K map), in every phrase that embeds NUMBER.
NUMBER = rf"(?<![0-9０-９.．{CN_DIGITS}第])(?:[0-9０-９]+|(?<!数)(?<!几)(?<!上)[〇零一二两三四五六七八九十][{CN_DIGITS}]*)"
N_TOKEN = "{N}"

# An estimate or a bound is not a count: 近200件, 约30件, 超过50件, 200件以上, 30件左右, 5件次.
# (Word tests, not regexes: what "(?:近|约|…)$" and "^(?:以上|…)" match, without compiling them at start-up.)
_APPROX_BEFORE = ("近", "约", "超过", "超", "逾", "不足", "不到", "将近", "大约", "多于", "少于")
_APPROX_AFTER = ("以上", "以下", "左右", "之多", "次", "余")


def approx_before(text: str) -> bool:
    """``text`` ends with a word that makes the count after it an estimate or a bound."""
    return ends_with_word(text, _APPROX_BEFORE)


def approx_after(text: str) -> bool:
    """``text`` starts with a word that makes the count before it an estimate or a bound."""
    return text.startswith(_APPROX_AFTER)

# Words that make a count a total ("共受理申请25件", "全年办结85件"): 共, but not 公共, 共同, 共享.
TOTAL_MARKERS = ("(?<!公)共(?![同享建性识])", "合计", "总计", "累计", "全部", "总数", "全年")


def count_pattern_source(pattern: str) -> str:
    """A rule's phrase, a regex in which ``{N}`` stands for the number, as the regex with the named group
    ``n`` in its place."""
    if pattern.count(N_TOKEN) != 1:
        raise ValueError(f"pattern '{pattern}' must contain {N_TOKEN} exactly once (where the number stands)")
    return pattern.replace(N_TOKEN, f"(?P<n>{NUMBER})")


def compile_count_pattern(pattern: str) -> re.Pattern:
    """A rule's phrase compiled (count_pattern_source), on first use: NUMBER's classes of Chinese numerals
    make it slow to compile, and many reports never reach it. The prose kinds match their phrases with
    CountPhrase instead, which shares one compiled NUMBER."""
    return regex(count_pattern_source(pattern))


# -- one compiled NUMBER for every phrase
#
# Compiling NUMBER's classes of Chinese numerals costs ~1.4 ms (CPython's re builds a 64K map for each
# non-ASCII class), once per phrase that embeds it. A phrase "B{N}A" whose B and A pass the tests below
# is matched instead with NUMBER compiled once and B and A compiled alone, and finds exactly the matches
# finditer finds with the whole regex B(?P<n>NUMBER)A:
#   * NUMBER matches at a position p only where the character before is no numeral, and from p greedily
#     up to the end of the numerals (q); its sites in a text are therefore NUMBER's own finditer matches.
#   * A starts with a literal that is no numeral: the number cannot give back characters to A, so the
#     whole regex's number at p is text[p:q] and A is A.match(text, q).
#   * B consumes no numeral: B's match s..p lies between two numbers, so for one start s only one site p
#     can end it (the leftmost s is the leftmost start ≥ the previous number's end with B ending at p:
#     B+\Z searched in text[lo:p]), and no lookahead in B sees the end of that window.
# Anything else (a numeral in B, a group around {N}, a top-level |, look-aheads, back-references, named
# groups, inline flags) keeps the whole regex.

NUMERALS = frozenset("0123456789０１２３４５６７８９" + CN_DIGITS)  # what a number's characters can be
_SPECIAL = set("\\.^$*+?{}[]()|")
# Not in either half: what looks ahead, refers to a group, names one or sets flags.
_UNSUPPORTED = regex(r"\\[0-9bBZAgN]|\(\?[^:<]|\(\?<[^!=]|\$")
_QUANTIFIER = regex(r"[?*+]\??|\{\d*(?:,\d*)?\}\??")
# NUMBER's matches, found faster: NUMBER starts with a look-behind, so re tries it at every character;
# this starts with the class of a number's first character (re skips to one) and looks behind from there.
# Same matches as NUMBER (tests/test_speed_t020.py).
_NUMBER_SITE = regex(rf"[0-9０-９〇零一二两三四五六七八九十](?<![0-9０-９.．{CN_DIGITS}第].)"
                     rf"(?:(?<=[0-9０-９])[0-9０-９]*|(?<!数.)(?<!几.)(?<!上.)[{CN_DIGITS}]*)")


class NumberSites:
    """Where NUMBER matches in a text, each as (start, end): the only places a phrase's number can be; and,
    kept for the phrases that share what follows their number (most end in 件), where that matches."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = [m.span() for m in _NUMBER_SITE.finditer(text)]
        self._followed: dict[str, list[tuple[int, int, int, int]]] = {}

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self.spans)

    def followed_by(self, after: re.Pattern) -> list[tuple[int, int, int, int]]:
        """(start, end, end of ``after`` matched at end, end of the number before) for each site that
        ``after`` follows."""
        key = after.pattern
        if key not in self._followed:
            found, previous_end, text = [], 0, self.text
            for start, end in self.spans:
                a = after.match(text, end)
                if a is not None:
                    found.append((start, end, a.end(), previous_end))
                previous_end = end
            self._followed[key] = found
        return self._followed[key]


def number_sites(text: str) -> NumberSites:
    """NUMBER's matches in ``text`` (NumberSites), to share among the phrases matched on it."""
    return NumberSites(text)


def _pair_or_none(data: object) -> tuple[str, str] | None:
    if data is None:
        return None
    if isinstance(data, list) and len(data) == 2 and all(isinstance(part, str) for part in data):
        return data[0], data[1]
    raise TypeError("not a pair of strings")


@kept_between_runs(as_data, _pair_or_none)  # a rule's phrase: worked out once, not in every run
def split_at_number(pattern: str) -> tuple[str, str] | None:
    """The phrase's parts before and after ``{N}`` when matching them around a shared NUMBER finds the
    whole regex's matches (see above), else None."""
    before, after = pattern.split(N_TOKEN)
    if _UNSUPPORTED.search(before) or _UNSUPPORTED.search(after):
        return None
    try:
        if not (_consumes_no_numeral(before) and _starts_with_plain_literal(after) and _no_top_level_bar(after)):
            return None
    except UnreadSyntax:  # an unclosed class or group, a nested set: the whole regex says what it means
        return None
    return before, after


def _consumes_no_numeral(part: str) -> bool:
    """Whether no match of ``part`` can hold a numeral: literals and plain classes without one, \\s,
    groups, quantifiers and look-behinds (which consume nothing); no '.', no other escape, no top-level |."""
    depth, i = 0, 0
    while i < len(part):
        ch = part[i]
        if ch == "\\":
            nxt = part[i + 1:i + 2]
            if not nxt or (nxt.isalnum() and nxt != "s") or nxt in NUMERALS:
                return False
            i += 2
        elif ch == "[":
            end = class_end(part, i)
            body = part[i + 1:end - 1]
            if not body or body[0] == "^" or "\\" in body or "-" in body or "[" in body \
                    or NUMERALS.intersection(body):
                return False
            i = end
        elif part.startswith(("(?<!", "(?<="), i):
            i = group_end(part, i)  # a look-behind consumes nothing (look-aheads are refused above)
        elif ch == "(":
            depth += 1
            i += 3 if part.startswith("(?:", i) else 1
        elif ch == ")":
            depth -= 1
            i += 1
        elif ch == "|":
            if depth == 0:
                return False
            i += 1
        elif ch in "?*+{":
            q = _QUANTIFIER.match(part, i)
            if q is None:
                return False  # a literal "{" or a stray quantifier: left to the whole regex
            i = q.end()
        elif ch in _SPECIAL or ch in NUMERALS:
            return False
        else:
            i += 1
    return depth == 0


def _starts_with_plain_literal(part: str) -> bool:
    """Whether every match of ``part`` starts with a literal character that is no numeral: a plain
    character, or a group of alternatives that each start so, not made optional."""
    if part.startswith("(?:"):
        end = group_end(part, 0)
        if part[end:end + 1] in ("?", "*", "+", "{"):
            return False
        branches = top_level_branches(part[3:end - 1])
        return all(_starts_with_plain_literal(b) and _no_top_level_bar(b) for b in branches)
    first = part[:1]
    if not first or first in _SPECIAL or first in NUMERALS:
        return False
    return part[1:2] not in ("?", "*", "{")  # the literal is not optional ("件?" may match nothing)


def _no_top_level_bar(part: str) -> bool:
    return len(top_level_branches(part)) == 1


class CountMatch(SpanMatch):
    """A phrase's match found around a shared number (group ``n``): what prose kinds ask of an ``re.Match``."""

    __slots__ = ("_start", "_end", "_n")

    def __init__(self, string: str, start: int, n: tuple[int, int], end: int) -> None:
        self.string, self._start, self._n, self._end = string, start, n, end

    def span(self, group: str | int = 0) -> tuple[int, int]:
        return self._n if group == "n" else (self._start, self._end)


class CountPhrase:
    """A rule's phrase with ``{N}`` for the number, matched as ``regex(count_pattern_source(pattern))``
    would be by ``finditer``, compiled on first use: around the shared NUMBER when split_at_number allows,
    else as the whole regex. ``compile_now`` compiles it (a broken phrase fails there as a whole regex)."""

    def __init__(self, pattern: str) -> None:
        self.source = count_pattern_source(pattern)
        self._parts = split_at_number(pattern)
        self._before: re.Pattern | None = None  # B, anchored at the number by \Z
        self._after: re.Pattern | None = None
        self._whole: re.Pattern | None = None

    @property
    def shares_number(self) -> bool:
        """Whether the phrase is matched around the shared NUMBER (compiles it)."""
        self.compile_now()
        return self._whole is None

    def compile_now(self) -> None:
        if self._before is not None or self._whole is not None:
            return
        if self._parts is not None:
            try:
                self._before = re.compile(f"(?:{self._parts[0]})\\Z")
                self._after = re.compile(self._parts[1])
                return
            except re.error:
                self._before = self._after = None  # the whole regex says what is wrong with it
        self._whole = re.compile(self.source)

    def finditer(self, text: str, sites: NumberSites | None = None) -> Iterator[CountMatch | re.Match]:
        """The phrase's matches in ``text``, as ``finditer`` of its whole regex finds them. ``sites``:
        number_sites(text), when the caller has them for several phrases."""
        self.compile_now()
        if self._whole is not None:
            yield from self._whole.finditer(text)
            return
        before, after = self._before, self._after
        assert before is not None and after is not None
        pos = 0
        for start, end, after_end, previous_end in (number_sites(text) if sites is None else sites).followed_by(after):
            if start < pos:
                continue
            b = before.search(text, max(pos, previous_end), start)
            if b is not None:
                yield CountMatch(text, b.start(), (start, end), after_end)
                pos = after_end


def marker_regex(markers: Iterable[str]) -> re.Pattern:
    """One regex matching where any of the ``markers`` (regexes) does (compiled on first use)."""
    return regex("|".join(f"(?:{m})" for m in markers))


TOTAL_MARKER = marker_regex(TOTAL_MARKERS)

# The units reports count in: applications and cases (件), items of information (条, 篇, 期), documents
# and matters (个, 项, 份), events (次, 场, 人次), bodies and people (家, 名).
UNITS = ("件", "条", "个", "项", "篇", "次", "场", "期", "人次", "家", "名", "份")
# Where a breakdown of a total begins: "……426条，其中……", "……382条，包括……", "……分别为……".
BREAKDOWN = regex(r"其中|(?:主要)?包括|包含|分别为|分别是")
_BREAKDOWN_WORDS = ("其中", "包括", "包含", "分别为", "分别是")  # every match of BREAKDOWN holds one


def breakdowns(text: str) -> list[re.Match]:
    """``list(BREAKDOWN.finditer(text))``, the regex run only on a text that holds one of its words: its first
    word is optional, so re tries it at every character (a report's paragraphs all pass through here)."""
    for word in _BREAKDOWN_WORDS:
        if word in text:
            return list(BREAKDOWN.finditer(text))
    return []


def count_regex(units: Iterable[str] = UNITS) -> re.Pattern:
    """A count with its unit: groups ``n`` and ``unit`` (the longest unit first: 人次 before 次).
    Not 件性 (a property), and not 件次 (a count of times, read as an estimate)."""
    alternatives = "|".join(map(re.escape, sorted(units, key=len, reverse=True)))
    return regex(rf"(?P<n>{NUMBER})\s*(?P<unit>{alternatives})(?![性次])")


# A count in a clause with one of these is a change or a comparison, never the total of a breakdown.
CHANGE_WORDS = ("同比", "较上年", "比上年", "增长", "减少", "增加", "下降", "另有", "此外")


def breakdown_follows(sentence: str, total: re.Match, breakdown_at: int) -> bool:
    """Whether the breakdown word at ``breakdown_at`` stands right after the count ``total`` ("426条，其中")."""
    return re.fullmatch(r"\s*[，,：:]?\s*", sentence[total.end():breakdown_at]) is not None


def is_breakdown_total(sentence: str, total: re.Match, breakdown_at: int, total_marker: re.Pattern,
                       change_words: Iterable[str] = CHANGE_WORDS) -> bool:
    """Whether ``total`` (a count before a breakdown word at ``breakdown_at``) is the total the breakdown is
    of: its clause says so (共受理申请25件，其中……), or the sentence does earlier (全年，本局主动公开信息426条，
    其中……) and the breakdown follows the count at once, the count being no change (较上年增加5件，其中…)."""
    start = total.start()
    i = start
    while i > 0 and sentence[i - 1] not in "，,；;：:。！？!?":
        i -= 1
    clause = sentence[i:breakdown_at]
    if total_marker.search(clause):
        return True
    return (breakdown_follows(sentence, total, breakdown_at) and total_marker.search(sentence[:start]) is not None
            and not any(w in clause for w in change_words))
