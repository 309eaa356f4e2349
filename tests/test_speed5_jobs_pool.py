"""--jobs without ProcessPoolExecutor (issue 12): batches of paths over a pipe per worker, workers started while
the paths are expanded. The output stays the serial run's; a worker that dies loses only the file that killed it."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import checker.run as run
from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "fixtures" / "reports"


# --- batch sizes ------------------------------------------------------------------------------------------

def test_one_file_a_batch_until_a_file_was_timed():
    assert run.BatchSize().next(left=2000, shares=4) == 1


def test_a_batch_is_about_batch_seconds_of_work():
    size = run.BatchSize()
    size.record(1, 0.005)
    assert size.next(left=2000, shares=4) == int(run.BATCH_SECONDS / 0.005)
    size = run.BatchSize()
    size.record(1, 3.0)  # a long report: one at a time
    assert size.next(left=2000, shares=4) == 1
    size = run.BatchSize()
    size.record(10, 0.0)  # a clock that did not move: the largest batch, not a division by zero
    assert size.next(left=2000, shares=4) == run.MOST_PER_BATCH


def test_the_last_files_are_shared_evenly():
    size = run.BatchSize()
    size.record(100, 0.001)
    assert size.next(left=20, shares=4) == 5
    assert size.next(left=3, shares=4) == 1


@given(st.lists(st.tuples(st.integers(1, 64), st.floats(0, 100, allow_nan=False)), max_size=20),
       st.integers(0, 10_000), st.integers(1, 16), st.integers(1, 64))
def test_batch_sizes_stay_within_their_bounds(records, left, shares, largest):
    size = run.BatchSize(largest=largest)
    for files, seconds in records:
        size.record(files, seconds)
    n = size.next(left, shares)
    assert 1 <= n <= largest
    assert n == 1 or n <= left // shares


@given(st.lists(st.text(min_size=1, max_size=5000), min_size=1, max_size=50), st.integers(1, 64))
def test_next_batch_takes_files_in_order_within_the_character_bound(paths, size):
    from collections import deque

    queue = deque(paths)
    batches = []
    while queue:
        batches.append(run._next_batch(queue, size))
    assert [p for b in batches for p in b] == paths  # every file once, in input order
    for batch in batches:
        assert 1 <= len(batch) <= size
        assert len(batch) == 1 or sum(map(len, batch)) <= run.BATCH_CHARACTERS


# --- the CLI: parallel output is the serial output ---------------------------------------------------------

@pytest.fixture()
def mixed(tmp_path):
    """Every fixture report (.txt and .md) several times over: batches of several files of different kinds."""
    sources = sorted(p for p in (ROOT / "fixtures").rglob("*") if p.suffix in (".txt", ".md")
                     and "fixtures/rules" not in p.as_posix())
    for copy in range(3):
        for i, source in enumerate(sources):
            shutil.copy(source, tmp_path / f"{copy}_{i:03d}_{source.name}")
    return tmp_path


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_batches_print_what_a_serial_run_prints(mixed, monkeypatch, fmt):
    monkeypatch.setattr(run, "BATCH_SECONDS", 10.0)  # as many files a batch as the bounds allow
    serial = CliRunner().invoke(main, ["check", str(mixed), "--format", fmt])
    parallel = CliRunner().invoke(main, ["check", str(mixed), "--format", fmt, "--jobs", "2"])
    assert parallel.exit_code == serial.exit_code
    assert parallel.stdout == serial.stdout and parallel.stderr == serial.stderr
    assert multiprocessing.active_children() == []


def test_workers_started_for_nothing_are_stopped(tmp_path):
    """One file in a folder, and a usage error after the workers were started: no worker is left behind."""
    shutil.copy(REPORTS / "clean_2021_department.txt", tmp_path / "a.txt")
    one = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json", "-j", "2"])
    serial = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json"])
    assert one.stdout == serial.stdout and one.exit_code == serial.exit_code
    assert multiprocessing.active_children() == []
    refused = CliRunner().invoke(main, ["check", str(tmp_path), "-j", "2", "-o", str(tmp_path / "a.txt")])
    assert refused.exit_code == 2 and "--output" in refused.stderr
    assert multiprocessing.active_children() == []


def test_a_broken_folder_configuration_stops_a_parallel_run_as_a_serial_one(tmp_path):
    for name in ("a", "b"):
        shutil.copy(REPORTS / "clean_2021_department.txt", tmp_path / f"{name}.txt")
    (tmp_path / ".ogi-check.yaml").write_text("fail-on: fatal\n", encoding="utf-8")
    serial = CliRunner().invoke(main, ["check", str(tmp_path)])
    parallel = CliRunner().invoke(main, ["check", str(tmp_path), "-j", "2"])
    assert parallel.exit_code == serial.exit_code == 2
    assert parallel.stderr == serial.stderr and "Traceback" not in parallel.stderr
    assert multiprocessing.active_children() == []


# --- a worker that dies within a batch -----------------------------------------------------------------------

VICTIM = "victim_in_a_batch.txt"


def _start_worker_that_dies(*args):
    """The real initializer, then a check_file that ends its process when handed the victim."""
    import os

    run._start_worker(*args)
    checker = run._WORKER
    real = checker.check_file

    def check_file(path, *rest, **kw):
        if path.endswith(VICTIM):
            os._exit(3)
        return real(path, *rest, **kw)

    checker.check_file = check_file


def test_a_death_in_a_batch_names_only_its_file(tmp_path, monkeypatch):
    names = ["clean_2021_department", "defective_2021_department", "defective_2019_department", "clean_2007_county"]
    for i in range(24):
        shutil.copy(REPORTS / f"{names[i % 4]}.txt", tmp_path / f"r{i:02d}.txt")
    shutil.copy(REPORTS / "defective_2021_department.txt", tmp_path / f"r11_{VICTIM}")
    monkeypatch.setattr(run, "_start_worker", _start_worker_that_dies)
    monkeypatch.setattr(run, "BATCH_SECONDS", 10.0)  # the victim shares its batch with others
    parallel = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json", "-j", "2"])
    (tmp_path / f"r11_{VICTIM}").unlink()
    serial = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json"])
    assert parallel.exit_code == 2 and "Traceback" not in parallel.stderr
    assert parallel.stderr.splitlines() == [f"{tmp_path / f'r11_{VICTIM}'}: error: {run.WORKER_DIED}"]
    assert parallel.stdout == serial.stdout
    assert multiprocessing.active_children() == []


# --- how batches are dealt out ---------------------------------------------------------------------------------

class _FakeWorker:
    def __init__(self):
        from collections import deque

        self.batches = deque()

    def send(self, batch, keep_documents):
        self.batches.append(batch)


def test_each_worker_gets_a_first_batch_before_any_gets_a_second():
    from collections import deque

    pool = [_FakeWorker(), _FakeWorker()]
    queue = deque(["a", "b"])
    run._top_up(pool, queue, run.BatchSize(), 2, 2, False, died=pool.remove)
    assert [list(w.batches) for w in pool] == [[["a"]], [["b"]]]
    queue = deque(["c", "d", "e", "f", "g"])
    pool[0].batches.popleft()  # the first worker answered
    run._top_up(pool, queue, run.BatchSize(), 2, 2, False, died=pool.remove)
    assert [list(w.batches) for w in pool] == [[["c"], ["d"]], [["b"], ["e"]]]  # the idle one first
    assert list(queue) == ["f", "g"]


def test_no_more_workers_than_files(tmp_path, monkeypatch):
    spawned = []
    real = run._spawn_worker
    monkeypatch.setattr(run, "_spawn_worker", lambda checker: spawned.append(1) or real(checker))
    files = []
    for name in ("a", "b"):
        shutil.copy(REPORTS / "clean_2021_department.txt", tmp_path / f"{name}.txt")
        files.append(str(tmp_path / f"{name}.txt"))
    checker = run.Checker()
    outcomes = run._in_workers(checker, files, 4, False)
    checker.stop_workers()
    assert len(spawned) == 2 and sorted(outcomes) == files
    assert all(isinstance(o, run.FileResult) for o in outcomes.values())
    assert multiprocessing.active_children() == []
