"""Read an .html report: the article's headings, paragraphs and tables, without the page's furniture."""

from __future__ import annotations

import codecs
import re
from typing import Optional

from checker import limits
from checker.errors import InputError
from checker.model import Document
from checker.readers.builder import RenditionBuilder
from checker.readers.comments import directive_text

_NO_TEXT = "文件中没有可读的正文 (no text found)"
_TOO_DEEP = (f"网页标签嵌套超过 {limits.HTML_MAX_DEPTH} 层，更深处的内容无法读取 "
             f"(HTML nested more than {limits.HTML_MAX_DEPTH} levels deep)")

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.I)
# GB2312 and GBK pages routinely use characters only GB18030 (their superset) defines.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "csgb2312", "gb_2312-80", "gb_2312", "euc-cn"}
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # lxml refuses these

_IGNORED = frozenset({"script", "style", "noscript", "template", "nav", "header", "footer", "aside",
                      "form", "iframe", "head", "svg", "select", "button"})
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
# Elements that start and end a line of text; anything else (span, a, font, strong…) is inline.
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd",
                     "blockquote", "center", "figure", "figcaption", "address", "hr", "body", "html",
                     "fieldset", "details", "summary", "caption", "tr", "td", "th", "thead", "tbody",
                     "tfoot", "table", "pre", *_HEADINGS})
# id/class of the element government CMSs (TRS, Hanweb…) put the article body in.
_CONTAINER_NAMES = frozenset({"zoom", "content", "article", "main-content", "trs_editor", "article-content",
                              "articlecontent", "news_content", "pages_content", "detail", "detail-content",
                              "zw", "xxgk_content", "con", "text"})
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.I)


def read_html(path: str, data: bytes) -> Document:
    text = _decode(path, data)
    text = _NOT_XML_CHARS.sub("", _XML_DECL.sub("", text.lstrip("\ufeff"), count=1))
    if not text.strip():
        raise InputError(path, _NO_TEXT)
    try:
        import lxml.html  # heavy; imported only when a web page is read

        parser = lxml.html.HTMLParser()  # our own, to read its error log
        page = lxml.html.document_fromstring(text, parser=parser)
        if any("Excessive depth" in e.message for e in parser.error_log):
            raise InputError(path, _TOO_DEEP)  # libxml2 dropped everything nested deeper
        builder = RenditionBuilder()
        root = _content_root(page)
        title = page.find(".//title")
        if title is not None and not any(not _inside_ignored(h, root) for h in root.iter("h1")):
            builder.add_paragraph(_collapse(title.text_content()))
        walker = _Walker(builder)
        walker.walk(root)
        walker.flush()
    except InputError:
        raise
    except Exception as exc:  # lxml raises ParserError, ValueError, RecursionError…; report one reason
        raise InputError(path, f"无法解析网页：{type(exc).__name__} (cannot parse HTML)") from None
    if not builder.blocks:
        raise InputError(path, _NO_TEXT)
    return builder.build(path, "html")


