"""Typed errors that the CLI turns into one line on stderr and exit status 2."""

from __future__ import annotations


class CheckerError(Exception):
    """Base class: the message is the whole line the user sees, starting with the file it is about."""

    separator = ": "

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}{self.separator}{message}")
        self.path = path
        self.reason = message

    def __reduce__(self) -> tuple[type[CheckerError], tuple[str, str]]:
        # Rebuilt from (path, reason), not from the formatted line: errors cross process boundaries (--jobs).
        return self.__class__, (self.path, self.reason)


class InputError(CheckerError):
    """An input file could not be read as a report (missing, unreadable, wrong kind, garbage)."""

    separator = ": error: "


class RuleFileError(CheckerError):
    """A rule file (ours or a user's) is not valid; names the file and the field."""


class UsageError(CheckerError):
    """The command line says something that cannot be done (a code that names no rule): ``--option: error: …``."""

    separator = ": error: "


class ConfigError(CheckerError):
    """A configuration file (or a baseline file) is not valid: ``path: key: what is wrong``."""
