"""Render one plain-text report as Markdown, HTML and .docx so tests can read the same report four ways.

Source convention: line 1 is the title; blank lines are ignored; consecutive lines holding a tab
are table rows; "一、…" is a level-1 heading, "（一）…" a level-2 heading; anything else a paragraph.
"""

from __future__ import annotations

import html
import io
import re

_LEVEL1 = re.compile(r"^[一二三四五六七八九十百零〇]+、")
_LEVEL2 = re.compile(r"^（[一二三四五六七八九十百零〇]+）")


def parse(text: str) -> list[tuple[str, object]]:
    """Items in order: ("title"|"h1"|"h2"|"p", text) or ("table", rows of cell texts)."""
    items: list[tuple[str, object]] = []
    rows: list[list[str]] = []
    first = True
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip(" \u3000")
        if "\t" in line:
            rows.append([c.strip() for c in line.split("\t")])
            continue
        if rows:
            items.append(("table", _rectangular(rows)))
            rows = []
        if not line.strip():
            continue
        if first:
            items.append(("title", line))
        elif _LEVEL1.match(line):
            items.append(("h1", line))
        elif _LEVEL2.match(line):
            items.append(("h2", line))
        else:
            items.append(("p", line))
        first = False
    if rows:
        items.append(("table", _rectangular(rows)))
    return items


def _rectangular(rows: list[list[str]]) -> list[list[str]]:
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def to_markdown(text: str) -> str:
    marks = {"title": "# ", "h1": "## ", "h2": "### ", "p": ""}
    out: list[str] = []
    for kind, value in parse(text):
        if kind == "table":
            lines = ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in value]
            lines.insert(1, "|" + "---|" * len(value[0]))
            out.append("\n".join(lines))
        else:
            out.append(marks[kind] + value)
    return "\n\n".join(out) + "\n"


def to_html(text: str) -> str:
    tags = {"title": "h1", "h1": "h2", "h2": "h3", "p": "p"}
    items = parse(text)
    title = next((v for k, v in items if k == "title"), "")
    body: list[str] = []
    for kind, value in items:
        if kind == "table":
            cells = ("".join(f"<td>{html.escape(c)}</td>" for c in row) for row in value)
            rows = "".join(f"<tr>{c}</tr>\n" for c in cells)
            body.append(f"<table border=\"1\">\n<tbody>\n{rows}</tbody>\n</table>")
        else:
            body.append(f"<{tags[kind]}>{html.escape(value)}</{tags[kind]}>")
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(title)}_人民政府门户网站</title>\n"
        "<script>var nav = '首页 导航脚本文字';</script>\n</head>\n<body>\n"
        "<nav><a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a> &gt; 年度报告</nav>\n"
        "<article>\n" + "\n".join(body) + "\n</article>\n"
        "<script>document.write('脚本写入的文字');</script>\n</body>\n</html>\n"
    )


def to_docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    styles = {"title": "Title", "h1": "Heading 1", "h2": "Heading 2", "p": None}
    for kind, value in parse(text):
        if kind == "table":
            table = document.add_table(rows=len(value), cols=len(value[0]))
            table.style = "Table Grid"
            for r, row in enumerate(value):
                for c, cell_text in enumerate(row):
                    table.cell(r, c).text = cell_text
        else:
            document.add_paragraph(value, style=styles[kind])
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
