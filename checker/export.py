"""What ``ogi-check extract`` prints: a report's facts and statistical tables as JSON, YAML or CSV."""

# The JSON is described by rules/schema/extract.json. CSV has one row per cell; the cells of a local
# row (not in the format) have an empty row_key, and its columns are the official row's above it
# when the counts match, else the cell's position ("1", "2", …).

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any, Optional

from checker.analysis import AnalysedReport

CSV_FIELDS = ("table", "format", "row_key", "row_label", "column", "value", "kind", "raw", "line", "column_no")


def _iso(date: Optional[dt.date]) -> Optional[str]:
    return date.isoformat() if date else None


def extract_data(report: AnalysedReport) -> dict[str, Any]:
    """The facts and tables of ``report`` as plain data (str, int, float, None, lists, dicts)."""
    doc = report.document
    facts = report.facts
    period = facts.period
    parts = facts.part_list
    return {
        "path": doc.path,
        "source_kind": doc.source_kind,
        "year": facts.year,
        "era": facts.era,
        "agency": facts.agency,
        "agency_kind": facts.agency_kind,
        "period": None if period is None else {
            "start": _iso(period.start), "end": _iso(period.end), "line": period.line},
        "contacts": [{"kind": c.kind, "value": c.value, "line": c.line} for c in facts.contacts],
        "publication_date": _iso(facts.publication.date) if facts.publication else None,
        "part_list": None if parts is None else {
            "names": list(parts.names), "count": parts.count, "line": parts.line},
        "tables": {table_id: table.to_dict() for table_id, table in sorted(
            report.tables.tables.items(), key=lambda item: "二三四附".index(item[0][0]))},  # 附表: 2007 era
    }


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_yaml(data: dict[str, Any]) -> str:
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def csv_rows(data: dict[str, Any]):
    """One dict per cell, official rows first, then each table's local rows."""
    for table in data["tables"].values():
        common = {"table": table["table"], "format": table["format"]}
        for row in table["rows"]:
            for column, cell in row["cells"].items():
                yield {**common, "row_key": row["key"], "row_label": row["label"], "column": column,
                       **_cell_fields(cell)}
        for extra in table["extra_rows"]:
            for i, cell in enumerate(extra["cells"]):
                column = extra["columns"][i] if extra["columns"] else str(i + 1)
                yield {**common, "row_key": "", "row_label": extra["label"], "column": column, **_cell_fields(cell)}


def _cell_fields(cell: dict[str, Any]) -> dict[str, Any]:
    value = cell["value"]
    return {"value": "" if value is None else value, "kind": cell["kind"], "raw": cell["raw"],
            "line": cell["line"], "column_no": cell["column_no"]}


def to_csv(data: dict[str, Any]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_rows(data))
    return buf.getvalue()


SERIALISERS = {"json": to_json, "yaml": to_yaml, "csv": to_csv}


def export(report: AnalysedReport, fmt: str) -> str:
    return SERIALISERS[fmt](extract_data(report))
