"""The engine: load and validate rule files, select the rules that apply, run them, return sorted findings."""

from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional

import yaml

from checker.errors import RuleFileError
from checker.findings import Finding, Hit
from checker.kinds import KINDS
from checker.model import Document

_PACKAGE_DIR = Path(__file__).resolve().parent


def builtin_rules_dir() -> Path:
    """The rules shipped with ogi-check: inside the package when installed from a wheel, else the
    repository's top-level rules/ (source checkout and editable install)."""
    installed = _PACKAGE_DIR / "rules"
    return installed if installed.is_dir() else _PACKAGE_DIR.parent / "rules"


@dataclass
class Rule:
    code: str
    name: str
    severity: str
    kind: str
    params: dict[str, Any]
    summary: dict[str, str]
    message: dict[str, str]
    basis: str
    examples: dict[str, list]
    path: str
    applies: dict[str, Any] = field(default_factory=dict)
    rationale: Optional[dict[str, str]] = None
    messages: dict[str, dict[str, str]] = field(default_factory=dict)
    variant_severity: dict[str, str] = field(default_factory=dict)

    @property
    def category(self) -> str:
        return self.code[0]

    def applies_to(self, facts) -> bool:
        """Whether the rule is meant for this report (era, agency kind, years). A rule restricted to
        some eras or agency kinds stays silent when the fact is unknown rather than guessing."""
        a = self.applies
        if "eras" in a and facts.era not in a["eras"]:
            return False
        if "agency_kinds" in a and facts.agency_kind not in a["agency_kinds"]:
            return False
        if "min_year" in a and (facts.year is None or facts.year < a["min_year"]):
            return False
        if "max_year" in a and (facts.year is None or facts.year > a["max_year"]):
            return False
        return True

    def template(self, variant: Optional[str], lang: str) -> str:
        text = self.messages.get(variant, self.message) if variant else self.message
        return text.get(lang) or text["zh"]


@lru_cache(maxsize=None)
def _schema(name: str) -> dict:
    return json.loads((builtin_rules_dir() / "schema" / name).read_text(encoding="utf-8"))


def _validate(data: Any, schema: dict, path: str, prefix: str = "") -> None:
    import jsonschema  # imported here: validation is the slow part of start-up, and cached rules skip it

    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if errors:
        err = jsonschema.exceptions.best_match(errors)
        where = ".".join(str(p) for p in err.absolute_path)
        where = f"{prefix}{where}" if where else (prefix.rstrip(".") or "(top level)")
        raise RuleFileError(path, f"{where}: {err.message}")


