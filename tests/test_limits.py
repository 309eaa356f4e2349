"""Hard inputs and slow rules: one clear line, exit 2, a time bound, the file untouched, the others still checked."""

from __future__ import annotations

import io
import json
import os
import re
import stat
import threading
import time
import zipfile
from pathlib import Path

import pytest

from checker import limits
from checker.cli import main
from checker.rules import load_rules
from checker.errors import InputError, RuleFileError
from checker.readers import read_document
from tests.support.convert import to_docx_bytes
from tests.support.cli import cli_runner

ROOT = Path(__file__).resolve().parent.parent
DEPARTMENT = ROOT / "fixtures" / "reports" / "clean_2021_department.txt"
PERIOD_LINE = "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n"
BOUND = 5.0  # seconds; generous, for a shared machine: what is measured is "no hang", not speed


def department_text() -> str:
    return DEPARTMENT.read_text(encoding="utf-8")


@pytest.fixture
def good(tmp_path) -> Path:
    """A readable report with exactly one known problem (P001), checked next to each bad input."""
    path = tmp_path / "good" / "no_period.txt"
    path.parent.mkdir()
    path.write_text(department_text().replace(PERIOD_LINE, ""), encoding="utf-8")
    return path


def run(*args) -> tuple:
    runner = cli_runner()
    start = time.perf_counter()
    result = runner.invoke(main, [str(a) for a in args])
    elapsed = time.perf_counter() - start
    assert "Traceback" not in result.stdout + result.stderr
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exc_info)
    return result, elapsed


def snapshot(path: Path):
    """What the file is, without reading through a pipe or a link: mode, size, mtime, bytes or target."""
    st = os.lstat(path)
    if stat.S_ISREG(st.st_mode):
        content = path.read_bytes()
    elif stat.S_ISLNK(st.st_mode):
        content = os.readlink(path)
    else:
        content = None
    return st.st_mode, st.st_size, st.st_mtime_ns, content


def assert_refused(bad: Path, expected: str, good: Path, *, seconds: float = BOUND) -> str:
    """``check bad good``: exit 2, one stderr line about ``bad``, ``good`` still checked, ``bad`` untouched."""
    before = snapshot(bad)
    result, elapsed = run("check", "--format", "json", bad, good)
    assert elapsed < seconds, f"took {elapsed:.1f}s"
    assert result.exit_code == 2, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{bad}: error: ")
    assert expected in lines[0], lines[0]
    assert re.search(r"[\u4e00-\u9fff].*\([A-Za-z].*\)$", lines[0]), "Chinese, then English in brackets"
    findings = json.loads(result.stdout)
    assert {f["path"] for f in findings} == {str(good)}
    assert "P001" in {f["code"] for f in findings}
    assert snapshot(bad) == before
    return lines[0]


# --- sizes ----------------------------------------------------------------------------------------

def test_file_over_the_size_limit(tmp_path, good):
    bad = tmp_path / "huge.txt"
    with open(bad, "wb") as f:
        f.truncate(limits.MAX_INPUT_BYTES + 1)  # sparse: nothing is written, nothing should be read
    assert_refused(bad, "文件过大", good)


def test_size_limit_is_configurable(tmp_path, good, monkeypatch):
    monkeypatch.setattr(limits, "MAX_INPUT_BYTES", 15_000)  # what OGI_CHECK_MAX_INPUT_MB sets, in bytes
    bad = tmp_path / "report.txt"
    bad.write_text(department_text() * 2, encoding="utf-8")  # 20 KB: fine under the default
    assert_refused(bad, "文件过大", good)


def test_limits_read_the_environment(monkeypatch):
    monkeypatch.setenv("OGI_CHECK_MAX_INPUT_MB", "2.5")
    assert limits._env_number("OGI_CHECK_MAX_INPUT_MB", 50) == 2.5
    for junk in ("", "0", "-1", "lots"):
        monkeypatch.setenv("OGI_CHECK_MAX_INPUT_MB", junk)
        assert limits._env_number("OGI_CHECK_MAX_INPUT_MB", 50) == 50


