"""Results of pure functions of one short text are kept between reports; a long text is never kept."""

from __future__ import annotations

from msgspec import Struct

from checker import cnnum
from checker.memo import kept_when_short


def test_short_texts_are_kept_and_long_ones_worked_out_each_time():
    calls: list[str] = []

    @kept_when_short(maxsize=8, longest=5)
    def length(text: str) -> int:
        calls.append(text)
        return len(text)

    assert [length("abc"), length("abc"), length("abcdefgh"), length("abcdefgh")] == [3, 3, 8, 8]
    assert calls == ["abc", "abcdefgh", "abcdefgh"]
    assert length.kept.cache_info().currsize == 1  # type: ignore[attr-defined]


def test_a_long_run_of_digits_is_read_but_not_kept_and_a_huge_one_is_no_number():
    for function in (cnnum.number_value, cnnum.cn_to_int):
        function.kept.cache_clear()  # type: ignore[attr-defined]
    long = "1" * 1000
    assert cnnum.number_value(long) == int(long)
    assert cnnum.number_value("1" * 100_000) is None  # more digits than Python converts: no number
    cnnum.cn_to_int("二" * 100_000)
    assert cnnum.number_value.kept.cache_info().currsize == 0  # type: ignore[attr-defined]
    assert cnnum.cn_to_int.kept.cache_info().currsize == 0  # type: ignore[attr-defined]
    assert cnnum.number_value("十二") == 12 and cnnum.number_value.kept.cache_info().currsize == 1  # type: ignore[attr-defined]


def test_a_store_beside_fields_is_made_once_and_stays_out_of_equality_and_pickling():
    import pickle

    from checker.memo import store_beside_fields

    first, twin = Record("a"), Record("a")  # (module level: pickle finds the class by name)
    store = store_beside_fields(first, "seen")
    store["k"] = 1
    assert store_beside_fields(first, "seen") is store  # the same dict on every call
    assert store_beside_fields(twin, "seen") == {}  # each record its own
    assert first == twin and hash(first) == hash(twin)  # not a field: equality and hash ignore it
    assert "seen" not in pickle.loads(pickle.dumps(first)).__dict__


class Record(Struct, frozen=True, dict=True):
    """A record with a store beside its fields (as Rule, StatTable, Expression, AnalysedReport)."""

    name: str


# -- results worked out from the rules, kept between runs (memo.kept_between_runs)

from checker import memo  # noqa: E402


def _kept_function(calls: list):
    @memo.kept_between_runs(memo.as_data, memo.tuple_of_strings_or_none)
    def letters(text: str, times: int = 1) -> tuple[str, ...] | None:
        calls.append((text, times))
        return tuple(sorted(set(text))) * times or None
    return letters


def test_a_result_is_worked_out_once_and_kept_as_data_to_save(monkeypatch):
    monkeypatch.setattr(memo, "_KEPT", {})
    monkeypatch.setattr(memo, "_ADDED", [False])
    calls: list = []
    letters = _kept_function(calls)
    assert memo.kept_to_save() is None
    assert letters("cab") == ("a", "b", "c") and letters("cab") == ("a", "b", "c") and letters("") is None
    assert letters("ab", 2) == ("a", "b", "a", "b")
    assert calls == [("cab", 1), ("", 1), ("ab", 2)]
    (table,) = memo.kept_to_save().values()
    assert table == {repr(("cab",)): ["a", "b", "c"], repr(("",)): None, repr(("ab", 2)): ["a", "b", "a", "b"]}
    memo.kept_saved()
    assert memo.kept_to_save() is None  # nothing new since: nothing to write
    letters("cab")
    assert memo.kept_to_save() is None


def test_results_read_before_their_module_is_imported_are_used_and_bad_ones_worked_out_again(monkeypatch):
    monkeypatch.setattr(memo, "_KEPT", {})
    monkeypatch.setattr(memo, "_ADDED", [False])
    name = f"{__name__}._kept_function.<locals>.letters"
    memo.take_kept({name: {repr(("xyz",)): ["planted"], repr(("bad",)): {"not": "a list"}, repr(("n",)): [1]},
                    "another.function": "not a table", 7: {}})
    calls: list = []
    letters = _kept_function(calls)
    assert letters("xyz") == ("planted",) and calls == []  # what the file says, without working it out
    assert letters("bad") == ("a", "b", "d") and letters("n") == ("n",)  # data it could not have made
    assert calls == [("bad", 1), ("n", 1)]
    assert memo.kept_to_save()[name][repr(("bad",))] == ["a", "b", "d"]
    memo.take_kept(["not", "a", "dict"])  # ignored


def test_kept_results_are_bounded(monkeypatch):
    monkeypatch.setattr(memo, "_KEPT", {})
    monkeypatch.setattr(memo, "_ADDED", [False])
    monkeypatch.setattr(memo, "KEPT_PER_FUNCTION", 3)
    calls: list = []
    letters = _kept_function(calls)
    for text in ("a", "b", "c", "d", "d"):
        letters(text)
    assert calls == [("a", 1), ("b", 1), ("c", 1), ("d", 1), ("d", 1)]  # the fourth is worked out each time
    (table,) = memo.kept_to_save().values()
    assert len(table) == 3
