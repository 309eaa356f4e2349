"""Hostile configuration, rule and baseline files, user regexes and environment values (issue 11, item 5).

Each case is a small generated file. Each must end in seconds with exit status 2 and one line on stderr that
names the file (or the variable) and no traceback, and leave every file it was given byte-identical; a slow
user regex is stopped by its time limit and reported as an info finding.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from checker import limits
from checker.rules import MAX_YAML_DEPTH, YamlRefused, load_yaml
from tests.test_cli import ROOT, json_findings, run, stderr_lines, write

DEFECTIVE = ROOT / "fixtures" / "reports" / "defective_2021_department.txt"
SECONDS = 30  # generous: each case ends in about a second on an idle machine

USER_RULE = {
    "code": "Z001", "name": "house-rule", "severity": "warning", "kind": "pattern",
    "params": {"patterns": ["领导高度重视"]},
    "summary": {"zh": "报告中使用了空话套话。", "en": "The report uses an empty stock phrase."},
    "message": {"zh": "“{match}”是空话，请写具体做法。", "en": '"{match}" says nothing.'},
    "basis": "本单位公文写作规范第三条",
    "examples": {"pass": ["本局制定了工作方案。"], "fail": ["领导高度重视信息公开工作。"]},
}


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    write(tmp_path / "r.txt", DEFECTIVE.read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OGI_CHECK_CACHE_DIR", str(tmp_path / ".cache"))  # a refused rule is never cached anyway
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.parts}


def refused(folder: Path, *args: str, names: str) -> str:
    """Run ``check`` with ``args``: exit 2, one line starting with ``names``, in time, nothing changed."""
    before = snapshot(folder)
    started = time.perf_counter()
    result = run("check", *args)
    assert time.perf_counter() - started < SECONDS
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = stderr_lines(result)
    assert len(lines) == 1 and lines[0].startswith(names), result.stderr
    assert snapshot(folder) == before
    return lines[0]


def user_rule(folder: Path, **changes) -> Path:
    data = {**USER_RULE, **changes}
    path = write(folder / "house" / "Z" / "Z001.yaml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    write(folder / ".ogi-check.yaml", "rule-dirs: [house]\n")
    return path


# --- bounded YAML -----------------------------------------------------------------------------------

def test_yaml_within_bounds_loads_as_safe_load():
    text = "a: [1, {b: c}]\nd: 'e'\n"
    assert load_yaml(text) == yaml.safe_load(text)


@pytest.mark.parametrize("text,words", [
    ("a: " + "[" * 5000 + "]" * 5000, "嵌套过深"),
    ("a: &x [1]\nb: *x\n", "别名"),
    ("a: [" + ",".join(["1"] * 30_000) + "]", "节点过多"),
    ("a: " + "x" * 1_100_000, "过大"),
])
def test_load_yaml_refuses_what_is_out_of_bounds(text, words):
    with pytest.raises(YamlRefused, match=words):
        load_yaml(text)


def alias_bomb() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    return "\n".join(lines) + "\nignore: [*a8]\n"


@pytest.mark.parametrize("config,words", [
    ("per-file-ignores: {'.': [T]}\n", "per-file-ignores: '.' 不是可用的文件匹配模式"),
    ("per-file-ignores: {'': [T]}\n", "per-file-ignores: ''"),  # the schema says so
    ("select: " + "[" * 5000 + "]" * 5000 + "\n", "error: line 1: YAML 嵌套过深"),
    (alias_bomb(), "error: line 2: 不支持 YAML 别名"),
    ("ignore: [" + ",".join(["F001"] * 3_000_000) + "]\n", "error: 文件过大"),
    ("ignore: [" + ",".join(["F001"] * 30_000) + "]\n", "error: YAML 节点过多"),
])
def test_bad_yaml_config_is_one_line(project, config, words):
    write(project / ".ogi-check.yaml", config)
    line = refused(project, "r.txt", names=".ogi-check.yaml: ")
    assert words in line


@pytest.mark.parametrize("table,words", [
    ("ignore = " + "[" * 5000 + "]" * 5000 + "\n", "嵌套过深"),
    ("ignore = [" + ",".join(['"F001"'] * 30_000) + "]\n", "配置项过多"),
    ("per-file-ignores = {'.' = ['T']}\n", "不是可用的文件匹配模式"),
])
def test_bad_pyproject_table_is_one_line(project, table, words):
    write(project / "pyproject.toml", "[tool.ogi-check]\n" + table)
    assert words in refused(project, "r.txt", names="pyproject.toml: ")


def test_a_usable_glob_still_ignores(project):
    write(project / ".ogi-check.yaml", "per-file-ignores: {'./*.txt': [P002], '**': [C003]}\n")
    result = run("check", "--format", "json", "r.txt")
    assert result.exit_code == 1
    codes = {f["code"] for f in json_findings(result)}
    assert codes and not codes & {"P002", "C003"}


# --- user rule files ----------------------------------------------------------------------------------

@pytest.mark.parametrize("changes,words", [
    ({"params": {"patterns": ["(" * 900 + "年" + ")" * 900]}}, "params: 正则表达式嵌套过深"),
    ({"params": {"patterns": [r"\d*\d*\d*\d*\d*年"]}}, "params.patterns.0: 正则表达式“\\d*\\d*\\d*\\d*\\d*年”可能运行极慢"),
    ({"params": {"patterns": ["年"], "unless": r"[^，]*\d+件"}}, "params.unless: "),
    ({"params": {"patterns": ["年["]}}, "params: "),
    ({"message": {"en": "found", "zh": "发现{match[99]}"}}, "只能写字段名"),
    ({"message": {"en": "found", "zh": "发现{match.upper}"}}, "只能写字段名"),
    ({"message": {"en": "found", "zh": "发现{match:>999999999}"}}, "宽度或精度不能超过 100"),
    ({"message": {"en": "found", "zh": "发现{match:.999999999}"}}, "宽度或精度不能超过 100"),
    ({"message": {"en": "found", "zh": "发现{match:{x}}"}}, "不能再有占位符"),
    ({"message": {"en": "found", "zh": "发现{match:%Y}"}}, "Invalid format specifier"),
    ({"message": {"en": "found", "zh": "发现{match!x}"}}, "只能用 !r、!s 或 !a"),
    ({"message": {"en": "found", "zh": "发现{nosuch}"}},
     "没有字段 'nosuch'，可用 (valid fields): count, fixed, fixed_marks, marks, match"),
])
def test_bad_user_rule_is_one_line_naming_it(project, changes, words):
    path = user_rule(project, **changes)
    line = refused(project, "r.txt", names=f"{path}: ")
    assert words in line


def test_a_polynomial_regex_is_refused_in_any_kind_of_user_rule(project):
    path = user_rule(project, kind="required-text", message={"zh": "缺少{missing:、}", "en": "missing"},
                     params={"items": [{"label": "考核", "any": [r"考核.*.*制度"]}]})
    assert "params.items.0.any.0: 正则表达式“考核.*.*制度”可能运行极慢" in refused(project, "r.txt", names=f"{path}: ")


def test_deep_yaml_rule_file_is_one_line(project):
    path = user_rule(project)
    path.write_text(path.read_text(encoding="utf-8") + "extra: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert "YAML 嵌套过深" in refused(project, "r.txt", names=f"{path}: ")


def test_builtin_rules_may_use_attributes_and_the_user_rule_loads(project):
    user_rule(project)  # the valid rule: loads, and its findings carry {match}
    text = DEFECTIVE.read_text(encoding="utf-8").replace("严格落实", "领导高度重视，严格落实", 1)
    write(project / "r.txt", text)
    result = run("check", "--format", "json", "r.txt")
    assert result.exit_code == 1
    assert "“领导高度重视”是空话" in {f["code"]: f["message"] for f in json_findings(result)}["Z001"]
    assert any("年" in f["message"] for f in json_findings(result) if f["code"] == "P002")  # {start.year} ...


def test_a_slow_user_regex_is_stopped_by_its_time_limit(project):
    """\\d*1\\d*1\\d*[年月] passes the static check but needs O(n³) steps on a run of digits: the regex
    package's timeout stops it, the rule says so in an info finding, and the other rules report."""
    user_rule(project, params={"patterns": [r"\d*1\d*1\d*[年月]"]})
    write(project / "r.txt", DEFECTIVE.read_text(encoding="utf-8").replace("严格落实", "1" * 4000, 1))
    started = time.perf_counter()
    result = run("check", "--format", "json", "r.txt")
    assert time.perf_counter() - started < SECONDS
    assert result.exit_code == 1
    found = json_findings(result)
    assert [(f["code"], f["severity"]) for f in found if f["code"] == "Z001"] == [("Z001", "info")]
    assert "超出时间预算" in next(f["message"] for f in found if f["code"] == "Z001")
    assert {"P002", "C003"} <= {f["code"] for f in found}


