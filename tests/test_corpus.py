"""The corpus of real-looking reports (fixtures/corpus/): no false alarm on a clean report in any form, and
every planted defect found by its rule with a message that says what to write.

The corpus spans every era and kind of agency (fixtures/corpus/README.md). Each clean report is checked as
the forms real ones take: its ``.txt``, Markdown, a Word file laid out like a published one, a government
web page with its chrome (navigation, metadata table, footer), a PDF printed from the Word file by
LibreOffice (one soffice call for the whole corpus, cached by the bytes like tests/test_reader_pdf.py), and
the two forms whose layout was lost (flattened onto one line, hard-wrapped PDF text). Then each planted
defect is a small transformation of one clean report.
"""

from __future__ import annotations

import hashlib
import html
import inspect
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Optional

import pytest

from checker.run import Checker, read_report
from tests.support import layoutforms, pdfs, textforms

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus"
REPORTS = sorted(p.stem for p in CORPUS.glob("*.txt"))
CHECKER = Checker()

# Info findings a clean report may get, by form, each with the reason it is right there. (None so far:
# a clean report gets no finding at all in any form.)
ALLOWED_INFO: dict[str, set[str]] = {}

# False alarms and misses found on the corpus whose cause lies in a module another engineer owned while this
# was written: each is described, with its cause and the proposed fix, in docs/corpus.md under its key. They
# are strict xfails: the day the cause is fixed the test passes, fails as XPASS, and the line goes.
# (stem or "*", form or "*") → key in docs/corpus.md
OPEN: dict[tuple[str, str], str] = {
}


def open_issue(stem: str, form: str):
    """The key of the known open issue of this report in this form, if any."""
    for key in ((stem, form), (stem, "*"), ("*", form)):
        if key in OPEN:
            return OPEN[key]
    return None


def expect_open(request, stem: str, form: str) -> None:
    issue = open_issue(stem, form)
    if issue:
        request.node.add_marker(pytest.mark.xfail(reason=f"docs/corpus.md: {issue}", strict=True))


