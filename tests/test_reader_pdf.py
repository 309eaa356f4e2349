"""The .pdf reader: fixture reports printed to PDF as published ones are (LibreOffice, from a Word-like .docx
with merged cells, a two-line title, page numbers and a table over a page break) read back to the .docx's
rendition, findings, pages and numbers; scanned, encrypted and broken PDFs refused in one line; the layout
rules on hand-placed pages; the page shown in every output format."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from checker import limits
from checker.errors import CheckerError, InputError
from checker.findings import Finding
from checker.formatters import FORMATTERS
from checker.model import Document
from checker.readers import read_document
from checker.readers.pdf import Char, Font, Page, document_from_pages, read_pdf
from checker.rules import load_rules
from tests.support import pdfs
from tests.support.reports import check_document
from tests.test_html_report import run  # the CLI runner that keeps stderr apart, as click versions differ

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "fixtures" / "reports"
NAMES = sorted(p.stem for p in REPORTS.glob("*.txt"))
CLEAN = [n for n in NAMES if n.startswith("clean_")]
RULES = load_rules()




def _need(tool: str, found, how: str):
    if found:
        return found
    message = f"{tool} is needed to print the fixture reports as PDF: {how} (.ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(f"{tool} is missing in CI; {message}")
    pytest.skip(message)


def _has_noto_cjk() -> bool:
    """The fonts the fixture PDFs are set in (without them LibreOffice would substitute others)."""
    if shutil.which("fc-list") is None:
        return False
    listed = subprocess.run(["fc-list", ":", "family"], stdout=subprocess.PIPE, check=False).stdout.decode()
    return "Noto Serif CJK SC" in listed and "Noto Sans CJK SC" in listed


@pytest.fixture(scope="session")
def printed(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """stem → (PDF printed by LibreOffice, the reference .docx of the same converter). One soffice call for
    all the fixtures, its PDFs cached under the system's temporary folder by the converter's bytes."""
    _need("LibreOffice (soffice)", pdfs.soffice(), "apt-get install --no-install-recommends libreoffice-writer-nogui")
    _need("Noto CJK fonts", _has_noto_cjk(), "apt-get install fonts-noto-cjk")
    jobs = pdfs.fixture_jobs()
    printed_pdfs = pdfs.cached_pdfs({k: v for k, v in jobs.items() if not k.endswith(".reference")})
    folder = tmp_path_factory.mktemp("pdf-reference")
    out = {}
    for stem in NAMES:
        reference = folder / f"{stem}.docx"
        reference.write_bytes(jobs[stem + ".reference"])
        out[stem] = (printed_pdfs[stem], reference)
    return out


def _pdftotext(pdf: Path, page: int, raw: bool = False) -> str:
    """Poppler's text of one page (whitespace removed unless ``raw``): an independent reader to check against."""
    exe = _need("pdftotext", shutil.which("pdftotext"), "apt-get install poppler-utils")
    done = subprocess.run([exe, "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                          stdout=subprocess.PIPE, check=True)
    text = done.stdout.decode("utf-8")
    return text if raw else "".join(text.split())


def _page_count(pdf: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


# --- the fixture reports as published PDFs --------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_pdf_reads_as_its_docx(name, printed):
    """The whole rendition, line by line, is that of the .docx the PDF was printed from."""
    pdf, docx = printed[name]
    doc, reference = read_document(str(pdf)), read_document(str(docx))
    assert doc.source_kind == "pdf"
    assert doc.lines == reference.lines
    assert [(b.text, b.markup_level) for b in doc.text_blocks()] == \
        [(b.text, b.markup_level) for b in reference.text_blocks()]
    assert [[c.text for c in row] for b in doc.tables() for row in b.rows] == \
        [[c.text for c in row] for b in reference.tables() for row in b.rows]


@pytest.mark.parametrize("name", NAMES)
def test_pdf_gives_the_findings_of_its_docx(name, printed):
    pdf, docx = printed[name]
    got = check_document(read_document(str(pdf)), RULES)
    want = check_document(read_document(str(docx)), RULES)
    assert [(f.code, f.line, f.column, f.message) for f in got] == [(f.code, f.line, f.column, f.message) for f in want]
    assert all(f.page is not None for f in got)


@pytest.mark.parametrize("name", CLEAN)
def test_clean_pdf_gives_no_error_or_warning(name, printed):
    findings = check_document(read_document(str(printed[name][0])), RULES)
    assert [f"{f.line}: {f.code} {f.message}" for f in findings if f.severity in ("error", "warning")] == []


def test_the_fixtures_look_published(printed):
    """What the reader has to undo is really there: a two-line title, page numbers, more than one page, a table
    over a page break, a running header and a repeated header row."""
    pdf = printed["defective_2021_department"][0]
    assert _page_count(pdf) >= 5
    first = [line.strip() for line in _pdftotext(pdf, 1, raw=True).splitlines() if line.strip()]
    assert first[0].endswith("政府信息公开") and first[1] == "工作年度报告"
    assert re.fullmatch(r"-\s*1\s*-", first[-1])
    doc = read_document(str(pdf))
    table = next(b for b in doc.tables() if "申请人情况" in b.text)
    assert len({doc.pages[row[0].line] for row in table.rows}) == 2  # table 三 runs over a page break
    gov = printed["clean_2021_government"][0]
    pages_with_header = [n for n in range(1, _page_count(gov) + 1) if "云岭县人民政府信息公开年报" in _pdftotext(gov, n)]
    assert len(pages_with_header) == _page_count(gov)
    assert sum("申请人情况" in _pdftotext(gov, n) for n in range(1, _page_count(gov) + 1)) == 2  # header repeated


def test_every_line_has_its_page(printed):
    pdf = printed["defective_2021_department"][0]
    doc = read_document(str(pdf))
    assert sorted(doc.pages) == list(range(1, len(doc.lines) + 1))
    pages = [doc.pages[n] for n in range(1, len(doc.lines) + 1)]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] == _page_count(pdf)


def test_running_header_footer_and_page_numbers_are_dropped(printed):
    for name in ("clean_2021_government", "defective_2021_department"):
        doc = read_document(str(printed[name][0]))
        assert not [line for line in doc.lines if re.fullmatch(r"-\s*\d+\s*-", line) or "信息公开年报" in line]


def test_defects_are_found_at_their_page_and_line(printed):
    """Each finding's page holds its evidence (poppler's pdftotext, an independent reader, says so), and its
    line is the rendition line with the defect."""
    pdf = printed["defective_2021_department"][0]
    doc = read_document(str(pdf))
    findings = check_document(doc, RULES)
    expected = {"P002": "2022年1月1日", "C003": "0591-832156", "A002": "XX件", "A001": "[bookmark:",
                "N002": "（4）政府信息公开平台建设", "Y002": "2024年2月30日", "T020": "予以公开16件"}
    for f in findings:
        line = doc.line_text(f.line)
        if f.code in expected:
            assert expected[f.code] in line, (f.code, line)
        evidence = "".join(line[f.column - 1: (f.end_column or f.column + 4) - 1].split())
        assert evidence and evidence in _pdftotext(pdf, f.page), (f.code, f.page, evidence)
    pages = {f.code: f.page for f in findings}
    assert pages["P002"] == 1 and pages["Y002"] == _page_count(pdf)
    assert pages["T011"] == doc.pages[next(n for n, text in enumerate(doc.lines, 1) if "（一）予以公开\t" in text)]


def test_extract_gives_the_numbers_of_the_docx(printed):
    for name in ("defective_2021_department", "clean_2019_department", "clean_2021_government"):
        pdf, docx = printed[name]
        got, want = run("extract", pdf, "--format", "json"), run("extract", docx, "--format", "json")
        assert got.exit_code == want.exit_code == 0, got.stderr
        a, b = json.loads(got.stdout), json.loads(want.stdout)
        assert a.pop("source_kind") == "pdf" and b.pop("source_kind") == "docx"
        a.pop("path"), b.pop("path")
        assert a == b
        assert a["tables"]["三"]["rows"]


def test_render_shows_page_marks_between_the_numbered_lines(printed):
    pdf = printed["defective_2021_department"][0]
    result = run("render", pdf)
    assert result.exit_code == 0
    out = result.stdout.splitlines()
    marks = [line for line in out if line.startswith("---")]
    assert marks == [f"--- 第 {n} 页 ---" for n in range(1, _page_count(pdf) + 1)]
    numbered = [line for line in out if not line.startswith("---")]
    doc = read_document(str(pdf))
    assert [re.sub(r"^\s*\d+  ", "", line) for line in numbered] == doc.lines
    assert run("render", printed["defective_2021_department"][1]).stdout.count("--- 第") == 0


def test_check_text_output_names_the_page(printed):
    pdf = printed["defective_2021_department"][0]
    result = run("check", pdf, "--quiet")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines and all(re.match(r"^.+\.pdf:\d+:\d+: [A-Z]\d{3} \[(error|warning|info)\] .+（第\d+页）$", x) for x in lines)
    english = run("check", pdf, "--quiet", "--lang", "en").stdout.splitlines()
    assert all(re.search(r" \(page \d+\)$", x) for x in english)
    data = json.loads(run("check", pdf, "--format", "json").stdout)
    assert all(isinstance(f["page"], int) for f in data)


def test_owner_password_only_pdf_is_read(printed, tmp_path):
    """Published PDFs often forbid copying with an owner password only: they open without one and are read."""
    _need("qpdf", pdfs.qpdf(), "apt-get install qpdf")
    pdf = printed["clean_2021_department"][0]
    locked = pdfs.encrypt(pdf, tmp_path / "locked.pdf", user="")
    assert read_document(str(locked)).lines == read_document(str(pdf)).lines


# --- refused inputs: one line, exit status 2 ------------------------------------------------------------

def _one_line_error(path: Path, *needles: str) -> str:
    result = run("check", path)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}: error: "), result.stderr
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


def test_scanned_pdf_is_refused_with_what_to_supply(printed, tmp_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdfs.image_only_pdf(printed["clean_2021_department"][0].read_bytes(), pages=2, scale=0.5))
    line = _one_line_error(scan, "没有文字层", "OCR", ".docx", "(no text layer")
    assert re.search(r"[\u4e00-\u9fff].*\(.*[a-z].*\)$", line)


def test_encrypted_pdf_is_refused(printed, tmp_path):
    _need("qpdf", pdfs.qpdf(), "apt-get install qpdf")
    locked = pdfs.encrypt(printed["clean_2021_department"][0], tmp_path / "secret.pdf", user="secret")
    _one_line_error(locked, "已加密", "(encrypted PDF")


def test_truncated_pdf_is_refused(printed, tmp_path):
    data = printed["clean_2021_department"][0].read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(data[:2000])
    line = _one_line_error(broken, "(")
    assert "PDF" in line


@pytest.mark.parametrize("data,needle", [
    (b"", "不是有效的 PDF"),
    (b"This is not a PDF at all", "%PDF-"),
    (b"%PDF-1.7\n" + bytes(range(256)) * 40, "不是有效的 PDF"),
    (b"PK\x03\x04" + b"\0" * 100, "%PDF-"),
])
def test_garbage_pdf_is_refused(data, needle, tmp_path):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(data)
    _one_line_error(path, needle, "(not a valid PDF)")


def test_page_limit_and_time_budget(printed, monkeypatch):
    pdf = printed["clean_2021_department"][0]
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 3)
    with pytest.raises(InputError, match="OGI_CHECK_MAX_PDF_PAGES"):
        read_document(str(pdf))
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 500)
    monkeypatch.setattr(limits, "PDF_BUDGET_SECONDS", 1e-9)
    with pytest.raises(InputError, match="OGI_CHECK_PDF_BUDGET"):
        read_document(str(pdf))


