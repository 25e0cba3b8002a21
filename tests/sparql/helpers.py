"""Helpers shared by the SPARQL endpoint and security tests: run the CLI, read a server's line,
publish while a reader counts."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
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


def swap_while_reading(
    query_url: str,
    graph_file: Path,
    tmp_path: Path,
    graph: str,
    env: dict[str, str] | None = None,
    pause: float = 0.01,
) -> tuple[list[int], int]:
    """Publish the first 20,000 triples, then the whole graph while a reader counts the named
    graph; the counts seen, and the size of the whole graph."""
    from rdflib import URIRef

    from build_graph.sparql.remote import RemoteEngine

    lines = graph_file.read_text(encoding="utf-8").splitlines(keepends=True)
    old = tmp_path / "old.nt"
    old.write_text("".join(lines[:20000]), encoding="utf-8")
    first = sdgkg(
        "publish", "--endpoint", query_url, "--graph", str(old), "--graph-iri", graph, env=env
    )
    assert first.returncode == 0, first.stderr
    reader = RemoteEngine(query_url, timeout=60)
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    seen: list[int] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set() or len(seen) < 3:
            seen.append(int(reader.query(count, {"g": URIRef(graph)}).rows[0][0]))  # type: ignore[arg-type]
            time.sleep(pause)

    thread = threading.Thread(target=read)
    thread.start()
    try:
        result = sdgkg(
            "publish",
            "--endpoint",
            query_url,
            "--graph",
            str(graph_file),
            "--graph-iri",
            graph,
            env=env,
        )
    finally:
        done.set()
        thread.join(timeout=120)
    assert result.returncode == 0, result.stderr
    return seen, len(lines)
