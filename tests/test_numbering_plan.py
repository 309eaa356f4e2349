"""Numbering fixes are one plan: following every fix of N001, N002 and N003 leaves consecutive, uniform
numbering, and two fixes of the same heading never disagree (issue 10, "Numbering fixes as one plan")."""

from __future__ import annotations

import itertools

import pytest

from checker.cnnum import int_to_cn
from checker.rules import load_rules
from tests.support.reports import check_document, text_document

RULES = [r for r in load_rules() if r.code in ("N001", "N002", "N003")]
TITLE = "青禾市水利局2023年政府信息公开工作年度报告"


def apply_fixes(text: str, findings) -> str:
    """Replace each finding's span (line, column … end_column) with its fix; spans on one line never overlap."""
    lines = text.split("\n")
    by_place = {}
    for f in findings:
        if f.fix is None:
            continue
        key = (f.line, f.column, f.end_column)
        assert by_place.setdefault(key, f.fix) == f.fix, f"two fixes disagree at {key}: {by_place[key]} / {f.fix}"
    for (line, start, end), fix in sorted(by_place.items(), reverse=True):
        row = lines[line - 1]
        lines[line - 1] = row[: start - 1] + fix + row[end - 1:]
    return "\n".join(lines)


def numbering_findings(text: str):
    return [f for f in check_document(text_document(text), RULES)]


@pytest.mark.parametrize("numbers", [seq for n in range(1, 5) for seq in itertools.product(range(1, 6), repeat=n)],
                         ids=lambda seq: "-".join(map(str, seq)))
def test_following_every_fix_gives_a_consecutive_sequence(numbers):
    text = "\n".join([TITLE] + [f"{int_to_cn(n)}、第{i}部分\n正文。" for i, n in enumerate(numbers)]) + "\n"
    found = numbering_findings(text)
    fixed = apply_fixes(text, found)
    assert numbering_findings(fixed) == [], (numbers, [f.message for f in found])
    if list(numbers) == list(range(1, len(numbers) + 1)):
        assert found == []


def test_bracket_and_number_fixes_of_one_heading_agree():
    # (四) has half-width brackets (N003) and skips （三） (N001): both fixes write （三）.
    text = "\n".join([TITLE, "一、总体情况", "（一）主动公开", "（二）依申请公开", "(四)政府信息管理", "（五）平台建设"]) + "\n"
    found = numbering_findings(text)
    on_line = {(f.code, f.fix) for f in found if f.line == 5}
    assert on_line == {("N001", "（三）"), ("N003", "（三）")}
    assert numbering_findings(apply_fixes(text, found)) == []


def test_style_fix_carries_the_planned_number():
    # （4） continues （一）（二）（三） in the wrong style (N002): its fix is the planned （四）, and after
    # fixing, nothing is left.
    text = "\n".join([TITLE, "一、总体情况", "（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（4）平台建设",
                      "（五）监督保障"]) + "\n"
    found = numbering_findings(text)
    assert [(f.code, f.line, f.fix) for f in found] == [("N002", 6, "（四）")]
    assert numbering_findings(apply_fixes(text, found)) == []
