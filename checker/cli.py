"""The command line: the only module that prints or exits."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterable

import click

from checker import __version__
from checker.errors import CheckerError, InputError
from checker.findings import SEVERITY_RANK, Finding
from checker.formats import ERAS

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
OUTPUT_FORMATS = ["text", "json", "sarif", "github", "junit", "html"]  # the keys of formatters.FORMATTERS


def _split_codes(values: Iterable[str]) -> list[str]:
    return [c.strip().upper() for v in values for c in v.split(",") if c.strip()]


def expand_paths(paths: Iterable[str]) -> tuple[list[str], list[InputError]]:
    """Files as given, folders searched recursively for the kinds ogi-check reads (hidden ones skipped)."""
    from checker.readers import SUPPORTED_EXTENSIONS

    files: list[str] = []
    errors: list[InputError] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                str(f) for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in SUPPORTED_EXTENSIONS
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
                and not f.name.startswith("~$")  # Word's lock files
            )
            if not found:
                errors.append(InputError(raw, "目录中没有可检查的报告文件 (no .txt/.md/.docx/.html files in folder)"))
            files.extend(found)
        else:
            files.append(raw)
    seen: set[str] = set()
    unique = [f for f in files if not (f in seen or seen.add(f))]
    return unique, errors


def _echo_error(message: str) -> None:
    click.echo(message, err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ogi-check")
def main() -> None:
    """ogi-check：政府信息公开工作年度报告检查工具 (a checker for annual reports on open government information)."""


def _check_options(func):
    """The options ``check`` and ``annotate`` share: the config file, fact overrides, rule selection,
    fail level and language. Each overrides the configuration file; unset, the file (or the default) holds."""
    options = [
        click.option("--config", "config_file", type=click.Path(dir_okay=False),
                     help="使用此配置文件，不再向上查找 (use this config file instead of searching for one)."),
        click.option("--year", type=click.IntRange(2000, 2100), help="报告年度，覆盖从标题识别的年度 (report year)."),
        click.option("--era", type=click.Choice(ERAS), help="格式时期：2007 / 2019 / 2021 (format era)."),
        click.option("--agency-kind", type=click.Choice(["government", "department"]),
                     help="机关类型：人民政府或政府部门 (agency kind)."),
        click.option("--select", multiple=True,
                     help="只检查这些代码或类别，逗号分隔，如 P,C001；取代配置的 select (codes or prefixes)."),
        click.option("--ignore", multiple=True, help="不检查这些代码或类别；追加到配置的 ignore (codes or prefixes to skip)."),
        click.option("--fail-on", type=click.Choice(["error", "warning", "info"]),
                     help="达到此级别的问题时退出码为1，默认 error (lowest severity that fails the run; default error)."),
        click.option("--lang", type=click.Choice(["zh", "en"]), help="消息语言，默认 zh (language; default zh)."),
        click.option("--previous", "previous", type=click.Path(dir_okay=False),
                     help="上一年度的报告，用于核对结转、现行有效件数和内容雷同 (last year's report: T030–T032)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _resolver(config_file, year, era, agency_kind, select, ignore, fail_on, lang):
    """Configuration and rules for the run; a broken config or rule file is one line and exit 2."""
    from checker.config import Overrides, Resolver

    cli = Overrides(select=tuple(_split_codes(select)), ignore=tuple(_split_codes(ignore)), fail_on=fail_on,
                    year=year, era=era, agency_kind=agency_kind, lang=lang)
    try:
        return Resolver(cli, config_file)
    except CheckerError as exc:
        _echo_error(str(exc))
        sys.exit(EXIT_ERROR)


def _settings(resolver, path: str):
    try:
        return resolver.settings_for(path)
    except CheckerError as exc:
        _echo_error(str(exc))
        sys.exit(EXIT_ERROR)


def _previous(previous):
    """Last year's report must be readable before the run starts: one line and exit 2 if not."""
    if previous is None:
        return None
    from checker.readers import read_document

    try:
        read_document(previous)
    except InputError as exc:
        _echo_error(f"{exc} (--previous)")
        sys.exit(EXIT_ERROR)
    return previous


def _check_one(doc, settings, previous=None) -> list[Finding]:
    from checker.engine import check_document

    doc.options.update(settings.options)
    if previous:
        doc.options["previous"] = previous
    return check_document(doc, settings.rules, lang=settings.lang, severity_overrides=settings.severity,
                          known_codes=settings.known_codes)


def _fails(findings: list[Finding], fail_on: dict[str, str]) -> bool:
    """Whether a finding reaches the fail level of its file's configuration."""
    return any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on.get(f.path, "error")] for f in findings)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="text", show_default=True,
              help="输出格式 (output format).")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="把结果写入文件而不是标准输出 (write the output to FILE).")
