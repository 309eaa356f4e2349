"""Read a .pdf report from its text layer: paragraphs reflowed, ruled tables as grids, every line on its page.

A PDF has no paragraphs or tables, only characters and lines drawn at places. Reading it is two stages:

1. **Extraction** (``_pdfium_pages``, PDFium through pypdfium2, imported only here): for each page its
   characters with their boxes, and its ruling lines (thin rectangles and straight stroked segments).
2. **Layout** (``document_from_pages``, pure Python on ``Page``s, so that another extractor can feed it):
   ruling lines that touch form a table; its distinct line positions make a grid, and a missing line
   between two grid cells merges them (a vertical label such as 三、本年度办理结果, a header spanning
   columns), the merged text written into every position it covers as the .docx reader does. The other
   characters become lines, the lines paragraphs: a line continues the paragraph above when that one ran
   to the right margin and this one starts at the left margin without the first-line indent (CJK joined
   without a space, a wrapped URL or number without one either). Running headers, footers and page numbers
   (``- 4 -``, ``第4页``, ``4/12``, a line repeated at the same place on most pages) are dropped; a table
   that runs over a page break is joined to its first part, a repeated header row dropped, a merged label
   cut by the break carried over. Each rendition line keeps its page (``Document.pages``).
"""

from __future__ import annotations

import bisect
import ctypes
import re
import time
from collections import Counter
from typing import Any, Callable, Iterable, Iterator

from msgspec import Struct, field

from checker import limits
from checker.errors import InputError
from checker.model import Document
from checker.readers.builder import RenditionBuilder

_SCANNED = ("PDF 没有文字层（可能是扫描件），无法读取正文：请提供 Word (.docx) 原件或带文字层的 PDF，或先做文字识别（OCR） "
            "(no text layer, a scanned PDF: supply the .docx or a PDF with a text layer, or OCR it first)")
_UNDECODABLE = ("PDF 的文字层无法解码为文字（字体缺少 Unicode 映射），请提供 Word (.docx) 原件或重新导出 PDF "
                "(the text layer does not decode to text: supply the .docx or export the PDF again)")
_ENCRYPTED = "PDF 已加密，需要密码才能打开，请提供未加密的文件 (encrypted PDF: a password is needed to open it)"
_NOT_PDF = "不是有效的 PDF 文件：{reason} (not a valid PDF)"
_TOO_MANY_PAGES = ("PDF 共 {count} 页，超过上限 {limit} 页 "
                   "(too many pages; set OGI_CHECK_MAX_PDF_PAGES to raise the limit)")
_TOO_SLOW = ("读取 PDF 超过时间上限 {seconds:g} 秒，停在第 {page} 页 "
             "(reading the PDF took too long; set OGI_CHECK_PDF_BUDGET to raise the limit)")
_NO_TEXT = "文件中没有可读的正文 (no text found)"

# PDFium's load errors (fpdfview.h FPDF_ERR_*).
_ERR_FILE, _ERR_FORMAT, _ERR_PASSWORD, _ERR_SECURITY = 2, 3, 4, 5


# --- what extraction gives ----------------------------------------------------------------------------

class Char(Struct):
    """One character: its text and box in points, ``top`` < ``bottom`` (y grows down the page)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    index: int = -1  # the extractor's own index, for asking its font


class Font(Struct, frozen=True):
    """A character's font as the extractor reports it: size in points, PostScript name, whether bold."""

    size: float
    name: str = ""
    bold: bool = False


class Page(Struct):
    """One page as extracted: its number and size in points, its characters, and the ruling lines drawn on it
    (from which table grids are found); ``font`` gives the font of a character by its extractor index."""

    number: int  # 1-based
    width: float
    height: float
    chars: list[Char]
    horizontals: list[tuple[float, float, float]]  # (y, x0, x1)
    verticals: list[tuple[float, float, float]]  # (x, top, bottom)
    font: Callable[[int], Font] = lambda index: Font(0.0)


# --- extraction with PDFium -----------------------------------------------------------------------------

def read_pdf(path: str, data: bytes) -> Document:
    if b"%PDF-" not in data[:1024]:
        raise InputError(path, _NOT_PDF.format(reason="文件开头没有 %PDF- 标记"))
    try:
        return document_from_pages(path, _pdfium_pages(path, data))
    except InputError:
        raise
    except Exception as exc:  # PDFium, ctypes or a layout the reader did not foresee: one line, no traceback
        raise InputError(path, _NOT_PDF.format(reason=f"无法读取页面内容（{type(exc).__name__}）")) from None


