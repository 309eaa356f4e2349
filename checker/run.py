"""The run layer: from what the user named to results. Expand paths, read, analyse, check, apply a baseline.

This is the only layer below the command line that opens files: reports, last year's report
(``--previous``), configuration and rule files (through checker.config), baselines. It prints
nothing and never exits: a problem that stops the run is raised as a CheckerError (the CLI turns
it into one line and exit status 2); a report that cannot be read is an InputError kept in the
result, and the other reports are still checked.

A serial run and ``--jobs N`` go through the same ``Checker.check_file``; a worker process builds
its Checker (configuration, rules, last year's report) once, not once per file.
"""

from __future__ import annotations

import os
import time
from collections import deque
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional, Union

from msgspec import Struct, field

from checker.about import ReportAbout
from checker.analysis import AnalysedReport, analyse, collector_paused
from checker.config import FileSettings, Overrides, Resolver
from checker.engine import applicable_codes, check_report
from checker.errors import CheckerError, InputError, UsageError
from checker.files import name_of
from checker.findings import SEVERITY_RANK, Finding
from checker.layout import recover
from checker.model import Document
from checker.readers import SUPPORTED_EXTENSIONS, UNREADABLE_REPORT_KINDS, read_document
from checker.rulecache import keep_results
from checker.rules import Rule, select_rules

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess
    from pathlib import Path


# The form of one report to check when a folder holds several with the same name, closest to the source first:
# the Word file the others were printed or exported from, then the text a person wrote, then the web page and
# the PDF made from them (whose reading loses most).
SOURCE_PREFERENCE = (".docx", ".md", ".markdown", ".txt", ".html", ".htm", ".pdf")


class PassedOver(Struct, frozen=True):
    """A file found in a folder and not checked: the same report as ``kept`` beside it (same name, same
    directory), which is checked instead. The CLI prints it as one line on stderr; it is no error."""

    path: str
    kept: str

    def __str__(self) -> str:
        name, kept = name_of(self.path), name_of(self.kept)
        return f"{self.path}: 跳过 {name}：与 {kept} 同名，视为同一报告；单独检查请直接给出文件名"


def expand_paths(paths: Iterable[str]) -> tuple[list[str], list[InputError], list[PassedOver]]:
    """Files as given, folders searched recursively for the kinds ogi-check reads (hidden ones and Word's
    lock files skipped). A report-like file of a kind it cannot read (.doc, .wps, .odt …) found in a folder
    is an InputError saying what to do, never skipped without a word. Files of one name in one directory
    of a folder (报告.docx and the 报告.pdf printed from it) are one report: only the first by
    SOURCE_PREFERENCE is checked and the others are returned as PassedOver; a file named on the command line
    is always checked."""
    files: list[str] = []
    errors: list[InputError] = []
    passed_over: list[PassedOver] = []
    for raw in paths:
        if os.path.isdir(raw):
            from pathlib import Path  # a folder only: a named file needs no pathlib

            p = Path(raw)
            candidates = sorted(
                f for f in p.rglob("*")
                if not any(part.startswith(".") for part in f.relative_to(p).parts)
                and not f.name.startswith("~$") and f.is_file()  # ~$: Word's lock files
            )
            found = [f for f in candidates if f.suffix.lower() in SUPPORTED_EXTENSIONS]
            unreadable = [f for f in candidates if f.suffix.lower() in UNREADABLE_REPORT_KINDS
                          and f.suffix.lower() not in SUPPORTED_EXTENSIONS]
            errors.extend(InputError(str(f), UNREADABLE_REPORT_KINDS[f.suffix.lower()]) for f in unreadable)
            if not found and not unreadable:
                kinds = "/".join(SUPPORTED_EXTENSIONS)
                errors.append(InputError(raw, f"目录中没有可检查的报告文件 (no {kinds} files in folder)"))
            kept, others = _one_form_each(found)
            files.extend(kept)
            passed_over.extend(others)
        else:
            files.append(raw)
    seen: set[str] = set()
    unique = [f for f in files if not (f in seen or seen.add(f))]  # type: ignore[func-returns-value]
    return unique, errors, passed_over