@click.option("--statistics", is_flag=True, help="最后列出每个代码的问题数 (counts per code after the output).")
@click.option("--quiet", "-q", is_flag=True, help="只输出问题行，不引用原文、不汇总 (finding lines only).")
@click.option("--color", "color_choice", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="文本输出着色；auto 仅在终端且未设置 NO_COLOR 时 (colour the text output).")
@_check_options
@click.option("--no-excerpt", is_flag=True, help="文本输出不引用原文行 (do not quote the line).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False),
              help="不报告基线文件中已记录的问题 (hide the findings recorded in this baseline file).")
@click.option("--write-baseline", "write_baseline_file", type=click.Path(dir_okay=False),
              help="把当前的全部问题记录为基线并以0退出 (record the current findings as the baseline; exit 0).")
@click.option("--jobs", "-j", type=click.IntRange(0, 64), default=1, show_default=True,
              help="并行检查的进程数，0 表示按 CPU 数 (processes for a batch; 0 = one per CPU).")
def check(paths, fmt, output, statistics, quiet, color_choice, config_file, year, era, agency_kind, select, ignore,
          fail_on, lang, previous, no_excerpt, baseline_file, write_baseline_file, jobs) -> None:
    """检查报告文件或目录 (check report files or folders)."""
    from checker.baseline import filter_baseline, read_baseline, write_baseline
    from checker.formatters import FORMATTERS
    from checker.readers import read_document

    resolver = _resolver(config_file, year, era, agency_kind, select, ignore, fail_on, lang)
    previous = _previous(previous)
    files, errors = expand_paths(paths)
    if output and any(Path(output).resolve() == Path(f).resolve() for f in files):
        _echo_error(f"{output}: error: --output 不能是被检查的文件 (the output file is one of the inputs)")
        sys.exit(EXIT_ERROR)
    known_fingerprints = None
    if baseline_file:
        try:
            known_fingerprints = read_baseline(baseline_file)
        except CheckerError as exc:
            _echo_error(str(exc))
            sys.exit(EXIT_ERROR)
    findings: list[Finding] = []
    applicable: dict[str, list[str]] = {}  # each checked file -> codes of the rules that applied (junit)
    documents: dict = {}  # files with findings -> their Document (only the html page draws reports)
    fail_on_of: dict[str, str] = {}  # each file -> the fail level its configuration sets
    rules_run: dict = {}  # code -> rule, over every file (the formatters describe them)
    checked = 0
    results = _run_parallel(files, jobs, (resolver.cli, config_file, previous)) if jobs > 1 else None
    for path in _progress(files, quiet):
        settings = _settings(resolver, path)
        lang = lang or settings.lang  # the first file's configuration sets the language of the summary
        if results is not None:
            outcome = results[path]
            if isinstance(outcome, CheckerError):
                errors.append(outcome)
                continue
            doc_findings, applicable[path] = outcome
            doc = read_document(path) if doc_findings and fmt == "html" else None
        else:
            try:
                doc = read_document(path)
            except InputError as exc:
                errors.append(exc)
                continue
            doc_findings = _check_one(doc, settings, previous)
            applicable[path] = [r.code for r in settings.rules if r.applies_to(doc.facts)]
        findings.extend(doc_findings)
        fail_on_of[path] = settings.fail_on
        for rule in settings.rules:
            rules_run.setdefault(rule.code, rule)
        if doc_findings and fmt == "html":
            documents[path] = doc
        checked += 1
    for exc in errors:
        _echo_error(str(exc))
    lang = lang or "zh"
    findings.sort(key=Finding.sort_key)
    if write_baseline_file:
        try:
            write_baseline(write_baseline_file, findings)
        except CheckerError as exc:
            _echo_error(str(exc))
            sys.exit(EXIT_ERROR)
        click.echo(f"已把 {len(findings)} 个问题记录到基线 {write_baseline_file}" if lang == "zh"
                   else f"Recorded {len(findings)} findings in the baseline {write_baseline_file}")
        sys.exit(EXIT_ERROR if errors else EXIT_OK)
    if known_fingerprints is not None:
        findings, hidden = filter_baseline(findings, known_fingerprints, baseline_file)
        if hidden and not quiet and fmt == "text":
            _echo_error(f"基线中已有的 {hidden} 个问题未列出 ({hidden} findings in the baseline not shown)")
    rules = [rules_run[c] for c in sorted(rules_run)] or _cli_rules(resolver)
    color = _use_color(color_choice, output)
    report = FORMATTERS[fmt](findings, files_checked=checked, lang=lang, show_excerpt=not no_excerpt, rules=rules,
                             documents=documents, applicable=applicable, quiet=quiet, color=color)
    _emit(report, output, fmt, findings, rules, checked, lang, statistics, quiet, color)
    if errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if _fails(findings, fail_on_of) else EXIT_OK)


