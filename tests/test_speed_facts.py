"""The per-report shortcuts of facts, the engine and the text kinds give what the plain scans gave.

Each shortcut (one scan of all texts joined, a literal test before a regex, a memo of a rule's
applicability, a label normalised once) is compared here with the code it replaced, kept below as it
was, on many generated inputs.
"""

from __future__ import annotations

import bisect
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.analysis import analyse
from checker.facts import contacts, dates
from checker.facts.dates import find_dates
from checker.facts.joined import JoinedTexts
from checker.facts import outline
from checker.facts.outline import parse_token
from checker.formats import ERAS
from checker.layout import wrapped
from checker.layout.lexicon import TOKEN_RE, may_start_token
from checker.kinds._textmatch import Label, _bigrams, is_subsequence, similar, similar_labels
from checker.kinds.years import DateValidityKind
from checker.model import Block, Cell, Document
from checker.formats.labels import normalize_label
from checker.lazy import required_literals
from checker.rules import load_rules

SETTINGS = settings(max_examples=300, deadline=None)


def _pieces(*words: str) -> st.SearchStrategy[str]:
    """Texts made of ``words`` and single characters: the shapes the code looks for, often."""
    return st.lists(st.sampled_from(words) | st.characters(max_codepoint=0x9fff), max_size=14).map("".join)


# --- date-validity: one scan of the joined texts, as one scan a text ------------------------------

_DATE_TEXT = _pieces("2024", "２０２４", "年", "月", "日", "号", "2", "30", "13", "31", "二〇二四", "二", "三十",
                     "-", "/", ".", "－", "．", " ", "\x00", "1", "0")


_DATE_CHARS = _pieces("2024", "２０２４", "1999", "年", "月", "日", "号", "2", "30", "1", "0", "二〇二四", "〇", "二", "三十",
                      "-", "/", ".", "－", "／", "．", " ", "\u3000", "\t", "\n", "\x00", "年年", "20")


@settings(max_examples=2000, deadline=None)
@given(_DATE_CHARS)
def test_date_matches_tried_at_their_possible_starts_are_finditer_s(text):
    spans = lambda matches: [(m.span(), m.groupdict()) for m in matches]  # noqa: E731
    assert spans(dates._written_dates(text)) == spans(dates.DATE_RE.finditer(text))
    assert spans(dates._iso_dates(text)) == spans(dates.ISO_DATE_RE.finditer(text))


def test_date_matches_where_whitespace_and_a_digit_before_the_year_could_mislead():
    for text in ("12024 年1月2日", "2024\u3000 年 1 月 2 日2025年3月4日", "1 2024-01-02", "x2024.1.2.", "20244年1月1日"):
        assert [m.span() for m in dates._written_dates(text)] == [m.span() for m in dates.DATE_RE.finditer(text)]
        assert [m.span() for m in dates._iso_dates(text)] == [m.span() for m in dates.ISO_DATE_RE.finditer(text)]


def _old_date_hits(report):
    """kinds/date_validity.py before: every text of paragraphs, headings and cells searched on its own."""
    places = []
    for block in report.document.blocks:
        if block.is_table:
            places.extend((c.text, c.line, c.col) for row in block.rows for c in row)
        else:
            places.append((block.text, block.line, block.col))
    for text, line, col in places:
        for d in find_dates(text, iso=True):
            if d.value is None:
                yield line, col + d.start, line, col + d.end, d.raw


