"""The table work made cheaper per report (issue 12) gives what the straightforward code gave.

Each test keeps the former code as a reference and compares it with the new one on many inputs:
identity instances from per-spec templates, grids scored from per-text label hits, header rows and era
markers looked up per text, tokens made with ``is_value`` given, tab rows split into a list, and the
identities of one table solved once for all the rules that ask.
"""

from __future__ import annotations

from typing import Optional, Sequence

from hypothesis import given, settings, strategies as st

from checker.formats.labels import normalize_label
from checker.formats.tables import SPECS, TABLE_IDS, TableSpec, spec_for
from checker.model import Cell as GridCell
from checker.readers.plaintext import split_tabs
from checker.tables import extract
from checker.tables.model import StatTable, TableCell, is_value_text, parse_cell
from checker.tables.parse import matcher_for
from checker.tables.solve import (BUILTIN_IDENTITIES, Cell, Identity, Instance, corrections, corrections_near,
                                  failing_instances, instances)
from checker.tables.tokens import _LABEL_THEN_VALUE, _PIECE, _PREFIX_ONLY, Token, tokens_from_grid, tokens_from_text

# --- the former code, kept as the reference ------------------------------------------------------------


def _old_instance(table: StatTable, identity: Identity, where: str, keys: Sequence[str],
                  cell_of: dict[str, Cell]) -> Optional[Instance]:
    left, right = identity.left.linear(keys), identity.right.linear(keys)
    if left is None or right is None:
        return None
    coefficients: dict[Cell, int] = {}
    values = []
    for side, sign in ((left, 1), (right, -1)):
        terms, constant = side
        total = constant
        for key, c in terms.items():
            cell = cell_of.get(key)
            value = table.number(*cell) if cell is not None else None
            if cell is None or value is None:
                return None
            total += c * value
            coefficients[cell] = coefficients.get(cell, 0) + sign * c
        values.append(total)
    return Instance(identity, where, tuple(coefficients.items()), values[0], values[1])


def _old_instances(table: StatTable, identity: Identity) -> list[Instance]:
    spec = table.spec
    out: list[Optional[Instance]] = []
    if identity.each == "column":
        keys = [r.key for r in spec.rows]
        for column in spec.columns:
            out.append(_old_instance(table, identity, column, keys, {k: (k, column) for k in keys}))
    elif identity.each == "row":
        for row in identity.rows or [r.key for r in spec.rows]:
            if row not in table.row_lines:
                continue
            keys = list(spec.columns_of(spec.row(row)))
            out.append(_old_instance(table, identity, row, keys, {k: (row, k) for k in keys}))
    else:
        row = spec.rows[0].key
        groups = dict.fromkeys(c.split("/", 1)[0] for c in spec.columns if "/" in c)
        for group in groups:
            items = [c.split("/", 1)[1] for c in spec.columns if c.startswith(group + "/")]
            out.append(_old_instance(table, identity, group, items, {i: (row, f"{group}/{i}") for i in items}))
    return [i for i in out if i is not None]


def _old_label_score(tokens: list[Token], spec: TableSpec) -> int:
    matcher = matcher_for(spec)
    return sum(1 for t in tokens if not t.is_value and matcher.classify(t.text)[0] in ("row", "variant", "header"))


def _old_classify_grid(tokens: list[Token], previous: Optional[str] = None) -> Optional[str]:
    scores = {table: max(_old_label_score(tokens, spec_for(table, era)) for era in ("2019", "2021"))
              for table in TABLE_IDS}
    best = max(TABLE_IDS, key=lambda t: scores[t])
    if scores[best] > 1:
        return best
    if previous and scores[previous] == 1 and scores[best] == 1:
        return previous
    return None


def _old_without_header_blanks(tokens: list[Token], table: str) -> list[Token]:
    matchers = [matcher_for(spec_for(table, era)) for era in ("2019", "2021") if (table, era) in SPECS]
    rows: dict[int, list[Token]] = {}
    for t in tokens:
        rows.setdefault(t.row, []).append(t)
    header_rows = set()
    for row, cells in rows.items():
        labels = [t for t in cells if t.text.strip()]
        if labels and all(not t.is_value and any(m.classify(t.text)[0] == "header" for m in matchers)
                          for t in labels):
            header_rows.add(row)
    return [t for t in tokens if t.row not in header_rows or t.text.strip()]


