"""The ``ogi-check`` console script: the command line (checker/cli.py), started without the collector.

Start-up makes only objects that live as long as the process: modules, classes, click's commands, compiled
patterns, the rules. With the cyclic garbage collector on, each of the ~40 collections an import-heavy start
triggers walks all of them again for nothing to free. So the imports run with it off, and what they made is
then frozen (``gc.freeze``: moved where later collections do not look) before it is turned back on for the
reports, whose own objects it still collects (``checker.analysis.collector_paused`` pauses it per file).
"""

from __future__ import annotations

import gc


def main() -> None:
    enabled = gc.isenabled()
    gc.disable()
    try:
        from checker.cli import main as command
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
    command(prog_name="ogi-check")
