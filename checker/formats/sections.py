"""The required top-level parts of a report: the six headings of the 2019 and 2021 formats, the items of Art. 32 (2007)."""

from __future__ import annotations

from msgspec import Struct

from checker.formats.labels import normalize_label

class SectionSpec(Struct, frozen=True):
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