def _old_layout_era(tokens: list[Token], default: str) -> str:
    markers = extract._NORMALIZED_MARKERS
    texts = [normalize_label(t.text) for t in tokens if not t.is_value]
    hits = {era: sum(1 for t in texts for m in ms if m in t) for era, ms in markers.items()}
    if hits["2019"] > hits["2021"]:
        return "2019"
    if hits["2021"] > hits["2019"]:
        return "2021"
    return default


def _old_marker_lines(tokens: list[Token]) -> dict[str, list[tuple[str, int, int]]]:
    out: dict[str, list[tuple[str, int, int]]] = {}
    labels = [(t, normalize_label(t.text)) for t in tokens if not t.is_value]
    for era, markers in extract._NORMALIZED_MARKERS.items():
        for t, text in labels:
            if any(m in text for m in markers):
                out.setdefault(era, []).append((t.text.strip(), t.line, t.col))
    return out


def _old_tokens_from_grid(rows: Sequence[Sequence[GridCell]], row_offset: int = 0) -> list[tuple]:
    out = []
    for r, row in enumerate(rows):
        previous = None
        for cell in row:
            text = cell.text
            if text.strip() and text == previous and not is_value_text(text):
                continue
            previous = text
            is_value = not text.strip() or is_value_text(text)
            out.append((text, cell.line, cell.col, row_offset + r, True, is_value))
    return out


def _old_tokens_from_text(text: str, line: int, col: int, row: int) -> list[tuple]:
    pieces = [(m.start(), m.group(0)) for m in _PIECE.finditer(text)]
    merged: list[tuple[int, str]] = []
    for start, piece in pieces:
        if merged and _PREFIX_ONLY.match(merged[-1][1]) and not is_value_text(piece):
            merged[-1] = (merged[-1][0], merged[-1][1] + piece)
        else:
            merged.append((start, piece))
    out = []
    for start, piece in merged:
        m = None if is_value_text(piece) else _LABEL_THEN_VALUE.match(piece)
        if m and not _PREFIX_ONLY.match(m.group("label")):
            out.append((m.group("label"), line, col + start, row, False, is_value_text(m.group("label"))))
            out.append((m.group("value"), line, col + start + m.start("value"), row, False,
                        is_value_text(m.group("value"))))
        else:
            out.append((piece, line, col + start, row, False, is_value_text(piece)))
    return out


def _old_split_tabs(raw: str):
    off = 0
    for part in raw.split("\t"):
        lead = len(part) - len(part.lstrip(" \t\u3000\u00a0"))
        yield off + lead, part
        off += len(part) + 1


# --- inputs --------------------------------------------------------------------------------------------

_NATIONAL = [SPECS[k] for k in sorted(SPECS)]
_CELL_TEXTS = st.one_of(st.integers(-3, 40).map(str), st.sampled_from(["", "-", "—", "x", "1.5", "0.25", "3件", "无"]))


@st.composite
def _tables(draw: st.DrawFn, specs: Sequence[TableSpec] = tuple(_NATIONAL)) -> StatTable:
    """A table of one national spec: each row read or not, each of its cells missing, a number or not."""
    spec = draw(st.sampled_from(list(specs)))
    table = StatTable(spec=spec, line=1, end_line=1)
    for n, row in enumerate(spec.rows):
        if draw(st.integers(0, 9)) == 0:
            continue  # a row the report lacks
        table.row_lines[row.key] = (n + 1, 1)
        for m, column in enumerate(spec.columns_of(row)):
            if draw(st.integers(0, 19)) == 0:
                continue  # a cell the row lacks
            table.cells[(row.key, column)] = parse_cell(draw(_CELL_TEXTS), n + 1, m + 1)
    return table


def _user_identities(spec: TableSpec) -> list[Identity]:
    """Identities beyond the built-in ones: with constants, sums, chosen rows, names a table lacks."""
    if spec.table == "三":
        return [Identity.parse("column", "一 + 二 + 1", "三（七） + 四"),
                Identity.parse("row", "总计", "sum(*)", ("一", "四", "不是一行")),
                Identity.parse("column", "sum(三（六）*)", "三（五）1"),
                Identity.parse("column", "sum(三（九）*)", "三（七）"),  # a sum matching no row
                Identity.parse("row", "总计 - 其他", "自然人 + 2")]
    if spec.table == "四":
        return [Identity.parse("group", "总计", "结果维持 + 结果纠正"), Identity.parse("group", "总计", "不是一项")]
    keys = [r.key for r in spec.rows]
    return [Identity.parse("row", spec.columns_of(spec.rows[0])[0], "sum(*)"),
            Identity.parse("column", keys[0], keys[1])]


