"""Tests for the HTML reader, and for the four-format round trip of tests/support/convert.py."""

from __future__ import annotations

import pytest

from checker.errors import InputError
from checker.readers.bounds import NO_TEXT
from checker.readers.docx import read_docx
from checker.readers.html import read_html
from checker.readers.markdown import read_md
from checker.readers.plaintext import read_txt
from tests.support.convert import to_docx_bytes, to_html, to_markdown


def page(body: str, head: str = "<meta charset=\"utf-8\"><title>网页标题</title>") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode("utf-8")


def read(body: str, **kw):
    return read_html("r.html", page(body, **kw))


def blocks(doc):
    return [(b.kind, b.text, b.markup_level) for b in doc.blocks]


def rows(block):
    return [[c.text for c in row] for row in block.rows]


def assert_located(doc):
    for b in doc.blocks:
        assert b.text in doc.lines[b.line - 1]
        for row in b.rows:
            for cell in row:
                line = doc.lines[cell.line - 1]
                assert line[cell.col - 1:cell.col - 1 + len(cell.text)] == cell.text


def refused(data: bytes) -> str:
    with pytest.raises(InputError) as info:
        read_html("bad.html", data)
    assert type(info.value) is InputError
    return info.value.reason


# --- structure ----------------------------------------------------------------------------------


def test_headings_paragraphs_and_line_breaks():
    doc = read("""<article>
      <h1>某县2023年政府信息公开工作年度报告</h1>
      <h2>一、总体情况</h2><h3>（一）主动公开</h3><h6>小标题</h6>
      <p>&nbsp;&nbsp;本年度   主动公开
         信息<b>100</b>条。</p>
      <p>\u3000\u3000第一行<br>第二行<br/><br>第三行</p>
      <div>叶子文字<span>内联</span></div>
      <ul><li>条目一</li><li>条目二</li></ul>
      <blockquote>引文</blockquote><pre>甲  行
乙行</pre>
    </article>""")
    assert doc.source_kind == "html"
    assert blocks(doc) == [
        ("heading", "某县2023年政府信息公开工作年度报告", 1),
        ("heading", "一、总体情况", 2),
        ("heading", "（一）主动公开", 3),
        ("heading", "小标题", 6),
        ("paragraph", "本年度 主动公开 信息100条。", None),
        ("paragraph", "第一行", None),
        ("paragraph", "第二行", None),
        ("paragraph", "第三行", None),
        ("paragraph", "叶子文字内联", None),
        ("paragraph", "条目一", None),
        ("paragraph", "条目二", None),
        ("paragraph", "引文", None),
        ("paragraph", "甲 行", None),
        ("paragraph", "乙行", None),
    ]
    assert doc.lines == [b.text for b in doc.blocks]
    assert_located(doc)


def test_page_furniture_is_ignored():
    doc = read("""<header>网站头部</header><nav>首页 政务公开</nav>
      <div role="navigation">位置导航</div><aside>相关链接</aside>
      <script>var x = "脚本文字";</script><style>p { color: red }</style>
      <noscript>请启用脚本</noscript><form>搜索<input value="关键词"></form>
      <iframe>框架</iframe><template>模板</template>
      <div hidden>隐藏的</div><div style="display: none">不显示</div>
      <h1>报告标题</h1><!-- ogi-check: disable 注释文字 --><p>正文<!-- 行内注释 -->段落。</p>
      <footer>版权所有</footer>""")
    assert blocks(doc) == [("heading", "报告标题", 1), ("paragraph", "正文段落。", None)]


def test_article_header_keeps_its_title():
    doc = read("<header>站点横幅</header><article><header><h1>报告</h1></header><p>正文</p></article>")
    assert [b.text for b in doc.blocks] == ["报告", "正文"]


def test_content_root_prefers_article_then_main():
    doc = read("<div>侧栏文字</div><main><p>主要内容</p></main><article><h1>文章</h1></article>")
    assert [b.text for b in doc.blocks] == ["文章"]
    doc = read("<div>侧栏文字</div><main><h1>主要</h1><p>内容</p></main>")
    assert [b.text for b in doc.blocks] == ["主要", "内容"]


def test_content_root_is_the_richest_article_container():
    doc = read("""<div class="top">顶部链接</div>
      <div class="content">短</div>
      <div id="zoom"><div class="TRS_Editor"><h1>报告</h1><p>这是正文，比较长的一段文字。</p></div></div>
      <div class="bottom">底部</div>""")
    assert [b.text for b in doc.blocks] == ["报告", "这是正文，比较长的一段文字。"]


def test_title_is_first_paragraph_when_content_has_no_h1():
    doc = read("<div id=\"zoom\"><p>正文一</p><h2>一、总体情况</h2></div>",
               head="<meta charset=\"utf-8\"><title>XX市 2023 年度报告</title>")
    assert blocks(doc) == [("paragraph", "XX市 2023 年度报告", None), ("paragraph", "正文一", None),
                           ("heading", "一、总体情况", 2)]
    doc = read("<h1>已有标题</h1><p>正文</p>")
    assert [b.text for b in doc.blocks] == ["已有标题", "正文"]


# --- tables -------------------------------------------------------------------------------------