def test_timed_pattern_raises_budget_exceeded_in_time():
    from checker.kinds._userregex import TimedPattern
    from checker.kinds.pattern import PatternKind

    kind = PatternKind({"patterns": [r"\d*1\d*1\d*[年月]"]}, timed=True)
    started = time.perf_counter()
    with pytest.raises(limits.BudgetExceeded):
        list(TimedPattern(kind.patterns[0], started + 0.2).finditer("1" * 4000))
    assert time.perf_counter() - started < 10  # the timeout counts CPU time: on a busy machine more passes
    assert TimedPattern(kind.patterns[0], time.perf_counter() + 5).search("共11年") is not None


def test_builtin_rules_never_import_regex():
    """Start-up: the regex package is imported only when a user's rule is loaded."""
    code = ("import sys; from checker.rules import load_rules; rules = load_rules(); "
            "assert all(r.builtin for r in rules); rules[0].kind_instance(); "
            "assert 'regex' not in sys.modules, 'regex imported'")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "OGI_CHECK_NO_CACHE": "1"}, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("pattern,slow", [
    (r"\d*\d*年", True), (r"[^，]*\d+件", True), (r"(\d+)\d*", True), (r".*.*", True),
    (r"\s*\d+\s*", False), (r"共\s*(\d+)\s*件", False), (r"\d+年\d+", False), (r"\d{1,3}\d{1,3}", False),
])
def test_polynomial_hazard(pattern, slow):
    assert bool(limits.polynomial_hazard(pattern)) is slow


