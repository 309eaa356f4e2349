"""The real 2017 county report in ../shared/seed/ (present in CI): the defects it is known to have,
and nothing false about its period or contacts."""

from pathlib import Path

import pytest

from checker.analysis import analyse
from checker.rules import load_rules
from tests.support.reports import check_document
from checker.readers import read_document

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "000_ad8af40d0a921405.txt"
pytestmark = pytest.mark.skipif(not SEED.exists(), reason="../shared/seed/ is not beside this checkout")


@pytest.fixture(scope="module")
def seed():
    report = analyse(read_document(str(SEED)))
    return report, check_document(report, load_rules())


def _at(findings, code):
    return sorted(f.line for f in findings if f.code == code)


def test_word_debris_on_line_28(seed):
    _, findings = seed
    assert 28 in _at(findings, "A001")


def test_top_level_arabic_numbering_on_line_4(seed):
    _, findings = seed
    n002 = [f for f in findings if f.code == "N002" and f.line == 4]
    assert n002 and "一、" in n002[0].message


def test_mixed_level_two_numbering_on_lines_29_and_31(seed):
    doc, findings = seed
    assert {29, 31} <= set(_at(findings, "N002"))
    messages = {f.line: f.message for f in findings if f.code == "N002"}
    assert "（三）" in messages[29] and "（四）" in messages[31]


def test_no_period_or_contact_finding(seed):
    doc, findings = seed
    assert [f for f in findings if f.code[0] in "PC"] == []
    facts = doc.facts
    assert facts.year == 2017 and facts.era == "2007"
    assert str(facts.period.start) == "2017-01-01" and str(facts.period.end) == "2017-12-31"
    kinds = {c.kind: c.value for c in facts.contacts}
    assert kinds["postcode"] == "156400" and kinds["phone"] == "（0454）2907056"
    assert kinds["email"] == "tjxxzx888@126.com"


def test_no_missing_section_finding(seed):
    # The six items of 2007 Art. 32 are covered, several of them as sub-sections.
    _, findings = seed
    assert _at(findings, "S001") == []
