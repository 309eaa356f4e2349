"""Test support: `ogi-check serve` started as the user starts it (a process on a free port, its address read
from its first line), and stopped again."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

ROOT = Path(__file__).resolve().parents[2]
ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)/")


@contextmanager
def served(*args: str, env: Optional[dict] = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """``python -m checker serve --port 0 ARGS``: yields (its address, the process); its output is in the
    process's ``log`` attribute afterwards (stdout and stderr together)."""
    proc = subprocess.Popen([sys.executable, "-m", "checker", "serve", "--port", "0", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, **(env or {})})
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the address line, flushed before the server starts
        match = ADDRESS.search(first)
        assert match, f"no address in {first!r}"
        url = f"http://127.0.0.1:{match.group(1)}/"
        _wait(url + "health")
        yield url, proc
    finally:
        proc.terminate()
        try:
            rest, _ = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            rest, _ = proc.communicate()
        proc.log = first + (rest or "")  # type: ignore[attr-defined]


def _wait(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
