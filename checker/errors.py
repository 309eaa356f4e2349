"""Typed errors that the CLI turns into one line on stderr and exit status 2."""


class CheckerError(Exception):
    """Base class: the message is the whole line the user sees after the path."""


class InputError(CheckerError):
    """An input file could not be read as a report (missing, unreadable, wrong kind, garbage)."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: error: {message}")
        self.path = path
        self.reason = message


class RuleFileError(CheckerError):
    """A rule file (ours or a user's) is not valid; names the file and the field."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.reason = message


class UsageError(CheckerError):
    """A command-line value that makes no sense (unknown era, unknown code)."""


class ConfigError(CheckerError):
    """A configuration file (or a baseline file) is not valid: ``path: key: what is wrong``."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.reason = message