def test_limits_come_from_the_environment():
    code = ("from checker import limits; print(limits.MAX_PDF_PAGES, limits.PDF_BUDGET_SECONDS)")
    env = {**os.environ, "OGI_CHECK_MAX_PDF_PAGES": "7", "OGI_CHECK_PDF_BUDGET": "2.5"}
    out = subprocess.run([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, check=True, cwd=ROOT)
    assert out.stdout.split() == [b"7", b"2.5"]


def test_a_txt_check_does_not_import_the_pdf_library(tmp_path):
    code = ("import sys; from checker.readers import read_document; "
            f"read_document({str(REPORTS / 'clean_2021_department.txt')!r}); "
            "print(sorted(m for m in sys.modules if 'pdfium' in m or 'pdfminer' in m or 'pdfplumber' in m))")
    out = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE, check=True, cwd=ROOT)
    assert out.stdout.strip() == b"[]"


# --- the reader on small PDFs made here (no LibreOffice needed) ---------------------------------------

def test_a_simple_latin_pdf_keeps_its_word_spaces(tmp_path):
    data = pdfs.text_pdf(["Annual report 2023", "Contact: office@example.gov.cn"])
    doc = read_pdf("simple.pdf", data)
    assert doc.lines == ["Annual report 2023", "Contact: office@example.gov.cn"]
    assert doc.pages == {1: 1, 2: 1}


