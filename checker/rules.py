"""Rules: the model of a rule, loading and validating rule files, and selecting rules by code.

A rule is one YAML file (rules/<letter>/<CODE>.yaml) validated by rules/schema/rule.json and its
kind's schema; a broken one is a RuleFileError naming the file and the field. Selection by code
or prefix (``matches``) is the one matcher the command line and the configuration share.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional

from msgspec import Struct, field

from checker import limits
from checker.errors import RuleFileError
from checker.files import FileProblem, read_regular
from checker.memo import store_beside_fields
from checker.findings import Finding, Hit
from checker.formats import ERAS
from checker.kinds import KINDS
from checker.lazy import regex
from checker.model import Document
from checker.rulecache import RuleCache

if TYPE_CHECKING:  # types only: a rule is data until its kind is built
    from pathlib import Path

    from checker.facts import Facts
    from checker.kinds.base import Kind

class _Args(dict):
    """Missing placeholders render as themselves instead of raising: a message is never lost."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _in_language(value: Any, lang: str) -> Any:
    """An arg given in each language by the rule file ({"zh": …, "en": …}, e.g. T020's cells) in ``lang``."""
    return value.get(lang, value.get("zh")) if isinstance(value, dict) else value


# --- bounded YAML: rule and configuration files are checked while they are parsed -----------------
# The largest built-in rule is 15 KB, 524 nodes and 6 levels deep; a configuration is smaller still. Past
# these bounds a file is an attack or an accident, refused before it is built or validated: 5,000 nested
# brackets overflow the parser's recursion, and an alias bomb (a list of aliases of lists of aliases...)
# is a few lines that jsonschema then walks as billions of nodes.
MAX_YAML_CHARS = 1_000_000
MAX_YAML_DEPTH = 50
MAX_YAML_NODES = 20_000


class YamlRefused(Exception):
    """A YAML file outside the bounds above, as one clause (Chinese with an English gloss)."""


def load_yaml(text: str) -> Any:
    """``yaml.safe_load(text)`` within the bounds above; YamlRefused (or yaml.YAMLError) when the text is not.
    Aliases (``*name``) are refused outright: no rule or configuration needs them, and refusing them is the
    one way to make an alias bomb cost nothing."""
    import yaml  # imported here: a run that finds its rules in the cache never parses YAML

    if len(text) > MAX_YAML_CHARS:
        raise YamlRefused(f"文件过大（{len(text):,} 个字符），上限 {MAX_YAML_CHARS:,} (YAML file too large)")

    class BoundedLoader(yaml.SafeLoader):
        depth = 0
        nodes = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                mark = self.peek_event().start_mark
                raise YamlRefused(f"line {mark.line + 1}: 不支持 YAML 别名（*{self.peek_event().anchor}），"
                                  "请直接写出内容 (YAML aliases are not supported; write the value out)")
            self.nodes += 1
            if self.nodes > MAX_YAML_NODES:
                raise YamlRefused(f"YAML 节点过多（超过 {MAX_YAML_NODES:,} 个）(too many YAML nodes)")
            if self.depth >= MAX_YAML_DEPTH:
                mark = self.peek_event().start_mark
                raise YamlRefused(f"line {mark.line + 1}: YAML 嵌套过深（超过 {MAX_YAML_DEPTH} 层）(nested too deeply)")
            self.depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    loader = BoundedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


_PACKAGE_DIR = os.path.dirname(os.path.realpath(__file__))  # strings: a cold check does not import pathlib


def builtin_rules_folder() -> str:
    """The rules shipped with ogi-check: inside the package when installed from a wheel, else the
    repository's top-level rules/ (source checkout and editable install)."""
    installed = os.path.join(_PACKAGE_DIR, "rules")
    return installed if os.path.isdir(installed) else os.path.join(os.path.dirname(_PACKAGE_DIR), "rules")


def builtin_rules_dir() -> Path:
    """``builtin_rules_folder()`` as a Path."""
    from pathlib import Path

    return Path(builtin_rules_folder())


