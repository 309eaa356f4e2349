"""The work of a check grows linearly with the report: doubling a report three times never more than ~doubles it.

    .venv/bin/pytest benchmarks/test_linear.py      (not in the default test run: it times, about a minute)

Every stage that rescans what it found so far (contacts compared with every contact before them, a
heading with every heading before it) makes a long report superlinear: one pasted report of 300 pages
or a folder concatenated into one file then takes minutes. Each report kind is checked at 16, 32, 64
and 128 copies of its body (from 16 on, the fixed costs of a check no longer hide a superlinear part);
the CPU time of read, layout recovery, analysis and check may grow by at most 2.3× per doubling on
average (2× is linear; the rest is noise, which the best of five runs keeps small).
"""

from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest

from checker.config import Overrides
from checker.run import Checker, FileResult

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "fixtures" / "reports"
COPIES = (16, 32, 64, 128)
MAX_GROWTH = 2.3

# A clean and a defective report (findings, their places and excerpts grow with the report too), and
# the flattened and hard-wrapped forms, whose layout is recovered on every doubling.
CASES = ["clean_2021_department.txt", "defective_2021_department.txt", "flattened", "hard-wrapped"]


def _text(case: str) -> str:
    if case.endswith(".txt"):
        return (REPORTS / case).read_text(encoding="utf-8")
    from tests.support import layoutforms

    base = (REPORTS / "defective_2021_department.txt").read_text(encoding="utf-8")
    return layoutforms.flattened(base) if case == "flattened" else layoutforms.hard_wrapped(base)


def _repeated(text: str, times: int, case: str) -> str:
    """The body repeated ``times`` times after the title (a flattened report has its title inside its one
    long line: the whole text is repeated, on lines of its own)."""
    if case == "flattened":
        return "\n".join([text] * times)
    title, _, body = text.partition("\n")
    return title + "\n" + "\n".join([body] * times)


def _seconds(path: Path, checker: Checker) -> float:
    """Best CPU time of what the command line runs for one file (settings, read, layout, analysis, check)."""
    best = float("inf")
    for _ in range(5):
        gc.collect()  # the garbage of the run before is not this run's work
        start = time.process_time()  # CPU time: the work done, which other processes on the machine inflate less
        result = checker.check_file(str(path))
        best = min(best, time.process_time() - start)
        assert isinstance(result, FileResult), result
    return best


@pytest.fixture(scope="module")
def checker():
    return Checker(Overrides(), None, None)


@pytest.mark.parametrize("case", CASES)
def test_doubling_a_report_at_most_doubles_the_work(case, checker, tmp_path):
    text = _text(case)
    _seconds(_write(tmp_path, text, 1, case), checker)  # imports and compiled regexes are not the report's work
    seconds = [_seconds(_write(tmp_path, text, n, case), checker) for n in COPIES]
    # The mean growth per doubling, (t128 / t16) ** (1/3): one noisy middle point (a burst of load elsewhere)
    # cannot fail the test, while a quadratic part (4× per doubling) still does.
    growth = (seconds[-1] / seconds[0]) ** (1 / (len(COPIES) - 1))
    steps = " ".join(f"{b / a:.2f}" for a, b in zip(seconds, seconds[1:]))
    shown = ", ".join(f"{n}: {s * 1000:.0f} ms" for n, s in zip(COPIES, seconds))
    assert growth <= MAX_GROWTH, f"{case}: superlinear, {growth:.2f}× per doubling (steps {steps}; {shown})"


def _write(folder: Path, text: str, times: int, case: str) -> Path:
    path = folder / f"x{times}.txt"
    path.write_text(_repeated(text, times, case), encoding="utf-8")
    return path