def source(stem: str) -> str:
    return (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")


def gov_page(text: str) -> str:
    """The report as a page of a government portal: header, menu, breadcrumb, the metadata table (索引号,
    发布机构, 生成日期), font-size and print links, the report with merged table cells, a related-links list
    and the footer with the site's registration numbers."""
    page = textforms.to_merged_html(text)
    title = "".join(text.split("\n", 2)[:2])  # a title may stand over two lines
    agency = re.sub(r"\d{4}年度?|政府信息公开工作年度报告.*", "", title)
    year = re.search(r"\d{4}", title).group(0)
    head = (
        "<header><div class=\"logo\">" + html.escape(agency) + "门户网站</div>\n"
        "<ul class=\"menu\"><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk/\">政务公开</a></li>"
        "<li><a href=\"/zwfw/\">政务服务</a></li><li><a href=\"/hdjl/\">互动交流</a></li></ul></header>\n"
        "<div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政府信息公开</a> &gt; "
        "政府信息公开年报</div>\n"
        "<table class=\"meta\"><tr><td>索引号</td><td>11350700MB1234567X/" + year + "-00012</td><td>发布机构</td>"
        "<td>" + html.escape(agency) + "</td></tr><tr><td>生成日期</td><td>" + str(int(year) + 1) + "-01-15</td>"
        "<td>发文字号</td><td></td></tr></table>\n"
        "<div class=\"tools\">字号：<a>大</a> <a>中</a> <a>小</a> <a>打印本页</a> <a>关闭窗口</a></div>\n"
    )
    foot = (
        "<div class=\"related\"><h4>相关链接</h4><ul><li><a href=\"/a\">政府信息公开指南</a></li>"
        "<li><a href=\"/b\">政府信息公开制度</a></li></ul></div>\n"
        "<footer><p>主办单位：" + html.escape(agency) + "办公室　网站标识码：3507000012　"
        "闽ICP备05012345号　闽公网安备 35070202000123号</p></footer>\n"
    )
    info = ("<div class=\"info\">发布时间：" + str(int(year) + 1) + "-01-15 09:30　来源：" + html.escape(agency)
            + "　浏览次数：1024　【字体：大 中 小】</div>\n")
    title_lines = r"<h1>.*?</h1>\n" + (r"<p>[^<]*年度报告</p>\n" if "年度报告" not in text.split("\n", 1)[0] else "")
    page = re.sub(rf"(<article>\n{title_lines})", lambda m: m.group(1) + info, page, count=1)  # after the title
    page = page.replace("<body>\n", "<body>\n" + head, 1)
    page = page.replace("</article>\n", "</article>\n" + foot, 1)
    # As a portal's editor stores it: headings as bold paragraphs, not <h2>/<h3>; paragraphs indented by
    # style with their text in a styled span; table cells holding a centred paragraph.
    page = re.sub(r"<h2>(.*?)</h2>", r'<p style="text-indent:2em"><strong>\1</strong></p>', page)
    page = re.sub(r"<h3>(.*?)</h3>", r'<p style="text-indent:2em"><span style="font-family:楷体">\1</span></p>', page)
    page = re.sub(r"<p>(.*?)</p>", r'<p style="text-indent:2em;line-height:2"><span style="font-size:16px">\1</span></p>',
                  page)
    return re.sub(r"<td([^>]*)>(.*?)</td>", r'<td\1><p align="center"><span>\2</span></p></td>', page)


def plain_word_docx(text: str) -> bytes:
    """The report as an office draft in Word: every paragraph in the Normal style, headings only set in bold
    (黑体 for 一、), the title centred, tables ruled with merged cells (no heading styles to go by)."""
    import io

    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from tests.support import convert

    document = docx.Document()
    for kind, value in convert.parse(text):
        if kind == "table":
            table = document.add_table(rows=len(value), cols=len(value[0]))
            table.style = "Table Grid"
            for r, c, h, w, cell in textforms.merged_rectangles(value):
                target = table.cell(r, c)
                if h > 1 or w > 1:
                    target = target.merge(table.cell(r + h - 1, c + w - 1))
                target.text = cell
            continue
        paragraph = document.add_paragraph()
        run = paragraph.add_run(str(value))
        if kind == "title":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold, run.font.size = True, Pt(22)
        elif kind in ("h1", "h2"):
            run.bold = True
            run.font.name = "黑体" if kind == "h1" else "楷体_GB2312"
        else:
            paragraph.paragraph_format.first_line_indent = Pt(32)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


_NUMBERING_LEVELS = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."))
_TOKEN = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.(?!\d))")


