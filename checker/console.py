"""The ``ogi-check`` console script: the command line (checker/cli.py), started without the collector and
ended without tearing the interpreter down.

Start-up makes only objects that live as long as the process: modules, classes, click's commands, compiled
patterns, the rules. With the cyclic garbage collector on, each of the ~40 collections an import-heavy start
triggers walks all of them again for nothing to free. So the imports run with it off, and what they made is
then frozen (``gc.freeze``: moved where later collections do not look) before it is turned back on for the
reports, whose own objects it still collects (``checker.analysis.collector_paused`` pauses it per file).

msgspec (the records of the model) imports typing_extensions when it is installed (python-docx and jsonschema
bring it), to read type hints when it decodes JSON into typed records: ogi-check never asks that of it (the rule
cache decodes into plain dicts), and the module is 3 % of a cold check. So the console script, a process of its
own, imports msgspec with typing_extensions hidden (``_import_msgspec``), and msgspec takes typing's functions,
as it does wherever typing_extensions is not installed; a program that imports checker gets msgspec as it is.

At the end, freeing those ~200 modules one object at a time is ~16 M instructions (3 % of a cold check) that
the operating system does at once. So once the command has returned and its output is flushed, a run that
left nothing behind to finish (no thread, no worker process, no logging) ends with ``os._exit``, as mypy's
does; otherwise, and whenever flushing fails, it exits the ordinary way.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn, Union


def main() -> NoReturn:
    """The console script: the command line, then the process ends with its exit status."""
    try:
        command_line()
    except SystemExit as stop:
        end(stop.code)
    end(0)


def command_line() -> None:
    """The command line (raises SystemExit, as click does), its imports made without the collector."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        _import_msgspec()
        from checker.cli import main as command
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
    command(prog_name="ogi-check")


def _import_msgspec() -> None:
    """msgspec without typing_extensions (see the module's docstring), unless either is imported already;
    should a msgspec need it, it is imported as it is."""
    if "msgspec" in sys.modules or "typing_extensions" in sys.modules:
        return
    sys.modules["typing_extensions"] = None  # type: ignore[assignment]  # import raises ModuleNotFoundError
    try:
        import msgspec  # noqa: F401
    except ImportError:
        for name in [m for m in sys.modules if m == "msgspec" or m.startswith("msgspec.")]:
            del sys.modules[name]  # half-imported: the next import starts afresh, with typing_extensions
    finally:
        del sys.modules["typing_extensions"]


def end(code: Union[int, str, None]) -> NoReturn:
    """Exit with ``code`` as ``sys.exit`` would: at once when nothing is left to finish, else the ordinary way."""
    if not _nothing_left_to_finish():
        raise SystemExit(code)
    try:
        if code is not None and not isinstance(code, int):
            print(code, file=sys.stderr)  # sys.exit("message"): the message on stderr, status 1
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe or stream: Python's own exit reports it as it always does
        raise SystemExit(code if isinstance(code, int) or code is None else 1) from None
    os._exit(0 if code is None else code & 0xFF if isinstance(code, int) else 1)


def _nothing_left_to_finish() -> bool:
    """No thread but this one, no worker process, no logging handler to flush at exit, no web desk."""
    if any(name in sys.modules for name in ("multiprocessing", "logging", "concurrent.futures", "checker.web")):
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1
