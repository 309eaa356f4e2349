"""HTML report: one self-contained UTF-8 page (inline CSS, no network) for editors and reviewers.

On a wide screen the findings stand beside the lines they point at (a CSS grid), else under them. Each finding
names its place as a person finds it (checker/places.py: part and paragraph, table row and column,
page) and its requirement in Chinese (checker/overview.py), not a line of the rendition or an English slug. A
batch of several reports opens with the overview (one row per report, one column per requirement, a chart of
findings by requirement); only then the page carries a few lines of inline script, which sort that table.
``report_body`` is also the result part of the web page (checker/web/).
"""

from __future__ import annotations

from collections import Counter
from typing import Mapping, Optional

from checker.findings import Finding
from checker.formatters.common import page_note, rule_text, rules_by_code
from checker.formatters.htmldoc import esc, render_document
from checker.overview import FAILED, NOT_APPLICABLE, Overview, ReportAbout, build_overview, requirement_of

LABELS = {
    "zh": {"title": "政府信息公开工作年度报告检查结果", "files": "检查文件", "problems": "问题",
           "error": "错误", "warning": "警告", "info": "提示", "summary": "问题汇总", "code": "代码",
           "severity": "级别", "where": "位置", "message": "问题", "basis": "依据", "none": "未发现问题。",
           "fix": "应改为", "line": "第{n}行", "overview": "批量概览", "chart": "各项要求的问题数",
           "unreadable": "无法读取", "file": "文件", "agency": "机关", "year": "年度", "era": "格式",
           "count": "问题数", "sort": "点击列标题排序", "passed": "通过", "na": "不适用"},
    "en": {"title": "Annual report check results", "files": "Files checked", "problems": "Problems",
           "error": "error", "warning": "warning", "info": "info", "summary": "Summary", "code": "Code",
           "severity": "Severity", "where": "Where", "message": "Message", "basis": "Basis",
           "none": "No problems found.", "fix": "Write instead", "line": "line {n}", "overview": "Overview",
           "chart": "Findings by requirement", "unreadable": "unreadable", "file": "File", "agency": "Agency",
           "year": "Year", "era": "Format", "count": "Findings", "sort": "click a column heading to sort",
           "passed": "passed", "na": "not applicable"},
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
table.summary th,table.overview th{background:#f6f8fa}
td.sev,table.summary th,table.summary td:first-child{white-space:nowrap}
.sev{font-weight:bold}.sev.error{color:#cf222e}.sev.warning{color:#9a6700}.sev.info{color:#0969da}
.basis{color:#57606a;font-size:90%}
.place{color:#0a3069}.fix{color:#1a7f37}
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
table.overview{font-size:13px}
table.overview th{cursor:pointer;white-space:nowrap}
table.overview td{white-space:nowrap}
table.overview td.passed{color:#1a7f37;text-align:center}
table.overview td.failed{background:#ffebe9;color:#cf222e;font-weight:bold;text-align:center}
table.overview td.na{color:#8c959f;text-align:center}
table.overview tr.unreadable td{background:#fff8c5}
svg.chart text{font-size:12px;fill:#1f2328}
@media (min-width:1100px){
 .doc{display:grid;grid-template-columns:minmax(0,1fr) minmax(22em,36%);column-gap:16px;align-items:start}
 .doc>.ln,.doc>table{grid-column:1}
 .doc>ul.findings{grid-column:2;margin:0 0 4px}
}
"""

# Sorts the overview by the column whose heading is clicked (numbers as numbers, text in Chinese order); the
# table reads in input order without it.
SORT_SCRIPT = """
document.querySelectorAll("table.sortable th").forEach(function (th, i) {
  th.addEventListener("click", function () {
    var table = th.closest("table"), body = table.tBodies[0], asc = th.dataset.dir !== "asc";
    table.querySelectorAll("th").forEach(function (h) { delete h.dataset.dir; });
    th.dataset.dir = asc ? "asc" : "desc";
    var key = function (row) { var c = row.cells[i]; return c.dataset.sort !== undefined ? c.dataset.sort : c.textContent; };
    Array.from(body.rows).sort(function (a, b) {
      var x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
      var r = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "zh");
      return asc ? r : -r;
    }).forEach(function (row) { body.appendChild(row); });
  });
});
"""


def _places(documents: Mapping, about: Mapping[str, ReportAbout], findings: list[Finding]) -> dict[int, str]:
    """Finding index → its place in words, for the files whose Document was kept (analysed again with the
    facts the check found, so the parts and tables are those the rules saw)."""
    from checker.analysis import analyse
    from checker.places import Places

    out: dict[int, str] = {}
    cache: dict[str, Optional[Places]] = {}
    for i, f in enumerate(findings):
        if f.path not in cache:
            doc = documents.get(f.path)
            cache[f.path] = Places(analyse(doc, about.get(f.path, ReportAbout()).options())) \
                if hasattr(doc, "blocks") else None
        places = cache[f.path]
        if places is not None:
            out[i] = places.describe(f)
    return out


def _place_text(f: Finding, place: str, labels: dict, lang: str, documents: Mapping) -> str:
    """The place in words; for a plain-text report also its line (the file's own, which an editor sees)."""
    doc = documents.get(f.path)
    kind = getattr(doc, "source_kind", None) or ("txt" if f.path.lower().endswith((".txt", ".md")) else None)
    line = labels["line"].format(n=f.line) if kind in ("txt", "md", "markdown") else ""
    if not place:
        return line or page_note(f, lang).strip(" （）()")
    return f"{place}，{line}" if line else place


def _item(labels: dict, known: dict, places: dict[int, str], lang: str, documents: Mapping):
    def item(i: int, f: Finding) -> str:
        rule = known.get(f.code)
        where = _place_text(f, places.get(i, ""), labels, lang, documents)
        where = f'<div class="place">{labels["where"]}：{esc(where)}</div>' if where else ""
        fix = f'<div class="fix">{labels["fix"]}：{esc(f.fix)}</div>' if f.fix else ""
        basis = f'<div class="basis">{labels["basis"]}：{esc(rule.basis)}</div>' if rule and rule.basis else ""
        return (f'<li id="f{i}"><span class="sev {esc(f.severity)}">{esc(f.code)} '
                f'[{labels.get(f.severity, esc(f.severity))}]</span> {esc(f.message)}{where}{fix}{basis}</li>')
    return item


def _summary(findings: list[Finding], labels: dict, known: dict, lang: str, places: dict[int, str],
             documents: Mapping, batch: bool) -> str:
    head = "".join(f"<th>{labels[k]}</th>" for k in ("code", "severity", "where", "message", "basis"))
    rows = []
    for i, f in enumerate(findings):
        rule = known.get(f.code)
        summary = esc(rule_text(rule, "summary", lang)) if rule else ""
        where = esc(_place_text(f, places.get(i, ""), labels, lang, documents)) or f"{f.line}:{f.column}"
        name = f'<div class="basis">{esc(f.path)}</div>' if batch else ""
        requirement = requirement_of(f.code).label if lang == "zh" else f.name
        rows.append(
            f'<tr><td><a href="#f{i}">{esc(f.code)}</a><div class="basis">{esc(requirement)}</div></td>'
            f'<td class="sev {esc(f.severity)}">{labels.get(f.severity, esc(f.severity))}</td>'
            f'<td><a href="#f{i}">{where}</a>{name}</td>'
            f'<td>{esc(f.message)}<div class="basis">{summary}</div></td>'
            f'<td class="basis">{esc(rule.basis) if rule else ""}</td></tr>')
    return f'<table class="summary"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def overview_chart(overview: Overview) -> str:
    """Findings of the batch by requirement, as horizontal bars drawn inline (SVG: no script, no network)."""
    bars = [(r.label, overview.by_requirement.get(r.key, 0)) for r in overview.columns]
    top = max((n for _, n in bars), default=0) or 1
    width, label_w, bar_h = 640, 120, 22
    out = [f'<svg class="chart" role="img" width="{width}" height="{len(bars) * bar_h + 8}" '
           f'viewBox="0 0 {width} {len(bars) * bar_h + 8}" xmlns="http://www.w3.org/2000/svg">']
    for k, (label, n) in enumerate(bars):
        y = 4 + k * bar_h
        w = round((width - label_w - 60) * n / top)
        out.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{esc(label)}</text>'
                   f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{bar_h - 6}" fill="#cf222e">'
                   f'<title>{esc(label)}：{n}</title></rect>'
                   f'<text x="{label_w + w + 6}" y="{y + 15}">{n}</text>')
    out.append("</svg>")
    return "".join(out)


def overview_table(overview: Overview, labels: dict, anchors: Mapping[str, str]) -> str:
    """The overview as a sortable table; each report's name links to its findings on the page."""
    heads = [labels["file"], labels["agency"], labels["year"], labels["era"], labels["count"],
             *(r.label for r in overview.columns)]
    out = [f'<table class="overview sortable" title="{labels["sort"]}"><thead><tr>'
           + "".join(f"<th>{esc(h)}</th>" for h in heads) + "</tr></thead><tbody>"]
    for row in overview.rows:
        a = row.about
        anchor = anchors.get(row.path)
        name = f'<a href="#{anchor}">{esc(row.path)}</a>' if anchor else esc(row.path)
        if row.error is not None:
            out.append(f'<tr class="unreadable"><td>{name}</td><td colspan="{len(heads) - 1}" data-sort="">'
                       f'{labels["unreadable"]}：{esc(row.error)}</td></tr>')
            continue
        cells = [f"<td>{name}</td>", f"<td>{esc(a.agency or '')}</td>",
                 f"<td>{a.year if a.year is not None else ''}</td>", f"<td>{esc(a.era_name)}</td>",
                 f'<td data-sort="{row.findings}">{row.findings}</td>']
        for r in overview.columns:
            cell = row.cells[r.key]
            cls = {FAILED: "failed", NOT_APPLICABLE: "na"}.get(cell.state, "passed")
            sort = cell.count if cell.state == FAILED else (-1 if cell.state == NOT_APPLICABLE else 0)
            tip = {"failed": f"{cell.count}", "na": labels["na"], "passed": labels["passed"]}[cls]
            cells.append(f'<td class="{cls}" data-sort="{sort}" title="{esc(r.label)}：{tip}">{esc(cell.text)}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def report_body(findings: list[Finding], files_checked: int, lang: str = "zh", rules=None, documents=None,
                applicable=None, about=None, errors=()) -> tuple[str, bool]:
    """The page's content below its header: the overview when several reports were given, the summary, each
    report drawn with its findings. Returns the HTML and whether it holds the (sortable) overview."""
    labels = LABELS.get(lang, LABELS["zh"])
    known = rules_by_code(rules)
    documents, applicable, about = documents or {}, applicable or {}, about or {}
    places = _places(documents, about, findings)
    paths = list(dict.fromkeys(f.path for f in findings))
    batch = len(applicable) + len(errors or ()) > 1
    if batch:
        paths += [p for p in applicable if p not in paths]
    anchors = {p: f"file-{k}" for k, p in enumerate(paths)}
    parts = []
    if batch:
        overview = build_overview(list(applicable), findings, applicable, about, errors or ())
        parts.append(f'<section id="overview"><h2>{labels["overview"]}</h2>'
                     f'<p class="basis">{labels["chart"]}</p>{overview_chart(overview)}'
                     f'{overview_table(overview, labels, anchors)}</section>')
    if not findings:
        parts.append(f'<p class="ok">{labels["none"]}</p>')
    else:
        parts.append(f'<h2>{labels["summary"]}</h2>{_summary(findings, labels, known, lang, places, documents, batch)}')
    item = _item(labels, known, places, lang, documents)
    by_path: dict[str, list[tuple[int, Finding]]] = {p: [] for p in paths}
    for i, f in enumerate(findings):
        by_path[f.path].append((i, f))
    for path, entries in by_path.items():
        title = esc(path)
        if not entries:
            parts.append(f'<section class="file" id="{anchors[path]}"><h2>{title}</h2>'
                         f'<p class="ok">{labels["none"]}</p></section>')
            continue
        doc = documents.get(path, [])
        parts.append(f'<section class="file" id="{anchors[path]}"><h2>{title}</h2>'
                     f'{render_document(doc, entries, anchors[path], item)}</section>')
    return "".join(parts), batch


def counts_line(findings: list[Finding], files_checked: int, lang: str = "zh") -> str:
    """The badges of the header: files, problems, problems by severity."""
    labels = LABELS.get(lang, LABELS["zh"])
    counts = Counter(f.severity for f in findings)
    badges = "".join(f'<span class="{s}">{labels[s]} {counts[s]}</span>' for s in ("error", "warning", "info"))
    return (f'<p class="counts"><span>{labels["files"]} {files_checked}</span>'
            f'<span>{labels["problems"]} {len(findings)}</span>{badges}</p>')


def page(title: str, header: str, body: str, lang: str = "zh", css: str = "", script: str = "") -> str:
    """A whole page: everything inline, nothing fetched."""
    js = f"<script>{script}</script>" if script else ""
    return (f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{esc(title)}</title><style>{CSS}{css}</style></head><body>'
            f'<header>{header}</header><main>{body}</main>{js}</body></html>\n')


def format_html(findings: list[Finding], files_checked: int, lang: str = "zh", rules=None, documents=None,
                applicable=None, about=None, errors=(), **_) -> str:
    labels = LABELS.get(lang, LABELS["zh"])
    body, sortable = report_body(findings, files_checked, lang, rules, documents, applicable, about, errors)
    header = f'<h1>ogi-check：{labels["title"]}</h1>{counts_line(findings, files_checked, lang)}'
    return page(f'ogi-check：{labels["title"]}', header, body, lang, script=SORT_SCRIPT if sortable else "")