def _progress(files: list[str], quiet: bool):
    """The files of a batch, with a progress bar on stderr when a person is watching it (stderr is a
    terminal); never in pipes, CI logs or with --quiet, where it would only be noise."""
    if quiet or len(files) < 2 or not sys.stderr.isatty():
        return files
    return _bar(files)


def _bar(files: list[str]):
    with click.progressbar(files, label="检查中 (checking)", file=sys.stderr, show_pos=True) as bar:
        yield from bar


def _check_in_worker(task):
    """One file in a worker process: the same settings, reading and rules as a serial run."""
    path, (cli_overrides, config_file, previous) = task
    from checker.config import Resolver
    from checker.readers import read_document

    try:
        settings = Resolver(cli_overrides, config_file).settings_for(path)
        doc = read_document(path)
    except CheckerError as exc:  # the parent reports it as a serial run would (config errors exit there)
        return path, exc
    found = _check_one(doc, settings, previous)
    return path, (found, [r.code for r in settings.rules if r.applies_to(doc.facts)])


def _run_parallel(files: list[str], jobs: int, shared) -> dict:
    """--jobs: check files in worker processes; the caller merges in input order, so the output is
    the serial run's. Worth it for batches: each worker pays start-up and rule loading once."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    workers = jobs or os.cpu_count() or 1
    # "spawn": a fresh interpreter per worker, never a fork of a process whose streams a host
    # (a test runner, an editor plug-in) has replaced.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, max(1, len(files))), mp_context=context) as pool:
        chunk = max(1, len(files) // (workers * 4))
        return dict(pool.map(_check_in_worker, [(f, shared) for f in files], chunksize=chunk))


def _cli_rules(resolver) -> list:
    """The built-in rules the command line selects (what a run that read no file would have run)."""
    from checker.engine import select_rules

    return select_rules(resolver.rules_for_dirs(()), resolver.cli.select, resolver.cli.ignore)


@main.command()
@click.argument("path")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="批注后的新文件（必填，不能是原文件）(the annotated copy; required, never the input).")
@_check_options
def annotate(path, output, config_file, year, era, agency_kind, select, ignore, fail_on, lang, previous) -> None:
    """把问题写成 Word 批注，另存为新的 .docx (write the findings into a copy of a .docx as Word comments)."""
    from checker.annotate import annotate_docx
    from checker.readers import read_document

    if Path(path).suffix.lower() != ".docx":
        _echo_error(f"{path}: error: 只能为 Word (.docx) 文件添加批注 (annotate takes a .docx file)")
        sys.exit(EXIT_ERROR)
    if Path(output).suffix.lower() != ".docx":
        _echo_error(f"{output}: error: 输出文件应以 .docx 结尾 (the output must be a .docx file)")
        sys.exit(EXIT_ERROR)
    if os.path.abspath(output) == os.path.abspath(path) or (
            Path(output).exists() and Path(path).exists() and Path(output).resolve() == Path(path).resolve()):
        _echo_error(f"{output}: error: 输出文件不能是原文件，原文件不会被修改 (the output must differ from the input)")
        sys.exit(EXIT_ERROR)
    resolver = _resolver(config_file, year, era, agency_kind, select, ignore, fail_on, lang)
    settings = _settings(resolver, path)
    try:
        doc = read_document(path)
        data = Path(path).read_bytes()
    except InputError as exc:
        _echo_error(str(exc))
        sys.exit(EXIT_ERROR)
    findings = sorted(_check_one(doc, settings, _previous(previous)), key=Finding.sort_key)
    annotated = annotate_docx(data, doc, findings, {r.code: r for r in settings.rules}, settings.lang)
    try:
        Path(output).write_bytes(annotated)
    except OSError as exc:
        _echo_error(f"{output}: error: 无法写入输出文件 (cannot write output): {exc.strerror or exc}")
        sys.exit(EXIT_ERROR)
    click.echo(f"已把 {len(findings)} 个问题写成批注：{output}" if settings.lang == "zh"
               else f"Wrote {len(findings)} findings as comments to {output}")
    sys.exit(EXIT_FINDINGS if _fails(findings, {path: settings.fail_on}) else EXIT_OK)


@main.command()
@click.option("--force", is_flag=True, help="覆盖已有的配置文件 (overwrite an existing file).")
def init(force: bool) -> None:
    """在当前目录写一个带注释的 .ogi-check.yaml 配置文件 (write a commented starter config here)."""
    from checker.config import STARTER, YAML_NAME

    target = Path(YAML_NAME)
    if target.exists() and not force:
        _echo_error(f"{YAML_NAME}: error: 文件已存在，加 --force 覆盖 (already exists; use --force to overwrite)")
        sys.exit(EXIT_ERROR)
    try:
        target.write_text(STARTER, encoding="utf-8")
    except OSError as exc:
        _echo_error(f"{YAML_NAME}: error: 无法写入 (cannot write): {exc.strerror or exc}")
        sys.exit(EXIT_ERROR)
    click.echo(f"已写入 {YAML_NAME} (wrote {YAML_NAME})")


def _use_color(choice: str, output) -> bool:
    """Colour the text output on stdout (never into --output): forced, or on a terminal when NO_COLOR
    (https://no-color.org) is unset."""
    if output:
        return False
    if choice != "auto":
        return choice == "always"
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def _emit(report, output, fmt, findings, rules, checked, lang, statistics, quiet, color) -> None:
    """--output FILE gets exactly the formatter's output; stdout then shows the summary line and the
    statistics. Without it, stdout gets the output, and statistics follow it (on stderr after a machine
    format, so stdout stays parseable)."""
    from checker.formatters.statistics import format_statistics
    from checker.formatters.text import summary_line

    stats = format_statistics(findings, rules=rules) if statistics else ""
    if output:
        try:
            Path(output).write_text(report, encoding="utf-8")
        except OSError as exc:
            _echo_error(f"{output}: error: 无法写入输出文件 (cannot write output): {exc.strerror or exc}")
            sys.exit(EXIT_ERROR)
        if not quiet:
            click.echo(summary_line(findings, checked, lang))
        click.echo(stats, nl=False)
        return
    click.echo(report, nl=False, color=color or None)
    click.echo(stats, nl=False, err=fmt != "text")


@main.command()
@click.argument("path")
def render(path: str) -> None:
    """打印报告的纯文本版本及行号，用于对照问题所在行 (print the plain-text rendition with line numbers)."""
    from checker.readers import read_document

    try:
        doc = read_document(path)
    except InputError as exc:
        _echo_error(str(exc))
        sys.exit(EXIT_ERROR)
    width = len(str(len(doc.lines)))
    for number, line in enumerate(doc.lines, start=1):
        click.echo(f"{number:>{width}}  {line}")


_CONFIG_OPTION = click.option("--config", "config_file", type=click.Path(dir_okay=False),
                              help="使用此配置文件，不再向上查找 (use this config file instead of searching for one).")


@main.command(name="rules")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@_CONFIG_OPTION
def list_rules(lang: str, config_file) -> None:
    """列出全部规则，含配置文件 rule-dirs 中的规则 (list every rule, with the configuration's own rule folders)."""
    for r in _all_rules(config_file):
        eras = ",".join(r.applies.get("eras", ERAS))
        click.echo(f"{r.code}  {r.name:<40} {r.severity:<8} {eras:<15} {r.summary.get(lang) or r.summary['zh']}")


def _all_rules(config_file) -> list:
    """The built-in rules and those of the rule-dirs of the configuration that governs the current
    folder (or --config): what `check` would run here, before selection."""
    from checker.config import Resolver

    try:
        resolver = Resolver(config_file=config_file)
        cfg = resolver.config_for(os.path.join(os.getcwd(), "report.txt"))
        return resolver.rules_for_dirs(tuple(cfg.rule_dirs) if cfg else ())
    except CheckerError as exc:
        _echo_error(str(exc))
        sys.exit(EXIT_ERROR)


@main.command()
@click.argument("code")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@_CONFIG_OPTION
def explain(code: str, lang: str, config_file) -> None:
    """解释一条规则：内容、理由、法律依据和示例 (explain a rule)."""
    from checker.explain import explain_rule

    rules = {r.code: r for r in _all_rules(config_file)}
    rule = rules.get(code.strip().upper())
    if rule is None:
        _echo_error(f"{code}: error: 没有这条规则 (unknown rule code); 用 `ogi-check rules` 查看全部规则")
        sys.exit(EXIT_ERROR)
    click.echo(explain_rule(rule, lang), nl=False)


@main.command()
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["json", "yaml", "csv"]), default="json", show_default=True,
              help="输出格式；json 符合 rules/schema/extract.json (output format).")
@click.option("--year", type=click.IntRange(2000, 2100), help="报告年度，覆盖从标题识别的年度 (report year).")
@click.option("--era", type=click.Choice(ERAS), help="格式时期：2007 / 2019 / 2021 (format era).")
@click.option("--agency-kind", type=click.Choice(["government", "department"]),
              help="机关类型：人民政府或政府部门 (agency kind).")
def extract(path: str, fmt: str, year, era, agency_kind) -> None:
    """输出报告的统计表和基本事实（年度、格式、机关、统计期限、联系方式、发布日期）(print the tables and facts)."""
    from checker.readers import read_document
    from checker.tables.export import export

    try:
        doc = read_document(path)
    except InputError as exc:
        _echo_error(str(exc))
        sys.exit(EXIT_ERROR)
    doc.options.update({k: v for k, v in (("year", year), ("era", era), ("agency_kind", agency_kind)) if v})
    click.echo(export(doc, fmt), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
