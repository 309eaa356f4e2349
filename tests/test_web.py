"""`ogi-check serve` against an HTTP client: the page, its findings and downloads, the limits on a request,
uploads kept apart and removed, hostile files and names, nothing of a report in the logs."""

from __future__ import annotations

import base64
import io
import logging
import os
import re
import stat
import threading
import zipfile
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from checker.web import desk
from checker.web.app import Limits, create_app
from tests.support.webserver import served
from tests.support.cli import invoke as cli

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample_report_2023.docx"
FIXTURES = ROOT / "fixtures" / "reports"
DEFECTIVE = FIXTURES / "defective_2021_department.txt"
CLEAN = FIXTURES / "clean_2021_department.txt"
GOVERNMENT = FIXTURES / "clean_2021_government.txt"


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(Limits(max_files=3, max_mb=4)))


def post(client, *files: tuple[str, bytes], **data):
    return client.post("/check", files=[("files", f) for f in files], data=data)


def data_links(html: str) -> dict[str, bytes]:
    """download name → bytes of each data: link of the page."""
    return {m.group(1): base64.b64decode(m.group(2))
            for m in re.finditer(r'download="([^"]+)" href="data:[^;]+(?:;charset=utf-8)?;base64,([^"]+)"', html)}


def test_form_is_chinese_inline_and_locked_down(client):
    answer = client.get("/")
    assert answer.status_code == 200
    html = answer.text
    assert "报告文件" in html and 'enctype="multipart/form-data"' in html and 'name="previous"' in html
    assert "http" not in re.sub(r'xmlns="[^"]+"', "", html)  # nothing fetched from elsewhere
    policy = answer.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy


def test_sample_findings_places_and_commented_copy(client):
    answer = post(client, ("草稿.docx", SAMPLE.read_bytes()))
    assert answer.status_code == 200
    html = answer.text
    assert "统计期限应为2023年1月1日至2023年12月31日" in html
    assert "前言第2段" in html and "表三“（一）予以公开”行“商业企业”列" in html  # places as Word shows them
    assert "依据" in html and "应改为" in html
    links = data_links(html)
    commented = links["草稿（批注）.docx"]
    with zipfile.ZipFile(io.BytesIO(commented)) as z:
        comments = z.read("word/comments.xml").decode("utf-8")
    assert comments.count("<w:comment ") == 10 and "P002" in comments and "T011" in comments


def test_three_reports_give_the_overview_and_its_files(client):
    answer = post(client, ("甲.txt", DEFECTIVE.read_bytes()), ("乙.txt", CLEAN.read_bytes()),
                  ("丙.txt", GOVERNMENT.read_bytes()))
    html = answer.text
    assert answer.status_code == 200 and 'id="overview"' in html and "<svg" in html
    rows = re.findall(r'<tr><td><a href="#(file-\d+)">([^<]+)</a>', html)
    assert sorted(name for _, name in rows) == ["丙.txt", "乙.txt", "甲.txt"]  # the reports that passed too
    assert all(f'id="{anchor}"' in html for anchor, _ in rows)
    links = data_links(html)
    csv = links["检查概览.csv"]
    assert csv.startswith("\ufeff".encode("utf-8"))
    lines = csv.decode("utf-8-sig").splitlines()
    assert len(lines) == 4 and lines[0].startswith("文件,机关,年度,格式")
    assert any(line.startswith("甲.txt,青禾市") and "✗" in line for line in lines)
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(links["检查概览.xlsx"])).active
    assert [c.value for c in sheet[1]][:4] == ["文件", "机关", "年度", "格式"] and sheet.max_row == 4


def test_too_many_files_and_too_large_are_refused_in_chinese(client):
    answer = post(client, *[(f"{i}.txt", CLEAN.read_bytes()) for i in range(4)])
    assert answer.status_code == 413 and "一次最多检查 3 份报告" in answer.text
    answer = post(client, ("big.txt", b"x" * (5 * 1024 * 1024)))
    assert answer.status_code == 413 and "合计超过 4 MB" in answer.text
    assert client.get("/").status_code == 200


