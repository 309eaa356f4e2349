"""The engine: load and validate rule files, select the rules that apply, run them, return sorted findings."""

from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional

from checker import limits
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

    def kind_instance(self):
        """The rule's kind, built once: kinds compile their regexes and expressions in __init__ and
        keep no state between documents, so one instance serves a whole batch."""
        instance = self.__dict__.get("_kind_instance")
        if instance is None:
            instance = self.__dict__["_kind_instance"] = KINDS[self.kind](self.params)
        return instance

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_kind_instance", None)  # rebuilt on first use; the rule cache stores data only
        return state

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
    import yaml  # imported here: a run that finds its rules in the cache never parses YAML

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
    _check_regexes(params, _schema(f"kinds/{kind}.json"), shown)
    rule = Rule(
        code=data["code"], name=data["name"], severity=data["severity"], kind=kind, params=params,
        summary=data["summary"], message=data["message"], basis=data["basis"].strip(),
        examples=data["examples"], path=shown, applies=data.get("applies", {}),
        rationale=data.get("rationale"), messages=data.get("messages", {}),
        variant_severity=data.get("variant_severity", {}),
    )
    if kind == "pattern":  # what a pattern rule says when it runs out of time (kinds/pattern.py)
        rule.messages.setdefault(limits.BUDGET_VARIANT, limits.BUDGET_MESSAGE)
        rule.variant_severity.setdefault(limits.BUDGET_VARIANT, "info")
    for variant in [None, *rule.messages]:
        for lang in ("zh", "en"):
            _check_template(rule, rule.template(variant, lang), shown)
    return rule


def _check_regexes(data: Any, schema: dict, shown: str, where: str = "params") -> None:
    """Refuse a regex parameter (``"format": "regex"`` in the kind's schema) that can backtrack
    catastrophically, naming the field: a rule must not be able to hang a run."""
    if isinstance(data, str) and schema.get("format") == "regex":
        hazard = limits.regex_hazard(data)
        if hazard:
            raise RuleFileError(shown, f"{where}: {hazard}")
    elif isinstance(data, dict):
        props = schema.get("properties", {})
        for key, value in data.items():
            if isinstance(props.get(key), dict):
                _check_regexes(value, props[key], shown, f"{where}.{key}")
    elif isinstance(data, list) and isinstance(schema.get("items"), dict):
        for i, value in enumerate(data):
            _check_regexes(value, schema["items"], shown, f"{where}.{i}")


def _check_template(rule: Rule, template: str, shown: str) -> None:
    try:
        list(string.Formatter().parse(template))
    except ValueError as exc:
        raise RuleFileError(shown, f"message: bad placeholder in '{template}': {exc}") from None


def load_rules(extra_dirs: Iterable[str] = ()) -> list[Rule]:
    """The built-in rules plus any user rule folders; duplicate codes are an error. Rules that loaded
    and validated once are kept in a cache keyed by the bytes of every rule file (_RuleCache)."""
    base = builtin_rules_dir()
    sources = [(base, True)] + [(Path(d), False) for d in extra_dirs]
    files: list[tuple[Path, str]] = []
    for root, builtin in sources:
        if not root.is_dir():
            raise RuleFileError(str(root), "rule directory not found")
        for path in sorted(root.glob("[A-Z]/*.yaml")):
            files.append((path, f"rules/{path.parent.name}/{path.name}" if builtin else str(path)))
    cache = _RuleCache(files, base / "schema")
    cached = cache.load()
    if cached is not None:
        return cached
    rules: dict[str, Rule] = {}
    for path, shown in files:
        rule = load_rule_file(path, shown)
        if rule.code in rules:
            raise RuleFileError(shown, f"code: '{rule.code}' is already defined in {rules[rule.code].path}")
        rules[rule.code] = rule
    loaded = [rules[c] for c in sorted(rules)]
    cache.save(loaded)
    return loaded


