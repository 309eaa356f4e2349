"""--jobs N spreads a batch over processes; the output and exit status are those of a serial run."""

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main

REPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "reports"


@pytest.fixture()
def batch(tmp_path):
    for name in ("clean_2021_department", "defective_2021_department", "defective_2019_department",
                 "clean_2007_county", "clean_2021_government"):
        shutil.copy(REPORTS / f"{name}.txt", tmp_path / f"{name}.txt")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02 not a report")
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "json", "junit"])
def test_parallel_output_is_the_serial_output(batch, fmt):
    serial = CliRunner().invoke(main, ["check", str(batch), "--format", fmt])
    parallel = CliRunner().invoke(main, ["check", str(batch), "--format", fmt, "--jobs", "2"])
    assert serial.exit_code == parallel.exit_code == 2  # broken.txt could not be read
    assert parallel.stdout == serial.stdout
    assert parallel.stderr == serial.stderr
    assert "broken.txt: error:" in parallel.stderr and "P002" in parallel.stdout


def test_parallel_html_page_draws_the_reports(batch):
    serial = CliRunner().invoke(main, ["check", str(batch / "defective_2021_department.txt"), "--format", "html"])
    parallel = CliRunner().invoke(main, ["check", str(batch / "defective_2021_department.txt"), "--format", "html",
                                         "-j", "2"])
    assert parallel.stdout == serial.stdout and "file-0-L" in parallel.stdout


def test_errors_survive_pickling():
    import pickle

    from checker.errors import InputError

    again = pickle.loads(pickle.dumps(InputError("a.txt", "文件为空 (empty file)")))
    assert str(again) == "a.txt: error: 文件为空 (empty file)" and again.path == "a.txt"


def test_progress_bar_only_on_a_terminal(monkeypatch, batch):
    import io

    import checker.cli as cli

    files = [str(p) for p in sorted(batch.glob("*.txt"))]
    assert cli._progress(files, quiet=False) == files  # stderr is not a terminal under test

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(cli.sys, "stderr", Tty())
    assert cli._progress(files, quiet=True) == files
    assert cli._progress(files[:1], quiet=False) == files[:1]
    assert list(cli._progress(files, quiet=False)) == files
    assert "检查中" in cli.sys.stderr.getvalue()


# --- a worker that dies (issue 11): its file is one line and exit 2, every other file as in a serial run ----

VICTIM = "victim_2021_department.txt"


def _start_worker_that_dies(*args):
    """A pool initializer for these tests only: the real one, then a check_file that kills its own process
    (os._exit, or SIGKILL as the kernel's OOM killer would) when it is handed the victim file."""
    import os
    import signal

    from checker import run

    run._start_worker(*args)
    checker = run._WORKER
    real = checker.check_file

    def check_file(path, *rest, **kw):
        if path.endswith(VICTIM):
            if os.environ.get("OGI_TEST_DEATH") == "sigkill":  # set by the test in its own process only
                os.kill(os.getpid(), signal.SIGKILL)
            os._exit(3)
        return real(path, *rest, **kw)

    checker.check_file = check_file


@pytest.mark.parametrize("death,fmt", [("exit", "json"), ("sigkill", "text")])
def test_a_dead_worker_loses_only_its_file(batch, monkeypatch, death, fmt):
    import time

    import checker.run as run

    shutil.copy(REPORTS / "defective_2019_department.txt", batch / VICTIM)
    before = {p.name: p.read_bytes() for p in batch.iterdir()}
    monkeypatch.setenv("OGI_TEST_DEATH", death)
    monkeypatch.setattr(run, "_start_worker", _start_worker_that_dies)
    started = time.perf_counter()
    parallel = CliRunner().invoke(main, ["check", str(batch), "--format", fmt, "--jobs", "2"])
    assert time.perf_counter() - started < 240
    after = {p.name: p.read_bytes() for p in batch.iterdir()}
    (batch / VICTIM).write_bytes(b"\x00\x01")  # serially: a file that cannot be checked in its place
    serial = CliRunner().invoke(main, ["check", str(batch), "--format", fmt])
    assert parallel.exit_code == 2 and "Traceback" not in parallel.stderr
    lines = parallel.stderr.splitlines()
    assert [line for line in lines if VICTIM in line] == [f"{batch / VICTIM}: error: {run.WORKER_DIED}"]
    assert parallel.stdout == serial.stdout  # every other file, byte for byte as in a serial run
    assert [line for line in lines if VICTIM not in line] == \
        [line for line in serial.stderr.splitlines() if VICTIM not in line]  # broken.txt
    assert after == before


def test_every_file_is_checked_when_workers_keep_dying(tmp_path, monkeypatch):
    """Three victims among four files, two workers: each victim is named once, the survivor checked."""
    import checker.run as run

    for i in range(3):
        shutil.copy(REPORTS / "clean_2021_department.txt", tmp_path / f"{i}_{VICTIM}")
    shutil.copy(REPORTS / "defective_2021_department.txt", tmp_path / "survivor.txt")
    monkeypatch.setattr(run, "_start_worker", _start_worker_that_dies)
    parallel = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json", "-j", "2"])
    serial = CliRunner().invoke(main, ["check", str(tmp_path / "survivor.txt"), "--format", "json"])
    assert parallel.exit_code == 2 and "Traceback" not in parallel.stderr
    assert sorted(line.split(": error:")[0] for line in parallel.stderr.splitlines()) == \
        [str(tmp_path / f"{i}_{VICTIM}") for i in range(3)]
    assert parallel.stdout == serial.stdout