def _identities(spec: TableSpec) -> list[Identity]:
    return list(BUILTIN_IDENTITIES.get(spec.table, ())) + _user_identities(spec)


def _as_data(found: list[Instance]) -> list[tuple]:
    return [(i.identity.signature(), i.where, i.coefficients, i.left, i.right, type(i.left), type(i.right))
            for i in found]


# --- identities ----------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(_tables())
def test_instances_are_the_former_ones(table: StatTable) -> None:
    for identity in _identities(table.spec):
        new = instances(table, identity)
        assert _as_data(new) == _as_data(_old_instances(table, identity))
        assert new == _old_instances(table, identity)
        assert failing_instances(table, identity) == [i for i in new if not i.holds]


def _fresh(table: StatTable) -> StatTable:
    """The same table, nothing solved yet."""
    return StatTable(spec=table.spec, line=table.line, end_line=table.end_line, cells=dict(table.cells),
                     row_lines=dict(table.row_lines))


@settings(max_examples=150, deadline=None)
@given(_tables(), st.data())
def test_corrections_kept_per_table_are_the_ones_worked_out_afresh(table: StatTable, data: st.DataObject) -> None:
    """Solving again (another rule, the prose check) gives what a table nothing was solved on gives."""
    identities = _identities(table.spec)
    chosen = data.draw(st.lists(st.sampled_from(identities), min_size=1, max_size=4))
    for _ in range(2):
        assert corrections(table, chosen) == corrections(_fresh(table), chosen)
        for identity in chosen:
            failing = failing_instances(table, identity)
            assert corrections_near(table, chosen, failing) == corrections_near(_fresh(table), chosen, failing)


def test_a_broken_cell_is_found_once_kept() -> None:
    table = StatTable(spec=spec_for("四", "2021"), line=1, end_line=1)
    table.row_lines["件数"] = (1, 1)
    for column in table.spec.columns:
        table.cells[("件数", column)] = TableCell("1", "integer", 1, 1, 1)
    for group in ("行政复议", "未经复议直接起诉", "复议后起诉"):
        table.cells[("件数", f"{group}/总计")] = TableCell("4", "integer", 4, 1, 1)
    assert corrections(table, BUILTIN_IDENTITIES["四"]) == []
    table = _fresh(table)
    table.cells[("件数", "行政复议/结果维持")] = TableCell("3", "integer", 3, 1, 1)
    identity = BUILTIN_IDENTITIES["四"][0]
    failing = failing_instances(table, identity)
    assert [i.where for i in failing] == ["行政复议"]
    first = corrections_near(table, BUILTIN_IDENTITIES["四"], failing)
    assert corrections_near(table, BUILTIN_IDENTITIES["四"], failing) == first
    # The group's cells are read by one identity only: the 3 back to 1, or the total up to 6 (the others
    # would have to be -1)
    assert [(c.cell[1], c.value) for c in first[0]] == [("行政复议/结果维持", 1), ("行政复议/总计", 6)]


# --- grids ---------------------------------------------------------------------------------------------


def _spec_labels() -> list[str]:
    labels: set[str] = set()
    for spec in SPECS.values():
        labels.update(r.label for r in spec.rows)
        labels.update(spec.header_labels)
        labels.update(spec.group_labels)
    return sorted(labels)


_GRID_TEXTS = st.one_of(st.sampled_from(_spec_labels()), _CELL_TEXTS, st.text("其他总计规章行政本年 ", max_size=6),
                        st.sampled_from([m for ms in extract.ERA_MARKERS.values() for m in ms]))


@st.composite
def _grids(draw: st.DrawFn) -> list[list[GridCell]]:
    rows = draw(st.lists(st.lists(_GRID_TEXTS, max_size=8), max_size=12))
    return [[GridCell(text, r + 1, c * 4 + 1, r, c) for c, text in enumerate(row)] for r, row in enumerate(rows)]


def _token_data(tokens: list[Token]) -> list[tuple]:
    return [(t.text, t.line, t.col, t.row, t.in_grid, t.is_value) for t in tokens]


