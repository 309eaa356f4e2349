"""Facts derived once per document: year, era, agency, period, contacts, publication date, part list.

The package also holds the other derivations of a Document (outline, sections, sentences); the
analysis stage (checker/analysis.py) calls them once and hands the results on, frozen.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Optional

from msgspec import Struct, field

from checker.cnnum import cn_to_int, year_before_nian
from checker.facts.agency import agency_from_title, agency_kind
from checker.facts.contacts import Contact, find_contacts
from checker.facts.dates import find_dates
from checker.facts.outline import Outline
from checker.facts.parts import PartList, find_part_list
from checker.facts.period import Period, find_bare_range, find_period
from checker.facts.scan import digits_end, spaces_end
from checker.formats import era_for_year
from checker.formats.labels import normalize_label
from checker.formats.tables import ERA_MARKERS
from checker.lazy import regex
from checker.model import Block, Document

_FILE_YEAR = regex(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# A line that is only a date, read by hand (_date_of_line), not by the regex
#   ^\s*(?:发布|印发|成文)?(?:日期|时间)?[:：]?\s*
#   (\S+年\S+月\S+日|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s*$
# which took ~0.5 ms of every cold check to compile, for the last few lines of a report (its group 1;
# tests/test_speed8_facts.py holds the reading against the regex).
_DATE_LINE_WORDS = (("发布", "印发", "成文"), ("日期", "时间"), (":", "："))
# What a title's line above never holds: re.search(r"[。，,；;：:！？!?>＞|]", above), without compiling the class.
_NOT_IN_TITLES = "。，,；;：:！？!?>＞|"


def _after_optional(text: str, at: int, words: tuple[str, ...]) -> tuple[int, ...]:
    """Where ``(?:w1|w2…)?`` from ``at`` may end, in the order the regex tries them: after the word there, then
    at ``at`` (the words of one group are as long as each other)."""
    return (at + len(words[0]), at) if text.startswith(words, at) else (at,)


def _is_date(date: str) -> bool:
    r"""Whether ``date`` (with no white space at either end) is all of one of the regex's three dates. The first,
    ``\S+年\S+月\S+日``, is a date without white space where a 月 stands two characters after the first 年 after the
    first character, or later, and two before the end. The others take all the digits they can, where the
    next part needs another character: each reading is the only one."""
    year = date.find("年", 1)
    month = date.find("月", year + 2) if year > 0 else -1
    if 0 < month <= len(date) - 3 and date.endswith("日") and len(date.split()) == 1:
        return True
    if not date[:4].isdecimal() or len(date) < 4:
        return False
    if date[4:5] in ("-", "/", "."):  # \d{4}[-/.]\d{1,2}[-/.]\d{1,2}
        month_end = digits_end(date, 5, 2)
        day_end = digits_end(date, month_end + 1, 2)
        return 5 < month_end < day_end - 1 and date[month_end] in "-/." and day_end == len(date)
    at = 4  # \d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日
    for unit in ("年", "月", "日"):
        at = spaces_end(date, at)
        if not date.startswith(unit, at):
            return False
        if unit == "日":
            return at + 1 == len(date)
        at = spaces_end(date, at + 1)
        end = digits_end(date, at, 2)
        if end == at:
            return False
        at = end
    return False


def _date_of_line(text: str) -> Optional[str]:
    """Group 1 of the regex's match of ``text``, or None. What ends the date is the white space at the end,
    whichever of the three dates it is, so its group is the text from where it begins: after the words
    before it that the regex tries first (each one when it is there, then without it) and white space."""
    end = len(text.rstrip())
    for first in _after_optional(text, spaces_end(text, 0), _DATE_LINE_WORDS[0]):
        for second in _after_optional(text, first, _DATE_LINE_WORDS[1]):
            for colon in _after_optional(text, second, _DATE_LINE_WORDS[2]):
                start = spaces_end(text, colon)
                if start < end and _is_date(text[start:end]):
                    return text[start:end]
    return None


class ReportOptions(Struct, frozen=True):
    """What the user says in place of facts read from the report (command line, configuration):
    year, era, agency kind, and stricter local publication deadlines (agency kind → "MM-DD")."""

    year: Optional[int] = None
    era: Optional[str] = None
    agency_kind: Optional[str] = None
    deadlines: tuple[tuple[str, str], ...] = ()  # a tuple of pairs, so that the options stay frozen


class PublicationDate(Struct):
    """The 落款 date: the paragraph that is only a date near the end, and the date read from it (None: no such day)."""

    date: Optional[dt.date]
    block: Block
    raw: str


class Facts(Struct):
    """What the analysis reads about a report as a whole: year, era and agency kind (each with where it came
    from), agency, title, period, contacts, publication date and declared part list."""

    year: Optional[int]
    year_source: Optional[str]  # "option" | "title" | "period" | "filename"
    era: Optional[str]
    era_source: Optional[str]  # "option" | "year" | "content"
    agency: Optional[str]
    agency_kind: Optional[str]  # "government" | "department" | "dispatched" (街道办事处) | None
    agency_kind_source: Optional[str]
    title: Optional[Block]
    title_year: Optional[int]
    period: Optional[Period]
    contacts: list[Contact] = field(default_factory=list)
    publication: Optional[PublicationDate] = None
    part_list: Optional[PartList] = None

    def contacts_of(self, kind: str) -> list[Contact]:
        return [c for c in self.contacts if c.kind == kind]


def _title_text(title: Optional[Block], blocks: list[Block]) -> str:
    """The title's text, with the line above it when the title was typed over two lines: "禾丰县梓湾镇人民政府"
    over "2023年政府信息公开工作年度报告" (or "2024年禾丰县教育局" over "政府信息公开工作年度报告"). The line
    above is taken when the title lacks the agency or the year and that line is short, unpunctuated and
    supplies what is lacking (the outline counts it as page chrome above the title)."""
    if title is None:
        return ""
    text = title.text
    at = next((i for i, b in enumerate(blocks) if b is title), 0)
    if at == 0:
        return text
    above = blocks[at - 1].text.strip()
    if len(above) > 40 or any(mark in above for mark in _NOT_IN_TITLES):
        return text
    joined = above + text
    lacks_agency, lacks_year = not agency_from_title(text), year_before_nian(text) is None
    if (lacks_agency and agency_kind(agency_from_title(joined))) or (lacks_year and year_before_nian(above) is not None):
        return joined
    return text


def _title_year(title: Optional[Block], text: Optional[str] = None) -> Optional[int]:
    if not title:
        return None
    year = year_before_nian(title.text if text is None else text)
    if year is None:
        return None
    y = cn_to_int(year)
    return y if y and 1990 <= y <= 2100 else None


def _publication(doc: Document) -> Optional[PublicationDate]:
    """The 落款 date: a paragraph that is only a date, among the last few of the report."""
    tail = [b for b in doc.text_blocks()][-4:]
    for block in reversed(tail):
        raw = _date_of_line(block.text) if len(block.text) <= 64 else None  # a date line is short
        if raw is not None:
            dates = list(find_dates(block.text, iso=True))
            return PublicationDate(dates[0].value if dates else None, block, raw)
    return None


# What only one era's reports contain, for a report whose year cannot be read: the table labels of the
# 2019 trial format and of the 2021 format (formats/tables.py), and the items of Art. 32 of the 2007
# 条例 that the 2019 条例 dropped (the fee waivers; 不予公开 reported as an item of its own).
_ERA_2007_MARKERS = ("收费及减免", "依申请公开政府信息和不予公开政府信息")
_CONTENT_MARKERS = {era: tuple(normalize_label(m) for m in markers)
                    for era, markers in {**ERA_MARKERS, "2007": _ERA_2007_MARKERS}.items()}


def era_from_content(doc: Document) -> Optional[str]:
    """The era whose own labels the report uses most, when one does; None when none shows or two tie."""
    texts = [normalize_label(b.text) for b in doc.text_blocks()]
    texts += [normalize_label(c.text) for b in doc.tables() for row in b.rows for c in row if c.text]
    hits = {era: sum(1 for t in texts for m in markers if m in t) for era, markers in _CONTENT_MARKERS.items()}
    ranked = sorted(hits.items(), key=lambda item: -item[1])
    if ranked[0][1] == 0 or ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def derive_facts(doc: Document, outline: Outline, opts: ReportOptions = ReportOptions()) -> Facts:
    title = outline.title
    text_blocks = list(doc.text_blocks())
    title_text = _title_text(title, text_blocks)
    title_year = _title_year(title, title_text)
    period = find_period(text_blocks) or find_bare_range(outline.preamble or text_blocks[:5])

    year, year_source = None, None
    if opts.year:
        year, year_source = int(opts.year), "option"
    elif title_year:
        year, year_source = title_year, "title"
    elif period and period.start:
        year, year_source = period.start.year, "period"
    else:
        m = _FILE_YEAR.search(os.path.basename(doc.path))
        if m:
            year, year_source = int(m.group(1)), "filename"

    era: Optional[str]
    era_source: Optional[str]
    if opts.era:
        era, era_source = str(opts.era), "option"
    elif year:
        era, era_source = era_for_year(year), "year"
    else:
        era = era_from_content(doc)
        era_source = "content" if era else None

    agency = agency_from_title(title_text) if title else None
    kind: Optional[str]
    kind_source: Optional[str]
    if opts.agency_kind:
        kind, kind_source = opts.agency_kind, "option"
    else:
        kind = agency_kind(agency)
        kind_source = "title" if kind else None

    return Facts(
        year=year, year_source=year_source, era=era, era_source=era_source,
        agency=agency, agency_kind=kind, agency_kind_source=kind_source,
        title=title, title_year=title_year, period=period,
        contacts=find_contacts(text_blocks), publication=_publication(doc),
        part_list=find_part_list(outline.preamble or text_blocks[:5]),
    )