def _open(path: str, data: bytes) -> Any:
    try:
        import pypdfium2 as pdfium  # type: ignore[import-untyped]  # heavy; imported only when a PDF is read
    except ImportError:  # pragma: no cover - a base dependency
        raise InputError(path, "读取 PDF 需要 pypdfium2：pip install pypdfium2 (pypdfium2 is not installed)") from None
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)  # pypdfium2 < 4.x: only the message says why
        if code in (_ERR_PASSWORD, _ERR_SECURITY) or re.search(r"password|security", str(exc), re.I):
            raise InputError(path, _ENCRYPTED) from None
        reason = "文件已损坏或不完整" if code in (_ERR_FORMAT, _ERR_FILE, None) else f"PDFium 错误 {code}"
        raise InputError(path, _NOT_PDF.format(reason=reason)) from None
    except Exception:
        raise InputError(path, _NOT_PDF.format(reason="无法解析文件结构")) from None


def _pdfium_pages(path: str, data: bytes) -> Iterator[Page]:
    """The pages one at a time; each stays open (its ``font`` usable) until the next is asked for."""
    import pypdfium2.raw as raw  # type: ignore[import-untyped]

    pdf = _open(path, data)
    try:
        count = len(pdf)
        if count > limits.MAX_PDF_PAGES:
            raise InputError(path, _TOO_MANY_PAGES.format(count=count, limit=limits.MAX_PDF_PAGES))
        deadline = time.perf_counter() + limits.PDF_BUDGET_SECONDS
        for i in range(count):
            if time.perf_counter() > deadline:
                raise InputError(path, _TOO_SLOW.format(seconds=limits.PDF_BUDGET_SECONDS, page=i + 1))
            page = pdf[i]
            textpage = page.get_textpage()
            try:
                yield _pdfium_page(raw, page, textpage, i)
            finally:
                textpage.close()
                page.close()
    finally:
        pdf.close()


def _pdfium_page(raw: Any, page: Any, textpage: Any, index: int) -> Page:
    # In the coordinates the content is drawn in (a page shown turned by /Rotate is read as drawn); y is
    # turned to grow down from the top of the media box.
    left, bottom, right, top = page.get_mediabox()
    width, height, flip = right - left, top - bottom, top
    tp = textpage.raw
    n = raw.FPDFText_CountChars(tp)
    text = textpage.get_text_range(0, n) if n > 0 else ""
    if len(text) != n:  # characters outside the BMP: ask one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(tp, i)) for i in range(n))
    box = raw.FS_RECTF()
    loose = raw.FPDFText_GetLooseCharBox
    chars = []
    for i, ch in enumerate(text):
        if ch.isspace() or ch == "\x00" or not loose(tp, i, box):
            continue  # spaces are found again from the gaps between characters
        chars.append(Char(ch, box.left, flip - box.top, box.right, flip - box.bottom, i))
    horizontals: list[tuple[float, float, float]] = []
    verticals: list[tuple[float, float, float]] = []
    _pdfium_rulings(raw, page.raw, flip, horizontals, verticals)
    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()

    def font(i: int) -> Font:
        size = raw.FPDFText_GetFontSize(tp, i)
        length = raw.FPDFText_GetFontInfo(tp, i, buf, len(buf), ctypes.byref(flags))
        name = buf.raw[: max(0, min(length, len(buf)) - 1)].decode("latin-1") if length else ""
        weight = raw.FPDFText_GetFontWeight(tp, i)
        return Font(round(size, 1), name, weight >= 600 or _bold_name(name) or bool(flags.value & 0x40000))

    return Page(index + 1, width, height, chars, horizontals, verticals, font)


