"""The web page in Chinese: the upload form, and the answer (downloads, the overview, every finding beside its
place in the report). Everything inline: offices run it on machines without internet.

Downloads (the commented .docx, the overview as Excel and CSV) are ``data:`` links inside the answer: the server
keeps nothing of a request once it has answered, so there is no second request that could fetch another
office's file.
"""

from __future__ import annotations

import base64
from typing import Optional

from checker.formatters.htmldoc import esc
from checker.formatters.htmlpage import SORT_SCRIPT, counts_line, page, report_body
from checker.overview import build_overview
from checker.web.desk import DeskResult

TITLE = "ogi-check：政府信息公开工作年度报告检查"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

CSS = """
form.upload{background:#f6f8fa;border:1px solid #d0d7de;padding:12px 16px;margin:12px 0}
form.upload label{display:block;margin:6px 0}
form.upload .hint{color:#57606a;font-size:90%}
form.upload button{font-size:16px;padding:6px 24px;margin-top:8px}
.problems{background:#fff8c5;border:1px solid #bf8700;padding:8px 16px}
.problems li{font-family:monospace}
table.downloads td{vertical-align:middle}
a.download{font-weight:bold}
"""


def form(max_files: int, max_mb: int) -> str:
    kinds = ".docx,.pdf,.txt,.md,.html,.htm"
    return f"""<form class="upload" method="post" action="/check" enctype="multipart/form-data">
<label>报告文件（可一次选择多份，最多 {max_files} 份，合计不超过 {max_mb} MB）：
<input type="file" name="files" multiple required accept="{kinds}"></label>
<p class="hint">可上传 Word（.docx）、PDF、网页（.html）或文本（.txt、.md）。
旧版 .doc、.wps 请先在 Word 或 WPS 中“另存为”.docx。</p>
<label>上年度报告（可选，用于核对结转数和内容雷同）：<input type="file" name="previous" accept="{kinds}"></label>
<label>报告年度（可选，报告标题没有写明年度时填写）：<input type="number" name="year" min="2008" max="2100" step="1"></label>
<label>机关类型（可选，标题看不出时选择）：<select name="agency_kind"><option value="">按标题判断</option>
<option value="government">人民政府</option><option value="department">政府部门</option></select></label>
<button type="submit">检查</button>
</form>"""


def _header(findings: Optional[list] = None, files: int = 0) -> str:
    counts = counts_line(findings, files) if findings is not None else ""
    return f"<h1>{TITLE}</h1>{counts}"


def start_page(max_files: int, max_mb: int) -> str:
    intro = ("<p>选择报告草稿，点“检查”：页面列出每个问题所在的位置（第几部分第几段、哪张表哪一格、PDF 的第几页）、"
             "应当怎样写和依据；Word 文件还可以下载带批注的副本。一次上传多份报告时，先列出各份报告对照各项要求的概览。</p>"
             "<p class=\"hint\">文件只在本机检查，检查完即删除，不会上传到互联网。</p>")
    return page(TITLE, _header(), intro + form(max_files, max_mb), css=CSS)


def error_page(message: str, max_files: int, max_mb: int) -> str:
    """A request that could not be checked at all (too large, too many files, a broken last year's report)."""
    body = f'<div class="problems" id="problems"><p>{esc(message)}</p></div>{form(max_files, max_mb)}'
    return page(TITLE, _header(), body, css=CSS)


def _data_link(data: bytes, mime: str, filename: str, text: str) -> str:
    href = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    return f'<a class="download" download="{esc(filename)}" href="{href}">{esc(text)}</a>'


def _downloads(desk: DeskResult) -> str:
    rows = []
    result = desk.result
    for path in result.applicable:
        n = sum(f.path == path for f in result.findings)
        if path in desk.annotated:
            stem = path[:-5] if path.lower().endswith(".docx") else path
            link = _data_link(desk.annotated[path], DOCX, f"{stem}（批注）.docx", "下载带批注的 Word 文件")
        elif n == 0:
            link = "未发现问题"
        else:
            link = '<span class="basis">只有 Word（.docx）文件可以下载批注版</span>'
        rows.append(f"<tr><td>{esc(path)}</td><td>{esc(_facts(result.about.get(path)))}</td>"
                    f"<td>{n} 个问题</td><td>{link}</td></tr>")
    head = "<tr><th>文件</th><th>识别出的机关、年度和格式</th><th>问题</th><th>下载</th></tr>"
    return f'<table class="downloads"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>' if rows else ""


def _facts(about) -> str:
    """What the check read from the report, so the editor sees whether it was understood (else: fill the form)."""
    if about is None:
        return ""
    year = f"{about.year}年度" if about.year is not None else "年度未识别"
    return "，".join(x for x in (about.agency or "机关未识别", year, about.era_name, about.kind_name) if x)


def _overview_downloads(desk: DeskResult) -> str:
    from checker.formatters.overview import overview_csv, overview_xlsx

    r = desk.result
    overview = build_overview(list(r.applicable), r.findings, r.applicable, r.about, r.errors)
    return ("<p>概览下载：" + _data_link(overview_xlsx(overview), XLSX, "检查概览.xlsx", "Excel 表格（.xlsx）") + "　"
            + _data_link(overview_csv(overview), "text/csv;charset=utf-8", "检查概览.csv", "CSV 文件") + "</p>")


def result_page(desk: DeskResult, max_files: int, max_mb: int) -> str:
    r = desk.result
    parts = []
    if desk.problems:
        items = "".join(f"<li>{esc(p)}</li>" for p in desk.problems)
        parts.append(f'<div class="problems" id="problems"><p>以下文件未能检查：</p><ul>{items}</ul></div>')
    parts.append(_downloads(desk))
    body, batch = "", False
    if r.applicable or r.errors:
        body, batch = report_body(r.findings, r.checked, r.lang or "zh", r.rules, r.documents, r.applicable, r.about,
                                  r.errors)
    if batch:
        parts.append(_overview_downloads(desk))
    parts.append(body)
    parts.append("<h2>再检查一份</h2>" + form(max_files, max_mb))
    return page(TITLE, _header(r.findings, r.checked), "".join(parts), css=CSS, script=SORT_SCRIPT if batch else "")