def _one_form_each(found: list[Path]) -> tuple[list[str], list[PassedOver]]:
    """``found`` (sorted) with one file per (directory, name), by SOURCE_PREFERENCE, and the files passed over."""
    def rank(f: Path) -> int:
        suffix = f.suffix.lower()
        return SOURCE_PREFERENCE.index(suffix) if suffix in SOURCE_PREFERENCE else len(SOURCE_PREFERENCE)

    best: dict[tuple[Path, str], Path] = {}
    for f in found:
        key = (f.parent, f.stem)
        if key not in best or rank(f) < rank(best[key]):
            best[key] = f
    kept = [str(f) for f in found if best[(f.parent, f.stem)] is f]
    others = [PassedOver(str(f), str(best[(f.parent, f.stem)])) for f in found if best[(f.parent, f.stem)] is not f]
    return kept, others


def read_report(path: str) -> Document:
    """Read one report and recover its layout when it was lost (checker.layout): the Document every later
    stage reads. Raises InputError like read_document."""
    return recover(read_document(path))


def read_previous(path: Optional[str]) -> Optional[AnalysedReport]:
    """Last year's report, read and analysed once for the whole run (its own year, era and agency
    from its title: the options of this year's report are not its). Unreadable: an InputError."""
    if path is None:
        return None
    try:
        document = read_report(path)
    except InputError as exc:
        raise InputError(exc.path, f"{exc.reason} (--previous)") from None
    return analyse(document)


class FileResult(Struct):
    """What checking one report gave."""

    path: str
    findings: list[Finding]
    applicable: list[str]  # codes of the rules that applied to it (JUnit lists them as test cases)
    document: Optional[Document] = None  # kept only when asked for (the HTML page, Word comments)
    about: ReportAbout = ReportAbout()  # agency, year, era: the batch overview's row (checker/overview.py)


class RunResult(Struct):
    """Everything the formatters and the exit status need, in input order."""

    files: list[str]
    findings: list[Finding] = field(default_factory=list)  # sorted by path, line, column, code
    errors: list[CheckerError] = field(default_factory=list)  # inputs that could not be read
    checked: int = 0
    applicable: dict[str, list[str]] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)  # files with findings, when kept
    fail_on: dict[str, str] = field(default_factory=dict)  # each checked file → its configured fail level
    rules: list[Rule] = field(default_factory=list)  # every rule selected for some file, by code
    lang: Optional[str] = None  # the first file's configured language, unless the command line set one
    hidden_by_baseline: int = 0
    about: dict[str, ReportAbout] = field(default_factory=dict)  # each checked file → its overview facts

    def fails(self) -> bool:
        """Whether a finding reaches the fail level of its file's configuration."""
        return any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[self.fail_on.get(f.path, "error")]
                   for f in self.findings)


