"""Read an .html report: the article's headings, paragraphs and tables, without the page's furniture."""

from __future__ import annotations

import codecs
import re
from typing import Optional

from lxml import etree  # this module is imported only when a web page is read (checker.readers.READERS)

from checker import limits
from checker.errors import InputError
from checker.model import Document
from checker.readers.bounds import Bounds, NO_TEXT, require_text
from checker.readers.builder import RenditionBuilder
from checker.readers.comments import directive_text

_TOO_DEEP = (f"网页标签嵌套超过 {limits.HTML_MAX_DEPTH} 层，更深处的内容无法读取 "
             f"(HTML nested more than {limits.HTML_MAX_DEPTH} levels deep)")

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.I)
# GB2312 and GBK pages routinely use characters only GB18030 (their superset) defines.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "csgb2312", "gb_2312-80", "gb_2312", "euc-cn"}
# The encodings a web page can really be written in (those of the WHATWG Encoding Standard, by Python's
# codec names). Anything else a <meta> names is not believed: Python also knows codecs that are no text
# encoding at all ("undefined" raises on every byte, rot13, base64) and some a page must never be read
# with (utf-7, unicode_escape decode plain ASCII into other text).
_MULTI_BYTE = {"gb18030", "big5", "big5hkscs", "shift_jis", "cp932", "euc_jp", "iso2022_jp", "euc_kr", "cp949"}
_SINGLE_BYTE = ({"ascii", "cp866", "koi8-r", "koi8-u", "mac-roman", "cp874", "tis-620"}
                | {f"cp125{n}" for n in range(9)} | {f"iso8859-{n}" for n in range(1, 17) if n != 12})
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # lxml refuses these

_IGNORED = frozenset({"script", "style", "noscript", "template", "nav", "header", "footer", "aside",
                      "form", "iframe", "head", "svg", "select", "button"})
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_COMMENT = etree.Comment
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
        raise InputError(path, NO_TEXT)
    builder = RenditionBuilder(path)
    try:
        # lxml.etree's parser, not lxml.html's: the same tree, without a Python class lookup per element.
        parser = etree.HTMLParser()  # our own, to read its error log
        page = etree.fromstring(text, parser)
        if page is None:
            raise InputError(path, NO_TEXT)
        if any("Excessive depth" in e.message for e in parser.error_log):
            raise InputError(path, _TOO_DEEP)  # libxml2 dropped everything nested deeper
        root = _content_root(page)
        title = page.find(".//title")
        if title is not None and not _has_visible_h1(root):
            builder.add_paragraph(_collapse("".join(title.itertext())))
        walker = _Walker(builder)
        walker.walk(root)
        walker.flush()
    except InputError:
        raise
    except Exception as exc:  # lxml raises ParserError, ValueError, RecursionError…; report one reason
        raise InputError(path, f"无法解析网页：{type(exc).__name__} (cannot parse HTML)") from None
    return require_text(builder.build(path, "html"))


def _decode(path: str, data: bytes) -> str:
    """BOM; else strict UTF-8 (bytes that are valid UTF-8 are UTF-8 whatever a <meta> says: CMSs
    label UTF-8 pages GB2312 or ISO-8859-1); else a multi-byte charset the <meta> declares, GB18030, and
    last a single-byte charset it declares (a report is Chinese: a page labelled Latin-1 that is not
    UTF-8 is far likelier GBK). A charset that is unknown or no real text encoding is ignored."""
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
    candidates = ["utf-8", declared if declared in _MULTI_BYTE else None, "gb18030",
                  declared if declared in _SINGLE_BYTE else None]
    for codec in dict.fromkeys(c for c in candidates if c):
        try:
            return data.decode(codec)
        except UnicodeError:  # UnicodeDecodeError, or what a codec raises for what it cannot decode
            continue
    raise InputError(path, "无法识别网页编码：应为 UTF-8 或 GB18030/GBK，请另存为 UTF-8 后再检查 "
                           "(not UTF-8 or GB18030 HTML)")