@settings(max_examples=400, deadline=None)
@given(_grids(), st.integers(0, 50), st.sampled_from([None, *TABLE_IDS]))
def test_grids_are_read_as_before(grid: list[list[GridCell]], offset: int, previous: Optional[str]) -> None:
    tokens = tokens_from_grid(grid, offset)
    assert _token_data(tokens) == _old_tokens_from_grid(grid, offset)
    assert extract._classify_grid(tokens, previous) == _old_classify_grid(tokens, previous)
    for table in TABLE_IDS:
        assert _token_data(extract._without_header_blanks(tokens, table)) == \
            _token_data(_old_without_header_blanks(tokens, table))
    for era in ("2019", "2021"):
        assert extract._layout_era(tokens, era) == _old_layout_era(tokens, era)
    lines: dict[str, list[tuple[str, int, int]]] = {}
    extract._marker_lines(tokens, lines)
    assert lines == _old_marker_lines(tokens)


def test_the_text_caches_are_bounded() -> None:
    for n in range(extract._MAX_CACHED + 10):
        extract._label_hits(f"标签{n}")
    assert extract._label_hits.kept.cache_info().currsize <= extract._MAX_CACHED
    assert extract._label_hits("规章") == tuple(matcher_for(spec).classify("规章")[0] in ("row", "variant", "header")
                                               for _, spec in extract._GRID_SPECS)


def test_a_long_cell_text_is_worked_out_but_never_kept() -> None:
    """A hostile file's megabyte cell must not stay alive after its report in any per-text store."""
    from checker.tables import tokens as token_module

    huge = "规章" * 100_000
    stores = [f.kept for f in (extract._label_hits, extract._header_of, extract._marker_hits,
                               token_module._cells_of_piece)]
    for store in stores:
        store.cache_clear()
    assert extract._label_hits(huge) == tuple(matcher_for(spec).classify(huge)[0] in ("row", "variant", "header")
                                             for _, spec in extract._GRID_SPECS)
    extract._is_header_label(huge, "三")
    extract._marker_hits(huge)
    token_module.tokens_from_text(huge, 1, 1, 0)
    assert all(store.cache_info().currsize == 0 for store in stores)
    extract._label_hits("规章")  # a label is kept
    assert stores[0].cache_info().currsize == 1


@settings(max_examples=300, deadline=None)
@given(st.text(" \t\u3000\u00a0ab规章0", max_size=30))
def test_tab_rows_split_as_before(raw: str) -> None:
    assert split_tabs(raw) == list(_old_split_tabs(raw))


_LINE_PIECES = st.one_of(st.sampled_from(_spec_labels()), _CELL_TEXTS, st.sampled_from(
    ["1.", "（一）", "三、", "(2)", "12.", "规章0", "行政许可418", "1.属于国家秘密3", "收费1.5万元", "—", "x3", "3x"]))


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE_PIECES, max_size=10), st.sampled_from([" ", "  ", "\u3000", "\t"]), st.integers(1, 9))
def test_lines_of_table_text_are_read_as_before(pieces: list[str], sep: str, col: int) -> None:
    text = sep.join(pieces)
    assert _token_data(tokens_from_text(text, 7, col, 3)) == _old_tokens_from_text(text, 7, col, 3)


# --- a row label's classification: the headers and stems tested the cheap way -------------------------

def _old_classify(matcher, text: str):
    """tables/parse.RowMatcher._classify before: the headers tested one at a time, every row's stems."""
    from checker.tables.parse import without_number

    t = normalize_label(text)
    if t in matcher.exact:
        return "row", matcher.exact[t]
    if t in matcher.groups:
        return "group", None
    if t in matcher.headers or any(t.startswith(h) for h in matcher.headers if len(h) > 4):
        return "header", None
    bare = without_number(t)
    if bare and bare in matcher.bare:
        return "variant", matcher.bare[bare]
    best = None
    for row in matcher.spec.rows:
        if row.stems and all(stem in t for stem in row.stems):
            length = sum(len(s) for s in row.stems)
            if best is None or length > best[0]:
                best = (length, row)
    if best and len(t) > len("".join(best[1].stems)):
        return "variant", best[1]
    return "other", None


_PIECES = sorted({piece for spec in SPECS.values()
                  for piece in [*(r.label for r in spec.rows), *(s for r in spec.rows for s in r.stems),
                                *spec.header_labels, *spec.group_labels]})


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(SPECS)), st.lists(st.sampled_from(_PIECES + ["（二）", "3.", "其他", " ", "的", "12"]),
                                                 min_size=1, max_size=3).map("".join))
def test_a_label_is_classified_as_before(key, text):
    matcher = matcher_for(SPECS[key])
    assert matcher._classify(text) == _old_classify(matcher, text)
