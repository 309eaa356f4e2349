"""Small inputs that ask for enormous work, inputs empty in effect, and charsets that lie: one line, exit 2, fast.

Every case is generated here (invented text), checked through the command line next to a good report
(tests/test_limits.py's ``assert_refused``: exit 2, one stderr line naming the file in Chinese with an
English gloss, the good report still checked, the bad file byte-identical) within a generous time bound.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from checker import limits
from checker.errors import CheckerError, InputError
from checker.model import Document
from checker.readers import read_document
from checker.readers.bounds import NO_TEXT
from checker.readers.docx import read_docx
from checker.readers.html import read_html
from tests.test_limits import PERIOD_LINE, assert_refused, department_text, run, snapshot

ROOT = Path(__file__).resolve().parent.parent
BOUND = 20.0  # seconds, for a shared machine: each case takes well under a second here
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture
def good(tmp_path) -> Path:
    """A readable report with exactly one known problem (P001), checked next to each bad input."""
    path = tmp_path / "good" / "no_period.txt"
    path.parent.mkdir()
    path.write_text(department_text().replace(PERIOD_LINE, ""), encoding="utf-8")
    return path


def docx_package(body: str) -> bytes:
    """A minimal Word package around ``body`` (the inside of w:body), written by hand: python-docx could not
    write the shapes these tests need."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
            'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>'))
        zf.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'))
        zf.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}">'
                                         f"<w:body>{body}</w:body></w:document>")
    return buf.getvalue()


def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def tc(text: str = "", span: int = 1, vmerge: str | None = None) -> str:
    props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        "" if vmerge is None else ('<w:vMerge/>' if vmerge == "" else f'<w:vMerge w:val="{vmerge}"/>'))
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{para(text)}</w:tc>"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- 1. bounded work per document ----------------------------------------------------------------

def test_html_colspans_and_rowspans_that_multiply(tmp_path, good):
    """4 KB asking for 60 × 1,000 columns over 201 rows (12 million cells): refused before any is built."""
    first = "<tr>" + '<td colspan="1000" rowspan="0">甲</td>' * 60 + "</tr>"
    html = f"<html><body><table>{first}{'<tr><td>乙' * 200}</table></body></html>"
    bad = write(tmp_path, "spans.html", html.encode("utf-8"))
    assert bad.stat().st_size < 5000
    line = assert_refused(bad, "个单元格，超过上限", good, seconds=BOUND)
    assert "OGI_CHECK_MAX_TABLE_CELLS" in line


def test_docx_grid_spans_and_vertical_merges_that_multiply(tmp_path, good):
    """One row of 200 cells spanning 64 grid columns each, then 3,000 rows continuing its merge."""
    rows = "<w:tr>" + tc("甲", span=64, vmerge="restart") * 200 + "</w:tr>" + ("<w:tr>" + tc(vmerge="") + "</w:tr>") * 3000
    bad = write(tmp_path, "spans.docx", docx_package(para("某局2023年报告") + f"<w:tbl>{rows}</w:tbl>"))
    assert bad.stat().st_size < 60_000
    assert_refused(bad, "个单元格，超过上限", good, seconds=BOUND)


def test_overlapping_rowspans_count_every_position_they_fill(tmp_path, good, monkeypatch):
    """Cells of later rows spanning over a rowspan from above fill positions twice: counted, not only the grid."""
    monkeypatch.setattr(limits, "MAX_TABLE_CELLS", 400)
    rows = '<tr><td>0</td><td rowspan="0">竖</td></tr>' + '<tr><td colspan="30" rowspan="0">横</td></tr>' * 12
    bad = write(tmp_path, "overlap.html", f"<table>{rows}</table>".encode("utf-8"))
    assert_refused(bad, "超过上限 400 个", good)


def test_many_tables_each_within_the_limit_exceed_the_document_limit(tmp_path, good, monkeypatch):
    monkeypatch.setattr(limits, "MAX_DOCUMENT_CELLS", 1000)
    table = "<table>" + "<tr>" + "<td>1</td>" * 10 + "</tr>" * 1 + "</table>"
    bad = write(tmp_path, "tables.html", ("<p>某局2023年报告</p>" + table * 101).encode("utf-8"))
    line = assert_refused(bad, "全部表格合并单元格展开后超过 1000 个单元格", good)
    assert "OGI_CHECK_MAX_DOCUMENT_CELLS" in line


