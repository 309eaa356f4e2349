"""Output formats and output options of ``check``: sarif, github, junit, --output, --statistics, --quiet, colour."""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from checker import __version__
from checker.cli import OUTPUT_FORMATS, main
from checker.rules import load_rules
from checker.findings import Finding
from checker.formatters import FORMATTERS
from checker.formatters.github import escape_data, escape_property
from checker.formatters.sarif import artifact_uri
from checker.formatters.statistics import format_statistics
from tests.support.cli import cli_runner

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "reports"
DEFECTIVE = FIXTURES / "defective_2021_department.txt"
CLEAN = FIXTURES / "clean_2021_department.txt"
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
SUMMARY = re.compile(r"^(共发现 \d+ 个问题|未发现问题)")


def run(*args: str, env: dict | None = None):
    runner = cli_runner()
    result = runner.invoke(main, [str(a) for a in args], env=env)
    assert "Traceback" not in result.stdout + result.stderr
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exc_info)
    return result


@pytest.fixture(scope="module")
def expected() -> list[dict]:
    """The findings of the defective report as the JSON contract gives them: what every format must carry."""
    found = json.loads(run("check", "--format", "json", DEFECTIVE).stdout)
    assert len(found) >= 5 and len({f["code"] for f in found}) >= 5
    return found


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def finding(**kw) -> Finding:
    base = dict(path="r.txt", line=1, column=1, code="A002", severity="error", message="m", name="placeholder-left")
    base.update(kw)
    return Finding(**base)


# --- every formatter ------------------------------------------------------------------------------------------

def test_format_choices_are_the_formatters():
    assert OUTPUT_FORMATS == list(FORMATTERS)


@pytest.mark.parametrize("fmt", OUTPUT_FORMATS)
def test_old_call_signature_still_works(fmt):
    out = FORMATTERS[fmt]([finding()], files_checked=1, lang="zh", show_excerpt=True)
    assert isinstance(out, str) and out.endswith("\n")


@pytest.mark.parametrize("fmt", OUTPUT_FORMATS)
def test_exit_status_does_not_depend_on_format(fmt):
    assert run("check", "--format", fmt, DEFECTIVE).exit_code == 1
    assert run("check", "--format", fmt, CLEAN).exit_code == 0


# --- sarif ----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sarif() -> dict:
    return json.loads(run("check", "--format", "sarif", DEFECTIVE).stdout)


def test_sarif_structure(sarif, expected, rules):
    assert sarif["version"] == "2.1.0"
    assert sarif["$schema"].startswith("https://") and sarif["$schema"].endswith("sarif-schema-2.1.0.json")
    assert len(sarif["runs"]) == 1
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["name"] == "ogi-check" and driver["version"] == __version__
    assert "informationUri" not in driver
    assert [r["id"] for r in driver["rules"]] == [r.code for r in rules]
    by_code = {r.code: r for r in rules}
    for desc in driver["rules"]:
        rule = by_code[desc["id"]]
        assert desc["name"] == rule.name
        assert desc["shortDescription"]["text"] == rule.summary["zh"].strip()
        assert desc["fullDescription"]["text"]
        assert rule.basis in desc["help"]["text"] and "{" not in desc["help"]["text"]
        assert desc["properties"] == {"basis": rule.basis, "severity": rule.severity}
        assert desc["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning", "info": "note"}[
            rule.severity]


