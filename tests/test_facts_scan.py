"""The facts' string readers (checker/facts/scan.py) against the regexes they stand in for."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from checker.facts.scan import SpanMatch, digits_end, places, spaces_end

TEXTS = st.text(alphabet="ab电话手机 \u3000\t\n1２٣x", max_size=20)


@settings(max_examples=1000, deadline=None)
@given(TEXTS, st.lists(st.sampled_from(["a", "ab", "aa", "电话", "话", " ", "x"]), min_size=1, max_size=4))
def test_places_are_where_a_lookahead_of_the_literals_matches(text, literals):
    lookahead = re.compile("(?=" + "|".join(map(re.escape, literals)) + ")")
    assert places(text, *literals) == [m.start() for m in lookahead.finditer(text)]


@settings(max_examples=1000, deadline=None)
@given(TEXTS, st.integers(0, 20), st.integers(0, 4))
def test_spaces_and_digits_end_where_the_regexes_do(text, at, most):
    at = min(at, len(text))
    assert spaces_end(text, at) == re.compile(r"\s*").match(text, at).end()
    assert digits_end(text, at, most) == re.compile(rf"\d{{0,{most}}}").match(text, at).end()


def test_a_span_match_answers_from_its_span():
    class Whole(SpanMatch):
        __slots__ = ()

        def __init__(self, string: str) -> None:
            self.string = string

        def span(self, group: str | int = 0) -> tuple[int, int]:
            return (1, 3) if group == "v" else (0, len(self.string))

    m = Whole("电话：1")
    assert (m.start(), m.end(), m.group()) == (0, 4, "电话：1")
    assert (m.start("v"), m.end("v"), m.group("v")) == (1, 3, "话：")
