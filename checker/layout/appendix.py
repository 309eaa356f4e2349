"""The pre-2019 附表 (政府信息公开情况统计表) in hard-wrapped or flattened text, read back row by row.

A PDF prints each indicator label inside a narrow cell, so its text comes in fragments, the row's unit
and count often printed between them (``（一）主动公开政府信`` / ``3555`` / ``息数 条``). Without this,
each fragment is a line of its own, and one that starts with a number (``5.不属于本行政机关``) is taken
for a heading (N001, S003). The labels are those of the 2007-era spec (checker/formats/tables.py:
APPENDIX_INDICATORS with their printed variants, APPENDIX_GROUPS, APPENDIX_HEADERS): a fragment joins
the label before it when that label is not complete yet and the two together still spell (the start
of) one, or when the two together spell one and the fragment alone is none (``同意部分公开答复`` + ``数``).
The table starts at its header row (``指标名称 单位 统计数``) under the line that names it (``附表``, or
the title ``…政府信息公开情况统计表``), and ends at the first line of prose after it.

Flattened onto one line (``split_flattened``), the 附表 is cut after its title and before each label that
follows a value or carries a number; what ran together is taken apart by the numbering of the items.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from msgspec import Struct, field

from checker.formats.labels import normalize_label
from checker.formats.tables import (APPENDIX_GROUPS, APPENDIX_HEADERS, APPENDIX_INDICATORS, APPENDIX_TABLE,
                                    APPENDIX_TITLE, APPENDIX_UNITS, appendix_keys, indicator_key)
from checker.layout.lexicon import VALUE_RE
from checker.layout.rendition import Piece, RenditionLine
from checker.lazy import regex

_CELL = regex(r"[^ \t\u3000\u00a0]+")
_NUMBERING = regex(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、])")
_LEAD = regex(r"^其中[：:，]?")
_LOCAL_END = regex(r"(?:数|数量|[）)])$")
_PROSE = regex(r"[。！？!?；;，,]")
_UNITS = frozenset(APPENDIX_UNITS)
# flattened text
_RUN_COUNT = regex(r"\d[\d,]*(?:\.\d+)?(?=[^\d.．、年月日])")
_SIGNED = regex(r"(?P<name>[^\d\s。，；：]{2,30}?)?(?P<date>\d{4}年\d{1,2}月\d{1,2}日)")
_ITEM = regex(r"(\d{1,2})[.．](?=\D)")
_UPPER = regex(r"[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、")
_UPPER_INSIDE = regex(r"(?<![一二三四五六七八九十（(])(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)")
_DASHES = regex(r"[—\-－/]+")
_DIGITS = regex(r"\d+")
_NAMED = regex(r"附表[0-9一二三]?[：:]?")
_HEADER = regex("|".join(sorted((h for h in APPENDIX_HEADERS if len(h) >= 4), key=len, reverse=True)))


def _bare(text: str) -> str:
    """A label without its numbering and 其中：, as the spec's labels and their prefixes are kept."""
    t = normalize_label(text)
    for _ in range(2):
        t = _LEAD.sub("", _NUMBERING.sub("", t))
    return t


@lru_cache(maxsize=1)
def _labels() -> tuple[frozenset[str], frozenset[str]]:
    """Every label of the spec, bare, and every start of one."""
    printed = {f for i in APPENDIX_INDICATORS for f in (i.label, *i.synonyms)} | set(APPENDIX_GROUPS)
    printed |= set(APPENDIX_HEADERS)
    complete = {_bare(p) for p in printed}
    starts = {c[:k] for c in complete for k in range(1, len(c) + 1)}
    return frozenset(complete), frozenset(starts)


def _complete(label: str) -> bool:
    key = indicator_key(label)
    indicators, groups = appendix_keys()
    return key in indicators or key in groups or _bare(label) in _labels()[0]


def _starts_label(label: str) -> bool:
    return _bare(label) in _labels()[1]


def _is_value(text: str) -> bool:
    return bool(VALUE_RE.fullmatch(text)) or text in _UNITS


