"""Recognise ogi-check directive comments (<!-- ogi-check: … -->) so readers can keep them out of the text."""

from __future__ import annotations

import re
from typing import Optional

from checker.lazy import regex

# A whole line that is one HTML comment whose text starts with "ogi-check" (any case). Readers keep
# these out of the report's text and hand their contents to checker.suppress, which parses them.
# Compiled on first use: a report holds few such lines, most none (directive_line asks for "<!--" first).
_DIRECTIVE_LINE = regex(r"^\s*<!--\s*(ogi-check\b.*?)\s*-->\s*$", re.I | re.S)
_DIRECTIVE_TEXT = regex(r"^\s*ogi-check\b", re.I)


def directive_line(line: str) -> Optional[str]:
    """The directive text of a line that is only an ogi-check comment, else None."""
    if "<!--" not in line:  # what every match holds (no letter: IGNORECASE changes nothing), tested in C
        return None
    m = _DIRECTIVE_LINE.match(line)
    return " ".join(m.group(1).split()) if m else None


def directive_text(comment: str) -> Optional[str]:
    """The text of a comment's body when it is an ogi-check directive, else None."""
    return " ".join(comment.split()) if _DIRECTIVE_TEXT.match(comment or "") else None
