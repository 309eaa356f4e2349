"""The fifth pass over a clean .txt report's table work (issue 12) gives what the former code gave.

Each test keeps the former code as the reference and compares it with the new one on many inputs: the
plain-text reader's row test and cell split, the reading of a cell's text (plain counts without a lookup),
and the grouping of identity instances linked through the cells they read.
"""

from __future__ import annotations

import re
from hypothesis import given, settings, strategies as st

from checker.cnnum import MAX_DIGITS
from checker.model import Block
from checker.readers.plaintext import is_tab_row, split_tabs, tab_table_block, table_block, tab_rows
from checker.tables.solve import BUILTIN_IDENTITIES, Cell as SolveCell, Instance, _linked_groups, instances
from checker.tables.model import _FULLWIDTH, _UNIT, TableCell, _read_value, is_plain_count, is_value_text, parse_cell

# --- the former code, kept as the reference ------------------------------------------------------------


def _old_is_tab_row(line: str) -> bool:
    return line.count("\t") >= 1 and sum(1 for p in line.split("\t") if p.strip()) >= 2


def _old_tab_rows(lines: list[str]) -> list[bool]:
    strong = [_old_is_tab_row(line) for line in lines]
    rows = list(strong)
    i = 0
    while i < len(lines):
        if strong[i] or "\t" not in lines[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and "\t" in lines[j] and not strong[j]:
            j += 1
        if i > 0 and strong[i - 1] and j < len(lines) and strong[j]:
            for k in range(i, j):
                rows[k] = True
        i = j
    return rows


def _old_parse_cell(raw: str, line: int, col: int) -> TableCell:
    kind, value, unit = _read_value(raw)
    return TableCell(raw, kind, value, line, col, unit)


def _old_is_value_text(raw: str) -> bool:
    text = raw.strip().translate(_FULLWIDTH).replace(" ", "")
    if not text:
        return False
    return _old_parse_cell(raw, 0, 0).kind != "text" or bool(_UNIT.match(text.replace(",", "")))


def _block_data(block: Block) -> tuple:
    return (block.kind, block.text, block.line, block.col,
            [[(c.text, c.line, c.col, c.row, c.column) for c in row] for row in block.rows])


def _cell_data(cell: TableCell) -> tuple:
    return (cell.raw, cell.kind, cell.value, type(cell.value), cell.line, cell.col, cell.unit)


# --- inputs --------------------------------------------------------------------------------------------

# White space of every kind the reader meets (tabs, ideographic and no-break spaces, a vertical tab that
# str.strip() strips but the reader's own set does not), digits of other scripts, labels.
_LINE_CHARS = st.sampled_from(list("\t\t\t  \u3000\u00a0\x0b0123规章x-—.,１") + ["行政许可", "418", "①", "٣"])
_LINES = st.lists(_LINE_CHARS, max_size=14).map("".join)
_CELL_TEXT = st.one_of(
    st.integers(-10, 10 ** 6).map(str),
    st.lists(st.sampled_from(list("0123456789 ,.+-—万元件１２٣①²\t\u3000规")), max_size=8).map("".join),
    st.sampled_from(["", " ", "0", "007", "1,234", "1.5", "3件", "无", "-", "——", "5万元", "x", "１２"]),
)


# --- the reader ----------------------------------------------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(_LINES)
def test_a_tab_row_is_told_as_before(line: str) -> None:
    assert is_tab_row(line) == _old_is_tab_row(line)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, max_size=12))
def test_table_rows_are_marked_as_before(lines: list[str]) -> None:
    assert tab_rows(lines) == _old_tab_rows(lines)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 500), _LINES), min_size=1, max_size=6))
def test_a_tab_table_is_split_as_before(rows: list[tuple[int, str]]) -> None:
    assert _block_data(tab_table_block(rows)) == _block_data(table_block(rows, split_tabs))