class Checker:
    """Configuration, rules and last year's report for a run, and the check of one file with them."""

    def __init__(self, overrides: Overrides = Overrides(), config_file: Optional[str] = None,
                 previous: Optional[str] = None) -> None:
        self.overrides = overrides
        self.config_file = config_file
        self.previous_path = previous
        self.resolver = Resolver(overrides, config_file)  # a broken config or rule file stops here
        self.previous = read_previous(previous)
        self._previous_real = os.path.realpath(previous) if previous else None
        self._started: list[_Worker] = []  # worker processes started before the run (start_workers)
        self._ending: list[BaseProcess] = []  # workers told to end, not yet waited for (stop_workers)

    def settings_for(self, path: str) -> FileSettings:
        return self.resolver.settings_for(path)

    def previous_for(self, path: str) -> Optional[AnalysedReport]:
        """Last year's report for ``path``; never the report itself."""
        if self.previous is None or os.path.realpath(path) == self._previous_real:
            return None
        return self.previous

    def analyse_file(self, path: str, settings: FileSettings) -> AnalysedReport:
        """Read and analyse one report with its settings (raises InputError)."""
        with collector_paused():  # reading too: a long report's objects would be walked again and again (issue 12)
            return analyse(read_report(path), settings.options, self.previous_for(path))

    def check_file(self, path: str, keep_document: bool = False,
                   settings: Optional[FileSettings] = None) -> Union[FileResult, InputError]:
        """Read, analyse and check one report; an unreadable one is returned as its InputError. ``settings``
        when the caller already resolved them (a serial run resolves them once per file, not twice)."""
        # One pause for the whole file, ended only once the report is gone: paused around reading and
        # analysis, then again around the check, the collection between the two walked the whole report
        # (~0.2 ms a report); now what the next collection walks is what the run keeps (the findings).
        with collector_paused():
            return self._check_file(path, keep_document, settings)

    def _check_file(self, path: str, keep_document: bool,
                    settings: Optional[FileSettings]) -> Union[FileResult, InputError]:
        settings = settings or self.settings_for(path)
        try:
            report = self.analyse_file(path, settings)
        except InputError as exc:
            return exc
        _refuse_same_year(report, self.previous_path)
        findings = check_report(report, settings.rules, lang=settings.lang, severity_overrides=settings.severity,
                                known_codes=settings.known_codes)
        return FileResult(path, findings, applicable_codes(report, settings.rules),
                          report.document if keep_document else None, ReportAbout.of(report))

    def cli_rules(self) -> list[Rule]:
        """The built-in rules the command line selects (what a run that read no file would have run)."""
        return select_rules(self.resolver.rules_for_dirs(()), self.overrides.select, self.overrides.ignore)

    def start_workers(self, jobs: int) -> None:
        """Start the worker processes of ``run(jobs=jobs)`` now, before the files are known: they start up
        (~0.3 s of CPU each) while the parent expands the paths and resolves their settings, instead of after.
        ``run`` uses them; ``stop_workers`` stops the ones it did not use (one file, a usage error)."""
        count = worker_count(jobs)
        while count > 1 and len(self._started) < count:
            self._started.append(_spawn_worker(self))

    def stop_workers(self) -> None:
        """Stop the workers started by ``start_workers`` that no run took, and wait for those a run told to end."""
        while self._started:
            self._started.pop().stop()
        while self._ending:
            _wait_for(self._ending.pop())

    def take_started_worker(self) -> Optional[_Worker]:
        return self._started.pop(0) if self._started else None

    def run(self, files: list[str], errors: Optional[list[InputError]] = None, jobs: int = 1,
            keep_documents: bool = False,
            progress: Optional[Callable[[list[str]], Iterable[str]]] = None) -> RunResult:
        """Check ``files`` (already expanded), serially or in ``jobs`` worker processes (0: one per CPU);
        the result is the same either way. ``progress`` wraps the files as they are merged (a bar)."""
        result = RunResult(files=files, errors=list(errors or []))
        try:
            outcomes = self._outcomes_in_workers(files, worker_count(jobs), keep_documents)
            self._merge(result, outcomes, keep_documents, progress)
        finally:
            self.stop_workers()  # after the merge: the workers end while the parent merges
        keep_results()  # what this run worked out from the rules, for the next (nothing to write after the first)
        return result

    def _outcomes_in_workers(self, files: list[str], workers: int,
                             keep_documents: bool) -> Optional[dict[str, Union[FileResult, CheckerError]]]:
        """Every file's outcome from worker processes; None when the run is serial."""
        if workers <= 1 or len(files) <= 1:
            return None
        for path in files:  # a broken config or rule file stops the run here, as it would serially,
            self.settings_for(path)  # before every worker meets it again for every file
        return _in_workers(self, files, workers, keep_documents)

    def _merge(self, result: RunResult, outcomes: Optional[dict[str, Union[FileResult, CheckerError]]],
               keep_documents: bool, progress: Optional[Callable[[list[str]], Iterable[str]]]) -> None:
        """Add each file's outcome to ``result`` in input order (checking it now when there are no workers)."""
        files = result.files
        rules_run: dict[str, Rule] = {}
        settings_seen: set[int] = set()  # files of one configuration share their settings: their rules once
        for path in (progress(files) if progress else files):
            settings = self.settings_for(path)
            if result.lang is None:
                result.lang = settings.lang
            outcome = outcomes[path] if outcomes is not None else self.check_file(path, keep_documents, settings)
            if isinstance(outcome, CheckerError):
                if not isinstance(outcome, InputError):
                    raise outcome  # what stops a serial run stops a parallel one at the same file
                result.errors.append(outcome)
                continue
            result.findings.extend(outcome.findings)
            result.applicable[path] = outcome.applicable
            result.about[path] = outcome.about
            result.fail_on[path] = settings.fail_on
            if id(settings) not in settings_seen:
                settings_seen.add(id(settings))
                for rule in settings.rules:
                    rules_run.setdefault(rule.code, rule)
            if outcome.document is not None and outcome.findings:
                result.documents[path] = outcome.document
            result.checked += 1
        result.findings.sort(key=Finding.sort_key)
        result.rules = [rules_run[c] for c in sorted(rules_run)] or self.cli_rules()


