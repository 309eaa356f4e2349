"""The official formats as data: the eras here; sections, tables, labels and deadlines in the modules beside.

Sources are in ../shared/domain.md (§1 the 条例, §2 the 2019 and 2021 formats, §3 pre-2019 practice).
Rules refer to these by era; nothing in this package decides what is a finding, and it imports
nothing from the rest of ogi-check.

- ``formats.sections``: the required top-level parts of a report per era;
- ``formats.tables``: the statistical tables 二, 三, 四 of the 2019 and 2021 formats (rows, columns, keys);
- ``formats.labels``: how labels are compared, and the table row labels derived from the tables;
- ``formats.deadlines``: the statutory publication deadlines.
"""

from __future__ import annotations

# Era ids name the instrument that governs the report: the 2007 regulation (reports for 2008–2018,
# no national format), the 2019 trial format (reports for 2019 and 2020: 国办公开办函〔2019〕60号),
# the 2021 format (reports for 2021 on: 国办公开办函〔2021〕30号). domain.md "points easy to get wrong" 3.
ERAS = ("2007", "2019", "2021")
ERA_NAMES = {
    "2007": "2007年条例时期（2008–2018年度报告，无全国统一格式）",
    "2019": "2019年试行格式（2019–2020年度报告）",
    "2021": "2021年格式（2021年度及以后报告）",
}


def era_for_year(year: int) -> str:
    if year <= 2018:
        return "2007"
    if year <= 2020:
        return "2019"
    return "2021"
