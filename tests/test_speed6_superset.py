"""regexsource.latin1_superset: a regex that finds something wherever the pattern does and whose classes hold
only Latin-1 characters (cheap for re to compile), and the pattern kind's use of it: a text where the
superset finds nothing is not given the pattern, which stays uncompiled (issue 12, cold start)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.kinds.pattern import PatternKind
from checker.regexsource import latin1_superset
from checker.rules import load_rules
from tests.support.reports import check_document, example_report

F001_COLON = r"(?<=[\u4e00-\u9fff]):(?=[\u4e00-\u9fff])"


def _classes_are_latin1(source: str) -> bool:
    """No class of ``source`` holds a character above U+00FF, written or escaped."""
    for body in re.findall(r"\[((?:\\.|[^\]\\])*)\]", source):
        if any(ord(c) > 0xFF for c in body) or re.search(r"\\[uU]", body):
            return False
    return True


CJK = r"[\u4e00-\u9fff]"  # 20,992 code points: dear to compile
ABOVE = r"[^\x00-\xff]"

# (pattern, its superset): each ends with a dear class, so that the classes before it are shown converted too.
SUPERSETS = [
    (F001_COLON, rf"(?<={ABOVE}):(?={ABOVE})"),
    (r"[\s\u3000]+" + CJK, rf"(?:[\s]|{ABOVE})+{ABOVE}"),
    (r"[^\s；;]+" + CJK, rf"[^\s\x3b]+{ABOVE}"),  # a negated class excludes only its Latin-1 part
    ("[^；]" + CJK, rf"[\s\S]{ABOVE}"),  # … and one that excluded nothing else takes any character
    ("[a—-]" + CJK, rf"(?:[\x61\x2d]|{ABOVE}){ABOVE}"),  # a "-" last is itself
    (r"[a\-—]" + CJK, rf"(?:[\x61\x2d]|{ABOVE}){ABOVE}"),
    ("[é-ſ]x" + CJK, rf"(?:[\xe9-\xff]|{ABOVE})x{ABOVE}"),  # a range across U+00FF keeps its Latin-1 part
    (r"a(?<![\u4e00-\u9fff])b", "ab"),  # a negative lookaround is left out
    (r"(?P<v>[一-龥])件", rf"(?P<v>{ABOVE})件"),
    (r"[^\u4e00-\u9fff，]{1,8}。", r"[^]{1,8}。".replace("[^]", r"[\s\S]")),
]


@pytest.mark.parametrize("pattern, superset", SUPERSETS)
def test_the_superset_of_a_pattern(pattern, superset):
    assert latin1_superset(pattern) == superset
    assert _classes_are_latin1(superset)
    re.compile(superset)


@pytest.mark.parametrize("pattern", [
    "abc", r"[a-z]+\d", r"(?<![A-Za-z])XX(?![A-Za-z])",  # nothing dear to compile: nothing to gain
    "[，。；：]", r"[^\s；;]+",  # a few Chinese marks: a superset and its search would cost about as much
    r"([一二])\1", r"(?P<x>[一二])(?P=x)",  # back-references: a larger class could make them fail
    r"(?>[一二]+)二", r"[一二]++二", r"(?i:[一二])", r"(?(1)[一]|b)", r"\N{CJK UNIFIED IDEOGRAPH-4E00}[一二]",
    "[[:alpha:]一]", "[一", r"[\b一]",  # syntax not read here
])
def test_no_superset_when_nothing_is_gained_or_the_syntax_is_not_read(pattern):
    assert latin1_superset(pattern) is None


def _builtin_patterns() -> list[str]:
    return sorted({p for rule in load_rules() if rule.kind == "pattern" and not rule.params.get("ignore_case")
                   for p in rule.params["patterns"]})


def test_builtin_patterns_with_dear_classes_have_a_superset():
    with_superset = [p for p in _builtin_patterns() if latin1_superset(p) is not None]
    assert F001_COLON in with_superset
    for pattern in with_superset:
        assert _classes_are_latin1(latin1_superset(pattern)), pattern


@pytest.mark.parametrize("pattern", sorted({p for p in _builtin_patterns() if latin1_superset(p) is not None}
                                            | {p for p, _ in SUPERSETS}))
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_the_superset_finds_something_wherever_the_pattern_does(pattern, data):
    # Texts made of the pattern's own words and characters and a few others, so that it often matches.
    pieces = sorted(set(pattern) | set(re.findall(r"[^\x00-\xff]+|[A-Za-z]+", pattern))
                    | set("一中字》“（:;,()?!@é 1aX\n\u3000"))
    around = st.lists(st.sampled_from(pieces), max_size=6).map("".join)
    # Strings the pattern matches (hypothesis reads the regex), with text around them, and free mixtures.
    text = data.draw(st.one_of(st.tuples(around, st.from_regex(pattern), around).map("".join),
                               st.lists(st.sampled_from(pieces), max_size=12).map("".join)))
    if re.search(pattern, text):
        assert re.search(latin1_superset(pattern), text), (pattern, text)


def test_every_fail_example_of_a_pattern_rule_is_found_by_its_supersets():
    for rule in load_rules():
        if rule.kind != "pattern" or rule.params.get("ignore_case"):
            continue
        for example in rule.examples.get("fail", []):
            example = example["text"] if isinstance(example, dict) else example
            for pattern in rule.params["patterns"]:
                superset = latin1_superset(pattern)
                if superset is not None and re.search(pattern, example):
                    assert re.search(superset, example), (rule.code, pattern, example)


def _colon_rule() -> PatternKind:
    return PatternKind({"patterns": [F001_COLON], "scope": "text"})


def test_a_text_the_superset_rules_out_leaves_the_pattern_uncompiled():
    kind = _colon_rule()
    report = example_report("网址：http://www.example.gov.cn\n\n电话: 0591-83215678\n")  # ":" after ASCII or with a space
    assert list(kind.check(report)) == []
    assert kind._compiled == [None]  # the class of 20,992 ideographs was never compiled


def test_a_text_the_superset_lets_through_is_checked_by_the_pattern():
    kind = _colon_rule()
    report = example_report("本机关电话:联系\n\n地址中文:没有\n")
    hits = list(kind.check(report))
    assert [h.args["match"] for h in hits] == [":", ":"]
    assert kind._compiled != [None]


def test_f001_finds_the_same_with_and_without_the_superset():
    text = "一、总体情况\n\n本机关联系电话:0591-83215678，地址中文:某路1号。网址：http://a.example.cn\n\n说明:见上文。\n"
    rule = next(r for r in load_rules() if r.code == "F001")
    with_superset = check_document(example_report(text).document, [rule])
    plain = PatternKind(rule.params)
    plain._superset = lambda i: None  # type: ignore[method-assign]  # the pattern itself on every text
    report = example_report(text)
    expected = [(h.line, h.column, h.args["match"]) for h in plain.check(report)]
    assert [(f.line, f.column) for f in with_superset if f.code == "F001"] == [(line, col) for line, col, _ in expected]
    assert expected  # the text has Chinese before a ":"
