"""What one document may cost and must contain: cells, blocks and characters counted before they are built.

A reader asks ``Bounds`` before it allocates: a table's grid is checked as rows × columns computed from the
span numbers alone (a merged cell's text is repeated into every grid position it covers, so a few bytes of
``colspan``/``gridSpan`` can ask for millions of cells), blocks and characters as they are added. Each limit
(checker/limits.py, set through the environment) is its own InputError naming the file: exit status 2,
one line, never gigabytes or minutes. ``require_text`` refuses a document with nothing to check.
"""

from __future__ import annotations


from checker import limits
from checker.errors import InputError
from checker.model import Document

NO_TEXT = ("文件中没有可检查的文字：正文为空，或全部在注释、隐藏文字或网页框架中；请确认选对了文件，"
           "并提供有正文的报告 (no text to check)")

# Anything a reader can see: not white space (U+3000 and NBSP included) and not an invisible format
# character (zero-width space and joiners, word joiner, BOM).
# has_text strips both from the start with str.lstrip (C speed, stops at the first visible character), which
# is what the regex [^\s\u200b-\u200f\u2060\ufeff] finds: _WHITE_SPACE is every character the regex's \s
# (str.isspace) matches, tests/test_speed5_cold_text.py checks it against the whole of Unicode.
_WHITE_SPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
_BLANK = _WHITE_SPACE + _INVISIBLE


def _table_message(rows: int, columns: int, limit: int) -> str:
    return (f"有一个表格合并单元格展开后为 {rows} 行 × {columns} 列 = {rows * columns} 个单元格，超过上限 {limit} 个；"
            f"请检查表格的跨行、跨列设置是否有误 (a table of {rows * columns} cells once merged cells are "
            f"resolved; limit {limit}, set OGI_CHECK_MAX_TABLE_CELLS to raise it)")


class Bounds:
    """The running counts of one document against the limits; every ``add_*`` raises past its limit."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.cells = 0
        self.blocks = 0
        self.chars = 0

    def table(self, rows: int, columns: int, covered: int = 0) -> None:
        """Before a grid of ``rows`` × ``columns`` is allocated; ``covered`` is the sum of the areas of its
        cells (rowspan × colspan), which overlapping spans can make larger than the grid."""
        cells = max(rows * columns, covered)
        if cells > limits.MAX_TABLE_CELLS:
            raise InputError(self.path, _table_message(rows, max(columns, cells // max(rows, 1)),
                                                       limits.MAX_TABLE_CELLS))
        self.cells += cells
        if self.cells > limits.MAX_DOCUMENT_CELLS:
            raise InputError(self.path, f"全部表格合并单元格展开后超过 {limits.MAX_DOCUMENT_CELLS} 个单元格；"
                                        f"年度报告的统计表一共只有几百个单元格，请检查表格是否有误 (more than "
                                        f"{limits.MAX_DOCUMENT_CELLS} table cells in the document; set "
                                        f"OGI_CHECK_MAX_DOCUMENT_CELLS to raise the limit)")

    def add_blocks(self, count: int = 1) -> None:
        self.blocks += count
        if self.blocks > limits.MAX_BLOCKS:
            raise InputError(self.path, f"文件的段落和表格超过 {limits.MAX_BLOCKS} 个；一份年度报告只有几百段，"
                                        f"请确认选对了文件，或把它分成几份报告 (more than {limits.MAX_BLOCKS} "
                                        f"paragraphs and tables; set OGI_CHECK_MAX_BLOCKS to raise the limit)")

    def add_chars(self, count: int) -> None:
        self.chars += count
        if self.chars > limits.MAX_CHARS:
            raise InputError(self.path, f"文件的文字超过 {limits.MAX_CHARS} 个字符；一份年度报告只有几万字，"
                                        f"请确认选对了文件，或把它分成几份报告 (more than {limits.MAX_CHARS} "
                                        f"characters of text; set OGI_CHECK_MAX_CHARS to raise the limit)")


def has_text(text: str) -> bool:
    return bool(text.lstrip(_BLANK))


def require_text(doc: Document) -> Document:
    """``doc`` unless none of its blocks has a visible character (an InputError: exit 2, not a clean pass)."""
    for block in doc.blocks:
        if has_text(block.text) or any(has_text(c.text) for row in block.rows for c in row):
            return doc
    raise InputError(doc.path, NO_TEXT)