def test_an_image_only_pdf_made_here_is_a_scan(tmp_path):
    data = pdfs.image_only_pdf(pdfs.text_pdf(["Annual report 2023"]), pages=1, scale=0.3)
    with pytest.raises(InputError, match="no text layer"):
        read_pdf("scan.pdf", data)


# --- the layout rules on hand-placed pages ---------------------------------------------------------------

EM = 16.0
LEFT, RIGHT = 80.0, 80.0 + 27 * EM  # a text block 27 characters wide


def _chars(text: str, x: float, top: float, em: float = EM, index0: int = 0) -> list[Char]:
    out = []
    for ch in text:
        width = em if ord(ch) > 0x2000 else em / 2
        if ch != " ":
            out.append(Char(ch, x, top, x + width, top + 1.4 * em, index0))
        x += width
    return out


def _page(number: int, lines: list[tuple[str, float, float]], fonts: dict | None = None,
          horizontals=(), verticals=(), height: float = 842.0) -> Page:
    """``lines``: (text, x of its first character, top); ``fonts``: line index → Font (default body)."""
    chars: list[Char] = []
    line_fonts = []
    for k, (text, x, top) in enumerate(lines):
        font = (fonts or {}).get(k, Font(EM, "ABCDEF+FangSong", False))
        line_fonts.append(font)
        chars.extend(_chars(text, x, top, font.size, index0=k))
    return Page(number, 595.0, height, chars, list(horizontals), list(verticals), lambda i: line_fonts[i])