def _bomb(path: Path, megabytes: int) -> Path:
    """A small .docx whose one part inflates to ``megabytes`` MB of zeros (written in chunks)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = bytes(1 << 20)
            for _ in range(megabytes):
                f.write(chunk)
    return path


@pytest.mark.parametrize("megabytes", [300, 150])  # over the total limit; under it but 1000:1
def test_zip_bomb_is_refused_within_a_second(tmp_path, good, megabytes):
    bad = _bomb(tmp_path / "bomb.docx", megabytes)
    assert bad.stat().st_size < 2 * limits.MB
    start = time.perf_counter()
    with pytest.raises(InputError) as info:
        read_document(str(bad))
    assert time.perf_counter() - start < 1.0
    assert "压缩炸弹" in info.value.reason
    assert_refused(bad, "疑似压缩炸弹", good)


def test_docx_part_over_the_part_limit(tmp_path, good, monkeypatch):
    bad = tmp_path / "report.docx"
    bad.write_bytes(to_docx_bytes(department_text()))
    monkeypatch.setattr(limits, "MAX_PART_BYTES", 1024)
    assert_refused(bad, "超过单个部件上限", good)


def test_docx_with_too_many_members(tmp_path, good):
    bad = tmp_path / "many.docx"
    with zipfile.ZipFile(bad, "w") as zf:
        for i in range(limits.MAX_ZIP_MEMBERS + 1):
            zf.writestr(f"m{i}", b"")
    assert_refused(bad, "过多", good)


# --- shapes of text that used to hang or crash ----------------------------------------------------

def test_deeply_nested_html(tmp_path, good):
    bad = tmp_path / "deep.html"
    n = 100_000
    bad.write_text("<html><body>" + "<div>" * n + "统计期限" + "</div>" * n + "</body></html>", encoding="utf-8")
    assert_refused(bad, f"嵌套超过 {limits.HTML_MAX_DEPTH} 层", good)


def test_nesting_within_the_limit_is_read(tmp_path):
    page = tmp_path / "nested.html"
    n = 200
    page.write_text("<html><body>" + "<div>" * n + "一、总体情况" + "</div>" * n + "</body></html>", encoding="utf-8")
    assert read_document(str(page)).lines == ["一、总体情况"]


def test_five_megabyte_line_is_checked_in_linear_time(tmp_path, good):
    """A report whose line breaks were lost, repeated to 5 MB on one line: read and checked, no error."""
    flat = department_text().replace("\n", "").replace("\t", " ")
    line = (flat * (5 * limits.MB // len(flat.encode("utf-8")) + 1)).encode("utf-8")[: 5 * limits.MB]
    bad = tmp_path / "one_line.txt"
    bad.write_bytes(line.decode("utf-8", "ignore").encode("utf-8"))
    before = snapshot(bad)
    result, elapsed = run("check", "--format", "json", bad, good)
    assert elapsed < 15, f"took {elapsed:.1f}s"  # 1.6 s here; quadratic code took minutes on 200 KB
    assert result.exit_code == 1
    assert result.stderr == ""
    assert {f["path"] for f in json.loads(result.stdout)} == {str(bad), str(good)}
    assert snapshot(bad) == before


# --- bytes that are not a text report -------------------------------------------------------------

@pytest.mark.parametrize("name,data,expected", [
    ("nul.txt", department_text().encode("utf-8")[:3000] + b"\x00" + b"abc", "NUL"),
    ("nul_bom.txt", b"\xef\xbb\xbf" + department_text().encode("utf-8") + b"\x00", "NUL"),
    ("nul.md", b"# title\n\x00\n", "NUL"),
    ("nul.html", b"<html><body><p>\x00</p></body></html>", "NUL"),
])
def test_nul_bytes(tmp_path, good, name, data, expected):
    bad = tmp_path / name
    bad.write_bytes(data)
    assert_refused(bad, expected, good)


@pytest.mark.parametrize("name", ["bad_bom.txt", "bad_bom.md", "bad_bom.html"])
def test_invalid_bytes_after_a_utf8_bom(tmp_path, good, name):
    bad = tmp_path / name
    bad.write_bytes(b"\xef\xbb\xbf" + "<p>政府信息公开</p>".encode("utf-8") + b"\xff\xfe\xc3(" + b"more")
    line = assert_refused(bad, "UTF-8", good)
    assert "BOM" in line


@pytest.mark.parametrize("kind,expected", [
    ("ole", "旧版 Word (.doc)"),
    ("plain-zip", "普通 zip 压缩包"),
    ("odt", "OpenDocument"),
    ("text", "不是 zip 压缩包"),
])
def test_docx_that_is_not_a_docx(tmp_path, good, kind, expected):
    bad = tmp_path / f"{kind}.docx"
    if kind == "ole":
        bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "WordDocument".encode("utf-16-le"))
    elif kind == "text":
        bad.write_text(department_text(), encoding="utf-8")
    else:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            if kind == "odt":
                zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
                zf.writestr("content.xml", "<office:document-content/>")
            else:
                zf.writestr("notes.txt", "不是 Word")
        bad.write_bytes(buf.getvalue())
    assert_refused(bad, expected, good)


# --- paths that are not files ---------------------------------------------------------------------

def test_folder_without_reports(tmp_path, good):
    bad = tmp_path / "empty"
    bad.mkdir()
    assert_refused(bad, "目录中没有可检查的报告文件", good)


def test_directory_given_to_render(tmp_path):
    folder = tmp_path / "report.txt"  # named like a report, still a folder
    folder.mkdir()
    result, elapsed = run("render", folder)
    assert elapsed < BOUND
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{folder}: error: 这是目录，不是文件 (is a directory)"


def _in_thread(func, seconds: float):
    """Run ``func`` where a hang cannot take the test run down with it."""
    box: dict = {}
    thread = threading.Thread(target=lambda: box.setdefault("value", func()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "hung (blocked on the pipe?)"
    return box["value"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_fifo_is_refused_without_blocking(tmp_path, good):
    bad = tmp_path / "pipe.txt"
    os.mkfifo(bad)
    _in_thread(lambda: assert_refused(bad, "FIFO", good), 10)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_fifo_inside_a_folder_is_skipped(tmp_path, good):
    os.mkfifo(good.parent / "pipe.txt")
    result, elapsed = _in_thread(lambda: run("check", "--format", "json", good.parent), 10)
    assert elapsed < BOUND
    assert result.exit_code == 1 and result.stderr == ""
    assert {f["path"] for f in json.loads(result.stdout)} == {str(good)}


@pytest.mark.parametrize("kind", ["dangling", "loop"])
def test_broken_symlink(tmp_path, good, kind):
    bad = tmp_path / "link.txt"
    if kind == "dangling":
        os.symlink(tmp_path / "nowhere.txt", bad)
    else:
        os.symlink(tmp_path / "other.txt", bad)
        os.symlink(bad, tmp_path / "other.txt")
    assert_refused(bad, "broken link", good)


# --- rules whose regex could hang the run ---------------------------------------------------------

def _user_rule(folder: Path, patterns: list[str], unless: str | None = None, code: str = "Z001") -> Path:
    params = {"patterns": patterns, **({"unless": unless} if unless else {})}
    rule = {
        "code": code, "name": "user-rule", "severity": "warning", "kind": "pattern", "params": params,
        "summary": {"zh": "用户规则。", "en": "A user rule."},
        "message": {"zh": "发现“{match}”。", "en": "Found {match}."},
        "basis": "本单位的写作规范",
        "examples": {"pass": ["正文。"], "fail": ["正文！"]},
    }
    path = folder / code[0] / f"{code}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rule, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
    return path


def _config(tmp_path: Path) -> Path:
    config = tmp_path / "ogi-check.yaml"
    config.write_text("rule-dirs: [myrules]\n", encoding="utf-8")
    return config


@pytest.mark.parametrize("patterns,unless,field", [
    (["(a+)+$"], None, "params.patterns.0"),
    (["XX", "(x|x)*y"], None, "params.patterns.1"),
    (["XX"], r"(\w+\s?)*$", "params.unless"),
])
def test_catastrophic_regex_is_refused_when_the_rule_loads(tmp_path, patterns, unless, field):
    path = _user_rule(tmp_path / "myrules", patterns, unless)
    with pytest.raises(RuleFileError) as info:
        load_rules([str(tmp_path / "myrules")])
    assert info.value.path == str(path)
    assert str(info.value).startswith(f"{path}: {field}: ")
    assert "灾难性回溯" in str(info.value) and "catastrophic backtracking" in str(info.value)


def test_catastrophic_regex_through_the_command_line(tmp_path, good):
    path = _user_rule(tmp_path / "myrules", ["(a+)+$"])
    before = snapshot(path)
    result, elapsed = run("check", "--config", _config(tmp_path), good)
    assert elapsed < BOUND
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and str(path) in lines[0] and "params.patterns.0" in lines[0], result.stderr
    assert snapshot(path) == before


def test_slow_regex_is_stopped_by_the_time_budget(tmp_path, good, monkeypatch):
    """``\\s*[!?]`` is not exponential, so it loads, but on a long run of spaces it is quadratic: the rule
    stops at its budget with one info finding, and the run goes on. (Not ``\\s*!``: the regex package
    that runs a user's patterns first looks for the "!" such a pattern requires, and is done at once.)"""
    monkeypatch.setattr(limits, "PATTERN_BUDGET_SECONDS", 0.5)
    _user_rule(tmp_path / "myrules", [r"\s*[!?]"])
    slow = tmp_path / "spaces.txt"
    slow.write_text(department_text() + "a" + " " * 2_000_000 + "b\n", encoding="utf-8")
    before = snapshot(slow)
    result, elapsed = run("check", "--format", "json", "--select", "Z001", "--config", _config(tmp_path), slow, good)
    assert elapsed < BOUND
    assert result.exit_code == 0, result.stderr  # an info finding does not fail the run
    findings = json.loads(result.stdout)
    assert len(findings) == 1
    note = findings[0]
    assert (note["path"], note["code"], note["severity"]) == (str(slow), "Z001", "info")
    assert "时间预算（0.5 秒）" in note["message"]
    assert snapshot(slow) == before


def test_budget_note_in_english(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "PATTERN_BUDGET_SECONDS", 0.0)
    _user_rule(tmp_path / "myrules", ["正文"])
    report = tmp_path / "r.txt"
    report.write_text(department_text(), encoding="utf-8")
    result, _ = run("check", "--format", "json", "--lang", "en", "--select", "Z001", "--config", _config(tmp_path),
                    report)
    [note] = json.loads(result.stdout)
    assert note["severity"] == "info" and "time budget (0 s)" in note["message"]


# --- the regex check and the windowed matcher on their own ----------------------------------------

@pytest.mark.parametrize("pattern", [
    r"(a+)+$", r"(x|x)*y", r"(a|aa)+b", r"(\w+\s?)*$", r"(?:\d+,?)+$", r"(?:aa?)+$", r"(a*)*b",
    r"^(\d{1,3})+$", r"(?:[a-z]+\.?)+@", r"(a?){20}a{20}",
])
def test_hazardous_patterns_are_flagged(pattern):
    assert limits.regex_hazard(pattern)


@pytest.mark.parametrize("pattern", [
    r"\d+", r"(?:\d+,)+", r"(?:ab|ac)*", r"(?:19|20)\d{2}年", r"[\u4e00-\u9fff]+(?:、[\u4e00-\u9fff]+)*",
    r"(?:ab?)*", r"(?:[，,]\s*\d{1,3})+", r"\s*!", r"(?i)(A|a)+b", r"(?:a++)+",
])
def test_safe_patterns_pass(pattern):
    assert limits.regex_hazard(pattern) is None


def test_windowed_matching_finds_what_finditer_finds():
    """Matches across window edges, ^, look-behind and look-ahead near an edge: the same as one pass."""
    unit = "XX年 ，本局（待填）_GoBack 20XX年。abc@d.cn\n"
    text = "a" + unit * 2000 + "XX"
    assert len(text) > 10 * limits.PATTERN_WINDOW
    for pattern in [r"(?<![A-Za-z])(?:XX|xx)(?![A-Za-z])", r"^a", r"(?:19|20)[Xx×]{2}年", r"[（(]\s*待填\s*[)）]",
                    r"XX$", r"\s*，", r"[A-Za-z]+@[a-z.]+", r"本局（待填）_GoBack"]:
        rx = re.compile(pattern)
        want = [m.span() for m in rx.finditer(text)]
        got = [m.span() for m in limits.bounded_finditer(rx, text, time.perf_counter() + 60)]
        assert got == want, pattern


@pytest.mark.parametrize("told, limit, expected", [
    (1000, 5000, 1000),  # the size fstat gave, read with one byte more to see the end
    (10, 5000, 1000),  # grown since fstat: read on
    (10, 500, None),  # grown past the limit since fstat: refused
    (0, 5000, 1000),
])
def test_a_file_is_read_whole_whatever_size_fstat_gave(tmp_path, monkeypatch, told, limit, expected):
    from checker import files

    path = tmp_path / "r.txt"
    path.write_bytes(bytes(range(256)) * 3 + b"x" * 232)  # 1000 bytes
    real_fstat = os.fstat

    def fstat(fd):
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, told,
                               st.st_atime, st.st_mtime, st.st_ctime))

    monkeypatch.setattr(files.os, "fstat", fstat)
    if expected is None:
        with pytest.raises(files.FileProblem, match="文件过大"):
            files.read_regular(str(path), limit)
    else:
        assert files.read_regular(str(path), limit) == path.read_bytes()
