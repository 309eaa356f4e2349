"""The rule cache: validated rules kept between runs, so that a run skips YAML, jsonschema and validation."""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from typing import Any, Optional

from checker import memo


class RuleCache:
    """Validated rules, kept as JSON under ~/.cache/ogi-check (or $XDG_CACHE_HOME, or $OGI_CHECK_CACHE_DIR),
    so that a run skips YAML parsing, jsonschema (its import alone is a third of start-up) and the
    regex checks. The key is a stamp of the rule and schema files, the package's code (name, size,
    modification and change time of each), the package and Python versions; anything else (unwritable
    folder, a file of another user, a stale or corrupt file) falls back to loading the
    files. OGI_CHECK_NO_CACHE=1 turns it off."""

    KEEP = 16  # cache files kept: one per rule set in use (built-in, and each set of user folders)

    def __init__(self, files: list[tuple[str, str]], schema_dir: str, package_dir: str, rule_type: type) -> None:
        # The rule class and the package folder come from checker.rules, which this module serves.
        self.rule_type = rule_type
        self.package_dir = package_dir
        self.folder: Optional[str] = None  # paths are strings: pathlib is not imported on a cold check
        if os.environ.get("OGI_CHECK_NO_CACHE"):
            return
        base = os.environ.get("OGI_CHECK_CACHE_DIR") or os.path.join(
            os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "ogi-check")
        from checker.files import FileProblem

        try:
            self.code = _code_stamp(os.fspath(package_dir))
            self.key = self._key(files, schema_dir)
        except (OSError, FileProblem):  # the rule files themselves will say what is wrong when they load
            return
        self.folder = base

    def _key(self, files: list[tuple[str, str]], schema_dir: str) -> str:
        """What the cached rules were made from: the package's code (``_code_stamp``), the rule record's
        fields, then each rule and schema file by name, size, modification and change time. Taken from
        ``stat`` alone: reading and hashing the 600 KB of code and rules, and importing hashlib for it, took a
        tenth of a cold start. The whole stamp is kept in the cache file and compared on load, so the short
        name made from it (``_name``) only chooses the file; a collision of names is a cache miss, never the
        wrong rules."""
        lines = [self.code, str(sorted(self.rule_type.__struct_fields__))]
        named = [*((os.fspath(p), shown) for p, shown in files), *_files_under(os.fspath(schema_dir), ".json")]
        lines.extend(_stat_line(path, shown) for path, shown in named)
        return "\n".join(lines)

    @property
    def path(self) -> str:
        assert self.folder is not None
        return os.path.join(self.folder, f"rules-{_name(self.key)}.json")

    def _mine(self, path: str) -> bool:
        return not hasattr(os, "getuid") or os.stat(path).st_uid == os.getuid()

    def load(self) -> Optional[list[Any]]:
        """The cached rules, or None. The cache is JSON, data only: nothing in it can run code on load."""
        if self.folder is None:
            return None
        self._read_kept_results()
        path = self.path
        kept = self._read(path)
        try:
            if not isinstance(kept, dict) or kept.get("made_from") != self.key:
                return None  # made from other files (or an older layout of the cache)
            entries = kept.get("rules")
            fields = set(self.rule_type.__struct_fields__)
            if not isinstance(entries, list) or not all(isinstance(e, dict) and set(e) == fields for e in entries):
                return None
            rules = [self.rule_type(**e) for e in entries]
        except (ValueError, TypeError):  # of another version
            return None
        try:
            os.utime(path)  # recently used: kept when older cache files are pruned
        except OSError:
            pass
        return rules

    def _read(self, path: str) -> Any:
        """The JSON data of one of this user's cache files, or None (missing, another user's, unreadable, corrupt)."""
        import msgspec

        from checker.files import FileProblem, read_regular

        assert self.folder is not None
        try:
            if not (os.path.isfile(path) and self._mine(self.folder) and self._mine(path)):
                return None
            return msgspec.json.decode(read_regular(path))
        except (OSError, FileProblem, msgspec.DecodeError):
            return None

    def _read_kept_results(self) -> None:
        """The results worked out from the rules in an earlier run (memo.kept_between_runs), from the file of
        this package's code; read once per process. ``keep_results`` writes it after a run."""
        assert self.folder is not None
        if _RESULTS_FILE:
            return
        path = os.path.join(self.folder, f"results-{_name(self.code)}.json")
        _RESULTS_FILE.append((self, path))
        kept = self._read(path)
        if isinstance(kept, dict) and kept.get("made_from") == self.code:
            memo.take_kept(kept.get("results"))

    def save(self, rules: list[Any]) -> None:
        if self.folder is None:
            return
        import msgspec
        import json

        entries = [msgspec.structs.asdict(r) for r in rules]
        try:
            text = json.dumps({"made_from": self.key, "rules": entries}, ensure_ascii=False, allow_nan=False)
            if json.loads(text)["rules"] != entries:
                return  # a value JSON would change (a tuple, a number as a key): do not cache what would differ
        except (TypeError, ValueError):
            return
        self._write(self.path, text, "rules-*.json", self.KEEP)

    def _write(self, path: str, text: str, family: str, keep: int) -> None:
        """Write one cache file at once (readers never see half of it), then prune its family to the ``keep``
        most recently used files."""
        import fnmatch
        import tempfile

        folder = self.folder
        assert folder is not None
        tmp = None
        try:
            os.makedirs(folder, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, suffix=".tmp", delete=False) as f:
                tmp = f.name
                f.write(text)
            os.replace(tmp, path)
            tmp = None
            old = sorted((os.path.join(folder, name) for name in fnmatch.filter(os.listdir(folder), family)),
                         key=lambda p: os.stat(p).st_mtime, reverse=True)
            for stale in old[keep:]:
                os.unlink(stale)
        except Exception:  # a read-only home, a full disk, a race with another run: just do not cache
            if tmp:
                try:
                    os.unlink(tmp)
                except FileNotFoundError:
                    pass


