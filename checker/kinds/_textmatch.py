"""Helper of the part-list kind: loose matching of a part list's names against headings whose wording varies."""

from __future__ import annotations

from checker.formats.labels import normalize_label


def is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _bigrams(text: str) -> set[str]:
    return {text[i: i + 2] for i in range(len(text) - 1)} or {text}


class Label:
    """A name or a heading as ``similar`` compares it: normalised, with its character pairs, made once
    for a text that is compared with many others (each declared part with each heading)."""

    __slots__ = ("text", "bigrams")

    def __init__(self, raw: str) -> None:
        self.text = normalize_label(raw)
        self.bigrams = _bigrams(self.text) if self.text else set()


def similar(a: str, b: str, threshold: float = 0.5) -> bool:
    """Same part named two ways: one is a subsequence of the other ("政府信息公开情况" in
    "政府信息主动公开情况"), or they share at least ``threshold`` of their character pairs."""
    return similar_labels(Label(a), Label(b), threshold)


def similar_labels(a: Label, b: Label, threshold: float = 0.5) -> bool:
    """``similar`` of two texts already made Labels."""
    if not a.text or not b.text:
        return False
    if is_subsequence(a.text, b.text) or is_subsequence(b.text, a.text):
        return True
    x, y = a.bigrams, b.bigrams
    return len(x & y) / len(x | y) >= threshold