def _pdfium_rulings(raw: Any, container: Any, height: float, horizontals: list, verticals: list,
                    form: Any = None, matrix: tuple = (1, 0, 0, 1, 0, 0), depth: int = 0) -> None:
    """The ruling lines among the page's path objects (and those of its form XObjects, a few levels deep)."""
    count = raw.FPDFFormObj_CountObjects(form) if form is not None else raw.FPDFPage_CountObjects(container)
    for k in range(min(count, 50_000)):  # a page of more objects is a drawing; its first ones are enough
        if len(horizontals) + len(verticals) > 4 * _MAX_RULINGS:
            return
        obj = raw.FPDFFormObj_GetObject(form, k) if form is not None else raw.FPDFPage_GetObject(container, k)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM and depth < 4:
            m = raw.FS_MATRIX()
            inner = matrix
            if raw.FPDFPageObj_GetMatrix(obj, m):
                inner = _compose((m.a, m.b, m.c, m.d, m.e, m.f), matrix)
            _pdfium_rulings(raw, container, height, horizontals, verticals, obj, inner, depth + 1)
        elif kind == raw.FPDF_PAGEOBJ_PATH:
            _path_rulings(raw, obj, height, matrix, horizontals, verticals)


def _compose(inner: tuple, outer: tuple) -> tuple:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: tuple, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


_THIN = 3.0  # a rectangle thinner than this (points) is a line, as Word draws table borders


def _path_rulings(raw: Any, obj: Any, height: float, matrix: tuple, horizontals: list, verticals: list) -> None:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return
    (x0, y0), (x1, y1) = _apply(matrix, left.value, bottom.value), _apply(matrix, right.value, top.value)
    x0, x1, y0, y1 = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    if x1 - x0 <= _THIN and y1 - y0 > _THIN:
        verticals.append(((x0 + x1) / 2, height - y1, height - y0))
        return
    if y1 - y0 <= _THIN and x1 - x0 > _THIN:
        horizontals.append((height - (y0 + y1) / 2, x0, x1))
        return
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)) or not stroke.value:
        return  # a filled area (cell shading, a picture's frame): not a ruling
    m = raw.FS_MATRIX()
    own = matrix
    if raw.FPDFPageObj_GetMatrix(obj, m):
        own = _compose((m.a, m.b, m.c, m.d, m.e, m.f), matrix)
    x, y = ctypes.c_float(), ctypes.c_float()
    start = last = None
    for s in range(min(raw.FPDFPath_CountSegments(obj), 4096)):
        seg = raw.FPDFPath_GetPathSegment(obj, s)
        if not raw.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        point = _apply(own, x.value, y.value)
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = last = point
            continue
        if kind == raw.FPDF_SEGMENT_LINETO and last is not None:
            _segment(last, point, height, horizontals, verticals)
        last = point
        if raw.FPDFPathSegment_GetClose(seg) and start is not None:
            _segment(last, start, height, horizontals, verticals)
            last = start


def _segment(a: tuple[float, float], b: tuple[float, float], height: float, horizontals: list, verticals: list) -> None:
    (xa, ya), (xb, yb) = a, b
    if abs(ya - yb) < 0.5 and abs(xa - xb) > _THIN:
        horizontals.append((height - ya, min(xa, xb), max(xa, xb)))
    elif abs(xa - xb) < 0.5 and abs(ya - yb) > _THIN:
        verticals.append((xa, height - max(ya, yb), height - min(ya, yb)))


_BOLD_NAME = re.compile(r"bold|black|heavy|demi|semibold|-b$|,b$", re.I)


def _bold_name(name: str) -> bool:
    return bool(_BOLD_NAME.search(name.split("+")[-1]))


# --- layout: tables -------------------------------------------------------------------------------------

_TOL = 2.0  # points: lines this close are one line


def _cluster(values: list[float], tol: float = _TOL) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(group) / len(group) for group in out]


class _Table(Struct):
    """A ruled table found on a page: the x and y of its grid lines and the cell texts laid on that grid."""

    page: int
    xs: list[float]
    ys: list[float]
    rows: list[list[str]] = field(default_factory=list)
    # for each grid position, the id of the merged cell covering it (to carry labels over a page break)
    groups: list[list[int]] = field(default_factory=list)
    row_pages: list[int] = field(default_factory=list)
    open_edges: list[tuple[int, int]] = field(default_factory=list)  # (row, column) with no outer border

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]

    def contains(self, ch: Char) -> bool:
        cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        return self.xs[0] - 1 <= cx <= self.xs[-1] + 1 and self.ys[0] - 1 <= cy <= self.ys[-1] + 1


