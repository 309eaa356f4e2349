"""Read a .docx report: body paragraphs and tables in order, heading levels from styles, merges resolved."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Iterator, Optional

from checker import limits
from checker.errors import InputError
from checker.model import Document
from checker.readers.builder import RenditionBuilder

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
# Word stores a password-protected .docx inside an OLE container with this stream name (UTF-16LE).
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

_LEGACY = "这是旧版 Word (.doc) 文件，请在 Word 中另存为 .docx 后再检查 (legacy .doc, not .docx)"
_ENCRYPTED = "文件已加密，请在 Word 中取消密码后再检查 (encrypted document)"
_BOMB = "解压后过大，疑似压缩炸弹 (decompressed size too large)"
_NO_TEXT = "文件中没有可读的正文 (no text found)"

# Localised names of Word's built-in "heading N" styles (Word writes the English name into the
# file, but WPS and hand-made templates use the UI language). "Title"/"Subtitle" are not headings.
_HEADING_WORDS = ("heading", "标题", "標題", "überschrift", "titre", "título", "titolo", "kop",
                  "заголовок", "見出し", "제목", "nagłówek", "rubrik", "otsikko", "overskrift", "címsor",
                  "nadpis", "başlık")
_HEADING_NAME = re.compile(r"^(?:%s)\s*([1-9])$" % "|".join(map(re.escape, _HEADING_WORDS)), re.I)
# Chinese Word and WPS give "Title" (标题) an outline level; it is still the report's title, not a heading.
_NOT_HEADING = {"title", "subtitle", "标题", "副标题", "標題", "副標題"}
_TOC_NAME = re.compile(r"^toc\s*[1-9]$", re.I)

# Elements whose content is never visible text: field codes, deleted/moved-away revisions,
# property bags, and the legacy copy of a drawing that mc:AlternateContent carries twice.
_SKIP = {_W + t for t in ("instrText", "delInstrText", "delText", "del", "moveFrom", "pPr", "rPr",
                          "tcPr", "trPr", "tblPr", "tblGrid", "sdtPr", "sdtEndPr")} | {_MC_FALLBACK}
_CONTAINERS = (_W + "sdt", _W + "customXml")


def read_docx(path: str, data: bytes) -> Document:
    if data.startswith(_OLE_MAGIC):
        raise InputError(path, _ENCRYPTED if _ENCRYPTED_STREAM in data else _LEGACY)
    _check_zip(path, data)
    try:
        import docx  # heavy; imported only when a .docx is read

        document = docx.Document(io.BytesIO(data))
        styles = _StyleLevels(document.styles.element)
        builder = RenditionBuilder()
        _add_blocks(document.element.body, builder, styles)
    except InputError:
        raise
    except Exception as exc:  # python-docx/lxml/zipfile raise many types; the user needs one reason
        raise InputError(path, _invalid(_reason(exc))) from None
    finally:
        _collect_garbage()
    if not builder.blocks:
        raise InputError(path, _NO_TEXT)
    return builder.build(path, "docx")


_read_since_collect = 0


def _collect_garbage() -> None:
    """python-docx's package objects form reference cycles, so each file's lxml tree (memory the
    collector cannot see) waits for a full collection; in a batch of 300 .docx that let the process
    grow to 160 MB. A collection every 8 files keeps it near 80 MB for under a millisecond a file."""
    global _read_since_collect
    _read_since_collect += 1
    if _read_since_collect >= 8:
        _read_since_collect = 0
        import gc

        gc.collect()


def _invalid(reason: str) -> str:
    return f"不是有效的 Word (.docx) 文件：{reason} (not a valid .docx)"


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        m = re.search(r"named '([^']+)'", str(exc))
        return f"缺少 {m.group(1)}" if m else "缺少必需的部件"
    if isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError)):
        return "压缩包已损坏"
    if isinstance(exc, SyntaxError):  # lxml's XMLSyntaxError
        return "XML 格式错误"
    if isinstance(exc, ValueError) and "content type" in str(exc):
        return "内容不是 Word 文档"
    return "无法解析文档结构"


def _check_zip(path: str, data: bytes) -> None:
    """Refuse non-zips, plain zips and zip bombs from the central directory alone, before anything is inflated.

    zipfile stops reading a member at its declared size and checks the CRC, so declared sizes
    are binding: trusting them here is safe.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except Exception:
        raise InputError(path, _invalid("压缩包已损坏" if data.startswith(b"PK") else "不是 zip 压缩包")) from None
    if len(infos) > limits.MAX_ZIP_MEMBERS:
        raise InputError(path, _invalid(f"压缩包内有 {len(infos)} 个文件，过多"))
    if sum(i.file_size for i in infos) > limits.MAX_UNZIPPED_BYTES:
        raise InputError(path, _BOMB)
    for i in infos:
        if i.file_size > limits.RATIO_FLOOR and i.file_size > limits.MAX_ZIP_RATIO * max(i.compress_size, 1):
            raise InputError(path, _BOMB)
        if i.file_size > limits.MAX_PART_BYTES:
            raise InputError(path, f"“{i.filename}”解压后 {i.file_size / limits.MB:.1f} MB，超过单个部件上限 "
                                   f"{limits.MAX_PART_BYTES / limits.MB:g} MB (part too large; set "
                                   f"OGI_CHECK_MAX_PART_MB to raise the limit)")
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names:  # every Office Open XML package has one
        odt = "mimetype" in names and "content.xml" in names
        raise InputError(path, _invalid("这是 OpenDocument (.odt) 文件，请另存为 .docx" if odt
                                        else "这是普通 zip 压缩包，不是 Word 文档"))


