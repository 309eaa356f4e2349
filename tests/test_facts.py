"""Facts derived from a report: year, era, agency, period, contacts, publication date, part list."""

from __future__ import annotations

import datetime as dt

import pytest


from checker.analysis import analyse
from checker.facts import ReportOptions, derive_facts
from checker.facts.agency import agency_from_title, agency_kind
from checker.formats import era_for_year
from checker.readers.plaintext import read_txt


def txt(*lines: str, path: str = "report.txt", **options):
    """The analysed report of these lines, with the options the command line would give."""
    return analyse(read_txt(path, "\n".join(lines).encode("utf-8")), ReportOptions(**options))


def facts(*lines: str, **options):
    return txt(*lines, **options).facts


# --- year and era --------------------------------------------------------------------------------

@pytest.mark.parametrize("title,year", [
    ("青禾市水利局2023年政府信息公开工作年度报告", 2023),
    ("青禾市水利局2019年度政府信息公开工作年度报告", 2019),
    ("青禾市水利局 2016 年政府信息公开工作年度报告", 2016),
    ("云岭县人民政府二〇二三年政府信息公开工作年度报告", 2023),
    ("云岭县人民政府二○二一年度政府信息公开工作年度报告", 2021),
])
def test_year_from_title(title, year):
    f = facts(title, "一、总体情况")
    assert f.year == year
    assert f.title_year == year
    assert f.year_source == "title"


def test_year_option_overrides_title():
    f = facts("青禾市水利局2023年政府信息公开工作年度报告", "一、总体情况", year=2022)
    assert f.year == 2022
    assert f.year_source == "option"
    assert f.title_year == 2023
    assert f.era == "2021"


def test_year_from_period_when_title_has_none():
    f = facts(
        "青禾市水利局政府信息公开工作年度报告",
        "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。",
        "一、总体情况",
    )
    assert f.title_year is None
    assert f.year == 2020
    assert f.year_source == "period"
    assert f.era == "2019"


def test_year_unknown_when_nothing_says_it():
    f = facts("青禾市水利局政府信息公开工作年度报告", "一、总体情况", "正文。")
    assert f.year is None and f.era is None


@pytest.mark.parametrize("year,era", [
    (2008, "2007"), (2016, "2007"), (2018, "2007"), (2019, "2019"), (2020, "2019"),
    (2021, "2021"), (2023, "2021"), (2030, "2021"),
])
def test_era_for_year(year, era):
    assert era_for_year(year) == era
    f = facts(f"青禾市水利局{year}年政府信息公开工作年度报告", "一、总体情况")
    assert f.era == era
    assert f.era_source == "year"


@pytest.mark.parametrize("era", ["2007", "2019", "2021"])
def test_era_option_overrides_year(era):
    f = facts("青禾市水利局2016年政府信息公开工作年度报告" if era != "2007" else
              "青禾市水利局2023年政府信息公开工作年度报告", "一、总体情况", era=era)
    assert f.era == era
    assert f.era_source == "option"


def test_facts_are_derived_once_and_frozen():
    report = txt("青禾市水利局2023年政府信息公开工作年度报告", "一、总体情况")
    assert report.facts is report.facts
    with pytest.raises(AttributeError):  # a frozen Struct (msgspec) refuses assignment
        report.facts = None  # type: ignore[misc]
    assert derive_facts(report.document, report.outline).year == 2023


# --- agency ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("title,agency,kind", [
    ("云岭县人民政府2023年政府信息公开工作年度报告", "云岭县人民政府", "government"),
    ("青禾市人民政府2023年度政府信息公开工作年度报告", "青禾市人民政府", "government"),
    ("青禾市水利局2023年政府信息公开工作年度报告", "青禾市水利局", "department"),
    ("青禾市发展和改革委员会2023年政府信息公开工作年度报告", "青禾市发展和改革委员会", "department"),
    ("云岭县人民政府办公室2023年政府信息公开工作年度报告", "云岭县人民政府办公室", "department"),
    ("青禾市人民政府国有资产监督管理委员会2023年政府信息公开工作年度报告", "青禾市人民政府国有资产监督管理委员会", "department"),
    ("青禾市2023年政府信息公开工作年度报告", "青禾市", "government"),
    ("云岭县2023年政府信息公开工作年度报告", "云岭县", "government"),
    ("云岭县城关街道2023年政府信息公开工作年度报告", "云岭县城关街道", "dispatched"),  # 街道: not a 人民政府
    ("关于青禾市交通运输局2023年度政府信息公开工作年度报告", "青禾市交通运输局", "department"),
    ("云岭县人民政府二〇二三年政府信息公开工作年度报告", "云岭县人民政府", "government"),
])
def test_agency_name_and_kind(title, agency, kind):
    assert agency_from_title(title) == agency
    assert agency_kind(agency) == kind
    f = facts(title, "一、总体情况")
    assert f.agency == agency
    assert f.agency_kind == kind
    assert f.agency_kind_source == "title"


