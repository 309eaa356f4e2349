"""In-process measurements of ogi-check, run by benchmarks/run.py inside the interpreter it measures.

    python benchmarks/inprocess.py scaling SHORT LONG REPEAT      read + analyse + check, best CPU seconds
    python benchmarks/inprocess.py doubling BASE COPIES...        the same for the report body repeated
    python benchmarks/inprocess.py layout FILE REPEAT             layout recovery of a well-formed report

Each prints one JSON object. It imports ``checker`` from wherever the running interpreter finds it (the
wheel installed by run.py), never from the source tree: nothing here puts the repository on sys.path.
"""

from __future__ import annotations

import gc
import json
import sys
import tempfile
import time
from pathlib import Path


def checker():
    """What the command line runs for each file (checker/run.py: settings, read, layout, analysis, check)."""
    from checker.config import Overrides
    from checker.run import Checker

    return Checker(Overrides(), None, None)


def check_seconds(path: Path, run, repeat: int) -> float:
    """Best CPU time of ``Checker.check_file`` on one file (no start-up, no output). CPU time, not wall
    time: the work done, which a busy machine does not inflate as much."""
    from checker.run import FileResult

    best = float("inf")
    for _ in range(repeat):
        gc.collect()  # the garbage of the run before is not this run's work
        start = time.process_time()
        result = run.check_file(str(path))
        best = min(best, time.process_time() - start)
        if not isinstance(result, FileResult):
            raise SystemExit(f"{path}: {result}")
    return best


def repeated_body(text: str, times: int) -> str:
    """The report with everything after its title repeated: the same mix of prose and tables, longer."""
    title, _, body = text.partition("\n")
    return title + "\n" + "\n".join([body] * times)


def scaling(short: str, long_: str, repeat: str) -> dict:
    run = checker()
    check_seconds(Path(short), run, 2)  # imports and compiled regexes: not the work of a longer report
    t_short = check_seconds(Path(short), run, int(repeat))
    t_long = check_seconds(Path(long_), run, max(1, int(repeat) // 10))
    return {"short": t_short, "long": t_long}


def doubling(base: str, *copies: str) -> dict:
    run = checker()
    text = Path(base).read_text(encoding="utf-8")
    folder = Path(tempfile.mkdtemp(prefix="ogi-doubling-"))
    check_seconds(Path(base), run, 2)
    seconds = {}
    for n in map(int, copies):
        path = folder / f"x{n}.txt"
        path.write_text(repeated_body(text, n), encoding="utf-8")
        seconds[n] = check_seconds(path, run, 5)
        path.unlink()
    folder.rmdir()
    return {"seconds": seconds}


def layout(path: str, repeat: str) -> dict:
    from checker.layout import recover
    from checker.readers import read_document

    doc = read_document(path)
    best = float("inf")
    for _ in range(int(repeat)):
        start = time.perf_counter()
        for _ in range(200):
            recover(doc)
        best = min(best, (time.perf_counter() - start) / 200)
    return {"seconds": best}


def main() -> None:
    import checker

    what, *args = sys.argv[1:]
    result = {"scaling": scaling, "doubling": doubling, "layout": layout}[what](*args)
    result["checker"] = checker.__file__
    print(json.dumps(result))


if __name__ == "__main__":
    main()
