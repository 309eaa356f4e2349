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
from checker.formats import ERA_NAMES, ERAS

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
@click.option("--year", type=click.IntRange(2000, 2100), help="报告年度，覆盖从标题识别的年度 (report year).")
@click.option("--era", type=click.Choice(ERAS), help="格式时期：2007 / 2019 / 2021 (format era).")
@click.option("--agency-kind", type=click.Choice(["government", "department"]),
              help="机关类型：人民政府或政府部门 (agency kind).")
@click.option("--select", multiple=True, help="只检查这些代码或类别，逗号分隔，如 P,C001 (codes or prefixes).")
@click.option("--ignore", multiple=True, help="不检查这些代码或类别 (codes or prefixes to skip).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="达到此级别的问题时退出码为1 (lowest severity that fails the run).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="消息语言 (language).")
@click.option("--no-excerpt", is_flag=True, help="文本输出不引用原文行 (do not quote the line).")
def check(paths, fmt, output, statistics, quiet, color_choice, year, era, agency_kind, select, ignore, fail_on, lang,
          no_excerpt) -> None:
    """检查报告文件或目录 (check report files or folders)."""
    from checker.engine import check_document, load_rules, select_rules
    from checker.formatters import FORMATTERS
    from checker.readers import read_document

    try:
        rules = select_rules(load_rules(), _split_codes(select), _split_codes(ignore))
    except CheckerError as exc:
        _echo_error(str(exc))
        sys.exit(EXIT_ERROR)
    files, errors = expand_paths(paths)
    if output and any(Path(output).resolve() == Path(f).resolve() for f in files):
        _echo_error(f"{output}: error: --output 不能是被检查的文件 (the output file is one of the inputs)")
        sys.exit(EXIT_ERROR)
    findings: list[Finding] = []
    applicable: dict[str, list[str]] = {}  # each checked file -> codes of the rules that applied (junit)
    documents: dict = {}  # files with findings -> their Document (only the html page draws reports)
    checked = 0
    options = {k: v for k, v in (("year", year), ("era", era), ("agency_kind", agency_kind)) if v}
    for path in files:
        try:
            doc = read_document(path)
        except InputError as exc:
            errors.append(exc)
            continue
        doc.options.update(options)
        doc_findings = check_document(doc, rules, lang=lang)
        findings.extend(doc_findings)
        applicable[path] = [r.code for r in rules if r.applies_to(doc.facts)]
        if doc_findings and fmt == "html":
            documents[path] = doc
        checked += 1
    for exc in errors:
        _echo_error(str(exc))
    findings.sort(key=Finding.sort_key)
    color = _use_color(color_choice, output)
    report = FORMATTERS[fmt](findings, files_checked=checked, lang=lang, show_excerpt=not no_excerpt, rules=rules,
                             documents=documents, applicable=applicable, quiet=quiet, color=color)
    _emit(report, output, fmt, findings, rules, checked, lang, statistics, quiet, color)
    if errors:
        sys.exit(EXIT_ERROR)
    threshold = SEVERITY_RANK[fail_on]
    sys.exit(EXIT_FINDINGS if any(SEVERITY_RANK[f.severity] >= threshold for f in findings) else EXIT_OK)


def _use_color(choice: str, output) -> bool:
    """Colour the text output on stdout (never into --output): forced, or on a terminal when NO_COLOR
    (https://no-color.org) is unset."""
    if output:
        return False
    if choice != "auto":
        return choice == "always"
    return not os.environ.get("NO_COLOR") and click.get_text_stream("stdout").isatty()


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


@main.command(name="rules")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def list_rules(lang: str) -> None:
    """列出全部规则 (list every rule: code, name, severity, eras)."""
    from checker.engine import load_rules

    try:
        rules = load_rules()
    except CheckerError as exc:
        _echo_error(str(exc))
        sys.exit(EXIT_ERROR)
    for r in rules:
        eras = ",".join(r.applies.get("eras", ERAS))
        click.echo(f"{r.code}  {r.name:<40} {r.severity:<8} {eras:<15} {r.summary.get(lang) or r.summary['zh']}")


@main.command()
@click.argument("code")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def explain(code: str, lang: str) -> None:
    """解释一条规则：内容、理由、法律依据和示例 (explain a rule)."""
    from checker.engine import load_rules
    from checker.explain import explain_rule

    try:
        rules = {r.code: r for r in load_rules()}
    except CheckerError as exc:
        _echo_error(str(exc))
        sys.exit(EXIT_ERROR)
    rule = rules.get(code.strip().upper())
    if rule is None:
        _echo_error(f"{code}: error: 没有这条规则 (unknown rule code); 用 `ogi-check rules` 查看全部规则")
        sys.exit(EXIT_ERROR)
    click.echo(explain_rule(rule, lang), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
