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


# --- a user's patterns run with the regex package, under a time limit (issue 11) -----------------------

def _pattern_rules():
    return [r for r in load_rules() if r.kind == "pattern"]


def test_timed_patterns_find_what_re_finds():
    """The regex package (V0, re-compatible) finds the same hits as re for every built-in pattern rule,
    on its own examples: a user's rule written and tried like ours behaves the same."""
    from checker.kinds.pattern import PatternKind

    from pathlib import Path

    from checker.analysis import analyse
    from checker.readers import read_document

    fixtures = Path(__file__).resolve().parent.parent / "fixtures" / "reports"
    reports = [analyse(read_document(str(p))) for p in sorted(fixtures.glob("*.txt"))]
    compared = hits = 0
    for rule in _pattern_rules():
        timed, plain = PatternKind(rule.params, timed=True), PatternKind(rule.params)
        assert timed.timed and not plain.timed
        for report in [*map(example_report, [*rule.examples["pass"], *rule.examples["fail"]]), *reports]:
            found = list(plain.check(report))
            assert list(timed.check(report)) == found, rule.code
            compared, hits = compared + 1, hits + len(found)
    assert compared > 50 and hits > 20


def test_a_pattern_the_regex_package_refuses_is_a_value_error():
    import pytest

    from checker.kinds.pattern import PatternKind

    with pytest.raises(ValueError, match="无效"):
        PatternKind({"patterns": ["年("]}, timed=True)


def test_a_format_error_at_run_time_keeps_the_finding():
    """A template a built-in kind's values cannot take still gives its finding, without the values."""
    import msgspec

    a002 = next(r for r in load_rules() if r.code == "A002")
    broken = msgspec.structs.replace(a002, message={"zh": "占位符“{match:%Y}”", "en": "x"})
    found = check_document(example_report("全年共受理申请XX件。"), [broken])
    assert found and found[0].message == "占位符“{match:%Y}”"
