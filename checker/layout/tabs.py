"""Tab-separated table rows with blank cells at the edge of a table, recognised by their official label.

The .txt reader (checker/readers/plaintext.py: tab_rows) keeps a row whose cells are blank inside a run
of table rows; at the start or end of a run such a line ("行政事业性收费\t", "四、结转下年度继续办理\t\t")
may as well be a heading with a stray tab, and only the official row labels tell them apart: a line
with a tab whose first cell is a row or group label of tables 二, 三, 四 is a table row.
"""

from __future__ import annotations

from checker.layout.lexicon import classify_label
from checker.readers.plaintext import tab_rows

_SPACES = " \t\u3000\u00a0"


def labelled_rows(lines: list[str]) -> list[bool] | None:
    """The table-row marks of ``lines`` with the labelled blank-cell rows added, or None when there are none
    (cheap: only lines with a tab and fewer than two filled cells are looked at)."""
    # A line has two filled cells exactly when a tab is left once the white space around it is stripped.
    candidates = [i for i, text in enumerate(lines) if "\t" in text and "\t" not in text.strip(_SPACES)
                  and classify_label(text.split("\t", 1)[0].strip()) in ("row", "group")]
    if not candidates:
        return None
    marks = tab_rows(lines)
    changed = False
    for i in candidates:
        if not marks[i]:
            marks[i] = changed = True
    return marks if changed else None
