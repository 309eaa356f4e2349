"""Readers turn the bytes of one file into a Document; they know nothing of rules.

One module per input kind. Heavy parsers (python-docx, lxml) are imported only when a file of
their kind is read, so checking a .txt report starts fast.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from checker import limits
from checker.errors import InputError
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


def read_document(path: str) -> Document:
    """Read ``path`` into a Document, or raise InputError with one clear reason."""
    p = Path(path)
    if not os.path.lexists(path):
        raise InputError(path, "文件不存在 (no such file)")
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if os.path.islink(path):  # a link to nowhere, or a loop of links
            raise InputError(path, "链接指向的文件不存在 (broken link)") from None
        raise InputError(path, f"无法读取文件：{exc.strerror or exc} (cannot read file)") from None
    if stat.S_ISDIR(mode):
        raise InputError(path, "这是目录，不是文件 (is a directory)")
    if stat.S_ISFIFO(mode):  # checked before opening: reading a pipe nobody writes to would block
        raise InputError(path, "这是命名管道（FIFO），不是文件 (is a FIFO, not a file)")
    if not stat.S_ISREG(mode):
        raise InputError(path, "不是普通文件 (not a regular file)")
    ext = p.suffix.lower()
    if ext in UNREADABLE_REPORT_KINDS and ext not in READERS:
        raise InputError(path, UNREADABLE_REPORT_KINDS[ext])
    if ext not in READERS:
        known = "、".join(sorted(set(READERS)))
        raise InputError(path, f"不支持的文件类型“{p.suffix or '无扩展名'}”，可检查：{known} (unsupported file type)")
    data = _read_capped(path, limits.MAX_INPUT_BYTES)
    module_name, func_name = READERS[ext]
    module = __import__(module_name, fromlist=[func_name])
    return getattr(module, func_name)(path, data)


def read_bytes(path: str) -> bytes:
    """The bytes of an input file already read as a report (``annotate`` copies them), with the same cap."""
    return _read_capped(path, limits.MAX_INPUT_BYTES)


def _too_big(path: str, size: int, limit: int) -> InputError:
    return InputError(path, f"文件过大（{size / limits.MB:.1f} MB），超过上限 {limit / limits.MB:g} MB "
                            f"(file too large; set OGI_CHECK_MAX_INPUT_MB to raise the limit)")


def _read_capped(path: str, limit: int) -> bytes:
    """The file's bytes, refusing more than ``limit``. Opened non-blocking and checked again on the open
    file, so a path swapped for a pipe after the checks above cannot hang the run."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise InputError(path, f"无法读取文件：{exc.strerror or exc} (cannot read file)") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(path, "不是普通文件 (not a regular file)")
        if st.st_size > limit:
            raise _too_big(path, st.st_size, limit)
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(limit + 1)  # the file may have grown since fstat
    except OSError as exc:
        raise InputError(path, f"无法读取文件：{exc.strerror or exc} (cannot read file)") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _too_big(path, len(data), limit)
    return data