def test_agency_kind_unknown():
    assert agency_kind(None) is None
    assert agency_kind("青禾") is None


def test_agency_kind_option_overrides_title():
    f = facts("青禾市水利局2023年政府信息公开工作年度报告", "一、总体情况", agency_kind="government")
    assert f.agency == "青禾市水利局"
    assert f.agency_kind == "government"
    assert f.agency_kind_source == "option"


# --- statistical period ----------------------------------------------------------------------------

TITLE = "青禾市水利局2023年政府信息公开工作年度报告"
YEAR_2023 = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


@pytest.mark.parametrize("sentence", [
    "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
    "本报告所列数据统计期限自2023年1月1日起，至2023年12月31日止。",
    "本报告统计时间为2023年1月1日至12月31日。",
    "本报告数据统计期限为2023年度。",
    "数据统计区间：2023年1月1日—2023年12月31日。",
    "统计期间为2023年1月1日到2023年12月31日。",
    "本报告统计时限为2023年1月至12月。",
])
def test_period_forms(sentence):
    f = facts(TITLE, "本报告依据条例编制。", sentence, "一、总体情况")
    assert f.period is not None
    assert (f.period.start, f.period.end) == YEAR_2023
    assert f.period.is_calendar_year(2023)
    assert not f.period.is_calendar_year(2022)
    assert f.period.has_keyword
    assert f.period.line == 3
    assert f.period.block.text == sentence


def test_period_column_points_at_keyword():
    f = facts(TITLE, "　　本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。")
    # two full-width spaces, then "本报告中所列数据的" (9 characters), then "统计期限"
    assert f.period.line == 2
    assert f.period.col == 3 + 9


