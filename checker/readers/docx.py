"""Read a .docx report: body paragraphs and tables in order, heading levels from styles, merges resolved.

The package is read straight from the zip with lxml, and only the parts the rendition needs:
``word/document.xml`` (found through the package relationships, as Word finds it) and the paragraph
styles of ``word/styles.xml``. python-docx, which opens and parses every part (a Word template's 349 KB
``styles.xml`` is nine tenths table styles), is left to ``ogi-check annotate``, which writes comments; the
XML is parsed with the options python-docx uses, so the child indices that anchor a comment are the same.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import struct
import zipfile
import zlib
from typing import Any, Optional

from checker import limits
from checker.errors import InputError
from checker.model import Document
from checker.readers.bounds import Bounds, require_text
from checker.readers.builder import RenditionBuilder
from checker.readers.docx_numbering import Numbering

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MAIN_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
# Word stores a password-protected .docx inside an OLE container with this stream name (UTF-16LE).
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

_LEGACY = "这是旧版 Word (.doc) 文件，请在 Word 中另存为 .docx 后再检查 (legacy .doc, not .docx)"
_ENCRYPTED = "文件已加密，请在 Word 中取消密码后再检查 (encrypted document)"
_BOMB = "解压后过大，疑似压缩炸弹 (decompressed size too large)"

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

Path = tuple[int, ...]  # child indices from w:body down to an element (see ``_add_blocks``)


def read_docx(path: str, data: bytes) -> Document:
    if data.startswith(_OLE_MAGIC):
        raise InputError(path, _ENCRYPTED if _ENCRYPTED_STREAM in data else _LEGACY)
    zf = _open_zip(path, data)
    try:
        body, styles, numbering = _read_package(path, zf)
        builder = RenditionBuilder(path)
        _drop_hidden_runs(body)
        _add_blocks(body, (), builder, styles, numbering)
    except InputError:
        raise
    except Exception as exc:  # lxml/zipfile raise many types; the user needs one reason
        raise InputError(path, _invalid(_reason(exc))) from None
    return require_text(builder.build(path, "docx"))


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
    return "无法解析文档结构"


def _open_zip(path: str, data: bytes) -> zipfile.ZipFile:
    """The package, refused if it is no zip, a plain zip or a zip bomb, from the central directory alone,
    before anything is inflated.

    zipfile stops reading a member at its declared size and checks the CRC, so declared sizes
    are binding: trusting them here is safe.
    """
    try:
        zf = _Package(data)
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
    return zf


_CHUNK = 1 << 20  # inflated at a time by _Package._read_in_chunks
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # zipfile's structFileHeader
_LOCAL_MAGIC = b"PK\x03\x04"
_FLAGS_READ_BY_ZIPFILE_ALONE = 0x1 | 0x20 | 0x40  # encrypted, compressed patch, strong encryption


class _Package(zipfile.ZipFile):
    """The package's zip, whose members are inflated straight from the bytes of the file.

    zipfile's ``read`` costs three times the inflating itself (a 349 KB styles part: 0.8 ms against 0.25 ms
    with its CRC), through a file object, a reader object and their checks. A member that is plainly well
    made (its local header as the central directory says, stored or deflated, not encrypted, its data ending
    before the next member, inflating to exactly its size with its CRC) is read here; any other member is read
    by zipfile, which says what is wrong with it as before."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        self._bytes = data
        # Where each member's data must end: at the next local header, or the central directory. Members
        # that share a header (a zip bomb's trick) have no end here: zipfile reads them.
        offsets = [i.header_offset for i in self.infolist()]
        shared = {o for o in offsets if offsets.count(o) > 1} if len(set(offsets)) < len(offsets) else set()
        starts = sorted(set(offsets) | {self.start_dir})
        self._ends = {start: end for start, end in zip(starts, starts[1:]) if start not in shared}

    def read(self, name: Any, pwd: Optional[bytes] = None) -> bytes:
        info = self.NameToInfo.get(name) if pwd is None and isinstance(name, str) else None
        plain = self._read_plain(info) if info is not None else None
        return plain if plain is not None else self._read_in_chunks(name, pwd)

    def _read_in_chunks(self, name: Any, pwd: Optional[bytes]) -> bytes:
        """What zipfile's ``read`` gives, inflated a chunk at a time. Its ``read`` inflates a member in one call
        of up to 2 GB before it cuts the result at the declared size, so a member whose data inflate far past
        what the central directory declares (40 KB of zeros: 40 MB) was inflated whole; read in chunks, zipfile
        stops at the declared size (and checks the CRC there), and the limits on declared sizes bound memory."""
        chunks = []
        with self.open(name, pwd=pwd) as member:
            while chunk := member.read(_CHUNK):
                chunks.append(chunk)
        return b"".join(chunks)

    def _read_plain(self, info: zipfile.ZipInfo) -> Optional[bytes]:
        """The member's bytes when it is plainly well made (see the class), else None."""
        data, start = self._bytes, info.header_offset
        if (info.flag_bits & _FLAGS_READ_BY_ZIPFILE_ALONE
                or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
                or not 0 <= start <= len(data) - _LOCAL_HEADER.size):
            return None
        header = _LOCAL_HEADER.unpack_from(data, start)
        name_len, extra_len = header[10], header[11]
        name_at = start + _LOCAL_HEADER.size
        if header[0] != _LOCAL_MAGIC:
            return None
        try:
            local_name = data[name_at:name_at + name_len].decode("utf-8" if header[3] & 0x800 else "cp437")
        except UnicodeDecodeError:
            return None
        if local_name != info.orig_filename:
            return None
        begin = name_at + name_len + extra_len
        end = begin + info.compress_size
        if end > self._ends.get(start, -1):
            return None
        raw = data[begin:end]
        if info.compress_type == zipfile.ZIP_STORED:
            out = raw
        else:
            inflater = zlib.decompressobj(-15)
            try:
                # At most one byte past the declared size: deflate data that would inflate further (up to
                # ~1,000× its length) is never inflated here; zipfile reads that member and refuses it.
                out = inflater.decompress(raw, info.file_size + 1)
            except zlib.error:
                return None
            if not inflater.eof or inflater.unused_data or inflater.unconsumed_tail:
                return None
        if len(out) != info.file_size or zlib.crc32(out) != info.CRC:
            return None
        return out


