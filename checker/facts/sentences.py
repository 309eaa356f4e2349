"""Sentences and clauses of the prose, as the prose rules read them (counts, shares, repeated text)."""

from __future__ import annotations

from typing import Iterable, Iterator

from msgspec import Struct

from checker.facts.scan import places
from checker.model import Block

# Clause boundaries: a figure belongs to the clause it stands in.
CLAUSE_SEP = "，,；;：:。！？!?、"
SENTENCE_END = "。！？!?"


class Sentence(Struct, frozen=True):
    """One sentence of a paragraph or heading: ``offset`` is where it starts in ``block.text``."""

    block: Block
    offset: int
    text: str


def sentences(text: str, ends: str = SENTENCE_END) -> Iterator[tuple[int, str]]:
    """(offset, sentence) pairs, each sentence with its closing mark (one of the characters of ``ends``, each
    given once)."""
    # The marks are found with str methods, not with the regex class of them, which took ~0.4 ms to compile at
    # every start (a loop over every character was slower than either). Most paragraphs end their sentences
    # with one kind of mark (。): split by it, in C.
    marks = [mark for mark in ends if mark in text]
    start = 0
    if len(marks) == 1:
        pieces = text.split(marks[0])
        last = pieces.pop()
        for piece in pieces:
            end = start + len(piece) + 1
            yield start, text[start:end]
            start = end
        if last.strip():
            yield start, last
        return
    for i in places(text, *marks):
        yield start, text[start:i + 1]
        start = i + 1
    if start < len(text) and text[start:].strip():
        yield start, text[start:]


def split_prose(blocks: Iterable[Block]) -> tuple[Sentence, ...]:
    """The sentences of every paragraph and heading (not tables: figures are read where people write
    sentences), split once per report for all the prose rules."""
    return tuple(Sentence(b, offset, text) for b in blocks if not b.is_table for offset, text in sentences(b.text))


def clause_start(text: str, pos: int, seps: str = CLAUSE_SEP, limit: int = 400) -> int:
    """Where the clause holding ``pos`` begins; no clause of a report is longer than ``limit``, and
    the bound keeps pathological lines (megabytes without punctuation) linear."""
    floor = max(0, pos - limit)
    i = pos
    while i > floor and text[i - 1] not in seps:
        i -= 1
    return i


def mask_parentheses(text: str) -> str:
    """Blank out what stands in brackets, keeping offsets: "不予公开3件（涉及国家秘密1件）" is one figure."""
    if "（" not in text and "(" not in text:
        return text  # nothing opens a bracket: nothing to blank (most paragraphs)
    out, depth = [], 0
    for ch in text:
        if ch in "（(":
            depth += 1
            out.append(" ")
        elif ch in "）)" and depth:
            depth -= 1
            out.append(" ")
        else:
            out.append(" " if depth else ch)
    return "".join(out)