def _wrap(text: str, first_indent: float = 2 * EM) -> list[tuple[str, float]]:
    """A paragraph broken at the right margin as a word processor breaks CJK text (no punctuation rules)."""
    out, x0, x, line = [], LEFT + first_indent, LEFT + first_indent, ""
    for ch in text:
        width = EM if ord(ch) > 0x2000 else EM / 2
        if x + width > RIGHT + 0.01:
            out.append((line, x0))
            line, x0, x = "", LEFT, LEFT
        line += ch
        x += width
    out.append((line, x0))
    return out


def test_wrapped_paragraphs_are_joined_and_indented_ones_start_anew():
    first = "本报告依据《中华人民共和国政府信息公开条例》要求编制，全文包括总体情况、主动公开政府信息情况等六个部分。"
    second = "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
    placed, top = [], 100.0
    for text in (first, second):
        for piece, x in _wrap(text):
            placed.append((piece, x, top))
            top += 28
    doc = document_from_pages("r.pdf", [_page(1, placed)])
    assert doc.lines == [first, second]


def test_a_paragraph_runs_over_the_page_break_and_the_page_number_goes():
    text = "全年共主动公开政府信息一千余条，" * 6 + "均已按规定公开。"
    pieces = _wrap(text)
    page1 = [(p, x, 700.0 + 28 * k) for k, (p, x) in enumerate(pieces[:2])] + [("- 1 -", 280.0, 790.0)]
    page2 = [("- 2 -", 280.0, 790.0)] + [(p, x, 100.0 + 28 * k) for k, (p, x) in enumerate(pieces[2:])]
    doc = document_from_pages("r.pdf", [_page(1, page1), _page(2, page2)])
    assert doc.lines == [text]
    assert doc.pages == {1: 1}


