"""Patterns of the facts a cold check no longer compiles (issue 12, eighth pass), against the regexes they
replace, kept here as they were: dates (facts/dates.py), the statistical period (facts/period.py), the
declared part list (facts/parts.py), the agency in a title (facts/agency.py), the 落款 date line
(facts/__init__.py), sentence ends (facts/sentences.py) and a report's title (facts/outline.py)."""

from __future__ import annotations

import calendar
import re

from hypothesis import given, settings, strategies as st

from checker.facts import dates, period

SETTINGS = settings(max_examples=4000, deadline=None)


def _texts(pieces: list[str], size: int = 24) -> st.SearchStrategy[str]:
    """Texts made of ``pieces`` joined at random, or any text."""
    return st.one_of(st.lists(st.sampled_from(pieces), max_size=size).map("".join), st.text(max_size=size))


def _shaped(*slots: list[str], around: tuple[str, ...] = ("x", " ", "年", "1")) -> st.SearchStrategy[str]:
    """Texts made of one choice from each slot in turn (the parts of a pattern, right or nearly right), with
    pieces of ``around`` before and after."""
    noise = st.lists(st.sampled_from(around), max_size=3).map("".join)
    return st.tuples(noise, *(st.sampled_from(slot) for slot in slots), noise).map("".join)


SPACES = ["", "", " ", "\u3000", "\n", " \t", "x"]

# Characters just inside and outside the classes of the patterns: white space (and what is not), digits of
# other scripts, full-width forms, the ends of CJK.
EDGES = [" ", "\u3000", "\t", "\n", "\x0b", "\x1c", "\xa0", "\u200b", "\x00", "a", "٣", "１", "０", "９", "²", "Ⅻ",
         "\u4e00", "\u9fff", "丁", "万", "两"]


# -- dates

WRITTEN_DATE = re.compile(r"(?P<y>\d{4}|[〇零○一二三四五六七八九]{4})\s*年"
                          r"\s*(?P<m>(?:\d{1,4}|[〇零○一二两三四五六七八九十百千万]+))"
                          r"\s*月\s*(?P<d>(?:\d{1,4}|[〇零○一二两三四五六七八九十百千万]+))\s*[日号]")
ISO_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20|１９|２０)\d{2})[-/.－／．](?P<m>\d{1,2})[-/.－／．](?P<d>\d{1,2})(?![\d.．])")
DATE_PIECES = ["2024", "２０２４", "1999", "2", "1", "0", "12", "123", "12345", "二〇二四", "〇", "零", "○", "二", "两", "十",
               "百", "千", "万", "三十一", "年", "月", "日", "号", "-", "/", ".", "－", "／", "．", "19", "20", "１９", "２０",
               "年年", "月份", *EDGES]


def _date_spans(matches):
    return [(m.span(), *(m.span(g) for g in "ymd"), m.groupdict()) for m in matches]


WRITTEN_SHAPES = _shaped(["2024", "２０２４", "二〇二四", "〇〇〇〇", "202", "20245", "二〇二"], SPACES,
                         ["年", "年", "月"], SPACES,
                         ["1", "12", "123", "1234", "12345", "十二", "三十一", "两", "１２", "", "1十"], SPACES,
                         ["月", "月", "日"], SPACES,
                         ["1", "31", "1234", "12345", "二十", "", "3一"], SPACES,
                         ["日", "号", "", "月"], around=tuple(DATE_PIECES))
ISO_SEPARATORS = ["-", "/", ".", "－", "／", "．", "", "_"]
ISO_SHAPES = _shaped(["", "1", "a"], ["2024", "1999", "2124", "１９９９", "２０２４", "0024", "202"], ISO_SEPARATORS,
                     ["1", "01", "123", "", "１"], ISO_SEPARATORS, ["1", "31", "123", "", "３"],
                     ["", ".", "．", "5", "x", "-", "٣"], around=tuple(DATE_PIECES))


@SETTINGS
@given(st.one_of(_texts(DATE_PIECES), WRITTEN_SHAPES, ISO_SHAPES))
def test_written_and_iso_dates_are_the_regexes_matches(text):
    assert _date_spans(dates._written_dates(text)) == _date_spans(WRITTEN_DATE.finditer(text))
    assert _date_spans(dates._iso_dates(text)) == _date_spans(ISO_DATE.finditer(text))