def test_rowspan_and_colspan_repeat_text():
    doc = read("""<p>表前</p><table>
      <caption>表一</caption>
      <tr><th colspan="2">信息内容</th><th>数量</th></tr>
      <tr><td rowspan="2">规章</td><td>制发</td><td>1</td></tr>
      <tr><td>废止</td><td>0</td></tr>
      <tr><td>合计</td><td colspan="3">1</td></tr>
      <tr><td>短行</td></tr>
    </table><p>表后</p>""", head="")
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph", "table", "paragraph"]
    grid = rows(doc.blocks[2])
    assert grid == [
        ["信息内容", "信息内容", "数量", ""],
        ["规章", "制发", "1", ""],
        ["规章", "废止", "0", ""],
        ["合计", "1", "1", "1"],
        ["短行", "", "", ""],
    ]
    assert doc.lines[doc.blocks[3].line - 1] == "表后"
    assert_located(doc)


def test_rowspan_does_not_run_past_the_table_and_nested_tables_flatten():
    doc = read("""<table><tbody>
      <tr><td rowspan="9">甲</td><td>外<table><tr><td>内1</td><td>内2</td></tr></table></td></tr>
      <tr><td>乙</td></tr></tbody></table>""", head="")
    tables = list(doc.tables())
    assert len(tables) == 1
    assert rows(tables[0]) == [["甲", "外 内1 内2"], ["甲", "乙"]]


def test_cells_outside_a_table_are_paragraphs():
    doc = read("<div><td>孤立单元格</td><td>另一个</td></div>", head="")
    assert blocks(doc) == [("paragraph", "孤立单元格", None), ("paragraph", "另一个", None)]


# --- decoding -----------------------------------------------------------------------------------


def test_gbk_page_declared_gb2312_decodes():
    html = "<html><head><meta charset=\"gb2312\"><title>报告</title></head><body><h1>政府信息公开</h1>" \
           "<p>镕（GBK 扩展字）</p></body></html>"
    doc = read_html("gbk.html", html.encode("gbk"))
    assert [b.text for b in doc.blocks] == ["政府信息公开", "镕（GBK 扩展字）"]


def test_http_equiv_charset_and_xml_declaration():
    html = "<?xml version=\"1.0\" encoding=\"gbk\"?>\n<html><head><meta http-equiv=\"Content-Type\" " \
           "content=\"text/html; charset=GBK\"></head><body><p>年度报告</p></body></html>"
    assert [b.text for b in read_html("x.html", html.encode("gbk")).blocks] == ["年度报告"]


def test_bom_and_undeclared_encodings():
    assert read_html("a.html", b"\xef\xbb\xbf<p>\xe6\x8a\xa5\xe5\x91\x8a</p>").lines == ["报告"]
    assert read_html("b.html", "<p>报告</p>".encode("gb18030")).lines == ["报告"]
    # A declaration the bytes do not satisfy falls back to strict UTF-8, then GB18030.
    assert read_html("c.html", "<meta charset=\"utf-8\"><p>报告</p>".encode("gbk")).lines == ["报告"]


def test_undecodable_binary_and_empty_pages_are_refused():
    assert refused(b"<p>\xff\xfe\xff\x80\x80</p>" * 3).endswith("(not UTF-8 or GB18030 HTML)")
    assert refused(b"<p>a\x00b</p>").endswith("(binary data, not a text report)")
    assert refused(b"") == NO_TEXT
    assert refused(b"   \n ") == NO_TEXT
    assert refused(page("<script>只有脚本</script><nav>导航</nav>", head="")) == NO_TEXT


# --- round trip through tests/support/convert.py -----------------------------------------------

SAMPLE = """某市2023年政府信息公开工作年度报告

一、总体情况
（一）主动公开
本年度主动公开政府信息1200条。
二、主动公开政府信息情况
信息内容\t本年制发件数\t本年废止件数
规章\t1\t0
规范性文件\t12\t3
"""


def test_four_formats_give_the_same_report():
    txt = read_txt("r.txt", SAMPLE.encode("utf-8"))
    md = read_md("r.md", to_markdown(SAMPLE).encode("utf-8"))
    html = read_html("r.html", to_html(SAMPLE).encode("utf-8"))
    word = read_docx("r.docx", to_docx_bytes(SAMPLE))

    def text_seq(doc):
        return [(b.kind, b.text) for b in doc.text_blocks()]

    def grids(doc):
        return [rows(t) for t in doc.tables()]

    expected = ["某市2023年政府信息公开工作年度报告", "一、总体情况", "（一）主动公开",
                "本年度主动公开政府信息1200条。", "二、主动公开政府信息情况"]
    assert [t for _, t in text_seq(txt)] == expected
    assert text_seq(md) == text_seq(html)
    assert [k for k, _ in text_seq(md)] == ["heading", "heading", "heading", "paragraph", "heading"]
    # Word's "Title" style is a plain paragraph; everything after it matches Markdown and HTML.
    assert text_seq(word) == [("paragraph", expected[0])] + text_seq(md)[1:]
    table = [["信息内容", "本年制发件数", "本年废止件数"], ["规章", "1", "0"], ["规范性文件", "12", "3"]]
    for doc in (txt, md, html, word):
        assert grids(doc) == [table]
    for doc in (html, word):
        assert_located(doc)
    assert "首页" not in "\n".join(html.lines) and "脚本" not in "\n".join(html.lines)
