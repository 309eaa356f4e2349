"""Reading a regex's source text: where classes and groups end, the top-level branches, and the syntax the
reading refuses (then lazy.required_literals and kinds._counts.split_at_number make no claim)."""

from __future__ import annotations

import re

import pytest

from checker.regexsource import UnreadSyntax, class_end, group_end, top_level_branches


@pytest.mark.parametrize("pattern, end", [
    ("[abc]x", 5), ("[]a]x", 4), ("[^]a]x", 5), (r"[\]a]x", 5), ("[（(]x", 4),
])
def test_a_class_ends_after_its_closing_bracket(pattern, end):
    assert class_end(pattern, 0) == end
    re.compile(pattern)  # each is a class re reads the same way


@pytest.mark.parametrize("pattern, end", [
    ("(a)b", 3), ("(?:a(b)c)d", 9), (r"(\))x", 4), ("([)])x", 5), ("(?<!不)公开", 6),
])
def test_a_group_ends_after_its_closing_parenthesis(pattern, end):
    assert group_end(pattern, 0) == end


@pytest.mark.parametrize("pattern, branches", [
    ("a|b", ["a", "b"]), ("a|(?:b|c)", ["a", "(?:b|c)"]), (r"a\|b", [r"a\|b"]), ("[|]|x", ["[|]", "x"]),
    ("予以公开", ["予以公开"]), ("", [""]),
])
def test_the_top_level_branches(pattern, branches):
    assert top_level_branches(pattern) == branches


@pytest.mark.parametrize("read", [
    lambda: class_end("[abc", 0), lambda: class_end("[[:digit:]]", 0), lambda: group_end("(a(b)", 0),
    lambda: top_level_branches("(a|b"),
])
def test_what_it_does_not_follow_is_refused(read):
    with pytest.raises(UnreadSyntax):
        read()
