"""Speed and memory of ogi-check against its targets, each figure beside its target as a ratio."""

# python benchmarks/run.py            about a minute and a half on 2 cores
# python benchmarks/run.py --quick    fewer repetitions and smaller batches, for a smoke test
# All figures come from this one run on this machine: the baseline of the cold start (python -c pass) is
# timed next to it, and a ratio ≤ 1.00 in the last column means the target is met.

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
sys.path.insert(0, str(ROOT))


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "checker", "check", "--format", "json", *args]


def env(**extra: str) -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


def timed(cmd: list[str], **extra: str) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env(**extra), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def best(n: int, cmd: list[str], **extra: str) -> float:
    return min(timed(cmd, **extra) for _ in range(n))


def peak_rss_mb(cmd: list[str]) -> float:
    """Peak resident memory of one child process (wait4 reports that child alone, not all children so far)."""
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode})")
    return usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)  # bytes on macOS, KB on Linux


def batch(folder: Path, name: str, data: bytes, count: int) -> Path:
    sub = folder / f"{name}-{count}"
    sub.mkdir()
    for i in range(count):
        (sub / f"r{i:04d}{Path(name).suffix}").write_bytes(data)
    return sub


def longer(text: str, times: int) -> str:
    """The report with everything after its title repeated: the same mix of prose and tables, longer."""
    title, _, body = text.partition("\n")
    return title + "\n" + "\n".join([body] * times)


def in_process_seconds(path: Path, rules, repeat: int) -> float:
    return min(_once(path, rules) for _ in range(repeat))


def _once(path, rules) -> float:
    from checker.analysis import analyse
    from checker.engine import check_report
    from checker.readers import read_document

    start = time.perf_counter()
    check_report(analyse(read_document(str(path))), rules)
    return time.perf_counter() - start


def timeit(call, count: int) -> float:
    """Seconds one call of ``call`` takes, over ``count`` calls."""
    start = time.perf_counter()
    for _ in range(count):
        call()
    return (time.perf_counter() - start) / count


