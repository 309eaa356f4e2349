"""The rule cache: validated rules kept between runs, so that a run skips YAML, jsonschema and validation."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional


class RuleCache:
    """Validated rules, kept as JSON under ~/.cache/ogi-check (or $XDG_CACHE_HOME, or $OGI_CHECK_CACHE_DIR),
    so that a run skips YAML parsing, jsonschema (its import alone is a third of start-up) and the
    regex checks. The key is a stamp of the rule and schema files, the package's code (name, size,
    modification and change time of each), the package and Python versions; anything else (unwritable
    folder, a file of another user, a stale or corrupt file) falls back to loading the
    files. OGI_CHECK_NO_CACHE=1 turns it off."""

    KEEP = 16  # cache files kept: one per rule set in use (built-in, and each set of user folders)

    def __init__(self, files: list[tuple[Path, str]], schema_dir: Path, package_dir: Path, rule_type: type) -> None:
        # The rule class and the package folder come from checker.rules, which this module serves.
        self.rule_type = rule_type
        self.package_dir = package_dir
        self.folder: Optional[Path] = None
        if os.environ.get("OGI_CHECK_NO_CACHE"):
            return
        base = os.environ.get("OGI_CHECK_CACHE_DIR") or os.path.join(
            os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "ogi-check")
        from checker.files import FileProblem

        try:
            self.key = self._key(files, schema_dir)
        except (OSError, FileProblem):  # the rule files themselves will say what is wrong when they load
            return
        self.folder = Path(base)

    def _key(self, files: list[tuple[Path, str]], schema_dir: Path) -> str:
        """What the cached rules were made from: the versions, then each rule, schema and code file by
        name, size, modification and change time. Taken from ``stat`` alone: reading and hashing the 600 KB
        of code and rules, and importing hashlib for it, took a tenth of a cold start. The whole stamp is
        kept in the cache file and compared on load, so the short name made from it (``_name``) only
        chooses the file; a collision of names is a cache miss, never the wrong rules."""
        import sys

        from checker import __version__

        lines = [f"{__version__} {sys.version_info[:2]} {sorted(self.rule_type.__struct_fields__)}"]
        named = [*((str(p), shown) for p, shown in files), *_files_under(str(schema_dir), ".json")]
        # The package's code, all of it: kinds validate params with helpers from elsewhere.
        named += _files_under(str(self.package_dir), ".py")
        for path, shown in named:
            info = os.stat(path)  # stat only: a rule file linked to a FIFO or a device cannot hang the key
            lines.append(f"{shown}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}")
        return "\n".join(lines)

    @property
    def path(self) -> Path:
        assert self.folder is not None
        return self.folder / f"rules-{_name(self.key)}.json"

    def _mine(self, path: Path) -> bool:
        return not hasattr(os, "getuid") or path.stat().st_uid == os.getuid()

    def load(self) -> Optional[list[Any]]:
        """The cached rules, or None. The cache is JSON, data only: nothing in it can run code on load."""
        if self.folder is None:
            return None
        import json

        from checker.files import FileProblem, read_regular

        path = self.path
        try:
            if not (path.is_file() and self._mine(self.folder) and self._mine(path)):
                return None
            kept = json.loads(read_regular(str(path)).decode("utf-8"))
            if not isinstance(kept, dict) or kept.get("made_from") != self.key:
                return None  # made from other files (or an older layout of the cache)
            entries = kept.get("rules")
            fields = set(self.rule_type.__struct_fields__)
            if not isinstance(entries, list) or not all(isinstance(e, dict) and set(e) == fields for e in entries):
                return None
            rules = [self.rule_type(**e) for e in entries]
        except (OSError, FileProblem, ValueError, TypeError):  # unreadable, corrupt, of another version
            return None
        try:
            os.utime(path)  # recently used: kept when older cache files are pruned
        except OSError:
            pass
        return rules

    def save(self, rules: list[Any]) -> None:
        if self.folder is None:
            return
        import msgspec
        import json
        import tempfile

        entries = [msgspec.structs.asdict(r) for r in rules]
        try:
            text = json.dumps({"made_from": self.key, "rules": entries}, ensure_ascii=False)
            if json.loads(text)["rules"] != entries:
                return  # a value JSON would change (a tuple, a number as a key): do not cache what would differ
        except (TypeError, ValueError):
            return
        tmp = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.folder, suffix=".tmp", delete=False) as f:
                tmp = f.name
                f.write(text)
            os.replace(tmp, self.path)  # atomic: readers never see half
            tmp = None
            old = sorted(self.folder.glob("rules-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
            for stale in old[self.KEEP:]:
                stale.unlink()
        except Exception:  # a read-only home, a full disk, a race with another run: just do not cache
            if tmp:
                Path(tmp).unlink(missing_ok=True)


def _name(stamp: str) -> str:
    """A short file name for a stamp, from Python's hash of integers, which (unlike a string's) is the same in
    every process of one Python version (part of the stamp): zlib's and hashlib's checksums would load a
    shared library (~1 ms) for a name. Two stamps with one name only miss the cache: a file holds its stamp."""
    data = stamp.encode("utf-8", "surrogateescape")
    data = len(data).to_bytes(8, "little") + data + b"\0" * (-len(data) % 8)  # the length: "a" is not "a\0"
    words = memoryview(data).cast("Q")
    return f"{hash(tuple(words)) & 0xFFFFFFFFFFFFFFFF:016x}{hash(tuple(words[::-1])) & 0xFFFFFFFF:08x}"


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
