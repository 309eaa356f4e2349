"""Fixing one report: check it, plan its fixes, make them in a copy, and check the copy again.

The copy is checked twice: with the rules as ``check`` runs them (what is left, as ``check OUT`` would
report it) and as the fixes were planned (every fix a finding of its own), which is how the fix proves
itself: each fixed finding is gone from the copy and no finding appears that the input did not have.
Nothing here writes a file; the command line writes the copy it returns.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Optional, Union

import msgspec
from msgspec import Struct, field

from checker.analysis import AnalysedReport, analyse
from checker.engine import check_report
from checker.errors import InputError
from checker.findings import Finding
from checker.fixes.plan import Edit, plan_fixes
from checker.layout import recover
from checker.model import Document
from checker.readers import READERS, read_bytes
from checker.rules import Rule
from checker.run import Checker, RunResult

TEXT_KINDS = (".txt", ".md", ".markdown")
FIXABLE_KINDS = (*TEXT_KINDS, ".docx")


class FixResult(Struct):
    """What fixing one report gave: the fixed copy and an account of it."""

    path: str  # the input
    data: bytes  # the fixed copy (for Word: with tracked changes and comments)
    made: list[Edit]  # the edits made, in reading order
    remaining: list[Finding]  # the copy checked as `check` checks it (for Word: as if every change were accepted)
    suggestions: list[Finding]  # findings with a fix that only --unsafe-fixes applies
    unfixed: list[Finding] = field(default_factory=list)  # fixed findings the copy still has (a bug if any)
    new: list[Finding] = field(default_factory=list)  # findings of the copy the input did not have (a bug if any)
    before: str = ""  # text reports: the text before and after, for the diff
    after: str = ""
    result: Optional[RunResult] = None  # the remaining findings as a run result (the exit status)

    @property
    def fixed(self) -> list[Finding]:
        return [f for e in self.made for f in e.findings]


def is_text(path: str) -> bool:
    return Path(path).suffix.lower() in TEXT_KINDS


def planning_rules(rules: list[Rule]) -> list[Rule]:
    """The rules with every match its own finding: a rule that gathers many matches into one finding
    (F001 past ten places, ``collapse_after``) names only the first, but each needs its own edit."""
    return [msgspec.structs.replace(r, params={k: v for k, v in r.params.items() if k != "collapse_after"})
            if "collapse_after" in r.params else r for r in rules]


def _read(path: str, data: bytes, shown: str) -> Document:
    """The Document of ``data`` read as a file of ``path``'s kind, named ``shown`` in findings."""
    module_name, func_name = READERS[Path(path).suffix.lower()]
    module = __import__(module_name, fromlist=[func_name])
    return recover(getattr(module, func_name)(shown, data))


def _analysed(checker: Checker, path: str, document: Document) -> AnalysedReport:
    return analyse(document, checker.settings_for(path).options, checker.previous_for(path))


def _check(checker: Checker, path: str, report: AnalysedReport, rules: list[Rule]) -> list[Finding]:
    """What Checker.check_file does after reading, for a document read from bytes (the copy is never a file
    before the user has it): the input's settings, its last year's report."""
    settings = checker.settings_for(path)
    return check_report(report, rules, lang=settings.lang, severity_overrides=settings.severity,
                        known_codes=settings.known_codes)


def fix_file(checker: Checker, path: str, unsafe: bool = False, shown: Optional[str] = None) -> FixResult:
    """Fix the report at ``path`` (.txt, .md or .docx) in memory; ``shown`` names the copy in the findings
    left (the output file). Raises InputError when the report cannot be read."""
    shown = shown or path
    settings = checker.settings_for(path)
    rules = {r.code: r for r in settings.rules}
    fix_rules = planning_rules(settings.rules)
    data = read_bytes(path)
    document = _read(path, data, path)
    report = _analysed(checker, path, document)
    findings = _check(checker, path, report, fix_rules)
    plan = plan_fixes(document, findings, rules, unsafe=unsafe, headings=(h.line for h in report.outline.headings))
    before = after = ""
    if is_text(path):
        from checker.fixes.text import apply_to_bytes, decode

        copy, made = apply_to_bytes(data, plan.edits), plan.edits
        before, after = decode(data), decode(copy)
    else:
        from checker.fixes.docx import tracked_copy

        try:  # an edit that cannot be placed is not made: its finding is left, and becomes a comment below
            copy, made, _ = tracked_copy(data, document, plan.edits, rules, settings.lang,
                                         reserved_comments=len(findings))
        except Exception as exc:  # python-docx meets what the reader tolerated: one line, never a traceback
            raise InputError(path, f"无法在副本中写入修订 (cannot write tracked changes: {type(exc).__name__})") from None
    fixed_document = _read(path, copy, shown)
    fixed_report = _analysed(checker, path, fixed_document)
    unfixed, new = _verify(findings, made, _check(checker, path, fixed_report, fix_rules))
    remaining = _check(checker, path, fixed_report, settings.rules)
    if not is_text(path):
        from checker.annotate import annotate_docx
        from checker.fixes.docx import normalise_zip

        copy = normalise_zip(annotate_docx(copy, fixed_document, remaining, rules, settings.lang))
    result = RunResult(files=[path], findings=remaining, checked=1, fail_on={shown: settings.fail_on},
                       rules=settings.rules, lang=settings.lang)
    return FixResult(path, copy, made, remaining, plan.suggestions, unfixed, new, before, after, result)


def _verify(findings: list[Finding], made: list[Edit], again: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """(fixed findings the copy still has, findings of the copy the input did not have): findings compared
    by code, line and column, the column moved by the edits made before it on its line."""
    shifts: dict[int, list[tuple[int, int]]] = {}
    for e in made:
        shifts.setdefault(e.line, []).append((e.end_column, len(e.new) - len(e.old)))

    def moved(f: Finding) -> tuple[str, int, int]:
        return f.code, f.line, f.column + sum(d for end, d in shifts.get(f.line, ()) if end <= f.column)

    fixed = {id(f) for e in made for f in e.findings}
    fixed_places = {moved(f) for f in findings if id(f) in fixed}
    others = Counter(moved(f) for f in findings if id(f) not in fixed)
    unfixed, new = [], []
    for f in again:
        place = (f.code, f.line, f.column)
        if others[place] > 0:
            others[place] -= 1
        elif place in fixed_places:
            unfixed.append(f)
        else:
            new.append(f)
    return unfixed, new


def fix_or_error(checker: Checker, path: str, unsafe: bool = False,
                 shown: Optional[str] = None) -> Union[FixResult, InputError]:
    """fix_file, or the InputError that stopped it (a batch goes on with the other files)."""
    try:
        return fix_file(checker, path, unsafe, shown)
    except InputError as exc:
        return exc