@pytest.mark.parametrize("number", ["- 4 -", "— 4 —", "第4页", "第 4 页 共 12 页", "4/12", "4"])
def test_page_number_forms_are_dropped(number):
    body = "本年度未收取信息处理费。"
    doc = document_from_pages("r.pdf", [_page(1, [(body, LEFT + 2 * EM, 100.0), (number, 280.0, 790.0)])])
    assert doc.lines == [body]


def test_a_line_repeated_at_the_top_of_most_pages_is_a_running_header():
    body = "本局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，全面推进政务公开。"
    pages = []
    for n in range(1, 4):
        text = f"第{n}部分。" + body
        placed = [(piece, x, 120.0 + 28 * k) for k, (piece, x) in enumerate(_wrap(text))]
        pages.append(_page(n, [("云岭县人民政府文件", 250.0, 40.0)] + placed))
    doc = document_from_pages("r.pdf", pages)
    assert doc.lines == [f"第{n}部分。" + body for n in range(1, 4)]
    assert doc.pages == {1: 1, 2: 2, 3: 3}


def test_a_two_line_title_is_one_paragraph_and_headings_get_levels_from_their_font():
    title = Font(22.0, "XBSong-Bold", True)
    heading = Font(EM, "SimHei", False)
    body = "本局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，全面推进政务公开工作。"
    lines = [("青禾市生态环境局2023年政府信息公开", 120.0, 80.0), ("工作年度报告", 231.0, 116.0),
             ("一、总体情况", LEFT + 2 * EM, 180.0)]
    lines += [(piece, x, 208.0 + 28 * k) for k, (piece, x) in enumerate(_wrap(body))]
    lines += [("概述", LEFT + 2 * EM, 320.0), ("正文第二段。", LEFT + 2 * EM, 348.0)]
    doc = document_from_pages("r.pdf", [_page(1, lines, {0: title, 1: title, 2: heading, len(lines) - 2: heading})])
    assert doc.lines == ["青禾市生态环境局2023年政府信息公开工作年度报告", "一、总体情况", body, "概述", "正文第二段。"]
    assert [b.markup_level for b in doc.blocks] == [None, 1, None, 1, None]


def _grid_lines(xs: list[float], ys: list[float], skip_h=(), skip_v=()):
    """Ruling lines of a full grid, minus the pieces a merge removes: skip_h (row line index, column),
    skip_v (column line index, row)."""
    hs = [(y, xs[c], xs[c + 1]) for r, y in enumerate(ys) for c in range(len(xs) - 1) if (r, c) not in skip_h]
    vs = [(x, ys[r], ys[r + 1]) for c, x in enumerate(xs) for r in range(len(ys) - 1) if (c, r) not in skip_v]
    return hs, vs


def _cell(text: str, xs, ys, r: int, c: int, rows: int = 1, cols: int = 1, em: float = 10.5) -> list[Char]:
    x0, x1, y0, y1 = xs[c], xs[c + cols], ys[r], ys[r + rows]
    width = sum(em if ord(ch) > 0x2000 else em / 2 for ch in text)
    return _chars(text, (x0 + x1 - width) / 2, (y0 + y1) / 2 - 0.7 * em, em, index0=-1)