@pytest.mark.parametrize("ext", [".txt", ".md", ".html", ".docx"])
def test_too_many_blocks(tmp_path, good, monkeypatch, ext):
    monkeypatch.setattr(limits, "MAX_BLOCKS", 50)
    lines = [f"第{i}段正文。" for i in range(60)]
    data = {
        ".txt": "\n".join(lines).encode("utf-8"),
        ".md": "\n\n".join(lines).encode("utf-8"),
        ".html": "".join(f"<p>{t}</p>" for t in lines).encode("utf-8"),
        ".docx": docx_package("".join(para(t) for t in lines)),
    }[ext]
    bad = write(tmp_path, "blocks" + ext, data)
    line = assert_refused(bad, "段落和表格超过 50 个", good)
    assert "OGI_CHECK_MAX_BLOCKS" in line


def test_a_hundred_thousand_row_table_is_refused_in_seconds(tmp_path, good):
    rows = "".join(f"第{i}项\t{i}\t{i % 7}\t0\t1\n" for i in range(100_000))
    bad = write(tmp_path, "rows.txt", ("某局2023年政府信息公开工作年度报告\n" + rows).encode("utf-8"))
    assert_refused(bad, "个单元格，超过上限", good, seconds=BOUND)


def test_a_49_megabyte_single_line_is_refused_in_seconds(tmp_path, good):
    bad = tmp_path / "line.txt"
    with open(bad, "wb") as f:
        unit = ("本机关主动公开政府信息一百条，" * 100 + "abc ").encode("utf-8")
        f.write(unit * (49 * limits.MB // len(unit)))
    line = assert_refused(bad, "个字符", good, seconds=BOUND)
    assert "OGI_CHECK_MAX_CHARS" in line


def test_merged_text_repeated_past_the_character_limit(tmp_path, good, monkeypatch):
    """Within the cell limits, a long cell text repeated into every position it covers is counted as written out."""
    monkeypatch.setattr(limits, "MAX_CHARS", 200_000)
    text = "长" * 2000
    bad = write(tmp_path, "long.html", f'<p>某局报告</p><table><tr><td colspan="200">{text}</td></tr></table>'
                .encode("utf-8"))
    assert bad.stat().st_size < 10_000
    assert_refused(bad, "超过 200000 个字符", good)


def test_limits_are_set_through_the_environment():
    code = ("from checker import limits; print(limits.MAX_TABLE_CELLS, limits.MAX_DOCUMENT_CELLS, "
            "limits.MAX_BLOCKS, limits.MAX_CHARS)")
    env = {**os.environ, "OGI_CHECK_MAX_TABLE_CELLS": "7", "OGI_CHECK_MAX_DOCUMENT_CELLS": "8",
           "OGI_CHECK_MAX_BLOCKS": "9", "OGI_CHECK_MAX_CHARS": "10"}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["7", "8", "9", "10"]


def _seconds(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def test_a_long_word_body_is_read_in_linear_time():
    """Anchors are counted on the way down, not looked up with index(): 16× the paragraphs, about 16× the time."""
    small = docx_package("".join(para(f"第{i}段。") for i in range(2000)))
    large = docx_package("".join(para(f"第{i}段。") for i in range(32000)))
    t_small = min(_seconds(lambda: read_docx("s.docx", small)) for _ in range(3))
    t_large = min(_seconds(lambda: read_docx("l.docx", large)) for _ in range(2))
    assert t_large < 40 * t_small + 0.5, (t_small, t_large)


@pytest.mark.parametrize("filler", [b"<w:style ", b'<w:style w:type="paragraph">', b'<w:style w:type="paragraph"><w:name/>'])
def test_a_styles_part_of_unclosed_styles_is_read_in_linear_time(filler):
    """The paragraph styles are cut out of the bytes before any parse: 4 MB of style starts that never end
    must cost one pass, not one pass each. (What is cut out parses, so the document is read with no
    paragraph styles: the rest of the styles part, which the rendition does not need, is not judged.)"""
    from tests.support.convert import to_docx_bytes

    data = to_docx_bytes("某局2023年政府信息公开工作年度报告\n一、总体情况\n正文。\n")
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in src.namelist():
            styles = f'<w:styles xmlns:w="{W_NS}">'.encode() + filler * (4 * limits.MB // len(filler))
            zf.writestr(name, styles if name == "word/styles.xml" else src.read(name))
    start = time.perf_counter()
    doc = read_docx("styles.docx", buf.getvalue())
    assert time.perf_counter() - start < 5.0
    assert [b.text for b in doc.blocks] == ["某局2023年政府信息公开工作年度报告", "一、总体情况", "正文。"]


def test_nested_containers_and_hidden_articles_are_read_in_linear_time():
    """Nested article containers, each holding the whole text, and nested empty <article>s over a big hidden
    subtree: each text is taken once, not once an ancestor."""
    text = "<p>" + "本机关主动公开政府信息。" * 50 + "</p>"
    nested = '<div class="content">' * 200 + text * 200 + "</div>" * 200
    hidden = "<article>" * 200 + '<span style="display:none">隐</span>' * 20000 + "</article>" * 200
    for body in (nested, hidden + text):
        data = f"<html><body>{body}</body></html>".encode("utf-8")
        assert _seconds(lambda page=data: read_html("n.html", page)) < 5.0


# --- 2. no document causes a traceback: charsets and inputs empty in effect -------------------------

REPORT_HTML = ("<html><head><meta charset=\"{charset}\"><title>某局报告</title></head><body>"
               "<h1>某局2023年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>本年度主动公开政府信息100条。</p></body></html>")


@pytest.mark.parametrize("charset", ["undefined", "utf-7", "unicode_escape", "raw_unicode_escape", "rot13",
                                     "base64", "hex", "zlib", "idna", "punycode", "no-such-charset", "mbcs",
                                     "utf-16", "x-user-defined"])
def test_a_charset_that_is_no_real_text_encoding_falls_back_to_detection(charset):
    for encoding in ("utf-8", "gb18030"):
        doc = read_html("c.html", REPORT_HTML.format(charset=charset).encode(encoding))
        assert doc.lines == ["某局2023年政府信息公开工作年度报告", "一、总体情况", "本年度主动公开政府信息100条。"]


@pytest.mark.parametrize("charset,encoding", [("gb2312", "utf-8"), ("iso-8859-1", "utf-8"), ("iso-8859-1", "gbk"),
                                              ("windows-1252", "gb18030"), ("ascii", "gbk"), ("utf-8", "gbk"),
                                              ("big5", "utf-8"), ("shift_jis", "utf-8")])
def test_a_charset_that_lies_falls_back_to_detection(charset, encoding):
    doc = read_html("c.html", REPORT_HTML.format(charset=charset).encode(encoding))
    assert doc.lines[0] == "某局2023年政府信息公开工作年度报告"


def test_a_real_declared_charset_is_still_used():
    big5 = REPORT_HTML.format(charset="big5").replace("某局", "臺灣某局").encode("big5", "ignore")
    assert read_html("b.html", big5).lines[0].startswith("臺灣")


def test_undefined_charset_through_the_command_line(tmp_path, good):
    page = write(tmp_path, "undefined.html", REPORT_HTML.format(charset="undefined").encode("utf-8"))
    before = snapshot(page)
    result, elapsed = run("check", "--format", "json", page, good)
    assert result.exit_code == 1 and result.stderr == ""
    assert snapshot(page) == before


HIDDEN_DOCX_RUN = '<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的文字</w:t></w:r></w:p>'


@pytest.mark.parametrize("name,data", [
    ("bom.txt", b"\xef\xbb\xbf"),
    ("bom.md", b"\xef\xbb\xbf"),
    ("bom.html", b"\xef\xbb\xbf"),
    ("bom16.txt", b"\xff\xfe"),
    ("ideographic-space.txt", "\u3000\u3000\n\u3000 \u00a0\n".encode("utf-8")),
    ("nbsp.md", "\u00a0\n\t\u3000\n".encode("utf-8")),
    ("zero-width.txt", "\u200b\u3000\u200b\u2060\n".encode("utf-8")),
    ("unclosed-comment.md", "<!-- 草稿\n某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度主动公开信息100条。\n".encode()),
    ("comments-only.md", "<!-- 第一段 -->\n\n<!-- 第二段\n仍是注释 -->\n".encode("utf-8")),
    ("unclosed-comment.html", "<html><body><!-- <p>某局2023年报告</p><p>正文</p>".encode("utf-8")),
    ("furniture.html", "<html><head><title></title></head><body><nav>首页</nav><script>var a='正文';</script>"
                       "<footer>版权所有</footer><div hidden>隐藏</div></body></html>".encode("utf-8")),
    ("blank.docx", docx_package("<w:p/><w:p><w:r><w:t>\u3000 </w:t></w:r></w:p>")),
    ("hidden.docx", docx_package(HIDDEN_DOCX_RUN)),
], ids=lambda v: v if isinstance(v, str) else "")
def test_an_input_empty_in_effect_is_one_line_exit_2(tmp_path, good, name, data):
    bad = write(tmp_path, name, data)
    line = assert_refused(bad, "没有可检查的文字", good)
    assert line == f"{bad}: error: {NO_TEXT}"


def test_a_python_docx_file_with_no_text_is_refused_too():
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    with pytest.raises(InputError) as info:
        read_docx("empty.docx", buf.getvalue())
    assert info.value.reason == NO_TEXT


def test_checking_text_and_word_reports_does_not_import_python_docx(tmp_path):
    report = department_text()
    (tmp_path / "r.txt").write_text(report, encoding="utf-8")
    from tests.support.convert import to_docx_bytes

    (tmp_path / "r.docx").write_bytes(to_docx_bytes(report))
    code = ("import sys; from checker.cli import main\n"
            "try:\n    main(['check', '-q', sys.argv[1], sys.argv[2]])\n"
            "except SystemExit:\n    pass\n"
            "print('docx' in sys.modules, file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "r.txt"), str(tmp_path / "r.docx")],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.stderr.strip().splitlines()[-1] == "False", out.stderr


# --- fuzz: spans, counts and nesting ------------------------------------------------------------

FUZZ = settings(max_examples=int(os.environ.get("OGI_FUZZ_EXAMPLES", "60")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SPAN = st.one_of(st.integers(-3, 70), st.integers(0, 10**12), st.sampled_from(["", "x", " 5", "٣", "1e9", "0x10"]))


def _bounded(read, data: bytes) -> None:
    """Either a Document or a CheckerError, within seconds; the limits keep the work small."""
    start = time.perf_counter()
    try:
        doc = read(data)
    except CheckerError as exc:
        assert exc.reason.strip() and "\n" not in exc.reason
    else:
        assert isinstance(doc, Document)
    assert time.perf_counter() - start < BOUND


@st.composite
def html_tables(draw) -> bytes:
    rows = []
    for _ in range(draw(st.integers(0, 12))):
        cells = "".join(
            f'<{draw(st.sampled_from(["td", "th", "p"]))} colspan="{draw(SPAN)}" rowspan="{draw(SPAN)}">'
            f'{draw(st.sampled_from(["甲", "", "1", "<br>", "<table><tr><td rowspan=0>嵌</td></tr></table>"]))}</td>'
            for _ in range(draw(st.integers(0, 8))))
        rows.append(f"<tr>{cells}</tr>")
    depth = draw(st.integers(0, 300))
    wrapper = draw(st.sampled_from(["div", "article", "main", 'div class="content"', "span", "td", "header"]))
    body = "<table>" + "".join(rows) + "</table>" + "<p>某局报告</p>" * draw(st.integers(0, 2))
    return (f"<{wrapper}>" * depth + body + f"</{wrapper.split()[0]}>" * draw(st.integers(0, depth))).encode("utf-8")


@FUZZ
@given(html_tables())
def test_fuzz_html_spans_and_nesting(data):
    _bounded(lambda d: read_html("f.html", d), data)


MERGES = ["", "<w:vMerge/>", '<w:vMerge w:val="restart"/>', '<w:vMerge w:val="continue"/>', "<w:hMerge/>"]


@st.composite
def docx_tables(draw) -> bytes:
    rows = []
    for _ in range(draw(st.integers(0, 12))):
        before = draw(st.one_of(st.none(), SPAN))
        props = "" if before is None else f'<w:trPr><w:gridBefore w:val="{before}"/><w:gridAfter w:val="{draw(SPAN)}"/></w:trPr>'
        cells = "".join(
            f'<w:tc><w:tcPr><w:gridSpan w:val="{draw(SPAN)}"/>'
            f'{draw(st.sampled_from(MERGES))}'
            f'</w:tcPr>{para(draw(st.sampled_from(["甲", "", "1"])))}</w:tc>'
            for _ in range(draw(st.integers(0, 8))))
        rows.append(f"<w:tr>{props}{cells}</w:tr>")
    table = "<w:tbl>" + "".join(rows) + "</w:tbl>"
    depth = draw(st.integers(0, 120))
    wrapped = "<w:sdt><w:sdtContent>" * depth + table + "</w:sdtContent></w:sdt>" * depth
    return docx_package(para("某局报告") * draw(st.integers(0, 1)) + wrapped)


@FUZZ
@given(docx_tables())
def test_fuzz_docx_spans_and_nesting(data):
    _bounded(lambda d: read_docx("f.docx", d), data)


def test_read_document_of_every_refused_case_names_the_file(tmp_path):
    """The readers' errors are InputErrors naming the path they were given (what the CLI prints)."""
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbf")
    with pytest.raises(InputError) as info:
        read_document(str(path))
    assert str(info.value).startswith(f"{path}: error: ")