class Rule(Struct, dict=True):
    """A rule as its YAML file defines it (rules/<letter>/<CODE>.yaml): code, kind and parameters, messages,
    where it applies; ``kind_instance`` builds its kind once.

    The built kind and the applicability memo live in the instance's ``__dict__`` (``dict=True``), outside
    the fields: a pickled rule (sent to a ``--jobs`` worker) carries its fields only and rebuilds them."""

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
    fix: Optional[str] = None  # "safe" | "unsafe": whether `ogi-check fix` applies its findings' fixes (checker/fixes)
    # False for a user's rule (rule-dirs): its regexes run under a time limit per call (build_kind).
    builtin: bool = True

    @property
    def category(self) -> str:
        return self.code[0]

    def kind_instance(self) -> Kind:
        """The rule's kind, built once: kinds compile their regexes and expressions in __init__ and
        keep no state between documents, so one instance serves a whole batch."""
        instance: Optional[Kind] = self.__dict__.get("_kind_instance")
        if instance is None:
            instance = self.__dict__["_kind_instance"] = build_kind(self.kind, self.params, self.builtin)
        return instance

    def applies_to(self, facts: Facts) -> bool:
        """Whether the rule is meant for this report (era, agency kind, years, the facts it needs). A rule
        restricted to some eras or agency kinds does not guess when the fact is unknown: it does not run,
        and ``unknown_facts`` says why (X003 reports it)."""
        return self._applicability(facts)[0]

    def unknown_facts(self, facts: Facts) -> list[str]:
        """The facts this rule needs to run that the report leaves unknown: "year", "era", "agency_kind"."""
        return list(self._applicability(facts)[1])

    def _applicability(self, facts: Facts) -> tuple[bool, tuple[str, ...]]:
        """(applies_to, unknown_facts) for the three facts they read. Both depend on nothing else, and a batch
        has few distinct (year, era, agency kind): kept per rule, each is then worked out once, not per report."""
        key = (facts.year, facts.era, facts.agency_kind)
        memo: dict[tuple[Any, ...], tuple[bool, tuple[str, ...]]] = store_beside_fields(self, "_applicability_memo")
        found = memo.get(key)
        if found is None:
            unknown = self._unknown_facts(facts)
            found = memo[key] = (not unknown and self._applies_to_known(facts), unknown)
        return found

    def _applies_to_known(self, facts: Facts) -> bool:
        a = self.applies
        if "eras" in a and facts.era is not None and facts.era not in a["eras"]:
            return False
        if "agency_kinds" in a and facts.agency_kind not in a["agency_kinds"]:
            return False
        if "min_year" in a and (facts.year is None or facts.year < a["min_year"]):
            return False
        if "max_year" in a and (facts.year is None or facts.year > a["max_year"]):
            return False
        return True

    def _unknown_facts(self, facts: Facts) -> tuple[str, ...]:
        a = self.applies
        needed = set(a.get("needs", ()))
        if "eras" in a and set(a["eras"]) != set(ERAS):  # a rule for every era need not know which
            needed.add("era")
        if "min_year" in a or "max_year" in a:
            needed.add("year")
        if "agency_kinds" in a:
            needed.add("agency_kind")
        return tuple(fact for fact in ("year", "era", "agency_kind") if fact in needed and getattr(facts, fact) is None)

    def template(self, variant: Optional[str], lang: str) -> str:
        text = self.messages.get(variant, self.message) if variant else self.message
        return text.get(lang) or text["zh"]

    def severity_of(self, hit: Hit, overrides: Mapping[str, str]) -> str:
        # A configured override wins; else a variant may be milder than the rule (T004's blank cell).
        return overrides.get(self.code) or self.variant_severity.get(hit.variant or "", self.severity)

    def finding(self, document: Document, hit: Hit, lang: str, overrides: Mapping[str, str]) -> Finding:
        """The finding this rule reports for ``hit``: its message in ``lang``, the quoted line."""
        args = {k: _in_language(v, lang) for k, v in (hit.args or {}).items()}
        template = self.template(hit.variant, lang)
        try:
            message = template.format_map(_Args(args))
        except (ValueError, TypeError, LookupError, AttributeError):  # a value unlike the samples it was tried on
            message = template  # the sentence without its values rather than no finding
        # Kinds place hits on the rendition; a finding names the place in the file (they differ only when
        # the layout of the text was recovered) and, for paged inputs, the page.
        line, column = document.locate(hit.line, max(1, hit.column))
        end_line, end_column = hit.end_line, hit.end_column
        if end_line is not None and end_column is not None:
            end_line, end_column = document.locate(end_line, end_column)
        excerpt = document.source_text(line)
        return Finding(
            path=document.path, line=line, column=column, code=self.code,
            severity=self.severity_of(hit, overrides), message=message.strip(), name=self.name,
            excerpt=excerpt if excerpt.strip() else None, end_line=end_line, end_column=end_column,
            fix=hit.fix, page=document.pages.get(hit.line),
        )