def test_merged_cells_fill_every_position_they_cover():
    xs, ys = [80.0, 130.0, 260.0, 320.0, 380.0], [100.0, 120.0, 140.0, 160.0, 180.0]
    # row 0: a header over columns 2-3; column 0 of rows 1-3 one vertical label
    hs, vs = _grid_lines(xs, ys, skip_h={(2, 0), (3, 0)}, skip_v={(1, 0), (3, 0)})
    chars = (_cell("项目", xs, ys, 0, 0, cols=2) + _cell("申请人情况", xs, ys, 0, 2, cols=2)
             + _cell("办理结果", xs, ys, 1, 0, rows=3) + _cell("（一）予以公开", xs, ys, 1, 1)
             + _cell("18", xs, ys, 1, 2) + _cell("3", xs, ys, 1, 3) + _cell("（二）部分公开", xs, ys, 2, 1)
             + _cell("2", xs, ys, 2, 2) + _cell("0", xs, ys, 2, 3) + _cell("（七）总计", xs, ys, 3, 1)
             + _cell("20", xs, ys, 3, 2) + _cell("3", xs, ys, 3, 3))
    page = Page(1, 595.0, 842.0, chars, hs, vs, lambda i: Font(10.5))
    doc = document_from_pages("t.pdf", [page])
    [table] = list(doc.tables())
    assert [[c.text for c in row] for row in table.rows] == [
        ["项目", "项目", "申请人情况", "申请人情况"],
        ["办理结果", "（一）予以公开", "18", "3"],
        ["办理结果", "（二）部分公开", "2", "0"],
        ["办理结果", "（七）总计", "20", "3"],
    ]


def test_a_table_over_a_page_break_is_one_grid_without_its_repeated_header():
    xs = [80.0, 200.0, 300.0]
    head = [("信息内容", 0), ("本年处理决定数量", 1)]

    def part(number: int, rows: list[tuple[str, str]], top: float) -> Page:
        ys = [top + 20 * k for k in range(len(rows) + 2)]
        hs, vs = _grid_lines(xs, ys)
        chars = [ch for text, c in head for ch in _cell(text, xs, ys, 0, c)]
        for r, (label, value) in enumerate(rows, start=1):
            chars += _cell(label, xs, ys, r, 0) + _cell(value, xs, ys, r, 1)
        return Page(number, 595.0, 842.0, chars, hs, vs, lambda i: Font(10.5))

    doc = document_from_pages("t.pdf", [part(1, [("行政处罚", "236")], 700.0), part(2, [("行政强制", "31")], 80.0)])
    [table] = list(doc.tables())
    assert [[c.text for c in row] for row in table.rows] == [
        ["信息内容", "本年处理决定数量"], ["行政处罚", "236"], ["行政强制", "31"]]
    assert [doc.pages[row[0].line] for row in table.rows] == [1, 1, 2]


def test_no_characters_at_all_is_a_scan():
    with pytest.raises(InputError, match="OCR"):
        document_from_pages("s.pdf", [Page(1, 595.0, 842.0, [], [], [])])


def test_text_that_does_not_decode_is_refused():
    chars = _chars("\ue001\ue002\ue003\ue004", LEFT, 100.0)
    with pytest.raises(InputError, match="does not decode"):
        document_from_pages("s.pdf", [Page(1, 595.0, 842.0, chars, [], [], lambda i: Font(EM))])


# --- the page in every output format -----------------------------------------------------------------

PAGED = Finding(path="r.pdf", line=13, column=12, code="T020", severity="error", message="正文与表格不一致。",
                name="prose-table", excerpt="办结的申请中，予以公开16件", end_column=14, page=3)


@pytest.mark.parametrize("fmt,lang,needle", [
    ("text", "zh", "r.pdf:13:12: T020 [error] 正文与表格不一致。（第3页）"),
    ("text", "en", "r.pdf:13:12: T020 [error] 正文与表格不一致。 (page 3)"),
    ("github", "zh", "::error file=r.pdf,line=13,col=12,endLine=13,endColumn=14,title=T020 prose-table::"
                     "正文与表格不一致。（第3页）"),
    ("junit", "zh", "13:12: 正文与表格不一致。（第3页）"),
    # the HTML page says the place as a person finds it (checker/places.py): a PDF's page, not its line
    ("html", "zh", "<td><a href=\"#f0\">第3页</a></td>"),
    ("html", "en", "<td><a href=\"#f0\">page 3</a></td>"),
])
def test_formats_show_the_page(fmt, lang, needle):
    out = FORMATTERS[fmt]([PAGED], files_checked=1, lang=lang, rules=RULES, documents={}, applicable=None)
    assert needle in out


