"""The HTML report: every finding on one self-contained page, tables drawn with the bad cell marked, and a
real headless Chromium that renders it to a screenshot that is not blank."""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from checker.rules import load_rules
from tests.support.reports import check_document
from checker.findings import Finding
from checker.formatters import FORMATTERS
from checker.readers import read_document
from tests.support.cli import invoke as run

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "reports"
DEFECTIVE = FIXTURES / "defective_2021_department.txt"
CLEAN = FIXTURES / "clean_2021_department.txt"
CHROMIUM = Path("/usr/bin/chromium")




class Page(HTMLParser):
    """The page's visible text, its tags, ids, link targets and external references."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.refs: list[str] = []
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if "id" in attrs:
            assert attrs["id"] not in self.ids, f"duplicate id {attrs['id']}"
            self.ids.add(attrs["id"])
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        self.refs += [v for k, v in attrs.items() if k in ("src", "href", "srcset", "data") and v]
        self._skip += tag == "style"

    def handle_endtag(self, tag):
        self._skip -= tag == "style"

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return "".join(self.text)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, list[dict]]:
    target = tmp_path_factory.mktemp("html") / "report.html"
    result = run("check", "--format", "html", "--output", target, DEFECTIVE)
    assert result.exit_code == 1
    found = json.loads(run("check", "--format", "json", DEFECTIVE).stdout)
    assert len(found) >= 5
    return target, found


def test_page_holds_every_finding(report):
    target, found = report
    html = target.read_text(encoding="utf-8")
    page = Page(html)
    for f in found:
        assert f["code"] in page.visible and f["message"] in page.visible
    # each finding is listed twice: in the summary table and under its line
    assert sum(page.visible.count(f["message"]) >= 2 for f in found) == len(found)
    assert "依据" in page.visible


def test_page_is_self_contained_utf8(report):
    target, _ = report
    html = target.read_text(encoding="utf-8")
    page = Page(html)
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert all(ref.startswith("#") for ref in page.refs), page.refs
    assert "url(" not in html and "@import" not in html
    assert all(href[1:] in page.ids for href in page.hrefs)  # summary links land on the findings


def test_finding_lines_are_highlighted(report):
    target, found = report
    html = target.read_text(encoding="utf-8")
    for f in found:
        # a line of prose is a highlighted div; a row of a statistical table is a highlighted table row
        assert re.search(rf'<div class="ln hit \w+" id="file-0-L{f["line"]}">', html) or \
            re.search(rf'<tr id="file-0-L{f["line"]}" class="hit \w+">', html), f
    assert "<mark>XX</mark>" in html


def test_clean_page_says_so():
    html = run("check", "--format", "html", CLEAN).stdout
    assert "未发现问题" in Page(html).visible and "file-0" not in html


def test_table_drawn_with_wrong_cell_marked_and_text_escaped():
    doc = read_document(str(DEFECTIVE))
    rules = load_rules()
    table = next(doc.tables())
    cell = table.rows[3][2]
    found = check_document(doc, rules) + [Finding(
        path=doc.path, line=cell.line, column=cell.col, end_column=cell.col + len(cell.text), code="T901",
        severity="warning", message="合计<script>alert(1)</script>不符", name="table-total")]
    found.sort(key=Finding.sort_key)
    html = FORMATTERS["html"](found, files_checked=1, rules=rules, documents={doc.path: doc})
    row = re.search(rf'<tr id="file-0-L{cell.line}" class="hit warning">(.*?)</tr>', html)
    assert row and f'<td class="bad">{cell.text}</td>' in row.group(1)
    assert html.count('<table class="stat">') == len(list(doc.tables()))
    assert "<script>" not in html and "合计&lt;script&gt;alert(1)&lt;/script&gt;不符" in html
    assert "合计<script>alert(1)</script>不符" in Page(html).visible


def test_findings_without_a_drawn_line_are_still_listed():
    found = [Finding(path="a.txt", line=40, column=1, code="S001", severity="error", message="缺少第六部分")]
    html = FORMATTERS["html"](found, files_checked=1, documents={"a.txt": ["第一行", "第二行"]})
    assert "缺少第六部分" in Page(html).visible and 'id="f0"' in html
    assert "缺少第六部分" in Page(FORMATTERS["html"](found, files_checked=1)).visible


def test_places_in_words_and_requirements_in_chinese(tmp_path):
    """The place column says where an editor finds it in Word (part and paragraph, table cell), not a line of
    the rendition; the rule is named by its requirement in Chinese, not by its English slug."""
    sample = ROOT / "examples" / "sample_report_2023.docx"
    target = tmp_path / "sample.html"
    assert run("check", "--format", "html", "-o", target, sample).exit_code == 1
    html = target.read_text(encoding="utf-8")
    page = Page(html)
    summary = html[html.index('<table class="summary">'):html.index("</table>")]
    assert "前言第2段" in summary and "表三“（一）予以公开”行“商业企业”列" in summary
    assert f"{sample}:3:" not in summary and "sample_report_2023.docx:" not in summary
    assert "统计期限" in summary and "period-not-report-year" not in summary
    assert "位置：第一部分“总体情况”（4）“政府信息公开平台建设”标题" in page.visible  # under the line too
    assert "应改为：（四）" in page.visible  # the fix, where a rule knows it
    # a plain-text report keeps its line numbers, the file's own, beside the place
    text_page = Page(run("check", "--format", "html", DEFECTIVE).stdout).visible
    assert "前言第2段，第3行" in text_page


# --- a real browser ---------------------------------------------------------------------------------------------

def decode_png(data: bytes) -> tuple[int, int, list[tuple[int, ...]]]:
    """Width, height and pixels of an 8-bit, non-interlaced greyscale/RGB/RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and interlace == 0 and colour in (0, 2, 4, 6), header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw, stride = zlib.decompress(idat), width * channels
    pixels, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b, c = prev[x], prev[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        pixels += [tuple(line[x:x + channels]) for x in range(0, stride, channels)]
        prev = line
    return width, height, pixels


def test_png_decoder_reads_what_it_should():
    # a 2x2 RGB image, rows filtered with Sub and Up
    rows = [b"\x01" + bytes([255, 0, 0, 0, 255, 0]), b"\x02" + bytes([0, 0, 255, 0, 0, 0])]
    ihdr = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"".join(rows))) + chunk(
        b"IEND", b"")
    assert decode_png(png) == (2, 2, [(255, 0, 0), (255, 255, 0), (255, 0, 255), (255, 255, 0)])


def chromium() -> Path:
    found = CHROMIUM if CHROMIUM.exists() else (Path(shutil.which("chromium")) if shutil.which("chromium") else None)
    if found is None:
        message = "headless Chromium is needed: apt-get install chromium (.ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(f"/usr/bin/chromium is missing in CI; {message}")
        pytest.skip(message)
    return found


def test_chromium_renders_the_page(report, tmp_path):
    browser = chromium()
    target, _ = report
    shot = tmp_path / "report.png"
    cmd = [str(browser), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1200,900",
           target.as_uri()]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert shot.is_file(), f"no screenshot (exit {done.returncode}): {done.stderr[-2000:]}"
    width, height, pixels = decode_png(shot.read_bytes())
    assert (width, height) == (1200, 900)
    colours = {p[:3] for p in pixels}
    non_white = sum(1 for p in pixels if p[:3] != (255, 255, 255)) / len(pixels)
    assert len(colours) > 8, f"only {len(colours)} colours: blank page?"
    assert non_white > 0.01, f"only {non_white:.2%} of the screenshot is not white"
