"""Baseline: record the findings a project accepts, by fingerprint, so CI fails only on new ones.

A fingerprint is the code, the path (relative to the baseline file's folder, so the run may start
anywhere) and a hash of the evidence: the finding's line with its white space collapsed, plus the
occurrence index among findings with the same code, path and evidence. Line numbers are not in it,
so it survives lines moving; editing the line, or adding one more identical defect, makes a new one.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from pathlib import Path
from typing import Iterable

from checker.errors import ConfigError
from checker.files import FileProblem, read_regular, write_atomic
from checker.findings import Finding

VERSION = 1


def _evidence(f: Finding) -> str:
    return " ".join((f.excerpt or "").split())


def _path(f: Finding, base: Path) -> str:
    absolute = os.path.abspath(f.path)
    try:
        rel = os.path.relpath(absolute, base)
    except ValueError:  # another drive on Windows
        rel = absolute
    return rel.replace(os.sep, "/")


def fingerprints(findings: Iterable[Finding], base: Path) -> list[tuple[str, Finding]]:
    """(fingerprint, finding) for each finding, in the order given (sort them first: the occurrence
    index counts identical findings by line and column)."""
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    out = []
    for f in findings:
        key = (f.code, _path(f, base), _evidence(f))
        index = counts[key]
        counts[key] += 1
        digest = hashlib.sha256("\0".join((*key, str(index))).encode("utf-8")).hexdigest()
        out.append((f"{f.code}:{digest[:32]}", f))
    return out


def _base(path: str) -> Path:
    return Path(os.path.abspath(path)).parent


def write_baseline(path: str, findings: list[Finding]) -> None:
    """Write the baseline file (JSON, sorted, one entry a finding; line and message are for people)."""
    base = _base(path)
    entries = [{"fingerprint": fp, "code": f.code, "path": _path(f, base), "line": f.line, "message": f.message}
               for fp, f in fingerprints(sorted(findings, key=Finding.sort_key), base)]
    data = {"tool": "ogi-check", "version": VERSION, "findings": entries}
    try:
        write_atomic(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    except FileProblem as exc:
        raise ConfigError(path, f"error: 无法写入基线文件 (cannot write baseline): {exc}") from None


def read_baseline(path: str) -> set[str]:
    """The fingerprints of a baseline file; ConfigError (one line) when it is missing or malformed."""
    if not os.path.lexists(path):
        raise ConfigError(path, "error: 基线文件不存在 (no such baseline file)")
    try:
        text = read_regular(path).decode("utf-8")
    except (FileProblem, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"error: 无法读取基线文件 (cannot read baseline): {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(path, f"error: 基线文件不是有效的 JSON (invalid JSON): line {exc.lineno}: {exc.msg}") from None
    except RecursionError:  # brackets nested 100,000 deep: no baseline ogi-check writes is more than 3 deep
        raise ConfigError(path, "error: 基线文件嵌套过深，不是 ogi-check 写的基线，请用 --write-baseline 重新生成 "
                                "(nested too deeply; not an ogi-check baseline)") from None
    if not isinstance(data, dict) or data.get("tool") != "ogi-check" or not isinstance(data.get("findings"), list):
        raise ConfigError(path, "error: 不是 ogi-check 基线文件 (not an ogi-check baseline; write one with --write-baseline)")
    if data.get("version") != VERSION:
        raise ConfigError(path, f"version: 不支持的基线版本 {data.get('version')!r}，应为 {VERSION} "
                                "(unsupported baseline version)")
    out = set()
    for i, entry in enumerate(data["findings"]):
        fp = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fp, str) or not fp:
            raise ConfigError(path, f"findings[{i}]: 缺少 fingerprint (no fingerprint)")
        out.add(fp)
    return out


def filter_baseline(findings: list[Finding], known: set[str], baseline_path: str) -> tuple[list[Finding], int]:
    """The findings not in the baseline, and how many were hidden."""
    kept = [f for fp, f in fingerprints(sorted(findings, key=Finding.sort_key), _base(baseline_path)) if fp not in known]
    return kept, len(findings) - len(kept)
