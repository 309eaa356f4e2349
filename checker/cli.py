"""The command line: the only module that prints or exits."""

from __future__ import annotations

import os
import sys
from typing import Iterable

import click

from checker import __version__
from checker.errors import CheckerError
from checker.files import suffix_of
from checker.formats import ERAS

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
OUTPUT_FORMATS = ["text", "json", "sarif", "github", "junit", "html"]  # the keys of formatters.FORMATTERS


# click's own help and version options and its Path type each ask gettext for their English text when they
# are made, which imports locale and looks on disk for message catalogues: five times on a cold check, 1 % of
# it (issue 12). Ours say the same in Chinese as well, and ask nothing.

class _FileType(click.ParamType):
    """A file option's value: a path, which need not exist yet (an output), and is no folder."""

    name = "file"

    def convert(self, value, param, ctx):
        if os.path.isdir(value):
            self.fail(f"'{value}': 这是目录，不是文件 (is a directory)", param, ctx)
        return value

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        return [CompletionItem(incomplete, type="file")]


A_FILE = _FileType()  # one instance for every file option: a type holds no state per use


def _show_help(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(ctx.get_help(), color=ctx.color)
        ctx.exit()


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"ogi-check, version {__version__}")
        ctx.exit()


def _option(*param_decls: str, **attrs):
    """``click.option``, the option made when its command is first parsed or shown (``_OwnHelp.params``): a
    check does not make the 45 options of the other commands (~3 M instructions of a cold start)."""
    return _lazy_param(click.Option, param_decls, attrs)


def _argument(*param_decls: str, **attrs):
    """``click.argument``, made when its command is first parsed or shown, as ``_option``."""
    return _lazy_param(click.Argument, param_decls, attrs)


def _lazy_param(kind: type, param_decls: tuple[str, ...], attrs: dict):
    def record(func):
        # In the order the decorators run (bottom up), as click's own __click_params__.
        func.__dict__.setdefault("_ogi_params", []).append((kind, param_decls, attrs))
        return func

    return record


class _OwnHelp:
    """What our commands and group do otherwise than click's: the help option (-h/--help, last in the list)
    with our text, and parameters made when first asked for (``_option``)."""

    _pending: list = []  # the parameters still to make: (class, declarations, attributes), in their order

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        callback = getattr(self, "callback", None)
        if callback is not None:
            self._pending = list(reversed(callback.__dict__.pop("_ogi_params", [])))

    @property
    def params(self) -> list[click.Parameter]:
        if self._pending:
            self._made = [kind(decls, **attrs) for kind, decls, attrs in self._pending] + self._made
            self._pending = []
        return self._made

    @params.setter
    def params(self, value: list[click.Parameter]) -> None:
        self._made = value

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        names = self.get_help_option_names(ctx)  # type: ignore[attr-defined]
        if not names or not self.add_help_option:  # type: ignore[attr-defined]
            return None
        option = self.__dict__.get("_own_help_option")
        if option is None:  # one object: click orders the eager options by identity
            option = self.__dict__["_own_help_option"] = click.Option(
                names, is_flag=True, expose_value=False, is_eager=True, callback=_show_help,
                help="显示此帮助并退出 (show this message and exit).")
        return option


class _Command(_OwnHelp, click.Command):
    pass


def _split_codes(values: Iterable[str]) -> list[str]:
    return [c.strip().upper() for v in values for c in v.split(",") if c.strip()]


def _echo_error(message: str) -> None:
    click.echo(message, err=True)


class _Group(_OwnHelp, click.Group):
    """The one place a CheckerError (a broken config, rule or baseline file, an unreadable input)
    becomes one line on stderr and exit status 2; below the command line nothing prints or exits."""

    command_class = _Command

    def invoke(self, ctx: click.Context):
        from checker.limits import invalid_environment  # OGI_CHECK_MAX_*=abc: one line each, not a default

        invalid = invalid_environment()
        for name, raw, default in invalid:
            _echo_error(f"{name}: error: 环境变量的值 '{raw}' 不是正数，应写作如 {name}={default:g}，"
                        "或删除此变量以用默认值 (not a positive number)")
        if invalid:
            ctx.exit(EXIT_ERROR)
        try:
            return super().invoke(ctx)
        except CheckerError as exc:
            _echo_error(str(exc))
            ctx.exit(EXIT_ERROR)
        except OSError as exc:  # stdout closed or full (a pipe to head, /dev/full): one line, not a traceback
            try:
                _echo_error(f"ogi-check: error: 无法输出结果 (cannot write output): {exc.strerror or exc}")
            except OSError:
                pass
            ctx.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@_option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
         help="显示版本并退出 (show the version and exit).")
