"""Configuration: [tool.ogi-check] / .ogi-check.yaml found upward, keys as documented, errors in one line."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from checker.config import STARTER, YAML_NAME, config_schema, load_config
from checker.formats.deadlines import STATUTORY_DEADLINES
from checker.rules import load_rules
from tests.test_cli import DEPARTMENT, GOVERNMENT, ROOT, json_findings, run, stderr_lines, write

FIXTURES = ROOT / "fixtures" / "reports"
DEFECTIVE = FIXTURES / "defective_2021_department.txt"  # P002 C003 A002 A001 N002 Y001 Y002, all errors


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A folder holding the defective report, as a project checked (from its top) with a config beside it."""
    write(tmp_path / "reports" / "r.txt", DEFECTIVE.read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)  # config paths in messages are shown relative to the working folder
    return tmp_path


def findings_of(*args) -> list[dict]:
    result = run("check", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.stderr
    return json_findings(result)


def codes_of(*args) -> set[str]:
    return {f["code"] for f in findings_of(*args)}


def one_error_line(result, path_start: str) -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = stderr_lines(result)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(path_start), lines[0]
    assert result.stdout == ""
    return lines[0]


# --- the schema and the starter file ------------------------------------------------------------

def test_schema_is_valid_draft_2020_12():
    schema = config_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False


def test_statutory_deadlines_match_rule_y003():
    y003 = {r.code: r for r in load_rules()}["Y003"]
    for era in y003.params["local_eras"]:
        table = y003.params["deadlines"][era]
        assert {k: table[k] for k in STATUTORY_DEADLINES} == STATUTORY_DEADLINES


ALL_FOUND = {"P002", "C003", "A002", "A001", "N002", "Y001", "Y002"}


def test_without_config_nothing_changes(project):
    assert ALL_FOUND <= codes_of(project / "reports" / "r.txt")


# --- selection, severity, fail level --------------------------------------------------------------

def test_yaml_select_ignore_severity_fail_on(project):
    write(project / YAML_NAME, "select: [P, A, Y]\nignore: [A001]\nseverity: {Y002: warning, P002: info}\n"
                               "fail-on: error\n")
    report = project / "reports" / "r.txt"
    found = {f["code"]: f["severity"] for f in findings_of(report)}
    assert found == {"P002": "info", "A002": "error", "Y001": "error", "Y002": "warning"}


def test_fail_on_from_config(project):
    report = project / "reports" / "r.txt"
    write(project / YAML_NAME, "select: [Y002]\nseverity: {Y002: warning}\n")
    assert run("check", report).exit_code == 0  # a warning does not fail by default
    write(project / YAML_NAME, "select: [Y002]\nseverity: {Y002: warning}\nfail-on: warning\n")
    assert run("check", report).exit_code == 1
    assert run("check", "--fail-on", "error", report).exit_code == 0  # the flag wins


def test_pyproject_table(project):
    write(project / "pyproject.toml", '[project]\nname = "reports"\n\n[tool.ogi-check]\nselect = ["P"]\n'
                                      '[tool.ogi-check.severity]\nP002 = "warning"\n')
    found = findings_of(project / "reports" / "r.txt")
    assert [(f["code"], f["severity"]) for f in found] == [("P002", "warning")]


def test_pyproject_without_table_is_not_a_config(project):
    write(project / "pyproject.toml", '[project]\nname = "reports"\n[tool.black]\nline-length = 100\n')
    write(project / "reports" / "pyproject.toml", "this is not toml = = [")  # never parsed: no ogi-check in it
    assert "A001" in codes_of(project / "reports" / "r.txt")


def test_closest_config_wins(project):
    write(project / YAML_NAME, "select: [P]\n")
    write(project / "reports" / YAML_NAME, "select: [A]\n")
    write(project / "other" / "r.txt", DEFECTIVE.read_text(encoding="utf-8"))
    found = findings_of(project / "reports" / "r.txt", project / "other" / "r.txt")
    by_file = {(Path(f["path"]).parent.name, f["code"]) for f in found}
    assert by_file == {("reports", "A001"), ("reports", "A002"), ("other", "P002")}


def test_yaml_wins_over_pyproject_in_one_folder(project):
    write(project / "pyproject.toml", '[tool.ogi-check]\nselect = ["P"]\n')
    write(project / YAML_NAME, "select: [C]\n")
    assert codes_of(project / "reports" / "r.txt") == {"C003"}


def test_config_option_names_the_file(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("conf") / "strict.yaml"
    write(elsewhere, "select: [N]\n")
    write(project / YAML_NAME, "select: [P]\n")  # not used: --config replaces the search
    assert codes_of("--config", elsewhere, project / "reports" / "r.txt") == {"N002"}


def test_cli_select_replaces_and_ignore_adds(project):
    write(project / YAML_NAME, "select: [P, A]\nextend-select: [Y]\nignore: [Y002]\n")
    report = project / "reports" / "r.txt"
    assert codes_of(report) == {"P002", "A001", "A002", "Y001"}
    assert codes_of("--select", "C,Y", report) == {"C003", "Y001"}  # select and extend-select replaced; ignore kept
    assert codes_of("--ignore", "A001", report) == {"P002", "A002", "Y001"}


def test_extend_select_adds_to_select(project):
    write(project / YAML_NAME, "select: [P]\nextend-select: [C003]\n")
    assert codes_of(project / "reports" / "r.txt") == {"P002", "C003"}


@pytest.mark.parametrize("glob", ["reports/*.txt", "*.txt", "reports/**", "r.txt", "**/r.txt"])
def test_per_file_ignores(project, glob):
    write(project / YAML_NAME, f'per-file-ignores:\n  "{glob}": [A, y001]\n')
    write(project / "keep" / "k.txt", DEFECTIVE.read_text(encoding="utf-8"))
    found = findings_of(project / "reports" / "r.txt", project / "keep" / "k.txt")
    codes = {Path(f["path"]).name: set() for f in found}
    for f in found:
        codes[Path(f["path"]).name].add(f["code"])
    assert codes["r.txt"] & ALL_FOUND == {"P002", "C003", "N002", "Y002"}
    assert not {c for c in codes["r.txt"] if c.startswith("A")}
    if glob.startswith("reports"):
        assert {"A001", "A002", "Y001"} <= codes["k.txt"]


def test_lang_from_config(project):
    write(project / YAML_NAME, "lang: en\nselect: [A002]\n")
    result = run("check", project / "reports" / "r.txt")
    assert "Placeholder" in result.stdout
    assert "placeholder" not in run("check", "--lang", "zh", project / "reports" / "r.txt").stdout.lower()


def test_agency_kind_and_year_defaults(tmp_path):
    report = write(tmp_path / "gov.txt", GOVERNMENT.read_text(encoding="utf-8"))
    assert codes_of(report) == set()
    write(tmp_path / YAML_NAME, "agency-kind: department\n")
    assert codes_of(report) == {"Y003"}  # published 3月, after a department's 31 January
    assert codes_of("--agency-kind", "government", report) == set()
    write(tmp_path / YAML_NAME, "year: 2022\nera: 2021\n")
    assert "Y001" in codes_of(report)  # the title says 2023


# --- local deadlines ------------------------------------------------------------------------------

def test_stricter_local_deadline(tmp_path):
    report = write(tmp_path / "dept.txt", DEPARTMENT.read_text(encoding="utf-8"))  # published 2024年1月19日
    assert codes_of(report) == set()
    write(tmp_path / YAML_NAME, 'deadlines: {department: "01-15", government: "02-20"}\n')
    found = findings_of(report)
    assert [f["code"] for f in found] == ["Y003"]
    assert "本地规定" in found[0]["message"] and "2024年1月15日" in found[0]["message"]
    assert "2024年1月31日" in found[0]["message"]  # the statutory one, for reference
    write(tmp_path / YAML_NAME, 'deadlines: {department: "01-19"}\n')
    assert codes_of(report) == set()  # on the day is in time


def test_local_deadline_not_applied_before_2019(tmp_path):
    text = DEPARTMENT.read_text(encoding="utf-8")
    report = write(tmp_path / "dept.txt", text)
    write(tmp_path / YAML_NAME, 'deadlines: {department: "01-10"}\nera: "2007"\nselect: [Y003]\n')
    assert codes_of(report) == set()


@pytest.mark.parametrize("body,key,words", [
    ('deadlines: {department: "02-10"}\n', "deadlines.department", "01-31"),
    ('deadlines: {government: "04-01"}\n', "deadlines.government", "03-31"),
    ('deadlines: {government: "02-30"}\n', "deadlines.government", "02-30"),
    ('deadlines: {government: "2-20"}\n', "deadlines.government", "MM-DD"),
    ('deadlines: {county: "01-20"}\n', "deadlines.county", "unknown key"),
])
def test_bad_deadlines(project, body, key, words):
    write(project / YAML_NAME, body)
    line = one_error_line(run("check", project / "reports" / "r.txt"), YAML_NAME)
    assert f"{YAML_NAME}: {key}: " in line and words in line


# --- user rules -----------------------------------------------------------------------------------

USER_RULE = {
    "code": "Z001", "name": "forbidden-word", "severity": "warning", "kind": "pattern",
    "params": {"patterns": ["领导高度重视"]},
    "summary": {"zh": "报告中使用了空话套话。", "en": "The report uses an empty stock phrase."},
    "message": {"zh": "“{match}”是空话，请写具体做法。", "en": '"{match}" says nothing; say what was done.'},
    "basis": "本单位公文写作规范第三条",
    "examples": {"pass": ["本局制定了工作方案。"], "fail": ["领导高度重视信息公开工作。"]},
}


def _user_rules(folder: Path, **changes) -> None:
    data = {**USER_RULE, **changes}
    code = data["code"]
    write(folder / code[0] / f"{code}.yaml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def test_rule_dirs_add_user_rules(project):
    text = DEFECTIVE.read_text(encoding="utf-8").replace("严格落实", "领导高度重视，严格落实", 1)
    write(project / "reports" / "r.txt", text)
    _user_rules(project / "house-rules")
    write(project / YAML_NAME, "rule-dirs: [house-rules]\nselect: [Z]\n")
    found = findings_of(project / "reports" / "r.txt")
    assert [(f["code"], f["severity"]) for f in found] == [("Z001", "warning")]
    assert "领导高度重视" in found[0]["message"]


def test_rules_and_explain_include_the_configured_rule_dirs(project):
    _user_rules(project / "house-rules")
    write(project / YAML_NAME, "rule-dirs: [house-rules]\n")
    listed = run("rules")
    assert listed.exit_code == 0 and "Z001  forbidden-word" in listed.stdout and "P001" in listed.stdout
    explained = run("explain", "Z001")
    assert explained.exit_code == 0 and "本单位公文写作规范第三条" in explained.stdout
    # with another config named explicitly, the house rules are not there
    write(project / "other.yaml", "lang: en\n")
    assert "Z001" not in run("rules", "--config", project / "other.yaml").stdout
    assert run("explain", "Z001", "--config", project / "other.yaml").exit_code == 2


def test_user_rule_validated_by_the_same_schema(project):
    _user_rules(project / "house-rules", severity="fatal")
    write(project / YAML_NAME, "rule-dirs: [house-rules]\n")
    line = one_error_line(run("check", project / "reports" / "r.txt"), str(project / "house-rules"))
    assert "Z001.yaml: severity:" in line and "fatal" in line


def test_user_rule_may_not_reuse_a_builtin_code(project):
    _user_rules(project / "house-rules", code="A002", name="my-placeholder")
    write(project / YAML_NAME, "rule-dirs: [house-rules]\n")
    line = one_error_line(run("check", project / "reports" / "r.txt"), str(project / "house-rules"))
    assert "A002" in line and "already defined in rules/A/A002.yaml" in line


# --- bad configuration: one line, exit 2 ----------------------------------------------------------

@pytest.mark.parametrize("body,key,words", [
    ("selct: [P]\n", "selct", "unknown key"),
    ("select: P\n", "select", "not of type 'array'"),
    ("select: [P00001]\n", "select", "P00001"),
    ("select: [Q]\n", "select", "matches no rule"),
    ("ignore: [A999]\n", "ignore", "matches no rule"),
    ("severity: {P002: fatal}\n", "severity.P002", "fatal"),
    ("severity: {Q123: error}\n", "severity.Q123", "no such rule"),
    ("severity: {period: error}\n", "severity", "period"),
    ("fail-on: never\n", "fail-on", "never"),
    ("era: 2020\n", "era", "2020"),
    ("year: twenty\n", "year", "twenty"),
    ("agency-kind: ministry\n", "agency-kind", "ministry"),
    ("lang: fr\n", "lang", "fr"),
    ("rule-dirs: [nowhere]\n", "rule-dirs", "nowhere"),
    ("per-file-ignores: {'*.txt': [A], x: 1}\n", "per-file-ignores.x", "array"),
    ("per-file-ignores: {'*.txt': [W]}\n", "per-file-ignores.*.txt", "matches no rule"),
])
def test_bad_yaml_value(project, body, key, words):
    write(project / YAML_NAME, body)
    line = one_error_line(run("check", project / "reports" / "r.txt"), YAML_NAME)
    assert line.startswith(f"{YAML_NAME}: {key}: ") or line.startswith(f"{YAML_NAME}: {key}"), line
    assert words in line


@pytest.mark.parametrize("body,words", [
    ("select: [P\n", "YAML"),
    ("- P\n- C\n", "mapping"),
])
def test_broken_yaml_file(project, body, words):
    write(project / YAML_NAME, body)
    assert words in one_error_line(run("check", project / "reports" / "r.txt"), YAML_NAME)


def test_pyproject_errors_name_the_table_key(project):
    write(project / "pyproject.toml", '[tool.ogi-check]\nfail_on = "warning"\n')
    line = one_error_line(run("check", project / "reports" / "r.txt"), "")
    assert "pyproject.toml: tool.ogi-check.fail_on: " in line and "unknown key" in line


def test_broken_toml_with_our_table(project):
    write(project / "pyproject.toml", '[tool.ogi-check]\nselect = ["P"\n')
    assert "TOML" in one_error_line(run("check", project / "reports" / "r.txt"), "")


def test_explicit_config_must_exist_and_hold_the_table(project):
    line = one_error_line(run("check", "--config", project / "none.yaml", project / "reports" / "r.txt"), str(project))
    assert "none.yaml: error:" in line
    write(project / "pyproject.toml", '[project]\nname = "x"\n')
    line = one_error_line(run("check", "--config", project / "pyproject.toml", project / "reports" / "r.txt"), "")
    assert "[tool.ogi-check]" in line


def test_empty_yaml_is_the_defaults(project):
    write(project / YAML_NAME, "# nothing yet\n")
    assert ALL_FOUND <= codes_of(project / "reports" / "r.txt")


def test_config_applies_to_annotate(project):
    write(project / YAML_NAME, "select: [P]\n")
    from tests.support.convert import to_docx_bytes

    docx_path = project / "reports" / "r.docx"
    docx_path.write_bytes(to_docx_bytes(DEFECTIVE.read_text(encoding="utf-8")))
    result = run("annotate", docx_path, "-o", project / "out.docx")
    assert result.exit_code == 1
    assert "已把 1 个问题写成批注" in result.stdout  # P002 only


# --- ogi-check init -------------------------------------------------------------------------------

def test_init_writes_a_starter_that_validates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("init")
    assert result.exit_code == 0, result.stderr
    written = (tmp_path / YAML_NAME).read_text(encoding="utf-8")
    assert written == STARTER
    assert written.count("\n#") > 10  # commented
    cfg = load_config(tmp_path / YAML_NAME)
    assert cfg.fail_on == "error" and cfg.ignore == []
    write(tmp_path / "r.txt", DEPARTMENT.read_text(encoding="utf-8"))
    assert run("check", "r.txt").exit_code == 0


def test_init_starter_comments_are_valid_when_uncommented(tmp_path):
    """Every example in the starter, uncommented, is itself a valid configuration."""
    lines = []
    for line in STARTER.splitlines():
        body = line[2:] if line.startswith("# ") else line
        if body.startswith((" ", "select", "extend", "ignore", "per-file", "severity", "fail-on", "year", "era",
                            "agency", "deadlines", "lang")) and not line.startswith("# ogi") and ":" in body:
            lines.append(body)
    text = "\n".join(line for line in lines if not line.startswith("ignore") and not line.startswith("fail-on"))
    data = yaml.safe_load(text)
    assert {"select", "per-file-ignores", "severity", "deadlines", "lang", "agency-kind"} <= set(data)
    jsonschema.Draft202012Validator(config_schema()).validate(data)


def test_init_refuses_to_overwrite(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / YAML_NAME, "select: [P]\n")
    line = one_error_line(run("init"), YAML_NAME)
    assert "--force" in line
    assert (tmp_path / YAML_NAME).read_text(encoding="utf-8") == "select: [P]\n"
    assert run("init", "--force").exit_code == 0
    assert (tmp_path / YAML_NAME).read_text(encoding="utf-8") == STARTER


def test_config_json_schema_file_is_shipped_with_the_rules():
    path = ROOT / "rules" / "schema" / "config.json"
    assert json.loads(path.read_text(encoding="utf-8")) == config_schema()


def test_files_of_one_config_share_their_settings_and_per_file_ignores_still_apply(tmp_path):
    """A batch in one folder builds its settings once (the parent of --jobs asks for every file twice);
    a file a per-file-ignores glob names gets settings of its own."""
    from checker.config import Resolver

    (tmp_path / ".ogi-check.yaml").write_text('per-file-ignores:\n  "b_*.txt": ["F"]\n', encoding="utf-8")
    resolver = Resolver()
    a1, a2, b = (resolver.settings_for(str(tmp_path / name)) for name in ("a1.txt", "a2.txt", "b_1.txt"))
    assert a1 is a2
    assert b is not a1
    assert any(r.code.startswith("F") for r in a1.rules)
    assert not any(r.code.startswith("F") for r in b.rules)