def _merge_collinear(segments: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """(position, start, end) segments on one line and touching merged into one."""
    lines: list[list[tuple[float, float, float]]] = []
    for seg in sorted(segments):
        if lines and seg[0] - lines[-1][-1][0] <= _TOL:
            lines[-1].append(seg)
        else:
            lines.append([seg])
    out: list[tuple[float, float, float]] = []
    for same in lines:
        pos = sum(s[0] for s in same) / len(same)
        runs: list[list[float]] = []
        for _, a, b in sorted(same, key=lambda s: s[1]):
            if runs and a <= runs[-1][1] + _TOL:
                runs[-1][1] = max(runs[-1][1], b)
            else:
                runs.append([a, b])
        out.extend((pos, a, b) for a, b in runs)
    return out


# More ruling lines than this on one page is a drawing (a map, hatching), not tables: the page is read as text,
# and the pairwise test of which lines touch stays bounded.
_MAX_RULINGS = 2000


def _find_tables(page: Page) -> list[_Table]:
    hs = _merge_collinear(page.horizontals)
    vs = _merge_collinear(page.verticals)
    if len(hs) < 2 or len(vs) < 2 or len(hs) > _MAX_RULINGS or len(vs) > _MAX_RULINGS:
        return []
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, x0, x1) in enumerate(hs):
        for j, (x, top, bottom) in enumerate(vs):
            if x0 - _TOL <= x <= x1 + _TOL and top - _TOL <= y <= bottom + _TOL:
                parent[find(i)] = find(len(hs) + j)
    components: dict[int, tuple[list, list]] = {}
    for i, h in enumerate(hs):
        components.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        components.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    tables = []
    for comp_h, comp_v in components.values():
        if len(comp_h) < 2 or len(comp_v) < 2:
            continue
        xs = _cluster([v[0] for v in comp_v])
        ys = _cluster([h[0] for h in comp_h])
        if len(xs) < 2 or len(ys) < 2 or xs[-1] - xs[0] < 20 or ys[-1] - ys[0] < 8:
            continue
        tables.append(_grid(page, xs, ys, comp_h, comp_v))
    tables.sort(key=lambda t: t.top)
    return tables


def _covers(segments: list[tuple[float, float, float]], pos: float, a: float, b: float) -> bool:
    """Whether a segment at ``pos`` runs over the middle of the span ``a``..``b``."""
    mid = (a + b) / 2
    return any(abs(p - pos) <= _TOL and s - _TOL <= mid <= e + _TOL for p, s, e in segments)


def _grid(page: Page, xs: list[float], ys: list[float], hs: list, vs: list) -> _Table:
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not _covers(vs, xs[c + 1], ys[r], ys[r + 1]):
                parent[find(r * nc + c + 1)] = find(r * nc + c)
            if r + 1 < nr and not _covers(hs, ys[r + 1], xs[c], xs[c + 1]):
                parent[find((r + 1) * nc + c)] = find(r * nc + c)
    table = _Table(page.number, xs, ys, groups=[[find(r * nc + c) for c in range(nc)] for r in range(nr)])
    table.open_edges = [(r, c) for r in range(nr) for c, x in ((0, xs[0]), (nc - 1, xs[-1]))
                        if not _covers(vs, x, ys[r], ys[r + 1])]
    return table


def _fill(table: _Table, chars: list[Char], font: Callable[[int], Font]) -> None:
    """The text of each merged cell, from the characters whose centre lies in it, in every position it covers."""
    nr, nc = len(table.ys) - 1, len(table.xs) - 1
    by_group: dict[int, list[Char]] = {}
    for ch in chars:
        cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        r = min(max(bisect.bisect_right(table.ys, cy) - 1, 0), nr - 1)
        c = min(max(bisect.bisect_right(table.xs, cx) - 1, 0), nc - 1)
        by_group.setdefault(table.groups[r][c], []).append(ch)
    texts = {g: _block_text(cs, font) for g, cs in by_group.items()}
    # An empty cell without its border on the table's outer edge is the rest of the merged cell above it,
    # whose lines the printer cut short (LibreOffice does so for a merged cell at a page break).
    for r, c in table.open_edges:
        group, above = table.groups[r][c], table.groups[r - 1][c] if r else None
        if above is not None and above != group and not texts.get(group) and _is_label(texts.get(above, "")):
            texts[group] = texts[above]
    table.rows = [[texts.get(g, "") for g in row] for row in table.groups]
    table.row_pages = [table.page] * nr


# --- layout: lines and their text -----------------------------------------------------------------------