def _document(paragraphs: list[str], cells: list[str]) -> Document:
    blocks = [Block("paragraph", text, line=i + 1, col=1 + i % 3) for i, text in enumerate(paragraphs)]
    line = len(paragraphs) + 1
    rows = [[Cell(text, line + i // 2, col=1 + 5 * (i % 2), row=i // 2, column=i % 2)
             for i, text in enumerate(cells)]]
    if cells:
        blocks.append(Block("table", "", line=line, rows=rows))
    lines = [b.text for b in blocks if not b.is_table] + ["|".join(cells)]
    return Document("r.txt", "txt", blocks, lines)


@SETTINGS
@given(st.lists(_DATE_TEXT, max_size=5), st.lists(_DATE_TEXT, max_size=6))
def test_date_validity_finds_what_a_scan_of_each_text_found(paragraphs, cells):
    report = analyse(_document(paragraphs, cells))
    new = [(h.line, h.column, h.end_line, h.end_column, h.args["found"]) for h in DateValidityKind({}).check(report)]
    assert new == list(_old_date_hits(report))


def test_date_validity_places_a_date_of_a_later_cell_in_that_cell():
    report = analyse(_document(["2024年2月30日发布"], ["12", "2023-02-29"]))
    hits = [(h.line, h.column, h.args["found"]) for h in DateValidityKind({}).check(report)]
    assert hits == [(1, 1, "2024年2月30日"), (2, 6, "2023-02-29")]


# --- joined texts: which texts hold a literal ------------------------------------------------------

_LITERALS = st.lists(st.sampled_from(["a", "ab", "b", "年", "c", "年度", "度年", "a年", "报告"]), min_size=1, max_size=3)


@SETTINGS
@given(st.lists(_pieces("ab", "a", "b", "年", "度", "\x00"), max_size=8), _LITERALS, _LITERALS)
def test_joined_texts_holding_is_the_texts_holding_a_literal(texts, literals, more):
    # "ab" in ["a年b"]: found among the ASCII characters alone, not in the text; "年度" in ["年", "度"]: each
    # character somewhere, the word nowhere. A second question is answered from what the first one kept.
    joined = JoinedTexts(texts)
    for words in (literals, more):
        assert joined.holding(words) == {i for i, t in enumerate(texts) if any(w in t for w in words)}
    assert len(joined.starts) == max(1, len(texts))
    for i, (start, text) in enumerate(zip(joined.starts, texts)):
        assert joined.joined[start: start + len(text)] == text
        assert joined.index_at(start + len(text)) == i  # the NUL after a text still counts as the text's


# --- contacts: a literal test before each regex, blocks chosen by one search -----------------------

_OLD_LABEL_RES = {kind: re.compile(label + contacts._COLON + f"(?P<v>{value})")
                  for kind, (label, value) in contacts._LABELLED.items()}
_OLD_BARE_EMAIL = re.compile(contacts._BARE_EMAIL_PATTERN)
_OLD_URL = re.compile(contacts._URL_PATTERN)
_OLD_HINT = re.compile(r"下载|电子版|网址|网站|门户|查阅|浏览|登录|平台")


def _old_find_contacts(blocks):
    """facts/contacts.py before: every regex run on every block."""
    found = []
    for block in blocks:
        text = block.text
        labelled_emails: set[int] = set()
        for kind, rx in _OLD_LABEL_RES.items():
            for m in rx.finditer(text):
                value = contacts._clean(m.group("v"))
                if not value:
                    continue
                if kind == "email" and not re.search(r"[@＠]", value) and not re.search(r"[:：]", m.group(0)):
                    continue
                if kind == "phone" and not re.search(r"\d", value):
                    continue
                if kind == "address" and (re.match(r"^\s*(?:https?|www)", value) or not contacts._is_address(m, value)):
                    continue
                found.append(contacts.Contact(kind, value, block, m.start("v")))
                if kind == "email":
                    labelled_emails.add(m.start("v"))
        for m in _OLD_BARE_EMAIL.finditer(text):
            if not any(m.start() + d in labelled_emails for d in range(-2, 3)):
                found.append(contacts.Contact("email", m.group(0), block, m.start()))
        stops: list[int] = []
        hinted: dict[tuple[int, int], bool] = {}
        for m in _OLD_URL.finditer(text):
            if not stops:
                stops = [s.start() for s in re.finditer("[。；;！!]", text)] or [len(text)]
            k = bisect.bisect_left(stops, m.start())
            start = stops[k - 1] + 1 if k else 0
            j = bisect.bisect_left(stops, m.end())
            sentence = (start, stops[j] if j < len(stops) else len(text))
            if sentence not in hinted:
                hinted[sentence] = bool(_OLD_HINT.search(text[sentence[0]: sentence[1]]))
            if hinted[sentence]:
                found.append(contacts.Contact("url", m.group(0), block, m.start()))
    found.sort(key=lambda c: (c.line, c.offset))
    return found


def test_the_literals_written_out_for_contacts_are_those_every_match_needs():
    written = {**contacts._NEEDS, "bare": contacts._BARE_EMAIL_NEEDS, "url": contacts._URL_NEEDS}
    patterns = {**contacts._LABEL_PATTERNS, "bare": contacts._BARE_EMAIL_PATTERN, "url": contacts._URL_PATTERN}
    for kind, pattern in patterns.items():
        needed = required_literals(pattern)
        assert needed is not None, kind
        # the same texts hold one of either: each written one is needed, each needed one holds a written one
        assert set(written[kind]) <= set(needed), kind
        assert all(any(w in n for w in written[kind]) for n in needed), kind


_CONTACT_TEXT = _pieces("联系电话", "电话", "传真", "手机", "联系方式", "地址", "办公地址", "邮编", "邮政编码", "电子邮箱",
                        "信箱", "E-mail", "email", "EMAIL", "：", ":", "为", "0454-2907056", "（0454）", "123456",
                        "gk@qinghe.gov.cn", "@", "＠", "http://", "https://www.", "www.", "．", "gov.cn", "下载",
                        "网站", "。", "；", "，", "路9号", " ", "/", "、", "h")


@SETTINGS
@given(st.lists(_CONTACT_TEXT, max_size=6), st.integers(min_value=1, max_value=3))
def test_find_contacts_finds_what_every_regex_on_every_block_found(texts, step):
    blocks = [Block("paragraph", text, line=1 + i // step, col=1) for i, text in enumerate(texts)]
    as_tuple = lambda found: [(c.kind, c.value, id(c.block), c.offset) for c in found]  # noqa: E731
    assert as_tuple(contacts.find_contacts(blocks)) == as_tuple(_old_find_contacts(blocks))


# --- outline: the four token forms read by hand, as their regexes read them ----------------------------

_CN = "一二三四五六七八九十"
_SP = r"[ \t\u3000\u00a0]*"
_OLD_TOKENS = (  # facts/outline.py before
    (2, "（一）", re.compile(rf"^(?P<open>[（(]){_SP}(?P<num>[{_CN}]{{1,3}}){_SP}(?P<close>[）)]){_SP}")),
    (4, "（1）", re.compile(rf"^(?P<open>[（(]){_SP}(?P<num>\d{{1,2}}){_SP}(?P<close>[）)]){_SP}")),
    (1, "一、", re.compile(rf"^(?P<num>[{_CN}]{{1,3}}){_SP}(?P<sep>[、．.，,]){_SP}")),
    (3, "1.", re.compile(rf"^(?P<num>\d{{1,2}}){_SP}(?P<sep>[.．、])(?:(?!\d)|(?=(?:19|20)\d{{2}}\s*年)){_SP}")),
)
_OLD_ENUMERATION = re.compile(rf"[{_CN}\d]{{1,3}}[、，,.．]")


def _old_match_token(text):
    for level, style, rx in _OLD_TOKENS:
        m = rx.match(text)
        if m:
            g = m.groupdict()
            return level, style, m.end(), g["num"], g.get("open"), g.get("close"), g.get("sep")
    return None


_TOKEN_TEXT = _pieces("（", "(", "）", ")", "一", "十", "三", "1", "12", "123", "２", "١", "²", "、", ".", "．", "，", ",",
                      " ", "\u3000", "\u00a0", "\t", "\n", "2020", "19", "年", "概述", "x")


@settings(max_examples=3000, deadline=None)
@given(_TOKEN_TEXT)
def test_the_token_forms_read_by_hand_are_the_old_regexes(text):
    assert outline._match_token(text) == _old_match_token(text)
    assert outline._enumeration_follows(text) == (_OLD_ENUMERATION.match(text) is not None)


def test_the_token_forms_on_the_cases_that_could_mislead():
    for text in ("（一）主动公开", "( 1 ）x", "（一二三四）x", "1.2020年，本局", "1.2.5万", "2.5万", "12.x", "123.x",
                 "一、二、三级", "十、", "1.20 20年", "1.2020 年x", "1.", "（", "一", "١.x", "²、x", "1　、　x"):
        assert outline._match_token(text) == _old_match_token(text), text


@SETTINGS
@given(st.text(max_size=6) | _TOKEN_TEXT)
def test_no_token_starts_where_the_first_character_rules_it_out(text):
    if not may_start_token(text):
        assert _old_match_token(text) is None
        assert parse_token(text) is None
        assert TOKEN_RE.match(text) is None


def test_every_digit_of_the_patterns_is_decimal_and_starts_a_token():
    """``\\d`` is str.isdecimal (the outline's numerals), and never wider than str.isdigit (may_start_token)."""
    for c in range(0x110000):
        ch = chr(c)
        assert (re.match(r"\d", ch) is not None) == ch.isdecimal()
        assert not ch.isdecimal() or ch.isdigit()


@SETTINGS
@given(_pieces("第", "页", "共", "/", "-", "—", "–", "－", "―", "1", "12", "１", " ", "\u3000", "\t", "\n", "，", "x"))
def test_a_page_number_is_what_the_pattern_says(text):
    assert wrapped._is_page_number(text) == (wrapped.PAGE_NUMBER.match(text) is not None)
    assert wrapped._starts_with_token(text) == (TOKEN_RE.match(text) is not None)


@SETTINGS
@given(_pieces("<!--[if !supportLists]-->", "<![endif]-->", "_Toc123456", "_Hlk1234567", "_GoBack", "[bookmark: x]",
               "<span>", "</p>", "<b ", ">", " ", "\u3000", "\n", "（一）", "<", "_", "["))
def test_debris_is_what_the_pattern_finds(text):
    m = outline._LEADING_DEBRIS.match(text)
    assert outline.debris_before_token(text) == (m.end() if m else 0)


def test_parse_token_reads_the_forms_it_read():
    assert parse_token("一、概述") == (1, "一、", 1, "一、", None)
    assert parse_token("（二）主动公开") == (2, "（一）", 2, "（二）", "full")
    assert parse_token("3.加强培训") == (3, "1.", 3, "3.", None)
    assert parse_token("一、二、三级") is None
    assert parse_token("概述") is None
    assert parse_token("") is None


# --- rules: applies_to and unknown_facts memoised per rule -----------------------------------------

def _old_unknown_facts(rule, facts):
    a = rule.applies
    needed = set(a.get("needs", ()))
    if "eras" in a and set(a["eras"]) != set(ERAS):
        needed.add("era")
    if "min_year" in a or "max_year" in a:
        needed.add("year")
    if "agency_kinds" in a:
        needed.add("agency_kind")
    return [fact for fact in ("year", "era", "agency_kind") if fact in needed and getattr(facts, fact) is None]


def _old_applies_to(rule, facts):
    a = rule.applies
    if _old_unknown_facts(rule, facts):
        return False
    if "eras" in a and facts.era is not None and facts.era not in a["eras"]:
        return False
    if "agency_kinds" in a and facts.agency_kind not in a["agency_kinds"]:
        return False
    if "min_year" in a and (facts.year is None or facts.year < a["min_year"]):
        return False
    if "max_year" in a and (facts.year is None or facts.year > a["max_year"]):
        return False
    return True


class _Facts:
    """The three facts a rule's applicability reads."""

    def __init__(self, year, era, agency_kind):
        self.year, self.era, self.agency_kind = year, era, agency_kind


_RULES = load_rules()
_FACTS = st.builds(_Facts, st.none() | st.integers(2005, 2030), st.none() | st.sampled_from(ERAS),
                   st.none() | st.sampled_from(["government", "department", "dispatched"]))


@SETTINGS
@given(st.lists(_FACTS, min_size=1, max_size=6))
def test_rule_applicability_is_what_it_was_for_every_report_in_any_order(reports):
    for facts in reports:
        for rule in _RULES:
            assert rule.applies_to(facts) == _old_applies_to(rule, facts), rule.code
            assert rule.unknown_facts(facts) == _old_unknown_facts(rule, facts), rule.code


def test_a_rule_pickles_without_its_memo():
    import pickle

    rule = _RULES[0]
    rule.applies_to(_Facts(2023, "2021", "department"))
    assert "_applicability_memo" not in pickle.loads(pickle.dumps(rule)).__dict__


# --- part-list: each label normalised once ------------------------------------------------------------

def _old_is_subsequence(short, long):
    it = iter(long)
    return all(ch in it for ch in short)


def _old_similar(a, b, threshold=0.5):
    a, b = normalize_label(a), normalize_label(b)
    if not a or not b:
        return False
    if _old_is_subsequence(a, b) or _old_is_subsequence(b, a):
        return True
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / len(x | y) >= threshold


_LABEL_TEXT = _pieces("政府信息", "主动", "公开", "情况", " ", "“", "”", "。", "：", "收到", "和", "处理")


@SETTINGS
@given(_LABEL_TEXT, _LABEL_TEXT)
def test_similar_labels_is_the_old_similar(a, b):
    assert similar(a, b) == _old_similar(a, b) == similar_labels(Label(a), Label(b))


@SETTINGS
@given(st.text("abcab", max_size=8), st.text("abcab", max_size=8))
def test_is_subsequence_is_the_old_one(short, long):
    assert is_subsequence(short, long) == _old_is_subsequence(short, long)