def worker_count(jobs: int) -> int:
    """The worker processes of ``--jobs N`` (0: one per CPU); one means no worker: the run is serial."""
    return (os.cpu_count() or 1) if jobs == 0 else jobs


def _refuse_same_year(report: AnalysedReport, previous_path: Optional[str]) -> None:
    """Last year's report of the same year as the report is a mistake on the command line, not a finding."""
    prev = report.previous
    if prev is not None and prev.facts.year is not None and prev.facts.year == report.facts.year:
        year = report.facts.year
        raise UsageError("--previous", f"{previous_path} 与 {report.path} 同为{year}年度的报告，"
                                       f"--previous 应为上一年度（{year - 1}年）的报告 (--previous is of the same year)")


def annotated_copy(checker: Checker, path: str) -> tuple[bytes, RunResult]:
    """Check one Word report; return a copy of its bytes with each finding as a Word comment."""
    from checker.annotate import annotate_docx
    from checker.readers import read_bytes

    settings = checker.settings_for(path)
    outcome = checker.check_file(path, keep_document=True, settings=settings)
    if isinstance(outcome, InputError):
        raise outcome
    assert outcome.document is not None
    result = RunResult(files=[path], findings=outcome.findings, checked=1, applicable={path: outcome.applicable},
                       fail_on={path: settings.fail_on}, rules=settings.rules, lang=settings.lang)
    rules = {r.code: r for r in settings.rules}
    return annotate_docx(read_bytes(path), outcome.document, outcome.findings, rules, settings.lang), result


def apply_baseline(result: RunResult, known: set[str], baseline_file: str) -> None:
    """Hide the findings whose fingerprints ``baseline_file`` recorded (``known``)."""
    from checker.baseline import filter_baseline

    result.findings, result.hidden_by_baseline = filter_baseline(result.findings, known, baseline_file)


def rules_here(config_file: Optional[str] = None) -> list[Rule]:
    """The built-in rules and those of the rule-dirs of the configuration that governs the current
    folder (or ``config_file``): what `check` would run here, before selection."""
    resolver = Resolver(config_file=config_file)
    cfg = resolver.config_for(os.path.join(os.getcwd(), "report.txt"))
    return resolver.rules_for_dirs(tuple(cfg.rule_dirs) if cfg else ())


# --- worker processes (--jobs) ------------------------------------------------------------------
#
# The parent talks to each worker over a pipe of its own and has no thread of its own: it sends a batch of
# paths, the worker answers with their outcomes in order. (Through a ProcessPoolExecutor, its feeder and
# manager threads cost the parent ~0.7 ms of CPU a file, a fourteenth of a clean report's check, taken from the
# cores the workers run on; issue 12.)

_WORKER: Optional[Checker] = None  # the Checker of this worker process, built once by _start_worker


def _start_worker(overrides: Overrides, config_file: Optional[str], previous: Optional[str]) -> None:
    global _WORKER
    _WORKER = Checker(overrides, config_file, previous)


def _check_in_worker(task: tuple[str, bool]) -> tuple[str, Union[FileResult, CheckerError]]:
    path, keep_document = task
    assert _WORKER is not None, "the worker's initializer builds its Checker"
    try:
        return path, _WORKER.check_file(path, keep_document)
    except CheckerError as exc:  # a config error for this file: the parent raises it in order
        return path, exc


