"""The console script (checker/console.py): the command line, with start-up run without the collector, and its
end without the interpreter's teardown when nothing is left to finish."""

from __future__ import annotations

import gc
import json
import subprocess
import sys

import pytest

from checker import console
from tests.test_cli import ROOT

CLEAN = ROOT / "fixtures" / "reports" / "clean_2021_department.txt"


@pytest.fixture
def restored_collector():
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    (gc.enable if enabled else gc.disable)()


def test_the_console_script_runs_the_command_line_and_leaves_the_collector_on(monkeypatch, restored_collector, capsys):
    gc.unfreeze()
    monkeypatch.setattr(sys, "argv", ["ogi-check", "check", "--format", "json", str(CLEAN)])
    with pytest.raises(SystemExit) as stopped:
        console.command_line()
    assert stopped.value.code == 0
    assert json.loads(capsys.readouterr().out) == []  # the clean report: no findings
    assert gc.isenabled()  # the reports' own cycles are still collected
    assert gc.get_freeze_count() > 0  # what start-up made is out of the collections' way


def test_a_collector_that_was_off_stays_off(monkeypatch, restored_collector):
    gc.disable()
    monkeypatch.setattr(sys, "argv", ["ogi-check", "--version"])
    with pytest.raises(SystemExit):
        console.command_line()
    assert not gc.isenabled()


def test_python_dash_m_checker_is_the_same_command():
    done = subprocess.run([sys.executable, "-m", "checker", "check", "--format", "json", str(CLEAN)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def _ended(code: str, *before: str) -> subprocess.CompletedProcess:
    """``console.end`` called in a fresh interpreter after ``before``, with an exit handler that prints "atexit"."""
    program = "\n".join(["import atexit, sys", *before, "atexit.register(lambda: print('atexit', flush=True))",
                          "sys.stdout.write('out')", "from checker.console import end", f"end({code})"])
    return subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("code, status", [("None", 0), ("0", 0), ("1", 1), ("2", 2), ("256 + 3", 3)])
def test_the_end_exits_at_once_with_the_status_and_the_output_flushed(code, status):
    done = _ended(code)
    assert done.returncode == status
    assert done.stdout == "out"  # flushed, and no exit handler ran: the interpreter was not torn down


def test_a_message_given_to_the_end_is_printed_with_status_1():
    done = _ended("'ogi-check: stopped'")
    assert (done.returncode, done.stdout, done.stderr) == (1, "out", "ogi-check: stopped\n")


@pytest.mark.parametrize("before", [
    "import logging",  # a handler may hold unwritten lines
    "import multiprocessing",  # worker processes to wait for
    "import threading, time; threading.Thread(target=time.sleep, args=(0.5,)).start()",  # a thread still running
])
def test_with_something_left_to_finish_the_end_is_the_ordinary_one(before):
    done = _ended("1", before)
    assert done.returncode == 1
    assert done.stdout == "outatexit\n"  # the exit handlers ran


def test_a_check_through_the_script_gives_every_finding_and_its_status(tmp_path):
    from tests.test_cli import ROOT as root
    defective = (root / "fixtures" / "reports" / "defective_2021_department.txt").read_bytes()
    for i in range(30):
        (tmp_path / f"r{i}.txt").write_bytes(defective)
    done = subprocess.run([sys.executable, "-m", "checker", "check", "--format", "json", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)  # all of it written (~30 × 10 findings) before the process ended
    assert len({f["path"] for f in findings}) == 30
    missing = subprocess.run([sys.executable, "-m", "checker", "check", str(tmp_path / "none.txt")],
                             capture_output=True, text=True, cwd=ROOT)
    assert missing.returncode == 2 and "none.txt" in missing.stderr