@SETTINGS
@given(_texts(DATE_PIECES, 12), st.integers(0, 14))
def test_a_date_read_at_a_place_is_the_regexes_match_there(text, start):
    for found, exact in ((dates._written_date_at, WRITTEN_DATE), (dates._iso_date_at, ISO_DATE)):
        m, e = (found(text, start), exact.match(text, start)) if start <= len(text) else (None, None)
        assert _date_spans([m] if m else []) == _date_spans([e] if e else [])


def test_the_dates_of_the_cases_at_the_edges():
    for text in ["2024年1月2日", "2024 年 1 月 2 日", "二〇二四年十二月三十一日", "2024年12345月1日", "2024年1月1",
                 "2024-1-2", "12024-01-02", "2024-01-022", "2024-01-02.", "2024-01-2．", "２０２４－０１－０２", "2024年一月２号",
                 "2024\u3000年\n1\t月 1 号", "2024年1月 日", "2024-1-", "1999/12/31x"]:
        assert _date_spans(dates._written_dates(text)) == _date_spans(WRITTEN_DATE.finditer(text)), text
        assert _date_spans(dates._iso_dates(text)) == _date_spans(ISO_DATE.finditer(text)), text


# -- the statistical period

_D = r"(?P<{p}y>\d{{4}})\s*年\s*(?P<{p}m>\d{{1,2}})\s*月\s*(?:(?P<{p}d>\d{{1,2}})\s*[日号])?"
_D2 = r"(?:(?P<{p}y>\d{{4}})\s*年\s*)?(?P<{p}m>\d{{1,2}})\s*月\s*(?:(?P<{p}d>\d{{1,2}})\s*[日号])?(?:份)?"
_SEP = r"\s*(?:起)?\s*[，,]?\s*(?:至|到|—{1,2}|－|-|~|～|―|–)\s*"
RANGE = re.compile(_D.format(p="a") + r"(?:份)?" + _SEP + _D2.format(p="b"))
KEYWORD = re.compile(r"统计(?:期限|时限|期间|时间|区间|周期|截止|范围|时段)|数据(?:统计)?(?:期限|区间|时间)")
RANGE_PIECES = ["2023", "2024", "20234", "1", "12", "123", "31", "年", "月", "日", "号", "份", "起", "，", ",", "至", "到", "—",
                "——", "———", "－", "-", "~", "～", "―", "–", "止", "自", "2023年1月1日", "2023年", "12月31日", "1月",
                "2023年1月1日起至2023年12月31日止", *EDGES]
KEYWORD_PIECES = ["统计", "数据", "统计期限", "数据统计", "期限", "时限", "期间", "时间", "区间", "周期", "截止", "范围", "时段",
                  "期", "统", "数", "据", "计", "数据统计时间", "统计数据期限", " ", "\n", "a"]
GROUPS = ("ay", "am", "ad", "by", "bm", "bd")


def _range_spans(m):
    return None if m is None else (m.span(), *(m.span(g) for g in GROUPS), m.group(0))


RANGE_SHAPES = _shaped(["2023", "202", "20234", "２０２３"], SPACES, ["年", "月"], SPACES,
                       ["1", "12", "123", ""], SPACES, ["月", "日"], SPACES,
                       ["", "1日", "31号", "1 日", "1", "123日", "1份"], ["", "份"], SPACES, ["", "起"], SPACES,
                       ["", "，", ",", "，，"], SPACES,
                       ["至", "到", "—", "——", "———", "－", "-", "~", "～", "―", "–", "", "x"], SPACES,
                       ["", "2023年", "2023 年 ", "202年", "2023", "202年年", "2023年年"], SPACES, ["1", "12", "123", ""], SPACES,
                       ["月", "日"], SPACES, ["", "31日", "31 号", "3", "311日"], ["", "份", " 份"],
                       around=tuple(RANGE_PIECES))


@SETTINGS
@given(st.one_of(_texts(RANGE_PIECES), RANGE_SHAPES), st.integers(0, 30))
def test_a_date_range_is_the_regexes_search(text, pos):
    assert _range_spans(period._range_search(text, pos)) == _range_spans(RANGE.search(text, pos))


@SETTINGS
@given(_texts(RANGE_PIECES, 12), st.integers(0, 14))
def test_a_date_range_read_at_a_place_is_the_regexes_match_there(text, start):
    exact = RANGE.match(text, start) if start <= len(text) else None
    assert _range_spans(period._range_at(text, start) if start <= len(text) else None) == _range_spans(exact)