_RESULTS_FILE: list[tuple[RuleCache, str]] = []  # the cache and file the results of this process are kept in


def keep_results() -> None:
    """Write the results worked out from the rules (memo.kept_between_runs) for the next run, when this run
    worked out new ones (the first run of an install, or of new rules); otherwise nothing is written."""
    results = memo.kept_to_save()
    if results is None or not _RESULTS_FILE:
        return
    import json

    cache, path = _RESULTS_FILE[0]
    try:
        text = json.dumps({"made_from": cache.code, "results": results}, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return
    cache._write(path, text, "results-*.json", 4)
    memo.kept_saved()


def _name(stamp: str) -> str:
    """A short file name for a stamp, from Python's hash of integers, which (unlike a string's) is the same in
    every process of one Python version (part of the stamp): zlib's and hashlib's checksums would load a
    shared library (~1 ms) for a name. Two stamps with one name only miss the cache: a file holds its stamp."""
    data = stamp.encode("utf-8", "surrogateescape")
    data = len(data).to_bytes(8, "little") + data + b"\0" * (-len(data) % 8)  # the length: "a" is not "a\0"
    words = memoryview(data).cast("Q")
    return f"{hash(tuple(words)) & 0xFFFFFFFFFFFFFFFF:016x}{hash(tuple(words[::-1])) & 0xFFFFFFFF:08x}"


@lru_cache(maxsize=None)
def _code_stamp(package_dir: str) -> str:
    """What the package's behaviour is made from: its version, the Python version, and each of its code files
    by name, size, modification and change time (the kinds validate params with helpers from elsewhere, so
    all of them)."""
    from checker import __version__

    lines = [f"{__version__} {sys.version_info[:2]}"]
    lines.extend(_stat_line(path, shown) for path, shown in _files_under(package_dir, ".py"))
    return "\n".join(lines)


def _stat_line(path: str, shown: str) -> str:
    info = os.stat(path)  # stat only: a rule file linked to a FIFO or a device cannot hang the key
    return f"{shown}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}"


def _files_under(folder: str, suffix: str) -> list[tuple[str, str]]:
    """Every file ending in ``suffix`` under ``folder`` (path, path relative to it), sorted: os.scandir,
    which is several times faster than pathlib's rglob on the package's 140 modules. The relative path is
    made from the names on the way down: os.path.relpath, which makes both paths absolute each time, was
    two fifths of loading the rules from the cache."""
    found: list[tuple[str, str]] = []
    pending = [(folder, "")]  # a folder and its path relative to ``folder``, with a trailing separator
    while pending:
        current, relative = pending.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        pending.append((entry.path, relative + entry.name + os.sep))
                elif entry.name.endswith(suffix):
                    found.append((entry.path, relative + entry.name))
    return sorted(found, key=lambda item: item[1])