def main() -> None:
    """ogi-check：政府信息公开工作年度报告检查工具 (a checker for annual reports on open government information)."""


def _check_options(func):
    """The options ``check`` and ``annotate`` share: the config file, fact overrides, rule selection,
    fail level and language. Each overrides the configuration file; unset, the file (or the default) holds."""
    options = [
        _option("--config", "config_file", type=A_FILE,
                help="使用此配置文件，不再向上查找 (use this config file instead of searching for one)."),
        _option("--year", type=click.IntRange(2000, 2100), help="报告年度，覆盖从标题识别的年度 (report year)."),
        _option("--era", type=click.Choice(ERAS), help="格式时期：2007 / 2019 / 2021 (format era)."),
        _option("--agency-kind", type=click.Choice(["government", "department"]),
                help="机关类型：人民政府或政府部门 (agency kind)."),
        _option("--select", multiple=True,
                help="只检查这些代码或类别，逗号分隔，如 P,C001；取代配置的 select (codes or prefixes)."),
        _option("--extend-select", multiple=True,
                help="在 select 之外再检查这些代码或类别 (codes or prefixes added to the selection)."),
        _option("--ignore", multiple=True, help="不检查这些代码或类别；追加到配置的 ignore (codes or prefixes to skip)."),
        _option("--fail-on", type=click.Choice(["error", "warning", "info"]),
                help="达到此级别的问题时退出码为1，默认 error (lowest severity that fails the run; default error)."),
        _option("--exit-zero", is_flag=True,
                help="发现问题时也以0退出（无法读取的文件仍为2）(exit 0 even with findings; 2 stays for errors)."),
        _option("--lang", type=click.Choice(["zh", "en"]), help="消息语言，默认 zh (language; default zh)."),
        _option("--previous", "previous", type=A_FILE,
                help="上一年度的报告，用于核对结转、现行有效件数和内容雷同 (last year's report: T030–T032)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _checker(shared: dict):
    """Configuration, rules and last year's report for the run (checker/run.py), from the options of
    ``_check_options`` (``exit_zero`` is the CLI's own)."""
    from checker.config import Overrides
    from checker.run import Checker

    cli = Overrides(select=tuple(_split_codes(shared["select"])), extend_select=tuple(_split_codes(shared["extend_select"])),
                    ignore=tuple(_split_codes(shared["ignore"])), fail_on=shared["fail_on"], year=shared["year"],
                    era=shared["era"], agency_kind=shared["agency_kind"], lang=shared["lang"])
    return Checker(cli, shared["config_file"], shared["previous"])


def _exit_status(result, exit_zero: bool) -> int:
    """2 when an input could not be read; else 1 when a finding reaches its file's fail level, unless
    --exit-zero (CI jobs that only report)."""
    if result.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if result.fails() and not exit_zero else EXIT_OK


# --- fixes: `ogi-check fix` and `check --diff` (checker/fixes) ------------------------------------------

_FIX_OPTIONS = [
    _option("--unsafe-fixes", is_flag=True,
            help="也采用需人工确认的修改建议（如表格数值、电话号码）(apply the suggestions too, not only the safe fixes)."),
]


def _diff_options(func):
    """``check --diff`` (print what ``fix`` would change in text reports; write nothing) and ``--unsafe-fixes``."""
    for option in reversed([_option("--diff", is_flag=True,
                                    help="显示自动修复会对 .txt/.md 报告作的修改（统一差异格式），不写入文件 "
                                         "(print the fixes as a unified diff; nothing is written)."),
                            *_FIX_OPTIONS]):
        func = option(func)
    return func


def _check_diff(paths, shared: dict) -> None:
    """The diff of the safe fixes of every text report; exit status as `check` on the reports as they are."""
    from checker.fixes.fixer import fix_or_error, is_text
    from checker.run import expand_paths

    checker = _checker(shared)
    files, errors, passed_over = expand_paths(paths)
    for note in passed_over:  # the same report in another form beside it: an info line, exit status as before
        _echo_error(str(note))
    result = checker.run(files, errors)
    for exc in result.errors:
        _echo_error(str(exc))
    lang = shared["lang"] or result.lang or "zh"
    fixable = 0
    for path in files:
        if not is_text(path):
            continue
        fixed = fix_or_error(checker, path, shared["unsafe_fixes"])
        if isinstance(fixed, CheckerError):
            continue  # already named above, by the run
        from checker.fixes.text import unified_diff

        click.echo(unified_diff(path, fixed.before, fixed.after), nl=False)
        fixable += len(fixed.fixed)
    word = [f for f in files if not is_text(f) and f.lower().endswith(".docx")]
    if lang == "en":
        _echo_error(f"Would fix {fixable} problem(s); nothing was written." + (
            f" Word reports ({len(word)}) are fixed as tracked changes: ogi-check fix FILE.docx -o OUT.docx." if word else ""))
    else:
        _echo_error(f"可自动修复 {fixable} 个问题（--diff 只显示修改，未写入文件）。" + (
            f"Word 报告（{len(word)} 个）请用 ogi-check fix 文件.docx -o 新文件.docx 写成修订。" if word else ""))
    sys.exit(_exit_status(result, shared["exit_zero"]))


@main.command()
@_argument("path")
@_option("--output", "-o", type=A_FILE,
         help="修复后的新文件（不能是原文件）(the fixed copy; never the input).")
@_option("--in-place", is_flag=True,
         help="直接改写 .txt/.md 原文件（Word 文件不会被覆盖）(rewrite a text report itself; never a .docx).")
@_FIX_OPTIONS[0]
@_check_options
def fix(path, output, in_place, unsafe_fixes, **shared) -> None:
    """自动修复能确定改法的问题：文本报告另存修复稿，Word 报告另存为带修订和批注的副本
    (fix what can be fixed: a fixed copy of a text report, tracked changes in a copy of a Word report)."""
    from checker.fixes.fixer import FIXABLE_KINDS, fix_file, is_text

    suffix = suffix_of(path).lower()
    if suffix not in FIXABLE_KINDS:
        raise CheckerError(path, "error: 只能修复 .txt、.md 和 .docx 报告；其他格式请修改原稿后再检查 "
                                 "(fix takes .txt, .md or .docx)")
    if in_place and not is_text(path):
        raise CheckerError(path, "error: Word 原文件不会被改写，请用 -o 另存修订稿 (a .docx is never rewritten; use -o)")
    if in_place == bool(output):
        raise CheckerError(path, "error: 请用 -o 指定修复后的新文件，或对文本报告用 --in-place 直接改写 "
                                 "(give -o OUT, or --in-place for a text report)")
    if output and not is_text(path) and suffix_of(output).lower() != ".docx":
        raise CheckerError(output, "error: 输出文件应以 .docx 结尾 (the output must be a .docx file)")
    if output and os.path.abspath(output) == os.path.abspath(path):
        raise CheckerError(output, "error: 输出文件不能是原文件；文本报告可用 --in-place 直接改写 "
                                   "(the output must differ from the input; --in-place rewrites a text report)")
    _refuse_overwriting(output, "-o", [path], shared)
    checker = _checker(shared)
    target = output or path
    fixed = fix_file(checker, path, unsafe_fixes, shown=target)
    _write_output(target, fixed.data)
    _report_fixes(fixed, target, shared, unsafe_fixes)


def _report_fixes(fixed, target: str, shared: dict, unsafe: bool) -> None:
    """What was changed, what is left (as `check` would list it), one summary sentence; exit as `check`."""
    from checker.fixes.fixer import is_text
    from checker.formatters import FORMATTERS

    assert fixed.result is not None
    lang = shared["lang"] or fixed.result.lang or "zh"
    text = is_text(fixed.path)
    for e in fixed.made:
        codes = ",".join(e.codes)
        if lang == "en":
            click.echo(f"{target}:{e.line}:{e.column}: {codes} {'fixed' if text else 'tracked change'}: "
                       f"\"{e.old}\" -> \"{e.new}\"")
        else:
            click.echo(f"{target}:{e.line}:{e.column}: {codes} {'已修改' if text else '已写成修订'}：“{e.old}”→“{e.new}”")
    click.echo(FORMATTERS["text"](fixed.remaining, files_checked=1, lang=lang, quiet=True), nl=False)
    n_fixed, left = len(fixed.fixed), len(fixed.remaining)
    hint = len(fixed.suggestions) if not unsafe else 0
    if lang == "en":
        done = "fixed" if text else "written as tracked changes"
        click.echo(f"Found {n_fixed + left} problem(s) ({n_fixed} {done}, {left} remaining) in {target}."
                   + (f" {hint} more have a suggested fix to review: --unsafe-fixes applies them." if hint else ""))
    else:
        done = "已修复" if text else "已写成修订"
        rest = f"剩余 {left} 个" + ("" if text or not left else "，已写成批注")
        click.echo(f"共发现 {n_fixed + left} 个问题（{done} {n_fixed} 个，{rest}）：{target}。"
                   + (f"其中 {hint} 个有修改建议，需人工确认；加 --unsafe-fixes 可一并修改。" if hint else ""))
    for f in fixed.unfixed + fixed.new:  # the fixer checks its own work; say so if it ever fails
        _echo_error(f"{target}:{f.line}:{f.column}: 注意：修复后仍有或新出现 {f.code}，请人工核对 "
                    "(a fix left or caused this finding; please review)")
    sys.exit(_exit_status(fixed.result, shared["exit_zero"]))


@main.command()
@_argument("paths", nargs=-1, required=True)
@_option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="text", show_default=True,
         help="输出格式 (output format).")
@_option("--output", "-o", type=A_FILE,
         help="把结果写入文件而不是标准输出 (write the output to FILE).")
@_option("--statistics", is_flag=True, help="最后列出每个代码的问题数 (counts per code after the output).")
@_option("--quiet", "-q", is_flag=True, help="只输出问题行，不引用原文、不汇总 (finding lines only).")
@_option("--color", "color_choice", type=click.Choice(["auto", "always", "never"]), default="auto",
         show_default=True, help="文本输出着色；auto 仅在终端且未设置 NO_COLOR 时 (colour the text output).")
@_check_options
@_diff_options
@_option("--no-excerpt", is_flag=True, help="文本输出不引用原文行 (do not quote the line).")
@_option("--baseline", "baseline_file", type=A_FILE,
         help="不报告基线文件中已记录的问题 (hide the findings recorded in this baseline file).")
@_option("--write-baseline", "write_baseline_file", type=A_FILE,
         help="把当前的全部问题记录为基线并以0退出 (record the current findings as the baseline; exit 0).")
@_option("--jobs", "-j", type=click.IntRange(0, 64), default=1, show_default=True,
         help="并行检查的进程数，0 表示按 CPU 数 (processes for a batch; 0 = one per CPU).")
@_option("--overview", "overview_file", type=A_FILE,
         help="另把批量概览（每份报告一行、每项要求一列）写入 .xlsx 或 .csv 文件 (the batch overview as .xlsx or .csv).")
def check(paths, fmt, output, statistics, quiet, color_choice, no_excerpt, baseline_file, write_baseline_file, jobs,
          **shared) -> None:
    """检查报告文件或目录 (check report files or folders)."""
    if shared.pop("diff"):
        _check_diff(paths, shared)
    shared.pop("unsafe_fixes")
    from checker.formatters import FORMATTERS
    from checker.run import apply_baseline, expand_paths

    checker = _checker(shared)
    if jobs != 1 and (len(paths) > 1 or os.path.isdir(paths[0])):  # a batch, perhaps: the workers start up
        checker.start_workers(jobs)  # while the paths are expanded
    try:
        files, errors, passed_over = expand_paths(paths)
        for note in passed_over:  # the same report in another form beside it: an info line, exit status as before
            _echo_error(str(note))
        _refuse_overwriting(output, "--output", files, shared, baseline_file)
        _refuse_overwriting(write_baseline_file, "--write-baseline", files, shared)
        overview_file = _overview_target(shared.pop("overview_file"), files, shared, baseline_file, output)
        known = None
        if baseline_file:  # a broken one stops the run before any check
            from checker.baseline import read_baseline  # here: a run without a baseline does not import hashing

            known = read_baseline(baseline_file)
        result = checker.run(files, errors, jobs=jobs, keep_documents=fmt == "html",
                             progress=lambda items: _progress(items, quiet))
    finally:
        checker.stop_workers()  # those the run did not take (a single file, a usage error)
    for exc in result.errors:
        _echo_error(str(exc))
    lang = shared["lang"] or result.lang or "zh"
    if write_baseline_file:
        from checker.baseline import write_baseline

        write_baseline(write_baseline_file, result.findings)
        click.echo(f"已把 {len(result.findings)} 个问题记录到基线 {write_baseline_file}" if lang == "zh"
                   else f"Recorded {len(result.findings)} findings in the baseline {write_baseline_file}")
        sys.exit(EXIT_ERROR if result.errors else EXIT_OK)
    if known is not None:
        apply_baseline(result, known, baseline_file)
        hidden = result.hidden_by_baseline
        if hidden and not quiet and fmt == "text":
            _echo_error(f"基线中已有的 {hidden} 个问题未列出 ({hidden} findings in the baseline not shown)")
    if overview_file:
        _write_overview(overview_file, result)
    color = _use_color(color_choice, output)
    report = FORMATTERS[fmt](result.findings, files_checked=result.checked, lang=lang, show_excerpt=not no_excerpt,
                             rules=result.rules, documents=result.documents, applicable=result.applicable,
                             quiet=quiet, color=color, files_unchecked=len(result.errors),
                             about=result.about, errors=result.errors)  # the batch overview's rows
    _emit(report, output, fmt, result, lang, statistics, quiet, color)
    sys.exit(_exit_status(result, shared["exit_zero"]))


def _progress(files: list[str], quiet: bool):
    """The files of a batch, with a progress bar on stderr when a person is watching it (stderr is a
    terminal); never in pipes, CI logs or with --quiet, where it would only be noise."""
    if quiet or len(files) < 2 or not sys.stderr.isatty():
        return files
    return _bar(files)


def _bar(files: list[str]):
    with click.progressbar(files, label="检查中 (checking)", file=sys.stderr, show_pos=True) as bar:
        yield from bar


@main.command()
@_argument("path")
@_option("--output", "-o", required=True, type=A_FILE,
         help="批注后的新文件（必填，不能是原文件）(the annotated copy; required, never the input).")
@_check_options
def annotate(path, output, **shared) -> None:
    """把问题写成 Word 批注，另存为新的 .docx (write the findings into a copy of a .docx as Word comments)."""
    from checker.run import annotated_copy

    if suffix_of(path).lower() != ".docx":
        raise CheckerError(path, "error: 只能为 Word (.docx) 文件添加批注 (annotate takes a .docx file)")
    if suffix_of(output).lower() != ".docx":
        raise CheckerError(output, "error: 输出文件应以 .docx 结尾 (the output must be a .docx file)")
    if os.path.abspath(output) == os.path.abspath(path):
        raise CheckerError(output, "error: 输出文件不能是原文件，原文件不会被修改 (the output must differ from the input)")
    _refuse_overwriting(output, "-o", [path], shared)
    checker = _checker(shared)
    annotated, result = annotated_copy(checker, path)
    _write_output(output, annotated)
    click.echo(f"已把 {len(result.findings)} 个问题写成批注：{output}" if result.lang == "zh"
               else f"Wrote {len(result.findings)} findings as comments to {output}")
    sys.exit(_exit_status(result, shared["exit_zero"]))


def _refuse_overwriting(output, option: str, inputs, shared: dict, *more) -> None:
    """An output file must not be any file the user gave to be read: an input, --previous, --config or
    --baseline (the same file: hard and symbolic links count)."""
    if not output:
        return
    from checker.files import clashing_input

    given = [*inputs, shared.get("previous"), shared.get("config_file"), *more]
    clash = clashing_input(output, given)
    if clash is not None:
        raise CheckerError(output, f"error: {option} 会覆盖要读取的文件 {clash}，不会写入 "
                                   "(the output is a file given to be read; nothing written)")


def _write_output(output: str, data) -> None:
    """Write a command's output file (text as UTF-8) atomically; a failure is one line and exit status 2
    and leaves no partial file."""
    from checker.files import FileProblem, write_atomic

    try:
        write_atomic(output, data if isinstance(data, bytes) else data.encode("utf-8"))
    except FileProblem as exc:
        raise CheckerError(output, f"error: 无法写入输出文件 (cannot write output): {exc}") from None


@main.command()
@_option("--force", is_flag=True, help="覆盖已有的配置文件 (overwrite an existing file).")
def init(force: bool) -> None:
    """在当前目录写一个带注释的 .ogi-check.yaml 配置文件 (write a commented starter config here)."""
    from checker.config import STARTER, YAML_NAME

    from checker.files import FileProblem, write_atomic

    if os.path.lexists(YAML_NAME) and not force:  # a file, or a link even a dangling one
        raise CheckerError(YAML_NAME, "error: 文件已存在，加 --force 覆盖 (already exists; use --force to overwrite)")
    try:
        write_atomic(YAML_NAME, STARTER.encode("utf-8"))
    except FileProblem as exc:
        raise CheckerError(YAML_NAME, f"error: 无法写入 (cannot write): {exc}") from None
    click.echo(f"已写入 {YAML_NAME} (wrote {YAML_NAME})")


def _use_color(choice: str, output) -> bool:
    """Colour the text output on stdout (never into --output): forced, or on a terminal when NO_COLOR
    (https://no-color.org) is unset."""
    if output:
        return False
    if choice != "auto":
        return choice == "always"
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def _emit(report, output, fmt, result, lang, statistics, quiet, color) -> None:
    """--output FILE gets exactly the formatter's output; stdout then shows the summary line and the
    statistics. Without it, stdout gets the output, and statistics follow it (on stderr after a machine
    format, so stdout stays parseable)."""
    stats = ""
    if statistics:  # imported only when asked for: a plain run imports the one formatter it prints with
        from checker.formatters.statistics import format_statistics

        stats = format_statistics(result.findings, rules=result.rules)
    if output:
        _write_output(output, report)
        if not quiet:
            from checker.formatters.text import summary_line

            click.echo(summary_line(result.findings, result.checked, lang, len(result.errors)))
        click.echo(stats, nl=False)
        return
    click.echo(report, nl=False, color=color or None)
    click.echo(stats, nl=False, err=fmt != "text")


@main.command()
@_argument("path")
def render(path: str) -> None:
    """打印报告的纯文本版本及行号，用于对照问题所在行 (print the plain-text rendition with line numbers)."""
    from checker.run import read_report

    doc = read_report(path)
    # Text whose layout was recovered is shown as the checker reads it, each line numbered with the line
    # of the file it starts on: the numbers are those findings give.
    numbers = [doc.locate(n, 1)[0] for n in range(1, len(doc.lines) + 1)]
    width = len(str(max(numbers, default=0)))
    page = None
    for number, (shown, line) in enumerate(zip(numbers, doc.lines), start=1):
        # A PDF's page marks stand between the lines, unnumbered: the numbers stay those findings give.
        if doc.pages.get(number, page) != page:
            page = doc.pages[number]
            click.echo(f"--- 第 {page} 页 ---")
        click.echo(f"{shown:>{width}}  {line}")


_CONFIG_OPTION = _option("--config", "config_file", type=A_FILE,
                         help="使用此配置文件，不再向上查找 (use this config file instead of searching for one).")


@main.command(name="rules")
@_option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@_CONFIG_OPTION
def list_rules(lang: str, config_file) -> None:
    """列出全部规则，含配置文件 rule-dirs 中的规则 (list every rule, with the configuration's own rule folders)."""
    for r in _all_rules(config_file):
        eras = ",".join(r.applies.get("eras", ERAS))
        click.echo(f"{r.code}  {r.name:<40} {r.severity:<8} {eras:<15} {r.summary.get(lang) or r.summary['zh']}")


def _all_rules(config_file) -> list:
    """The built-in rules and those of the rule-dirs of the configuration that governs the current
    folder (or --config): what `check` would run here, before selection."""
    from checker.run import rules_here

    return rules_here(config_file)


@main.command()
@_argument("code")
@_option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@_CONFIG_OPTION
def explain(code: str, lang: str, config_file) -> None:
    """解释一条规则：内容、理由、法律依据和示例 (explain a rule)."""
    from checker.explain import explain_rule

    rules = {r.code: r for r in _all_rules(config_file)}
    rule = rules.get(code.strip().upper())
    if rule is None:
        raise CheckerError(code, "error: 没有这条规则 (unknown rule code); 用 `ogi-check rules` 查看全部规则")
    click.echo(explain_rule(rule, lang), nl=False)


@main.command()
@_argument("path")
@_option("--format", "fmt", type=click.Choice(["json", "yaml", "csv"]), default="json", show_default=True,
         help="输出格式；json 符合 rules/schema/extract.json (output format).")
@_option("--year", type=click.IntRange(2000, 2100), help="报告年度，覆盖从标题识别的年度 (report year).")
@_option("--era", type=click.Choice(ERAS), help="格式时期：2007 / 2019 / 2021 (format era).")
@_option("--agency-kind", type=click.Choice(["government", "department"]),
         help="机关类型：人民政府或政府部门 (agency kind).")
def extract(path: str, fmt: str, year, era, agency_kind) -> None:
    """输出报告的统计表和基本事实（年度、格式、机关、统计期限、联系方式、发布日期）(print the tables and facts)."""
    from checker.analysis import analyse
    from checker.export import export
    from checker.facts import ReportOptions
    from checker.run import read_report

    report = analyse(read_report(path), ReportOptions(year=year, era=era, agency_kind=agency_kind))
    click.echo(export(report, fmt), nl=False)


# --- ogi-check serve: the editor's desk in a browser (checker/web/, the optional extra "web") -------------------

@main.command()
@_option("--host", default="127.0.0.1", show_default=True,
         help="监听地址；默认只允许本机访问 (address to listen on; default: this machine only).")
@_option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
         help="端口，0 表示任选一个空闲端口 (port; 0 picks a free one).")
