"""The rule cache: validated rules kept between runs, so that a run skips YAML, jsonschema and validation."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional


class RuleCache:
    """Validated rules, kept as JSON under ~/.cache/ogi-check (or $XDG_CACHE_HOME, or $OGI_CHECK_CACHE_DIR),
    so that a run skips YAML parsing, jsonschema (its import alone is a third of start-up) and the
    regex checks. The key hashes the rule and schema files, the package's code, the package and
    Python versions; anything else (unwritable folder, a file of another user, a
    stale or corrupt file) falls back to loading the files. OGI_CHECK_NO_CACHE=1 turns it off."""

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
        import hashlib
        import sys

        from checker import __version__

        digest = hashlib.sha256(f"{__version__} {sys.version_info[:2]} {sorted(self.rule_type.__dataclass_fields__)}".encode())
        named = [*files, *((p, p.name) for p in sorted(schema_dir.rglob("*.json")))]
        from checker.files import read_regular

        for path, shown in named:
            data = read_regular(str(path))  # a rule file linked to a FIFO or a device must not hang the key
            digest.update(f"\0{shown}\0{len(data)}\0".encode() + data)
        # The package's code, all of it (kinds validate params with helpers from elsewhere), by size and
        # modification time: reading its 600 KB on every run took a tenth of a cold start.
        for path in sorted(self.package_dir.rglob("*.py")):
            info = path.stat()
            digest.update(f"\0{path.relative_to(self.package_dir)}\0{info.st_size}\0{info.st_mtime_ns}".encode())
        return digest.hexdigest()[:32]

    def _mine(self, path: Path) -> bool:
        return not hasattr(os, "getuid") or path.stat().st_uid == os.getuid()

    def load(self) -> Optional[list[Any]]:
        """The cached rules, or None. The cache is JSON, data only: nothing in it can run code on load."""
        if self.folder is None:
            return None
        import json

        from checker.files import FileProblem, read_regular

        path = self.folder / f"rules-{self.key}.json"
        try:
            if not (path.is_file() and self._mine(self.folder) and self._mine(path)):
                return None
            entries = json.loads(read_regular(str(path)).decode("utf-8"))
            fields = set(self.rule_type.__dataclass_fields__)
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
        import dataclasses
        import json
        import tempfile

        entries = [dataclasses.asdict(r) for r in rules]
        try:
            text = json.dumps(entries, ensure_ascii=False)
            if json.loads(text) != entries:
                return  # a value JSON would change (a tuple, a number as a key): do not cache what would differ
        except (TypeError, ValueError):
            return
        tmp = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.folder, suffix=".tmp", delete=False) as f:
                tmp = f.name
                f.write(text)
            os.replace(tmp, self.folder / f"rules-{self.key}.json")  # atomic: readers never see half
            tmp = None
            old = sorted(self.folder.glob("rules-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
            for stale in old[self.KEEP:]:
                stale.unlink()
        except Exception:  # a read-only home, a full disk, a race with another run: just do not cache
            if tmp:
                Path(tmp).unlink(missing_ok=True)
