"""The console script (checker/console.py): the command line, with start-up run without the collector."""

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
        console.main()
    assert stopped.value.code == 0
    assert json.loads(capsys.readouterr().out) == []  # the clean report: no findings
    assert gc.isenabled()  # the reports' own cycles are still collected
    assert gc.get_freeze_count() > 0  # what start-up made is out of the collections' way


def test_a_collector_that_was_off_stays_off(monkeypatch, restored_collector):
    gc.disable()
    monkeypatch.setattr(sys, "argv", ["ogi-check", "--version"])
    with pytest.raises(SystemExit):
        console.main()
    assert not gc.isenabled()


def test_python_dash_m_checker_is_the_same_command():
    done = subprocess.run([sys.executable, "-m", "checker", "check", "--format", "json", str(CLEAN)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
