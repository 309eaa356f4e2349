"""A flattened report cut back into its lines: paragraphs, headings and table rows, where
``flattened.is_flattened`` found official headings inside a line."""

from __future__ import annotations

from typing import Optional

from checker.layout.appendix import split_flattened
from checker.layout.flattened import MAX_LINE, is_flattened
from checker.layout.headings import Sequence, after_break, known_title_at, official_heading, title_end
from checker.layout.lexicon import BREAKS, CLOSERS, CN, SENTENCE_END, TITLE_RE, table_label_at, tokens_in
from checker.layout.rendition import Piece, RenditionLine, stripped
from checker.layout.tablerows import assemble, cells_of_run, table_zone
from checker.lazy import regex

_LEVEL1_ANYWHERE = regex(rf"(?<![{CN}])[{CN}]{{1,3}}[ \u3000]*[、．.]")
_FIRST_PART = regex(r"一[ \u3000]*[、．.][ \u3000]*(?:概述|概况|基本情况|基本工作情况)")
_SIGNATURE = regex(
    r"(?P<name>[^。！？；：，,\s\d]{2,30}?)?[ \u3000]*"
    r"(?P<date>\d{4}[ \u3000]*年[ \u3000]*\d{1,2}[ \u3000]*月[ \u3000]*\d{1,2}[ \u3000]*日"
    r"|[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)[ \u3000]*")
_AFTER_VALUE = regex(r"\d(?:万元|元|亿元|%)?[ \u3000]*$")  # the last value of a table, then a heading
_VALUE_DIGIT = regex(r"\d")


def _signature_cuts(text: str, start: int) -> list[int]:
    """Where the signature (agency name, date) at the end of the report begins, and its date."""
    i = len(text.rstrip())
    tail_start = start
    for k in range(i - 1, start - 1, -1):
        if text[k] in SENTENCE_END or text[k] in CLOSERS:
            tail_start = k + 1
            break
    while tail_start < i and text[tail_start] in " \t\u3000\u00a0":
        tail_start += 1
    m = _SIGNATURE.fullmatch(text, tail_start, i)
    if not m or tail_start == start:
        return []
    cuts = [tail_start, m.start("date")] if m.group("name") else [tail_start]
    return cuts

def _strong_headings(text: str, start: int) -> list[tuple[int, int, int]]:
    """(start, end of title, number) of the official top-level headings in ``text`` after ``start``."""
    found: list[tuple[int, int, int]] = []
    for m in _LEVEL1_ANYWHERE.finditer(text, start):
        pos = m.start()
        heading = official_heading(text, pos)
        opening = None if heading or found else _FIRST_PART.match(text, pos)
        if opening:
            heading = (1, opening.end())  # "一、概述": the 2007-era opening part, no Art. 32 item
        if heading is None:
            continue
        # The first part's heading needs no sentence end before it: the preamble's last line is often a
        # contact line without a full stop ("…办公地址：桐川区柳塘路66号一、概述2016年，…").
        first_part = heading[0] == 1 and not found
        if not (first_part or after_break(text, pos, 1) or _AFTER_VALUE.search(text, max(0, pos - 24), pos)):
            continue
        found.append((pos, heading[1], heading[0]))
    return found

