"""Many short texts (a report's blocks, or its blocks and table cells) searched at once: joined by NUL.

One ``str.find`` over the joined texts says which of them hold a literal, where a test of every text
would cost a Python call a text (a report has hundreds of table cells and dozens of paragraphs).

Most literals the rules look for ("TODO", "HYPERLINK", "待填", "未定义书签") are in no report, and a search
that finds nothing walks every character. Two cheaper tests prove a word absent first (``_absent``); a word
they cannot rule out is looked for as before, so the answer is the same, only cheaper:

- an ASCII word is looked for in the texts' ASCII characters alone (the Chinese dropped, the rest run
  together; a tenth as long): each occurrence of it is a run of ASCII characters that survives the dropping;
- another word is absent when one of its characters is (a one-character search is a machine-code scan,
  a tenth of a word's; the answer for each character is kept, and rules share many).
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
        self._ascii: bytes | None = None  # the ASCII characters of ``joined``, made when first needed
        self._has: dict[str, bool] = {}  # a character → whether ``joined`` holds it, as asked

    def _absent(self, word: str) -> bool:
        """Whether ``word`` is certainly in none of the texts (see the module's docstring)."""
        if word.isascii():
            if self._ascii is None:
                self._ascii = self.joined.encode("ascii", "ignore")
            return self._ascii.find(word.encode("ascii")) < 0
        has = self._has
        for ch in word:
            present = has.get(ch)
            if present is None:
                present = has[ch] = ch in self.joined
            if not present:
                return True
        return False

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
            if self._absent(word):
                continue
            at = joined.find(word)
            while at >= 0:
                index = bisect_right(starts, at) - 1
                found.add(index)
                at = joined.find(word, starts[index + 1]) if index + 1 < len(starts) else -1
        return found
