"""lazy.required_literals: the literals a pattern cannot match without, the prefilter that lets the pattern
and prose-vs-table kinds compile and run a regex only on reports (and places) that hold one of them."""

import re
from pathlib import Path

import pytest

from checker.kinds._counts import count_pattern_source
from checker.lazy import required_literals
from checker.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("pattern, expected", [
    ("_GoBack", ("_GoBack",)),
    (r"_Toc\d{6,}", ("_Toc",)),
    ("ab+c", ("ab",)),            # the b is there, but the c need not follow the first b
    ("a?b", ("b",)),              # an optional character is not required
    ("x{0,2}y", ("y",)),
    ("x{2}y", ("x",)),
    (r"a\{b", ("a{b",)),          # an escaped brace is a character
    (r"\uFFFD", ("\ufffd",)),
    ("[,;?!]", (",", ";", "?", "!")),
    ("〇〇|○○", ("〇〇", "○○")),   # every branch has one: any of them
    ("(?:机关|单位|部门)名称[）)】]", ("名称",)),
    ("(?:待填|待补)[)）]", ("待填", "待补")),  # longer words are the rarer test
    ("(?<=[一-龥])[,;]", (",", ";")),  # a lookbehind matches no text of its own
    ("(?:19|20)?年", ("年",)),
])
def test_literals_of_a_pattern(pattern, expected):
    assert required_literals(pattern) == expected


@pytest.mark.parametrize("pattern", [
    "(?i)abc",          # inline flags change what a literal matches
    "a|[0-9]",          # a branch without a requirement
    r"\d+", ".*", "[^a]", "[a-z]", "(?:a|b)?c?",
    r"\p{Han}",         # the regex package's syntax: unknown here
    "(a)(?(1)b|c)",     # a conditional
    "[[:alpha:]]",
])
def test_no_literals_when_unsure(pattern):
    assert required_literals(pattern) is None


def test_ignoring_case_or_spaces_gives_no_literals():
    assert required_literals("MERGEFORMAT") == ("MERGEFORMAT",)
    assert required_literals("MERGEFORMAT", re.IGNORECASE) is None
    assert required_literals("MERGE FORMAT", re.VERBOSE) is None


def test_deep_nesting_gives_no_literals_not_an_error():
    assert required_literals("(" * 2000 + "a" + ")" * 2000) is None


def _sources():
    """Every regex of the built-in pattern rules and T020's phrases, as compiled."""
    for rule in load_rules():
        if rule.kind == "pattern":
            yield from ((rule.code, p) for p in rule.params["patterns"])
        elif rule.kind == "prose-vs-table":
            yield from ((rule.code, count_pattern_source(e["pattern"])) for e in rule.params["counts"])


def _texts():
    for rule in load_rules():
        for example in [*rule.examples["pass"], *rule.examples["fail"]]:
            yield example if isinstance(example, str) else str(example.get("text", ""))
    for folder in ("fixtures/reports", "fixtures/corpus"):
        for path in sorted((ROOT / folder).rglob("*.txt")):
            yield path.read_text(encoding="utf-8")


def test_every_match_of_a_builtin_pattern_holds_one_of_its_literals():
    """The prefilter never hides a match: on the rules' examples and the fixture reports, every match of
    every built-in pattern contains one of the literals said to be required, and most patterns have some."""
    texts = list(_texts())
    sources = list(_sources())
    with_literals = matches = 0
    for code, source in sources:
        literals = required_literals(source)
        if literals is None:
            continue
        with_literals += 1
        for text in texts:
            for m in re.finditer(source, text):
                matches += 1
                assert any(w in m.group(0) for w in literals), (code, source, m.group(0), literals)
    assert with_literals > 0.6 * len(sources) and matches > 50


def test_a_broken_regex_of_a_lazily_compiled_kind_is_refused_when_the_rule_loads(tmp_path):
    """prose-vs-table and pattern compile their regexes on first use; a rule file's are compiled all the
    same when it loads (Kind.compile_now), so a broken phrase stops the run there with the file named."""
    import yaml

    from checker.errors import RuleFileError
    from checker.rules import load_rule_file

    t020 = yaml.safe_load((ROOT / "rules" / "T" / "T020.yaml").read_text(encoding="utf-8"))
    t020["params"]["counts"][0]["pattern"] = "新收申请(?:共{N}件"  # an unclosed group
    folder = tmp_path / "T"
    folder.mkdir()
    (folder / "T020.yaml").write_text(yaml.safe_dump(t020, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RuleFileError, match="params: "):
        load_rule_file(folder / "T020.yaml")
