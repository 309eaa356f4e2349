"""Per-rule edge cases kept as data in fixtures/rules/<CODE>.yaml (pytest -k P002 runs one rule's)."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from checker.rules import load_rules
from tests.support.reports import check_document, example_report

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "fixtures" / "rules"
SCHEMA = json.loads((CASES / "schema.json").read_text(encoding="utf-8"))
RULES = {r.code: r for r in load_rules()}
CASE_FILES = sorted(CASES.glob("*.yaml"))


class _StrictLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key written twice: two cases with one name would silently become one."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)


def _shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def schema_errors(path: Path) -> list[str]:
    """What is wrong with a case file, one line each: `fixtures/rules/N001.yaml: fail.x: ... ('lien' was unexpected)`."""
    try:
        data = _load(path)
    except yaml.YAMLError as exc:
        return [f"{_shown(path)}: {exc}"]
    validator = jsonschema.Draft202012Validator(SCHEMA)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    lines = []
    for err in errors:
        where = ".".join(str(p) for p in err.absolute_path) or "(top level)"
        # A `not` error would print the whole case back; the schema's description says what is meant.
        message = err.schema.get("description", err.message) if err.validator == "not" else err.message
        lines.append(f"{_shown(path)}: {where}: {message}")
    return lines


def _cases():
    for path in CASE_FILES:
        try:
            data = _load(path)
        except yaml.YAMLError:
            continue  # test_case_file_matches_schema names the file and the error
        if not isinstance(data, dict):
            continue
        for outcome in ("pass", "fail"):
            cases = data.get(outcome) or {}
            for name, case in (cases.items() if isinstance(cases, dict) else ()):
                yield pytest.param(path.stem, outcome, case, id=f"{path.stem}_{outcome}_{name}")


def test_schema_is_a_valid_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


# Defined before test_rule_case, so a file's schema test runs (and fails) before its cases.
@pytest.mark.parametrize("path", CASE_FILES, ids=[p.name for p in CASE_FILES])
def test_case_file_matches_schema(path):
    errors = schema_errors(path)
    assert not errors, "\n".join(errors)


GOOD = {"fail": {"skip": {"text": "青禾市水利局2023年政府信息公开工作年度报告\n一、总体情况\n三、主动公开政府信息情况\n",
                          "findings": [{"code": "N001", "line": 3, "column": 1, "fix": "二、"}]}}}


def _with(path, *keys, value):
    """GOOD with the mapping at ``path`` (a tuple of keys) given one more key."""
    data = json.loads(json.dumps(GOOD))
    target = data
    for key in path:
        target = target[key]
    for key in keys:
        target[key] = value
    return data


@pytest.mark.parametrize("bad,key", [
    (_with((), "passes", value={}), "passes"),
    (_with(("fail", "skip"), "lien", value=3), "lien"),
    (_with(("fail", "skip"), "yaer", value=2023), "yaer"),
    (_with(("fail", "skip", "findings", 0), "colum", value=1), "colum"),
    ({"pass": {"ok": {"text": "青禾市水利局", "line": 1}}}, "line"),  # line means nothing in a pass case
], ids=["top-level", "case-lien", "case-yaer", "finding-colum", "line-in-pass"])
def test_schema_rejects_unknown_keys(tmp_path, bad, key):
    good = tmp_path / "N001.yaml"
    good.write_text(yaml.safe_dump(GOOD, allow_unicode=True), encoding="utf-8")
    assert schema_errors(good) == []  # the schema accepts the file before the one key is added
    path = tmp_path / "N999.yaml"
    path.write_text(yaml.safe_dump(bad, allow_unicode=True), encoding="utf-8")
    errors = schema_errors(path)
    assert any(str(path) in e and f"'{key}'" in e for e in errors), errors


@pytest.mark.parametrize("case,why", [
    ({"text": "x", "line": 3, "findings": [{"line": 3}]}, "not both"),
    ({"text": "x", "era": "2020"}, "'2020' is not one of"),
    ({"text": "x", "agency_kind": "county"}, "'county' is not one of"),
    ({"text": "x", "findings": [{"column": 1}]}, "'line' is a required property"),
    ({"year": 2023}, "'text' is a required property"),
], ids=["line-and-findings", "era", "agency-kind", "finding-without-line", "no-text"])
def test_schema_rejects_bad_values(tmp_path, case, why):
    path = tmp_path / "N999.yaml"
    path.write_text(yaml.safe_dump({"fail": {"bad": case}}, allow_unicode=True), encoding="utf-8")
    errors = schema_errors(path)
    assert any("fail.bad" in e and why in e for e in errors), errors


def test_duplicate_case_names_are_refused(tmp_path):
    path = tmp_path / "N999.yaml"
    path.write_text("pass:\n  same: 青禾市水利局\n  same: 云岭县人民政府\n", encoding="utf-8")
    errors = schema_errors(path)
    assert len(errors) == 1 and "duplicate key 'same'" in errors[0], errors


def test_every_case_file_names_a_rule():
    assert {p.stem for p in CASE_FILES} <= set(RULES)


def _as_expected(finding, expected: dict) -> dict:
    """The finding seen through the keys of an expected one, so that the assertion diff shows what differs."""
    seen = {}
    for key, want in expected.items():
        if key == "message_contains":
            seen[key] = want if want in finding.message else finding.message
        else:
            seen[key] = getattr(finding, key)
    return seen


@pytest.mark.parametrize("code,outcome,case", list(_cases()))
def test_rule_case(code, outcome, case):
    found = [f for f in check_document(example_report(case), [RULES[code]]) if f.code == code]
    if outcome == "pass":
        assert found == [], [f.message for f in found]
        return
    assert found, f"{code} found nothing"
    if not isinstance(case, dict):
        return
    if "line" in case:
        assert case["line"] in {f.line for f in found}, [(f.line, f.message) for f in found]
    if "findings" in case:
        expected = case["findings"]
        # Extra or missing findings show as well as wrong ones: compare whole lists, each on its own keys.
        seen = [_as_expected(f, e) for f, e in zip(found, expected)] + [
            {"line": f.line, "column": f.column, "message": f.message} for f in found[len(expected):]]
        assert seen == expected, [(f.line, f.column, f.fix, f.message) for f in found]