@lru_cache(maxsize=None)
def _schema(name: str) -> dict[str, Any]:
    import json

    schema: dict[str, Any] = json.loads((builtin_rules_dir() / "schema" / name).read_text(encoding="utf-8"))
    return schema


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
    builtin = _is_builtin(path)
    try:
        data = load_yaml(read_regular(str(path)).decode("utf-8"))
    except (FileProblem, UnicodeDecodeError) as exc:
        raise RuleFileError(shown, f"cannot read rule file: {exc}") from None
    except YamlRefused as exc:
        raise RuleFileError(shown, str(exc)) from None
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
    _check_regexes(params, _schema(f"kinds/{kind}.json"), shown, strict=not builtin)
    try:
        built = build_kind(kind, params, builtin)  # a kind compiles its regexes and expressions here: fail at load
        getattr(built, "compile_now", lambda: None)()  # a kind that compiles on first use (lazy.regex) does it now
    except (ValueError, re.error) as exc:
        raise RuleFileError(shown, f"params: {exc}") from None
    except RecursionError:  # hundreds of nested groups: the regex compiler recurses once a level
        raise RuleFileError(shown, "params: 正则表达式嵌套过深 (a regular expression is nested too deeply)") from None
    rule = Rule(
        code=data["code"], name=data["name"], severity=data["severity"], kind=kind, params=params,
        summary=data["summary"], message=data["message"], basis=data["basis"].strip(),
        examples=data["examples"], path=shown, applies=data.get("applies", {}),
        rationale=data.get("rationale"), messages=data.get("messages", {}),
        variant_severity=data.get("variant_severity", {}),
        fix=data.get("fix"), builtin=builtin,
    )
    if kind == "pattern":  # what a pattern rule says when it runs out of time (kinds/pattern.py)
        rule.messages.setdefault(limits.BUDGET_VARIANT, limits.BUDGET_MESSAGE)
        rule.variant_severity.setdefault(limits.BUDGET_VARIANT, "info")
    for variant in [None, *rule.messages]:
        for lang in ("zh", "en"):
            _check_template(rule, rule.template(variant, lang), shown)
    return rule


def _is_builtin(path: Path) -> bool:
    """Whether ``path`` is one of ogi-check's own rule files (ours and tested) rather than a user's."""
    try:
        return path.resolve().is_relative_to(builtin_rules_dir().resolve())
    except (OSError, RuntimeError):  # a link loop: certainly not ours
        return False


def build_kind(kind: str, params: dict[str, Any], builtin: bool) -> Kind:
    """The one place a rule's kind is built from its params (and so its regexes compiled). A kind that can
    run a user's regexes under a time limit per call (``timed_for_users``) does so for a user's rule."""
    cls = KINDS[kind]  # a Kind subclass; those with ``timed_for_users`` take ``timed`` too
    built: Kind = cls(params, timed=True) if not builtin and getattr(cls, "timed_for_users", False) else cls(params)
    return built


def _check_regexes(data: Any, schema: dict, shown: str, where: str = "params", strict: bool = False) -> None:
    """Refuse a regex parameter (``"format": "regex"`` in the kind's schema) that can backtrack
    catastrophically, naming the field: a rule must not be able to hang a run. ``strict`` (a user's rule)
    also refuses the polynomial patterns a static check can see (``\\d*\\d*``), whatever kind takes them."""
    if isinstance(data, str) and schema.get("format") == "regex":
        hazard = limits.regex_hazard(data) or (limits.polynomial_hazard(data) if strict else None)
        if hazard:
            raise RuleFileError(shown, f"{where}: {hazard}")
    elif isinstance(data, dict):
        props = schema.get("properties", {})
        for key, value in data.items():
            if isinstance(props.get(key), dict):
                _check_regexes(value, props[key], shown, f"{where}.{key}", strict)
    elif isinstance(data, list) and isinstance(schema.get("items"), dict):
        for i, value in enumerate(data):
            _check_regexes(value, schema["items"], shown, f"{where}.{i}", strict)


# A placeholder is a field name, perhaps with public attributes ({start.year}), and at most a short format
# spec: {match}, {count:>3}, {date:%Y-%m-%d}, {missing:、}. Indexing ({match[99]}) or private attributes
# would reach into the value, and a width ({match:>999999999}) would build a string of a gigabyte.
_FIELD_NAME = regex(r"[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*\Z")
_SPEC_NUMBER = regex(r"\d+")
MAX_TEMPLATE_WIDTH = 100


