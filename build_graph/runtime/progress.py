"""Progress bars on stderr for the long, multi-plan runs; silent when stderr is no terminal.

tqdm with ``disable=None`` draws only on a terminal, so logs, pipes and CI stay clean.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


def progress(items: Iterable, what: str, total: int | None = None) -> Iterator:
    """``items`` with a bar counting plans, when there are two or more."""
    total = total if total is not None else len(items)  # type: ignore[arg-type]
    if total < 2:
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=what, unit="plan", total=total, disable=None, leave=False)


class Steps:
    """A bar over the named steps of one long run (the national build): which step is done.

    ``enabled=False`` (a single plan, a couple of seconds) draws nothing."""

    def __init__(self, what: str, total: int, enabled: bool) -> None:
        self._bar: Any = None
        if enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=what, unit="step", disable=None, leave=False)

    def done(self, name: str) -> None:
        if self._bar is not None:
            self._bar.set_postfix_str(name, refresh=False)
            self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
