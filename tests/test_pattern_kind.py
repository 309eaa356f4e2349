"""The pattern kind: a regex-only rule, with an optional character translation that gives the fix."""

from checker.rules import load_rules
from tests.support.reports import check_document, example_report

F001 = next(r for r in load_rules() if r.code == "F001")


def test_translation_gives_the_corrected_text_and_the_fix():
    doc = example_report("本报告依据《条例》(以下简称《条例》)编制,全年公开信息。")
    found = check_document(doc, [F001])
    assert [f.fix for f in found] == ["（以下简称《条例》）", "，"]
    assert "应改为全角标点“（以下简称《条例》）”" in found[0].message


def test_without_translation_there_is_no_fix():
    a002 = next(r for r in load_rules() if r.code == "A002")
    found = check_document(example_report("全年共受理申请XX件。"), [a002])
    assert found and all(f.fix is None for f in found)
