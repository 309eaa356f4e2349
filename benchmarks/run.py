"""Speed and memory of ogi-check as installed from its wheel, each figure beside its target, in one run."""

# python benchmarks/run.py            builds the wheel, installs it into a temporary venv, about 3 minutes on 2 cores
# python benchmarks/run.py --quick    fewer repetitions and smaller batches, for a smoke test
# python benchmarks/run.py --python /path/to/venv/bin/python    measure an existing install instead
#
# What is measured is what users run: `pip wheel` builds the wheel offline (hatchling from this environment,
# no build isolation), it is installed with its bytecode into a fresh venv whose only other path is this
# environment's site-packages (for click, PyYAML, lxml …; not the source tree), and every command is that
# venv's `ogi-check` console script. Ratios are taken against `python -c pass` of the same interpreter,
# timed in the same run, interleaved with the command, so a busy machine inflates both.
# Exit status 1 when a target is missed.

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
FIXTURES = ROOT / "fixtures" / "reports"
BASE = FIXTURES / "clean_2021_department.txt"
DEFECTIVE = FIXTURES / "defective_2021_department.txt"


# --- the installation measured ---------------------------------------------------------------------------

def install_wheel(folder: Path) -> Path:
    """Build the wheel of this checkout and install it into a new venv under ``folder``; its python."""
    wheels = folder / "wheel"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(wheels), str(ROOT)], check=True, capture_output=True)
    wheel = next(wheels.glob("ogi_check-*.whl"))
    venv = folder / "venv"
    base_python = os.path.realpath(sys.executable)  # a venv's python links to the interpreter it was made from
    subprocess.run([base_python, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    # This environment's site-packages as a plain path line: its own .pth files (an editable install of
    # this checkout) are not processed, so `import checker` finds the wheel only.
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site) / "ogi_bench_deps.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q",
                    str(wheel)], check=True, capture_output=True)
    return python


def console_script(python: Path) -> Path:
    return python.parent / ("ogi-check.exe" if os.name == "nt" else "ogi-check")


