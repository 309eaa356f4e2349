"""`ogi-check extract`: JSON valid against rules/schema/extract.json, YAML, CSV, the same numbers from every kind."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from checker.cli import main
from checker.export import CSV_FIELDS
from tests.support.textforms import space_separated, write_kind
from tests.support.cli import cli_runner

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "fixtures" / "reports"
TABLES = ROOT / "fixtures" / "tables"
SCHEMA = json.loads((ROOT / "rules" / "schema" / "extract.json").read_text(encoding="utf-8"))
DEPARTMENT = REPORTS / "clean_2021_department.txt"
FIVE_KINDS = ("txt", "md", "docx", "html", "cells")


def run(*args):
    runner = cli_runner()
    result = runner.invoke(main, ["extract", *map(str, args)])
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exc_info)
    return result


def extract_json(path) -> dict:
    result = run(path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def cell_values(data: dict) -> dict:
    return {t: {(row["key"], column): cell["value"] for row in table["rows"] for column, cell in row["cells"].items()}
            for t, table in data["tables"].items()}


def validate(data: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)


def _variant_reports(folder: Path) -> list[Path]:
    """Reports that exercise every part of the schema: a local row, run-together digits, an unreadable
    row, a misspelt label, a dropped row."""
    source = DEPARTMENT.read_text(encoding="utf-8")
    texts = {
        "local-row": source.replace("行政规范性文件\t3\t1\t17\n", "行政规范性文件\t3\t1\t17\n其他主动公开文件\t15\t0\t15\n"),
        "labels": source.replace("\t5.属于三类内部事务信息\t", "\t5.属于内部事务信息\t")
                        .replace("三、本年度办理结果\t7.属于行政执法案卷\t0\t0\t0\t0\t0\t0\t0\n", ""),
    }
    applications = space_separated((TABLES / "applications_2021.txt").read_text(encoding="utf-8"))
    texts["run-together"] = applications.replace("71  3  0  0  0  0  74", "713000074")
    texts["ambiguous"] = applications.replace("71  3  0  0  0  0  74", "110000011")
    paths = []
    for name, text in texts.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("name", sorted(p.name for p in REPORTS.glob("*.txt")) + ["applications_2021.txt"])
def test_json_validates_against_the_schema(name):
    path = REPORTS / name if (REPORTS / name).exists() else TABLES / name
    data = extract_json(path)
    validate(data)
    if name.startswith("clean_2007"):
        assert data["era"] == "2007" and data["tables"] == {}


def test_json_of_unusual_tables_validates(tmp_path):
    seen = set()
    for path in _variant_reports(tmp_path):
        data = extract_json(path)
        validate(data)
        for table in data["tables"].values():
            seen |= {key for key in ("extra_rows", "unreadable_rows", "label_variants", "missing_rows") if table[key]}
            seen |= {"reconstructed"} if table["reconstructed"] else set()
    assert seen == {"extra_rows", "unreadable_rows", "label_variants", "missing_rows", "reconstructed"}


def test_json_carries_the_facts():
    data = extract_json(DEPARTMENT)
    assert {k: data[k] for k in ("year", "era", "agency", "agency_kind", "publication_date")} == {
        "year": 2023, "era": "2021", "agency": "青禾市生态环境局", "agency_kind": "department",
        "publication_date": "2024-01-19"}
    assert data["period"] == {"start": "2023-01-01", "end": "2023-12-31", "line": 3}
    assert {"kind": "postcode", "value": "351200", "line": 5} in data["contacts"]
    assert data["part_list"]["names"][0] == "总体情况"
    three = data["tables"]["三"]
    assert (three["format"], len(three["rows"]), three["rows"][0]["key"]) == ("2021", 25, "一")
    assert three["rows"][0]["cells"]["总计"] == {"value": 37, "kind": "integer", "raw": "37", "line": 46,
                                                 "column_no": three["rows"][0]["cells"]["总计"]["column_no"]}
    assert data["tables"]["四"]["rows"][0]["cells"]["行政复议/总计"]["value"] == 1


def test_decimal_amount_and_unit_survive():
    data = extract_json(REPORTS / "clean_2019_department.txt")
    cell = next(r for r in data["tables"]["二"]["rows"] if r["key"] == "政府集中采购")["cells"]["采购总金额"]
    assert (cell["value"], cell["unit"], cell["raw"]) == (386.57, "万元", "386.57万元")


@pytest.mark.parametrize("name", ["clean_2021_department", "clean_2019_department"])
def test_extract_gives_the_same_numbers_from_all_five_kinds(name, tmp_path):
    text = (REPORTS / f"{name}.txt").read_text(encoding="utf-8")
    results = {kind: cell_values(extract_json(write_kind(text, kind, tmp_path))) for kind in FIVE_KINDS}
    reference = results.pop("txt")
    assert sum(len(cells) for cells in reference.values()) == (10 + 175 + 15 if name.endswith("2021_department")
                                                                else 22 + 161 + 15)
    for kind, values in results.items():
        assert values == reference, kind


def test_csv_has_one_row_per_cell():
    result = run(DEPARTMENT, "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CSV_FIELDS
    assert len(rows) == 10 + 175 + 15
    new = next(r for r in rows if r["table"] == "三" and r["row_key"] == "一" and r["column"] == "总计")
    assert new == {"table": "三", "format": "2021", "row_key": "一", "row_label": "一、本年新收政府信息公开申请数量",
                   "column": "总计", "value": "37", "kind": "integer", "raw": "37", "line": "46",
                   "column_no": new["column_no"]}
    assert int(new["column_no"]) >= 1


def test_csv_keeps_local_rows(tmp_path):
    local = next(p for p in _variant_reports(tmp_path) if p.stem == "local-row")
    rows = list(csv.DictReader(io.StringIO(run(local, "--format", "csv").stdout)))
    extra = [(r["row_key"], r["row_label"], r["column"], r["value"]) for r in rows if r["row_label"] == "其他主动公开文件"]
    assert extra == [("", "其他主动公开文件", "本年制发件数", "15"), ("", "其他主动公开文件", "本年废止件数", "0"),
                     ("", "其他主动公开文件", "现行有效件数", "15")]


def test_yaml_is_the_json_data():
    result = run(DEPARTMENT, "--format", "yaml")
    assert result.exit_code == 0
    assert "青禾市生态环境局" in result.stdout  # not escaped
    assert yaml.safe_load(result.stdout) == extract_json(DEPARTMENT)


def test_json_is_the_default_and_not_ascii_escaped():
    result = run(DEPARTMENT)
    assert result.exit_code == 0 and "\\u" not in result.stdout and "青禾市生态环境局" in result.stdout
    assert json.loads(result.stdout)["year"] == 2023


def test_options_override_the_facts(tmp_path):
    data = extract_json(DEPARTMENT)
    override = json.loads(run(DEPARTMENT, "--year", "2020").stdout)
    assert (override["year"], override["era"]) == (2020, "2019") and data["era"] == "2021"


@pytest.mark.parametrize("make", [
    lambda d: d / "missing.txt",
    lambda d: (d / "broken.docx").write_bytes(b"PK\x03\x04 not a zip") and d / "broken.docx",
    lambda d: (d / "report.pdf").write_bytes(b"%PDF-1.4") and d / "report.pdf",
], ids=["missing", "broken-docx", "unsupported"])
def test_unreadable_input_is_one_line_and_exit_2(make, tmp_path):
    path = make(tmp_path)
    result = run(path)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}: error: ")
