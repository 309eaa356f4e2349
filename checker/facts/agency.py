"""The reporting agency, from the title, and whether it is a 人民政府 or a department of one.

The distinction matters twice: Art. 49 of the 2019 条例 gives departments until 1月31日 and
governments until 3月31日, and Art. 50(4) asks only governments for 考核、评议、追究 results.
"""

from __future__ import annotations

import re
from typing import Optional

from checker.lazy import ends_with_word

_NOISE = re.compile(
    r"(?:关于)?(?:\d{4}|[〇零○一二三四五六七八九]{4})\s*年度?|关于|政府信息公开(?:工作)?年度报告|政务公开(?:工作)?年度报告"
    r"|年度报告|工作报告|（[^）]*）|\([^)]*\)"
)
# Name endings, tested with str.endswith (lazy.ends_with_word: what the regex "(?:…)$" matches).
_GOVERNMENT_SUFFIX = ("人民政府", "自治区", "自治州", "自治县", "省", "市", "县", "区", "州", "盟", "旗", "镇", "乡")
# A 街道办事处 is an agency a district government sends out (派出机关), not a level of government: Art. 50(4)
# asks 各级人民政府 for assessment results, and Art. 49's dates name neither it nor a department.
_DISPATCHED_SUFFIX = ("街道办事处", "街道办", "街道")
_DEPARTMENT_SUFFIX = ("办公厅", "办公室", "局", "委员会", "委", "厅", "办", "中心", "所", "院", "站", "队", "处", "部", "署",
                      "会", "馆", "社", "公司", "管委会", "管理委员会", "分局", "支队", "大队", "中队")


def agency_from_title(title: str) -> Optional[str]:
    name = _NOISE.sub("", title).strip(" 　:：-—")
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
