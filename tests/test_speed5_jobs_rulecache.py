"""The rule cache's stamp lists the files under a folder with their relative paths made from the names on the
way down (issue 12): the same list as os.path.relpath gave, on the package itself and on generated trees."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from checker import rulecache

PACKAGE = Path(rulecache.__file__).resolve().parent


def _files_under_by_relpath(folder: str, suffix: str) -> list[tuple[str, str]]:
    """The former implementation, kept as the oracle."""
    found: list[tuple[str, str]] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        pending.append(entry.path)
                elif entry.name.endswith(suffix):
                    found.append((entry.path, os.path.relpath(entry.path, folder)))
    return sorted(found, key=lambda item: item[1])


def test_the_package_and_its_schemas_are_listed_as_before():
    for folder, suffix in ((str(PACKAGE), ".py"), (str(PACKAGE.parent / "rules" / "schema"), ".json"),
                           (str(PACKAGE) + os.sep, ".py")):
        if os.path.isdir(folder):
            assert rulecache._files_under(folder, suffix) == _files_under_by_relpath(folder, suffix)
    assert len(rulecache._files_under(str(PACKAGE), ".py")) > 50


NAMES = st.sampled_from(["a", "b", "c.py", "d.json", "__pycache__", "e f.py", "报告.py", "x.pyc"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(NAMES, min_size=1, max_size=4), max_size=12))
def test_generated_trees_are_listed_as_before(tmp_path_factory, paths):
    root = tmp_path_factory.mktemp("tree")
    for parts in paths:
        target = root.joinpath(*parts)
        if any(p.is_file() for p in target.parents if p != root and p.is_relative_to(root)):
            continue  # a file where a folder would be
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("x", encoding="utf-8")
    for suffix in (".py", ".json"):
        for folder in (str(root), str(root) + os.sep, os.path.relpath(root)):
            assert rulecache._files_under(folder, suffix) == _files_under_by_relpath(folder, suffix)