class _StyleLevels:
    """Heading level of each paragraph style: a heading name, else its outline level, else its base's."""

    def __init__(self, styles_el) -> None:
        self.styles = {}
        self.default: Optional[str] = None
        for st in styles_el.iterchildren(_W + "style"):
            if st.get(_W + "type") != "paragraph":
                continue
            sid = st.get(_W + "styleId") or ""
            self.styles[sid] = st
            if st.get(_W + "default") in ("1", "true", "on"):
                self.default = sid
        self._cache: dict[str, Optional[int]] = {}

    def name(self, sid: Optional[str]) -> str:
        st = self.styles.get(sid or self.default or "")
        return (_val(st.find(_W + "name")) or "") if st is not None else ""

    def level(self, sid: Optional[str]) -> Optional[int]:
        sid = sid or self.default or ""
        if sid not in self._cache:
            self._cache[sid] = None  # guards against basedOn cycles
            self._cache[sid] = self._resolve(sid)
        return self._cache[sid]

    def _resolve(self, sid: str) -> Optional[int]:
        st = self.styles.get(sid)
        if st is None:
            return None
        name = (_val(st.find(_W + "name")) or "").strip()
        if name.lower() in _NOT_HEADING or sid.lower() in _NOT_HEADING:
            return None
        m = _HEADING_NAME.match(name) or _HEADING_NAME.match(sid)
        if m:
            return int(m.group(1))
        outline = _outline_level(st.find(_W + "pPr"))
        if outline is not False:
            return outline
        based = _val(st.find(_W + "basedOn"))
        return self.level(based) if based else None


def _val(el) -> Optional[str]:
    return el.get(_W + "val") if el is not None else None


def _outline_level(ppr):
    """Heading level from a w:outlineLvl (0-8 → 1-9, 9 = body text), or False when there is none."""
    raw = _val(ppr.find(_W + "outlineLvl")) if ppr is not None else None
    if raw is None:
        return False
    try:
        n = int(raw)
    except ValueError:
        return False
    return n + 1 if 0 <= n <= 8 else None


def _add_blocks(container, builder: RenditionBuilder, styles: _StyleLevels) -> None:
    for el in container:
        tag = el.tag
        if tag == _W + "p":
            ppr = el.find(_W + "pPr")
            sid = _val(ppr.find(_W + "pStyle")) if ppr is not None else None
            if _TOC_NAME.match(styles.name(sid)):
                continue  # a generated table of contents repeats the headings with page numbers
            level = _outline_level(ppr)
            if level is False:
                level = styles.level(sid)
            builder.add_paragraph(_inline_text(el), markup_level=level, anchor=("p", locate(el)))
        elif tag == _W + "tbl":
            anchors: list[list] = []
            builder.add_table(_table_grid(el, anchors), anchors)
        elif tag in _CONTAINERS and not _is_toc(el):
            _add_blocks(_content(el), builder, styles)


def locate(el) -> tuple[int, ...]:
    """Child indices from w:body down to ``el``: they find the same element in a fresh parse of the
    same bytes, which is how ``ogi-check annotate`` anchors a Word comment at a finding's paragraph."""
    path = []
    parent = el.getparent()
    while parent is not None and el.tag != _W + "body":
        path.append(parent.index(el))
        el, parent = parent, parent.getparent()
    return tuple(reversed(path))


