"""Header rows of a table's grid (column labels over blank cells) are layout, never a data row (issue 10)."""

from pathlib import Path

from checker.analysis import analyse
from checker.readers import read_document

TITLE = "# 青禾市水利局2023年政府信息公开工作年度报告\n\n## 四、政府信息公开行政复议、行政诉讼情况\n\n"
BLANKS = lambda n: " |" * n  # noqa: E731 - a run of empty cells

# Table 四 as Word and HTML give it when a label spans columns or a merged cell continues from the row
# above: the spanned positions are empty cells of the header rows.
SPANNED_HEADERS = (
    "| 行政复议 |" + BLANKS(4) + " 行政诉讼 |" + BLANKS(9) + "\n"
    + "|" + "---|" * 15 + "\n"
    + "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 |" + BLANKS(4) + " 复议后起诉 |" + BLANKS(4) + "\n"
    + "|" + BLANKS(5) + " 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
    + "| 2 | 1 | 0 | 1 | 4 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 |\n"
)


def _table4(text: str, tmp_path: Path):
    path = tmp_path / "report.md"
    path.write_text(TITLE + text, encoding="utf-8")
    return analyse(read_document(str(path))).tables.get("四")


def test_spanned_header_cells_are_not_a_data_row(tmp_path):
    table = _table4(SPANNED_HEADERS, tmp_path)
    assert table is not None
    assert table.unreadable == []  # was: "件数" rows of 4 and 9 blank values (T007)
    assert [table.cells[("件数", c)].value for c in table.spec.columns][:5] == [2, 1, 0, 1, 4]
    assert table.number("件数", "未经复议直接起诉/总计") == 1


def test_a_blank_data_row_is_still_read_as_blank_cells(tmp_path):
    blank_data = SPANNED_HEADERS.rsplit("\n", 2)[0] + "\n|" + BLANKS(15) + "\n"
    table = _table4(blank_data, tmp_path)
    assert table is not None
    assert {cell.kind for cell in table.cells.values()} == {"blank"}  # reported by T004, not dropped
