"""The run layer: one Checker per run (or per worker), the same result serially and in workers, no printing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import checker.run as run
from checker.config import Overrides
from checker.errors import ConfigError, InputError
from checker.run import Checker, expand_paths

REPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "reports"


@pytest.fixture()
def folder(tmp_path):
    for name in ("clean_2021_department", "defective_2021_department", "defective_2019_department"):
        shutil.copy(REPORTS / f"{name}.txt", tmp_path / f"{name}.txt")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01 not a report")
    return tmp_path


def _summary(result):
    return ([f.to_dict() for f in result.findings], [str(e) for e in result.errors], result.checked,
            result.applicable, result.fail_on, [r.code for r in result.rules], result.lang)


def test_serial_and_parallel_results_are_the_same(folder):
    files, errors, _ = expand_paths([str(folder)])
    serial = Checker().run(files, errors, jobs=1)
    parallel = Checker().run(files, errors, jobs=2)
    assert _summary(parallel) == _summary(serial)
    assert serial.checked == 3 and [e.path for e in serial.errors] == [str(folder / "broken.txt")]
    assert serial.fails() and {f.code for f in serial.findings} >= {"P002", "T011"}


def test_jobs_zero_means_one_worker_per_cpu(folder, monkeypatch):
    seen = []
    monkeypatch.setattr(run.os, "cpu_count", lambda: 3)
    monkeypatch.setattr(run, "_in_workers", lambda checker, files, workers, keep: seen.append(workers) or {
        f: checker.check_file(f, keep) for f in files})
    files, _, _ = expand_paths([str(folder)])
    Checker().run(files, jobs=0)
    assert seen == [3]
    Checker().run(files, jobs=1)
    assert seen == [3]  # one job: no workers at all


def test_a_worker_builds_its_configuration_and_rules_once(folder, monkeypatch):
    built = []
    real = run.Resolver
    monkeypatch.setattr(run, "Resolver", lambda *a, **kw: built.append(a) or real(*a, **kw))
    run._start_worker(Overrides(), None, None)
    files, _, _ = expand_paths([str(folder)])
    outcomes = [run._check_in_worker((f, False)) for f in files]
    assert len(built) == 1
    assert [path for path, _ in outcomes] == files
    assert isinstance(dict(outcomes)[str(folder / "broken.txt")], InputError)


def test_documents_are_kept_only_when_asked_and_only_with_findings(folder):
    files, _, _ = expand_paths([str(folder)])
    assert Checker().run(files).documents == {}
    kept = Checker().run(files, keep_documents=True).documents
    assert sorted(Path(p).name for p in kept) == ["defective_2019_department.txt", "defective_2021_department.txt"]


def test_previous_report_is_never_the_file_itself():
    this, last = REPORTS / "clean_2021_department.txt", REPORTS / "clean_2022_department.txt"
    checker = Checker(Overrides(select=("T03",)), previous=str(last))
    assert checker.previous is not None and checker.previous.facts.year == 2022
    assert checker.previous_for(str(last)) is None
    assert checker.previous_for(str(this)) is checker.previous


def test_a_broken_configuration_is_raised_not_printed(tmp_path, capsys):
    (tmp_path / ".ogi-check.yaml").write_text("fail-on: fatal\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    shutil.copy(REPORTS / "clean_2021_department.txt", report)
    with pytest.raises(ConfigError):
        Checker().run([str(report)])
    assert capsys.readouterr() == ("", "")


def test_expand_paths_reports_an_empty_folder(tmp_path):
    files, errors, _ = expand_paths([str(tmp_path)])
    assert files == [] and [e.path for e in errors] == [str(tmp_path)]


def test_report_like_files_that_cannot_be_read_are_named(tmp_path):
    shutil.copy(REPORTS / "clean_2021_department.txt", tmp_path / "a.txt")
    (tmp_path / "b.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.wps").write_bytes(b"wps")
    (tmp_path / "~$lock.doc").write_bytes(b"lock")
    (tmp_path / "notes.xlsx").write_bytes(b"not report-like")
    files, errors, _ = expand_paths([str(tmp_path)])
    assert files == [str(tmp_path / "a.txt")]
    assert [(Path(e.path).name, "另存为 .docx" in e.reason) for e in errors] == [("b.doc", True), ("c.wps", True)]


def test_cli_never_says_no_problems_when_a_file_was_not_checked(tmp_path):
    from click.testing import CliRunner

    from checker.cli import main

    shutil.copy(REPORTS / "clean_2021_department.txt", tmp_path / "a.txt")
    (tmp_path / "b.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"{tmp_path / 'b.doc'}: error: " + run.UNREADABLE_REPORT_KINDS[".doc"]]
    summary = result.stdout.strip().splitlines()[-1]
    assert "未发现问题" not in summary and "另有 1 个文件未能检查" in summary and "检查了 1 个文件" in summary
    english = CliRunner().invoke(main, ["check", "--lang", "en", str(tmp_path)])
    assert "1 more file(s) could not be checked" in english.stdout and "No problems" not in english.stdout
    single = CliRunner().invoke(main, ["check", str(tmp_path / "b.doc")])
    assert single.exit_code == 2 and "另存为 .docx" in single.stderr


# --- one report saved in two forms beside each other --------------------------------------------------------

def test_a_folder_with_one_report_in_two_forms_checks_it_once(tmp_path):
    """The published PDF beside its Word source, a web page beside its Markdown: one report, checked once, in
    the form closest to the source (.docx > .md > .txt > .html > .pdf); each file passed over is named."""
    for name in ("报告.docx", "报告.pdf", "b.html", "b.md", "sub/报告.txt", "c.htm", "c.pdf", "d.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    files, errors, skipped = expand_paths([str(tmp_path)])
    assert errors == []
    assert sorted(Path(f).relative_to(tmp_path).as_posix() for f in files) == [
        "b.md", "c.htm", "d.txt", "sub/报告.txt", "报告.docx"]  # another folder: another report
    assert sorted((Path(s.path).name, Path(s.kept).name) for s in skipped) == [
        ("b.html", "b.md"), ("c.pdf", "c.htm"), ("报告.pdf", "报告.docx")]
    note = next(str(s) for s in skipped if s.path.endswith("报告.pdf"))
    assert note == f"{tmp_path / '报告.pdf'}: 跳过 报告.pdf：与 报告.docx 同名，视为同一报告；单独检查请直接给出文件名"


def test_files_named_on_the_command_line_are_never_passed_over(tmp_path):
    for name in ("报告.docx", "报告.pdf"):
        (tmp_path / name).write_bytes(b"x")
    files, errors, skipped = expand_paths([str(tmp_path / "报告.pdf"), str(tmp_path / "报告.docx")])
    assert files == [str(tmp_path / "报告.pdf"), str(tmp_path / "报告.docx")] and errors == [] and skipped == []


def test_the_command_line_names_what_it_passed_over_and_exits_as_before(tmp_path):
    from click.testing import CliRunner

    from checker.cli import main

    shutil.copy(REPORTS / "defective_2021_department.txt", tmp_path / "报告.txt")
    shutil.copy(REPORTS / "defective_2021_department.txt", tmp_path / "报告.md")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path)])
    alone = CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path / "报告.md")])
    assert result.exit_code == alone.exit_code == 1, result.output  # an info line, not an error
    assert result.stderr.splitlines() == [
        f"{tmp_path / '报告.txt'}: 跳过 报告.txt：与 报告.md 同名，视为同一报告；单独检查请直接给出文件名"]
    assert result.stdout == alone.stdout  # the findings of one report, not twice
    diff = CliRunner().invoke(main, ["check", "--diff", str(tmp_path)])
    assert diff.exit_code == 1 and "跳过 报告.txt" in diff.stderr and str(tmp_path / "报告.txt") not in diff.stdout


# -- names of paths without pathlib (checker/files.py: the cold path does not import it)

from pathlib import PurePath  # noqa: E402

from hypothesis import given, strategies as st  # noqa: E402

from checker.files import name_of, suffix_of  # noqa: E402


@given(st.lists(st.sampled_from(["a", "b", ".", "..", "/", "//", ".txt", "TXT", ".", "报告", " ", "~$x"]),
                max_size=8).map("".join))
def test_names_and_suffixes_of_paths_are_pathlibs(path):
    assert (name_of(path), suffix_of(path)) == (PurePath(path).name, PurePath(path).suffix)
