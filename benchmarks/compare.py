"""Two checkouts of ogi-check side by side, interleaved in one run: did a change make it faster?

    python benchmarks/compare.py OLD_TREE NEW_TREE [--rounds 15] [--copies 300]

Each tree runs as ``python -m checker`` from its own folder, with its bytecode kept in a folder of its own
(PYTHONPYCACHEPREFIX, as a wheel install has it compiled) and one rule cache per tree. For every figure the
old and the new command alternate, round after round, and the best time of each is kept: load from other
processes hits both alike, so the ratio new/old is what to read (a busy machine inflates both times). An old
tree is made with ``git worktree add /tmp/base HEAD`` (no change to the checkout); remove it with
``git worktree remove /tmp/base``. ``benchmarks/run.py`` measures one wheel install against the targets.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "fixtures" / "reports" / "clean_2021_department.txt"


def command_env(tree: Path, work: Path, name: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(tree), PYTHONPYCACHEPREFIX=str(work / f"pycache-{name}"),
               OGI_CHECK_CACHE_DIR=str(work / f"rules-{name}"))
    return env


def best_times(commands: dict[str, tuple[list[str], dict[str, str], Path]], rounds: int) -> dict[str, float]:
    best = {name: float("inf") for name in commands}
    for _ in range(rounds):
        for name, (argv, env, cwd) in commands.items():
            start = time.perf_counter()
            subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--copies", type=int, default=300)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.support.convert import to_docx_bytes, to_html

    text = BASE.read_text(encoding="utf-8")
    work = Path(tempfile.mkdtemp(prefix="ogi-compare-"))
    try:
        reports = {".txt": text.encode("utf-8"), ".docx": to_docx_bytes(text),
                   ".html": to_html(text).encode("utf-8")}
        for suffix, data in reports.items():
            for count in (1, args.copies):
                folder = work / f"{suffix[1:]}-{count}"
                folder.mkdir()
                for i in range(count):
                    (folder / f"r{i:04d}{suffix}").write_bytes(data)
        trees = {"old": args.old.resolve(), "new": args.new.resolve()}
        python = sys.executable

        def check(name: str, target: Path) -> tuple[list[str], dict[str, str], Path]:
            return ([python, "-m", "checker", "check", "--exit-zero", "-q", str(target)],
                    command_env(trees[name], work, name), trees[name])

        for name in trees:  # fill each tree's bytecode and rule cache: what a second run finds
            subprocess.run(check(name, BASE)[0], env=check(name, BASE)[1], cwd=trees[name],
                           stdout=subprocess.DEVNULL, check=False)
        cold = best_times({"pass": ([python, "-c", "pass"], dict(os.environ), ROOT),
                           "old": check("old", BASE), "new": check("new", BASE)}, args.rounds)
        print(f"cold check of one .txt: old {cold['old'] * 1000:.1f} ms = {cold['old'] / cold['pass']:.1f}×, "
              f"new {cold['new'] * 1000:.1f} ms = {cold['new'] / cold['pass']:.1f}× python -c pass "
              f"({cold['pass'] * 1000:.1f} ms); new/old {cold['new'] / cold['old']:.2f}")
        for suffix in reports:
            one, many = work / f"{suffix[1:]}-1", work / f"{suffix[1:]}-{args.copies}"
            times = best_times({f"{n}-{k}": check(n, folder) for n in trees
                                for k, folder in (("1", one), ("n", many))}, max(3, args.rounds // 5))
            cost = {n: (times[f"{n}-n"] - times[f"{n}-1"]) / (args.copies - 1) * 1000 for n in trees}
            print(f"marginal cost a {suffix} report ({args.copies} vs 1): old {cost['old']:.2f} ms, "
                  f"new {cost['new']:.2f} ms; new/old {cost['new'] / cost['old']:.2f}")
        print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}, {os.cpu_count()} CPUs")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
