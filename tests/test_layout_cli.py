"""`render` and `extract` read a report through layout recovery, as `check` does."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from checker.cli import main
from tests.support.layoutforms import flattened, hard_wrapped

REPORT = Path(__file__).resolve().parent.parent / "fixtures" / "reports" / "clean_2021_department.txt"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_extract_of_a_flattened_report_gives_the_original_tables(tmp_path):
    flat = tmp_path / "flat.txt"
    flat.write_text(flattened(REPORT.read_text(encoding="utf-8")), encoding="utf-8")
    original, recovered = (json.loads(run("extract", p).stdout) for p in (REPORT, flat))

    def values(data):
        return {t: {(row["key"], c): cell["value"] for row in table["rows"] for c, cell in row["cells"].items()}
                for t, table in data["tables"].items()}

    assert values(original) and values(recovered) == values(original)
    assert (recovered["year"], recovered["era"], recovered["agency"]) == (original["year"], original["era"],
                                                                        original["agency"])


def test_render_numbers_recovered_lines_with_the_files_lines(tmp_path):
    flat = tmp_path / "flat.txt"
    flat.write_text(flattened(REPORT.read_text(encoding="utf-8")), encoding="utf-8")
    lines = run("render", flat).stdout.splitlines()
    assert len(lines) > 20 and all(line.split()[0] == "1" for line in lines)  # one line in the file
    wrapped = tmp_path / "wrapped.txt"
    wrapped.write_text(hard_wrapped(REPORT.read_text(encoding="utf-8")), encoding="utf-8")
    numbers = [int(line.split()[0]) for line in run("render", wrapped).stdout.splitlines()]
    assert numbers == sorted(numbers) and len(numbers) < len(wrapped.read_text(encoding="utf-8").splitlines())