@_option("--config", "config_file", type=A_FILE,
         help="检查上传报告时使用的配置文件 (the configuration every upload is checked with).")
@_option("--max-files", type=click.IntRange(1, 1000), default=50, show_default=True,
         help="一次最多上传的文件数 (files per request).")
@_option("--max-mb", type=click.IntRange(1, 2048), default=100, show_default=True,
         help="一次上传的总大小上限（MB）(request size limit, MB).")
def serve(host: str, port: int, config_file, max_files: int, max_mb: int) -> None:
    """在浏览器中检查报告：启动本机网页服务并显示地址 (check reports in a browser: start a local web page)."""
    import ipaddress
    import socket

    try:  # imported here: a plain `check` never loads the web framework
        import uvicorn

        from checker.web.app import Limits, create_app
    except ImportError as exc:
        raise CheckerError("serve", f"error: 缺少网页组件 {exc.name}，请安装：pip install 'ogi-check[web]' "
                                    "(the web extra is not installed)") from None
    if config_file:
        from checker.run import Checker

        Checker(config_file=config_file)  # a broken configuration stops here, not at the first upload
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        _echo_error(f"警告：监听 {host}，本机以外的电脑也能访问并上传文件；只在可信的内部网络中这样做 "
                    "(warning: not loopback, other machines can reach this page)")
    try:
        info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(info[0], socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(info[4])
    except OSError as exc:
        raise CheckerError(f"{host}:{port}", f"error: 无法监听 (cannot listen): {exc.strerror or exc}") from None
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    click.echo(f"ogi-check 网页已启动：http://{shown}:{bound_port}/ （在浏览器中打开；按 Ctrl+C 停止）")
    sys.stdout.flush()
    app = create_app(Limits(max_files=max_files, max_mb=max_mb), config_file)
    # No access log: the page's requests are all "POST /check"; nothing of a report reaches a log.
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, server_header=False))
    server.run(sockets=[sock])


def _overview_target(overview_file, files, shared: dict, baseline_file, output):
    """``check --overview FILE``: a .csv or .xlsx that is none of the files given to be read (or --output)."""
    if not overview_file:
        return None
    from checker.formatters.overview import OVERVIEW_SUFFIXES

    if suffix_of(overview_file).lower() not in OVERVIEW_SUFFIXES:
        raise CheckerError(overview_file, "error: --overview 的文件应以 .xlsx 或 .csv 结尾 "
                                          "(the overview is written as .xlsx or .csv)")
    if output and os.path.abspath(output) == os.path.abspath(overview_file):
        raise CheckerError(overview_file, "error: --overview 与 --output 不能是同一个文件 (same file as --output)")
    _refuse_overwriting(overview_file, "--overview", files, shared, baseline_file)
    return overview_file


def _write_overview(overview_file: str, result) -> None:
    from checker.formatters.overview import overview_file as overview_bytes

    data = overview_bytes(suffix_of(overview_file).lower(), result.findings, result.applicable, result.about,
                          result.errors)
    _write_output(overview_file, data)


if __name__ == "__main__":  # pragma: no cover
    main()
