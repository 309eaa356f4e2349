"""The outline: heading levels from numbering tokens, reinterpretation of misused forms, sections, preamble."""

from __future__ import annotations

import pytest

from checker.analysis import analyse
from checker.facts.outline import build_outline, parse_token
from checker.readers.markdown import read_md
from checker.readers.plaintext import read_txt

TITLE = "青禾市文化和旅游局2023年政府信息公开工作年度报告"


def txt(*lines: str):
    return read_txt("r.txt", "\n".join(lines).encode("utf-8"))


def outline_of(*lines: str):
    return build_outline(txt(*lines))


def levels(outline):
    return [(h.block.text, h.level) for h in outline.headings]


# --- tokens --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,level,style,number,brackets,title", [
    ("一、总体情况", 1, "一、", 1, None, "总体情况"),
    ("十二、其他事项", 1, "一、", 12, None, "其他事项"),
    ("三. 政府信息管理", 1, "一.", 3, None, "政府信息管理"),
    ("（一）主动公开", 2, "（一）", 1, "full", "主动公开"),
    ("(二)依申请公开", 2, "（一）", 2, "half", "依申请公开"),
    ("（三)平台建设", 2, "（一）", 3, "mixed", "平台建设"),
    ("( 四 ) 监督保障", 2, "（一）", 4, "half", "监督保障"),
    ("（ 五 ）　教育培训", 2, "（一）", 5, "full", "教育培训"),
    ("1.强化组织保障", 3, "1.", 1, None, "强化组织保障"),
    ("2. 完善制度", 3, "1.", 2, None, "完善制度"),
    ("3．优化栏目", 3, "1.", 3, None, "优化栏目"),
    ("4、加强培训", 3, "1、", 4, None, "加强培训"),
    ("5、 规范流程", 3, "1、", 5, None, "规范流程"),
    ("（1）网站建设", 4, "（1）", 1, "full", "网站建设"),
    ("(2)新媒体", 4, "（1）", 2, "half", "新媒体"),
    ("（ 3 ） 热线", 4, "（1）", 3, "full", "热线"),
])
def test_heading_tokens(text, level, style, number, brackets, title):
    parsed = parse_token(text)
    assert parsed is not None
    default_level, got_style, got_number, token, got_brackets = parsed
    assert (default_level, got_style, got_number, got_brackets) == (level, style, number, brackets)
    assert text.startswith(token)
    assert text[len(token):] == title


@pytest.mark.parametrize("text", [
    "一是加强组织领导，二是完善工作机制。",
    "一是……二是……",
    "1.5万条信息已全部公开。",
    "2.35%的申请在10个工作日内答复。",
    "（一）",
    "1.",
    "本年度共公开信息1287条。",
    "2023年1月1日起施行。",
])
def test_not_headings(text):
    assert parse_token(text) is None


@pytest.mark.parametrize("text", ["一、二、三", "一、二、三级目录均已更新。"], ids=["bare", "prose"])
def test_enumeration_of_numerals_is_not_a_heading(text):
    # outline.parse_token's own comment: '"一、二、三" or a bare token is not a heading'
    assert parse_token(text) is None


def test_prose_lines_are_not_in_the_outline():
    outline = outline_of(
        TITLE,
        "一、总体情况",
        "一是加强组织领导；二是完善工作机制；三是强化督促检查。",
        "1.5万条信息通过门户网站公开。",
        "二、主动公开政府信息情况",
    )
    assert levels(outline) == [("一、总体情况", 1), ("二、主动公开政府信息情况", 1)]


def test_standard_four_levels_and_parents():
    outline = outline_of(
        TITLE,
        "一、总体情况",
        "（一）主动公开",
        "1.强化组织保障。根据年度工作要点，调整领导小组成员。",
        "（1）门户网站。全年更新栏目12个。",
        "（2）政务新媒体。全年推送信息300条。",
        "2.完善工作制度。修订保密审查办法。",
        "（二）依申请公开",
        "二、主动公开政府信息情况",
    )
    assert levels(outline) == [
        ("一、总体情况", 1), ("（一）主动公开", 2), ("1.强化组织保障。根据年度工作要点，调整领导小组成员。", 3),
        ("（1）门户网站。全年更新栏目12个。", 4), ("（2）政务新媒体。全年推送信息300条。", 4),
        ("2.完善工作制度。修订保密审查办法。", 3), ("（二）依申请公开", 2), ("二、主动公开政府信息情况", 1),
    ]
    hs = outline.headings
    assert hs[0].parent is None
    assert hs[1].parent is hs[0]
    assert hs[2].parent is hs[1]
    assert hs[3].parent is hs[2] and hs[4].parent is hs[2]
    assert hs[5].parent is hs[1]
    assert hs[6].parent is hs[0]
    assert hs[7].parent is None
    assert not any(h.reinterpreted for h in hs)


