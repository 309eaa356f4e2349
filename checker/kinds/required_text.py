"""Kind ``required-text``: the report states each of several matters somewhere (S004 考核/评议/追究)."""

from __future__ import annotations

import re
from typing import Iterator

from checker.findings import Hit
from checker.kinds.base import Kind, first_body_block, hit_at_block
from checker.model import Document


class RequiredTextKind(Kind):
    """``items``: each a label and the regexes any of which shows the matter is reported."""

    def __init__(self, params):
        super().__init__(params)
        self.items = [(item["label"], [re.compile(p) for p in item["any"]]) for item in params["items"]]

    def check(self, doc: Document) -> Iterator[Hit]:
        texts = [b.text for b in doc.text_blocks()]
        missing = [label for label, patterns in self.items
                   if not any(p.search(t) for p in patterns for t in texts)]
        if missing:
            sections = doc.outline.sections
            anchor = sections[0].heading.block if sections else first_body_block(doc)
            yield hit_at_block(anchor, args={"missing": "、".join(missing)})