def autonumbered_word_docx(text: str) -> bytes:
    """The office draft in Word with its headings numbered by Word's multilevel list (w:numPr): the
    numbers 一、（一）1. are not in the text, Word draws them from numbering.xml, as in most drafts typed
    with the heading numbering turned on."""
    import io

    import docx
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{lvl}"/></w:lvl>'
        for i, (fmt, lvl) in enumerate(_NUMBERING_LEVELS))
    document = docx.Document(io.BytesIO(_render("docx-plain", text)))
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="90">'
                                  f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{w}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    body = list(document.element.body)
    for p in (el for el in body if el.tag == f"{{{w}}}p"):
        texts = p.findall(f".//{{{w}}}t")
        if not texts:
            continue
        token = _TOKEN.match(texts[0].text or "")
        if not token:
            continue
        level = 0 if token.group(0).endswith("、") else 1 if token.group(0).startswith("（") else 2
        if level == 2 and not p.findall(f".//{{{w}}}b"):
            continue  # a numbered paragraph of the prose, not a heading: its number stays typed
        texts[0].text = texts[0].text[token.end():]
        ppr = p.get_or_add_pPr()
        ppr.insert(0, parse_xml(f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


TEXT_FORMS = {
    "txt": ("txt", lambda t: t),
    "md": ("md", textforms.KINDS["md"][1]),
    "html": ("html", gov_page),
    "docx": ("docx", pdfs.word_docx_bytes),
    "docx-plain": ("docx", plain_word_docx),
    "docx-autonumber": ("docx", autonumbered_word_docx),
    "flattened": ("txt", layoutforms.flattened),
    "hard-wrapped": ("txt", layoutforms.hard_wrapped),
}
FORMS = sorted(TEXT_FORMS) + ["pdf"]

# Other widths and habits of the forms whose layout was lost (as tests/test_layout.py varies them).
LAYOUT_VARIANTS = layoutforms.VARIANTS


_RENDER_CACHE = Path(tempfile.gettempdir()) / "ogi-check-corpus-docx"
_RENDERERS = hashlib.sha256("".join(inspect.getsource(f) for f in (plain_word_docx, autonumbered_word_docx)).encode()
                            + Path(pdfs.__file__).read_bytes()).hexdigest()[:12]


def _render(form: str, text: str):
    """The report in ``form``; a Word file (0.7 s to lay out) is kept under the system's temporary folder by
    its text and the code that renders it, so a second run reuses it (and finds its PDF cached)."""
    render = TEXT_FORMS[form][1]
    if TEXT_FORMS[form][0] != "docx":
        return render(text)
    key = hashlib.sha256(f"{_RENDERERS}\0{form}\0{text}".encode()).hexdigest()[:24]
    path = _RENDER_CACHE / f"{key}.docx"
    if path.is_file():
        return path.read_bytes()
    data = render(text)
    _RENDER_CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(path)  # atomic: a parallel run never reads half a file
    return data


def _write(folder: Path, stem: str, form: str, text: str) -> Path:
    ext, _ = TEXT_FORMS[form]
    path = folder / f"{stem}.{form}.{ext}"
    data = _render(form, text)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def _pdf_tools_or_skip() -> None:
    missing = []
    if pdfs.soffice() is None:
        missing.append("LibreOffice (soffice)")
    if shutil.which("fc-list") is None or "Noto Serif CJK SC" not in subprocess.run(
            ["fc-list", ":", "family"], stdout=subprocess.PIPE, check=False).stdout.decode():
        missing.append("fonts-noto-cjk")
    if missing:
        message = f"{', '.join(missing)} needed to print the corpus as PDF (.ci/run installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def corpus_files(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """(stem, form) → the file, every report in every form but the PDF."""
    folder = tmp_path_factory.mktemp("corpus")
    return {(stem, form): _write(folder, stem, form, source(stem)) for stem in REPORTS for form in TEXT_FORMS}


@pytest.fixture(scope="module")
def corpus_pdfs(corpus_files) -> dict[str, Path]:
    """stem → the report printed to PDF from its Word file, all in one LibreOffice call, cached."""
    _pdf_tools_or_skip()
    return pdfs.cached_pdfs({stem: corpus_files[stem, "docx"].read_bytes() for stem in REPORTS})


def findings_of(path: Path):
    outcome = CHECKER.check_file(str(path))
    assert not isinstance(outcome, Exception), f"{path.name}: {outcome}"
    return outcome.findings


def _show(findings) -> str:
    return "\n".join(f"{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}" for f in findings)


def _unexpected(findings, form: str):
    allowed = ALLOWED_INFO.get(form, set())
    return [f for f in findings if f.severity != "info" or f.code not in allowed]


# --- clean reports ------------------------------------------------------------------------------------

def test_the_corpus_spans_every_era_and_kind():
    assert len(REPORTS) >= 16
    eras = {"2007": range(2009, 2019), "2019": (2019, 2020), "2021": range(2021, 2026)}
    years = [int(stem[:4]) for stem in REPORTS]
    for era, span in eras.items():
        assert sum(y in span for y in years) >= 3, era
    kinds = " ".join(REPORTS)
    for kind in ("county_government", "district_government", "city_government", "subdistrict", "town",
                 "education", "health", "natural_resources", "market_regulation", "national"):
        assert kind in kinds, kind


def test_the_files_are_what_the_generator_writes():
    sys.path.insert(0, str(CORPUS))
    try:
        import generate
    finally:
        sys.path.remove(str(CORPUS))
    written = {r.stem: generate.render(r) for r in generate.CORPUS}
    assert sorted(written) == REPORTS
    for stem, text in written.items():
        assert source(stem) == text, f"{stem}.txt differs from generate.py: run python fixtures/corpus/generate.py"


@pytest.mark.parametrize("form", sorted(TEXT_FORMS))
@pytest.mark.parametrize("stem", REPORTS)
def test_clean_report_gives_no_error_or_warning(stem, form, corpus_files, request):
    expect_open(request, stem, form)
    found = _unexpected(findings_of(corpus_files[stem, form]), form)
    assert not found, f"{stem} as {form}:\n{_show(found)}"


@pytest.mark.parametrize("variant", sorted(LAYOUT_VARIANTS))
@pytest.mark.parametrize("stem", REPORTS)
def test_clean_report_in_other_lost_layouts(stem, variant, tmp_path, request):
    form = "flattened" if variant.startswith("flattened") else "hard-wrapped"
    expect_open(request, stem, variant if (stem, variant) in OPEN else form)
    path = tmp_path / f"{stem}.txt"
    path.write_text(LAYOUT_VARIANTS[variant](source(stem)), encoding="utf-8")
    found = _unexpected(findings_of(path), form)
    assert not found, f"{stem} as {variant}:\n{_show(found)}"


@pytest.mark.parametrize("stem", REPORTS)
def test_clean_report_printed_to_pdf_gives_no_error_or_warning(stem, corpus_pdfs, request):
    expect_open(request, stem, "pdf")
    found = _unexpected(findings_of(corpus_pdfs[stem]), "pdf")
    assert not found, f"{stem} as pdf:\n{_show(found)}"


# --- planted defects ----------------------------------------------------------------------------------

def _sub(pattern: str, repl, count: int = 1):
    """A transformation: replace the first ``count`` matches of ``pattern`` (it must match)."""
    def transform(text: str) -> str:
        changed, n = re.subn(pattern, repl, text, count=count, flags=re.M)
        assert n, f"the pattern {pattern!r} does not occur"
        return changed
    return transform


def _table_row(label: str, column: int, delta: Optional[int]):
    """Add ``delta`` to the value in ``column`` (0-based among the values) of the table row ``label``; None
    leaves the cell blank."""
    def transform(text: str) -> str:
        lines = text.split("\n")
        for i, line in enumerate(lines):
            cells = line.split("\t")
            if label in cells[:2]:
                first = next(k for k, c in enumerate(cells) if re.fullmatch(r"-?\d+(?:\.\d+)?", c))
                cells[first + column] = "" if delta is None else str(int(cells[first + column]) + delta)
                lines[i] = "\t".join(cells)
                return "\n".join(lines)
        raise AssertionError(f"no table row {label!r}")
    return transform


def _drop_part(heading: str):
    """Remove a top-level part: its heading and everything up to the next top-level heading or the 落款."""
    def transform(text: str) -> str:
        lines = text.split("\n")
        start = lines.index(heading)
        end = next((k for k in range(start + 1, len(lines)) if re.match(r"^[一二三四五六七八九十]、", lines[k])),
                   len(lines) - 3)
        return "\n".join(lines[:start] + lines[end:])
    return transform


def _half_width(text: str) -> str:
    """The prose typed with half-width punctuation throughout (the title and the tables left alone)."""
    out = []
    for n, line in enumerate(text.split("\n")):
        if n and "\t" not in line:
            line = line.replace("，", ",").replace("；", ";").replace("：", ":")
        out.append(line)
    return "\n".join(out)


EDU = "2024_county_education"  # 2021 format, a department (1月31日)
CITY = "2023_city_government"  # 2021 format, a city government
DISTRICT = "2022_district_government"  # 2021 format, run-in part 一
NATRES19 = "2019_county_natural_resources"  # 2019 format
APPENDIX = "2014_county_education"  # 2007 regulation, with its 附表
COUNTY09 = "2009_county_government"  # 2007 regulation, no 附表

# name → (report, transformation, code, a part of the message that says what to write)
DEFECTS = {
    "period-dropped": (EDU, _sub(r"本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。", ""),
                       "P001", "统计期限"),
    "period-of-last-year": (CITY, _sub(r"自2023年1月1日起至2023年12月31日止", "自2022年1月1日起至2022年12月31日止"),
                            "P002", "应为2023年1月1日至2023年12月31日"),
    "period-of-last-year-2007": (APPENDIX, _sub(r"自2014年1月1日起至2014年12月31日止", "自2013年1月1日起至2013年12月31日止"),
                                 "P002", "应为2014年1月1日至2014年12月31日"),
    "cutoff-before-year-end": (EDU, _sub(r"全年通过", "截至2024年11月30日，通过"), "P003", "12月31日"),
    "phone-dropped": (EDU, _sub(r"电话：0796-5226018；", ""), "C006", "电话"),
    "phone-without-area-code": (CITY, _sub(r"咨询电话：0712-2356010", "咨询电话：2356010"), "C003", "0591-2356010"),
    "phone-with-em-dash": (NATRES19, _sub(r"电话：0597-4833016", "电话：0597—4833016"), "C003", "0597-4833016"),
    "postcode-five-digits": (CITY, _sub(r"邮编：432100", "邮编：43210"), "C002", "6位"),
    "email-without-at": (EDU, _sub(r"hfjyj@hefeng", "hfjyj.hefeng"), "C004", "邮箱"),
    "part-six-missing": (EDU, _drop_part("六、其他需要报告的事项"), "S001", "其他需要报告的事项"),
    "part-five-empty": (CITY, _sub(r"^(五、存在的主要问题及改进情况\n).*\n.*\n", r"\1"), "S005", "五"),
    "assessment-results-missing": (CITY, _sub(r"将政务公开工作纳入年度绩效考核.*", "加强政务公开队伍建设。"), "S004",
                                   "考核"),
    "fee-statement-missing": (CITY, _sub(r"依据《政府信息公开信息处理费管理办法》.*\n", ""), "S007", "未收取信息处理费"),
    "heading-number-skipped": (EDU, _sub(r"^（三）政府信息管理", "（四）政府信息管理"), "N001", "（三）"),
    "heading-number-style-mixed": (EDU, _sub(r"^（四）政府信息公开平台建设", "（4）政府信息公开平台建设"), "N002", "（四）"),
    "table3-row-total-off-by-one": (EDU, _table_row("（一）予以公开", 6, 1), "T011", "应为"),
    "table3-cell-off-by-one": (CITY, _table_row("（一）予以公开", 0, 1), "T011", "自然人列应为"),
    "table3-carry-forward-off": (DISTRICT, _table_row("四、结转下年度继续办理", 6, 2), "T010", "应为"),
    "table3-result-total-off": (CITY, _table_row("（七）总计", 6, -1), "T012", "应为"),
    "table3-blank-cell": (EDU, _table_row("2.重复申请", 2, None), "T004", "0"),
    "prose-contradicts-table": (EDU, _sub(r"其中予以公开9件", "其中予以公开11件"), "T020", "予以公开"),
    "prose-new-requests-contradict-table": (CITY, _sub(r"收到政府信息公开申请386件", "收到政府信息公开申请368件"),
                                            "T020", "386"),
    "percentage-wrong": (EDU, _sub(r"占办结总数的45.5%", "占办结总数的54.5%"), "T021", "45.5%"),
    "parts-exceed-total": (EDU, _sub(r"其中工作动态969条", "其中工作动态1969条"), "T022", "1939"),
    "appendix-total-off": (APPENDIX, _sub(r"^(（一）收到申请数\t件\t)14$", r"\g<1>15"), "T014", "应为"),
    "prose-contradicts-appendix": (APPENDIX, _sub(r"共受理政府信息公开申请14件", "共受理政府信息公开申请16件"),
                                   "T023", "14"),
    "plans-for-the-report-year": (CITY, _sub(r"^2024年，市政府将重点做好", "2023年，市政府将重点做好"), "Y001", "2024"),
    "plans-for-the-report-year-2007": (COUNTY09, _sub(r"^2010年，县政府将", "2009年，县政府将"), "Y001", "2010"),
    "published-after-deadline": (EDU, _sub(r"^2025年1月22日$", "2025年2月18日"), "Y003", "1月31日"),
    "impossible-date": (CITY, _sub(r"^2024年3月29日$", "2024年2月30日"), "Y002", "2月"),
    "word-conditional-comment": (EDU, _sub(r"^（一）主动公开", "<!--[if !supportLists]-->（一）主动公开"), "A001",
                                 "删除"),
    "bookmark-left": (CITY, _sub(r"^一、总体情况", "_Toc86234511一、总体情况"), "A001", "删除"),
    "placeholder-brackets": (EDU, _sub(r"组织业务培训2期", "组织业务培训【XX】期"), "A002", "实际"),
    "placeholder-xxx": (CITY, _sub(r"收回有效问卷1960份", "收回有效问卷XXX份"), "A002", "实际"),
    "placeholder-year": (COUNTY09, _sub(r"^2010年3月25日$", "20XX年3月25日"), "A002", "实际"),
    "half-width-punctuation": (EDU, _half_width, "F001", "，"),
}


# Every defect in the text forms; in Word (0.7 s to lay a report out) and PDF only those a reader could
# lose: tables, headings, contact lines, the period, debris.
PLANTED_FORMS = ["txt", "md", "html", "flattened", "hard-wrapped"]
IN_WORD_AND_PDF = ["period-of-last-year", "phone-with-em-dash", "heading-number-skipped", "table3-cell-off-by-one",
                   "table3-carry-forward-off", "prose-contradicts-table", "word-conditional-comment",
                   "appendix-total-off"]
OPEN_DEFECTS: dict[tuple[str, str], str] = {
}
# A blank cell leaves no trace in table text without a grid (a page copied flat, PDF text): the row is short
# of a value, which T007 says, with what to write.
IN_TABLE_TEXT = {("table3-blank-cell", form): ("T007", "行有6个数值，格式规定为7个") for form in ("flattened", "hard-wrapped")}
PLANTED = [(name, form) for name in sorted(DEFECTS) for form in PLANTED_FORMS] + \
    [(name, "docx") for name in IN_WORD_AND_PDF]


@pytest.fixture(scope="module")
def planted_pdfs() -> dict[str, Path]:
    """defect name → the defective report printed to PDF from its Word file (one LibreOffice call, cached)."""
    _pdf_tools_or_skip()
    jobs = {}
    for name in IN_WORD_AND_PDF:
        stem, transform, _, _ = DEFECTS[name]
        jobs[name] = _render("docx", transform(source(stem)))
    return pdfs.cached_pdfs(jobs)


def _assert_found(name: str, found, form: str = "txt") -> None:
    stem, transform, code, says = DEFECTS[name]
    code, says = IN_TABLE_TEXT.get((name, form), (code, says))
    ours = [f for f in found if f.code == code]
    assert ours, f"{name}: no {code}; found:\n{_show(found)}"
    assert any(says in f.message for f in ours), f"{name}: {code} does not say {says!r}:\n{_show(ours)}"


@pytest.mark.parametrize("name,form", PLANTED)
def test_planted_defect_is_found_with_what_to_write(name, form, tmp_path, request):
    if (name, form) in OPEN_DEFECTS:
        request.node.add_marker(pytest.mark.xfail(reason=f"docs/corpus.md: {OPEN_DEFECTS[name, form]}", strict=True))
    stem, transform, _, _ = DEFECTS[name]
    text = source(stem)
    planted = transform(text)
    assert planted != text
    _assert_found(name, findings_of(_write(tmp_path, stem, form, planted)), form)


@pytest.mark.parametrize("name", IN_WORD_AND_PDF)
def test_planted_defect_is_found_in_the_printed_pdf(name, planted_pdfs):
    _assert_found(name, findings_of(planted_pdfs[name]))


# --- causes found on the corpus, each pinned where it was fixed -------------------------------------------

def test_pdf_cell_text_keeps_small_glyphs_on_their_line():
    """A table cell printed by LibreOffice (2024_national_bureau): the boxes of “, 三, 一 and ” are short and sit
    at the top of the line, so their middles are far above the others'; they belong to the line all the same."""
    from checker.readers.pdf import Char, _block_text

    boxes = {"“": (309.23, 312.18), "”": (309.23, 312.18), "一": (309.36, 314.02), "三": (309.36, 318.16)}
    chars = []
    for n, ch in enumerate("3.危及“三安全一稳定”"):
        top, bottom = boxes.get(ch, (309.39, 318.73))
        chars.append(Char(ch, 128.0 + 10.5 * n, top, 138.0 + 10.5 * n, bottom, -1))
    for n, ch in enumerate("（续）"):  # a second line of the same cell, one line pitch below
        chars.append(Char(ch, 128.0 + 10.5 * n, 324.6, 138.0 + 10.5 * n, 333.9, -1))
    assert _block_text(chars) == "3.危及“三安全一稳定”（续）"


def test_markdown_keeps_the_text_after_a_comment_on_its_line(tmp_path):
    """Word debris in a Markdown file (2024_county_education as .md): the line shows its text after the
    comment, so the text is the report's, debris included (A001), not a comment to drop with it."""
    path = tmp_path / "report.md"
    path.write_text("青禾市水利局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n"
                    "<!--[if !supportLists]-->（一）主动公开\n\n<!-- 编者按：不显示的注释 -->\n\n正文。\n",
                    encoding="utf-8")
    texts = [b.text for b in read_report(str(path)).blocks]
    assert "<!--[if !supportLists]-->（一）主动公开" in texts
    assert not any("编者按" in t for t in texts)
    assert [f.code for f in findings_of(path) if f.code == "A001"] == ["A001"]


def _snippet_findings(tmp_path, text: str, codes: tuple[str, ...]):
    path = tmp_path / "snippet.txt"
    path.write_text("青禾市水利局2023年政府信息公开工作年度报告\n" + text, encoding="utf-8")
    return [f for f in findings_of(path) if f.code in codes]


def _open(key: str):
    return pytest.mark.xfail(reason=f"docs/corpus.md: {key}", strict=True)


def test_debris_before_a_heading_leaves_the_numbering_alone(tmp_path):
    """Before, every later sibling got N001 ("（二）是本级的第一个标题…", "（三）应为（二）"): renumbering that
    makes the report wrong. A001 reports the debris; the heading behind it keeps its number."""
    text = "一、总体情况\n<!--[if !supportLists]-->（一）主动公开\n正文。\n（二）依申请公开\n正文。\n"
    found = _snippet_findings(tmp_path, text, ("A001", "N001"))
    assert [f.code for f in found] == ["A001"]


def test_parts_after_a_count_without_a_total_marker_are_added_up(tmp_path):
    found = _snippet_findings(tmp_path, "发布解读文章10篇，其中图解6篇、视频解读5篇。\n", ("T022",))
    assert [f.code for f in found] == ["T022"]


def test_parts_stop_at_a_sibling_total(tmp_path):
    found = _snippet_findings(tmp_path, "本年度共新收政府信息公开申请23件，其中自然人申请25件，上年结转1件。\n", ("T022",))
    assert len(found) == 1 and "自然人申请25件）之和为25件，多出2件" in found[0].message


def test_word_list_numbers_are_drawn_before_their_paragraphs():
    """Word's multilevel heading list (docx-autonumber form: before, every part was missing, S001 ×6): the
    numbers count per level, a lower level starts again under each new upper one, and two w:num of one
    list go on counting."""
    from lxml import etree

    from checker.readers.docx_numbering import Numbering

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    levels = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                     f"</w:lvl>" for i, (fmt, text) in enumerate(_NUMBERING_LEVELS + (("bullet", "•"),)))
    root = etree.fromstring(f'<w:numbering xmlns:w="{w}"><w:abstractNum w:abstractNumId="7">{levels}</w:abstractNum>'
                            f'<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>'
                            f'<w:num w:numId="2"><w:abstractNumId w:val="7"/></w:num></w:numbering>')
    numbering = Numbering(root)
    drawn = [numbering.label(num, level) for num, level in
             [("1", 0), ("1", 1), ("1", 1), ("1", 2), ("1", 3), ("1", 0), ("2", 1), ("2", 2), ("0", 0), ("9", 0)]]
    assert drawn == ["一、", "（一）", "（二）", "1.", "", "二、", "（一）", "1.", "", ""]
