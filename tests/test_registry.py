"""The rule registry: every rule file is complete and well placed; kinds and their params schemas match."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from checker.rules import load_rules
from checker.kinds import KINDS

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
SCHEMA_DIR = RULES_DIR / "schema"
RULE_FILES = sorted(RULES_DIR.glob("*/*.yaml"))
CATEGORIES = set("PCSNYTAFX")


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{_id(path)} is not a mapping"
    return data


def _example_text(example) -> str:
    return example if isinstance(example, str) else example["text"]


def test_there_are_rule_files():
    assert len(RULE_FILES) >= 10
    # nothing lies outside rules/<letter>/ except the schemas
    stray = [p for p in RULES_DIR.rglob("*.yaml") if p not in RULE_FILES]
    assert stray == []
    stray = [p for p in RULES_DIR.rglob("*.yml")]
    assert stray == []


def test_codes_are_unique():
    codes = [_load(p)["code"] for p in RULE_FILES]
    assert len(codes) == len(set(codes)), [c for c in codes if codes.count(c) > 1]


def test_names_are_unique():
    names = [_load(p)["name"] for p in RULE_FILES]
    assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]


@pytest.mark.parametrize("path", RULE_FILES, ids=_id)
def test_rule_file(path):
    data = _load(path)
    code = data["code"]
    assert isinstance(code, str) and re.fullmatch(r"[A-Z]\d{3}", code)
    assert path.stem == code
    assert path.parent.name == code[0]
    assert code[0] in CATEGORIES
    name = data["name"]
    assert isinstance(name, str) and name.isascii()
    assert re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*", name)
    assert data["severity"] in ("error", "warning", "info")
    assert data["kind"] in KINDS
    assert isinstance(data["basis"], str) and data["basis"].strip()
    for field in ("message", "summary"):
        text = data[field]
        assert isinstance(text.get("zh"), str) and text["zh"].strip()
        assert isinstance(text.get("en"), str) and text["en"].strip()
        assert re.search(r"[\u4e00-\u9fff]", text["zh"]), f"{field}.zh is not Chinese"
    for variant, text in data.get("messages", {}).items():
        assert text.get("zh", "").strip() and text.get("en", "").strip(), variant
    examples = data["examples"]
    for outcome in ("pass", "fail"):
        assert isinstance(examples.get(outcome), list) and len(examples[outcome]) >= 1, outcome
        for example in examples[outcome]:
            assert _example_text(example).strip()
    applies = data.get("applies", {})
    for era in applies.get("eras", []):
        assert era in ("2007", "2019", "2021")
    for kind in applies.get("agency_kinds", []):
        assert kind in ("government", "department")


@pytest.mark.parametrize("path", RULE_FILES, ids=_id)
def test_rule_file_is_valid_against_schemas(path):
    data = _load(path)
    rule_schema = json.loads((SCHEMA_DIR / "rule.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(rule_schema).validate(data)
    kind_schema = json.loads((SCHEMA_DIR / "kinds" / f"{data['kind']}.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(kind_schema).validate(data.get("params", {}))


def test_engine_loads_every_rule_file():
    rules = load_rules()
    assert [r.code for r in rules] == sorted(p.stem for p in RULE_FILES)
    assert all(r.path == f"rules/{r.code[0]}/{r.code}.yaml" for r in rules)


# --- kinds and their schemas ---------------------------------------------------------------------

KIND_SCHEMAS = sorted((SCHEMA_DIR / "kinds").glob("*.json"))


def test_every_kind_has_a_params_schema():
    missing = [k for k in KINDS if not (SCHEMA_DIR / "kinds" / f"{k}.json").is_file()]
    assert missing == []


def test_every_params_schema_belongs_to_a_kind():
    orphans = [p.name for p in KIND_SCHEMAS if p.stem not in KINDS]
    assert orphans == []
    assert {p.stem for p in KIND_SCHEMAS} == set(KINDS)


def test_every_kind_is_used_by_a_rule():
    used = {_load(p)["kind"] for p in RULE_FILES}
    assert set(KINDS) - used == set()


@pytest.mark.parametrize("name", sorted(KINDS))
def test_kind_is_a_class_with_check(name):
    cls = KINDS[name]
    assert isinstance(cls, type)
    assert callable(getattr(cls, "check", None))
    assert re.fullmatch(r"[a-z][a-z-]*", name)


def test_rule_schema_is_valid_draft_2020_12():
    schema = json.loads((SCHEMA_DIR / "rule.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("path", KIND_SCHEMAS, ids=lambda p: p.name)
def test_kind_schema_is_valid_draft_2020_12(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema"
    assert schema.get("type") == "object"
    assert schema.get("additionalProperties") is False  # a misspelt param is an error, not ignored


def test_rule_schema_rejects_what_it_should():
    schema = json.loads((SCHEMA_DIR / "rule.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    good = _load(RULES_DIR / "P" / "P001.yaml")
    assert validator.is_valid(good)
    for broken in (
        {**good, "severity": "fatal"},
        {**good, "name": "Missing Period"},
        {**good, "code": "p001"},
        {**good, "message": {"zh": "缺少统计期限"}},
        {**good, "examples": {"pass": good["examples"]["pass"], "fail": []}},
        {k: v for k, v in good.items() if k != "basis"},
        {**good, "surprise": 1},
    ):
        assert not validator.is_valid(broken)
