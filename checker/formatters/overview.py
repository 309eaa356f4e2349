"""The overview of a batch as files for a spreadsheet: CSV with a UTF-8 BOM (Excel on a Chinese Windows reads a
CSV without one as GBK and garbles it) and an Excel workbook written by openpyxl."""

from __future__ import annotations

import csv
import io

from checker.overview import FAILED, NOT_APPLICABLE, Overview, build_overview, table_rows


def overview_file(suffix: str, findings, applicable, about, errors=()) -> bytes:
    """``check --overview FILE``: the overview of the run as ``.csv`` or ``.xlsx`` (by the file's suffix, which
    the caller checked against ``OVERVIEW_SUFFIXES``)."""
    overview = build_overview(list(applicable), findings, applicable, about, errors)
    return overview_xlsx(overview) if suffix == ".xlsx" else overview_csv(overview)


OVERVIEW_SUFFIXES = (".csv", ".xlsx")


def overview_csv(overview: Overview) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(table_rows(overview))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def overview_xlsx(overview: Overview) -> bytes:
    """The same table as a workbook: header frozen and filtered (Excel sorts it), failed cells red,
    not-applicable ones grey."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    rows = table_rows(overview)
    book = Workbook()
    sheet = book.active
    sheet.title = "检查概览"
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    first = len(rows[0]) - len(overview.columns) - 1  # 0-based index of the first requirement column
    red, grey = PatternFill("solid", fgColor="FFC7CE"), PatternFill("solid", fgColor="EDEDED")
    for r, report in enumerate(overview.rows, start=2):
        for c, req in enumerate(overview.columns):
            state = report.cells[req.key].state if report.cells else None
            if state in (FAILED, NOT_APPLICABLE):
                sheet.cell(row=r, column=first + c + 1).fill = red if state == FAILED else grey
    widths = [40, 24, 6, 14, 10, 8] + [10] * len(overview.columns) + [40]
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
