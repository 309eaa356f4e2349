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


def compile_count_pattern(pattern: str) -> re.Pattern:
    """A rule's phrase: a regex in which ``{N}`` stands for the number (the named group ``n``)."""
    if pattern.count(N_TOKEN) != 1:
        raise ValueError(f"pattern '{pattern}' must contain {N_TOKEN} exactly once (where the number stands)")
    return re.compile(pattern.replace(N_TOKEN, f"(?P<n>{NUMBER})"))


def marker_regex(markers: Iterable[str]) -> re.Pattern:
    """One regex matching where any of the ``markers`` (regexes) does."""
    return re.compile("|".join(f"(?:{m})" for m in markers))


TOTAL_MARKER = marker_regex(TOTAL_MARKERS)
