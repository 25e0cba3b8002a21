"""Helpers shared by the SPARQL endpoint and security tests: run the CLI, read a server's line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def sdgkg(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    return subprocess.run(
        [sys.executable, "-m", "build_graph.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=cwd,
        timeout=300,
    )


def read_line(process: subprocess.Popen, timeout: float = 120.0) -> str:
    """The next line the process prints, or a failure after ``timeout`` seconds (never a hang).

    Read byte by byte from the pipe itself, so that nothing waits in a Python buffer for a
    later ``communicate()`` to miss.
    """
    import selectors

    stream = process.stdout
    assert stream is not None
    data = b""
    with selectors.DefaultSelector() as selector:
        selector.register(stream.fileno(), selectors.EVENT_READ)
        while not data.endswith(b"\n"):
            if not selector.select(timeout):
                process.kill()
                pytest.fail(f"no output from {process.args} within {timeout:.0f} s")
            byte = os.read(stream.fileno(), 1)
            if not byte:
                break
            data += byte
    return data.decode("utf-8")
