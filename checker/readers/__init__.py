"""Readers turn the bytes of one file into a Document; they know nothing of rules.

One module per input kind. Heavy parsers (python-docx, lxml) are imported only when a file of
their kind is read, so checking a .txt report starts fast.
"""

from __future__ import annotations

import os
from pathlib import Path

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
}

SUPPORTED_EXTENSIONS = tuple(READERS)


def read_document(path: str) -> Document:
    """Read ``path`` into a Document, or raise InputError with one clear reason."""
    p = Path(path)
    if not os.path.lexists(path):
        raise InputError(path, "文件不存在 (no such file)")
    if p.is_symlink() and not p.exists():
        raise InputError(path, "链接指向的文件不存在 (broken link)")
    if p.is_dir():
        raise InputError(path, "这是目录，不是文件 (is a directory)")
    if not p.is_file():
        raise InputError(path, "不是普通文件 (not a regular file)")
    ext = p.suffix.lower()
    if ext not in READERS:
        known = "、".join(sorted(set(READERS)))
        raise InputError(path, f"不支持的文件类型“{p.suffix or '无扩展名'}”，可检查：{known} (unsupported file type)")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(path, f"无法读取文件：{exc.strerror or exc} (cannot read file)") from None
    module_name, func_name = READERS[ext]
    module = __import__(module_name, fromlist=[func_name])
    return getattr(module, func_name)(path, data)