class _Line:
    """A visual line of text outside the tables: its characters left to right, its box, its font."""

    __slots__ = ("page", "chars", "text", "font", "x0", "x1", "top", "bottom", "height")

    def __init__(self, page: int, chars: list[Char], text: str, font: Font = Font(0.0)) -> None:
        self.page, self.chars, self.text, self.font = page, chars, text, font
        self.x0, self.x1 = chars[0].x0, chars[-1].x1
        self.top, self.bottom = min(c.top for c in chars), max(c.bottom for c in chars)
        self.height = self.bottom - self.top


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x3000 <= o <= 0x303F
            or 0x20000 <= o <= 0x3FFFF or 0x2010 <= o <= 0x2027)


def _bands(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into visual lines, each sorted left to right. A character joins the line whose
    vertical extent it mostly overlaps: the boxes of 一, 三 and quotation marks are a fraction of a line's
    height and sit high in it, so their middles lie well above the line's (grouping by the middle put
    “三一” of 危及“三安全一稳定” on a line of their own, the label read as “三 一 ”3.危及 安全 稳定)."""
    ordered = sorted(chars, key=lambda c: (c.top + c.bottom) / 2)
    bands: list[list[Char]] = []
    top = bottom = 0.0
    for ch in ordered:
        h = ch.bottom - ch.top
        overlap = min(bottom, ch.bottom) - max(top, ch.top)
        centre, height = (top + bottom) / 2, bottom - top
        if bands and (overlap >= 0.5 * min(h, height) > 0
                      or abs((ch.top + ch.bottom) / 2 - centre) <= 0.35 * max(height, h)):
            bands[-1].append(ch)
            top, bottom = min(top, ch.top), max(bottom, ch.bottom)
            continue
        bands.append([ch])
        top, bottom = ch.top, ch.bottom
    for band in bands:
        band.sort(key=lambda c: c.x0)
    return bands


def _line_text(chars: list[Char], size: float = 0.0) -> str:
    """A visual line's characters as text: a space where the gap between two is a word space (Latin) or
    wider than most of a character (a tab stop, a column gap, never the spacing of justified CJK text)."""
    out = [chars[0].text]
    for a, b in zip(chars, chars[1:]):
        gap = b.x0 - a.x1
        em = size or max(a.bottom - a.top, b.bottom - b.top) / 1.4
        if gap > 0.9 * em or (gap > 0.18 * em and not _is_cjk(a.text[-1]) and not _is_cjk(b.text[0])):
            out.append(" ")
        out.append(b.text)
    return "".join(out)


_JOIN_TIGHT = set("/.-_@:?=&%#~+\\")


def _join(left: str, right: str) -> str:
    """Two wrapped lines of one paragraph: CJK without a space, a URL, e-mail or number without one."""
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    if _is_cjk(a) or _is_cjk(b) or a in _JOIN_TIGHT or b in _JOIN_TIGHT or (a.isdigit() and b.isdigit()):
        return left + right
    return left + " " + right


def _block_text(chars: list[Char], font: Callable[[int], Font] = lambda i: Font(0.0)) -> str:
    """The text of a table cell: its lines, joined."""
    text = ""
    for band in _bands(chars):
        text = _join(text, _line_text(band, font(band[0].index).size if band[0].index >= 0 else 0.0))
    return text


# --- layout: running headers and footers ----------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－―~〜\s]*\d{1,4}[-—–－―~〜\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$", re.I)


_NUMBERED = re.compile(r"页|page|\d+\s*/\s*\d+|[-—–]\s*\d+\s*[-—–]", re.I)


def _furniture(pages_items: list[list[Any]], heights: dict[int, float]) -> set[int]:
    """ids of the lines that are running headers, footers or page numbers."""
    candidates: list[tuple[_Line, str]] = []
    for items in pages_items:
        lines = items
        for k in range(min(2, len(lines))):  # the first lines, above the body
            line = lines[k]
            if not isinstance(line, _Line) or line.top > 0.18 * heights[line.page]:
                break
            nxt = lines[k + 1] if k + 1 < len(lines) else None
            if nxt is not None and nxt.top - line.bottom < 0.6 * line.height:
                break
            candidates.append((line, "top"))
        for k in range(min(2, len(lines))):  # the last lines, below the body
            line = lines[len(lines) - 1 - k]
            if not isinstance(line, _Line) or line.bottom < 0.82 * heights[line.page]:
                break
            prev = lines[len(lines) - 2 - k] if len(lines) - 2 - k >= 0 else None
            if prev is not None and line.top - prev.bottom < 0.6 * line.height:
                break
            candidates.append((line, "bottom"))
    drop: set[int] = set()
    seen: dict[tuple[str, str], list[_Line]] = {}
    for line, where in candidates:
        if _PAGE_NUMBER.match(line.text.strip()):
            drop.add(id(line))
        else:
            # A header or footer may carry the page number ("第3页", "3/12"): compare it without its digits;
            # any other line must repeat exactly.
            text = line.text
            if _NUMBERED.search(text):
                text = re.sub(r"\d+", "#", text)
            seen.setdefault((where, text), []).append(line)
    pages = len(pages_items)
    for same in seen.values():
        tops = Counter(round(line.top / 4) for line in same)
        most = tops.most_common(1)[0][1] if tops else 0
        if len({line.page for line in same}) >= 2 and most >= max(2, 0.5 * pages):
            drop.update(id(line) for line in same)
    return drop


# --- layout: paragraphs ---------------------------------------------------------------------------------

_CN_NUMBER = "[一二三四五六七八九十百]+"
_HEADING_TOKEN = re.compile(rf"^(?:{_CN_NUMBER}、|[（(]{_CN_NUMBER}[）)]|\d{{1,2}}[.．、]|[（(]\d{{1,2}}[）)])")
_SENTENCE_END = "。！？；：!?;:"


class _Metrics(Struct):
    """The measures of a document's body text, by which lines are joined into paragraphs and headings told apart."""

    size: float  # the body's font size
    left: float  # the left margin of body lines
    right: float  # their right margin
    pitch: float  # the distance between the baselines of two lines of one paragraph
    body_key: tuple


