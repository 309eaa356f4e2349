"""Nothing the user gave is overwritten, every output is written whole or not at all, and every file
read besides the reports is a regular file of bounded size (issue 11, items 3, 4 and 7)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main

REPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "reports"
SAMPLE_DOCX = Path(__file__).resolve().parent.parent / "examples" / "sample_report_2023.docx"


def run(*args, **kw):
    return CliRunner().invoke(main, [str(a) for a in args], **kw)


@pytest.fixture()
def report(tmp_path):
    path = tmp_path / "r.txt"
    shutil.copy(REPORTS / "defective_2021_department.txt", path)
    return path


def _refused(result, what: Path):
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "不会写入" in lines[0], lines


@pytest.mark.parametrize("link", ["hard", "symbolic"])
def test_output_that_is_the_input_through_a_link(report, tmp_path, link):
    before = report.read_bytes()
    alias = tmp_path / "alias.txt"
    (os.link if link == "hard" else os.symlink)(report, alias)
    _refused(run("check", "-o", alias, report), report)
    assert report.read_bytes() == before


def test_write_baseline_over_the_report(report):
    before = report.read_bytes()
    _refused(run("check", "--write-baseline", report, report), report)
    assert report.read_bytes() == before


def test_output_over_last_years_report_or_the_config(report, tmp_path):
    last = tmp_path / "2022.txt"
    shutil.copy(REPORTS / "clean_2022_department.txt", last)
    before = last.read_bytes()
    _refused(run("check", "--previous", last, "-o", last, report), last)
    assert last.read_bytes() == before
    config = tmp_path / "cfg.yaml"
    config.write_text("fail-on: error\n", encoding="utf-8")
    _refused(run("check", "--config", config, "-o", config, report), config)
    assert config.read_text(encoding="utf-8") == "fail-on: error\n"


def test_annotate_over_a_hard_link_to_its_input(tmp_path):
    src = tmp_path / "in.docx"
    shutil.copy(SAMPLE_DOCX, src)
    before = src.read_bytes()
    alias = tmp_path / "out.docx"
    os.link(src, alias)
    _refused(run("annotate", src, "-o", alias), src)
    assert src.read_bytes() == before


def test_a_dangling_symbolic_link_is_not_followed(report, tmp_path):
    target = tmp_path / "nowhere" / "out.json"
    dangling = tmp_path / "out.json"
    os.symlink(target, dangling)
    result = run("check", "--format", "json", "-o", dangling, report)
    assert result.exit_code == 2 and "链接" in result.stderr
    assert not target.exists() and not target.parent.exists()


def test_a_failed_write_leaves_no_file(report, tmp_path):
    result = run("check", "--format", "json", "-o", tmp_path / "no-such-folder" / "report.json", report)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (tmp_path / "no-such-folder").exists()


def test_a_write_that_fails_half_way_keeps_the_old_file_and_no_temporary(report, tmp_path, monkeypatch):
    import checker.files as files

    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")

    def fail(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", fail)
    result = run("check", "--format", "json", "-o", out, report)
    assert result.exit_code == 2 and "No space left" in result.stderr
    assert out.read_text(encoding="utf-8") == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "r.txt"]


def test_an_output_is_replaced_whole(report, tmp_path):
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    os.chmod(out, 0o640)
    assert run("check", "--format", "json", "-o", out, report).exit_code == 1
    assert out.read_text(encoding="utf-8").startswith("[") and (out.stat().st_mode & 0o777) == 0o640


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])  # a folder: click's own usage error
def test_side_files_must_be_regular(report, tmp_path, special):
    path = Path(special) if special.startswith("/") else tmp_path / special
    if special == "fifo":
        os.mkfifo(path)
    elif special == "folder":
        path.mkdir()
    for option in ("--baseline", "--config"):
        result = run("check", option, path, report)
        assert result.exit_code == 2, (option, result.output)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_a_rule_file_linked_to_a_fifo(report, tmp_path):
    rules = tmp_path / "myrules" / "Z"
    rules.mkdir(parents=True)
    os.mkfifo(tmp_path / "pipe")
    os.symlink(tmp_path / "pipe", rules / "Z001.yaml")
    (tmp_path / ".ogi-check.yaml").write_text("rule-dirs: [myrules]\n", encoding="utf-8")
    shutil.copy(report, tmp_path / "r2.txt")
    result = run("check", tmp_path / "r2.txt")
    assert result.exit_code == 2 and "Z001.yaml" in result.stderr and "FIFO" in result.stderr


def test_a_full_stdout_is_one_line_and_exit_2(report):
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "checker", "check", str(report)], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_init_refuses_a_dangling_link(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.symlink(tmp_path / "elsewhere" / "x.yaml", tmp_path / ".ogi-check.yaml")
    result = run("init")
    assert result.exit_code == 2 and not (tmp_path / "elsewhere").exists()
    forced = run("init", "--force")
    assert forced.exit_code == 2 and "链接" in forced.stderr and not (tmp_path / "elsewhere").exists()
