"""Property tests: any input gives a Document or an InputError; findings are deterministic, order-free, on the lines."""

# CI runs the "ci" profile (60 examples a test); HYPOTHESIS_PROFILE=long runs 2,000 (README, Performance).

from __future__ import annotations

import html
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings, strategies as st

from checker import limits
from checker.cli import main
from checker.rules import load_rules
from tests.support.reports import check_document
from checker.errors import InputError
from checker.kinds.pattern import PatternKind
from checker.readers import READERS
from tests.support.convert import to_docx_bytes
from tests.support.cli import cli_runner

settings.register_profile("ci", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# Applied test by test (not loaded globally) so that other test files keep their own settings.
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
SUBPROCESS = settings(PROFILE, max_examples=max(5, PROFILE.max_examples // 20))  # two interpreters an example

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules()
REPORT_LINES = sorted({line for p in sorted((ROOT / "fixtures" / "reports").glob("*.txt"))
                       for line in p.read_text(encoding="utf-8").split("\n")})
# Pieces that steer generated text into the parsers' interesting corners: heading numbers, periods,
# contacts, dates, tables, placeholders, directives, markup.
FRAGMENTS = [
    "一、", "二、", "六、", "（一）", "（3）", "1.", "1、", "(二)", "第", "件", "%", "％", "占", "其中", "总计", "表三",
    "统计期限", "自2023年1月1日起至2023年12月31日止", "2022年", "20XX年", "2月30日", "2024年1月18日",
    "电话：", "0591-83215678", "邮编：", "350001", "电子邮箱：", "a@b.gov.cn", "http://", "www.", ".gov.cn",
    "。", "；", "，", "：", "\t", "  ", "\u3000", "XX", "××", "【待填】", "_GoBack", "&nbsp;", "<p>", "|", "---",
    "<!-- ogi-check: disable=P001 -->", "<!-- ogi-check: enable -->", "人民政府", "办公室", "12", "0", "3.5",
]
LINE = st.one_of(
    st.sampled_from(REPORT_LINES),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=12).map("".join),
)
TEXT = st.lists(LINE, max_size=40).map("\n".join)
XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def read(ext: str, data: bytes):
    """The reader of ``ext`` on ``data``: a Document, or None after an InputError (anything else fails)."""
    module_name, func_name = READERS[ext]
    module = __import__(module_name, fromlist=[func_name])
    try:
        return getattr(module, func_name)(f"report{ext}", data)
    except InputError as exc:
        assert exc.reason.strip()
        return None


def pipeline(ext: str, data: bytes):
    """Read and check; every finding must point into the rendition."""
    doc = read(ext, data)
    if doc is None:
        return None
    findings = check_document(doc, RULES)
    if doc.lines:
        for f in findings:
            assert 1 <= f.line <= len(doc.lines), (f.code, f.line, len(doc.lines))
            assert f.end_line is None or f.line <= f.end_line <= len(doc.lines), (f.code, f.end_line)
            assert f.column >= 1
    return [f.to_dict() for f in findings]


def encode(text: str, codec: str) -> bytes:
    return text.encode(codec, errors="ignore")


ENCODED_TEXT = st.tuples(TEXT, st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"])).map(
    lambda tc: encode(*tc))


def as_html(lines: list[str], tags: list[str]) -> str:
    body = "".join(f"<{t}>{html.escape(line)}</{t}>" if t else line for line, t in zip(lines, tags))
    return f"<html><head><title>{html.escape(lines[0]) if lines else ''}</title></head><body>{body}</body></html>"


HTML = st.one_of(
    st.text().map(lambda t: t.encode("utf-8")),
    st.lists(LINE, max_size=30).flatmap(lambda lines: st.lists(
        st.sampled_from(["p", "h1", "h2", "div", "td", "li", "span", "pre", "article", None]),
        min_size=len(lines), max_size=len(lines)).map(lambda tags: as_html(lines, tags).encode("utf-8"))),
)
_PARTS = ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels"]
_TEMPLATE = zipfile.ZipFile(io.BytesIO(to_docx_bytes("标题\n一、总体情况\n正文。\n")))


def zip_of(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in dict(members).items():  # one member a name (zipfile warns on duplicates)
            zf.writestr(name, data)
    return buf.getvalue()


def template_with(name: str, data: bytes) -> bytes:
    """A real (tiny) .docx with one part replaced."""
    return zip_of([(n, data if n == name else _TEMPLATE.read(n)) for n in _TEMPLATE.namelist()])


DOCX = st.one_of(
    st.binary(max_size=2000),
    st.lists(st.tuples(st.sampled_from(_PARTS), st.binary(max_size=300)), max_size=5).map(zip_of),
    st.tuples(st.sampled_from(_TEMPLATE.namelist()), st.one_of(st.binary(max_size=500), TEXT.map(str.encode)))
      .map(lambda nd: template_with(*nd)),
    TEXT.map(lambda t: to_docx_bytes(XML_BAD.sub("", t))),
)


# --- nothing but InputError ----------------------------------------------------------------------

@PROFILE
@given(st.binary(max_size=4000), st.sampled_from(sorted(READERS)))
def test_arbitrary_bytes_give_a_document_or_an_input_error(data, ext):
    pipeline(ext, data)


@PROFILE
@given(ENCODED_TEXT)
def test_arbitrary_text_as_txt(data):
    pipeline(".txt", data)


@PROFILE
@given(ENCODED_TEXT)
def test_arbitrary_text_as_markdown(data):
    pipeline(".md", data)


@PROFILE
@given(HTML)
def test_arbitrary_html(data):
    pipeline(".html", data)


@PROFILE
@given(DOCX)
def test_arbitrary_docx(data):
    pipeline(".docx", data)


# --- deterministic, order-free -------------------------------------------------------------------

@PROFILE
@given(TEXT, st.sampled_from([".txt", ".md"]))
def test_same_input_same_findings(text, ext):
    data = text.encode("utf-8")
    assert pipeline(ext, data) == pipeline(ext, data)


def run_json(paths: list[str]) -> tuple[int, dict, list[str]]:
    runner = cli_runner()
    result = runner.invoke(main, ["check", "--format", "json", *paths])
    assert result.exit_code in (0, 1, 2), repr(result.exc_info)
    by_path: dict = {}
    for f in json.loads(result.stdout):
        by_path.setdefault(f["path"], []).append(f)
    return result.exit_code, by_path, sorted(result.stderr.splitlines())


@PROFILE
@given(st.lists(st.tuples(TEXT, st.sampled_from([".txt", ".md", ".html"])), min_size=2, max_size=4), st.randoms())
def test_input_order_does_not_change_any_files_findings(reports, rnd):
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, (text, ext) in enumerate(reports):
            path = Path(folder) / f"r{i}{ext}"
            data = as_html(text.split("\n"), ["p"] * (text.count("\n") + 1)) if ext == ".html" else text
            path.write_text(data, encoding="utf-8")
            paths.append(str(path))
        shuffled = paths[:]
        rnd.shuffle(shuffled)
        assert run_json(paths) == run_json(shuffled)


FORMATS = ["text", "json", "sarif", "github", "junit", "html"]


@PROFILE
@given(TEXT, st.sampled_from(FORMATS))
def test_every_output_format_on_generated_reports(text, fmt):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.txt"
        path.write_text(text, encoding="utf-8")
        runner = cli_runner()
        result = runner.invoke(main, ["check", "--format", fmt, str(path)])
        assert result.exit_code in (0, 1, 2), repr(result.exc_info)
        assert "Traceback" not in result.stdout + result.stderr


@SUBPROCESS
@given(TEXT)
def test_same_output_under_any_hash_seed(text):
    """Set iteration order changes with PYTHONHASHSEED between processes: output must not."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.txt"
        path.write_text(text, encoding="utf-8")
        outputs = set()
        for seed in ("1", "2"):
            env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
            done = subprocess.run([sys.executable, "-m", "checker", "check", "--format", "json", str(path)],
                                  capture_output=True, text=True, env=env, cwd=folder, timeout=120)
            assert "Traceback" not in done.stderr, done.stderr
            outputs.add((done.returncode, done.stdout, done.stderr))
        assert len(outputs) == 1


# --- the windowed matcher of pattern rules -------------------------------------------------------

PATTERN_TEXT = st.lists(st.sampled_from(["XX", "xx", "X", "年", "20", "19", "（", "待填", "）", "a", "b", " ", "\n",
                                         "，", "。", "_", "×", "Go", "Back", "@", "."]), max_size=400).map("".join)
PATTERNS = [r"(?<![A-Za-z])(?:XX|xx)(?![A-Za-z])", r"(?:19|20)[Xx×]{2}年", r"[（(]\s*待填\s*[)）]", r"^a", r"b$",
            r"_GoBack", r"\s*，", r"(?<=[年。])a+", r"[×_]{2,}", r"\bab\b", r"a(?=\n)"]


@PROFILE
@given(PATTERN_TEXT, st.sampled_from(PATTERNS))
def test_windowed_matching_equals_one_pass(text, pattern):
    """With a 48-character window and a 16-character overlap, every match up to 8 characters long (and its
    look-around) is found exactly as one finditer over the whole text finds it."""
    rx = re.compile(pattern)
    want = [m.span() for m in rx.finditer(text)]
    if any(e - s > 8 for s, e in want):
        return  # longer matches are cut at the window by design
    with mock.patch.object(limits, "PATTERN_WINDOW", 48), mock.patch.object(limits, "PATTERN_OVERLAP", 16):
        got = [m.span() for m in limits.bounded_finditer(rx, text, time.perf_counter() + 60)]
    assert got == want


@PROFILE
@given(st.one_of(PATTERN_TEXT, TEXT))
def test_pattern_prefilter_agrees_with_the_patterns(text):
    """A pattern rule skips a text when one joined regex finds nothing; that must mean no pattern matches."""
    for rule in RULES:
        if rule.kind == "pattern":
            kind = PatternKind(rule.params)
            if kind.any is not None:
                assert (kind.any.search(text) is None) == all(rx.search(text) is None for rx in kind.patterns)


# --- the static regex check never crashes and never flags a linear-time shape ---------------------

REGEX_ATOMS = ["a", "b", "\\d", "\\s", "[ab]", "[^a]", ".", "年", "(?:a|b)", "(?:a|ab)", "(a)", "\\1", "^", "$",
               "(?=a)", "(?<!b)"]
QUANTIFIERS = ["", "", "*", "+", "?", "{1,3}", "*?", "++"]


@PROFILE
@given(st.lists(st.tuples(st.sampled_from(REGEX_ATOMS), st.sampled_from(QUANTIFIERS)), min_size=1, max_size=6),
       st.sampled_from(["", "*", "+"]))
def test_regex_check_on_generated_patterns(parts, outer):
    pattern = "(?:" + "".join(a + q for a, q in parts) + ")" + outer
    try:
        re.compile(pattern)
    except re.error:
        return
    hazard = limits.regex_hazard(pattern)
    assert hazard is None or "catastrophic backtracking" in hazard
    if hazard is None:
        # Not flagged: it must stay fast on the classic attack strings (a long run, then a mismatch).
        start = time.perf_counter()
        for attack in ("a" * 24 + "!", "ab" * 12 + "!", "a b " * 12 + "!"):
            re.search(pattern, attack)
        assert time.perf_counter() - start < 0.5, pattern


def test_generated_docx_strategy_is_sane():
    """The DOCX strategy really produces readable Word files (else the docx test would test nothing)."""
    doc = read(".docx", to_docx_bytes("标题\n一、总体情况\n正文。\n"))
    assert doc is not None and doc.lines[0] == "标题"
    assert read(".docx", template_with("word/document.xml", b"junk")) is None