def test_sarif_results_carry_every_finding(sarif, expected):
    run_ = sarif["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    assert len(results) == len(expected)
    for res, f in zip(results, expected):
        assert res["ruleId"] == f["code"] == rules[res["ruleIndex"]]["id"]
        assert res["level"] == "error" and res["message"]["text"] == f["message"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == Path(f["path"]).as_uri()  # the tests pass absolute paths
        region = loc["region"]
        assert (region["startLine"], region["startColumn"]) == (f["line"], f["column"])
        if "end_column" in f:
            assert region["endColumn"] == f["end_column"]
        assert re.fullmatch(r"[0-9a-f]{64}", res["partialFingerprints"]["ogiCheck/v1"])
        want = hashlib.sha256("\0".join((f["code"], f["path"], f.get("excerpt", ""))).encode()).hexdigest()
        assert res["partialFingerprints"]["ogiCheck/v1"] == want


@pytest.mark.skipif(not SARIF_SCHEMA.is_file(), reason="the SARIF schema copy is in ../shared/schemas/ only")
def test_sarif_validates_against_the_oasis_schema(sarif):
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(sarif)]
    assert errors == []
    clean = json.loads(run("check", "--format", "sarif", CLEAN).stdout)
    assert clean["runs"][0]["results"] == [] and list(validator.iter_errors(clean)) == []


def test_sarif_levels_and_unknown_codes(rules):
    found = [finding(severity="error"), finding(code="F001", severity="warning", line=2),
             finding(code="X999", severity="info", name="from-elsewhere", line=3)]
    doc = json.loads(FORMATTERS["sarif"](found, files_checked=1, rules=rules))
    run_ = doc["runs"][0]
    assert [r["level"] for r in run_["results"]] == ["error", "warning", "note"]
    ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert ids[-1] == "X999" and run_["results"][2]["ruleIndex"] == len(ids) - 1


def test_sarif_uri_is_a_valid_relative_reference():
    uri = artifact_uri("年度报告/2021 部门\\报告#1.txt")
    assert uri.isascii() and " " not in uri and "#" not in uri and "\\" not in uri
    parts = urlsplit(uri)
    assert not parts.scheme and not parts.netloc and unquote(parts.path) == "年度报告/2021 部门/报告#1.txt"
    assert artifact_uri(str(ROOT / "a b.txt")).startswith("file:///")


def test_sarif_relative_path_stays_relative(monkeypatch):
    monkeypatch.chdir(ROOT)
    doc = json.loads(run("check", "--format", "sarif", "fixtures/reports/defective_2021_department.txt").stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]}
    assert uris == {"fixtures/reports/defective_2021_department.txt"}


def test_sarif_fingerprint_survives_moved_lines(tmp_path):
    report = tmp_path / "r.txt"
    text = DEFECTIVE.read_text(encoding="utf-8")
    prints = []
    for version in (text, "\n\n" + text):
        report.write_text(version, encoding="utf-8")
        doc = json.loads(run("check", "--format", "sarif", report).stdout)
        prints.append([r["partialFingerprints"]["ogiCheck/v1"] for r in doc["runs"][0]["results"]])
    assert prints[0] == prints[1] and len(set(prints[0])) == len(prints[0])


# --- github ---------------------------------------------------------------------------------------------------

GITHUB_LINE = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def unescape(text: str) -> str:
    for code, ch in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, ch)
    return text


def parse_github(output: str) -> list[tuple[str, dict, str]]:
    parsed = []
    for line in output.splitlines():
        m = GITHUB_LINE.match(line)
        assert m, line
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        parsed.append((m.group(1), {k: unescape(v) for k, v in props.items()}, unescape(m.group(3))))
    return parsed


def test_github_lines_parse_back(expected):
    parsed = parse_github(run("check", "--format", "github", DEFECTIVE).stdout)
    assert len(parsed) == len(expected)
    for (command, props, message), f in zip(parsed, expected):
        assert command == "error" and message == f["message"]
        assert props["file"] == f["path"]
        assert (int(props["line"]), int(props["col"])) == (f["line"], f["column"])
        assert props["title"] == f"{f['code']} {f['name']}"
        if "end_column" in f:
            assert int(props["endColumn"]) == f["end_column"] and int(props["endLine"]) == f.get("end_line", f["line"])
    assert run("check", "--format", "github", CLEAN).stdout == ""


def test_github_escaping_round_trips():
    nasty = finding(path="a,b:c%.txt", message="50%\r\nnext: line, more", severity="warning",
                    end_column=3, name="x")
    info = finding(severity="info", line=2)
    (cmd1, props, message), (cmd2, _, _) = parse_github(FORMATTERS["github"]([nasty, info], files_checked=1))
    assert (cmd1, cmd2) == ("warning", "notice")
    assert props["file"] == "a,b:c%.txt" and message == "50%\r\nnext: line, more"
    assert escape_data("a%\n") == "a%25%0A" and escape_property("a:b,c") == "a%3Ab%2Cc"


