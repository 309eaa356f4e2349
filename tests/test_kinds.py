"""The kinds: one module per kind named after it, one registry in two tiers, table keys checked when a rule loads."""

from __future__ import annotations

import ast
import functools
import inspect
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import checker.rules
from checker.cli import main
from checker.errors import RuleFileError
from checker.kinds import KINDS
from checker.kinds.base import Kind, Listing
from checker.rules import load_rule_file

ROOT = Path(__file__).resolve().parent.parent
KINDS_DIR = ROOT / "checker" / "kinds"
RULES_DIR = ROOT / "rules"


# The module of each category's rule-specific kinds, by the first letter of its rules' codes (checker/kinds).
CATEGORY_MODULES = {"P": "period", "C": "contacts", "S": "structure", "N": "numbering", "T": "tables", "Y": "years",
                    "X": "meta"}
GENERIC = {"pattern", "required-text", "identity", "cross-year", "prose-vs-table", "prose-percent", "parts-total"}


@functools.lru_cache(maxsize=None)
def _rule_letters() -> dict[str, set[str]]:
    """Kind → the first letters of the codes of the built-in rules of that kind."""
    letters: dict[str, set[str]] = {}
    for path in RULES_DIR.glob("*/*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        letters.setdefault(data["kind"], set()).add(data["code"][0])
    return letters


def _module_name(kind: str) -> str:
    """Where a kind lives: a generic kind in the module named after it, a rule-specific one in the module of
    its rules' category."""
    if kind in GENERIC:
        return kind.replace("-", "_")
    (letter,) = _rule_letters()[kind]  # a rule-specific kind serves rules of one category
    return CATEGORY_MODULES[letter]


# --- a generic kind in a module of its own, rule-specific ones in their category's -----------------

@pytest.mark.parametrize("kind", sorted(KINDS))
def test_kind_lives_in_the_module_of_its_tier(kind):
    assert KINDS[kind].__module__ == f"checker.kinds.{_module_name(kind)}"
    assert issubclass(KINDS[kind], Kind)
    assert KINDS[kind].__name__ == "".join(w.capitalize() for w in kind.split("-")) + "Kind"


def test_every_module_is_a_kind_or_a_helper():
    """Modules are the generic kinds' (named after them), the categories', ``_helpers`` several kinds share,
    ``base`` and ``__init__``."""
    kind_modules = {_module_name(k) for k in KINDS}
    assert set(CATEGORY_MODULES.values()) <= kind_modules
    for path in KINDS_DIR.glob("*.py"):
        name = path.stem
        assert name in kind_modules or name.startswith("_") or name == "base", f"{name}.py is neither a kind nor a helper"


@pytest.mark.parametrize("module", sorted({_module_name(k) for k in KINDS}))
def test_a_kind_module_holds_its_kinds_classes(module):
    """A generic kind's module holds its one public class, a category's module the classes of its kinds, in
    the registry's order; private records of params (``_CountEntry``) and helpers may stand beside them."""
    tree = ast.parse((KINDS_DIR / f"{module}.py").read_text(encoding="utf-8"))
    classes = [n.name for n in tree.body if isinstance(n, ast.ClassDef) and not n.name.startswith("_")]
    assert classes == [KINDS[k].__name__ for k in KINDS if _module_name(k) == module]


def test_helpers_register_no_kind():
    registered = {cls for cls in KINDS.values()}
    for path in KINDS_DIR.glob("_*.py"):
        if path.stem == "__init__":
            continue
        module = __import__(f"checker.kinds.{path.stem}", fromlist=["_"])
        assert not [c for _, c in inspect.getmembers(module, inspect.isclass)
                    if c.__module__ == module.__name__ and c in registered]


def test_every_registry_line_names_its_tier():
    """``KINDS`` in checker/kinds/__init__.py (built from ``_CLASSES``, kind → class): each entry says
    whether YAML-only rules can use it."""
    source = (KINDS_DIR / "__init__.py").read_text(encoding="utf-8")
    body = source[source.index("_CLASSES = {"):source.index("\n}", source.index("_CLASSES = {"))]
    entries = [line for line in body.splitlines() if re.match(r'\s+"[a-z-]+":', line)]
    assert len(entries) == len(KINDS)
    for line in entries:
        assert re.search(r"# (generic|rule-specific): ", line), line
    generic = [re.match(r'\s+"([a-z-]+)"', line).group(1) for line in entries if "# generic:" in line]
    assert set(generic) == GENERIC


def test_no_kind_switches_on_a_check_parameter():
    """The split of issue 8: no params schema offers a choice of check; no kind reads one."""
    for path in KINDS_DIR.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""params\[["'](?:check|note)["']\]""", text), path.name
    for path in (RULES_DIR / "schema" / "kinds").glob("*.json"):
        assert not re.search(r'"(?:check|note)"\s*:', path.read_text(encoding="utf-8")), path.name


def test_listing_is_joined_by_the_template():
    items = Listing(["工作考核", "社会评议"])
    assert "{x:、}".format(x=items) == "工作考核、社会评议"
    assert '"{x:", "}"'.format(x=items) == '"工作考核", "社会评议"'
    assert "{x}".format(x=Listing(["自然人"])) == "自然人"


# --- table keys are checked when a rule loads ----------------------------------------------------

def _broken(code: str, edit) -> dict:
    data = yaml.safe_load((RULES_DIR / code[0] / f"{code}.yaml").read_text(encoding="utf-8"))
    edit(data["params"])
    return data


def _set(key, value):
    def edit(params):
        params[key] = value
    return edit


def _count(i, key, value):
    def edit(params):
        params["counts"][i][key] = value
    return edit


BROKEN = [
    # (rule, how its params are broken, what the error must name)
    ("T010", _set("anchor", "三（八）"), "anchor: unknown row '三（八）' of table 三"),
    ("T010", _set("left", "一 + 三（八）"), "left: unknown row '三（八）' of table 三"),
    ("T010", _set("table", "二"), "each: table 二 has no columns common to its rows"),
    ("T011", _set("right", "自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其它"),
     "right: unknown column '其它' of table 三"),
    ("T011", _set("rows", ["三（八）"]), "rows: unknown row '三（八）' of table 三"),
    ("T012", _set("right", "三（一） + sum(三（九）*)"), "right: sum(三（九）*) matches no row of table 三"),
    ("T013", _set("anchor", "合计"), "anchor: unknown group item '合计' of table 四"),
    ("T013", _set("table", "三"), "each: table 三 has no groups"),
    ("T030", _set("right", "上年·三（八）"), "right: unknown row '三（八）' of table 三"),
    ("T030", _set("anchor", "三（八）"), "anchor: unknown row '三（八）' of table 三"),
    ("T031", _set("rows", ["规章", "地方规范性文件"]), "rows: unknown row '地方规范性文件' of table 二"),
    ("T031", _set("right", "上年·现行有效数 + 本年制发件数 - 本年废止件数"), "right: unknown column '现行有效数' of table 二"),
    ("T020", _count(0, "expr", "三（一） + 三（八）"), "counts.0.expr: unknown row '三（八）' of table 三"),
    ("T020", _count(0, "column", "自然人们"), "counts.0.column: unknown column '自然人们' of table 三"),
    ("T020", _count(12, "expr", "未经复议直接起诉/合计"), "counts.12.expr: unknown column '未经复议直接起诉/合计' of table 四"),
    ("T020", _count(14, "column", "本年制发数"), "counts.14.column: unknown column '本年制发数' of table 二"),
    ("T020", _count(14, "eras", ["2019"]), "counts.14.expr: unknown row '行政规范性文件' of table 二"),
    ("T021", lambda p: p["denominators"][0].update(expr="三（八）"), "denominators.0.expr: unknown row '三（八）' of table 三"),
]


@pytest.mark.parametrize("code,edit,named", BROKEN, ids=[f"{c}-{n.split(':')[0]}-{i}" for i, (c, _, n) in enumerate(BROKEN)])
def test_unknown_table_key_fails_at_load(code, edit, named, tmp_path):
    path = tmp_path / code[0] / f"{code}.yaml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(_broken(code, edit), allow_unicode=True), encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_rule_file(path, f"rules/{code[0]}/{code}.yaml")
    line = str(err.value)
    assert "\n" not in line
    assert line.startswith(f"rules/{code[0]}/{code}.yaml: params: {named}"), line


@pytest.mark.parametrize("code,params", [
    ("T001", {"tables": ["二", "五"]}),
    ("T010", {"table": "五", "each": "column", "left": "一", "right": "二", "anchor": "一"}),
])
def test_unknown_table_fails_at_load(code, params, tmp_path):
    data = yaml.safe_load((RULES_DIR / code[0] / f"{code}.yaml").read_text(encoding="utf-8"))
    data["params"] = params
    path = tmp_path / code[0] / f"{code}.yaml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_rule_file(path, f"rules/{code[0]}/{code}.yaml")
    assert str(err.value).startswith(f"rules/{code[0]}/{code}.yaml: params.")
    assert "五" in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("kind,params", [
    ("table-presence", {"tables": ["五"]}),
    ("identity", {"table": "五", "each": "column", "left": "一", "right": "二", "anchor": "一"}),
    ("cross-year", {"table": "五", "each": "column", "left": "二", "right": "上年·四", "anchor": "二"}),
    ("prose-vs-table", {"counts": [{"label": "x", "pattern": "{N}件", "table": "五", "expr": "一", "cells": "x"}]}),
])
def test_a_kind_refuses_an_unknown_table_itself(kind, params):
    # The schemas refuse these first; the kind does too, for whoever builds it without them.
    with pytest.raises(ValueError, match="unknown table '五'"):
        KINDS[kind](params)


def test_keys_of_either_era_are_accepted():
    # 三（六） is a row of the 2019 table only, 三（六）1 of the 2021 table only: both may be named.
    for row in ("三（六）", "三（六）1"):
        KINDS["identity"]({"table": "三", "each": "column", "left": row, "right": row, "anchor": row})


def test_a_broken_key_stops_the_command_line_with_one_line(tmp_path, monkeypatch):
    copy = tmp_path / "rules"
    shutil.copytree(RULES_DIR, copy)
    path = copy / "T" / "T010.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("anchor: 三（七）", "anchor: 三（八）"), encoding="utf-8")
    monkeypatch.setattr(checker.rules, "builtin_rules_folder", lambda: str(copy))
    checker.rules._schema.cache_clear()
    try:
        result = CliRunner().invoke(main, ["check", str(ROOT / "fixtures" / "reports" / "clean_2021_department.txt")])
    finally:
        checker.rules._schema.cache_clear()
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "rules/T/T010.yaml" in lines[0] and "三（八）" in lines[0] and "anchor" in lines[0]
