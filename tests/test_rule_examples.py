"""Every rule's own pass and fail examples, run through the whole pipeline (pytest -k P001 runs one)."""

import string

import pytest

from checker.kinds import KINDS
from checker.rules import load_rules
from tests.support.reports import check_document, example_report

RULES = load_rules()


def _cases():
    for rule in RULES:
        for outcome in ("pass", "fail"):
            for i, example in enumerate(rule.examples[outcome], start=1):
                name = example.get("name", str(i)) if isinstance(example, dict) else str(i)
                yield pytest.param(rule, outcome, example, id=f"{rule.code}_{outcome}_{name}")


@pytest.mark.parametrize("rule,outcome,example", list(_cases()))
def test_rule_example(rule, outcome, example):
    doc = example_report(example)
    # An X rule reports on the other rules (their suppressions, those that could not run): its examples
    # run with every rule.
    rules = RULES if KINDS[rule.kind].about_other_rules else [rule]
    found = [f for f in check_document(doc, rules) if f.code == rule.code]
    if outcome == "pass":
        assert found == [], f"{rule.code} fired on its pass example: {[f.message for f in found]}"
    else:
        assert found, f"{rule.code} did not fire on its fail example"
        if isinstance(example, dict) and "line" in example:
            assert example["line"] in {f.line for f in found}
        fields = {name for variant in [None, *rule.messages] for _, name, _, _ in
                  string.Formatter().parse(rule.template(variant, "zh")) if name}
        for f in found:
            unfilled = [name for name in fields if "{" + name + "}" in f.message]
            assert not unfilled, f"unfilled placeholder {unfilled} in {f.message!r}"
