"""The count phrases matched around one shared NUMBER (kinds/_counts.CountPhrase) find exactly what
``finditer`` of each phrase's whole regex finds, the regex prose kinds compiled once per phrase before.

The oracle is always that whole regex, compiled here: ``re.compile(count_pattern_source(pattern))``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.kinds._counts import CN_DIGITS, NUMBER, CountPhrase, count_pattern_source, number_sites, split_at_number
from checker.rules import builtin_rules_dir

ROOT = Path(__file__).resolve().parent.parent


def _spans(matches) -> list[tuple[int, tuple[int, int], int, str]]:
    return [(m.start(), m.span("n"), m.end(), m.group("n")) for m in matches]


def _same_as_whole_regex(pattern: str, text: str) -> None:
    oracle = _spans(re.compile(count_pattern_source(pattern)).finditer(text))
    phrase = CountPhrase(pattern)
    assert _spans(phrase.finditer(text)) == oracle, (pattern, text)
    assert _spans(phrase.finditer(text, number_sites(text))) == oracle, (pattern, text)


def _builtin_phrases() -> list[str]:
    phrases = []
    for path in sorted(builtin_rules_dir().rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        params = data.get("params", {})
        if data.get("kind") == "prose-vs-table":
            phrases += [e["pattern"] for e in params["counts"]]
        if data.get("kind") == "prose-percent":
            phrases += [d["stated"] for d in params["denominators"] if d.get("stated")]
    return phrases


PHRASES = _builtin_phrases()


def test_the_builtin_phrases_are_found():
    assert len(PHRASES) > 40


def test_all_builtin_phrases_but_one_share_the_number():
    """Only 结转下(一)年 (a numeral before the number) keeps its whole regex."""
    kept = [p for p in PHRASES if not CountPhrase(p).shares_number]
    assert kept == [p for p in PHRASES if p.startswith("结转(?:至)?下(?:一)?年")] and len(kept) == 1


# -- texts made of the phrases' own words, numbers in every style and near-misses

NUMBERS = ["5", "37", "０", "３７", "两", "三十七", "一百零二", "十", "〇", "1二", "第三", "数十", "几", "上百",
           "3.5", "１．２", "百", "万", "二三"]
NEAR = ["不", "和", "及", "与", "以", "经", "按时", "延期", "共", "为", "计", "的", "申请", "了", "，", "。", "；",
        "件", "个", "条", "件次", "件以上", "余", "下一年", "下年", "结转", " ", "　", "第", "数", "几", "上", ".", "．"]


def _words(pattern: str) -> list[str]:
    """The literal runs of a phrase: its own words."""
    return [w for w in re.split(r"[\\()?:|<!=*+\[\]{}^.\d,;sN]+", pattern) if w]


WORDS = sorted({w for p in PHRASES for w in _words(p)})
PIECES = st.sampled_from(WORDS + NUMBERS + NEAR)
TEXTS = st.lists(PIECES, max_size=14).map("".join)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pattern=st.sampled_from(PHRASES), text=TEXTS)
def test_a_builtin_phrase_finds_what_its_whole_regex_finds(pattern, text):
    _same_as_whole_regex(pattern, text)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_every_builtin_phrase_on_one_text(text):
    for pattern in PHRASES:
        _same_as_whole_regex(pattern, text)


def _fixture_paragraphs() -> list[str]:
    lines = []
    for path in sorted((ROOT / "fixtures").rglob("*")):
        if path.suffix in (".txt", ".md") and path.is_file():
            lines += path.read_text(encoding="utf-8", errors="replace").splitlines()
    for path in sorted(builtin_rules_dir().rglob("*.yaml")):  # the rules' own examples
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in ("pass", "fail"):
            for example in data.get("examples", {}).get(kind, []):
                lines += (example if isinstance(example, str) else example["text"]).splitlines()
    return [line for line in lines if line.strip()]


def test_every_fixture_line_and_rule_example():
    paragraphs = _fixture_paragraphs()
    assert len(paragraphs) > 500
    text = "\n".join(paragraphs)  # also one long text: matches across lines and their order
    for pattern in PHRASES:
        oracle = re.compile(count_pattern_source(pattern))
        phrase = CountPhrase(pattern)
        for paragraph in paragraphs + [text]:
            assert _spans(phrase.finditer(paragraph)) == _spans(oracle.finditer(paragraph)), (pattern, paragraph)


# -- phrases of every shape: the split is taken only where it is exact

# Each atom with texts it may meet: a text is the atoms' texts around a number, so near-misses are common.
B_ATOMS = {"共": ["共"], "申请": ["申请", "申"], "(?:的)?": ["的", ""], "(?:共|为)?": ["共", "为", ""],
           "(?<!不)": ["", "不"], "(?<![和及])": ["", "和"], r"\s*": ["", " "], "[和及]": ["和", "及"],
           "(?:一)?": ["一", ""], "一": ["一"], "下": ["下"], ".": ["下", "一", "5"], "第": ["第"], "数": ["数"],
           "(?=共)": ["", "共"], "(?!件)": ["", "件"], "(申请)": ["申请"], "(?:申请)+": ["申请", "申请申请"],
           "共{1,2}": ["共", "共共"], "共|为": ["共", "为"], r"\d": ["5", "二", "３"], "[^件]": ["下", "一"],
           "(?:一|下)": ["一", "下"], "5": ["5"], "$": [""], r"\b": [""], "[下一]": ["下", "一"]}
A_ATOMS = {"件": ["件"], "(?:件|个)": ["件", "个"], "件?": ["件", ""], "(?:件|个)?": ["个", ""], "": [""],
           r"\d": ["5", "二"], r"[^。；\d]{0,3}?": ["", "下", "下年"], "下": ["下"], "一": ["一"],
           "(?=件)": ["", "件"], "(?:件|)": ["件", ""], "|条": ["条"], "共": ["共"], "(?:一|件)": ["一", "件"],
           "件(?:以上)?": ["件", "件以上"], "+件": ["件"], "{2}件": ["件"], "?件": ["件"], "(?<=5)件": ["件"],
           "(?<!共)件": ["件"], "年": ["年"]}
NUMBERS_AROUND = ["5", "37", "３", "一", "两", "十", "二一", "5二", "一百", "百", "第三", "数十", "3.5", "〇"]
NOISE = ["", "", "，", "。", "不", "共", "5", "一", "件", "下"]


@st.composite
def phrase_and_text(draw):
    before = draw(st.lists(st.sampled_from(sorted(B_ATOMS)), max_size=3))
    after = draw(st.lists(st.sampled_from(sorted(A_ATOMS)), max_size=2))
    pieces = []
    for _ in range(draw(st.integers(1, 3))):
        pieces.append(draw(st.sampled_from(NOISE)))
        pieces += [draw(st.sampled_from(B_ATOMS[a])) for a in before]
        pieces.append(draw(st.sampled_from(NUMBERS_AROUND)))
        pieces += [draw(st.sampled_from(A_ATOMS[a])) for a in after]
    pieces.append(draw(st.sampled_from(NOISE)))
    return "".join(before) + "{N}" + "".join(after), "".join(pieces)


@settings(max_examples=2500, deadline=None)
@given(phrase_and_text())
def test_a_generated_phrase_finds_what_its_whole_regex_finds(case):
    pattern, text = case
    try:
        re.compile(count_pattern_source(pattern))
    except re.error:
        with pytest.raises(re.error):
            CountPhrase(pattern).compile_now()  # a broken phrase still fails when its rule loads
        return
    _same_as_whole_regex(pattern, text)


@pytest.mark.parametrize("pattern, text", [
    ("共{N}件?一", "共二一一"),        # the number gives back 一 to an optional literal's tail
    (r"\d下{N}件", "5下两件"),         # B reaches across another number
    ("[^件]下{N}件", "一下两件"),
    ("下一{N}件", "下一两件"),
    ("结转下(?:一)?年{N}件", "结转下一年3件，结转下年两件"),
    ("共{N}件", "共37件共３７件，共两件；共第三件、共数十件、共3.5件"),
    ("(?<!不)公开{N}件", "不公开3件公开4件"),
])
def test_known_near_misses(pattern, text):
    _same_as_whole_regex(pattern, text)


@pytest.mark.parametrize("pattern", [
    "结转下(?:一)?年{N}件",      # a numeral before the number: B may reach across another number
    "共{N}件?",                 # the number may give back digits to what follows
    "共{N}(?:件|个)?",
    "共{N}",
    "共{N}二",                  # what follows starts with a numeral
    "(共{N}件)",                # a group around the number
    "共|为{N}件",               # a top-level alternative
    "共{N}件|条",
    "共(?=为){N}件",            # a look-ahead sees past the number
    "共.{N}件",                 # '.' may be a numeral
    r"共\d{N}件",
    "(?P<x>共){N}件",           # named groups and back-references refer across the number
    r"(共){N}件\1",
    "(?i)共{N}件",
    "共{N}{2}件",               # a quantifier on the number
])
def test_phrases_whose_split_would_not_be_exact_keep_the_whole_regex(pattern):
    assert split_at_number(pattern) is None


@pytest.mark.parametrize("pattern", PHRASES[:3] + ["(?<!不)公开(?:的)?{N}件", r"余下\s*{N}件[^。\d]{0,5}?结转"])
def test_plain_phrases_share_the_number(pattern):
    assert split_at_number(pattern) is not None and CountPhrase(pattern).shares_number


@pytest.mark.parametrize("pattern", ["共({N}件", "共[{N}件", "(?P<n>共){N}件", "共{N}件)", "共\\{N}件", "*{N}件"])
def test_a_broken_phrase_fails_as_its_whole_regex_does(pattern):
    with pytest.raises(re.error) as whole:
        re.compile(count_pattern_source(pattern))
    with pytest.raises(re.error) as shared:
        CountPhrase(pattern).compile_now()
    assert str(shared.value) == str(whole.value)


def test_number_sites_are_where_number_matches():
    text = f"共37件，第三件，数十件，两件，１２件，3.5件，{CN_DIGITS}件"
    assert [text[a:b] for a, b in number_sites(text)] == ["37", "两", "１２", "3", "〇零一二两三四五六七八九十百千万"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(NUMBERS_AROUND + NOISE + ["\n", "数", "几", "上", "．", "千", "万", "０"]), max_size=20)
       .map("".join))
def test_number_sites_are_numbers_matches(text):
    assert list(number_sites(text)) == [m.span() for m in re.finditer(NUMBER, text)]


# NUMBER as it was first written, with the estimate's characters in one class: the oracle of the look-behinds
# one character at a time, which compile without a 64K map each.
_NUMBER_WITH_A_CLASS = rf"(?<![0-9０-９.．{CN_DIGITS}第])(?:[0-9０-９]+|(?<![数几上])[〇零一二两三四五六七八九十][{CN_DIGITS}]*)"


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(NUMBERS_AROUND + NOISE + ["\n", "数", "几", "上", "．", "千", "万", "０"]), max_size=20)
       .map("".join))
def test_number_is_number_with_the_estimate_in_one_class(text):
    assert [m.span() for m in re.finditer(NUMBER, text)] == [m.span() for m in re.finditer(_NUMBER_WITH_A_CLASS, text)]
