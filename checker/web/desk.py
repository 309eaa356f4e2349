"""The check behind the web page: a batch of uploaded reports saved in a private temporary folder, checked by
checker.run.Checker exactly as ``ogi-check check`` checks files, each Word draft annotated as ``annotate`` does.

Nothing here knows HTTP. A name the browser sent is never a path: each upload is saved as ``<n><suffix>`` in a
folder of its own (mode 700, made for this request and removed when the answer is ready), and the name is
only shown (escaped) in the page. Findings and errors name the upload, not the temporary file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import PurePath, PureWindowsPath
from typing import Optional

from msgspec import Struct, field
from msgspec.structs import replace

from checker.errors import CheckerError, InputError
from checker.readers import SUPPORTED_EXTENSIONS
from checker.run import Checker, RunResult

# The checker's caches (rules, label matchers) live in the process; one check at a time keeps them, the memory
# and the answers of concurrent uploads apart. A local desk for one office needs no more.
_CHECK_LOCK = threading.Lock()

# Without --config the web page must not pick up a configuration file that happens to sit above the temporary
# folder (/tmp/.ogi-check.yaml): every request is checked with this neutral one, written into its own folder.
_NEUTRAL_CONFIG = "lang: zh\n"


class Upload(Struct, frozen=True):
    """One file as the browser sent it: the name to show and the bytes."""

    name: str
    data: bytes


class Options(Struct, frozen=True):
    """The form's optional fields: the year and agency kind when the report does not say them."""

    year: Optional[int] = None
    agency_kind: Optional[str] = None


class DeskResult(Struct):
    """What the page shows: the run's result with the uploads' names in place of the temporary paths, the
    commented copy of each Word draft that has findings, and the uploads that could not be checked at all."""

    result: RunResult
    annotated: dict[str, bytes] = field(default_factory=dict)  # shown name → commented .docx
    problems: list[str] = field(default_factory=list)  # one line each: "name: what is wrong"


def shown_name(raw: str) -> str:
    """The last component of what the browser sent (browsers on Windows may send a whole path), for the
    page only; control characters dropped."""
    name = PureWindowsPath(PurePath(raw or "").name).name.strip()
    return "".join(ch for ch in name if ch.isprintable()) or "未命名文件"


def unique_names(uploads: list[Upload]) -> list[str]:
    """Shown names, made distinct ("报告.docx", "报告.docx（2）") so that two files never share a row."""
    seen: dict[str, int] = {}
    out = []
    for u in uploads:
        name = shown_name(u.name)
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}（{seen[name]}）")
    return out


def _suffix(name: str) -> str:
    return PurePath(name).suffix.lower()


def check_uploads(uploads: list[Upload], options: Options = Options(), previous: Optional[Upload] = None,
                  config_file: Optional[str] = None) -> DeskResult:
    """Check ``uploads`` (and last year's report, when given) in a private temporary folder, removed before
    returning. Raises CheckerError only for what stops a whole run (a broken --previous, a broken config)."""
    folder = tempfile.mkdtemp(prefix="ogi-check-web-")  # mode 700: only this user can look in
    try:
        with _CHECK_LOCK:
            return _check_in(folder, uploads, options, previous, config_file)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _save(folder: str, stem: str, upload: Upload) -> str:
    path = os.path.join(folder, stem + _suffix(upload.name))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(upload.data)
    return path


def _check_in(folder: str, uploads: list[Upload], options: Options, previous: Optional[Upload],
              config_file: Optional[str]) -> DeskResult:
    from checker.config import Overrides

    names = unique_names(uploads)
    problems: list[tuple[int, str]] = []  # (upload's position, one line), shown in the order of the uploads
    saved: dict[str, str] = {}  # temporary path → shown name
    position: dict[str, int] = {}
    for n, (name, upload) in enumerate(zip(names, uploads)):
        if _suffix(upload.name) not in SUPPORTED_EXTENSIONS:
            kinds = "、".join(SUPPORTED_EXTENSIONS)
            problems.append((n, f"{name}: 不能检查这种文件，请上传 {kinds} 格式的报告"))
            continue
        path = _save(folder, f"{n:03d}", upload)
        saved[path], position[path] = name, n
    previous_path = None
    if previous is not None:
        if _suffix(previous.name) not in SUPPORTED_EXTENSIONS:
            raise InputError(shown_name(previous.name), "上年报告不是可检查的文件类型 (--previous)")
        previous_path = _save(folder, "previous", previous)
    if config_file is None:
        config_file = os.path.join(folder, ".ogi-check.yaml")
        with open(config_file, "w", encoding="utf-8") as f:
            f.write(_NEUTRAL_CONFIG)
    overrides = Overrides(year=options.year, agency_kind=options.agency_kind)
    try:
        checker = Checker(overrides, config_file, previous_path)
        result = checker.run(list(saved), keep_documents=True)
    except CheckerError as exc:
        shown = {**saved, **({previous_path: shown_name(previous.name)} if previous and previous_path else {})}
        raise _renamed_error(exc, shown) from None
    annotated = _annotate(result, saved)
    problems += [(position.get(e.path, len(uploads)), f"{saved.get(e.path, shown_name(e.path))}: {e.reason}")
                 for e in result.errors]
    return DeskResult(_renamed(result, saved), annotated, [line for _, line in sorted(problems)])


def _annotate(result: RunResult, saved: dict[str, str]) -> dict[str, bytes]:
    """Each Word draft with findings, its findings written as comments (checker/annotate.py, as `annotate`)."""
    from checker.annotate import annotate_docx
    from checker.readers import read_bytes

    rules = {r.code: r for r in result.rules}
    out = {}
    for path, doc in result.documents.items():
        if _suffix(path) != ".docx":
            continue
        mine = [f for f in result.findings if f.path == path]
        out[saved[path]] = annotate_docx(read_bytes(path), doc, mine, rules, result.lang or "zh")
    return out


def _renamed(result: RunResult, saved: dict[str, str]) -> RunResult:
    """The result with every temporary path replaced by the upload's shown name."""
    def name(path: str) -> str:
        return saved.get(path, path)

    findings = [replace(f, path=name(f.path)) for f in result.findings]
    for doc in result.documents.values():
        doc.path = name(doc.path)
    errors: list[CheckerError] = [InputError(name(e.path), e.reason) for e in result.errors]
    return replace(result, files=[name(p) for p in result.files], findings=findings, errors=errors,
                   applicable={name(p): v for p, v in result.applicable.items()},
                   documents={name(p): d for p, d in result.documents.items()},
                   fail_on={name(p): v for p, v in result.fail_on.items()},
                   about={name(p): v for p, v in result.about.items()})


def _renamed_error(exc: CheckerError, saved: dict[str, str]) -> CheckerError:
    """A run-stopping error with the uploads' names instead of temporary paths, wherever they appear."""
    reason = exc.reason
    for path, name in saved.items():
        reason = reason.replace(path, name)
    return type(exc)(saved.get(exc.path, shown_name(exc.path)), reason)