def _font_key(font: Font) -> tuple:
    family = re.sub(r"^[A-Z]{6}\+", "", font.name)
    family = re.split(r"[-,]", family)[0]
    return (round(font.size * 2) / 2, font.bold, family)


def _metrics(lines: list[_Line]) -> _Metrics:
    weight: Counter = Counter()
    for line in lines:
        weight[_font_key(line.font)] += len(line.text)
    body_key = weight.most_common(1)[0][0] if weight else (0.0, False, "")
    body = [line for line in lines if _font_key(line.font) == body_key] or lines
    size = body_key[0] or sum(line.height for line in body) / len(body) / 1.4
    # The margins: the outermost positions at least two body lines share (a stray line does not move them).
    lefts = Counter(round(line.x0) for line in body)
    rights = Counter(round(line.x1) for line in body)
    left = min((v for v in lefts if sum(n for w, n in lefts.items() if abs(w - v) <= 1) >= 2),
               default=min(line.x0 for line in body))
    right = max((v for v in rights if sum(n for w, n in rights.items() if abs(w - v) <= 1) >= 2),
                default=max(line.x1 for line in body))
    steps: Counter = Counter()
    for a, b in zip(body, body[1:]):
        step = b.top - a.top
        if a.page == b.page and 0.8 * a.height < step < 3 * a.height:
            steps[round(step)] += 1
    pitch = steps.most_common(1)[0][0] if steps else 1.5 * size
    return _Metrics(size, left, right, pitch, body_key)


def _em(line: _Line, m: _Metrics) -> float:
    return line.font.size or m.size


def _flush(line: _Line, m: _Metrics) -> bool:
    return abs(line.x0 - m.left) <= 0.5 * _em(line, m)


def _centred(line: _Line, m: _Metrics) -> bool:
    """As far from the left margin as from the right (centring is exact), and not the first-line indent."""
    em = _em(line, m)
    left, right = line.x0 - m.left, m.right - line.x1
    return abs(left - right) <= 0.5 * em and left > em


_OPENING = set("（(《〈「『【〔“‘[")
_CLOSING = set("，。、；：？！）)》〉」』】〕”’.,;:?!]…%％")
_QUOTES = set("“”‘’\"'")


def _first_word(line: _Line) -> float:
    """The width of what must stand at the start of ``line``: a CJK character, or a Latin word or number,
    with the punctuation that may not start or end a line kept on it (禁则)."""
    chars = line.chars
    i = 0
    while i < len(chars) - 1 and chars[i].text in _OPENING:
        i += 1
    if not _is_cjk(chars[i].text):
        em = max(1.0, chars[i].bottom - chars[i].top) / 1.4
        while (i + 1 < len(chars) and not _is_cjk(chars[i + 1].text)
               and chars[i + 1].x0 - chars[i].x1 <= 0.18 * em):
            i += 1
    while i + 1 < len(chars):
        # closing punctuation stays on the unit; a quotation mark glues to both neighbours (UAX #14, LB19)
        if chars[i + 1].text in _CLOSING or chars[i + 1].text in _QUOTES or chars[i].text in _QUOTES:
            i += 1
            continue
        break
    return chars[i].x1 - chars[0].x0