# --- the package: relationships, content types, the two parts the rendition needs ----------------

_PARSER: Any = None  # made on first use: lxml is imported only when a .docx is read


def _parse(xml: bytes) -> Any:
    """Parsed with python-docx's parser options: no entities resolved (no XXE, no billion laughs; an entity
    stays an Entity node and is no text), no DTD or network, ignorable white space dropped as python-docx
    drops it, so that indices into the tree are the ones ``annotate`` finds in its own parse."""
    global _PARSER
    from lxml import etree

    if _PARSER is None:
        _PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
    return etree.fromstring(xml, _PARSER)


class _Relationships:
    """The relationships of part ``source`` ("" for the package), its .rels part parsed once (the main part's
    is asked twice: for its styles and for its numbering)."""

    def __init__(self, zf: zipfile.ZipFile, source: str) -> None:
        self.folder, name = posixpath.split(source)
        try:
            xml = zf.read(posixpath.join(self.folder, "_rels", name + ".rels"))
        except KeyError:
            self.rels: list[Any] = []
        else:
            self.rels = list(_parse(xml).iter(_RELS))

    def target(self, kind: str) -> Optional[str]:
        """The part name (no leading slash) the source part relates to by ``kind``."""
        for rel in self.rels:
            if rel.get("Type") == _RT + kind and rel.get("TargetMode", "Internal") == "Internal":
                target = posixpath.normpath(posixpath.join("/" + self.folder, rel.get("Target") or ""))
                return target.lstrip("/")
        return None


def _relationship(zf: zipfile.ZipFile, source: str, kind: str) -> Optional[str]:
    """The part name (no leading slash) that part ``source`` ("" for the package) relates to by ``kind``."""
    return _Relationships(zf, source).target(kind)


def _content_type(zf: zipfile.ZipFile, part: str) -> Optional[str]:
    types = _parse(zf.read("[Content_Types].xml"))
    for override in types.iter(_TYPES + "Override"):
        if (override.get("PartName") or "").lower() == "/" + part.lower():
            return override.get("ContentType")
    ext = posixpath.splitext(part)[1].lstrip(".").lower()
    for default in types.iter(_TYPES + "Default"):
        if (default.get("Extension") or "").lower() == ext:
            return default.get("ContentType")
    return None


def _read_package(path: str, zf: zipfile.ZipFile) -> tuple[Any, _StyleLevels, Numbering]:
    """The w:body of the main document part, the heading levels of its paragraph styles and its lists."""
    main = _relationship(zf, "", "officeDocument")
    if main is None:
        raise InputError(path, _invalid("缺少必需的部件"))
    if main not in zf.NameToInfo:
        raise InputError(path, _invalid(f"缺少 {main}"))
    if _content_type(zf, main) != _MAIN_CONTENT_TYPE:  # a spreadsheet, a presentation, a template
        raise InputError(path, _invalid("内容不是 Word 文档"))
    root = _parse(zf.read(main))
    body = root.find(_W + "body") if root.tag == _W + "document" else None
    if body is None:
        raise InputError(path, _invalid("无法解析文档结构"))
    main_rels = _Relationships(zf, main)
    styles_part = main_rels.target("styles")
    if styles_part is not None and styles_part in zf.NameToInfo:
        styles = _paragraph_styles(zf.read(styles_part))
    else:
        styles = _paragraph_styles(_default_styles())
    numbering_part = main_rels.target("numbering")
    numbering = Numbering(_parse(zf.read(numbering_part))) if numbering_part in zf.NameToInfo else Numbering()
    return body, _StyleLevels(styles), numbering


def _default_styles() -> bytes:
    """The styles Word (and python-docx) assume when a package has no styles part: python-docx's template,
    found without importing python-docx."""
    import importlib.util

    spec = importlib.util.find_spec("docx")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    for folder in folders:
        try:
            with open(os.path.join(folder, "templates", "default-styles.xml"), "rb") as f:
                return f.read()
        except OSError:
            continue
    return b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'


_STYLES_ROOT = re.compile(rb"<w:styles\b[^<>]*>")
# The start of a paragraph style (its w:type may stand before or after its other attributes); the regex
# engine skips the table, numbering and character styles between them without a Python loop.
# An attempt never runs past the next "<" (no attribute holds one), so the search is linear in any bytes.
_PARAGRAPH_STYLE = re.compile(rb"""<w:style\b[^<>]*?\sw:type\s*=\s*["']paragraph["'][^<>]*>""")
_UTF8_OR_NONE = re.compile(rb"""^(?:\xef\xbb\xbf)?(?:\s*<\?xml(?:(?!\?>).)*?encoding\s*=\s*["']utf-?8["']|(?!\s*<\?xml"""
                           rb"""(?:(?!\?>).)*?encoding))""", re.I | re.S)


def _paragraph_styles(xml: bytes) -> list[Any]:
    """The w:style elements of type paragraph, parsed alone: the table, numbering and character styles that
    fill most of a Word template's styles part are skipped unparsed. Each w:style of a well-formed part
    is well-formed on its own under the part's root tag, so they are cut out of the bytes and parsed
    together; a part written unusually (another prefix or encoding, comments, CDATA, a DTD) is parsed
    whole instead, with the same result."""
    root = _STYLES_ROOT.search(xml, 0, 4096)
    plain = (root is not None and _UTF8_OR_NONE.match(xml[:root.start()]) is not None
             # no comment, CDATA, DTD or entity declaration (asked of "!" first: memchr, a hundred times faster)
             and (b"!" not in xml or b"<!" not in xml))
    if root is not None and plain:
        try:
            return list(_parse(root.group(0) + b"".join(_paragraph_style_pieces(xml, root.end())) + b"</w:styles>")
                        .iterchildren(_W + "style"))
        except SyntaxError:
            pass  # cut wrongly: parse the whole part, which also says whether it is broken
    return [st for st in _parse(xml).iterchildren(_W + "style") if st.get(_W + "type") == "paragraph"]


def _paragraph_style_pieces(xml: bytes, pos: int) -> list[bytes]:
    """The bytes of each paragraph style from ``pos`` on, each from its start tag to its end tag.

    The same pieces as searching ``_PARAGRAPH_STYLE`` from each style's end, found faster: every match holds
    the word "paragraph" with no "<" between it and the match's "<", so the word is found with ``bytes.find``
    (far faster than the regex engine's scan over a 350 KB part) and the pattern is tried only at the last
    "<" before it. Each "<" is looked for in the bytes since the previous word, so no byte is scanned twice."""
    pieces = []
    since = pos  # the last "<" before a word found here or later is one not yet tried
    while (word := xml.find(b"paragraph", since)) >= 0:
        start = xml.rfind(b"<", since, word)
        since = word + 1
        m = _PARAGRAPH_STYLE.match(xml, start) if start >= 0 else None
        if m is None:
            continue
        if m.group(0).endswith(b"/>"):
            end = m.end()
        else:
            end = xml.find(b"</w:style>", m.end())
            if end < 0:
                break
            end += len(b"</w:style>")
        pieces.append(xml[start:end])
        since = end  # the next style starts after this one ends: no byte is cut out twice
    return pieces


class _StyleLevels:
    """Heading level of each paragraph style: a heading name, else its outline level, else its base's."""

    def __init__(self, paragraph_styles: list[Any]) -> None:
        self.styles = {}
        self.default: Optional[str] = None
        for st in paragraph_styles:
            sid = st.get(_W + "styleId") or ""
            self.styles[sid] = st
            if st.get(_W + "default") in ("1", "true", "on"):
                self.default = sid
        self._cache: dict[str, Optional[int]] = {}
        # What a paragraph asks of its style, kept per style id: a report has a few styles and hundreds of paragraphs.
        self._toc: dict[Optional[str], bool] = {}
        self._numbering: dict[str, tuple[Optional[str], int]] = {}

    def name(self, sid: Optional[str]) -> str:
        st = self.styles.get(sid or self.default or "")
        return (_val(st.find(_W + "name")) or "") if st is not None else ""

    def is_toc(self, sid: Optional[str]) -> bool:
        """Whether the style is one of a generated table of contents (TOC 1 … TOC 9)."""
        toc = self._toc.get(sid)
        if toc is None:
            toc = self._toc[sid] = _TOC_NAME.match(self.name(sid)) is not None
        return toc

    def level(self, sid: Optional[str]) -> Optional[int]:
        sid = sid or self.default or ""
        if sid not in self._cache:
            self._cache[sid] = None  # guards against basedOn cycles
            self._cache[sid] = self._resolve(sid)
        return self._cache[sid]

    def numbering(self, sid: Optional[str]) -> tuple[Optional[str], int]:
        """The list (w:numId) and level a paragraph style numbers its paragraphs with, from it or its base."""
        sid = sid or self.default or ""
        found = self._numbering.get(sid)
        if found is None:
            found = self._numbering[sid] = self._style_numbering(sid)
        return found

    def _style_numbering(self, sid: str) -> tuple[Optional[str], int]:
        seen: set[str] = set()
        while sid and sid not in seen:
            seen.add(sid)
            st = self.styles.get(sid)
            if st is None:
                break
            num_pr = st.find(_W + "pPr/" + _W + "numPr")
            if num_pr is not None:
                return _val(num_pr.find(_W + "numId")), _int(_val(num_pr.find(_W + "ilvl")), 0, 8)
            sid = _val(st.find(_W + "basedOn")) or ""
        return None, 0

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


# Tag names spelled out once: these functions run for every element of the body.
_P, _R, _T, _TBL, _TR, _TC = (_W + t for t in ("p", "r", "t", "tbl", "tr", "tc"))
_PPR, _RPR, _TCPR, _TRPR, _SDT_CONTENT = (_W + t for t in ("pPr", "rPr", "tcPr", "trPr", "sdtContent"))
_VAL = _W + "val"
_TEXT_OF = {_W + "tab": " ", _W + "ptab": " ", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
_MERGE_ON = (None, "continue")  # a w:vMerge/w:hMerge without a value continues the merge


def _child(el: Any, tag: str) -> Any:
    """The first child named ``tag``, or None: lxml's ``find`` parses its argument as a path, and the
    properties looked up here are a first child."""
    for child in el:
        if child.tag == tag:
            return child
    return None


def _val(el: Any) -> Optional[str]:
    return el.get(_VAL) if el is not None else None


def _outline_level(ppr: Any) -> Any:
    """Heading level from a w:outlineLvl (0-8 → 1-9, 9 = body text), or False when there is none."""
    raw = _val(_child(ppr, _W + "outlineLvl")) if ppr is not None else None
    if raw is None:
        return False
    try:
        n = int(raw)
    except ValueError:
        return False
    return n + 1 if 0 <= n <= 8 else None


def _add_blocks(container: Any, path: Path, builder: RenditionBuilder, styles: _StyleLevels,
                numbering: Numbering) -> None:
    """The blocks of ``container``, whose place from w:body is ``path``.

    Each block's anchor is the child indices from w:body down to its element: they find the same element
    in a fresh parse of the same bytes, which is how ``ogi-check annotate`` anchors a Word comment at a
    finding's paragraph. They are counted on the way down (never looked up with ``index``, which would
    make a long body quadratic)."""
    for i, el in enumerate(container):
        tag = el.tag
        if tag == _P:
            ppr = _child(el, _PPR)
            sid = _val(_child(ppr, _W + "pStyle")) if ppr is not None else None
            if styles.is_toc(sid):
                continue  # a generated table of contents repeats the headings with page numbers
            level = _outline_level(ppr)
            if level is False:
                level = styles.level(sid)
            builder.add_paragraph(_list_number(ppr, sid, styles, numbering) + _inline_text(el), markup_level=level,
                                  anchor=("p", path + (i,)))
        elif tag == _TBL:
            anchors: list[list] = []
            builder.add_table(_table_grid(el, path + (i,), builder.bounds, anchors), anchors)
        elif tag in _CONTAINERS and not _is_toc(el):
            content, where = _content(el, path + (i,))
            _add_blocks(content, where, builder, styles, numbering)


def _list_number(ppr: Any, sid: Optional[str], styles: _StyleLevels, numbering: Numbering) -> str:
    """The number Word draws before the paragraph (一、 of a heading numbered by a multilevel list), or ""."""
    num_pr = _child(ppr, _W + "numPr") if ppr is not None else None
    if num_pr is not None:
        num_id, ilvl = _val(_child(num_pr, _W + "numId")), _int(_val(_child(num_pr, _W + "ilvl")), 0, 8)
        if num_id is None:  # only a level: the list is the style's
            num_id = styles.numbering(sid)[0]
    else:
        num_id, ilvl = styles.numbering(sid)
    return numbering.label(num_id, ilvl)


def _is_toc(sdt: Any) -> bool:
    gallery = sdt.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
    return (_val(gallery) or "").lower() == "table of contents"


def _inline_text(el: Any) -> str:
    """The text of a paragraph (``_collect``), its properties passed over and its runs read here: a table's
    hundreds of cells each hold one paragraph of one run, and a call less for each counts."""
    out: list[str] = []
    for child in el:
        tag = child.tag
        if tag == _R:
            for grandchild in child:
                inner = grandchild.tag
                if inner == _T:
                    out.append(grandchild.text or "")
                elif inner != _RPR:
                    _collect_one(grandchild, out)
        elif tag != _PPR:
            _collect_one(child, out)
    return "".join(out)


def _collect_one(child: Any, out: list[str]) -> None:
    _collect((child,), out)


def _collect(el: Any, out: list[str]) -> None:
    for child in el:
        tag = child.tag
        if tag == _T:
            out.append(child.text or "")
        elif not isinstance(tag, str) or tag in _SKIP:
            continue
        elif tag in _TEXT_OF:
            out.append(_TEXT_OF[tag])
        elif tag == _R:  # the commonest element: its w:t and w:rPr taken here, without a call
            for grandchild in child:
                if grandchild.tag == _T:
                    out.append(grandchild.text or "")
                elif grandchild.tag != _RPR:
                    _collect_one(grandchild, out)
        elif tag == _P:  # a text box's paragraphs, inside a run of the anchoring paragraph
            _collect(child, out)
            out.append("\n")
        elif tag == _TBL:
            out.append(_table_text(child) + "\n")
        else:
            _collect(child, out)


_VANISH = _W + "vanish"
_VANISH_OFF = ("0", "false", "off")


def _drop_hidden_runs(body: Any) -> None:
    """Remove the hidden runs: those whose first w:rPr/w:vanish (in document order) is not switched off.

    They are removed from the tree just parsed (it is the reader's own; run paths are not kept), which keeps
    the reader free of per-document state. The w:vanish elements are found by lxml's C iteration, which makes
    no Python object for the thousands of other elements: most documents have none, and no run is looked
    into (the XPath ``.//w:r[(w:rPr/w:vanish)[1][not(@w:val='0' or …)]]`` finds the same runs, slower)."""
    judged: set[Any] = set()  # runs whose first w:vanish was seen: a later one of theirs does not count
    hidden = []
    for vanish in body.iter(_VANISH):
        props = vanish.getparent()
        run = props.getparent() if props.tag == _RPR else None
        if run is None or run.tag != _R or run in judged:
            continue
        judged.add(run)
        if vanish.get(_VAL) not in _VANISH_OFF:
            hidden.append(run)
    for run in hidden:
        run.getparent().remove(run)


def _content(el: Any, path: Path = ()) -> tuple[Any, Path]:
    """The children-holder of a wrapper and its path: a content control's w:sdtContent, or a custom XML
    element itself."""
    if el.tag == _W + "sdt":
        for j, child in enumerate(el):
            if child.tag == _SDT_CONTENT:
                return child, path + (j,)
        return (), path
    return el, path


def _children(el: Any, tag: str, path: Path = ()) -> list[tuple[Any, Path]]:
    """Children named ``tag`` with their paths, looking through content controls and custom XML wrappers."""
    found: list[tuple[Any, Path]] = []
    _gather_children(el, tag, path, found)
    return found


def _gather_children(el: Any, tag: str, path: Path, found: list[tuple[Any, Path]]) -> None:
    for i, child in enumerate(el):
        child_tag = child.tag
        if child_tag == tag:
            found.append((child, path + (i,)))
        elif child_tag in _CONTAINERS:
            content, where = _content(child, path + (i,))
            _gather_children(content, tag, where, found)


def _cell_text(tc: Any) -> str:
    """The cell's paragraphs (and nested tables) that hold text, one a line."""
    parts = []
    for el in tc:
        tag = el.tag
        if tag == _P:
            text = _inline_text(el)
        elif tag == _TBL:
            text = _table_text(el)
        elif tag in _CONTAINERS:
            text = _cell_text(_content(el)[0])
        else:
            continue
        if text:
            parts.append(text)
    return "\n".join(parts)


def _table_text(tbl: Any) -> str:
    """A nested table flattened to its cells' texts, each merged cell once."""
    texts = []
    for tr, _ in _children(tbl, _TR):
        for tc, _ in _children(tr, _TC):
            tcpr = _child(tc, _TCPR)
            vmerge = _child(tcpr, _W + "vMerge") if tcpr is not None else None
            if vmerge is not None and _val(vmerge) in _MERGE_ON:
                continue
            texts.append(_cell_text(tc))
    return " ".join(t for t in texts if t.strip())


def _int(raw: Optional[str], default: int, hi: int) -> int:
    if raw is None:  # most cells and rows: no exception raised and caught for them
        return default
    try:
        return max(0, min(int(raw), hi))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def _properties(props: Any, names: dict[str, int]) -> list[Any]:
    """The first child of ``props`` named each of ``names`` (None where missing), in one pass."""
    found: list[Any] = [None] * len(names)
    if props is not None:
        for child in props:
            k = names.get(child.tag)
            if k is not None and found[k] is None:
                found[k] = child
    return found


_ROW_PROPS = {_W + "gridBefore": 0, _W + "gridAfter": 1}
_CELL_PROPS = {_W + "gridSpan": 0, _W + "vMerge": 1, _W + "hMerge": 2}
_SPAN_TAGS = (*_ROW_PROPS, *_CELL_PROPS)
_NO_PROPS = (None, None, None)


def _span_properties(tbl: Any) -> dict[Any, list[Any]]:
    """For each row and cell under ``tbl`` that has one, what ``_properties(_child(el, w:trPr or w:tcPr), …)``
    finds: its first property element (w:trPr/w:tcPr) and that one's first w:gridBefore, w:gridAfter /
    w:gridSpan, w:vMerge, w:hMerge.

    Found by lxml's C iteration over the table, which makes a Python object only for these few elements
    (most cells have none): looking into every cell's properties, a tcW, a vAlign and more each, cost more
    than the rest of reading the cell. Keys are the row and cell elements themselves (lxml gives one Python
    object per element while it is referenced, and the dict references them)."""
    found: dict[Any, list[Any]] = {}
    for prop in tbl.iter(*_SPAN_TAGS):
        holder = prop.getparent()
        owner = holder.getparent()
        if owner is None:
            continue
        holder_tag, owner_tag = holder.tag, owner.tag
        if holder_tag == _TRPR and owner_tag == _TR:
            names = _ROW_PROPS
        elif holder_tag == _TCPR and owner_tag == _TC:
            names = _CELL_PROPS
        else:
            continue
        k = names.get(prop.tag)
        if k is None or _child(owner, holder_tag) is not holder:  # a w:tcPr after the first is not read
            continue
        props = found.get(owner)
        if props is None:
            props = found[owner] = [None] * len(names)
        if props[k] is None:
            props[k] = prop
    return found


def _table_grid(tbl: Any, path: Path, bounds: Bounds, anchors: list) -> list[list[str]]:
    """Cell texts on the table's grid; a merged cell's text fills every position it covers.

    ``anchors`` receives a parallel grid: ("tc", path) of the cell each text came from (a merged cell's
    first one), None for padding. The grid's size is known from the span numbers before any of it is
    built, and is refused past the limits (bounds.py): a few bytes of gridSpan can ask for millions."""
    rows = []
    width = 0
    spans = _span_properties(tbl)
    for tr, tr_path in _children(tbl, _TR, path):
        row_props = spans.get(tr)
        before = after = 0
        if row_props is not None:
            before, after = _int(_val(row_props[0]), 0, 64), _int(_val(row_props[1]), 0, 64)
        cells = []
        n = before + after
        for tc, tc_path in _children(tr, _TC, tr_path):
            cell_props = spans.get(tc)
            if cell_props is None:  # most cells: no span, no merge
                cells.append((tc, tc_path, 1, None, None))
                n += 1
                continue
            span_el, vmerge, hmerge = cell_props
            span = max(1, _int(_val(span_el), 1, 64))
            cells.append((tc, tc_path, span, vmerge, hmerge))
            n += span
        rows.append((before, cells, after))
        if n > width:
            width = n
    bounds.table(len(rows), width)
    return _lay_out(rows, width, anchors)


def _lay_out(rows: list, width: int, anchors: list) -> list[list[str]]:
    """The grid of ``_table_grid`` from its rows of (cell, path, span, vMerge, hMerge), each row padded to ``width``.

    A continued merge takes the text of the cell it continues, so its own text is never read."""
    grid: list[list[str]] = []
    above: list[str] = []  # the row before, and how many of its positions are cells (not its padding)
    above_src: list = []
    above_len = 0
    for before, cells, after in rows:
        row = [""] * before
        src: list = [None] * before
        for tc, tc_path, span, vmerge, hmerge in cells:
            if vmerge is not None and _val(vmerge) in _MERGE_ON and len(row) < above_len:
                text = above[len(row)]
                where = above_src[len(row)]
            elif hmerge is not None and _val(hmerge) in _MERGE_ON and row:
                text = row[-1]  # legacy horizontal merge, written by old converters
                where = src[-1]
            else:
                text = _cell_text(tc)
                where = ("tc", tc_path)
            if span == 1:
                row.append(text)
                src.append(where)
            else:
                row.extend([text] * span)
                src.extend([where] * span)
        if after:
            row.extend([""] * after)
            src.extend([None] * after)
        above, above_src, above_len = row, src, len(row)
        if above_len < width:
            pad = width - above_len
            row.extend([""] * pad)
            src = src + [None] * pad  # ``above_src`` keeps the unpadded row
        grid.append(row)
        anchors.append(src)
    return grid