def test_the_ranges_of_the_cases_at_the_edges():
    for text in ["统计期限自2023年1月1日起至2023年12月31日止", "2023年1月至12月", "2023年1月——2023年12月份",
                 "2023年1月—— 12月", "2023年1月 ， 至 2023 年 12 月 31 号", "2023年1月份起，至12月",
                 "2023年1月1日-2023年12月31", "2023年1月-2023月", "2023年1月1起至12月", "2023年123月至12月",
                 "12023年1月至2月", "2023年1月至 份", "2023年1月至12月 份"]:
        assert _range_spans(period._range_search(text)) == _range_spans(RANGE.search(text)), text


@SETTINGS
@given(_texts(KEYWORD_PIECES))
def test_the_period_keyword_is_the_regexes_search(text):
    m = KEYWORD.search(text)
    assert period._keyword_span(text) == (m.span() if m else None)


def test_a_months_length_is_calendars():
    for year in range(0, 10000):
        for month in range(1, 13):
            assert period._month_length(year, month) == calendar.monthrange(year, month)[1]


# -- the declared part list

from checker.facts import parts  # noqa: E402

INTRO = re.compile(r"(?:全文|本报告|本年度报告|年度报告|报告)(?:内容)?(?:共|主要)?(?:包括|包含|由|分为|分成)")
COUNT = re.compile(r"(?:等|共|计)?\s*(?P<n>[一二三四五六七八九十\d]{1,3})\s*(?:个)?(?:部分|方面|章节)")
END = re.compile(r"(?:组成|构成)?(?:[。；;]|$)")
PART_PIECES = ["全文", "本报告", "本年度报告", "年度报告", "报告", "本", "年度", "报", "告", "全", "内容", "内",
               "共", "主要", "主", "包括", "包含", "由", "分为", "分成", "分", "组成", "构成", "组", "成", "。", "；", ";",
               "等", "计", "一", "三", "十", "百", "1", "12", "六", "个", "部分", "方面", "章节", "部", "总体情况、", *EDGES]


INTRO_SHAPES = _shaped(["本年度报告", "年度报告", "本报告", "报告", "全文", "本年度", "全", "本年度本报告", "报告报告"],
                       ["", "内容", "内"], ["", "共", "主要", "主"],
                       ["由", "包括", "包含", "分为", "分成", "分", "包", ""], around=tuple(PART_PIECES))
COUNT_SHAPES = _shaped(["", "等", "共", "计", "共共"], SPACES,
                       ["一", "六", "十二", "1", "12", "123", "1234", "一二三四", "", "百"], SPACES,
                       ["", "个", "个个"], ["部分", "方面", "章节", "部", ""], around=tuple(PART_PIECES))


@SETTINGS
@given(st.one_of(_texts(PART_PIECES), INTRO_SHAPES))
def test_a_part_lists_intro_is_the_regexes_search(text):
    m = INTRO.search(text)
    assert parts._intro_span(text) == (m.span() if m else None)


@SETTINGS
@given(_texts(PART_PIECES), st.integers(0, 30))
def test_a_part_lists_end_is_the_regexes_search(text, pos):
    pos = min(pos, len(text))
    assert parts._end_span(text, pos) == END.search(text, pos).span()


@SETTINGS
@given(st.one_of(_texts(PART_PIECES), COUNT_SHAPES))
def test_a_part_lists_count_is_the_regexes_search(text):
    m = COUNT.search(text)
    assert parts._count_span(text) == ((*m.span(), *m.span("n")) if m else None)


def test_the_part_lists_of_the_cases_at_the_edges():
    for text in ["本报告由总体情况、其他需要报告的事项六个部分组成。", "全文共 六 个部分", "共\n六部分", "一二三四部分",
                 "等 十二个方面", "报告内容主要包括", "本年度报告内容包括", "本报告依据条例。年度报告分为", "组成\n", "构成",
                 "组成。", "a\n\n"]:
        m = COUNT.search(text)
        assert parts._count_span(text) == ((*m.span(), *m.span("n")) if m else None), text
        m = INTRO.search(text)
        assert parts._intro_span(text) == (m.span() if m else None), text
        for pos in range(len(text) + 1):
            assert parts._end_span(text, pos) == END.search(text, pos).span(), (text, pos)


# -- the agency in a title

from checker.facts import agency  # noqa: E402

NOISE = re.compile(r"(?:关于)?(?:\d{4}|[〇零○一二三四五六七八九]{4})\s*年度?|关于"
                   r"|政府信息公开(?:工作)?年度报告|政务公开(?:工作)?年度报告"
                   r"|年度报告|工作报告|（[^）]*）|\([^)]*\)")
