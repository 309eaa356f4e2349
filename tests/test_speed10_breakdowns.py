"""``kinds/_counts.breakdowns`` finds what ``finditer`` of the breakdown regex finds: it only skips the regex on a
text holding none of its words (the regex, whose first word is optional, is tried at every character)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.kinds._counts import BREAKDOWN, breakdowns

# The regex the parts-total and prose-percent kinds have always used, compiled here as the oracle.
ORACLE = re.compile(r"其中|(?:主要)?包括|包含|分别为|分别是")

PIECES = ["其中", "其", "中", "主要", "主", "要", "包括", "包", "括", "包含", "含", "分别为", "分别是", "分别", "分",
          "别", "为", "是", "，", "。", "申请", "12件", " ", "x"]


def _spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def test_the_pattern_is_the_oracle():
    assert BREAKDOWN.pattern == ORACLE.pattern


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_breakdowns_are_the_regex_matches(text):
    assert _spans(breakdowns(text)) == _spans(ORACLE.finditer(text))


def test_a_text_without_a_word_has_none_and_one_with_them_has_each():
    assert breakdowns("共收到申请25件，予以公开18件。") == []
    assert _spans(breakdowns("共25件，其中自然人20件；主要包括规划、分别为3件")) == [(5, 7), (14, 18), (21, 24)]