class Cutter:
    """Cuts the lines of one flattened report, keeping the outline read so far across its lines."""

    def __init__(self) -> None:
        self.sequence = Sequence()

    def cut(self, line: int, text: str, first: bool, last: bool) -> list[RenditionLine]:
        """The rendition lines of line ``line`` of the file, whose text is ``text``, in order."""
        cuts: set[int] = {0}
        rows: dict[int, RenditionLine] = {}  # table rows, by where they start
        body = 0
        if first:
            title = TITLE_RE.match(text)
            if title and text[title.end():].strip():
                cuts.add(title.end())
                body = title.end()
        end = len(text)
        if last:
            signature = _signature_cuts(text, body)
            if signature:
                cuts.update(signature)
                end = signature[0]
        strong = [h for h in _strong_headings(text, body) if h[0] < end]
        bounds = [body] + [h[0] for h in strong] + [end]
        for k in range(len(bounds) - 1):
            segment_start, segment_end = bounds[k], bounds[k + 1]
            if k > 0:
                pos, title_stop, number = strong[k - 1]
                self.sequence.accept(1, number)
                cuts.add(pos)
                if title_stop < segment_end and text[title_stop] not in BREAKS:
                    cuts.add(title_stop)
                segment_start = title_stop
            cuts.update(self._segment(line, text, segment_start, segment_end, rows))
        if end < len(text):
            cuts.add(end)
        ordered = sorted(c for c in cuts if 0 <= c < len(text)) + [len(text)]
        out: list[RenditionLine] = []
        for a, b in zip(ordered, ordered[1:]):
            if a in rows:
                out.append(rows[a])
            elif text[a:b].strip():
                row = RenditionLine()
                row.add(stripped(line, text, a, b))
                out.append(row)
        return out

    def _segment(self, line: int, text: str, start: int, end: int, rows: dict[int, RenditionLine]) -> set[int]:
        """Cuts inside the stretch of a part between two top-level headings: its table (whose rows are put
        in ``rows``), its headings."""
        cuts: set[int] = set()
        zone: Optional[tuple[int, int]] = None
        if len(_VALUE_DIGIT.findall(text, start, end)) >= 2:
            cells = cells_of_run(line, text, start, end)
            found = table_zone(cells)
            if found:
                zone = (cells[found[0]].piece.start, cells[found[1]].piece.end)
                for row in assemble(cells[found[0]:found[1] + 1], by_lines=False):
                    if row.parts:
                        rows[row.parts[0][1].start] = row
                        cuts.add(row.parts[0][1].start)
                cuts.add(zone[1])
        first = start
        while first < end and text[first] in " \t\u3000\u00a0":
            first += 1
        allowed: set[int] = {first}  # right after the heading before: "一、总体情况（一）主动公开"
        for token in tokens_in(text, start, end):
            if zone and zone[0] <= token.start < zone[1]:
                continue
            if not (after_break(text, token.start, token.level) or token.start in allowed):
                continue
            level = self.sequence.level_for(token)
            if level is None and after_break(text, token.start, token.level) and known_title_at(text, token.end):
                # A skipped number ("（二）…（四）政府信息管理") is still a heading when a known title follows
                # it: the rules then report the numbering (N001), as in the report as written.
                level = self.sequence.skipping_level(token)
            if level is None:
                continue
            if table_label_at(text, token.start):
                continue  # an official table label ("三、本年度办理结果"), never a heading
            self.sequence.accept(level, token.number)
            cuts.add(token.start)
            stop = title_end(text, token.end, self.sequence, zone[0] if zone and zone[0] > token.start else end)
            if stop is not None:
                cuts.add(stop)
                while stop < end and text[stop] in " \t\u3000\u00a0":
                    stop += 1
                allowed.add(stop)  # the next heading may start right after this one's title
        return cuts

def recover_flattened(lines: list[str], skip: set[int]) -> list[RenditionLine]:
    """The rendition of a flattened report: every line cut where its structure shows (lines in ``skip``,
    the directives, are left out)."""
    cutter = Cutter()
    numbered = [(n, text) for n, text in enumerate(lines, start=1) if text.strip() and n not in skip]
    out: list[RenditionLine] = []
    for k, (n, text) in enumerate(numbered):
        if len(text) > MAX_LINE or "\t" in text and not is_flattened([text]):
            out.append(_whole(n, text))  # a tab-separated table row stays as it is
            continue
        for row in cutter.cut(n, text, first=k == 0, last=k == len(numbered) - 1):
            out.extend(split_flattened(row) or [row])  # the pre-2019 附表, by its own labels
    return out

def _whole(n: int, text: str) -> RenditionLine:
    row = RenditionLine()
    row.add(Piece(n, 0, text))  # white space kept: a leading tab is an empty first cell
    return row
