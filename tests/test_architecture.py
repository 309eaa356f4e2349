"""The shape of the house (DESIGN.md): data flows one way, only the CLI prints, every module says what it is."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "checker"

# Modules below the command line: they must not know about click, the formatters or the CLI.
CORE = sorted(
    [PACKAGE / "engine.py", PACKAGE / "analysis.py", PACKAGE / "model.py", PACKAGE / "rules.py", PACKAGE / "run.py"]
    + list((PACKAGE / "kinds").glob("*.py"))
    + list((PACKAGE / "readers").glob("*.py"))
    + list((PACKAGE / "facts").glob("*.py"))
)
FORBIDDEN = ("click", "checker.formatters", "checker.cli")
ALL_MODULES = sorted(PACKAGE.rglob("*.py"))


def _rel(path: Path) -> str:
    return str(path.relative_to(PACKAGE.parent))


def imported_modules(path: Path, root: Path = PACKAGE.parent) -> set[str]:
    """Every module an import statement anywhere in the file names (top level or inside functions);
    relative imports are resolved against the file's package under ``root``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "__import__":
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                names.add(node.args[0].value)
    return names


def _forbidden_in(names: set[str]) -> list[str]:
    return sorted(n for n in names if any(n == f or n.startswith(f + ".") for f in FORBIDDEN))


def test_core_modules_found():
    rels = {_rel(p) for p in CORE}
    assert {"checker/engine.py", "checker/facts/outline.py", "checker/model.py",
            "checker/kinds/__init__.py", "checker/readers/__init__.py", "checker/facts/__init__.py"} <= rels


@pytest.mark.parametrize("path", CORE, ids=_rel)
def test_core_does_not_import_cli_or_formatters(path):
    assert _forbidden_in(imported_modules(path)) == []


def test_import_scanner_sees_the_forbidden_forms(tmp_path):
    # The scanner itself must catch every spelling, or the test above proves nothing.
    pkg = tmp_path / "checker" / "kinds"
    pkg.mkdir(parents=True)
    cases = {
        "import click": ["click"],
        "import click.testing as t": ["click.testing"],
        "from click import echo": ["click", "click.echo"],
        "from checker import cli": ["checker.cli"],
        "from checker import formatters": ["checker.formatters"],
        "from checker.formatters.text import format_text": ["checker.formatters.text",
                                                           "checker.formatters.text.format_text"],
        "from .. import cli": ["checker.cli"],
        "from ..formatters import FORMATTERS": ["checker.formatters", "checker.formatters.FORMATTERS"],
        "def f():\n    import click\n": ["click"],
        "__import__('checker.cli')": ["checker.cli"],
    }
    for source, expected in cases.items():
        f = pkg / "x.py"
        f.write_text(source + "\n", encoding="utf-8")
        names = imported_modules(f, root=tmp_path)
        assert _forbidden_in(names) == sorted(expected), source
    f.write_text("from checker.model import Document\nimport clickhouse\n", encoding="utf-8")
    assert _forbidden_in(imported_modules(f, root=tmp_path)) == []


def test_only_cli_and_main_import_click():
    users = {_rel(p) for p in ALL_MODULES if any(n == "click" or n.startswith("click.") for n in imported_modules(p))}
    assert users <= {"checker/cli.py", "checker/__main__.py"}
    assert "checker/cli.py" in users


@pytest.mark.parametrize("path", ALL_MODULES, ids=_rel)
def test_every_module_has_a_docstring(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    doc = ast.get_docstring(tree)
    assert doc and doc.strip(), f"{_rel(path)} has no module docstring"


# Entry points: the command line, the console script that runs it and ends the process (checker/console.py), and
# the maintainers' generator of docs/rules.md (python -m checker.docsgen).
ENTRY_POINTS = {"checker/cli.py", "checker/console.py", "checker/__main__.py", "checker/docsgen.py"}


def _prints_or_exits(path: Path) -> list[str]:
    """Calls that print or end the process, as "line name()": print, exit, quit, sys.exit, os._exit, click.echo."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else (
            f"{getattr(func.value, 'id', '?')}.{func.attr}" if isinstance(func, ast.Attribute) else "")
        if name in ("print", "exit", "quit", "sys.exit", "os._exit", "click.echo", "click.secho"):
            out.append(f"{node.lineno} {name}()")
    return out


@pytest.mark.parametrize("path", [p for p in ALL_MODULES if _rel(p) not in ENTRY_POINTS], ids=_rel)
def test_only_the_command_line_prints_or_exits(path):
    assert _prints_or_exits(path) == []


def test_print_scanner_sees_the_forms(tmp_path):
    f = tmp_path / "x.py"
    f.write_text("import sys, os\nprint(1)\nsys.exit(2)\nos._exit(3)\nexit()\nlen('x')\n", encoding="utf-8")
    assert _prints_or_exits(f) == ["2 print()", "3 sys.exit()", "4 os._exit()", "5 exit()"]


def test_the_model_imports_nothing_from_the_package():
    assert [n for n in imported_modules(PACKAGE / "model.py") if n.startswith("checker")] == []


def test_import_contracts_hold():
    """The layers and forbidden arrows of [tool.importlinter] in pyproject.toml (import-linter, run in CI too)."""
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert lint, "import-linter is a test dependency: pip install -e '.[test]'"
    done = subprocess.run([lint, "--no-cache"], cwd=PACKAGE.parent, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout
