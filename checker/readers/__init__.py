"""Readers turn the bytes of one file into a Document; they know nothing of rules.

One module per input kind. Heavy parsers (lxml, pypdfium2) are imported only when a file of
their kind is read, so checking a .txt report starts fast; python-docx is imported only by
``annotate``, which writes comments (the .docx reader reads the package with zipfile and lxml).
What one document may cost (cells, blocks, characters) is bounded in bounds.py.
"""

from __future__ import annotations


from checker import limits
from checker.errors import InputError
from checker.files import FileProblem, check_regular, read_regular, suffix_of
from checker.model import Document

# Extension → (module, function). The one place that says which files ogi-check reads.
READERS = {
    ".txt": ("checker.readers.plaintext", "read_txt"),
    ".md": ("checker.readers.markdown", "read_md"),
    ".markdown": ("checker.readers.markdown", "read_md"),
    ".docx": ("checker.readers.docx", "read_docx"),
    ".html": ("checker.readers.html", "read_html"),
    ".htm": ("checker.readers.html", "read_html"),
    ".pdf": ("checker.readers.pdf", "read_pdf"),
}

SUPPORTED_EXTENSIONS = tuple(READERS)

# Report-like files ogi-check cannot read, and what the user should do with them. A folder's files of
# these kinds are each named on stderr (never skipped silently); named on the command line, the same.
UNREADABLE_REPORT_KINDS = {
    ".doc": "这是 Word 97-2003 文档（.doc），无法直接检查：请在 Word 或 WPS 中另存为 .docx 后再检查 "
            "(a Word 97-2003 file: save it as .docx)",
    ".wps": "这是 WPS 文字文档（.wps），无法直接检查：请在 WPS 中另存为 .docx 后再检查 (a WPS file: save it as .docx)",
    ".et": "这是 WPS 表格文件（.et），不是年度报告正文：请检查报告本身（.docx、.pdf 等）(a WPS spreadsheet, not a report)",
    ".odt": "这是 OpenDocument 文档（.odt），无法直接检查：请另存为 .docx 后再检查 (an OpenDocument file: save it as .docx)",
    ".rtf": "这是 RTF 文档（.rtf），无法直接检查：请另存为 .docx 后再检查 (an RTF file: save it as .docx)",
    ".ofd": "这是 OFD 版式文档（.ofd），无法直接检查：请提供同一报告的 .pdf 或 .docx (an OFD file: supply the .pdf or .docx)",
}


_INPUT_HINT = "; set OGI_CHECK_MAX_INPUT_MB to raise the limit"


def read_document(path: str) -> Document:
    """Read ``path`` into a Document, or raise InputError with one clear reason."""
    try:
        check_regular(path)  # a directory, FIFO, device or broken link: said before the kind of file
    except FileProblem as exc:
        raise InputError(path, str(exc)) from None
    suffix = suffix_of(path)
    ext = suffix.lower()
    if ext in UNREADABLE_REPORT_KINDS and ext not in READERS:
        raise InputError(path, UNREADABLE_REPORT_KINDS[ext])
    if ext not in READERS:
        known = "、".join(sorted(set(READERS)))
        raise InputError(path, f"不支持的文件类型“{suffix or '无扩展名'}”，可检查：{known} (unsupported file type)")
    data = read_bytes(path)
    module_name, func_name = READERS[ext]
    module = __import__(module_name, fromlist=[func_name])
    return getattr(module, func_name)(path, data)


def read_bytes(path: str) -> bytes:
    """The bytes of an input file (``annotate`` copies them too), refused past the input size limit."""
    try:
        return read_regular(path, limits.MAX_INPUT_BYTES, _INPUT_HINT)
    except FileProblem as exc:
        raise InputError(path, str(exc)) from None
