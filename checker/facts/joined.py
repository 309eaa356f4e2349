"""Many short texts (a report's blocks, or its blocks and table cells) searched at once: joined by NUL.

One ``str.find`` over the joined texts says which of them hold a literal, where a test of every text
would cost a Python call a text (a report has hundreds of table cells and dozens of paragraphs).
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import Iterable


class JoinedTexts:
    """``texts`` joined by NUL (a character in no literal of ours, so that no literal is found across two
    texts) in ``joined``, with the offset where each text begins in ``starts``."""

    def __init__(self, texts: list[str]) -> None:
        self.count = len(texts)
        self.joined = "\x00".join(texts)
        # Each text's length plus its NUL, summed, with no Python call a text (hundreds of table cells).
        self.starts = list(accumulate(map((1).__add__, map(len, texts[:-1])), initial=0))

    def index_at(self, offset: int) -> int:
        """The index of the text that holds ``offset`` of ``joined``."""
        return bisect_right(self.starts, offset) - 1

    def holding(self, literals: Iterable[str]) -> set[int]:
        """The indexes of the texts that hold at least one of ``literals`` (every text for an empty one)."""
        joined, starts = self.joined, self.starts
        found: set[int] = set()
        for word in literals:
            if not word:
                return set(range(self.count))
            at = joined.find(word)
            while at >= 0:
                index = bisect_right(starts, at) - 1
                found.add(index)
                at = joined.find(word, starts[index + 1]) if index + 1 < len(starts) else -1
        return found