def _serve(connection: Connection, initializer: Callable[..., None], initargs: tuple[object, ...]) -> None:
    """The life of a worker process: build its Checker once (``initializer``), then answer each batch of
    paths with their outcomes, in order, and the seconds they took, until the parent sends None or is gone.
    Ctrl-C reaches the parent too, which stops the run: a worker just ends, without a traceback of its own."""
    try:
        initializer(*initargs)
        while True:
            try:
                task = connection.recv()
            except (EOFError, OSError):
                return
            if task is None:
                return
            paths, keep_document = task
            started = time.perf_counter()
            outcomes = [_check_in_worker((path, keep_document))[1] for path in paths]
            connection.send((outcomes, time.perf_counter() - started))
    except KeyboardInterrupt:
        return


def _in_workers(checker: Checker, files: list[str], workers: int,
                keep_documents: bool) -> dict[str, Union[FileResult, CheckerError]]:
    """Check ``files`` in worker processes; the caller merges in input order, so the output is the
    serial run's. Each worker builds its configuration and rules once, then takes a few files at a time
    (as many as take about BATCH_SECONDS), with the next batch already sent (so that no worker waits for the
    parent between two batches).

    A worker that dies (killed for memory, a crash in a native library) is replaced by a fresh one. The files
    it had been sent and had not answered for are the only suspects: they are checked again at the end, one at
    a time by a single worker (a fresh one after each death), so that a file that kills its worker again is
    named (WORKER_DIED, an InputError: one line, exit status 2) and no other file is lost."""
    outcomes: dict[str, Union[FileResult, CheckerError]] = {}
    suspects = _checked_in_pool(checker, files, workers, keep_documents, outcomes, QUEUED_PER_WORKER, BatchSize())
    killers = _checked_in_pool(checker, suspects, 1, keep_documents, outcomes, 1, BatchSize(largest=1))
    for path in killers:
        outcomes[path] = InputError(path, WORKER_DIED)
    return outcomes


WORKER_DIED = ("检查此文件的工作进程意外退出（可能是内存不足或程序故障），此文件未检查，其余文件不受影响；"
               "请不带 --jobs 单独检查此文件，如仍失败请报告问题 (the worker process checking this file died)")


# Batches in flight per worker: the one it checks and the next, already sent. With one, a worker finishing
# a batch waited for the parent to hear of it and send the next.
QUEUED_PER_WORKER = 2

# A batch is as many files as take about this long (by the files checked so far): a message costs both sides
# ~0.1 ms, so a batch of several small reports costs less than one message each, and a batch of big ones is one
# file, so that no worker is left with a long batch while the others are idle.
BATCH_SECONDS = 0.02
MOST_PER_BATCH = 32
# Paths per batch stop at this many characters, so that what the parent sends never fills a pipe's buffer
# (64 KB on Linux) while it waits for a worker busy sending its answer.
BATCH_CHARACTERS = 8192


