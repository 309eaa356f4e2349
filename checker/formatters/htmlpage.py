"""HTML report: one self-contained UTF-8 page (inline CSS, no scripts, no network) for editors."""

from __future__ import annotations

from collections import Counter

from checker.findings import Finding
from checker.formatters.common import page_note, rule_text, rules_by_code
from checker.formatters.htmldoc import esc, render_document

LABELS = {
    "zh": {"title": "政府信息公开工作年度报告检查结果", "files": "检查文件", "problems": "问题",
           "error": "错误", "warning": "警告", "info": "提示", "summary": "问题汇总", "code": "代码",
           "severity": "级别", "where": "位置", "message": "问题", "basis": "依据", "none": "未发现问题。"},
    "en": {"title": "Annual report check results", "files": "Files checked", "problems": "Problems",
           "error": "error", "warning": "warning", "info": "info", "summary": "Summary", "code": "Code",
           "severity": "Severity", "where": "Where", "message": "Message", "basis": "Basis",
           "none": "No problems found."},
}

CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
 margin:0;color:#1f2328;background:#fff;line-height:1.6}
header{background:#24292f;color:#fff;padding:16px 24px}
header h1{margin:0 0 6px;font-size:22px}
.counts span{display:inline-block;margin-right:12px;padding:2px 10px;border-radius:10px;background:#57606a}
.counts .error{background:#cf222e}.counts .warning{background:#bf8700}.counts .info{background:#0969da}
main{padding:8px 24px 32px}
h2{font-size:18px;border-bottom:2px solid #d0d7de;padding-bottom:4px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}
th,td{border:1px solid #d0d7de;padding:4px 8px;vertical-align:top;text-align:left}
table.summary th{background:#f6f8fa}
td.sev,table.summary th{white-space:nowrap}
.sev{font-weight:bold}.sev.error{color:#cf222e}.sev.warning{color:#9a6700}.sev.info{color:#0969da}
.basis{color:#57606a;font-size:90%}
.doc{font-size:14px}
.ln{display:flex;white-space:pre-wrap}
.no{flex:none;width:3.5em;color:#8c959f;text-align:right;padding-right:1em;font-weight:normal}
.ln.hit{background:#ffebe9;border-left:4px solid #cf222e}
.ln.hit.warning{background:#fff8c5;border-left-color:#bf8700}
.ln.hit.info{background:#ddf4ff;border-left-color:#0969da}
mark{background:#ff8182;color:inherit}
ul.findings{margin:2px 0 8px 4.5em;padding:6px 12px 6px 24px;background:#f6f8fa;border:1px solid #d0d7de}
table.stat{font-size:13px;margin-left:0}
table.stat tr.hit{background:#ffebe9}
table.stat tr.hit.warning{background:#fff8c5}
table.stat td.bad{background:#ff8182;font-weight:bold}
table.stat tr.notes td{background:#fff;border-top:none}
table.stat tr.notes ul.findings{margin-left:0}
.ok{font-size:18px;color:#1a7f37}
"""


def _item(labels: dict, known: dict):
    def item(i: int, f: Finding) -> str:
        rule = known.get(f.code)
        basis = f'<div class="basis">{labels["basis"]}：{esc(rule.basis)}</div>' if rule and rule.basis else ""
        return (f'<li id="f{i}"><span class="sev {esc(f.severity)}">{esc(f.code)} '
                f'[{labels.get(f.severity, esc(f.severity))}]</span> {esc(f.message)}{basis}</li>')
    return item


def _page(f: Finding, lang: str) -> str:
    return f'<div class="basis">{esc(page_note(f, lang).strip(" （）()"))}</div>' if f.page is not None else ""


def _summary(findings: list[Finding], labels: dict, known: dict, lang: str) -> str:
    head = "".join(f"<th>{labels[k]}</th>" for k in ("code", "severity", "where", "message", "basis"))
    rows = []
    for i, f in enumerate(findings):
        rule = known.get(f.code)
        name = esc(rule_text(rule, "summary", lang)) if rule else esc(f.name)
        rows.append(
            f'<tr><td><a href="#f{i}">{esc(f.code)}</a><div class="basis">{esc(f.name)}</div></td>'
            f'<td class="sev {esc(f.severity)}">{labels.get(f.severity, esc(f.severity))}</td>'
            f'<td><a href="#f{i}">{esc(f.path)}:{f.line}:{f.column}</a>{_page(f, lang)}</td>'
            f'<td>{esc(f.message)}<div class="basis">{name}</div></td>'
            f'<td class="basis">{esc(rule.basis) if rule else ""}</td></tr>')
    return f'<table class="summary"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def format_html(findings: list[Finding], files_checked: int, lang: str = "zh", rules=None, documents=None,
                **_) -> str:
    labels = LABELS.get(lang, LABELS["zh"])
    known = rules_by_code(rules)
    counts = Counter(f.severity for f in findings)
    badges = "".join(f'<span class="{s}">{labels[s]} {counts[s]}</span>' for s in ("error", "warning", "info"))
    parts = [
        f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>ogi-check：{labels["title"]}</title><style>{CSS}</style></head><body>',
        f'<header><h1>ogi-check：{labels["title"]}</h1><p class="counts">'
        f'<span>{labels["files"]} {files_checked}</span><span>{labels["problems"]} {len(findings)}</span>'
        f'{badges}</p></header><main>',
    ]
    if not findings:
        parts.append(f'<p class="ok">{labels["none"]}</p>')
    else:
        parts.append(f'<h2>{labels["summary"]}</h2>{_summary(findings, labels, known, lang)}')
    item = _item(labels, known)
    by_path: dict[str, list[tuple[int, Finding]]] = {}
    for i, f in enumerate(findings):
        by_path.setdefault(f.path, []).append((i, f))
    for k, (path, entries) in enumerate(by_path.items()):
        doc = (documents or {}).get(path, [])
        parts.append(f'<section class="file" id="file-{k}"><h2>{esc(path)}</h2>'
                     f'{render_document(doc, entries, f"file-{k}", item)}</section>')
    parts.append("</main></body></html>\n")
    return "".join(parts)
