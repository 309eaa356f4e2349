"""How labels are compared: as the format means them, whatever spaces, bracket widths and quotes a report uses."""

from __future__ import annotations

import re
from functools import lru_cache

_WIDTH = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；", "\"": "“", "．": "."})


@lru_cache(maxsize=1 << 16)
def normalize_label(text: str) -> str:
    """Compare labels as the format means them: no spaces, full-width brackets, one kind of quote."""
    t = re.sub(r"[\s\u3000]+", "", text).translate(_WIDTH)
    return t.replace("”", "“").replace("‘", "“").replace("’", "“").rstrip("。：")
