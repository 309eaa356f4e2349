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
from typing import Iterable

from checker.lazy import regex

CN_DIGITS = "〇零一二两三四五六七八九十百千万"
# A count as reports write it: 37, ３７, 三十七, 两. Not the tail of a longer number, a decimal or
# an ordinal (第三件); not an estimate in words (数十件, 几十件, 上百件).
NUMBER = rf"(?<![0-9０-９.．{CN_DIGITS}第])(?:[0-9０-９]+|(?<![数几上])[〇零一二两三四五六七八九十][{CN_DIGITS}]*)"
N_TOKEN = "{N}"

# An estimate or a bound is not a count: 近200件, 约30件, 超过50件, 200件以上, 30件左右, 5件次.
APPROX_BEFORE = re.compile(r"(?:近|约|超过|超|逾|不足|不到|将近|大约|多于|少于)$")
APPROX_AFTER = re.compile(r"^(?:以上|以下|左右|之多|次|余)")
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
    make it slow to compile, and many reports never reach it. A kind lists it in ``compile_now``."""
    return regex(count_pattern_source(pattern))


def marker_regex(markers: Iterable[str]) -> re.Pattern:
    """One regex matching where any of the ``markers`` (regexes) does (compiled on first use)."""
    return regex("|".join(f"(?:{m})" for m in markers))


TOTAL_MARKER = marker_regex(TOTAL_MARKERS)

# The units reports count in: applications and cases (件), items of information (条, 篇, 期), documents
# and matters (个, 项, 份), events (次, 场, 人次), bodies and people (家, 名).
UNITS = ("件", "条", "个", "项", "篇", "次", "场", "期", "人次", "家", "名", "份")
# Where a breakdown of a total begins: "……426条，其中……", "……382条，包括……", "……分别为……".
BREAKDOWN = re.compile(r"其中|(?:主要)?包括|包含|分别为|分别是")


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
