"""Instructions executed by a cold check, counted by valgrind (callgrind): the same count on a busy machine.

    python benchmarks/instructions.py                 this source tree, with this interpreter
    python benchmarks/instructions.py --tree DIR      another checkout (an old commit: git worktree add DIR REV)
    python benchmarks/instructions.py --python P      an installed ogi-check (P: that venv's python)

Wall time on a shared two-core machine moves ±25 % between runs of the same code; an instruction count moves
by a few parts in a thousand, so one run tells whether a change made start-up cheaper. It is not the issue's
figure (that is wall time, `benchmarks/run.py`): instructions leave out page faults and cache misses, so the
ratio of two counts is a little larger than the ratio of their times (on this machine a cold check's wall time
was 0.24 ms per million instructions, `python -c pass` 0.35). Needs `valgrind` (Debian's package); each line
takes a few seconds.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "fixtures" / "reports" / "clean_2021_department.txt"


def instructions(command: list[str], env: dict[str, str], cwd: Path) -> int:
    """Instructions the command executed, children excluded (callgrind's 'Collected')."""
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
                          env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        sys.exit(f"valgrind gave no count for {' '.join(command)}: {done.stderr[-400:]}")
    return int(found.group(1))


def tmp_cwd() -> str:
    return tempfile.gettempdir()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", type=Path, help="the python of a venv where ogi-check is installed")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout measured (default: this one)")
    options = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt install valgrind)")
    python = str(options.python or sys.executable)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "OGI_CHECK_NO_CACHE")}
    if options.python is None:
        env["PYTHONPATH"] = str(options.tree.resolve())
    with tempfile.TemporaryDirectory(prefix="ogi-instr-") as tmp:
        folder = Path(tmp)
        env["OGI_CHECK_CACHE_DIR"] = str(folder / "cache")
        one = folder / "one" / "r0.txt"
        one.parent.mkdir()
        one.write_bytes(BASE.read_bytes())
        ten = folder / "ten"
        ten.mkdir()
        for i in range(10):
            (ten / f"r{i}.txt").write_bytes(BASE.read_bytes())
        check = [python, "-m", "checker", "check", "--format", "json"]
        # Run from the temporary folder: `python -m` puts the working directory first on the path, and a
        # checkout there would be imported instead of the tree or install measured.
        subprocess.run([*check, str(one)], env=env, cwd=folder, stdout=subprocess.DEVNULL)  # fills the rule cache
        rows = {
            "python -c pass": instructions([python, "-c", "pass"], env, folder),
            "python -c 'import click'": instructions([python, "-c", "import click"], env, folder),
            "ogi-check --version": instructions([python, "-m", "checker", "--version"], env, folder),
            "cold check of one .txt": instructions([*check, str(one)], env, folder),
            # The ten files named, not their folder: expanding a folder imports pathlib (~16 M, once a run),
            # which is no part of one more report's cost (benchmarks/run.py's batches of 300 spread it thin).
            "check of ten .txt": instructions([*check, *sorted(str(p) for p in ten.iterdir())], env, folder),
        }
    where = subprocess.run([python, "-c", "import checker; print(checker.__file__)"], env=env, cwd=tmp_cwd(),
                           capture_output=True, text=True).stdout.strip()
    print(f"ogi-check measured: {where}")
    bare = rows["python -c pass"]
    for name, count in rows.items():
        print(f"{name:<28} {count / 1e6:8.1f} M  {count / bare:5.1f}× python -c pass")
    per_report = (rows["check of ten .txt"] - rows["cold check of one .txt"]) / 9
    print(f"{'one more .txt report':<28} {per_report / 1e6:8.1f} M  {per_report / bare:5.2f}× python -c pass")


if __name__ == "__main__":
    main()