def test_the_fixture_tables_are_split_as_before() -> None:
    from pathlib import Path

    for path in sorted(Path("fixtures").rglob("*.txt")):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        rows = [(i, line) for i, line in enumerate(lines, 1) if "\t" in line]
        assert [is_tab_row(line) for line in lines] == [_old_is_tab_row(line) for line in lines]
        if rows:
            assert _block_data(tab_table_block(rows)) == _block_data(table_block(rows, split_tabs))


# --- cells ---------------------------------------------------------------------------------------------


@settings(max_examples=1000, deadline=None)
@given(_CELL_TEXT)
def test_a_cell_is_read_as_before(raw: str) -> None:
    assert _cell_data(parse_cell(raw, 3, 4)) == _cell_data(_old_parse_cell(raw, 3, 4))
    assert is_value_text(raw) == _old_is_value_text(raw)


def test_a_plain_count_is_ascii_digits_within_the_number_limit() -> None:
    assert is_plain_count("0") and is_plain_count("007") and is_plain_count("9" * MAX_DIGITS)
    for raw in ("", " 1", "1 ", "①", "²", "٣", "１２", "-1", "1,000", "9" * (MAX_DIGITS + 1)):
        assert not is_plain_count(raw), raw
        assert _cell_data(parse_cell(raw, 1, 1)) == _cell_data(_old_parse_cell(raw, 1, 1))
        assert is_value_text(raw) == _old_is_value_text(raw)
    assert parse_cell("9" * (MAX_DIGITS + 1), 1, 1).kind == "text"  # too long to be a number, as before


def test_a_plain_count_is_an_integer_cell() -> None:
    cell = parse_cell("007", 2, 5)
    assert (cell.kind, cell.value, type(cell.value), cell.unit) == ("integer", 7, int, None)
    assert re.fullmatch(r"\d+", "٣") and not is_plain_count("٣")  # \d takes other scripts' digits: not here
    assert _cell_data(parse_cell("٣", 1, 1)) == _cell_data(_old_parse_cell("٣", 1, 1))


# --- identities ----------------------------------------------------------------------------------------


def _old_linked_groups(found: list[Instance]) -> list[list[Instance]]:
    parent: dict[SolveCell, SolveCell] = {}

    def root(cell: SolveCell) -> SolveCell:
        while parent.setdefault(cell, cell) != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    for instance in found:
        cells = list(instance.reads())
        for cell in cells[1:]:
            parent[root(cell)] = root(cells[0])
    groups: dict[SolveCell, list[Instance]] = {}
    for instance in found:
        cells = list(instance.reads())
        key = root(cells[0]) if cells else ("", "")
        groups.setdefault(key, []).append(instance)
    return list(groups.values())


_SOLVE_CELLS = st.tuples(st.sampled_from(["一", "二", "三（七）", "四"]), st.sampled_from(["自然人", "其他", "总计"]))
_INSTANCES = st.lists(
    st.dictionaries(_SOLVE_CELLS, st.integers(-2, 2), max_size=5).map(
        lambda coefficients: Instance(BUILTIN_IDENTITIES["三"][0], "总计", tuple(coefficients.items()), 1, 2)),
    max_size=30)


@settings(max_examples=500, deadline=None)
@given(_INSTANCES)
def test_instances_are_linked_as_before(found: list[Instance]) -> None:
    """Groups of the same instances (by identity: equal instances may stand twice) in the same order."""
    new, old = _linked_groups(found), _old_linked_groups(found)
    assert [[id(i) for i in group] for group in new] == [[id(i) for i in group] for group in old]


def test_the_instances_of_a_broken_table_are_linked_as_before() -> None:
    from checker.analysis import analyse
    from checker.readers import read_document

    report = analyse(read_document("fixtures/reports/defective_2021_department.txt"))
    failing = 0
    for table in report.tables.tables.values():
        found = [i for identity in BUILTIN_IDENTITIES.get(table.table, ()) for i in instances(table, identity)]
        failing += sum(not i.holds for i in found)
        assert [[id(i) for i in g] for g in _linked_groups(found)] == \
            [[id(i) for i in g] for g in _old_linked_groups(found)]
    assert failing  # the fixture's planted defects break identities