def _continues(a: _Line, b: _Line, m: _Metrics) -> bool:
    """Whether line ``b`` goes on with the paragraph whose last line is ``a`` (nothing stands between them):
    it starts at the left margin, and the start of it would not have fitted at the end of ``a``."""
    if abs(a.font.size - b.font.size) > 0.6:
        return False  # (not the font's name or weight: a line may start with a bold phrase, or digits in Latin)
    if a.page == b.page and b.top - a.top > 1.35 * max(m.pitch, a.height):
        return False  # space between paragraphs
    em = _em(a, m)
    if a.font.size > m.size + 1 and _centred(b, m) and (_centred(a, m) or a.x1 >= m.right - 2 * em):
        return a.text[-1] not in _SENTENCE_END  # a title in two lines
    if not _flush(b, m) or m.right - a.x1 > _first_word(b) + 0.5 * em:
        return False
    return not (a.text[-1] in _SENTENCE_END and _HEADING_TOKEN.match(b.text))


def _heading_levels(paragraphs: list[list[_Line]], m: _Metrics) -> dict[int, int]:
    """Heading levels (by paragraph index) from fonts: a short paragraph, not the title, in a font other than
    the body's and not smaller: the bigger the font the higher the level, the same size in order of use."""
    keys: dict[int, tuple] = {}
    for i, para in enumerate(paragraphs):
        first = para[0]
        key = _font_key(first.font)
        text = "".join(line.text for line in para)
        if (i == 0 or key == m.body_key or first.font.size < m.size - 0.5 or len(para) > 2 or len(text) > 40
                or text[-1] in "。；;" or _centred(first, m)):
            continue
        keys[i] = key
    order: list[tuple] = []
    for key in sorted(set(keys.values()), key=lambda k: (-k[0], min(i for i, v in keys.items() if v == k))):
        order.append(key)
    return {i: order.index(key) + 1 for i, key in keys.items() if order.index(key) < 9}


# --- the whole document ---------------------------------------------------------------------------------

def _page_items(page: Page) -> list[Any]:
    """The tables and text lines of one page, top to bottom."""
    tables = _find_tables(page)
    in_table: dict[int, list[Char]] = {id(t): [] for t in tables}
    loose = []
    for ch in page.chars:
        owner = next((t for t in tables if t.contains(ch)), None)
        if owner is None:
            loose.append(ch)
        else:
            in_table[id(owner)].append(ch)
    for t in tables:
        _fill(t, in_table[id(t)], page.font)
    items: list[Any] = [t for t in tables if any(cell for row in t.rows for cell in row)]
    for band in _bands(loose):
        font = page.font(band[0].index) if band[0].index >= 0 else Font(0.0)
        line = _Line(page.number, band, _line_text(band, font.size), font)
        if font.size <= 0:
            line.font = Font(round(line.height / 1.4, 1), font.name, font.bold)
        items.append(line)
    items.sort(key=lambda it: it.top)
    return items


def document_from_pages(path: str, pages: Iterable[Page]) -> Document:
    """Lay the extracted pages out as a Document (see the module docstring)."""
    per_page: list[list[Any]] = []
    heights: dict[int, float] = {}
    total = undecodable = 0
    for page in pages:
        heights[page.number] = page.height
        total += len(page.chars)
        undecodable += sum(1 for c in page.chars if c.text == "\ufffd" or 0xE000 <= ord(c.text[0]) <= 0xF8FF)
        per_page.append(_page_items(page))
    if total == 0:
        raise InputError(path, _SCANNED)
    if undecodable > 0.3 * total:
        raise InputError(path, _UNDECODABLE)
    drop = _furniture(per_page, heights)
    stream = [it for items in per_page for it in items if id(it) not in drop]
    lines = [it for it in stream if isinstance(it, _Line)]
    if not lines and not any(isinstance(it, _Table) for it in stream):
        raise InputError(path, _SCANNED)
    metrics = _metrics(lines) if lines else _Metrics(10.0, 0.0, 0.0, 15.0, (10.0, False, ""))
    blocks: list[Any] = []  # paragraphs (lists of lines) and tables, in reading order
    for it in stream:
        if isinstance(it, _Table):
            previous = blocks[-1] if blocks else None
            if isinstance(previous, _Table) and _continues_table(previous, it):
                _join_tables(previous, it)
            else:
                blocks.append(it)
        elif blocks and isinstance(blocks[-1], list) and _continues(blocks[-1][-1], it, metrics):
            blocks[-1].append(it)
        else:
            blocks.append([it])
    paragraphs = [b for b in blocks if isinstance(b, list)]
    levels = _heading_levels(paragraphs, metrics)
    index = {id(p): i for i, p in enumerate(paragraphs)}
    builder = RenditionBuilder(path)
    for block in blocks:
        if isinstance(block, _Table):
            builder.add_table(block.rows, row_pages=block.row_pages)
            continue
        text = ""
        for line in block:
            text = _join(text, line.text)
        builder.page = block[0].page
        builder.add_paragraph(text, markup_level=levels.get(index[id(block)]))
    if not builder.blocks:
        raise InputError(path, _NO_TEXT)
    return builder.build(path, "pdf")


