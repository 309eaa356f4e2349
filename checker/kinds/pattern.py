"""Kind ``pattern``: regular expressions over the report's text; a regex-only rule needs no Python."""

from __future__ import annotations

import re
from typing import Iterator

from checker.findings import Hit
from checker.kinds.base import Kind
from checker.model import Document


class PatternKind(Kind):
    """Report every match of any of ``patterns`` (unless ``unless`` matches the same text).

    ``scope``: "text" (paragraphs and headings), "all" (also table cells), "title".
    """

    def __init__(self, params):
        super().__init__(params)
        flags = re.IGNORECASE if params.get("ignore_case") else 0
        self.patterns = [re.compile(p, flags) for p in params["patterns"]]
        self.unless = re.compile(params["unless"], flags) if params.get("unless") else None

    def _places(self, doc: Document):
        scope = self.params.get("scope", "all")
        if scope == "title":
            title = doc.outline.title
            if title:
                yield title.text, title.line, title.col
            return
        for block in doc.blocks:
            if block.is_table:
                if scope == "all":
                    for row in block.rows:
                        for cell in row:
                            yield cell.text, cell.line, cell.col
            else:
                yield block.text, block.line, block.col

    def check(self, doc: Document) -> Iterator[Hit]:
        for text, line, col in self._places(doc):
            spans = sorted(((m.start(), -m.end(), m.group(0)) for rx in self.patterns for m in rx.finditer(text)
                            if not (self.unless and self.unless.search(m.group(0)))))
            covered = -1
            for start, neg_end, matched in spans:
                if start < covered:
                    continue  # inside a longer match already reported ("_GoBack" in "[bookmark: _GoBack]")
                covered = -neg_end
                yield Hit(line=line, column=col + start, end_line=line, end_column=col - neg_end,
                          args={"match": matched})