class _Row(Struct):
    """One row of a 附表 being cut back: the fragments of each of its label cells, and its values."""

    labels: list[list[Piece]] = field(default_factory=list)  # each label cell: its fragments
    values: list[Piece] = field(default_factory=list)

    @property
    def label(self) -> str:
        return "".join(p.text for p in self.labels[-1]) if self.labels else ""

    def joins(self, fragment: str) -> bool:
        """``fragment`` (the first cell of the next line) completes the last label of this row."""
        if not self.labels or _NUMBERING.match(fragment) or _LEAD.match(fragment):
            return False
        label, joined = self.label, self.label + fragment
        if label.count("（") > label.count("）") or label.count("(") > label.count(")"):
            return True  # inside an explanation in brackets: "专项经费（不包括用" + "于政府公报编辑…"
        if _complete(label):
            return _complete(joined) and not _complete(fragment)  # "同意部分公开答复" + "数"
        if _starts_label(label):
            return _starts_label(joined) or _complete(joined)
        # A local indicator (not in the spec) is numbered and ends in 数 as a spec's label does; a fragment
        # that is no label of its own finishes it ("2.政府网站在线访谈次" + "数"). Unnumbered text after
        # the table (the signature: agency, date) is no indicator.
        numbered = bool(_NUMBERING.match(label) or _LEAD.match(label))
        return numbered and not _LOCAL_END.search(label) and not _complete(fragment)

    def rendition(self) -> RenditionLine:
        """The labels, then units and dashes, then counts: as the 附表 is printed, ``指标 单位 统计数``."""
        out = RenditionLine()
        for fragments in self.labels:
            for k, piece in enumerate(fragments):
                out.add(piece, "" if k else " ")
        units = [p for p in self.values if not any(ch.isdigit() for ch in p.text)]
        for piece in units + [p for p in self.values if p not in units]:
            out.add(piece, " ")
        return out


def _has_count(pieces: list[Piece]) -> bool:
    return any(ch.isdigit() for p in pieces for ch in p.text)


def _cells(n: int, text: str) -> list[Piece]:
    return [Piece(n, m.start(), m.group(0)) for m in _CELL.finditer(text)]


def _start(lines: list[str], order: list[int]) -> Optional[int]:
    """Where the 附表 starts among ``order``: its header row, or its first row, under the line that names it."""
    for k, n in enumerate(order[:-1]):
        text = lines[n - 1].strip()
        if not (text.startswith(APPENDIX_TABLE) or APPENDIX_TITLE in text):
            continue
        for j in (k + 1, k + 2):  # the title may be wrapped over two lines
            if j >= len(order):
                break
            cells = _cells(order[j], lines[order[j] - 1])
            first = cells[0].text if cells else ""
            if _bare(first) in APPENDIX_HEADERS or _complete(first) or _starts_label(first) and len(cells) > 1:
                return j
    return None


def appendix_rows(lines: list[str], order: list[int]) -> Optional[tuple[list[int], list[RenditionLine]]]:
    """The file lines (among ``order``) the 附表 takes and its rows, or None when the text has no 附表."""
    start = _start(lines, order)
    if start is None:
        return None
    members: list[int] = []
    rows: list[_Row] = []
    for n in order[start:]:
        cells = _cells(n, lines[n - 1])
        if not cells or any(_PROSE.search(c.text) for c in cells if not _is_value(c.text)):
            break  # prose after the table: the signature's date has none, a sentence has some
        members.append(n)
        row = rows[-1] if rows else None
        at = 0
        if row is not None and all(_is_value(c.text) for c in cells) and not (
                _has_count(row.values) and _has_count(cells)):
            pass  # the row's values (or its unit), printed between the fragments of its label or after it
        elif row is not None and not _is_value(cells[0].text) and row.joins(cells[0].text):
            row.labels[-1].append(cells[0])
            at = 1
        else:
            row = _Row()
            rows.append(row)
        for cell in cells[at:]:
            if _is_value(cell.text):
                row.values.append(cell)
            else:
                row.labels.append([cell])
    if len(rows) < 3:
        return None
    return members, [r.rendition() for r in rows]


