"""The reporting agency, from the title, and whether it is a 人民政府 or a department of one.

The distinction matters twice: Art. 49 of the 2019 条例 gives departments until 1月31日 and
governments until 3月31日, and Art. 50(4) asks only governments for 考核、评议、追究 results.
"""

from __future__ import annotations

from typing import Optional

from checker.lazy import ends_with_word
from checker.memo import kept_when_short

# What a title holds besides the agency's name: what ``re.sub`` of this regex takes out of it,
#   (?:关于)?(?:\d{4}|[〇零○一二三四五六七八九]{4})\s*年度?|关于|政府信息公开(?:工作)?年度报告|政务公开(?:工作)?年度报告
#   |年度报告|工作报告|（[^）]*）|\([^)]*\)
# read by hand (_without_noise): compiled, it took ~0.6 ms of every cold check (a class of Chinese digits,
# alternations of Chinese words), for a title or two a report (tests/test_speed8_facts.py holds the reading
# against the regex).
_CN_YEAR_DIGITS = frozenset("〇零○一二三四五六七八九")
_NOISE_WORDS = ("政府信息公开工作年度报告", "政府信息公开年度报告", "政务公开工作年度报告", "政务公开年度报告",
                "年度报告", "工作报告")
_NOISE_BEGINS = "关政年工（(〇零○一二三四五六七八九"  # and the digits: where a match may begin (a str: no hashing)


def _noise_end(title: str, at: int) -> int:
    """Where the regex's match at ``at`` ends, -1 when it has none. Its branches are tried in order; at one
    place the first that matches is the only one (they begin differently, 关于 but for the year's), and none
    backtracks: a year is four digits (\\d: str.isdecimal) or four Chinese ones, then white space (\\s:
    str.isspace), 年 and 度 if it is there; a bracket runs to the first closing one."""
    year = at + 2 if title.startswith("关于", at) else at
    digits = title[year:year + 4]
    if len(digits) == 4 and (digits.isdecimal() or _CN_YEAR_DIGITS.issuperset(digits)):
        end = year + 4
        while end < len(title) and title[end].isspace():
            end += 1
        if title.startswith("年", end):
            return end + 2 if title.startswith("年度", end) else end + 1
    if year > at:
        return year  # 关于 without a year
    for word in _NOISE_WORDS:
        if title.startswith(word, at):
            return at + len(word)
    for opening, closing in (("（", "）"), ("(", ")")):
        if title.startswith(opening, at):
            close = title.find(closing, at + 1)
            return close + 1 if close >= 0 else -1
    return -1


def _without_noise(title: str) -> str:
    """The regex's ``sub("", title)``: no match is empty, so the scan goes on where a match ends."""
    kept, start = [], 0
    for at, ch in enumerate(title):
        if at >= start and (ch in _NOISE_BEGINS or ch.isdecimal()):
            end = _noise_end(title, at)
            if end >= 0:
                kept.append(title[start:at])
                start = end
    kept.append(title[start:])
    return "".join(kept)


# Name endings, tested with str.endswith (lazy.ends_with_word: what the regex "(?:…)$" matches).
_GOVERNMENT_SUFFIX = ("人民政府", "自治区", "自治州", "自治县", "省", "市", "县", "区", "州", "盟", "旗", "镇", "乡")
# A 街道办事处 is an agency a district government sends out (派出机关), not a level of government: Art. 50(4)
# asks 各级人民政府 for assessment results, and Art. 49's dates name neither it nor a department.
_DISPATCHED_SUFFIX = ("街道办事处", "街道办", "街道")
_DEPARTMENT_SUFFIX = ("办公厅", "办公室", "局", "委员会", "委", "厅", "办", "中心", "所", "院", "站", "队", "处", "部", "署",
                      "会", "馆", "社", "公司", "管委会", "管理委员会", "分局", "支队", "大队", "中队")


@kept_when_short(maxsize=64, longest=200)  # a title is read two or three times (facts/__init__.py)
def agency_from_title(title: str) -> Optional[str]:
    name = _without_noise(title).strip(" 　:：-—")
    return name or None


def agency_kind(name: Optional[str]) -> Optional[str]:
    """"government" | "department" | "dispatched" (a 街道办事处) | None when the name says none of them."""
    if not name:
        return None
    if name.endswith("人民政府"):
        return "government"
    if ends_with_word(name, _DISPATCHED_SUFFIX):
        return "dispatched"
    if ends_with_word(name, _DEPARTMENT_SUFFIX):
        return "department"
    if ends_with_word(name, _GOVERNMENT_SUFFIX):
        return "government"
    return None
