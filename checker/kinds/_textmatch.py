"""Helper of the part-list kind: loose matching of a part list's names against headings whose wording varies."""

from __future__ import annotations

from checker.formats.labels import normalize_label


def is_subsequence(short: str, long: str) -> bool:
    """Whether the characters of ``short`` stand in ``long`` in the same order (str.find from the last one)."""
    if len(short) > len(long):
        return False
    at = 0
    for ch in short:
        at = long.find(ch, at) + 1
        if not at:
            return False
    return True


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
    if a.text == b.text or is_subsequence(a.text, b.text) or is_subsequence(b.text, a.text):
        return True
    x, y = a.bigrams, b.bigrams
    return len(x & y) / len(x | y) >= threshold
