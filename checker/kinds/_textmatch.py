"""Helper of the part-list kind: loose matching of a part list's names against headings whose wording varies."""

from __future__ import annotations

from checker.formats.labels import normalize_label


def is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _bigrams(text: str) -> set[str]:
    return {text[i: i + 2] for i in range(len(text) - 1)} or {text}


def similar(a: str, b: str, threshold: float = 0.5) -> bool:
    """Same part named two ways: one is a subsequence of the other ("政府信息公开情况" in
    "政府信息主动公开情况"), or they share at least ``threshold`` of their character pairs."""
    a, b = normalize_label(a), normalize_label(b)
    if not a or not b:
        return False
    if is_subsequence(a, b) or is_subsequence(b, a):
        return True
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / len(x | y) >= threshold
