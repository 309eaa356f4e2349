"""Running the command line inside the test process, as click's CliRunner does, the same on every click."""

from __future__ import annotations

from click.testing import CliRunner, Result


def cli_runner() -> CliRunner:
    """A runner that keeps stderr apart from stdout (click < 8.2 needs mix_stderr=False; 8.2 always does)."""
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # the argument is gone from click 8.2
    except TypeError:
        return CliRunner()


def invoke(*args, env: dict | None = None) -> Result:
    """`ogi-check ARGS` in process; whatever happens, no traceback reaches the user."""
    from checker.cli import main

    result = cli_runner().invoke(main, [str(a) for a in args], env=env)
    assert "Traceback" not in result.stdout + result.stderr
    return result
