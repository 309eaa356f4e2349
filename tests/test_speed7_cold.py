"""Patterns a cold check no longer compiles (issue 12, seventh pass), against the regexes they replace: the
labelled e-mail value, found with a cheap finder cut to the exact match (facts/contacts.py), and a table label's
number, taken off in Python (tables/parse.py). The web address's finder is checked in tests/test_speed8_contacts.py."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from checker.facts import contacts

EXACT_EMAIL = re.compile(contacts._LABEL_PATTERNS["email"])

# Pieces real contact lines are made of, and the characters at the edges of each class.
PIECES = [
    "电子邮箱", "电子信箱", "电子邮件", "邮箱地址", "邮箱", "信箱", "E-mail", "Email", "email", "EMAIL", "E-", "mail",
    "：", ":", "为", "是", " ", "\u3000", "\t", "\n", "；", ";", "，", ",", "。", "）", ")", "（", "(", "、",
    "gk", "@", "＠", ".", "．", "-", "_", "qinghe", "gov", "cn", "123", "/", "／", "//", "http", "https", "h t t p",
    "www", "www.", "?", "=", "&", "%", "#", "~", "+", "!", "\"", "'", "*", "<", ">", "[", "]", "^", "`", "{", "}",
    "\x7f", "é", "ÿ", "\u0100", "\u4dff", "\u4e00", "政府", "网站", "\u9fff", "\ua000", "가", "カ", "・", "—", "：//",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=24).map("".join)


def _spans(matches, group=None):
    return [(m.span(), m.group(0)) + ((m.span(group), m.group(group)) if group else ()) for m in matches]


@settings(max_examples=3000, deadline=None)
@given(TEXTS)
def test_labelled_emails_are_the_exact_patterns_matches(text):
    assert _spans(contacts._EMAIL_FINDER.finditer(text), "v") == _spans(EXACT_EMAIL.finditer(text), "v")


@given(st.text(max_size=40))
def test_any_text_gives_the_exact_matches(text):
    assert _spans(contacts._EMAIL_FINDER.finditer(text), "v") == _spans(EXACT_EMAIL.finditer(text), "v")


def test_the_cases_the_exact_pattern_is_asked_for():
    # 邮箱： then an ideograph: only the colon can start the value.
    for text in ["邮箱：为政府", "信箱等渠道，电子邮箱：gk@a.cn", "邮箱：gk@a.cn。邮箱：", "电子邮箱 ：\u3000gk@a.cn"]:
        assert _spans(contacts._EMAIL_FINDER.finditer(text), "v") == _spans(EXACT_EMAIL.finditer(text), "v")


# -- a table label without its number, without the regex (tables/parse.py)

from checker.tables.parse import without_number  # noqa: E402

NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}\.)")
LABEL_PIECES = ["一", "二", "十", "、", "（", "）", "(", ")", "1", "2", "0", "٣", "１", ".", "．", "三（四）", "其他", " ",
                "\n", "不予公开", "a"]


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(LABEL_PIECES), max_size=8).map("".join), st.text(max_size=8)))
def test_a_label_without_its_number_is_what_the_regex_left(label):
    assert without_number(label) == NUMBERED.sub("", label)


# -- the year before 年, without the regex (cnnum.year_before_nian)

from checker.cnnum import year_before_nian  # noqa: E402

TITLE_YEAR = re.compile(r"(\d{4}|[〇零○一二三四五六七八九]{4})\s*年")
CENTURY_YEAR = re.compile(r"(?:19|20)\d{2}\s*年|[〇零○一二三四五六七八九]{4}\s*年")
YEAR_PIECES = ["年", "年度", "2023", "19", "20", "0", "9", "１", "٣", "二〇二三", "〇", "零", "○", "十", "一", " ", "\u3000",
               "\n", "\t", "政府", "a", "-", "11"]


@settings(max_examples=4000, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(YEAR_PIECES), max_size=10).map("".join), st.text(max_size=12)))
def test_the_year_before_nian_is_what_the_regexes_find(text):
    m = TITLE_YEAR.search(text)
    assert year_before_nian(text) == (m.group(1) if m else None)
    c = CENTURY_YEAR.search(text)
    found = year_before_nian(text, century=True)
    assert (found is None) == (c is None)
    if c is not None:
        assert c.group(0).startswith(found) and c.group(0).rstrip("年").rstrip() == found