def test_run_in_item_title():
    outline = outline_of(
        TITLE,
        "一、总体情况",
        "（一）主动公开",
        "1.强化组织保障。根据工作要点，本局调整了领导小组。",
        "2.规范发布流程：拟公开信息一律经过审核。",
        "3.加强平台建设",
    )
    titles = [h.title for h in outline.headings if h.level == 3]
    assert titles == ["强化组织保障", "规范发布流程", "加强平台建设"]


def test_brackets_full_and_half_with_or_without_spaces():
    outline = outline_of(
        TITLE,
        "一、总体情况",
        "（一）主动公开",
        "(二)依申请公开",
        "（ 三 ） 政府信息管理",
        "( 四 )平台建设",
    )
    assert [(h.level, h.number, h.brackets) for h in outline.headings[1:]] == [
        (2, 1, "full"), (2, 2, "half"), (2, 3, "full"), (2, 4, "half")]
    assert [h.title for h in outline.headings[1:]] == ["主动公开", "依申请公开", "政府信息管理", "平台建设"]


def test_first_heading_1_dun_is_level_one():
    outline = outline_of(
        TITLE,
        "1、 概述",
        "(一)工作机制",
        "本局明确专人负责。",
        "（二）制度建设",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
    )
    hs = outline.headings
    assert [(h.block.text, h.level) for h in hs] == [
        ("1、 概述", 1), ("(一)工作机制", 2), ("（二）制度建设", 2),
        ("二、主动公开政府信息情况", 1), ("三、收到和处理政府信息公开申请情况", 1)]
    first = hs[0]
    assert first.reinterpreted and first.default_level == 3
    assert first.style == "1、" and first.number == 1 and first.title == "概述"
    assert hs[1].parent is first and hs[2].parent is first
    assert hs[3].parent is None and not hs[3].reinterpreted
    assert [s.heading.title for s in outline.sections] == ["概述", "主动公开政府信息情况", "收到和处理政府信息公开申请情况"]


def test_arabic_number_continuing_chinese_sequence_keeps_level():
    outline = outline_of(
        TITLE,
        "一、总体情况",
        "（一）主动公开",
        "（二）依申请公开",
        "（3）政府信息管理",
        "（四）平台建设",
        "二、主动公开政府信息情况",
    )
    third = outline.headings[3]
    assert third.block.text == "（3）政府信息管理"
    assert third.level == 2 and third.default_level == 4 and third.reinterpreted
    assert third.parent is outline.headings[0]
    assert outline.headings[4].level == 2 and outline.headings[4].number == 4
    assert levels(outline)[-1] == ("二、主动公开政府信息情况", 1)


def test_arabic_number_starting_a_new_sublist_stays_deeper():
    # "（1）" right under a level-3 item starts level 4 as usual: nothing to reinterpret.
    outline = outline_of(TITLE, "一、总体情况", "（一）主动公开", "1.网站。", "（1）栏目调整", "（2）内容更新")
    assert [h.level for h in outline.headings] == [1, 2, 3, 4, 4]
    assert not any(h.reinterpreted for h in outline.headings)


def test_table_row_labels_on_their_own_line_are_not_headings():
    outline = outline_of(
        TITLE,
        "三、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量",
        "37",
        "三、本年度办理结果",
        "（一）予以公开",
        "18",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "3",
        "1.属于国家秘密",
        "0",
        "2.其他法律行政法规禁止公开",
        "0",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "1",
        "（七）总计",
        "37",
        "四、政府信息公开行政复议、行政诉讼情况",
    )
    assert levels(outline) == [
        ("三、收到和处理政府信息公开申请情况", 1), ("四、政府信息公开行政复议、行政诉讼情况", 1)]
    # the label lines stay in the section's body
    body = [b.text for b in outline.sections[0].body_blocks()]
    assert "（一）予以公开" in body and "1.属于国家秘密" in body


def test_table_row_label_with_numbers_on_same_line_is_not_heading():
    outline = outline_of(TITLE, "一、总体情况", "（一）予以公开 18", "1.属于国家秘密 0", "二、主动公开政府信息情况")
    assert levels(outline) == [("一、总体情况", 1), ("二、主动公开政府信息情况", 1)]


def test_heading_that_resembles_a_label_but_is_prose_is_a_heading():
    outline = outline_of(TITLE, "一、总体情况", "（一）予以公开的信息均经过审查", "二、主动公开政府信息情况")
    assert ("（一）予以公开的信息均经过审查", 2) in levels(outline)