# --- baseline and environment -------------------------------------------------------------------------

def test_baseline_nested_deep_is_one_line(project):
    write(project / "b.json", '{"tool": "ogi-check", "version": 1, "findings": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert "嵌套过深" in refused(project, "--baseline", "b.json", "r.txt", names="b.json: error: ")


@pytest.mark.parametrize("name,value", [
    ("OGI_CHECK_MAX_INPUT_MB", "inf"), ("OGI_CHECK_MAX_INPUT_MB", "1e400"), ("OGI_CHECK_MAX_PDF_PAGES", "abc"),
    ("OGI_CHECK_RULE_BUDGET", "0"), ("OGI_CHECK_MAX_PART_MB", "-5"), ("OGI_CHECK_PDF_BUDGET", "nan"),
])
def test_invalid_environment_value_is_one_line(tmp_path, name, value):
    report = write(tmp_path / "r.txt", DEFECTIVE.read_text(encoding="utf-8"))
    done = subprocess.run([sys.executable, "-m", "checker", "check", str(report)], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, name: value}, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [done.stderr.splitlines()[0]]
    assert done.stderr.startswith(f"{name}: error: 环境变量的值 '{value}' 不是正数") and done.stdout == ""


def test_yaml_depth_bound_is_above_every_builtin_rule():
    deepest = 0
    for path in (ROOT / "rules").glob("[A-Z]/*.yaml"):
        depth = level = 0
        for event in yaml.parse(path.read_text(encoding="utf-8")):
            level += isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent))
            level -= isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent))
            depth = max(depth, level)
        deepest = max(deepest, depth)
    assert deepest * 4 < MAX_YAML_DEPTH


def test_a_long_list_of_repeated_codes_costs_what_one_code_does(project):
    """Within the bounds, 15,000 codes are matched against every rule for every file: repeats are dropped."""
    for i in range(5):
        write(project / "batch" / f"r{i}.txt", DEFECTIVE.read_text(encoding="utf-8"))
    write(project / ".ogi-check.yaml", "ignore: [" + ", ".join(["F001", "t01"] * 7_500) + "]\n")
    started = time.perf_counter()
    many = run("check", "--format", "json", "--ignore", ",".join(["C003"] * 20_000), "batch")
    assert time.perf_counter() - started < SECONDS
    write(project / ".ogi-check.yaml", "ignore: [F001, T01]\n")
    once = run("check", "--format", "json", "--ignore", "C003", "batch")
    assert many.exit_code == once.exit_code == 1 and many.stdout == once.stdout
    assert not {"F001", "C003"} & {f["code"] for f in json_findings(many)}