class _RuleCache:
    """Validated rules, pickled under ~/.cache/ogi-check (or $XDG_CACHE_HOME, or $OGI_CHECK_CACHE_DIR),
    so that a run skips YAML parsing, jsonschema (its import alone is a third of start-up) and the
    regex checks. The key hashes the rule and schema files, the package's code, the package and
    Python versions; anything else (unwritable folder, a file of another user, a
    stale or corrupt pickle) falls back to loading the files. OGI_CHECK_NO_CACHE=1 turns it off."""

    KEEP = 16  # cache files kept: one per rule set in use (built-in, and each set of user folders)

    def __init__(self, files: list[tuple[Path, str]], schema_dir: Path) -> None:
        import os

        self.folder: Optional[Path] = None
        if os.environ.get("OGI_CHECK_NO_CACHE"):
            return
        base = os.environ.get("OGI_CHECK_CACHE_DIR") or os.path.join(
            os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "ogi-check")
        try:
            self.key = self._key(files, schema_dir)
        except OSError:
            return
        self.folder = Path(base)

    @staticmethod
    def _key(files: list[tuple[Path, str]], schema_dir: Path) -> str:
        import hashlib
        import sys

        from checker import __version__

        digest = hashlib.sha256(f"{__version__} {sys.version_info[:2]} {sorted(Rule.__dataclass_fields__)}".encode())
        code = sorted(_PACKAGE_DIR.rglob("*.py"))  # all of it: kinds validate params with helpers from elsewhere
        named = [*files, *((p, p.name) for p in sorted(schema_dir.rglob("*.json"))),
                 *((p, str(p.relative_to(_PACKAGE_DIR))) for p in code)]
        for path, shown in named:
            data = path.read_bytes()
            digest.update(f"\0{shown}\0{len(data)}\0".encode() + data)
        return digest.hexdigest()[:32]

    def _mine(self, path: Path) -> bool:
        import os

        return not hasattr(os, "getuid") or path.stat().st_uid == os.getuid()

    def load(self) -> Optional[list[Rule]]:
        if self.folder is None:
            return None
        import os
        import pickle

        path = self.folder / f"rules-{self.key}.pickle"
        try:
            if not (path.is_file() and self._mine(self.folder) and self._mine(path)):
                return None
            rules = pickle.loads(path.read_bytes())
        except Exception:  # unreadable or from an incompatible version: load the files instead
            return None
        try:
            os.utime(path)  # recently used: kept when older cache files are pruned
        except OSError:
            pass
        return rules if isinstance(rules, list) and all(isinstance(r, Rule) for r in rules) else None

    def save(self, rules: list[Rule]) -> None:
        if self.folder is None:
            return
        import os
        import pickle
        import tempfile

        tmp = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=self.folder, suffix=".tmp", delete=False) as f:
                tmp = f.name
                pickle.dump(rules, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.folder / f"rules-{self.key}.pickle")  # atomic: readers never see half
            tmp = None
            old = sorted(self.folder.glob("rules-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
            for stale in old[self.KEEP:]:
                stale.unlink()
        except Exception:  # a read-only home, a full disk, a race with another run: just do not cache
            if tmp:
                Path(tmp).unlink(missing_ok=True)


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
                   severity_overrides: Optional[dict[str, str]] = None,
                   known_codes: Optional[Iterable[str]] = None) -> list[Finding]:
    """Run every rule that applies to ``doc``, then its suppression directives; findings sorted by
    (path, line, column, code). ``known_codes`` are all codes loaded, selected or not (a directive
    naming another code is a typo); by default the built-in codes and those of ``rules``."""
    overrides = severity_overrides or {}
    facts = doc.facts
    findings: list[Finding] = []
    ran: list[Rule] = []
    for rule in rules:
        if not rule.applies_to(facts):
            continue
        ran.append(rule)
        kind = rule.kind_instance()
        seen = set()
        for hit in kind.check(doc):
            f = _finding(doc, rule, hit, lang, _severity(rule, hit, overrides))
            key = (f.line, f.column, f.message)
            if key not in seen:  # one place, one message
                seen.add(key)
                findings.append(f)
    if doc.directives:
        findings = _apply_directives(doc, findings, ran, lang, overrides, known_codes)
    findings.sort(key=Finding.sort_key)
    return findings


def _severity(rule: Rule, hit: Hit, overrides: dict[str, str]) -> str:
    # A configured override wins; else a variant may be milder than the rule (T004's blank cell).
    return overrides.get(rule.code) or rule.variant_severity.get(hit.variant, rule.severity)


def _apply_directives(doc: Document, findings: list[Finding], ran: list[Rule], lang: str,
                      overrides: dict[str, str], known_codes: Optional[Iterable[str]]) -> list[Finding]:
    """Hide what <!-- ogi-check: disable=… --> covers; report unused and invalid directives through the
    rules of kind ``directive`` that ran (X001, X002), with their message templates."""
    from checker.suppress import apply_directives

    if known_codes is None:
        # Codes are file stems by contract: no need to load (and validate) every rule to know them.
        known_codes = {p.stem for p in builtin_rules_dir().glob("[A-Z]/*.yaml")} | {r.code for r in ran}
    outcome = apply_directives(doc, findings, [r.code for r in ran], known_codes)
    reporters = {r.params.get("reports"): r for r in ran if r.kind == "directive"}
    kept = outcome.kept
    seen = set()
    for report, hit in outcome.hits:
        rule = reporters.get(report)
        if rule is None:
            continue
        f = _finding(doc, rule, hit, lang, _severity(rule, hit, overrides))
        key = (f.code, f.line, f.message)
        if key not in seen:
            seen.add(key)
            kept.append(f)
    return kept


def example_document(example: Any, path: str = "example.txt") -> Document:
    """A rule example (text, or a mapping with text and facts overrides) as a .txt Document."""
    from checker.readers.plaintext import read_txt

    text = example if isinstance(example, str) else example["text"]
    doc = read_txt(path, text.encode("utf-8"))
    if isinstance(example, dict):
        doc.options.update({k: example[k] for k in ("year", "era", "agency_kind") if k in example})
        if example.get("previous"):
            doc.options["previous"] = _example_previous_file(example["previous"])
    return doc


def _example_previous_file(text: str) -> str:
    """Cross-year examples carry last year's report as text; the kinds read it from a file (--previous).
    One file per distinct text, named by its hash, so repeated runs reuse it instead of piling up."""
    import hashlib
    import os
    import tempfile

    folder = Path(tempfile.gettempdir()) / "ogi-check-examples"
    folder.mkdir(exist_ok=True)
    path = folder / f"previous-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}.txt"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, suffix=".tmp", delete=False) as tmp:
            tmp.write(text)
        os.replace(tmp.name, path)  # atomic: parallel test runs never read half a file
    return str(path)
