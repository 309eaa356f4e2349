"""A report flattened onto few lines (a web page copied without its line breaks), cut back into paragraphs.

Evidence: a line holding two or more official top-level headings after the end of a sentence
("…@163.com。一、总体情况2020年，…二、主动公开政府信息情况…"). A line is then cut

- after the title (agency, year, 政府信息公开工作年度报告) at the start of the report;
- before every official top-level heading found inside it, and after its title;
- around the statistical tables: from the first label before a row label followed by values to the
  last value, each row label starting a line of its own with its values (tablerows.py);
- before every numbering token 一、（一）1.（1） that continues the outline read so far and stands
  after the end of a sentence (or right after the heading before it), and after its title when the
  title's end shows (headings.title_end); also before one that skips one or two numbers of its level
  when an official title or a sub-topic of part 一 follows it (the rules report the skip);
- before the signature (agency, date) at the end of the report;
- around the pre-2019 附表 and before each of its rows (appendix.py: a label after a value).

Sentences inside a paragraph are not cut: where one paragraph ended and the next began inside a
part is not written anywhere, and the rules read sentences, not paragraphs.

This module holds the evidence (``is_flattened``); the cutting is ``cutting.py``, imported only for a report
that needs it.
"""

from __future__ import annotations

from checker.layout.headings import official_heading
from checker.layout.lexicon import BREAKS, CLOSERS, CN, fold
from checker.lazy import regex

_EMBEDDED = regex(rf"[{BREAKS}{CLOSERS}\d][ \u3000]*(?P<token>[{CN}]{{1,3}}[ \u3000]*[、．.])")
_MIN_LENGTH = 120  # a line shorter than this holds no flattened report
# The longest real report runs to some 50,000 characters; a line many times longer is no report run
# together but text repeated or generated, and is left as it is (cutting it would quote the whole line
# in every one of its findings).
MAX_LINE = 200_000


_TOKEN_ENDS = "、．."


def _may_hold_token(text: str) -> bool:
    """Whether a top-level numbering token (``[一…十]{1,3}[ \u3000]*[、．.]``, which every _EMBEDDED match
    ends with) can stand in ``text``: some 、．. with a numeral before it, over spaces."""
    for mark in _TOKEN_ENDS:
        at = text.find(mark)
        while at >= 0:
            k = at - 1
            while k >= 0 and text[k] in " \u3000":
                k -= 1
            if k >= 0 and text[k] in CN:
                return True
            at = text.find(mark, at + 1)
    return False


def is_flattened(lines: list[str]) -> bool:
    """Whether some line holds two official top-level headings after sentence ends (cheap: a line is only
    searched when it is long, and a heading only looked up where a sentence ends before a numeral). A line
    where one official heading comes three times or more is text repeated, not a report run together, and
    so is a line longer than MAX_LINE: both are left as they are."""
    for text in lines:
        if not _MIN_LENGTH <= len(text) <= MAX_LINE:
            continue
        if not _may_hold_token(text):
            continue  # most long paragraphs: _EMBEDDED is neither run nor compiled
        seen: dict[str, int] = {}
        for m in _EMBEDDED.finditer(text):
            heading = official_heading(text, m.start("token"))
            if heading:
                title = fold(text[m.start("token"):heading[1]])
                seen[title] = seen.get(title, 0) + 1
        if sum(seen.values()) >= 2 and max(seen.values()) < 3:
            return True
    return False