def split_flattened(row: RenditionLine) -> Optional[list[RenditionLine]]:
    """A line of flattened text that holds the 附表, cut into the prose before it, its title, and its rows;
    None when the line holds none. The 附表 is the text after ``附表`` (at the line's start or after a
    sentence) when its header row (``指标名称``, ``统计指标``) or its title follows within a line's length;
    a row ends at its last value, so each label after a value starts a row (cells are the text between
    white space, as a page copied flat separates them)."""
    if len(row.parts) != 1:
        return None
    piece = row.parts[0][1]
    text = piece.text
    for m in _NAMED.finditer(text):
        before = text[:m.start()].rstrip(" \t\u3000\u00a0")
        if before and before[-1] not in "。！？!?":
            continue
        header = _HEADER.search(text, m.end(), m.end() + 80)
        title = text.find(APPENDIX_TITLE, m.end(), m.end() + 80)
        if header is None and title < 0:
            continue
        body = title + len(APPENDIX_TITLE) if title >= 0 else header.start()  # type: ignore[union-attr]
        rows = _rows_of(piece, body)
        if len(rows) < 3:
            return None
        out = []
        for a, b in ((0, m.start()), (m.start(), body)):
            if text[a:b].strip():
                line = RenditionLine()
                line.add(_stripped_piece(piece, a, b))
                out.append(line)
        return out + rows
    return None


def _stripped_piece(piece: Piece, a: int, b: int) -> Piece:
    text = piece.text
    while a < b and text[a] in " \t\u3000\u00a0":
        a += 1
    while b > a and text[b - 1] in " \t\u3000\u00a0":
        b -= 1
    return Piece(piece.line, piece.start + a, text[a:b])


def _rows_of(piece: Piece, start: int) -> list[RenditionLine]:
    """The rows of a flattened 附表 from ``start`` on; the signature after it (agency, date) on lines of
    its own."""
    rows: list[RenditionLine] = []
    current: Optional[RenditionLine] = None
    after_value = False
    for cell, own_line in _flat_cells(piece, start):
        value = _is_value(cell.text)
        numbered = not value and bool(_UPPER.match(cell.text) or _ITEM.match(cell.text))
        if current is None or own_line or (after_value and not value) or numbered:
            current = RenditionLine()
            rows.append(current)
        current.add(cell, " ")
        after_value = value
    return rows


def _flat_cells(piece: Piece, start: int) -> list[tuple[Piece, bool]]:
    """The cells between white space, with what ran together taken apart: a count run into the text after
    it ("0枫浦县教育局2015年3月18日"; "141.当面申请数" where item 1 is due, as the numbering of the items
    goes), dashes or a header run into a label ("—（一）…", "统计数一、…"); a signature's agency and its date
    each stand on a line of their own (True)."""
    cells: list[tuple[Piece, bool]] = []
    due = 1  # the number of the next item "N." (after "（一）…" or "一、…" the items start again at 1)
    for m in _CELL.finditer(piece.text, start):
        at, rest = piece.start + m.start(), m.group(0)
        for part in _apart(rest, due):
            text = part
            count = _RUN_COUNT.match(text)
            if count and not _is_value(text):
                cells.append((Piece(piece.line, at, count.group(0)), False))
                at, text = at + count.end(), text[count.end():]
            signed = _SIGNED.fullmatch(text)
            if signed and signed.group("name"):
                cells.append((Piece(piece.line, at, signed.group("name")), True))
                at, text = at + signed.start("date"), signed.group("date")
            cells.append((Piece(piece.line, at, text), bool(signed)))
            at += len(text)
            item = _ITEM.match(text)
            if item:
                due = int(item.group(1)) + 1
            elif _UPPER.match(text):
                due = 1
    return cells


def _apart(text: str, due: int) -> list[str]:
    """``text`` cut before an upper numbering inside it and after a count run into the item due."""
    if _is_value(text):
        return [text]
    cuts = {m.start() for m in _UPPER_INSIDE.finditer(text) if m.start() > 0}
    dash = _DASHES.match(text)
    if dash and dash.end() < len(text):
        cuts.add(dash.end())
    number = f"{due}."
    digits = _DIGITS.match(text)
    if digits:
        for k in range(1, digits.end()):
            if text.startswith(number, k) or text.startswith(f"{due}．", k):
                cuts.add(k)
                break
    bounds = [0] + sorted(cuts) + [len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:]) if a < b]