def test_period_partial_year():
    f = facts(TITLE, "本报告统计期限为2023年1月1日至2023年6月30日。")
    assert (f.period.start, f.period.end) == (dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    assert not f.period.is_calendar_year(2023)


@pytest.mark.parametrize("sentence", [
    "本报告统计期限为上一自然年度。",
    "本报告数据统计时间与上年度报告相衔接。",
])
def test_unreadable_period(sentence):
    f = facts(TITLE, sentence, "一、总体情况")
    assert f.period is not None
    assert f.period.start is None and f.period.end is None
    assert f.period.has_keyword
    assert f.period.line == 2


def test_no_period():
    f = facts(TITLE, "本报告依据条例编制。", "一、总体情况", "本年度主动公开信息300条。")
    assert f.period is None


def test_bare_range_in_preamble():
    f = facts(TITLE, "2023年1月1日至12月31日，本局共主动公开信息300条。", "一、总体情况")
    assert f.period is not None
    assert (f.period.start, f.period.end) == YEAR_2023
    assert not f.period.has_keyword


def test_impossible_period_date_gives_none():
    f = facts(TITLE, "本报告统计期限自2023年1月1日起至2023年13月31日止。")
    assert f.period is not None
    assert f.period.start == dt.date(2023, 1, 1)
    assert f.period.end is None


# --- contacts --------------------------------------------------------------------------------------

def contacts(*lines: str):
    return facts(TITLE, *lines).contacts


def values(found, kind):
    return [c.value for c in found if c.kind == kind]


def test_contact_sentence_all_kinds():
    line = ("如对本报告有任何疑问，请与青禾市水利局办公室联系（地址：青禾市滨河路26号；邮编：351300；"
            "电话：0454-2907056；传真：0454-2907057；电子邮箱：slj@qinghe.gov.cn）。")
    found = contacts(line)
    assert values(found, "address") == ["青禾市滨河路26号"]
    assert values(found, "postcode") == ["351300"]
    assert values(found, "phone") == ["0454-2907056"]
    assert values(found, "fax") == ["0454-2907057"]
    assert values(found, "email") == ["slj@qinghe.gov.cn"]
    assert values(found, "url") == []
    for c in found:
        assert c.line == 2
        assert line[c.offset:].startswith(c.value)
        assert c.col == 1 + c.offset


@pytest.mark.parametrize("written,value", [
    ("0454-2907056", "0454-2907056"),
    ("（0454）2907056", "（0454）2907056"),
    ("(0454)2907056", "(0454)2907056"),
    ("13905981234", "13905981234"),
    ("12345", "12345"),
    ("0454-2907056、0454-2907058", "0454-2907056、0454-2907058"),
])
def test_phone_forms(written, value):
    found = contacts(f"联系电话：{written}；电子邮箱：slj@qinghe.gov.cn。")
    assert values(found, "phone") == [value]


@pytest.mark.parametrize("label", ["电话", "联系电话", "咨询电话", "服务电话"])
def test_phone_labels(label):
    assert values(contacts(f"{label}：0454-2907056。"), "phone") == ["0454-2907056"]


@pytest.mark.parametrize("line,kind,value", [
    ("如对本报告有任何疑问，请与本局办公室联系（电话：0454-2907056）。", "phone", "0454-2907056"),
    ("如有疑问请联系本局办公室（地址：青禾市滨河路26号；传真：0454-2907057）。", "fax", "0454-2907057"),
    ("咨询电话：0454-2907056（工作日8:30-17:30）。", "phone", "0454-2907056"),
    ("（联系电话：（0454）2907056）", "phone", "（0454）2907056"),
], ids=["phone-closing", "fax-closing", "phone-then-note", "area-code-brackets-closing"])
def test_number_does_not_take_the_surrounding_bracket(line, kind, value):
    # The closing bracket of the enclosing parenthesis (or the opening one of a note) is not part of it.
    assert values(contacts(line), kind) == [value]


def test_hotline_and_fax():
    found = contacts("便民服务热线电话：12345；传真号码：（0454）2907057。")
    assert values(found, "phone") == ["12345"]
    assert values(found, "fax") == ["（0454）2907057"]


@pytest.mark.parametrize("line,email", [
    ("电子邮箱：slj@qinghe.gov.cn。", "slj@qinghe.gov.cn"),
    ("电子信箱:slj@qinghe.gov.cn", "slj@qinghe.gov.cn"),
    ("E-mail：slj@qinghe.gov.cn；", "slj@qinghe.gov.cn"),
    ("意见建议请发送至 gk_2023@qinghe.gov.cn 。", "gk_2023@qinghe.gov.cn"),
    ("来信请寄gk.slj@qinghe.gov.cn，我们将及时回复。", "gk.slj@qinghe.gov.cn"),
])
def test_email_labelled_and_bare(line, email):
    found = contacts(line)
    assert values(found, "email") == [email]


@pytest.mark.parametrize("line", [
    "市民可通过市长信箱反映问题，全年办理来信126件。",
    "本局通过“局长信箱”收到群众来信58件。",
    "公众可通过门户网站的信箱栏目提出意见。",
])
def test_mailbox_in_prose_is_not_an_email(line):
    assert values(contacts(line), "email") == []


@pytest.mark.parametrize("line,url", [
    ("本报告电子版可在青禾市人民政府门户网站（http://www.qinghe.gov.cn）下载。", "http://www.qinghe.gov.cn"),
    ("本报告可在本局网站www.qinghe.gov.cn/slj查阅。", "www.qinghe.gov.cn/slj"),
    ("如需下载本报告，请访问https://slj.qinghe.gov.cn/xxgk/ndbg。", "https://slj.qinghe.gov.cn/xxgk/ndbg"),
    ("政府信息公开网址：http://www.qinghe.gov.cn/zwgk", "http://www.qinghe.gov.cn/zwgk"),
])
def test_download_url_when_sentence_says_so(line, url):
    assert values(contacts(line), "url") == [url]


@pytest.mark.parametrize("line", [
    "本局转发了http://www.qinghe.gov.cn上的通知。",
    "详见 https://slj.qinghe.gov.cn/tzgg/123 的公告。",
])
def test_url_without_download_hint_is_not_a_contact(line):
    assert values(contacts(line), "url") == []


def test_download_hint_in_another_sentence_does_not_make_a_download_url():
    # The hint must be in the sentence that carries the URL, not anywhere in the paragraph.
    line = "本报告电子版可在本局门户网站下载。2023年本局转载了http://www.qinghe.gov.cn/tzgg/1024上的通知。"
    assert values(contacts(line), "url") == []


def test_download_url_in_a_multi_sentence_paragraph():
    line = ("本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
            "本报告电子版可在青禾市人民政府门户网站（http://www.qinghe.gov.cn）下载。")
    assert values(contacts(line), "url") == ["http://www.qinghe.gov.cn"]


def test_contacts_sorted_by_place():
    found = contacts("电子邮箱：a@qinghe.gov.cn", "地址：青禾市滨河路26号；电话：0454-2907056")
    assert [(c.line, c.kind) for c in found] == [(2, "email"), (3, "address"), (3, "phone")]
    assert facts(TITLE, "电话：0454-2907056").contacts_of("phone")[0].value == "0454-2907056"


# --- publication date ------------------------------------------------------------------------------

@pytest.mark.parametrize("last,date", [
    ("2024年1月20日", dt.date(2024, 1, 20)),
    ("二〇二四年一月二十日", dt.date(2024, 1, 20)),
    ("二〇二四年三月三十一日", dt.date(2024, 3, 31)),
    ("2024-01-20", dt.date(2024, 1, 20)),
    ("发布日期：2024年2月5日", dt.date(2024, 2, 5)),
])
def test_publication_date_from_last_line(last, date):
    f = facts(TITLE, "一、总体情况", "正文。", "青禾市水利局", last)
    assert f.publication is not None
    assert f.publication.date == date
    assert f.publication.block.line == 5


def test_publication_date_impossible_day_is_none():
    f = facts(TITLE, "一、总体情况", "正文。", "青禾市水利局", "2024年2月30日")
    assert f.publication is not None
    assert f.publication.date is None
    assert f.publication.raw == "2024年2月30日"


def test_no_publication_date_when_last_lines_are_prose():
    f = facts(TITLE, "一、总体情况", "2024年1月5日，本局召开了工作会议。", "青禾市水利局")
    assert f.publication is None


def test_date_early_in_report_is_not_the_publication_date():
    f = facts(TITLE, "2024年1月20日", "一、总体情况", "甲。", "乙。", "丙。", "丁。", "青禾市水利局")
    assert f.publication is None


# --- part list -------------------------------------------------------------------------------------

def test_part_list_with_count():
    f = facts(TITLE, "本报告由总体情况、主动公开政府信息情况、其他需要报告的事项共三个部分组成。", "一、总体情况")
    pl = f.part_list
    assert pl is not None
    assert pl.names == ["总体情况", "主动公开政府信息情况", "其他需要报告的事项"]
    assert pl.count == 3
    assert pl.line == 2


def test_part_list_with_arabic_count():
    f = facts(TITLE, "本报告由总体情况、主动公开政府信息情况2个部分组成。")
    assert f.part_list.names == ["总体情况", "主动公开政府信息情况"]
    assert f.part_list.count == 2


def test_part_list_without_count():
    f = facts(TITLE, "全文包括总体情况、主动公开政府信息情况及其他需要报告的事项。", "一、总体情况")
    pl = f.part_list
    assert pl is not None
    assert pl.names == ["总体情况", "主动公开政府信息情况", "其他需要报告的事项"]
    assert pl.count is None


def test_part_list_keeps_inner_ji():
    f = facts(TITLE, "全文包括概述、政府信息公开的收费及减免情况、存在的主要问题及改进情况以及其他需要报告的事项。")
    assert f.part_list.names == ["概述", "政府信息公开的收费及减免情况", "存在的主要问题及改进情况", "其他需要报告的事项"]


def test_part_list_six_parts_of_a_fixture_style_preamble():
    f = facts(TITLE, "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、"
                     "行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分组成。")
    assert f.part_list.count == 6
    assert f.part_list.names[0] == "总体情况" and f.part_list.names[-1] == "其他需要报告的事项"


def test_no_part_list():
    f = facts(TITLE, "本报告依据条例编制。", "一、总体情况")
    assert f.part_list is None


# --- dates as text extracted from a PDF writes them (spaces, full-width digits) -----------------------

@pytest.mark.parametrize("sentence", [
    "本报告中所列数据的统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止。",
    "本报告中所列数据的统计期限自2023 年 1 月 1 日起至 12 月 31 日止。",
    "本报告数据统计区间为 2023 年 1 月 1 日 — 2023 年 12 月 31 日。",
    "本报告中所列数据的统计期限自２０２３年１月１日起至２０２３年１２月３１日止。",
    "本报告数据统计期限为 2023 年度。",
    "本报告中所列数据的统计期限自2023\u3000年\u30001\u3000月\u30001\u3000日起至2023年12月31日止。",
])
def test_period_with_spaces_and_full_width_digits(sentence):
    f = facts(TITLE, "本报告依据条例编制。", sentence, "一、总体情况")
    assert f.period is not None
    assert (f.period.start, f.period.end) == YEAR_2023
    assert f.period.line == 3


@pytest.mark.parametrize("text,date", [
    ("2025 年 1 月 1 日", dt.date(2025, 1, 1)),
    ("本局于２０２５年１月２２日召开会议。", dt.date(2025, 1, 22)),
    ("发布日期：２０２５－０１－２２", dt.date(2025, 1, 22)),
    ("发布日期：2025．1．22", dt.date(2025, 1, 22)),
])
def test_dates_with_spaces_and_full_width_digits(text, date):
    from checker.facts.dates import find_dates

    assert [d.value for d in find_dates(text, iso=True)] == [date]


def test_a_longer_number_is_no_full_width_iso_date():
    from checker.facts.dates import find_dates

    assert list(find_dates("编号１２０２５－０１－２２", iso=True)) == []
