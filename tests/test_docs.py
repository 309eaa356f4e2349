"""Generated documentation is current: docs/rules.md and the README's rule table match the YAML rules."""

from checker import docsgen
from checker.rules import load_rules


def test_rules_reference_is_current():
    expected = docsgen.rules_reference(load_rules())
    assert docsgen.RULES_DOC.read_text(encoding="utf-8") == expected, "run: python -m checker.docsgen"


def test_readme_rule_table_is_current():
    readme = docsgen.README.read_text(encoding="utf-8")
    assert docsgen.readme_with_table(readme, docsgen.rules_table(load_rules())) == readme, \
        "run: python -m checker.docsgen"


def test_readme_table_lists_every_rule():
    readme = docsgen.README.read_text(encoding="utf-8")
    for rule in load_rules():
        assert f"| {rule.code} | `{rule.name}` |" in readme