# --- junit ----------------------------------------------------------------------------------------------------

def test_junit_suites_cases_and_counts(expected):
    root = ET.fromstring(run("check", "--format", "junit", DEFECTIVE, CLEAN).stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {str(DEFECTIVE), str(CLEAN)}
    bad, good = suites[str(DEFECTIVE)], suites[str(CLEAN)]
    codes = {f["code"] for f in expected}
    assert int(bad.get("failures")) == len(codes) == len(bad.findall("testcase/failure"))
    assert int(good.get("failures")) == 0 and int(good.get("tests")) == len(good.findall("testcase")) > 10
    assert int(bad.get("tests")) == len(bad.findall("testcase"))
    assert int(root.get("tests")) == int(bad.get("tests")) + int(good.get("tests"))
    assert int(root.get("failures")) == len(codes)
    for case in bad.findall("testcase"):
        assert case.get("classname") == str(DEFECTIVE)
        code = case.get("name").split()[0]
        failure = case.find("failure")
        assert (failure is not None) == (code in codes)
        if failure is not None:
            assert failure.get("type") == "error"
            for f in (f for f in expected if f["code"] == code):
                assert f"{f['line']}:{f['column']}: {f['message']}" in failure.text
                assert f"{f['line']}:{f['column']}: {f['message']}" in failure.get("message")


def test_junit_groups_messages_of_one_code(rules):
    found = [finding(line=2, column=3, message="第一处"), finding(line=9, column=1, message="第二处", severity="warning"),
             finding(line=4, code="A001", message="\x07残留")]
    root = ET.fromstring(FORMATTERS["junit"](found, files_checked=1, rules=rules).encode("utf-8"))
    case = root.find("testsuite/testcase[@name='A002 placeholder-left']")
    assert case.find("failure").text == "2:3: 第一处\n9:1: 第二处" and case.find("failure").get("type") == "error"
    assert root.get("failures") == "2" and root.get("tests") == str(len(rules))


# --- --output ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", OUTPUT_FORMATS)
def test_output_file_holds_what_stdout_would(tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    to_stdout = run("check", "--format", fmt, DEFECTIVE)
    to_file = run("check", "--format", fmt, "--output", target, DEFECTIVE)
    assert to_file.exit_code == to_stdout.exit_code == 1
    assert target.read_text(encoding="utf-8") == to_stdout.stdout
    n = len(json.loads(run("check", "--format", "json", DEFECTIVE).stdout))
    assert n > 0
    assert [line for line in to_file.stdout.splitlines()] == [f"共发现 {n} 个问题（错误 {n}，警告 0，提示 0），检查了 1 个文件。"]


def test_output_clean_exit_zero(tmp_path):
    target = tmp_path / "out.sarif"
    result = run("check", "--format", "sarif", "-o", target, CLEAN)
    assert result.exit_code == 0 and json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert result.stdout.strip() == "未发现问题，检查了 1 个文件。"


def test_output_unwritable_is_one_line_exit_2(tmp_path):
    result = run("check", "--output", tmp_path / "missing" / "out.txt", DEFECTIVE)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


def test_output_never_overwrites_an_input(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(DEFECTIVE.read_text(encoding="utf-8"), encoding="utf-8")
    before = report.read_bytes()
    result = run("check", "--format", "json", "--output", report, tmp_path)
    assert result.exit_code == 2 and report.read_bytes() == before


# --- --statistics, --quiet, colour ------------------------------------------------------------------------------

STAT_LINE = re.compile(r"^\s*(\d+)  ([A-Z]\d{3})  ([a-z0-9-]+)$")


def test_statistics_after_text_output(expected):
    lines = run("check", "--statistics", DEFECTIVE).stdout.splitlines()
    summary_at = next(i for i, line in enumerate(lines) if SUMMARY.match(line))
    stats = [STAT_LINE.match(line) for line in lines[summary_at + 1:]]
    assert all(stats) and len(stats) == len({f["code"] for f in expected})
    assert {m.group(2): m.group(3) for m in stats} == {f["code"]: f["name"] for f in expected}


def test_statistics_order_and_counts(rules):
    found = [finding(code="C003", name="x"), finding(code="A002"), finding(code="C003", name="x"), finding(code="A001"),
             finding(code="A002")]
    rows = [STAT_LINE.match(line).groups() for line in format_statistics(found, rules=rules).splitlines()]
    assert rows == [("2", "A002", "placeholder-left"), ("2", "C003", "malformed-phone-number"),
                    ("1", "A001", "conversion-debris")]


def test_statistics_keep_machine_output_parseable(expected):
    result = run("check", "--format", "json", "--statistics", DEFECTIVE)
    assert len(json.loads(result.stdout)) == len(expected)
    assert len(result.stderr.splitlines()) == len({f["code"] for f in expected})


def test_quiet_prints_finding_lines_only(expected):
    lines = run("check", "--quiet", DEFECTIVE).stdout.splitlines()
    assert lines == [f"{f['path']}:{f['line']}:{f['column']}: {f['code']} [{f['severity']}] {f['message']}"
                     for f in expected]
    clean = run("check", "-q", CLEAN)
    assert clean.stdout == "" and clean.exit_code == 0


def test_no_colour_unless_forced():
    assert "\x1b[" not in run("check", DEFECTIVE).stdout
    forced = run("check", "--color", "always", DEFECTIVE).stdout
    assert "\x1b[31m" in forced and "\x1b[0m" in forced
    assert "\x1b[" not in run("check", "--color", "always", "--format", "json", DEFECTIVE).stdout


@pytest.mark.parametrize("no_color, tty, output, want", [
    (None, True, None, True), ("1", True, None, False), (None, False, None, False), (None, True, "f.txt", False),
    ("", True, None, True),
])
def test_colour_auto_needs_a_terminal_and_no_NO_COLOR(monkeypatch, no_color, tty, output, want):
    import checker.cli as cli

    class Stream:
        def isatty(self):
            return tty

    monkeypatch.setattr(cli.sys, "stdout", Stream())
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    assert cli._use_color("auto", output) is want
    assert cli._use_color("never", None) is False and cli._use_color("always", None) is True
    assert cli._use_color("always", "f.txt") is False  # never colour into a file


# --- integrations -----------------------------------------------------------------------------------------------

def test_pre_commit_hook_runs_check_on_reports():
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    hook = hooks["ogi-check"]
    assert hook["entry"] == "ogi-check check" and hook["language"] == "python"
    matches = [name for name in ("a.txt", "b.md", "c.docx", "d.html", "e.htm", "f.py", "g.expected.out", "h.pdf")
               if re.search(hook["files"], name)]
    assert matches == ["a.txt", "b.md", "c.docx", "d.html", "e.htm", "h.pdf"]  # PDFs are read since issue 9


def test_readme_documents_every_format_and_the_sarif_upload():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`--format {'|'.join(OUTPUT_FORMATS)}`".replace("|", "\\|") in readme
    for option in ("--output FILE", "--statistics", "--quiet", "--color"):
        assert f"`{option}" in readme, option
    assert "--format sarif --output ogi-check.sarif" in readme and "github/codeql-action/upload-sarif" in readme


# -- the JSON output is json.dumps(..., ensure_ascii=False, indent=2), written by msgspec

from hypothesis import given, settings, strategies as st  # noqa: E402

_FINDING_TEXT = st.text(st.characters(exclude_categories=()), max_size=12)  # lone surrogates too
_FINDINGS = st.lists(st.builds(
    Finding, path=_FINDING_TEXT, line=st.integers(1, 10**6), column=st.integers(1, 10**6), code=_FINDING_TEXT,
    severity=st.sampled_from(["info", "warning", "error"]), message=_FINDING_TEXT, name=_FINDING_TEXT,
    excerpt=st.none() | _FINDING_TEXT, end_line=st.none() | st.integers(1, 10**6),
    end_column=st.none() | st.integers(1, 10**6), fix=st.none() | _FINDING_TEXT, page=st.none() | st.integers(1, 999)),
    max_size=4)


@settings(max_examples=500, deadline=None)
@given(_FINDINGS)
def test_the_json_output_is_what_json_dumps_writes(findings):
    expected = json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"
    assert FORMATTERS["json"](findings, files_checked=1) == expected
