"""The previous year's report for cross-year checks (``--previous``): read lazily, once per file."""

from __future__ import annotations

import os
from typing import Optional

from checker.model import Document

# (real path, mtime, size) → the document, or None when it could not be read. Bounded: a run
# compares against one previous report, a test suite against a handful.
_CACHE: dict[tuple[str, int, int], Optional[Document]] = {}
_CACHE_SIZE = 16


def previous_document(doc: Document) -> Optional[Document]:
    """The report named by ``doc.options["previous"]``, or None (no option, unreadable, or the same file).

    The CLI validates the path before the run; here a file that cannot be read only means the
    cross-year rules have nothing to compare, so they stay silent instead of aborting the check.
    """
    path = doc.options.get("previous")
    if not path:
        return None
    path = str(path)
    try:
        st = os.stat(path)
    except OSError:
        return None
    real = os.path.realpath(path)
    if real == os.path.realpath(doc.path):
        return None  # a report is not its own previous year
    key = (real, st.st_mtime_ns, st.st_size)
    if key not in _CACHE:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = _load(path)
    return _CACHE[key]


def _load(path: str) -> Optional[Document]:
    from checker.readers import read_document

    try:
        prev = read_document(path)
        prev.facts  # derive once here, so that a file that breaks the pipeline is caught here
        prev.stat_tables
    except Exception:  # noqa: BLE001 - any failure reading the other report means: nothing to compare
        return None
    return prev


def consecutive_years(doc: Document, prev: Document) -> bool:
    """Whether ``prev`` is the report of the year before ``doc``'s (unknown years do not block)."""
    this, last = doc.facts.year, prev.facts.year
    return this is None or last is None or last == this - 1
