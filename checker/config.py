"""Configuration: one project file ([tool.ogi-check] in pyproject.toml, or .ogi-check.yaml), then CLI flags.

The file is found upward from each checked file's folder (the closest wins) or named with
``--config``; it is validated by rules/schema/config.json. Every error is one line,
``path: key: what is wrong``, raised as ConfigError for the CLI to print (exit status 2).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Optional

import msgspec
from msgspec import Struct, field

from checker.errors import ConfigError, UsageError
from checker.files import FileProblem, read_regular, suffix_of
from checker.facts import ReportOptions
from checker.rules import (MAX_YAML_CHARS, MAX_YAML_DEPTH, MAX_YAML_NODES, YamlRefused, builtin_rules_dir,
                           load_rules, load_yaml, matches, names_a_rule)
from checker.formats.deadlines import STATUTORY_DEADLINES

if TYPE_CHECKING:  # a run without a config file does not import pathlib (~3 % of a cold check)
    from pathlib import Path

YAML_NAME = ".ogi-check.yaml"
PYPROJECT = "pyproject.toml"
TOOL_TABLE = "ogi-check"



class Config(Struct):
    """One configuration file, validated; paths in it are relative to ``root`` (the file's folder)."""

    path: str  # as shown in messages
    root: Path
    select: Optional[list[str]] = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: Optional[str] = None
    era: Optional[str] = None
    year: Optional[int] = None
    agency_kind: Optional[str] = None
    deadlines: dict[str, str] = field(default_factory=dict)
    rule_dirs: list[Path] = field(default_factory=list)
    lang: Optional[str] = None
    prefix: str = ""  # "tool.ogi-check." for pyproject.toml: error messages name the full key

    def ignored_for(self, path: str) -> list[str]:
        """Codes and prefixes per-file-ignores gives ``path``: a glob matches the path relative to the
        config's folder, or (a glob without "/") the file name, as in ruff."""
        if not self.per_file_ignores:
            return []
        from pathlib import Path, PurePosixPath

        absolute = Path(os.path.abspath(path))
        try:
            rel = absolute.relative_to(self.root).as_posix()
        except ValueError:
            rel = absolute.as_posix()
        name = absolute.name
        out: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            pat = _glob(pattern)
            if (fnmatch.fnmatchcase(rel, pat) or ("/" not in pat and fnmatch.fnmatchcase(name, pat))
                    or (pat.startswith("**/") and fnmatch.fnmatchcase(name, pat[3:]))
                    or PurePosixPath(rel).match(pat)):
                out.extend(codes)
        return out


def _glob(pattern: str) -> str:
    """A per-file-ignores glob as matched: "./" at its start means the config's folder, as no prefix does."""
    return pattern[2:] if pattern.startswith("./") else pattern


def _usable_glob(pattern: str) -> bool:
    """Whether a glob can be matched at all ("." and "" are empty patterns to pathlib, which raises)."""
    from pathlib import PurePosixPath

    try:
        PurePosixPath("a/b.txt").match(_glob(pattern))
    except ValueError:
        return False
    return True


@lru_cache(maxsize=None)
def config_schema() -> dict:
    import json

    return json.loads((builtin_rules_dir() / "schema" / "config.json").read_text(encoding="utf-8"))


def display_path(path: str | Path) -> str:
    """A config path as the user would write it: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def _read_text(path: str | Path, shown: str) -> str:
    try:
        return read_regular(str(path)).decode("utf-8-sig")
    except FileProblem as exc:
        raise ConfigError(shown, f"error: 无法读取配置文件 (cannot read config file): {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(shown, "error: 配置文件不是 UTF-8 编码 (config file is not UTF-8)") from None


def _toml_table(path: str | Path, shown: str, required: bool) -> Optional[dict]:
    """The [tool.ogi-check] table of a TOML file; None when absent and not required."""
    text = _read_text(path, shown)
    if not required and TOOL_TABLE not in text:
        return None  # another tool's pyproject.toml: not ours to parse, let alone reject
    try:  # imported only now: most projects' pyproject.toml has no table of ours
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    if len(text) > MAX_YAML_CHARS:
        raise ConfigError(shown, f"error: 文件过大（{len(text):,} 个字符），上限 {MAX_YAML_CHARS:,} (file too large)")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(shown, f"error: TOML 格式错误 (invalid TOML): {exc}") from None
    except RecursionError:  # arrays nested thousands deep
        raise ConfigError(shown, f"error: TOML 嵌套过深（超过 {MAX_YAML_DEPTH} 层）(nested too deeply)") from None
    table = data.get("tool", {}).get(TOOL_TABLE) if isinstance(data.get("tool"), dict) else None
    if table is None:
        if required:
            raise ConfigError(shown, "error: 没有 [tool.ogi-check] 表 (no [tool.ogi-check] table)")
        return None
    if not isinstance(table, dict):
        raise ConfigError(shown, "tool.ogi-check: must be a table")
    _check_size(table, shown)
    return table


def _check_size(data: Any, shown: str) -> None:
    """The bounds YAML files are held to (checker.rules.load_yaml), for a TOML table after parsing: a
    configuration of a million codes would take minutes to validate and to match against every rule."""
    stack, nodes = [(data, 1)], 0
    while stack:
        value, depth = stack.pop()
        nodes += 1
        if nodes > MAX_YAML_NODES:
            raise ConfigError(shown, f"error: 配置项过多（超过 {MAX_YAML_NODES:,} 个值）(too many values)")
        if depth > MAX_YAML_DEPTH:
            raise ConfigError(shown, f"error: 嵌套过深（超过 {MAX_YAML_DEPTH} 层）(nested too deeply)")
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        stack.extend((child, depth + 1) for child in children)


def _yaml_mapping(path: str | Path, shown: str) -> dict:
    import yaml  # imported here, as in the engine: a run without a YAML config never needs it

    text = _read_text(path, shown)
    try:
        data = load_yaml(text)
    except YamlRefused as exc:
        raise ConfigError(shown, f"error: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise ConfigError(shown, f"error: {where}YAML 格式错误 (invalid YAML): {getattr(exc, 'problem', exc)}") from None
    if data is None:
        return {}  # an empty file, or one with every line commented out: the defaults
    if not isinstance(data, dict):
        raise ConfigError(shown, "(top level): must be a mapping of keys to values")
    return data


def load_config(path: str | Path, shown: Optional[str] = None, required: bool = True) -> Optional[Config]:
    """Read and validate one config file. A pyproject.toml without [tool.ogi-check] is None unless
    the file was named explicitly (``required``)."""
    shown = shown or display_path(path)
    suffix = suffix_of(os.fspath(path)).lower()
    if suffix == ".toml":
        data, prefix = _toml_table(path, shown, required), "tool.ogi-check."
        if data is None:
            return None  # another tool's pyproject.toml: nothing of ours imported for it (not even pathlib)
    elif suffix in (".yaml", ".yml"):
        data, prefix = _yaml_mapping(path, shown), ""
    else:
        raise ConfigError(shown, "error: 配置文件应为 .yaml 或 pyproject.toml (config must be .yaml or .toml)")
    return parse_config(data, shown, os.path.dirname(os.path.abspath(path)), prefix)


def parse_config(data: dict, shown: str, root: str | Path, prefix: str = "") -> Config:
    from pathlib import Path

    _validate(data, shown, prefix)

    def up(values: list[str]) -> list[str]:  # codes are upper-case: "t01" means T01, as on the command line
        return _unique([v.upper() for v in values])

    cfg = Config(path=shown, root=Path(os.path.abspath(root)), prefix=prefix)
    if "select" in data:
        cfg.select = up(data["select"])
    cfg.extend_select = up(data.get("extend-select", []))
    cfg.ignore = up(data.get("ignore", []))
    cfg.per_file_ignores = {k: up(v) for k, v in data.get("per-file-ignores", {}).items()}
    for glob in cfg.per_file_ignores:
        if not _usable_glob(glob):
            raise ConfigError(shown, f"{prefix}per-file-ignores: {glob!r} 不是可用的文件匹配模式，"
                                     "应写作如 \"**\"（全部文件）、\"archive/**\" 或 \"*_draft.md\" (not a usable glob)")
    cfg.severity = {k.upper(): v for k, v in data.get("severity", {}).items()}
    cfg.fail_on = data.get("fail-on")
    cfg.era = str(data["era"]) if "era" in data else None
    cfg.year = data.get("year")
    cfg.agency_kind = data.get("agency-kind")
    cfg.lang = data.get("lang")
    for kind, value in data.get("deadlines", {}).items():
        month, day = (int(x) for x in value.split("-"))
        try:
            dt.date(2023, month, day)  # not a leap year: a deadline must exist every year
        except ValueError:
            raise ConfigError(shown, f"{prefix}deadlines.{kind}: '{value}' 不是每年都有的日期 "
                                     "(not a date in every year)") from None
        statutory = STATUTORY_DEADLINES[kind]
        if value > statutory:
            raise ConfigError(shown, f"{prefix}deadlines.{kind}: '{value}' 晚于法定期限 {statutory}（条例第四十九条），"
                                     f"本地期限只能更严 (later than the statutory deadline; a local one can only be stricter)")
        cfg.deadlines[kind] = value
    for raw in data.get("rule-dirs", []):
        folder = Path(raw) if Path(raw).is_absolute() else cfg.root / raw
        if not folder.is_dir():
            raise ConfigError(shown, f"{prefix}rule-dirs: '{raw}' 不是目录 "
                                     f"(no such folder, relative to {display_path(cfg.root)})")
        cfg.rule_dirs.append(folder)
    return cfg


def _unique(codes: Iterable[str]) -> list[str]:
    """``codes`` without repeats, in order: every one is matched against every rule for every file, and only
    a few hundred distinct codes and prefixes name a rule, so a list of a million is a few hundred."""
    return list(dict.fromkeys(codes))


def _where(path: Iterable[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _validate(data: dict, shown: str, prefix: str) -> None:
    import jsonschema

    errors = list(jsonschema.Draft202012Validator(config_schema()).iter_errors(data))
    if not errors:
        return
    err = jsonschema.exceptions.best_match(errors)
    raise ConfigError(shown, _message(err, prefix))


def _message(err, prefix: str) -> str:
    """One readable line for a schema error, naming the key."""
    path = list(err.absolute_path)
    if err.validator == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        extra = sorted(k for k in err.instance if k not in allowed)
        key = _where([*path, extra[0]]) if extra else _where(path)
        return f"{prefix}{key}: 未知的配置项 (unknown key); 可用 (valid keys): {', '.join(allowed)}"
    if err.validator == "pattern":
        pattern = err.schema.get("pattern", "")
        if "0-9]{0,3}" in pattern:
            what = "不是规则代码或类别前缀 (not a rule code or prefix, e.g. T, T01, T012)"
            path = [p for p in path if not isinstance(p, int)]
        elif "0-9]{3}" in pattern:
            what = "不是规则代码 (not a rule code, e.g. T012)"
        else:
            what = "应写作 MM-DD，如 02-20 (not a date written MM-DD)"
        return f"{prefix}{_where(path)}: {err.instance!r} {what}"
    where = _where(path) or "(top level)"
    return f"{prefix}{where}: {err.message}"


# --- resolution: which config governs a file, and what it means for that file -------------------

class Overrides(Struct, frozen=True):
    """What the command line said; empty or None where it said nothing."""

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Optional[str] = None
    year: Optional[int] = None
    era: Optional[str] = None
    agency_kind: Optional[str] = None
    lang: Optional[str] = None


class FileSettings(Struct):
    """Everything a run needs to check one file; shared by the files of one config and per-file ignores
    (Resolver.settings_for), so never changed once made."""

    rules: list  # the engine's Rule objects selected for this file
    known_codes: frozenset  # every code loaded (selected or not): directives naming others are typos
    options: ReportOptions  # year, era, agency kind and deadlines the analysis takes as given
    severity: dict[str, str]
    fail_on: str
    lang: str
    config: Optional[Config]


class Resolver:
    """Finds and caches configs per folder, rule sets per set of rule folders, and combines them with
    the command line: --select replaces select (and extend-select), --ignore adds to ignore."""

    def __init__(self, cli: Overrides = Overrides(), config_file: Optional[str] = None) -> None:

        self.cli = msgspec.structs.replace(cli, select=tuple(_unique(cli.select)), ignore=tuple(_unique(cli.ignore)),
                                       extend_select=tuple(_unique(cli.extend_select)))
        self._load_rules = load_rules
        self._by_folder: dict[str, Optional[Config]] = {}  # absolute folder → its config
        self._rules: dict[tuple[Path, ...], list] = {}
        self._checked: set[int] = set()
        self._cli_checked: set[frozenset] = set()
        self._settings: dict[tuple[int, tuple[str, ...]], FileSettings] = {}  # (config id, per-file ignores)
        self.rules_for_dirs(())  # a broken built-in rule stops the run before any file is read
        self.explicit: Optional[Config] = None
        if config_file:
            if not os.path.isfile(config_file):
                raise ConfigError(config_file, "error: 配置文件不存在 (no such config file)")
            self.explicit = load_config(config_file, shown=config_file, required=True)

    def rules_for_dirs(self, dirs: tuple[Path, ...]) -> list:
        if dirs not in self._rules:
            self._rules[dirs] = self._load_rules([str(d) for d in dirs])
        return self._rules[dirs]

    def config_for(self, path: str) -> Optional[Config]:
        if self.explicit is not None:
            return self.explicit
        return self._closest(os.path.dirname(os.path.abspath(path)))

    def _closest(self, folder: str) -> Optional[Config]:
        """The config in ``folder`` (absolute) or the nearest folder above it; cached for every folder visited."""
        trail: list[str] = []
        found: Optional[Config] = None
        current = folder
        while True:
            if current in self._by_folder:
                found = self._by_folder[current]
                break
            trail.append(current)
            found = self._config_in(current)
            parent = os.path.dirname(current)
            if found is not None or parent == current:
                break
            current = parent
        for f in trail:
            self._by_folder[f] = found
        return found

    @staticmethod
    def _config_in(folder: str) -> Optional[Config]:
        # .ogi-check.yaml wins over pyproject.toml in the same folder (as ruff's own file wins).
        own = os.path.join(folder, YAML_NAME)
        if os.path.isfile(own):
            return load_config(own)
        project = os.path.join(folder, PYPROJECT)
        if os.path.isfile(project):
            return load_config(project, required=False)
        return None

    def settings_for(self, path: str) -> FileSettings:
        """The settings of one file: its folder's config, its per-file ignores and the command line. Files
        with the same config and per-file ignores share one FileSettings (a batch of 2,000 reports in a
        folder builds one), so a run, and the parent of ``--jobs``, does not redo this per file."""
        cfg = self.config_for(path)
        per_file = tuple(cfg.ignored_for(path)) if cfg else ()
        key = (id(cfg), per_file)
        settings = self._settings.get(key)
        if settings is None:
            settings = self._settings[key] = self._settings_of(cfg, per_file)
        return settings

    def _settings_of(self, cfg: Optional[Config], per_file: tuple[str, ...]) -> FileSettings:
        cli = self.cli
        rules = self.rules_for_dirs(tuple(cfg.rule_dirs) if cfg else ())
        known = frozenset(r.code for r in rules)
        if cfg is not None and id(cfg) not in self._checked:
            _check_codes(cfg, known)
            self._checked.add(id(cfg))
        if known not in self._cli_checked:
            _check_cli_codes(cli, known)
            self._cli_checked.add(known)
        if cli.select:
            select: Optional[list[str]] = list(cli.select) + list(cli.extend_select)
        elif cfg is not None and cfg.select is not None:
            select = cfg.select + cfg.extend_select + list(cli.extend_select)
        else:
            select = None  # every rule: extend-select has nothing to add to
        ignore = list(cli.ignore) + ((cfg.ignore + list(per_file)) if cfg else [])
        chosen = [r for r in rules if (select is None or matches(r.code, select)) and not matches(r.code, ignore)]
        options = ReportOptions(
            year=cli.year or (cfg.year if cfg else None) or None,
            era=cli.era or (cfg.era if cfg else None) or None,
            agency_kind=cli.agency_kind or (cfg.agency_kind if cfg else None) or None,
            deadlines=tuple(sorted(cfg.deadlines.items())) if cfg else (),
        )
        return FileSettings(
            rules=chosen, known_codes=known, options=options, severity=dict(cfg.severity) if cfg else {},
            fail_on=cli.fail_on or (cfg.fail_on if cfg else None) or "error",
            lang=cli.lang or (cfg.lang if cfg else None) or "zh", config=cfg,
        )


def _check_cli_codes(cli: Overrides, known: frozenset) -> None:
    """A code on the command line that names no rule is a typo: one line and exit 2, not a silent run."""
    for option, selectors in (("--select", cli.select), ("--extend-select", cli.extend_select),
                              ("--ignore", cli.ignore)):
        for s in selectors:
            if not names_a_rule(s, known):
                raise UsageError(option, f"'{s}' 没有对应的规则，用 `ogi-check rules` 查看全部代码 (matches no rule)")


def _check_codes(cfg: Config, known: frozenset) -> None:
    """A code or prefix that names no rule is a typo: say so rather than silently check nothing."""
    lists = [("select", cfg.select or []), ("extend-select", cfg.extend_select), ("ignore", cfg.ignore)]
    lists += [(f"per-file-ignores.{glob}", codes) for glob, codes in cfg.per_file_ignores.items()]
    for key, selectors in lists:
        for s in selectors:
            if not names_a_rule(s, known):
                raise ConfigError(cfg.path, f"{cfg.prefix}{key}: '{s}' 没有对应的规则 (matches no rule)")
    for code in cfg.severity:
        if code not in known:
            raise ConfigError(cfg.path, f"{cfg.prefix}severity.{code}: 没有这条规则 (no such rule)")


STARTER = """\
# ogi-check 配置文件 (configuration for ogi-check)
# ogi-check 从被检查文件所在目录向上查找最近的 .ogi-check.yaml（或 pyproject.toml 的 [tool.ogi-check]）。
# 命令行选项优先于这里的设置：--select 取代 select，--ignore 追加到 ignore。
# 规则代码见 `ogi-check rules`；每个键的说明见 README 的 Configuration 一节。

# 只检查这些代码或类别（默认全部规则）。Only these codes or prefixes (default: every rule).
# select: [P, C, S, N, Y, T, A, F, X]

# 在 select 之外再加上这些。Added to select.
# extend-select: []

# 不检查这些代码或类别（优先于 select）。Never these codes or prefixes.
ignore: []

# 按文件忽略：glob（相对本文件所在目录）→ 代码。Per-file ignores: glob → codes.
# per-file-ignores:
#   "archive/**": [F001, N003]
#   "*_draft.md": [A002]

# 改变某条规则的级别：error / warning / info。Severity overrides.
# severity:
#   F001: info
#   S006: error

# 达到此级别的问题时退出码为 1（error / warning / info）。Lowest severity that fails the run.
fail-on: error

# 默认的报告年度、格式时期和机关类型（通常从标题识别，无需设置）。
# Defaults for the report year, format era (2007 / 2019 / 2021) and agency kind (government / department).
# year: 2023
# era: "2021"
# agency-kind: department

# 本地规定的更严格的发布期限（次年的 MM-DD，只能早于条例第四十九条的 03-31 / 01-31）。
# Stricter local publication deadlines (MM-DD of the following year), 2019 regulation on.
# deadlines:
#   government: "02-20"
#   department: "01-20"

# 自定义规则目录（<字母>/<代码>.yaml，相对本文件），代码不能与内置规则重复。Extra rule folders.
# rule-dirs: [ogi-rules]

# 消息语言：zh / en。Message language.
# lang: zh
"""