def _is_toc(sdt) -> bool:
    gallery = sdt.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
    return (_val(gallery) or "").lower() == "table of contents"


def _inline_text(el) -> str:
    out: list[str] = []
    _collect(el, out)
    return "".join(out)


def _collect(el, out: list[str]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _W + "t":
            out.append(child.text or "")
        elif tag in (_W + "tab", _W + "ptab"):
            out.append(" ")
        elif tag in (_W + "br", _W + "cr"):
            out.append("\n")
        elif tag == _W + "noBreakHyphen":
            out.append("-")
        elif tag == _W + "r" and _is_hidden(child):
            continue
        elif tag == _W + "p":  # a text box's paragraphs, inside a run of the anchoring paragraph
            _collect(child, out)
            out.append("\n")
        elif tag == _W + "tbl":
            out.append(_table_text(child) + "\n")
        else:
            _collect(child, out)


def _is_hidden(run) -> bool:
    vanish = run.find(f"{_W}rPr/{_W}vanish")
    return vanish is not None and _val(vanish) not in ("0", "false", "off")


def _content(el):
    """The children-holder of a wrapper: a content control's w:sdtContent, or a custom XML element itself."""
    if el.tag == _W + "sdt":
        content = el.find(_W + "sdtContent")
        return content if content is not None else ()
    return el


def _children(el, tag: str) -> Iterator:
    """Children named ``tag``, looking through content controls and custom XML wrappers."""
    for child in el:
        if child.tag == _W + tag:
            yield child
        elif child.tag in _CONTAINERS:
            yield from _children(_content(child), tag)


def _cell_text(tc) -> str:
    parts = []
    for el in tc:
        if el.tag == _W + "p":
            parts.append(_inline_text(el))
        elif el.tag == _W + "tbl":
            parts.append(_table_text(el))
        elif el.tag in _CONTAINERS:
            parts.append(_cell_text(_content(el)))
    return "\n".join(p for p in parts if p)


def _table_text(tbl) -> str:
    """A nested table flattened to its cells' texts, each merged cell once."""
    texts = []
    for tr in _children(tbl, "tr"):
        for tc in _children(tr, "tc"):
            vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if vmerge is not None and _val(vmerge) in (None, "continue"):
                continue
            texts.append(_cell_text(tc))
    return " ".join(t for t in texts if t.strip())


def _int(el, default: int, hi: int) -> int:
    try:
        return max(0, min(int(_val(el)), hi))
    except (TypeError, ValueError):
        return default


def _table_grid(tbl, anchors: Optional[list] = None) -> list[list[str]]:
    """Cell texts on the table's grid; a merged cell's text fills every position it covers.

    ``anchors``, when given, receives a parallel grid: ("tc", locate(cell)) of the cell each text
    came from (a merged cell's first one), None for padding."""
    grid: list[list[str]] = []
    above: list[str] = []
    above_src: list = []
    for tr in _children(tbl, "tr"):
        trpr = tr.find(_W + "trPr")
        row = [""] * _int(trpr.find(_W + "gridBefore") if trpr is not None else None, 0, 64)
        src: list = [None] * len(row)
        for tc in _children(tr, "tc"):
            tcpr = tc.find(_W + "tcPr")
            span = max(1, _int(tcpr.find(_W + "gridSpan") if tcpr is not None else None, 1, 64))
            text = _cell_text(tc)
            vmerge = tcpr.find(_W + "vMerge") if tcpr is not None else None
            hmerge = tcpr.find(_W + "hMerge") if tcpr is not None else None
            where = ("tc", locate(tc)) if anchors is not None else None
            if vmerge is not None and _val(vmerge) in (None, "continue") and len(row) < len(above):
                text = above[len(row)]
                where = above_src[len(row)]
            elif hmerge is not None and _val(hmerge) in (None, "continue") and row:
                text = row[-1]  # legacy horizontal merge, written by old converters
                where = src[-1]
            row.extend([text] * span)
            src.extend([where] * span)
        after = _int(trpr.find(_W + "gridAfter") if trpr is not None else None, 0, 64)
        row.extend([""] * after)
        src.extend([None] * after)
        grid.append(row)
        above, above_src = row, src
        if anchors is not None:
            anchors.append(src)
    width = max((len(r) for r in grid), default=0)
    if anchors is not None:
        anchors[:] = [a + [None] * (width - len(a)) for a in anchors]
    return [r + [""] * (width - len(r)) for r in grid]