def load_rule_file(path: Path, display: Optional[str] = None) -> Rule:
    shown = display or str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(shown, f"cannot read rule file: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise RuleFileError(shown, f"{where}invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise RuleFileError(shown, "(top level): a rule file must be a mapping")
    _validate(data, _schema("rule.json"), shown)
    if data["code"] != path.stem:
        raise RuleFileError(shown, f"code: '{data['code']}' does not match the file name '{path.stem}'")
    if path.parent.name != data["code"][0]:
        raise RuleFileError(shown, f"code: '{data['code']}' must live in folder '{data['code'][0]}/'")
    kind = data["kind"]
    if kind not in KINDS:
        raise RuleFileError(shown, f"kind: unknown kind '{kind}'; valid kinds: {', '.join(sorted(KINDS))}")
    params = data.get("params", {})
    _validate(params, _schema(f"kinds/{kind}.json"), shown, prefix="params.")
    try:
        KINDS[kind](params)  # a kind compiles its regexes and expressions here: fail at load, not mid-run
    except (ValueError, re.error) as exc:
        raise RuleFileError(shown, f"params: {exc}") from None
    rule = Rule(
        code=data["code"], name=data["name"], severity=data["severity"], kind=kind, params=params,
        summary=data["summary"], message=data["message"], basis=data["basis"].strip(),
        examples=data["examples"], path=shown, applies=data.get("applies", {}),
        rationale=data.get("rationale"), messages=data.get("messages", {}),
        variant_severity=data.get("variant_severity", {}),
    )
    for variant in [None, *rule.messages]:
        for lang in ("zh", "en"):
            _check_template(rule, rule.template(variant, lang), shown)
    return rule


def _check_template(rule: Rule, template: str, shown: str) -> None:
    try:
        list(string.Formatter().parse(template))
    except ValueError as exc:
        raise RuleFileError(shown, f"message: bad placeholder in '{template}': {exc}") from None


def load_rules(extra_dirs: Iterable[str] = ()) -> list[Rule]:
    """The built-in rules plus any user rule folders; duplicate codes are an error."""
    rules: dict[str, Rule] = {}
    base = builtin_rules_dir()
    sources = [(base, True)] + [(Path(d), False) for d in extra_dirs]
    for root, builtin in sources:
        if not root.is_dir():
            raise RuleFileError(str(root), "rule directory not found")
        for path in sorted(root.glob("[A-Z]/*.yaml")):
            shown = f"rules/{path.parent.name}/{path.name}" if builtin else str(path)
            rule = load_rule_file(path, shown)
            if rule.code in rules:
                raise RuleFileError(shown, f"code: '{rule.code}' is already defined in {rules[rule.code].path}")
            rules[rule.code] = rule
    return [rules[c] for c in sorted(rules)]


def _matches(code: str, selectors: Iterable[str]) -> bool:
    return any(code.startswith(s) for s in selectors)


def select_rules(rules: list[Rule], select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """--select / --ignore by code or prefix (a category letter, "T01"); ignore wins."""
    select, ignore = [s.upper() for s in select], [s.upper() for s in ignore]
    return [r for r in rules if (not select or _matches(r.code, select)) and not _matches(r.code, ignore)]


class _Args(dict):
    """Missing placeholders render as themselves instead of raising: a message is never lost."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _finding(doc: Document, rule: Rule, hit: Hit, lang: str, severity: str) -> Finding:
    message = rule.template(hit.variant, lang).format_map(_Args(hit.args or {}))
    excerpt = doc.line_text(hit.line)
    return Finding(
        path=doc.path, line=hit.line, column=max(1, hit.column), code=rule.code, severity=severity,
        message=message.strip(), name=rule.name, excerpt=excerpt if excerpt.strip() else None,
        end_line=hit.end_line, end_column=hit.end_column, fix=hit.fix,
    )


def check_document(doc: Document, rules: list[Rule], lang: str = "zh",
                   severity_overrides: Optional[dict[str, str]] = None) -> list[Finding]:
    """Run every rule that applies to ``doc``; findings sorted by (path, line, column, code)."""
    overrides = severity_overrides or {}
    facts = doc.facts
    findings: list[Finding] = []
    for rule in rules:
        if not rule.applies_to(facts):
            continue
        kind = KINDS[rule.kind](rule.params)
        seen = set()
        for hit in kind.check(doc):
            # A configured override wins; else a variant may be milder than the rule (T004's blank cell).
            severity = overrides.get(rule.code) or rule.variant_severity.get(hit.variant, rule.severity)
            f = _finding(doc, rule, hit, lang, severity)
            key = (f.line, f.column, f.message)
            if key not in seen:  # one place, one message
                seen.add(key)
                findings.append(f)
    findings.sort(key=Finding.sort_key)
    return findings


def example_document(example: Any, path: str = "example.txt") -> Document:
    """A rule example (text, or a mapping with text and facts overrides) as a .txt Document."""
    from checker.readers.plaintext import read_txt

    text = example if isinstance(example, str) else example["text"]
    doc = read_txt(path, text.encode("utf-8"))
    if isinstance(example, dict):
        doc.options.update({k: example[k] for k in ("year", "era", "agency_kind") if k in example})
    return doc
