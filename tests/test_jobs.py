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