class BatchSize:
    """How many files to send a worker next: one until some were timed, then as many as take about
    BATCH_SECONDS at the average time a file took so far (at most ``largest``), never more than an even share
    of the files left, so that the workers finish together."""

    __slots__ = ("largest", "seconds_per_file")

    def __init__(self, largest: int = MOST_PER_BATCH) -> None:
        self.largest = largest
        self.seconds_per_file: Optional[float] = None

    def record(self, files: int, seconds: float) -> None:
        per_file = seconds / files
        # A moving average: a run of big files shrinks the batches within a few answers.
        self.seconds_per_file = per_file if self.seconds_per_file is None else (
            0.7 * self.seconds_per_file + 0.3 * per_file)

    def next(self, left: int, shares: int) -> int:
        if self.seconds_per_file is None:
            return 1
        by_time = int(BATCH_SECONDS / self.seconds_per_file) if self.seconds_per_file > 0 else self.largest
        return max(1, min(self.largest, by_time, left // shares))


class _Worker:
    """A worker process, the parent's end of its pipe and the batches it was sent and has not answered,
    oldest first."""

    __slots__ = ("process", "connection", "batches")

    def __init__(self, process: BaseProcess, connection: Connection) -> None:
        self.process = process
        self.connection = connection
        self.batches: deque[list[str]] = deque()

    def unanswered(self) -> list[str]:
        return [path for batch in self.batches for path in batch]

    def send(self, batch: list[str], keep_documents: bool) -> None:
        self.batches.append(batch)  # before sending: if the worker is gone, the batch is unanswered
        self.connection.send((batch, keep_documents))

    def stop(self, dead: bool = False) -> None:
        """End the worker now and wait for it: one that died is only waited for; any other (never sent a
        file, perhaps still starting up, or in a run that was interrupted) is terminated."""
        if not dead:
            self.process.terminate()
        self.connection.close()
        _wait_for(self.process)

    def finish(self) -> BaseProcess:
        """Tell the worker to end, without waiting for it (its interpreter's exit takes a few tens of ms)."""
        try:
            self.connection.send(None)
        except OSError:
            pass
        self.connection.close()
        return self.process


def _wait_for(process: BaseProcess) -> None:
    """Wait for a worker told to end (or dead); one that does not exit in time is terminated."""
    process.join(timeout=30)
    if process.is_alive():
        process.terminate()
        process.join()


def _spawn_worker(checker: Checker) -> _Worker:
    import multiprocessing

    # "spawn": a fresh interpreter per worker, never a fork of a process whose streams a host
    # (a test runner, an editor plug-in) has replaced.
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    initargs = (checker.overrides, checker.config_file, checker.previous_path)
    process = context.Process(target=_serve, args=(theirs, _start_worker, initargs), daemon=True)
    process.start()
    theirs.close()  # only the worker holds its end: its death is the end of the parent's reading
    return _Worker(process, ours)


def _checked_in_pool(checker: Checker, files: list[str], workers: int, keep_documents: bool,
                     outcomes: dict[str, Union[FileResult, CheckerError]], per_worker: int,
                     size: BatchSize) -> list[str]:
    """Check ``files`` in ``workers`` processes, at most ``per_worker`` batches in flight per worker, adding
    each outcome to ``outcomes``. A worker that dies is replaced; returns the files it had not answered for."""
    from multiprocessing.connection import wait

    queue = deque(files)
    workers = min(workers, len(files))  # no more workers than files
    pool: list[_Worker] = []
    suspects: list[str] = []

    def died(worker: _Worker) -> None:
        suspects.extend(worker.unanswered())
        pool.remove(worker)
        worker.stop(dead=True)

    try:
        while queue or pool:
            while queue and len(pool) < workers:
                pool.append(checker.take_started_worker() or _spawn_worker(checker))
            _top_up(pool, queue, size, workers, per_worker, keep_documents, died)
            busy: dict[Any, _Worker] = {worker.connection: worker for worker in pool if worker.batches}
            if not busy:
                break
            for connection in wait(list(busy)):
                worker = busy[connection]
                try:
                    answers, seconds = worker.connection.recv()
                except (EOFError, OSError):
                    died(worker)
                    continue
                batch = worker.batches.popleft()
                outcomes.update(zip(batch, answers))
                size.record(len(batch), seconds)
    except BaseException:  # Ctrl-C, or a bug: do not wait for the batches in flight
        for worker in pool:
            worker.stop()
        raise
    checker._ending.extend(worker.finish() for worker in pool)  # all at once; waited for by stop_workers
    return suspects


def _top_up(pool: list[_Worker], queue: deque[str], size: BatchSize, workers: int, per_worker: int,
            keep_documents: bool, died: Callable[[_Worker], None]) -> None:
    """Send batches until every worker has ``per_worker`` in flight or the queue is empty: a first batch to
    each worker before a second to any, so that two files and two workers are one file each."""
    for depth in range(per_worker):
        for worker in list(pool):
            if queue and len(worker.batches) <= depth:
                try:
                    worker.send(_next_batch(queue, size.next(len(queue), workers * per_worker)), keep_documents)
                except OSError:
                    died(worker)


def _next_batch(queue: deque[str], size: int) -> list[str]:
    """The next ``size`` files of ``queue`` (fewer if their paths are long; always at least one)."""
    batch = [queue.popleft()]
    characters = len(batch[0])
    while queue and len(batch) < size and characters + len(queue[0]) <= BATCH_CHARACTERS:
        characters += len(queue[0])
        batch.append(queue.popleft())
    return batch