def test_json_and_sarif_carry_the_page():
    data = json.loads(FORMATTERS["json"]([PAGED], files_checked=1))
    assert data[0]["page"] == 3
    sarif = json.loads(FORMATTERS["sarif"]([PAGED], files_checked=1, rules=RULES))
    result = sarif["runs"][0]["results"][0]
    assert result["properties"] == {"page": 3}
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 13


def test_findings_without_a_page_are_printed_as_before():
    plain = msgspec.structs.replace(PAGED, page=None)
    for fmt in ("text", "github", "junit", "html", "sarif", "json"):
        out = FORMATTERS[fmt]([plain], files_checked=1, lang="zh", rules=RULES, documents={}, applicable=None)
        assert "第3页" not in out and '"page"' not in out, fmt


def test_a_page_shown_turned_is_read_as_drawn(printed, tmp_path):
    _need("qpdf", pdfs.qpdf(), "apt-get install qpdf")
    pdf = printed["clean_2021_department"][0]
    turned = tmp_path / "turned.pdf"
    subprocess.run([pdfs.qpdf(), "--rotate=+90:1-3", "--", str(pdf), str(turned)], check=True)
    doc = read_document(str(turned))
    assert doc.lines == read_document(str(pdf)).lines
    assert doc.pages == read_document(str(pdf)).pages


def test_a_page_of_hatching_is_read_as_text_and_quickly():
    import time

    hs = [(100.0 + 0.2 * k, 80.0, 500.0) for k in range(3000)]
    vs = [(80.0 + 0.14 * k, 100.0, 700.0) for k in range(3000)]
    page = _page(1, [("附图：行政区划示意图。", LEFT + 2 * EM, 720.0)], horizontals=hs, verticals=vs)
    start = time.perf_counter()
    doc = document_from_pages("map.pdf", [page])
    assert time.perf_counter() - start < 5
    assert doc.lines == ["附图：行政区划示意图。"] and not list(doc.tables())


# --- fuzz: a printed report with its bytes damaged ------------------------------------------------

_DAMAGE = st.lists(st.tuples(st.sampled_from(["flip", "cut", "repeat", "zero"]), st.floats(0, 1), st.integers(1, 4096)),
                   min_size=1, max_size=4)


def _damaged(data: bytes, damage) -> bytes:
    """The PDF with some of its bytes flipped, cut out, repeated or zeroed: xref tables, object streams and
    fonts broken the ways truncated downloads and bad converters break them."""
    out = bytearray(data)
    for how, where, size in damage:
        at = int(where * max(len(out) - 1, 0))
        if how == "flip":
            out[at:at + size] = bytes(b ^ 0x5A for b in out[at:at + size])
        elif how == "cut":
            del out[at:at + size]
        elif how == "repeat":
            out[at:at] = out[at:at + size] * 3
        else:
            out[at:at + size] = bytes(len(out[at:at + size]))
    return bytes(out)


@settings(max_examples=int(os.environ.get("OGI_FUZZ_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(damage=_DAMAGE)
def test_fuzz_damaged_pdf_gives_a_document_or_one_line(printed, damage):
    """Whatever the damage: a Document or a CheckerError of one line, never another exception, in seconds."""
    import time

    pdf = printed[NAMES[0]][0]
    start = time.perf_counter()
    try:
        doc = read_pdf(str(pdf), _damaged(pdf.read_bytes(), damage))
    except CheckerError as exc:
        assert exc.reason.strip() and "\n" not in exc.reason
    else:
        assert isinstance(doc, Document)
    assert time.perf_counter() - start < 20
