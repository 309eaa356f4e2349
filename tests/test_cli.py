"""The command line through click's CliRunner: output formats, exit codes, options, bad inputs, rule files."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

import checker.rules
from checker import __version__
from checker.cli import main
from checker.kinds import KINDS
from tests.support.convert import to_docx_bytes, to_html, to_markdown
from tests.support.cli import cli_runner

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "reports"
RULES_DIR = ROOT / "rules"
CLEAN = sorted(FIXTURES.glob("clean_*.txt"))
DEPARTMENT = FIXTURES / "clean_2021_department.txt"
GOVERNMENT = FIXTURES / "clean_2021_government.txt"
PERIOD_LINE = "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
CONTACT_PREFIX = "如对本报告有任何疑问"
SUMMARY_CLEAN = re.compile(r"^未发现问题，检查了 1 个文件。$", re.M)


def run(*args: str):
    runner = cli_runner()
    result = runner.invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exc_info)
    return result


def stderr_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def department_text() -> str:
    return DEPARTMENT.read_text(encoding="utf-8")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def without_period(text: str) -> str:
    assert PERIOD_LINE in text
    return text.replace(PERIOD_LINE + "\n", "")


def without_contact(text: str) -> str:
    lines = text.split("\n")
    kept = [line for line in lines if not line.startswith(CONTACT_PREFIX)]
    assert len(kept) == len(lines) - 1
    return "\n".join(kept)


@pytest.fixture
def defective(tmp_path) -> Path:
    """The clean department report without its 统计期限 sentence: P001 and nothing else of category P."""
    return write(tmp_path / "no_period.txt", without_period(department_text()))


def json_findings(result) -> list[dict]:
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    return data


# --- check: clean and defective ----------------------------------------------------------------

@pytest.mark.parametrize("fixture", CLEAN, ids=[p.stem for p in CLEAN])
def test_clean_fixture_passes(fixture):
    result = run("check", fixture)
    assert result.exit_code == 0, result.stdout
    assert SUMMARY_CLEAN.search(result.stdout)
    assert result.stderr == ""


def test_clean_fixture_summary_in_english():
    result = run("check", "--lang", "en", DEPARTMENT)
    assert result.exit_code == 0
    assert "No problems found in 1 file(s)." in result.stdout


def test_defective_report_gives_p001(defective):
    result = run("check", defective)
    assert result.exit_code == 1
    assert re.search(rf"^{re.escape(str(defective))}:\d+:\d+: P001 \[error\] ", result.stdout, re.M), result.stdout
    assert re.search(r"^共发现 \d+ 个问题（错误 \d+，警告 \d+，提示 \d+），检查了 1 个文件。$", result.stdout, re.M)
    assert result.stderr == ""


def test_no_excerpt(defective):
    with_excerpt = run("check", defective).stdout
    without = run("check", "--no-excerpt", defective).stdout
    assert re.search(r"^\s+\d+ \| ", with_excerpt, re.M)
    assert not re.search(r"^\s+\d+ \| ", without, re.M)
    assert "P001" in without


# --- JSON ----------------------------------------------------------------------------------------

def test_json_output_contract(tmp_path):
    text = department_text()
    a = write(tmp_path / "a.txt", without_contact(without_period(text)))
    b = write(tmp_path / "b.txt", without_period(text).replace("（二）依申请公开", "(二)依申请公开"))
    result = run("check", "--format", "json", b, a)
    assert result.exit_code == 1
    findings = json_findings(result)
    assert len(findings) >= 3
    for f in findings:
        assert isinstance(f, dict)
        assert {"path", "code", "severity", "line", "column", "message"} <= set(f)
        assert isinstance(f["line"], int) and f["line"] >= 1
        assert isinstance(f["column"], int) and f["column"] >= 1
        assert f["severity"] in ("error", "warning", "info")
        assert re.fullmatch(r"[PCSNYTAF]\d{3}", f["code"])
        assert f["message"]
    keys = [(f["path"], f["line"], f["column"], f["code"]) for f in findings]
    assert keys == sorted(keys)
    assert {f["path"] for f in findings} == {str(a), str(b)}
    codes = {(f["path"], f["code"]) for f in findings}
    assert {(str(a), "P001"), (str(a), "C001"), (str(b), "P001"), (str(b), "N003")} <= codes


def test_json_output_clean_is_empty_list():
    result = run("check", "--format", "json", DEPARTMENT)
    assert result.exit_code == 0
    assert json_findings(result) == []


# --- select / ignore -----------------------------------------------------------------------------

@pytest.fixture
def two_defects(tmp_path) -> Path:
    return write(tmp_path / "two.txt", without_contact(without_period(department_text())))


def codes_for(*args) -> set[str]:
    result = run("check", "--format", "json", *args)
    assert result.exit_code in (0, 1)
    return {f["code"] for f in json_findings(result)}


def test_two_defects_baseline(two_defects):
    codes = codes_for(two_defects)
    assert {"P001", "C001"} <= codes


def test_select_category(two_defects):
    codes = codes_for("--select", "P", two_defects)
    assert "P001" in codes
    assert all(c.startswith("P") for c in codes)


def test_ignore_code(two_defects):
    codes = codes_for("--ignore", "P001", two_defects)
    assert "P001" not in codes
    assert "C001" in codes


def test_select_list(two_defects):
    codes = codes_for("--select", "C001,P", two_defects)
    assert {"C001", "P001"} <= codes
    assert all(c == "C001" or c.startswith("P") for c in codes)


def test_select_lowercase_and_repeated(two_defects):
    codes = codes_for("--select", "c001", "--select", "p001", two_defects)
    assert codes == {"C001", "P001"}


def test_ignore_wins_over_select(two_defects):
    result = run("check", "--select", "P", "--ignore", "P001", two_defects)
    assert "P001" not in result.stdout


def test_ignore_everything_found_exits_zero(two_defects):
    result = run("check", "--ignore", "P,C", two_defects)
    assert result.exit_code == 0
    assert SUMMARY_CLEAN.search(result.stdout)


# --- fail-on -------------------------------------------------------------------------------------

@pytest.fixture
def warning_only(tmp_path) -> Path:
    text = department_text()
    assert text.count("\n（二）依申请公开\n") == 1
    return write(tmp_path / "half_width.txt", text.replace("\n（二）依申请公开\n", "\n(二)依申请公开\n"))


def test_warning_only_report(warning_only):
    result = run("check", "--format", "json", warning_only)
    findings = json_findings(result)
    assert [(f["code"], f["severity"]) for f in findings] == [("N003", "warning")]
    assert result.exit_code == 0


def test_fail_on_default_is_error(warning_only):
    result = run("check", warning_only)
    assert result.exit_code == 0
    assert re.search(rf"^{re.escape(str(warning_only))}:\d+:1: N003 \[warning\] ", result.stdout, re.M)


@pytest.mark.parametrize("level,code", [("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on_levels(warning_only, level, code):
    result = run("check", "--fail-on", level, warning_only)
    assert result.exit_code == code


def test_fail_on_unknown_value_is_usage_error(warning_only):
    result = run("check", "--fail-on", "fatal", warning_only)
    assert result.exit_code == 2


# --- year / era / agency-kind ---------------------------------------------------------------------

def test_agency_kind_option_changes_deadline():
    plain = run("check", "--format", "json", GOVERNMENT)
    assert json_findings(plain) == []
    forced = run("check", "--format", "json", "--agency-kind", "department", GOVERNMENT)
    assert forced.exit_code == 1
    findings = json_findings(forced)
    assert [f["code"] for f in findings] == ["Y003"]
    last_line = GOVERNMENT.read_text(encoding="utf-8").rstrip("\n").split("\n")
    assert findings[0]["line"] == len(last_line)


def test_year_option_contradicts_title():
    result = run("check", "--format", "json", "--year", "2022", DEPARTMENT)
    assert result.exit_code == 1
    codes = {f["code"] for f in json_findings(result)}
    assert "Y001" in codes
    assert any(f["code"] == "Y001" and f["line"] == 1 for f in json_findings(result))


def test_year_option_matching_title_is_clean():
    result = run("check", "--year", "2023", DEPARTMENT)
    assert result.exit_code == 0


def test_era_option_requires_2007_sections():
    assert run("check", DEPARTMENT).exit_code == 0
    result = run("check", "--format", "json", "--era", "2007", DEPARTMENT)
    assert result.exit_code == 1
    assert "S001" in {f["code"] for f in json_findings(result)}


@pytest.mark.parametrize("args", [("--era", "2018"), ("--year", "1999"), ("--agency-kind", "ministry")])
def test_bad_option_values_are_usage_errors(args):
    result = run("check", *args, DEPARTMENT)
    assert result.exit_code == 2


# --- bad inputs ----------------------------------------------------------------------------------

def _bad_input(tmp_path: Path, kind: str) -> Path:
    if kind == "missing":
        return tmp_path / "nowhere" / "absent.txt"
    if kind == "empty-dir":
        d = tmp_path / "empty_folder"
        d.mkdir()
        (d / "notes.xlsx").write_bytes(b"PK not a report")
        return d
    if kind == "pdf":
        p = tmp_path / "report.pdf"
        p.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
        return p
    if kind == "empty":
        p = tmp_path / "empty.txt"
        p.write_bytes(b"")
        return p
    if kind == "binary":
        import random

        p = tmp_path / "garbage.txt"
        p.write_bytes(random.Random(0).randbytes(2048))
        return p
    if kind == "text-as-docx":
        p = tmp_path / "text.docx"
        p.write_text(department_text(), encoding="utf-8")
        return p
    if kind == "doc-as-docx":
        p = tmp_path / "legacy.docx"
        p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "WordDocument".encode("utf-16-le"))
        return p
    raise AssertionError(kind)


BAD_KINDS = ["missing", "empty-dir", "pdf", "empty", "binary", "text-as-docx", "doc-as-docx"]


@pytest.mark.parametrize("kind", BAD_KINDS)
@pytest.mark.parametrize("order", ["bad-first", "bad-last"])
def test_bad_input_gives_one_stderr_line_and_good_input_is_still_checked(tmp_path, defective, kind, order):
    bad = _bad_input(tmp_path, kind)
    args = [bad, defective] if order == "bad-first" else [defective, bad]
    result = run("check", *args)
    assert result.exit_code == 2
    lines = stderr_lines(result)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{bad}: error: ")
    assert len(lines[0]) > len(f"{bad}: error: ")
    # the good input was read and reported all the same
    assert re.search(rf"^{re.escape(str(defective))}:\d+:\d+: P001 \[error\] ", result.stdout, re.M)
    assert "检查了 1 个文件" in result.stdout
    assert str(bad) + ":" not in result.stdout


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_bad_input_alone_exits_2(tmp_path, kind):
    bad = _bad_input(tmp_path, kind)
    result = run("check", "--format", "json", bad)
    assert result.exit_code == 2
    lines = stderr_lines(result)
    assert len(lines) == 1 and lines[0].startswith(f"{bad}: error: ")
    assert json_findings(result) == []


def test_all_bad_inputs_at_once(tmp_path, defective):
    bads = [_bad_input(tmp_path, k) for k in BAD_KINDS]
    result = run("check", "--format", "json", *bads, defective)
    assert result.exit_code == 2
    lines = stderr_lines(result)
    assert len(lines) == len(bads)
    for bad in bads:
        assert sum(1 for line in lines if line.startswith(f"{bad}: error: ")) == 1
    assert {f["path"] for f in json_findings(result)} == {str(defective)}


def test_bad_input_with_clean_input_still_exits_2(tmp_path):
    bad = _bad_input(tmp_path, "missing")
    result = run("check", DEPARTMENT, bad)
    assert result.exit_code == 2
    assert "检查了 1 个文件" in result.stdout


def test_inputs_are_not_modified(tmp_path, defective, warning_only):
    docx = tmp_path / "r.docx"
    docx.write_bytes(to_docx_bytes(without_period(department_text())))
    html = write(tmp_path / "r.html", to_html(department_text()))
    md = write(tmp_path / "r.md", to_markdown(department_text()))
    garbage = _bad_input(tmp_path, "binary")
    files = [defective, warning_only, docx, html, md, garbage]
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    listing = sorted(p.name for p in tmp_path.rglob("*"))
    for fmt in ("text", "json"):
        run("check", "--format", fmt, *files)
    run("render", defective)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    assert after == before
    assert sorted(p.name for p in tmp_path.rglob("*")) == listing


def test_folder_is_searched_recursively(tmp_path):
    text = without_period(department_text())
    root = tmp_path / "reports"
    expected = {
        write(root / "a.txt", text),
        write(root / "sub" / "b.md", to_markdown(text)),
        write(root / "sub" / "c.html", to_html(text)),
    }
    docx = root / "sub" / "deeper" / "d.docx"
    docx.parent.mkdir(parents=True)
    docx.write_bytes(to_docx_bytes(text))
    expected.add(docx)
    (root / "sub" / "notes.xlsx").write_bytes(b"PK not a report")
    (root / "readme.rst").write_text("not a report", encoding="utf-8")
    result = run("check", "--format", "json", root)
    assert result.exit_code == 1, result.stderr
    assert result.stderr == ""
    findings = json_findings(result)
    assert {f["path"] for f in findings if f["code"] == "P001"} == {str(p) for p in expected}
    text_result = run("check", root)
    assert "检查了 4 个文件" in text_result.stdout


def test_folder_and_file_given_twice_are_checked_once(tmp_path, defective):
    result = run("check", "--format", "json", defective, tmp_path)
    p001 = [f for f in json_findings(result) if f["code"] == "P001"]
    assert [f["path"] for f in p001] == [str(defective)]


# --- render / rules / explain --------------------------------------------------------------------

def test_render_prints_numbered_lines():
    result = run("render", DEPARTMENT)
    assert result.exit_code == 0
    source = DEPARTMENT.read_text(encoding="utf-8").split("\n")
    out = result.stdout.split("\n")
    assert out[-1] == ""
    out = out[:-1]
    assert len(out) == len(source)
    for number, (printed, line) in enumerate(zip(out, source), start=1):
        assert re.fullmatch(rf"\s*{number}  {re.escape(line)}", printed), printed


def test_render_docx_lines_match_check_lines(tmp_path):
    docx = tmp_path / "r.docx"
    docx.write_bytes(to_docx_bytes(without_period(department_text())))
    rendered = run("render", docx).stdout.split("\n")
    findings = json_findings(run("check", "--format", "json", docx))
    p001 = next(f for f in findings if f["code"] == "P001")
    assert re.match(rf"\s*{p001['line']}  ", rendered[p001["line"] - 1])


def test_render_bad_input(tmp_path):
    bad = _bad_input(tmp_path, "empty")
    result = run("render", bad)
    assert result.exit_code == 2
    lines = stderr_lines(result)
    assert len(lines) == 1 and lines[0].startswith(f"{bad}: error: ")


def all_codes() -> list[str]:
    return sorted(p.stem for p in RULES_DIR.glob("[A-Z]/*.yaml"))


def test_rules_lists_every_code():
    result = run("rules")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
    assert listed == all_codes()
    assert len(all_codes()) > 0


def test_rules_in_english():
    result = run("rules", "--lang", "en")
    assert result.exit_code == 0
    p001 = next(line for line in result.stdout.splitlines() if line.startswith("P001"))
    data = yaml.safe_load((RULES_DIR / "P" / "P001.yaml").read_text(encoding="utf-8"))
    assert data["summary"]["en"] in p001
    assert data["name"] in p001


def test_explain_prints_basis_and_examples():
    data = yaml.safe_load((RULES_DIR / "P" / "P001.yaml").read_text(encoding="utf-8"))
    result = run("explain", "P001")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("P001 ")
    assert data["name"] in out
    assert "法律依据：" + data["basis"].strip() in out
    assert "不符合的写法" in out and "符合的写法" in out
    for outcome in ("pass", "fail"):
        for example in data["examples"][outcome]:
            text = example if isinstance(example, str) else example["text"]
            for line in text.strip().split("\n"):
                assert line in out


def test_explain_is_case_insensitive():
    assert run("explain", "p001").stdout == run("explain", "P001").stdout


def test_explain_in_english():
    result = run("explain", "--lang", "en", "P001")
    assert result.exit_code == 0
    assert "Legal basis: " in result.stdout


@pytest.mark.parametrize("code", all_codes())
def test_explain_every_rule(code):
    result = run("explain", code)
    assert result.exit_code == 0
    assert result.stdout.startswith(code + " ")
    assert "法律依据：" in result.stdout


def test_explain_unknown_code():
    result = run("explain", "ZZZ9")
    assert result.exit_code == 2
    lines = stderr_lines(result)
    assert len(lines) == 1
    assert lines[0].startswith("ZZZ9: error: ")
    assert result.stdout == ""


# --- broken rule files ---------------------------------------------------------------------------

@pytest.fixture
def rules_copy(tmp_path, monkeypatch) -> Path:
    copy = tmp_path / "rules"
    shutil.copytree(RULES_DIR, copy)
    monkeypatch.setattr(checker.rules, "builtin_rules_folder", lambda: str(copy))
    checker.rules._schema.cache_clear()
    yield copy
    checker.rules._schema.cache_clear()


def _edit_rule(copy: Path, rule_code: str, **changes) -> None:
    path = copy / rule_code[0] / f"{rule_code}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_rules_copy_itself_is_fine(rules_copy):
    assert run("check", DEPARTMENT).exit_code == 0


@pytest.mark.parametrize("command", [("check", str(DEPARTMENT)), ("rules",), ("explain", "C001")])
def test_broken_severity(rules_copy, command):
    _edit_rule(rules_copy, "P001", severity="fatal")
    result = run(*command)
    assert result.exit_code == 2
    lines = stderr_lines(result)
    assert len(lines) == 1, result.stderr
    assert "rules/P/P001.yaml" in lines[0]
    assert "severity" in lines[0]
    assert "fatal" in lines[0]


def test_unknown_kind_lists_valid_kinds(rules_copy):
    _edit_rule(rules_copy, "C002", kind="magic")
    result = run("check", DEPARTMENT)
    assert result.exit_code == 2
    lines = stderr_lines(result)
    assert len(lines) == 1
    assert "rules/C/C002.yaml" in lines[0]
    assert "kind" in lines[0] and "magic" in lines[0]
    for name in KINDS:
        assert name in lines[0]


def test_missing_basis(rules_copy):
    path = rules_copy / "S" / "S001.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["basis"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run("rules")
    assert result.exit_code == 2
    lines = stderr_lines(result)
    assert len(lines) == 1 and "rules/S/S001.yaml" in lines[0] and "basis" in lines[0]


def test_code_not_matching_file_name(rules_copy):
    _edit_rule(rules_copy, "N001", code="N009")
    result = run("rules")
    assert result.exit_code == 2
    lines = stderr_lines(result)
    assert len(lines) == 1 and "rules/N/N001.yaml" in lines[0] and "code" in lines[0]


def test_invalid_yaml_names_file(rules_copy):
    (rules_copy / "A" / "A002.yaml").write_text("code: A002\nname: [unclosed\n", encoding="utf-8")
    result = run("check", DEPARTMENT)
    assert result.exit_code == 2
    lines = stderr_lines(result)
    assert len(lines) == 1 and "rules/A/A002.yaml" in lines[0]


def test_bad_params_name_the_field(rules_copy):
    _edit_rule(rules_copy, "P001", params={"check": "missing", "bogus": 1})
    result = run("rules")
    assert result.exit_code == 2
    lines = stderr_lines(result)
    assert len(lines) == 1 and "rules/P/P001.yaml" in lines[0] and "params" in lines[0]


def test_version_and_help():
    version = run("--version")
    assert version.exit_code == 0 and version.stdout == f"ogi-check, version {__version__}\n"
    result = run("--help")
    assert result.exit_code == 0
    for command in ("check", "render", "rules", "explain"):
        assert command in result.stdout
    assert "显示版本并退出" in result.stdout and "显示此帮助并退出" in result.stdout
    for args in (["-h"], ["check", "--help"], ["rules", "-h"]):  # every command, both names
        shown = run(*args)
        assert shown.exit_code == 0 and shown.stdout.startswith("Usage: ")
        assert shown.stdout.count("-h, --help") == 1 and "显示此帮助并退出" in shown.stdout


def test_a_file_option_given_a_folder_is_refused(tmp_path):
    result = run("check", "--output", tmp_path, DEPARTMENT)
    assert result.exit_code == 2 and "这是目录，不是文件" in result.stderr and str(tmp_path) in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("words, cword, expected", [
    ("ogi-check check --for", "2", "plain,--format"),  # an option of check, made only when check is asked of
    ("ogi-check ch", "1", "plain,check"),
    ("ogi-check check --output fix", "3", "file,fix"),  # a file option: the shell completes a file name
])
def test_shell_completion(words, cword, expected):
    import os
    import subprocess
    import sys

    env = {**os.environ, "_OGI_CHECK_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": cword,
           "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "checker"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.split() == [expected], (done.stdout, done.stderr)