def output_of(cmd: list[str]) -> bytes:
    done = subprocess.run(cmd, cwd=ROOT, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return done.stdout


def jobs_row(folder: Path, text: str, count: int, repeat: int) -> tuple[str, str, str, float]:
    """Wall time of ``--jobs 2`` over ``--jobs 1`` on ``count`` text reports (a worker builds its
    configuration and rules once, so the ratio tends to 1/2 on two idle cores)."""
    many = batch(folder, "jobs.txt", text.encode("utf-8"), count)
    serial, parallel = command(str(many), "--jobs", "1"), command(str(many), "--jobs", "2")
    if output_of(serial) != output_of(parallel):
        sys.exit("--jobs 2 does not print what --jobs 1 prints")
    t1 = t2 = float("inf")
    for _ in range(repeat):  # interleaved, so that a burst of load elsewhere hits both
        t1, t2 = min(t1, timed(serial)), min(t2, timed(parallel))
    ratio = t2 / t1
    return (f"--jobs 2 against --jobs 1, {count} .txt reports (CLI)", f"{t2:.1f} s / {t1:.1f} s = {ratio:.2f}",
            "≤ 0.6", ratio / 0.6)


def pdf_row(folder: Path, text: str, count: int, repeat: int) -> tuple[str, str, str, float]:
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
    t1, tn = best(repeat, command(str(one))), best(repeat, command(str(many)))
    per_page = (tn - t1) / (count - 1) / pages * 1000
    return (f"marginal cost a .pdf page (CLI, {count} vs 1 reports of {pages} pages)", f"{per_page:.1f} ms",
            "≤ 25 ms", per_page / 25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, smaller batches")
    quick = parser.parse_args().quick
    runs, size, memory_batch = (3, 100, 300) if quick else (9, 300, 1000)
    jobs_batch = 400 if quick else 2000
    from tests.support.convert import to_docx_bytes

    text = BASE.read_text(encoding="utf-8")
    rows: list[tuple[str, str, str, float]] = []
    with tempfile.TemporaryDirectory(prefix="ogi-bench-") as tmp:
        folder = Path(tmp)
        one_txt = batch(folder, "one.txt", text.encode("utf-8"), 1)
        one_docx = batch(folder, "one.docx", to_docx_bytes(text), 1)

        # Cold start: the rule cache is filled by the first run, as it is on any machine after one run.
        timed(command(str(one_txt / "r0000.txt")))
        bare = best(runs, [sys.executable, "-c", "pass"])
        cold = best(runs, command(str(one_txt / "r0000.txt")))
        uncached = best(runs, command(str(one_txt / "r0000.txt")), OGI_CHECK_NO_CACHE="1")
        rows.append(("cold start, one .txt report (CLI)", f"{cold * 1000:.0f} ms = {cold / bare:.1f}× python -c pass "
                     f"({bare * 1000:.0f} ms)", "≤ 8×", cold / bare / 8))
        rows.append(("  same, rule cache off (information)", f"{uncached * 1000:.0f} ms = {uncached / bare:.1f}×",
                     "-", float("nan")))

        # Throughput: one CLI process checking a folder of N copies against one copy; the difference
        # over N-1 is the marginal cost of a report (start-up and rule loading cancel out).
        for name, one, data, target in (("txt", one_txt, text.encode("utf-8"), 3.0),
                                        ("docx", one_docx, to_docx_bytes(text), 15.0)):
            many = batch(folder, f"many.{name}", data, size)
            t1 = best(max(3, runs // 3), command(str(one)))
            tn = best(max(3, runs // 3), command(str(many)))
            marginal = (tn - t1) / (size - 1) * 1000
            rows.append((f"marginal cost a .{name} report (CLI, {size} vs 1)", f"{marginal:.1f} ms",
                         f"≤ {target:g} ms", marginal / target))

        # A PDF as published (printed by LibreOffice from a Word-like .docx, tests/support/pdfs.py): the marginal
        # cost of one in a batch, per page, the way the .txt and .docx rows measure theirs.
        rows.append(pdf_row(folder, text, 15 if quick else 40, max(3, runs // 3)))

        # Scaling, in process (read + analyse + check, no start-up): the same report 100 times longer.
        from checker.rules import load_rules

        rules = load_rules()
        short, long_ = folder / "short.txt", folder / "long.txt"
        short.write_text(text, encoding="utf-8")
        long_.write_text(longer(text, 100), encoding="utf-8")
        in_process_seconds(short, rules, 2)  # imports, compiled regexes
        t_short = in_process_seconds(short, rules, runs * 3)
        t_long = in_process_seconds(long_, rules, max(2, runs // 3))
        rows.append(("a report 100× longer (in process)", f"{t_long / t_short:.0f}× the time "
                     f"({t_short * 1000:.1f} ms → {t_long * 1000:.0f} ms)", "≤ 150×", t_long / t_short / 150))

        # Layout recovery (checker/layout) on the well-formed base report: the evidence it measures to leave
        # the Document as it is, in process, best of many calls.
        from checker.layout import recover
        from checker.readers import read_document

        base_doc = read_document(str(BASE))
        recovery = min(timeit(lambda: recover(base_doc), 200) for _ in range(runs)) * 1000
        rows.append(("layout recovery, base report left as it is (in process)", f"{recovery:.2f} ms", "≤ 1 ms",
                     recovery / 1.0))

        # Memory: peak RSS of one CLI process over a batch of .txt reports (and, for information, .docx).
        rss = peak_rss_mb(command(str(batch(folder, "mem.txt", text.encode("utf-8"), memory_batch))))
        rows.append((f"peak RSS, {memory_batch} .txt reports (CLI)", f"{rss:.0f} MB", "≤ 150 MB", rss / 150))
        docx_dir = folder / f"many.docx-{size}"
        rss_docx = peak_rss_mb(command(str(docx_dir)))
        rows.append((f"  peak RSS, {size} .docx reports (information)", f"{rss_docx:.0f} MB", "-", float("nan")))
        shutil.rmtree(folder / f"mem.txt-{memory_batch}", ignore_errors=True)

        # --jobs: the same batch with two worker processes against one process, output byte-identical.
        rows.append(jobs_row(folder, text, jobs_batch, max(1, runs // 4)))

    print(f"ogi-check benchmarks — Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, base report {BASE.name}")
    width = max(len(r[0]) for r in rows)
    mwidth = max(len(r[1]) for r in rows)
    print(f"{'figure':<{width}}  {'measured':<{mwidth}}  {'target':<9} ratio")
    for name, measured, target, ratio in rows:
        verdict = "" if ratio != ratio else ("  ok" if ratio <= 1 else "  MISSED")
        shown = "" if ratio != ratio else f"{ratio:.2f}"
        print(f"{name:<{width}}  {measured:<{mwidth}}  {target:<9} {shown}{verdict}")


if __name__ == "__main__":
    main()