def _check_template(rule: Rule, template: str, shown: str) -> None:
    def refuse(what: str) -> RuleFileError:
        return RuleFileError(shown, f"message: 占位符有误 (bad placeholder) in '{template[:80]}': {what}")

    try:
        import string

        fields = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise refuse(str(exc)) from None
    samples = getattr(KINDS[rule.kind], "message_fields", None)  # field → a sample value, when the kind says
    for _, name, spec, conversion in fields:
        if name is None:
            continue
        if not _FIELD_NAME.match(name) or (samples is not None and "." in name):
            raise refuse(f"'{{{name}}}' 只能写字段名，如 {{match}} (a placeholder is a field name only)")
        if samples is not None and name not in samples:
            raise refuse(f"没有字段 '{name}'，可用 (valid fields): {', '.join(sorted(samples))}")
        if "{" in (spec or ""):
            raise refuse(f"'{{{name}:{spec}}}' 格式说明中不能再有占位符 (no nested placeholder)")
        if conversion not in (None, "r", "s", "a"):
            raise refuse(f"'{{{name}!{conversion}}}' 只能用 !r、!s 或 !a (only !r, !s or !a)")
        if any(int(n) > MAX_TEMPLATE_WIDTH for n in _SPEC_NUMBER.findall(spec or "")):
            raise refuse(f"'{{{name}:{spec}}}' 宽度或精度不能超过 {MAX_TEMPLATE_WIDTH} (width at most {MAX_TEMPLATE_WIDTH})")
    if samples is not None:
        try:  # the kind's sample values: a spec its values cannot take ({match:%Y}) fails here, not mid-run
            template.format_map(samples)
        except (ValueError, TypeError, LookupError) as exc:
            raise refuse(str(exc)) from None


def load_rules(extra_dirs: Iterable[str] = ()) -> list[Rule]:
    """The built-in rules plus any user rule folders; duplicate codes are an error. Rules that loaded
    and validated once are kept in a cache keyed by a stamp of every rule file (checker/rulecache.py)."""
    base = builtin_rules_folder()
    sources = [(base, True)] + [(os.fspath(d), False) for d in extra_dirs]
    files: list[tuple[str, str]] = []
    for root, builtin in sources:
        if not os.path.isdir(root):
            raise RuleFileError(root, "rule directory not found")
        for letter, name in _rule_files_in(root):
            path = os.path.join(root, letter, name)
            files.append((path, f"rules/{letter}/{name}" if builtin else path))
    cache = RuleCache(files, os.path.join(base, "schema"), _PACKAGE_DIR, Rule)
    cached = cache.load()
    if cached is not None:
        return cached
    from pathlib import Path

    rules: dict[str, Rule] = {}
    for path, shown in files:
        rule = load_rule_file(Path(path), shown)
        if rule.code in rules:
            raise RuleFileError(shown, f"code: '{rule.code}' is already defined in {rules[rule.code].path}")
        rules[rule.code] = rule
    loaded = [rules[c] for c in sorted(rules)]
    cache.save(loaded)
    return loaded


def matches(code: str, selectors: Iterable[str]) -> bool:
    """Whether ``code`` is named by one of ``selectors``: a code, or a prefix (a category letter, "T01")."""
    return any(code.startswith(s) for s in selectors)


def names_a_rule(selector: str, codes: Iterable[str]) -> bool:
    """Whether a code or prefix names at least one of ``codes`` (one that names none is a typo)."""
    return any(code.startswith(selector) for code in codes)


def select_rules(rules: list[Rule], select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """--select / --ignore by code or prefix (a category letter, "T01"); ignore wins."""
    select, ignore = [s.upper() for s in select], [s.upper() for s in ignore]
    return [r for r in rules if (not select or matches(r.code, select)) and not matches(r.code, ignore)]


def builtin_codes() -> set[str]:
    """The codes of the built-in rules, without loading them: codes are file stems by contract."""
    return {name[:-len(".yaml")] for _, name in _rule_files_in(builtin_rules_folder())}


def _rule_files_in(root: str) -> list[tuple[str, str]]:
    """(letter, file name) of each ``[A-Z]/*.yaml`` under ``root``, sorted: what pathlib's glob of that
    pattern finds (hidden names too), with os.scandir."""
    found: list[tuple[str, str]] = []
    with os.scandir(root) as letters:
        for entry in letters:
            if len(entry.name) == 1 and "A" <= entry.name <= "Z" and entry.is_dir():
                with os.scandir(entry.path) as names:
                    found.extend((entry.name, f.name) for f in names if f.name.endswith(".yaml"))
    return sorted(found)