class Runner:
    """Runs the installed command (and the in-process worker) with the source tree off the path, and the
    rule cache in the run's own folder (filled by the first run, as on any machine after one run)."""

    def __init__(self, python: Path, folder: Path) -> None:
        self.python = python
        self.ogi = console_script(python)
        self.env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "OGI_CHECK_NO_CACHE")}
        self.env["OGI_CHECK_CACHE_DIR"] = str(folder / "cache")
        self.cwd = folder
        where = self.worker("layout", str(BASE), "1")["checker"]
        if Path(where).resolve().is_relative_to(ROOT):
            sys.exit(f"the measured interpreter imports checker from the source tree ({where}), not an install")
        self.where = where

    def check(self, *args: str) -> list[str]:
        return [str(self.ogi), "check", "--format", "json", *args]

    def seconds(self, cmd: list[str]) -> float:
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=self.cwd, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
        return elapsed

    def best(self, repeat: int, *cmds: list[str]) -> list[float]:
        """Best wall time of each command, the commands interleaved so that load elsewhere hits all alike."""
        best = [float("inf")] * len(cmds)
        for _ in range(repeat):
            for i, cmd in enumerate(cmds):
                best[i] = min(best[i], self.seconds(cmd))
        return best

    def output(self, cmd: list[str]) -> bytes:
        done = subprocess.run(cmd, cwd=self.cwd, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
        return done.stdout

    def peak_rss_mb(self, cmd: list[str]) -> float:
        """Peak resident memory of one child process (wait4 reports that child alone)."""
        proc = subprocess.Popen(cmd, cwd=self.cwd, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            sys.exit(f"{' '.join(cmd)} failed")
        return usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)  # bytes on macOS, KB on Linux

    def worker(self, *args: str, **env: str) -> dict:
        done = subprocess.run([str(self.python), str(HERE / "inprocess.py"), *args], cwd=self.cwd,
                              env={**self.env, **env}, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"benchmarks/inprocess.py {' '.join(args)} failed: {done.stderr[-800:]}")
        return json.loads(done.stdout)


UNLIMITED = {"OGI_CHECK_MAX_CHARS": "1000000000", "OGI_CHECK_MAX_BLOCKS": "1000000000",
             "OGI_CHECK_MAX_DOCUMENT_CELLS": "1000000000", "OGI_CHECK_MAX_TABLE_CELLS": "1000000000",
             "OGI_CHECK_RULE_BUDGET": "100000"}


# --- inputs ----------------------------------------------------------------------------------------------

def batch(folder: Path, name: str, data: bytes, count: int) -> Path:
    sub = folder / f"{name}-{count}"
    sub.mkdir()
    for i in range(count):
        (sub / f"r{i:04d}{Path(name).suffix}").write_bytes(data)
    return sub


def repeated_body(text: str, times: int) -> str:
    title, _, body = text.partition("\n")
    return title + "\n" + "\n".join([body] * times)


# --- the figures -----------------------------------------------------------------------------------------

Row = tuple[str, str, str, float]  # figure, measured, target, measured/target (NaN: information only)


# The issue's targets for the cost of one more report are in milliseconds, set on a machine where `python -c
# pass` took 8–9 ms. Machines differ (this one may be twice as slow, or loaded by others), so each marginal cost
# is also taken as a multiple of `python -c pass` timed in the same rounds, and judged as that multiple against
# the target's (3 ms / 8.5 ms = 0.35×): the ratio, not the milliseconds, is what a faster or slower machine keeps.
ISSUE_PASS_MS = 8.5

# A fixed piece of pure-Python work (strings, dict stores, a loop: what a check does), timed against `python -c
# pass` for information. Machines differ in that ratio: where the CPU is slower against process start-up, every
# CPU-bound figure (a marginal cost, the cold check's work after start-up) is a larger multiple of `python -c pass`
# for the same code. Runs on two machines compare when this row is alike.
REFERENCE_WORK = "d = {}\nfor i in range(100_000):\n    s = str(i)\n    d[s] = s.find('7')"


def marginal_row(run: Runner, folder: Path, name: str, label: str, data: bytes, size: int, repeat: int,
                 target_ms: float) -> Row:
    """One CLI process over ``size`` copies against one copy: the difference over size-1 is the cost of
    one more report (start-up and rule loading cancel out). The batch stays in ``folder``/many-``name``."""
    one, many = batch(folder, f"one-{name}", data, 1), batch(folder, f"many-{name}", data, size)
    bare_cmd = [str(run.python), "-c", "pass"]  # three times a round: its best is the steadiest (and the strictest)
    *bares, t1, tn = run.best(repeat, bare_cmd, bare_cmd, bare_cmd, run.check(str(one)), run.check(str(many)))
    bare = min(bares)
    marginal = (tn - t1) / (size - 1)
    measured = f"{marginal * 1000:.1f} ms = {marginal / bare:.2f}× python -c pass ({bare * 1000:.1f} ms)"
    if target_ms != target_ms:  # information only
        return (f"marginal cost a {label} (CLI, {size} vs 1)", measured, "-", float("nan"))
    target_ratio = target_ms / ISSUE_PASS_MS
    return (f"marginal cost a {label} (CLI, {size} vs 1)", measured, f"≤ {target_ms:g} ms at 8.5 ms = {target_ratio:.2f}×",
            marginal / bare / target_ratio)


def pdf_row(run: Runner, folder: Path, text: str, count: int, repeat: int) -> Row:
    from tests.support import pdfs

    if pdfs.soffice() is None:
        return ("marginal cost a .pdf page (CLI)", "skipped: LibreOffice (soffice) is not installed", "≤ 25 ms",
                float("nan"))
    pdf = pdfs.cached_pdfs({"bench": pdfs.word_docx_bytes(text)})["bench"]
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    pages = len(document)
    document.close()
    one, many = batch(folder, "one.pdf", pdf.read_bytes(), 1), batch(folder, "many.pdf", pdf.read_bytes(), count)
    t1, tn = run.best(repeat, run.check(str(one)), run.check(str(many)))
    per_page = (tn - t1) / (count - 1) / pages * 1000
    return (f"marginal cost a .pdf page (CLI, {count} vs 1 reports of {pages} pages)", f"{per_page:.1f} ms",
            "≤ 25 ms", per_page / 25)


def jobs_row(run: Runner, folder: Path, text: str, count: int, repeat: int) -> Row:
    """Wall time of ``--jobs 2`` over ``--jobs 1`` (a worker builds its configuration and rules once, so the
    ratio tends to 1/2 on two idle cores)."""
    many = batch(folder, "jobs.txt", text.encode("utf-8"), count)
    serial, parallel = run.check(str(many), "--jobs", "1"), run.check(str(many), "--jobs", "2")
    if run.output(serial) != run.output(parallel):
        sys.exit("--jobs 2 does not print what --jobs 1 prints")
    t1, t2 = run.best(repeat, serial, parallel)
    return (f"--jobs 2 against --jobs 1, {count} .txt reports (CLI)", f"{t2:.1f} s / {t1:.1f} s = {t2 / t1:.2f}",
            "≤ 0.6", t2 / t1 / 0.6)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, smaller batches")
    parser.add_argument("--python", type=Path, help="measure the ogi-check installed for this interpreter")
    options = parser.parse_args()
    quick = options.quick
    runs, size, memory_batch, longer = (5, 100, 300, 100) if quick else (15, 300, 1000, 1000)
    jobs_batch = 400 if quick else 2000
    sys.path.insert(0, str(ROOT))  # tests.support makes the .docx, .html and .pdf inputs (this process only)
    from tests.support.convert import to_docx_bytes, to_html

    text = BASE.read_text(encoding="utf-8")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="ogi-bench-") as tmp:
        folder = Path(tmp)
        python = options.python or install_wheel(folder)
        run = Runner(python, folder)
        one_txt = batch(folder, "one.txt", text.encode("utf-8"), 1) / "r0000.txt"

        # Cold start: the rule cache is filled by the first run.
        run.seconds(run.check(str(one_txt)))
        bare, cold = run.best(runs * 2, [str(python), "-c", "pass"], run.check(str(one_txt)))
        rows.append(("cold check of one .txt report (CLI)", f"{cold * 1000:.0f} ms = {cold / bare:.1f}× python -c pass "
                     f"({bare * 1000:.1f} ms)", "≤ 8×", cold / bare / 8))
        env_off = dict(run.env, OGI_CHECK_NO_CACHE="1")
        start = time.perf_counter()
        subprocess.run(run.check(str(one_txt)), cwd=folder, env=env_off, stdout=subprocess.DEVNULL)
        uncached = time.perf_counter() - start
        rows.append(("  same, rule cache off (information)", f"{uncached * 1000:.0f} ms = {uncached / bare:.1f}×", "-",
                     float("nan")))
        bare, work = run.best(runs, [str(python), "-c", "pass"], [str(python), "-c", REFERENCE_WORK])
        rows.append(("  the machine: fixed pure-Python work (information)", f"{(work - bare) * 1000:.0f} ms = "
                     f"{(work - bare) / bare:.1f}× python -c pass", "-", float("nan")))

        # Throughput: the marginal cost of one more report in a batch, per input kind.
        repeat = max(3, runs // 3)
        rows.append(marginal_row(run, folder, "base.txt", ".txt report", text.encode("utf-8"), size, repeat, 3.0))
        rows.append(marginal_row(run, folder, "defective.txt", "defective .txt report (information)",
                                 DEFECTIVE.read_bytes(), size, repeat, float("nan")))
        rows.append(marginal_row(run, folder, "base.docx", ".docx report", to_docx_bytes(text), size, repeat, 8.0))
        rows.append(marginal_row(run, folder, "base.html", ".html report", to_html(text).encode("utf-8"), size, repeat,
                                 5.0))
        rows.append(pdf_row(run, folder, text, 15 if quick else 40, repeat))

        # Scaling, in process (read, layout, analysis, check; CPU time): the same report many times longer.
        short, long_ = folder / "short.txt", folder / "long.txt"
        short.write_text(text, encoding="utf-8")
        long_.write_text(repeated_body(text, longer), encoding="utf-8")
        # The limits that refuse hostile inputs (5 million characters, 100,000 blocks, 200,000 cells, 2 s a pattern
        # rule) would cut a report 1,000× longer short: raised here, so that all of its work is measured.
        scaled = run.worker("scaling", str(short), str(long_), str(runs * 2), **UNLIMITED)
        times = scaled["long"] / scaled["short"]
        rows.append((f"a report {longer:,}× longer (in process)", f"{times:,.0f}× the work "
                     f"({scaled['short'] * 1000:.1f} ms → {scaled['long']:.2f} s)", f"≤ {longer:,}×", times / longer))
        long_.unlink()
        # Growth per doubling: the body repeated 8, 16, 32, 64 times (benchmarks/test_linear.py asserts it).
        doubled = run.worker("doubling", str(short), "8", "16", "32", "64", **UNLIMITED)["seconds"]
        steps = [doubled[str(b)] / doubled[str(a)] for a, b in ((8, 16), (16, 32), (32, 64))]
        mean = (doubled["64"] / doubled["8"]) ** (1 / 3)
        rows.append(("growth of the work per doubling of a report (8→64 copies, in process)",
                     f"{mean:.2f} (steps {' '.join(f'{s:.2f}' for s in steps)})", "≤ 2.3", mean / 2.3))

        # Layout recovery on the well-formed base report: the evidence it measures to leave it as it is.
        recovery = run.worker("layout", str(BASE), str(runs))["seconds"] * 1000
        rows.append(("layout recovery, base report left as it is (in process)", f"{recovery:.2f} ms", "≤ 1 ms",
                     recovery / 1.0))

        # Memory: peak RSS of one CLI process over a batch of .txt reports (and, for information, .docx).
        rss = run.peak_rss_mb(run.check(str(batch(folder, "mem.txt", text.encode("utf-8"), memory_batch))))
        rows.append((f"peak memory over {memory_batch:,} .txt reports (CLI)", f"{rss:.0f} MB", "≤ 150 MB", rss / 150))
        rss_docx = run.peak_rss_mb(run.check(str(folder / f"many-base.docx-{size}")))
        rows.append((f"  peak memory over {size} .docx reports (information)", f"{rss_docx:.0f} MB", "-", float("nan")))

        # --jobs: the same batch with two worker processes against one process, output byte-identical.
        rows.append(jobs_row(run, folder, text, jobs_batch, max(1, runs // 5)))

    print(f"ogi-check benchmarks — wheel installed in a temporary venv ({run.where}), Python "
          f"{sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, "
          f"base report {BASE.name}")
    width = max(len(r[0]) for r in rows)
    mwidth = max(len(r[1]) for r in rows)
    twidth = max(len(r[2]) for r in rows)
    print(f"{'figure':<{width}}  {'measured':<{mwidth}}  {'target':<{twidth}} ratio")
    missed = False
    for name, measured, target, ratio in rows:
        verdict = "" if ratio != ratio else ("  PASS" if ratio <= 1 else "  FAIL")
        missed |= verdict == "  FAIL"
        shown = "" if ratio != ratio else f"{ratio:.2f}"
        print(f"{name:<{width}}  {measured:<{mwidth}}  {target:<{twidth}} {shown}{verdict}")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