def test_a_body_that_lies_about_its_length_is_cut_off(client):
    boundary = "b0undary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n"
            "Content-Type: text/plain\r\n\r\n").encode()

    def body():  # no Content-Length: sent chunked, counted as it comes
        yield head
        for _ in range(6):
            yield b"x" * (1024 * 1024)
        yield f"\r\n--{boundary}--\r\n".encode()

    answer = client.post("/check", content=body(),
                         headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert answer.status_code == 413


def test_bad_inputs_are_one_line_each_and_the_others_are_checked(client):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as f:
            for _ in range(300):
                f.write(bytes(1 << 20))
    answer = post(client, ("炸弹.docx", bomb.getvalue()), ("说明.exe", b"MZ\x90\x00"), ("甲.txt", DEFECTIVE.read_bytes()))
    assert answer.status_code == 200
    problems = re.search(r'<div class="problems" id="problems">(.*?)</div>', answer.text, re.S).group(1)
    items = re.findall(r"<li>(.*?)</li>", problems)
    assert len(items) == 2 and items[0].startswith("炸弹.docx: ") and "压缩炸弹" in items[0]
    assert items[1].startswith("说明.exe: ") and "\n" not in items[0] + items[1]
    assert "Traceback" not in answer.text and "ogi-check-web-" not in answer.text  # no temporary path shown
    assert "正文称予以公开16件" in answer.text  # the good report was still checked
    assert post(client, ("乙.txt", CLEAN.read_bytes())).status_code == 200


def test_a_name_is_never_a_path_and_is_shown_escaped(client, tmp_path, monkeypatch):
    monkeypatch.setattr(desk.tempfile, "tempdir", str(tmp_path))
    seen = {}
    real = desk._check_in

    def spy(folder, *args):
        seen["mode"] = stat.S_IMODE(os.stat(folder).st_mode)
        seen["files"] = sorted(os.listdir(folder))
        return real(folder, *args)

    monkeypatch.setattr(desk, "_check_in", spy)
    answer = post(client, ("../../<img src=x>.txt", CLEAN.read_bytes()), ("../../evil.txt", CLEAN.read_bytes()))
    assert answer.status_code == 200
    assert "&lt;img src=x&gt;.txt" in answer.text and "<img" not in answer.text
    assert "evil.txt" in answer.text and "../" not in answer.text
    assert seen["mode"] == 0o700 and seen["files"] == []  # saved inside _check_in as 000.txt, 001.txt
    assert list(tmp_path.iterdir()) == []  # the folder is gone after the answer
    assert not (tmp_path.parent.parent / "evil.txt").exists()
    assert desk.shown_name("C:\\Users\\张三\\报告.docx") == "报告.docx"
    assert desk.unique_names([desk.Upload("a.txt", b""), desk.Upload("x/a.txt", b"")]) == ["a.txt", "a.txt（2）"]


def test_year_and_agency_kind_from_the_form(client):
    """The form's year and agency kind are the command line's --year and --agency-kind."""
    text = CLEAN.read_text(encoding="utf-8").replace("2023年政府", "政府", 1).encode("utf-8")
    assert "统计期限应为2022年1月1日" not in post(client, ("无年度.txt", text)).text
    assert "统计期限应为2022年1月1日" in post(client, ("无年度.txt", text), year="2022").text
    assert "S004" not in post(client, ("乙.txt", CLEAN.read_bytes())).text
    assert "S004" in post(client, ("乙.txt", CLEAN.read_bytes()), agency_kind="government").text
    bad = post(client, ("a.txt", CLEAN.read_bytes()), year="二〇二三")
    assert bad.status_code == 400 and "请填写四位数的年份" in bad.text
    assert post(client, ("a.txt", CLEAN.read_bytes()), agency_kind="king").status_code == 400


def test_last_years_report_from_the_form(client):
    answer = client.post("/check", files=[("files", ("今年.txt", CLEAN.read_bytes())),
                                          ("previous", ("去年.txt", CLEAN.read_bytes()))])
    # the same report as last year's: the run refuses it in one line naming both uploads, not temporary files
    assert answer.status_code == 400 and "去年.txt" in answer.text and "今年.txt" in answer.text
    assert "ogi-check-web-" not in answer.text


def test_no_report_text_in_the_logs(client, caplog):
    caplog.set_level(logging.DEBUG)
    post(client, ("甲.txt", DEFECTIVE.read_bytes()))
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "予以公开" not in logged and "青禾市" not in logged


def test_an_internal_error_is_a_page_and_shows_nothing_of_the_report(client, monkeypatch, caplog):
    def broken(*args):
        raise RuntimeError("正文称予以公开16件")

    caplog.set_level(logging.DEBUG)
    monkeypatch.setattr(desk, "check_uploads", broken)
    answer = post(client, ("甲.txt", DEFECTIVE.read_bytes()))
    assert answer.status_code == 500 and "检查时出现内部错误（RuntimeError）" in answer.text
    assert "予以公开" not in answer.text and "予以公开" not in "\n".join(r.getMessage() for r in caplog.records)
    monkeypatch.undo()
    assert post(client, ("乙.txt", CLEAN.read_bytes())).status_code == 200


def test_concurrent_uploads_never_mix():
    """Two offices at once, through the real server: each answer holds its own report and only it."""
    with served() as (url, proc):
        answers: dict[str, str] = {}

        def send(name: str, path: Path):
            with httpx.Client(timeout=120) as http:
                answers[name] = http.post(url + "check", files=[("files", (name, path.read_bytes()))]).text

        threads = [threading.Thread(target=send, args=(f"{n}-{i}.txt", p))
                   for i in range(2) for n, p in (("甲", DEFECTIVE), ("乙", GOVERNMENT))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert httpx.get(url).status_code == 200
    for name, html in answers.items():
        others = [n for n in answers if n != name]
        assert name in html and not any(o in html for o in others)
        if name.startswith("甲"):
            assert "正文称予以公开16件" in html and "云岭县人民政府" not in html
        else:
            assert "云岭县人民政府" in html and "正文称予以公开16件" not in html
    assert "予以公开" not in proc.log and "青禾市" not in proc.log  # the server's own output




def test_serve_prints_its_address_and_warns_off_loopback(monkeypatch):
    import uvicorn

    served_on = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: served_on.extend(sockets))
    local = cli("serve", "--port", "0")
    assert local.exit_code == 0 and re.search(r"http://127\.0\.0\.1:\d+/", local.stdout) and not local.stderr
    assert served_on[0].getsockname()[0] == "127.0.0.1"
    everyone = cli("serve", "--host", "0.0.0.0", "--port", "0")
    assert everyone.exit_code == 0 and "警告：监听 0.0.0.0" in everyone.stderr
    for sock in served_on:
        sock.close()


def test_serve_refuses_a_broken_configuration_at_start(tmp_path):
    config = tmp_path / ".ogi-check.yaml"
    config.write_text("selct: [P]\n", encoding="utf-8")
    result = cli("serve", "--port", "0", "--config", config)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "selct" in result.stderr
