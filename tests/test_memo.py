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