NOISE_PIECES = ["关于", "关", "于", "2023", "202", "二〇二三", "〇", "一", "十", "年", "年度", "度", "政府信息公开", "政务公开",
                "工作", "年度报告", "报告", "工作报告", "政府", "（", "）", "(", ")", "青禾市", "人民政府", "局", "：", "—",
                *EDGES]


@SETTINGS
@given(_texts(NOISE_PIECES))
def test_a_title_without_its_noise_is_what_the_regex_left(title):
    assert agency._without_noise(title) == NOISE.sub("", title)


# -- the 落款 date line, and the line above a title

import checker.facts as facts  # noqa: E402

DATE_ONLY = re.compile(r"^\s*(?:发布|印发|成文)?(?:日期|时间)?[:：]?\s*"
                       r"(\S+年\S+月\S+日|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s*$")
DATE_LINE_PIECES = ["发布", "印发", "成文", "日期", "时间", "发", "日", "期", ":", "：", "2024", "202", "1", "12", "123",
                    "年", "月", "-", "/", ".", "年1月", "2024年1月19日", "2024-1-19", "二〇二四", "x", *EDGES]
TITLE_MARKS = re.compile(r"[。，,；;：:！？!?>＞|]")


@SETTINGS
@given(_texts(DATE_LINE_PIECES, 16))
def test_a_date_line_is_the_regexes_match(text):
    m = DATE_ONLY.match(text)
    assert facts._date_of_line(text) == (m.group(1) if m else None)


def test_the_date_lines_of_the_cases_at_the_edges():
    for text in ["2024年1月19日", "发布日期：2024年1月19日\n", "日期年1月1日", "时间 年1月1日", "2024 年 1 月 19 日",
                 "2024-1-19 ", "2024-1-", "2024-123-1", "2024.01.190", "印发 2024年1月", "年月日", "a年b月c日", "a年b月日",
                 "a年月c日", "成文日期:2024/1/1", "2024 年1月1 日x"]:
        m = DATE_ONLY.match(text)
        assert facts._date_of_line(text) == (m.group(1) if m else None), text


@SETTINGS
@given(_texts(["。", "，", ",", "；", ";", "：", ":", "！", "？", "!", "?", ">", "＞", "|", "、", "〈", "ａ", *EDGES], 8))
def test_the_marks_no_title_holds_are_the_classes(text):
    assert any(mark in text for mark in facts._NOT_IN_TITLES) == bool(TITLE_MARKS.search(text))


# -- sentence ends, and a report's title

from checker.facts import outline, sentences  # noqa: E402

SENTENCE_PIECES = ["。", "！", "？", "!", "?", "；", ";", "，", "本局", "a", "。。", " ", "\n", "\u3000", "\uff1f", "\uff01",
                   "．", *EDGES]


def _regex_sentences(text, ends):
    """sentences.sentences as it was: the marks found by a regex class of them."""
    start = 0
    for m in re.finditer("[" + re.escape(ends) + "]", text):
        yield start, text[start:m.start() + 1]
        start = m.start() + 1
    if start < len(text) and text[start:].strip():
        yield start, text[start:]


@SETTINGS
@given(_texts(SENTENCE_PIECES), st.sampled_from([sentences.SENTENCE_END, "。！？；!?;", "。！？!?；;", "。", "!"]))
def test_sentences_end_where_the_regex_found_their_marks(text, ends):
    assert list(sentences.sentences(text, ends)) == list(_regex_sentences(text, ends))


REPORT_TITLE = re.compile(r"政府信息公开.{0,6}(?:年度)?报告|信息公开年报")
TITLE_PIECES = ["政府信息公开", "政府", "信息公开", "信息公开年报", "年报", "工作", "年度", "报告", "报", "告", "2023年",
                "青禾市", "x", "\n", "\r", *EDGES]
TITLE_SHAPES = _shaped(["政府信息公开", "政府信息公", "信息公开年报", "信息公开年"],
                       ["x" * k for k in range(10)] + ["年" * 5, "\n", "xx\nx", "报", "报告x"],
                       ["年度", "", "年", "度"], ["报告", "报", "", "告"], around=tuple(TITLE_PIECES))


@SETTINGS
@given(st.one_of(_texts(TITLE_PIECES, 12), TITLE_SHAPES))
def test_a_title_names_the_report_where_the_regex_finds_it(text):
    assert outline._names_the_report(text) == bool(REPORT_TITLE.search(text))
