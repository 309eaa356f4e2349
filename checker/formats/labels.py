"""How labels are compared: as the format means them, whatever spaces, bracket widths and quotes a report uses."""

from __future__ import annotations

from functools import lru_cache

_WIDTH = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；", "\"": "“", "．": "."})


@lru_cache(maxsize=1 << 16)
def normalize_label(text: str) -> str:
    """Compare labels as the format means them: no spaces, full-width brackets, one kind of quote."""
    t = "".join(text.split()).translate(_WIDTH)  # str.split's white space is the regex's \s (U+3000 included)
    return t.replace("”", "“").replace("‘", "“").replace("’", "“").rstrip("。：")
