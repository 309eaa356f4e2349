"""Are the outputs unchanged? Save every output of the checker on every fixture, change the code, compare.

    python benchmarks/same_outputs.py save /tmp/before      before a change (from the checkout, PYTHONPATH=.)
    python benchmarks/same_outputs.py compare /tmp/before   after it: lists every output that differs, exit 1

A speed change must leave what users see byte-identical. The inputs: every report under fixtures/ (.txt and
.md as they are, and each also as .docx, Word-like .docx and .html made by tests/support, the forms the
readers take), the corpus's lost-layout variants (flattened and hard-wrapped, tests/support/layoutforms.py)
and the seed report when ../shared/seed exists. The outputs: `--format json` and `--format text` of each,
through the in-process CLI (tests/support/cli.py), so a run over ~400 inputs takes a minute or two.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def inputs(folder: Path) -> list[Path]:
    """Write every input form into ``folder``; the paths, in a stable order."""
    from tests.support.convert import to_docx_bytes, to_html
    from tests.support.layoutforms import VARIANTS
    from tests.support.pdfs import word_docx_bytes

    sources = sorted(p for p in (ROOT / "fixtures").rglob("*") if p.suffix in (".txt", ".md"))
    seed = ROOT.parent / "shared" / "seed"
    if seed.is_dir():
        sources += sorted(seed.glob("*.txt"))
    made: list[Path] = []
    for source in sources:
        name = "__".join(source.relative_to(source.parents[1]).with_suffix("").parts)
        text = source.read_text(encoding="utf-8")
        forms: dict[str, bytes] = {source.suffix: text.encode("utf-8")}
        if source.suffix == ".txt" and "fixtures/rules" not in source.as_posix():
            forms[".docx"] = to_docx_bytes(text)
            forms[".word.docx"] = word_docx_bytes(text)
            forms[".html"] = to_html(text).encode("utf-8")
            for variant, make in VARIANTS.items():
                forms["." + re.sub(r"\W+", "-", variant) + ".txt"] = make(text).encode("utf-8")
        for suffix, data in forms.items():
            path = folder / f"{name}{suffix}"
            path.write_bytes(data)
            made.append(path)
    return made


def outputs(paths: list[Path]) -> dict[str, str]:
    from tests.support.cli import invoke

    seen: dict[str, str] = {}
    for path in paths:
        for fmt in ("json", "text"):
            result = invoke("check", "--format", fmt, str(path))
            seen[f"{path.name} {fmt}"] = f"exit {result.exit_code}\n{result.output}".replace(str(path.parent), "DIR")
    return seen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        seen = outputs(inputs(Path(work)))
    if args.action == "save":
        args.folder.mkdir(parents=True, exist_ok=True)
        for key, text in seen.items():
            (args.folder / key.replace(" ", ".")).write_text(text, encoding="utf-8")
        print(f"{len(seen)} outputs saved in {args.folder}")
        return 0
    differ = []
    for key, text in seen.items():
        saved = args.folder / key.replace(" ", ".")
        if not saved.exists() or saved.read_text(encoding="utf-8") != text:
            differ.append(key)
    missing = {p.name for p in args.folder.iterdir()} - {k.replace(" ", ".") for k in seen}
    for key in differ:
        print(f"differs: {key}")
    for name in sorted(missing):
        print(f"no longer made: {name}")
    print(f"{len(seen)} outputs compared, {len(differ)} differ")
    return 1 if differ or missing else 0


if __name__ == "__main__":
    sys.exit(main())
