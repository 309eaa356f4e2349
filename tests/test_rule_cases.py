"""Per-rule edge cases kept as data in fixtures/rules/<CODE>.yaml (pytest -k P002 runs one rule's)."""

from pathlib import Path

import pytest
import yaml

from checker.rules import load_rules
from tests.support.reports import check_document, example_report

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "rules"
RULES = {r.code: r for r in load_rules()}


def _cases():
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for outcome in ("pass", "fail"):
            for name, case in (data.get(outcome) or {}).items():
                yield pytest.param(path.stem, outcome, case, id=f"{path.stem}_{outcome}_{name}")


def test_every_case_file_names_a_rule():
    assert {p.stem for p in CASES.glob("*.yaml")} <= set(RULES)


@pytest.mark.parametrize("code,outcome,case", list(_cases()))
def test_rule_case(code, outcome, case):
    found = [f for f in check_document(example_report(case), [RULES[code]]) if f.code == code]
    if outcome == "pass":
        assert found == [], [f.message for f in found]
    else:
        assert found
        if isinstance(case, dict) and "line" in case:
            assert case["line"] in {f.line for f in found}