def _decode(path: str, data: bytes) -> str:
    """BOM, then the <meta> charset, then strict UTF-8, then strict GB18030."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                name = "UTF-8" if codec == "utf-8-sig" else "UTF-16"
                raise InputError(path, f"网页以 {name} 字节顺序标记（BOM）开头，但内容不是有效的 {name} "
                                       f"(invalid {name} in a file with a {name} BOM)") from None
    if b"\x00" in data:
        raise InputError(path, "文件含有 NUL 字节，不是文本文件 (binary data, not a text report)")
    declared = _declared_charset(data[:4096])
    for codec in dict.fromkeys([c for c in (declared, "utf-8", "gb18030") if c]):
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError(path, "无法识别网页编码：应为 UTF-8 或 GB18030/GBK (not UTF-8 or GB18030 HTML)")


def _declared_charset(head: bytes) -> Optional[str]:
    m = _META_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    if name in _GB_FAMILY:
        return "gb18030"
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    # A page that is really UTF-16 has a BOM; a meta saying so is wrong (browsers read it as UTF-8).
    return "utf-8" if name.startswith(("utf-16", "utf-32")) else name


def _is_comment(el) -> bool:
    from lxml import etree

    return el.tag is etree.Comment


def _tag(el) -> Optional[str]:
    return el.tag.lower() if isinstance(el.tag, str) else None  # comments and PIs have no str tag


def _ignored(el) -> bool:
    tag = _tag(el)
    if tag is None:
        return True
    if tag in _IGNORED:
        # An <article>'s own <header> holds its title, not the site's banner.
        return not (tag == "header" and next(el.iterancestors("article"), None) is not None)
    return (el.get("role") or "").lower() == "navigation" or "hidden" in el.attrib or bool(
        _DISPLAY_NONE.search(el.get("style") or ""))


def _inside_ignored(el, stop=None) -> bool:
    while el is not None and el is not stop:
        if _ignored(el):
            return True
        el = el.getparent()
    return False


def _collapse(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u3000", " ").split())


def _text(el, sep: str = " ") -> str:
    """All visible text under ``el``; line breaks and block boundaries become ``sep``."""
    parts: list[str] = []

    def visit(e) -> None:
        if _ignored(e):
            return
        tag = _tag(e)
        breaks = tag in _BLOCKS or tag == "br"
        if breaks:
            parts.append(sep)
        parts.append(e.text or "")
        for child in e:
            visit(child)
            parts.append(child.tail or "")
        if breaks:
            parts.append(sep)

    visit(el)
    return "".join(parts)


def _content_root(page):
    """The first <article>, else <main>, else the richest usual article container, else <body>."""
    for tag in ("article", "main"):
        for el in page.iter(tag):
            if not _inside_ignored(el) and _collapse(_text(el)):
                return el
    candidates = [el for el in page.iter() if _is_container(el) and not _inside_ignored(el)]
    if candidates:
        return max(candidates, key=lambda el: len(_collapse(_text(el))))
    body = page.find(".//body")
    return body if body is not None else page


def _is_container(el) -> bool:
    if _tag(el) is None:
        return False
    names = {(el.get("id") or "").lower(), *(el.get("class") or "").lower().split()}
    return bool(names & _CONTAINER_NAMES)


class _Walker:
    """Turns the content root into blocks: text runs between block boundaries become paragraphs."""

    def __init__(self, builder: RenditionBuilder) -> None:
        self.builder = builder
        self.buf: list[str] = []

    def flush(self) -> None:
        text = _collapse("".join(self.buf))
        self.buf = []
        if text:
            self.builder.add_paragraph(text)

    def walk(self, el) -> None:
        if _is_comment(el):
            # <!-- ogi-check: disable=… --> suppressions take effect at the next block's line.
            directive = directive_text(el.text or "")
            if directive is not None:
                self.flush()
                self.builder.add_directive(directive)
            return
        if _ignored(el):
            return
        tag = _tag(el)
        if tag in _HEADINGS:
            self.flush()
            self.builder.add_paragraph(_collapse(_text(el)), markup_level=_HEADINGS[tag])
        elif tag == "table":
            self.flush()
            caption = next((c for c in el if _tag(c) == "caption" and not _ignored(c)), None)
            if caption is not None:
                self.builder.add_paragraph(_collapse(_text(caption)))
            self.builder.add_table(_table_grid(el))
        elif tag == "br":
            self.flush()  # each line of the report is its own paragraph
        elif tag == "pre":
            self.flush()
            for line in _text(el, sep="\n").split("\n"):
                self.builder.add_paragraph(_collapse(line))
        else:
            block = tag in _BLOCKS
            if block:
                self.flush()
            self.buf.append(el.text or "")
            for child in el:
                self.walk(child)
                self.buf.append(child.tail or "")
            if block:
                self.flush()


def _span(value: Optional[str], hi: int) -> int:
    m = re.match(r"\s*(\d+)", value or "")
    return min(int(m.group(1)), hi) if m else 1


def _table_grid(table) -> list[list[str]]:
    """Cell texts on the table's grid; a cell spanning rows or columns fills every position it covers."""
    rows = []
    for child in table:
        if _tag(child) == "tr":
            rows.append(child)
        elif _tag(child) in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if _tag(r) == "tr")
    rows = [r for r in rows if not _ignored(r)]
    taken: list[dict[int, str]] = [{} for _ in rows]
    for r, tr in enumerate(rows):
        c = 0
        for td in tr:
            if _tag(td) not in ("td", "th") or _ignored(td):
                continue
            while c in taken[r]:
                c += 1
            text = _collapse(_text(td))
            colspan = max(1, _span(td.get("colspan"), 1000))
            rowspan = _span(td.get("rowspan"), 65534)
            # rowspan="0" runs to the end of the table; no span reaches past the last row.
            last = len(rows) if rowspan == 0 else min(len(rows), r + max(1, rowspan))
            for rr in range(r, last):
                for cc in range(c, c + colspan):
                    taken[rr].setdefault(cc, text)
            c += colspan
    width = max((max(t) + 1 for t in taken if t), default=0)
    return [[t.get(c, "") for c in range(width)] for t in taken]
