"""Work a cold check no longer does at import (issue 12, eighth pass): the 2007 附表's indicator keys are worked
out on first use and kept between runs with the rules' results (formats/tables.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from checker import memo
from checker.formats import tables


def test_the_kept_keys_read_back_as_they_were():
    lists = tables._appendix_key_lists()
    assert tables._keys_from_data(tables._keys_to_data(lists)) == lists
    assert tables.appendix_keys() == (frozenset(lists[0]), frozenset(lists[1]))
    assert "收到申请" in tables.appendix_keys()[0]


@pytest.mark.parametrize("data", [None, [], [["a"]], [["a"], "b"], [["a"], [1]], {"a": 1}])
def test_data_the_keys_could_not_have_made_is_refused(data):
    with pytest.raises((TypeError, ValueError)):
        tables._keys_from_data(data)


def test_a_corrupt_kept_result_is_worked_out_again(monkeypatch):
    name = f"{tables._appendix_key_lists.__module__}.{tables._appendix_key_lists.__qualname__}"
    monkeypatch.setitem(memo._KEPT, name, {"()": [["not", "the"], "keys"]})
    assert tables._appendix_key_lists() == (sorted(tables.appendix_keys()[0]), sorted(tables.appendix_keys()[1]))


def test_importing_the_formats_works_out_no_key():
    code = ("import sys; from checker.formats import tables; "
            "sys.exit(tables.appendix_keys.cache_info().currsize + tables.indicator_key.cache_info().currsize)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
