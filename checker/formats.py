"""The official formats as data: eras, the required top-level sections and the labels of the tables.

Sources are in ../shared/domain.md (§1 the 条例, §2 the 2019 and 2021 formats, §3 pre-2019 practice).
Rules refer to these by era; nothing here decides what is a finding.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

# Era ids name the instrument that governs the report: the 2007 regulation (reports for 2008–2018,
# no national format), the 2019 trial format (reports for 2019 and 2020: 国办公开办函〔2019〕60号),
# the 2021 format (reports for 2021 on: 国办公开办函〔2021〕30号). domain.md "points easy to get wrong" 3.
ERAS = ("2007", "2019", "2021")
ERA_NAMES = {
    "2007": "2007年条例时期（2008–2018年度报告，无全国统一格式）",
    "2019": "2019年试行格式（2019–2020年度报告）",
    "2021": "2021年格式（2021年度及以后报告）",
}


def era_for_year(year: int) -> str:
    if year <= 2018:
        return "2007"
    if year <= 2020:
        return "2019"
    return "2021"


@dataclass(frozen=True)
class SectionSpec:
    """One required part of a report: its number, the format's wording, accepted variants, and meaning.

    ``meaning`` is a list of alternatives, each a tuple of stems that must all occur in a heading for
    it to be *about* this part (used where wording varies: pre-2019 reports, and to tell a misworded
    heading from a missing one).
    """

    number: int
    title: str
    variants: tuple[str, ...]
    meaning: tuple[tuple[str, ...], ...]
    required: bool = True

    def accepts_wording(self, title: str) -> bool:
        t = normalize_label(title)
        return t == normalize_label(self.title) or any(t == normalize_label(v) for v in self.variants)

    def matches_meaning(self, title: str) -> bool:
        t = normalize_label(title)
        return any(all(stem in t for stem in alt) for alt in self.meaning)


# 2019 and 2021 formats: the same six headings (domain.md §2.1.1, §2.2.2). The variants of 四 and 五
# are the wording of Art. 50 of the 2019 条例 (accepted, domain.md §7 "Structure and headings").
FORMAT_SECTIONS = (
    SectionSpec(1, "总体情况", (), (("总体情况",), ("总体",))),
    SectionSpec(2, "主动公开政府信息情况", (), (("主动公开",),)),
    SectionSpec(3, "收到和处理政府信息公开申请情况", (),
                (("申请", "收到"), ("申请", "处理"), ("依申请",))),
    SectionSpec(4, "政府信息公开行政复议、行政诉讼情况",
                ("因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                 "因政府信息公开工作被申请行政复议提起行政诉讼情况"),
                (("复议",), ("诉讼",))),
    SectionSpec(5, "存在的主要问题及改进情况", ("政府信息公开工作存在的主要问题及改进情况",),
                (("问题",), ("改进",))),
    SectionSpec(6, "其他需要报告的事项", (), (("其他", "事项"), ("其他", "报告"), ("其它", "事项"))),
)

# 2007 regulation Art. 32: six items, matched by meaning because pre-2019 headings vary (domain.md §3.2).
# Item (六) "其他需要报告的事项" is open-ended and many reports fold it into other parts, so it is not
# required here; the five substantive items are.
ART32_SECTIONS = (
    SectionSpec(1, "主动公开政府信息的情况", (), (("主动公开",),)),
    SectionSpec(2, "依申请公开政府信息和不予公开政府信息的情况", (), (("申请",),)),
    SectionSpec(3, "政府信息公开的收费及减免情况", (), (("收费",), ("费用",), ("减免",))),
    SectionSpec(4, "因政府信息公开申请行政复议、提起行政诉讼的情况", (), (("复议",), ("诉讼",))),
    SectionSpec(5, "政府信息公开工作存在的主要问题及改进情况", (), (("问题",), ("改进",))),
    SectionSpec(6, "其他需要报告的事项", (), (("其他", "事项"), ("其它", "事项")), required=False),
)


def sections_for_era(era: str) -> tuple[SectionSpec, ...]:
    return ART32_SECTIONS if era == "2007" else FORMAT_SECTIONS


# Row labels of the official tables (domain.md §2.2.4, §2.1.2, §2.2.3). Text copied from a web table
# puts each of them on a line of its own; they are numbered like headings but are not headings.
TABLE_ROW_LABELS = (
    "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果",
    "（一）予以公开", "（二）部分公开", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理",
    "（七）总计", "四、结转下年度继续办理",
    "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
    "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正", "2.申请人逾期未按收费通知要求缴纳费用", "3.其他",
)

_WIDTH = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；", "\"": "“", "．": "."})


@lru_cache(maxsize=1 << 16)
def normalize_label(text: str) -> str:
    """Compare labels as the format means them: no spaces, full-width brackets, one kind of quote."""
    t = re.sub(r"[\s\u3000]+", "", text).translate(_WIDTH)
    return t.replace("”", "“").replace("‘", "“").replace("’", "“").rstrip("。：")


_TABLE_LABELS_NORMALIZED = tuple(normalize_label(x) for x in TABLE_ROW_LABELS)


def is_table_row_label(text: str) -> bool:
    """True for a line that is an official table row label, alone or followed by its numbers."""
    t = normalize_label(text)
    t = re.sub(r"[\d\t]+$", "", t)
    return _is_label_run(t)


def _is_label_run(t: str) -> bool:
    # Only the official continuations may follow a stem: "（区分处理的…）", "、行政机关不再处理…",
    # or the next label on the same line ("（三）不予公开 1.属于国家秘密 0 0 …" after a merged cell).
    for label in _TABLE_LABELS_NORMALIZED:
        if t == label:
            return True
        if t.startswith(label):
            rest = t[len(label):]
            if rest[0] in "（、，" or _is_label_run(rest):
                return True
    return False
