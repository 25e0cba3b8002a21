"""The project's own errors: one line for the user, naming the file and the line."""

from __future__ import annotations

from pathlib import Path


class SdgkgError(Exception):
    """Base of every error the command line turns into a one-line message and exit code 2."""

    exit_code = 2


class InputError(SdgkgError):
    """The input cannot be read as a plan; the message names the file and, where known, the line."""

    def __init__(self, path: str | Path, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.reason = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple:
        """Picklable as it was made: the build reads plans in worker processes."""
        return (type(self), (self.path, self.reason, self.line))