def test_title_and_preamble_and_sections():
    doc = txt(
        TITLE,
        "",
        "本报告依据条例编制。",
        "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
        "一、总体情况",
        "（一）主动公开",
        "全年公开信息500条。",
        "二、主动公开政府信息情况",
        "信息内容\t本年制发件数",
        "规章\t0",
        "三、其他需要报告的事项",
        "无。",
    )
    outline = build_outline(doc)
    assert outline.title is doc.blocks[0]
    assert [b.text for b in outline.preamble] == [
        "本报告依据条例编制。", "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"]
    assert [s.heading.title for s in outline.sections] == ["总体情况", "主动公开政府信息情况", "其他需要报告的事项"]
    first, second, third = outline.sections
    assert [b.text for b in first.blocks] == ["一、总体情况", "（一）主动公开", "全年公开信息500条。"]
    assert first.blocks[0] is first.heading.block
    assert [b.text for b in first.body_blocks()] == ["（一）主动公开", "全年公开信息500条。"]
    assert [b.kind for b in second.blocks] == ["paragraph", "table"]
    assert [b.text for b in third.body_blocks()] == ["无。"]
    # every block is exactly once in title, preamble or a section
    placed = [outline.title] + outline.preamble + [b for s in outline.sections for b in s.blocks]
    assert [id(b) for b in placed] == [id(b) for b in doc.blocks]


def test_no_title_when_first_line_is_a_heading():
    outline = outline_of("一、总体情况", "正文。", "二、其他")
    assert outline.title is None
    assert outline.preamble == []
    assert [s.heading.title for s in outline.sections] == ["总体情况", "其他"]


def test_outline_is_derived_once_per_analysis():
    report = analyse(txt(TITLE, "一、总体情况"))
    assert report.outline is report.outline
    assert [s.heading.title for s in report.outline.sections] == ["总体情况"]


def test_heading_line_and_column():
    doc = txt(TITLE, "", "　　一、总体情况")
    h = build_outline(doc).headings[0]
    assert (h.line, h.col) == (3, 3)


def test_at_level():
    outline = outline_of(TITLE, "一、总体情况", "（一）主动公开", "（二）依申请公开", "二、其他需要报告的事项")
    assert [h.title for h in outline.at_level(1)] == ["总体情况", "其他需要报告的事项"]
    assert [h.title for h in outline.at_level(2)] == ["主动公开", "依申请公开"]


# --- Markdown ------------------------------------------------------------------------------------

def test_markdown_hash_headings():
    doc = read_md("r.md", "\n".join([
        f"# {TITLE}",
        "",
        "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
        "",
        "## 一、总体情况",
        "",
        "### （一）主动公开",
        "",
        "全年公开信息500条。",
        "",
        "## 二、主动公开政府信息情况",
        "",
        "## 附：名词解释",
    ]).encode("utf-8"))
    outline = build_outline(doc)
    assert outline.title is not None and outline.title.text == TITLE
    assert outline.title.markup_level == 1
    assert levels(outline) == [
        ("一、总体情况", 1), ("（一）主动公开", 2), ("二、主动公开政府信息情况", 1), ("附：名词解释", 1)]
    assert outline.headings[0].line == 5 and outline.headings[0].col == 4
    unnumbered = outline.headings[-1]
    assert unnumbered.token == "" and unnumbered.number is None and unnumbered.style is None
    assert [s.heading.title for s in outline.sections] == ["总体情况", "主动公开政府信息情况", "附：名词解释"]
    assert [b.text for b in outline.preamble] == ["本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"]


def test_markdown_single_hash_for_level_one():
    doc = read_md("r.md", "\n".join([
        TITLE,
        "# 一、总体情况",
        "## （一）主动公开",
        "# 二、其他需要报告的事项",
        "# 附件",
    ]).encode("utf-8"))
    outline = build_outline(doc)
    assert outline.title.text == TITLE
    assert levels(outline) == [("一、总体情况", 1), ("（一）主动公开", 2), ("二、其他需要报告的事项", 1), ("附件", 1)]


def test_form_placed_at_a_shallower_level_continues_there():
    # "1、" used for the second level directly under "一、": its siblings stay at that level,
    # they do not nest under the first one.
    doc = read_txt("r.txt", "青禾市水利局2023年政府信息公开工作年度报告\n一、总体情况\n1、主动公开情况。全年公开信息。\n"
                            "2、依申请公开情况。全年收到申请。\n3、政府信息管理情况。\n二、主动公开政府信息情况\n".encode())
    levels = [(h.token.strip(), h.level) for h in build_outline(doc).headings]
    assert levels == [("一、", 1), ("1、", 2), ("2、", 2), ("3、", 2), ("二、", 1)]


def test_group_label_and_first_row_on_one_line_is_not_a_heading():
    # Space-separated table text: the merged group cell and the first row of the group share a line.
    text = ("青禾市水利局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0\n2.其他法律行政法规禁止公开 0 0 0 0 0 0 0\n")
    doc = read_txt("r.txt", text.encode())
    assert [h.token.strip() for h in build_outline(doc).headings] == ["三、"]


def test_handset_number_is_a_phone_contact():
    doc = read_txt("r.txt", "青禾市水利局2023年政府信息公开工作年度报告\n联系人手机：13805910000。\n".encode())
    assert [(c.kind, c.value) for c in analyse(doc).facts.contacts] == [("phone", "13805910000")]
