"""`ogi-check serve` in a real browser: the system Chromium, headless, driven by Playwright, against the server
started as a user starts it. Upload the bundled sample and read its findings; download the commented copy and
find the comments in it; upload three reports and sort the overview; upload a hostile file and see its one
line while the server goes on. Fails, not skips, in CI when Chromium or Playwright is missing."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.support.webserver import served

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample_report_2023.docx"
FIXTURES = ROOT / "fixtures" / "reports"
CHROMIUM = Path("/usr/bin/chromium")
# OGI_UPDATE_SCREENSHOT=1 writes the README's pictures of the page from the run of these tests.
SCREENSHOTS = ROOT / "docs"


def _missing(message: str):
    if os.environ.get("CI"):
        pytest.fail(f"{message} in CI (.ci/run installs chromium; pip install -e '.[test]' installs playwright)")
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed")
    executable = CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")
    if not executable:
        _missing("/usr/bin/chromium is missing")
    with sync_playwright() as p:
        # The system Chromium, never a browser Playwright would download.
        launched = p.chromium.launch(executable_path=str(executable), args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def server():
    with served() as (url, proc):
        yield url, proc
    # nothing of the reports in what the server printed
    assert "予以公开" not in proc.log and "青禾市" not in proc.log and "Traceback" not in proc.log


@pytest.fixture
def page(browser, server):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(server[0])
    yield tab
    context.close()


def upload(page, *files: Path | tuple[str, bytes]) -> None:
    payload = [f if isinstance(f, Path) else {"name": f[0], "mimeType": "application/octet-stream", "buffer": f[1]}
               for f in files]
    page.set_input_files('input[name="files"]', payload)
    page.click('button[type="submit"]')
    page.wait_for_selector("h2:has-text('再检查一份')")


def test_sample_findings_and_the_commented_copy(page):
    upload(page, SAMPLE)
    summary = page.inner_text("table.summary")
    assert "统计期限应为2023年1月1日至2023年12月31日" in summary
    assert "前言第2段" in summary and "表三“（一）予以公开”行“商业企业”列" in summary
    assert "统计期限" in summary and "period-not-report-year" not in summary  # Chinese, not the slug
    assert page.locator("table.summary tbody tr").count() == 10
    if os.environ.get("OGI_UPDATE_SCREENSHOT"):
        page.screenshot(path=str(SCREENSHOTS / "web-findings.png"))
    with page.expect_download() as info:
        page.click("text=下载带批注的 Word 文件")
    download = info.value
    assert download.suggested_filename == "sample_report_2023（批注）.docx"
    with zipfile.ZipFile(download.path()) as z:
        comments = z.read("word/comments.xml").decode("utf-8")
    assert comments.count("<w:comment ") == 10 and "统计期限应为2023年1月1日" in comments


def test_three_reports_overview_sorted_by_a_click(page):
    upload(page, FIXTURES / "defective_2021_department.txt", FIXTURES / "clean_2021_government.txt",
           FIXTURES / "defective_2019_department.txt")
    rows = page.locator("table.overview tbody tr")
    assert rows.count() == 3
    assert page.locator("#overview svg rect").count() > 0
    names = [rows.nth(i).locator("td").first.inner_text() for i in range(3)]
    assert names == ["defective_2021_department.txt", "clean_2021_government.txt", "defective_2019_department.txt"]
    page.click("table.overview th:has-text('问题数')")  # ascending: the clean report first
    counts = [int(rows.nth(i).locator("td").nth(4).inner_text()) for i in range(3)]
    assert counts == sorted(counts) and counts[0] == 0
    page.click("table.overview th:has-text('问题数')")  # and back, descending
    counts = [int(rows.nth(i).locator("td").nth(4).inner_text()) for i in range(3)]
    assert counts == sorted(counts, reverse=True)
    page.click("table.overview a:has-text('clean_2021_government.txt')")
    assert page.evaluate("location.hash").startswith("#file-")
    assert "未发现问题" in page.inner_text(page.evaluate("location.hash"))
    if os.environ.get("OGI_UPDATE_SCREENSHOT"):
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(SCREENSHOTS / "web-overview.png"))


def test_hostile_file_is_one_line_and_the_server_goes_on(page, server):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as f:
            for _ in range(300):
                f.write(bytes(1 << 20))
    upload(page, ("<i>炸弹<i>.docx", bomb.getvalue()), ("不是报告.txt", "今天天气很好。".encode("utf-8")))
    problems = page.inner_text("#problems")
    assert "<i>炸弹<i>.docx: " in problems and "压缩炸弹" in problems  # the name shown as text, not markup
    assert page.locator("#problems i").count() == 0
    page.goto(server[0])
    upload(page, SAMPLE)
    assert page.locator("table.summary tbody tr").count() == 10