def _continues_table(first: _Table, second: _Table) -> bool:
    """A table at the top of a page goes on with the table that ended the page before: the same outer edges,
    and column lines that agree (one part may lack some, where all its cells span them)."""
    if second.page != first.row_pages[-1] + 1:
        return False
    if abs(first.xs[0] - second.xs[0]) > 2.5 or abs(first.xs[-1] - second.xs[-1]) > 2.5:
        return False
    fewer, more = sorted((first.xs, second.xs), key=len)
    return all(any(abs(x - y) <= 2.5 for y in more) for x in fewer)


def _regrid(table: _Table, xs: list[float]) -> None:
    """The table's rows on the finer column lines ``xs``: a cell covers every new column inside it."""
    if len(xs) == len(table.xs):
        table.xs = xs
        return
    where = [min(max(bisect.bisect_right(table.xs, (a + b) / 2) - 1, 0), len(table.xs) - 2)
             for a, b in zip(xs, xs[1:])]
    table.rows = [[row[c] for c in where] for row in table.rows]
    table.groups = [[row[c] for c in where] for row in table.groups]
    table.xs = xs


def _is_label(text: str) -> bool:
    return bool(text.strip()) and not re.fullmatch(r"[\d\s.,，%％+\-—－/]*(?:万元|元)?", text.strip())


def _is_value(text: str) -> bool:
    return bool(text.strip()) and not _is_label(text)


def _join_tables(first: _Table, second: _Table) -> None:
    xs = _cluster(first.xs + second.xs, 2.5)
    _regrid(first, xs)
    _regrid(second, xs)
    rows, groups = second.rows, second.groups
    # A header row repeated on the new page (Word's "repeat as header row") is not data.
    repeat = 0
    while (repeat < len(rows) - 1 and repeat < len(first.rows) and rows[repeat] == first.rows[repeat]
           and any(_is_label(c) for c in rows[repeat])):
        repeat += 1
    rows, groups = rows[repeat:], groups[repeat:]
    offset = 1 + max((g for row in first.groups for g in row), default=0)
    groups = [[g + offset for g in row] for row in groups]
    # A merged cell cut by the page break: its text stands on one side only; the other side gets it too.
    # It is told from a blank cell by being tall (the cut cell spans rows on one side), or by standing in
    # header rows (no figures on either side of the break), where a blank cell beside labels is a cut one.
    last, last_groups = first.rows[-1], first.groups[-1]
    if rows:
        header = not any(_is_value(c) for c in last + rows[0])
        for c in range(len(last)):
            above, below = last[c], rows[0][c]
            cut = header or sum(1 for row in first.groups if row[c] == last_groups[c]) > 1 or sum(
                1 for row in groups if row[c] == groups[0][c]) > 1
            if not cut:
                continue
            if not below.strip() and _is_label(above):
                _set_group(rows, groups, groups[0][c], above)
            elif not above.strip() and _is_label(below):
                _set_group(first.rows, first.groups, last_groups[c], below)
    first.rows.extend(rows)
    first.groups.extend(groups)
    first.row_pages.extend([second.page] * len(rows))


def _set_group(rows: list[list[str]], groups: list[list[int]], group: int, text: str) -> None:
    for r, row in enumerate(groups):
        for c, g in enumerate(row):
            if g == group:
                rows[r][c] = text

