"""``--statistics``: how many findings of each code, most frequent first."""

from __future__ import annotations

from collections import Counter

from checker.findings import Finding
from checker.formatters.common import rules_by_code


def format_statistics(findings: list[Finding], rules=None, **_) -> str:
    known = rules_by_code(rules)
    counts = Counter(f.code for f in findings)
    names = {f.code: f.name for f in findings}
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    width = max((len(str(n)) for _, n in rows), default=1)
    lines = []
    for code, n in rows:
        name = known[code].name if code in known else names.get(code, "")
        lines.append(f"{n:>{width}}  {code}  {name}".rstrip())
    return "".join(line + "\n" for line in lines)