def _declared_charset(head: bytes) -> Optional[str]:
    """The codec a <meta> charset names, if it is a real text encoding of web pages."""
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
    if name.startswith(("utf-16", "utf-32", "utf-8")):
        return "utf-8"
    return name if name in _MULTI_BYTE or name in _SINGLE_BYTE else None


class _TagNames(dict):
    """Element tag → its lower-case name (None for comments and processing instructions, whose tag is a
    function), computed once a name: this is asked for every element, several times."""

    def __missing__(self, tag):
        name = tag.lower() if isinstance(tag, str) else None
        if len(self) < 10_000:  # a page of a million invented tag names does not grow it without end
            self[tag] = name
        return name


_TAG_NAMES = _TagNames()


def _tag(el) -> Optional[str]:
    return _TAG_NAMES[el.tag]


def _ignored(el) -> bool:
    tag = _TAG_NAMES[el.tag]
    if tag is None:
        return True
    if tag in _IGNORED:
        # An <article>'s own <header> holds its title, not the site's banner.
        return not (tag == "header" and next(el.iterancestors("article"), None) is not None)
    role, style = el.get("role"), el.get("style")
    return (role is not None and role.lower() == "navigation") or el.get("hidden") is not None or (
        style is not None and _DISPLAY_NONE.search(style) is not None)


def _collapse(text: str) -> str:
    return " ".join(text.split())  # str.split() splits at every Unicode space, U+00A0 and U+3000 included


def _text(el, sep: str = " ") -> str:
    """All visible text under ``el``; line breaks and block boundaries become ``sep``."""
    parts: list[str] = []
    _visit(el, sep, parts)
    return "".join(parts)


def _visit(e, sep: str, parts: list[str]) -> None:
    if _ignored(e):
        return
    tag = _TAG_NAMES[e.tag]
    breaks = tag in _BLOCKS or tag == "br"
    if breaks:
        parts.append(sep)
    if e.text:
        parts.append(e.text)
    for child in e:
        _visit(child, sep, parts)
        tail = child.tail
        if tail:
            parts.append(tail)
    if breaks:
        parts.append(sep)


def _has_text(el) -> bool:
    """Whether ``_text(el)`` has a character that is not white space; stops at the first."""
    if _ignored(el):
        return False
    if el.text and not el.text.isspace():
        return True
    for child in el:
        if _has_text(child) or (child.tail and not child.tail.isspace()):
            return True
    return False


def _content_root(page):
    """The first <article> with visible text, else the first such <main>, else the usual article container
    (by id or class) with the most text, else <body>.

    One walk that never enters an ignored element, so each candidate is judged without looking up its
    ancestors, and whose text is taken only where it can change the answer: not inside an <article> or
    <main> already found empty (its text is part of theirs), not inside a container (a container's text
    holds the text of those inside it, and the first of equals wins, so the richest is an outermost one).
    Work is linear in the page however its elements nest."""
    main = None
    containers = []  # the outermost ones, in document order
    stack = [(page, False, False, False)]  # (element, inside an empty article, … an empty main, … a container)
    while stack:
        el, in_article, in_main, in_container = stack.pop()
        if _ignored(el):
            continue
        tag = _tag(el)
        if tag == "article" and not in_article:
            if _has_text(el):
                return el
            in_article = True
        elif tag == "main" and not in_main and main is None:
            if _has_text(el):
                main = el
            else:
                in_main = True
        if not in_container and _is_container(el):
            containers.append(el)
            in_container = True
        stack.extend((child, in_article, in_main, in_container) for child in reversed(el))
    if main is not None:
        return main
    if len(containers) > 1:  # the richest; of equals the first
        return max(containers, key=lambda el: len(_collapse(_text(el))))
    if containers:
        return containers[0]
    body = page.find(".//body")
    return body if body is not None else page


def _has_visible_h1(root) -> bool:
    """Whether an <h1> stands under ``root`` outside every ignored element (then the page's <title> is not
    the report's title). Walked top-down, skipping ignored subtrees: linear however deep the page."""
    if next(root.iter("h1"), None) is None:
        return False
    stack = [root]
    while stack:
        el = stack.pop()
        if el is not root and _ignored(el):
            continue
        if _tag(el) == "h1":
            return True
        stack.extend(reversed(el))
    return False


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
        if el.tag is _COMMENT:
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
            self.builder.add_table(_table_grid(el, self.builder.bounds), collapsed=True)  # cells: _collapse
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


_SPAN = re.compile(r"\s*(\d+)")


def _span(value: Optional[str], hi: int) -> int:
    if value is None:
        return 1
    if value.isdigit() and value.isascii():
        return min(int(value), hi)
    m = _SPAN.match(value)
    return min(int(m.group(1)), hi) if m else 1


def _cell_text(td) -> str:
    # A cell of text alone (most are) is its text; _text would add only white space around it.
    return _collapse(td.text or "") if len(td) == 0 else _collapse(_text(td))


def _table_grid(table, bounds: Bounds) -> list[list[str]]:
    """Cell texts on the table's grid; a cell spanning rows or columns fills every position it covers.

    The grid is sized from the span numbers first, without building anything: its width is at most, over
    the rows, the columns a row's own cells span plus those of the cells reaching into it from above
    (each cell stands at the first free column), and the positions filled are the sum of the cells'
    areas. Both are checked against the limits (bounds.py) before a position is filled."""
    rows = []
    for child in table:
        if _tag(child) == "tr":
            rows.append(child)
        elif _tag(child) in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if _tag(r) == "tr")
    rows = [r for r in rows if not _ignored(r)]
    n = len(rows)
    cells_of: list[list[tuple]] = []
    own = [0] * n  # columns spanned by the cells that start in each row
    reach = [0] * (n + 1)  # change, at each row, of the columns spanned by cells from the rows above
    covered = 0
    spanned = False  # whether a cell spans more than one position
    for r, tr in enumerate(rows):
        cells = []
        single = 0  # cells of one position in this row: their reach into the next row cancels out
        for td in tr:
            tag = _TAG_NAMES[td.tag]
            if tag != "td" and tag != "th":
                continue
            if td.keys():  # a cell of no attributes (most) is neither hidden nor spanning: none looked up
                if _ignored(td):
                    continue
                colspan = max(1, _span(td.get("colspan"), 1000))
                rowspan = _span(td.get("rowspan"), 65534)
                if colspan != 1 or rowspan != 1:
                    # rowspan="0" runs to the end of the table; no span reaches past the last row.
                    last = n if rowspan == 0 else min(n, r + max(1, rowspan))
                    cells.append((td, colspan, last))
                    own[r] += colspan
                    reach[r + 1] += colspan
                    reach[last] -= colspan
                    covered += colspan * (last - r)
                    spanned = spanned or colspan > 1 or last != r + 1
                    continue
            cells.append((td, 1, r + 1))
            single += 1
        own[r] += single
        covered += single
        cells_of.append(cells)
    width, above = 0, 0
    for r in range(n):
        above += reach[r]
        width = max(width, own[r] + above)
    bounds.table(n, width, covered)
    if not spanned:  # each cell at the next column of its own row: the grid is the rows, padded
        texts = [[_cell_text(td) for td, _, _ in cells] for cells in cells_of]
        width = max(map(len, texts), default=0)
        return [row + [""] * (width - len(row)) for row in texts]
    taken: list[dict[int, str]] = [{} for _ in rows]
    for r, cells in enumerate(cells_of):
        c = 0
        for td, colspan, last in cells:
            while c in taken[r]:
                c += 1
            text = _cell_text(td)
            if colspan == 1 and last == r + 1:
                taken[r].setdefault(c, text)
            else:
                for rr in range(r, last):
                    for cc in range(c, c + colspan):
                        taken[rr].setdefault(cc, text)
            c += colspan
    width = max((max(t) + 1 for t in taken if t), default=0)
    return [[t.get(c, "") for c in range(width)] for t in taken]
