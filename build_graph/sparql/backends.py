"""A pool of Oxigraph server processes on one store, each answering one request at a time.

``sdgkg serve`` puts its own HTTP front (``front.py``) before them. A query can only be stopped
by stopping the process that runs it: Oxigraph's own ``--timeout-s`` does not interrupt a query
while it computes (a cross product counted under it ran for 9 minutes), and pyoxigraph cannot
cancel one. So each request borrows a process of its own; one that runs past the timeout is
killed and replaced by a fresh process on the same store, while the others go on answering.

Read-only processes (``oxigraph serve-read-only``) share the store folder; a writable pool is a
single ``oxigraph serve`` (one writer holds the store).
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from build_graph.errors import SdgkgError
from build_graph.sparql.oxigraph_server import (
    LOOPBACK,
    bulk_load,
    free_port,
    oxigraph_binary,
    server_process,
    wait_until_ready,
)


class Backend:
    """One Oxigraph server process on the pool's store, on a free loopback port."""

    def __init__(self, binary: Path, store: Path, writable: bool, log: Path) -> None:
        self.binary, self.store, self.writable, self.log = binary, store, writable, log
        self.port = 0
        self.process: subprocess.Popen | None = None

    @property
    def address(self) -> tuple[str, int]:
        return LOOPBACK, self.port

    def start(self, timeout: float) -> Backend:
        mode = "serve" if self.writable else "serve-read-only"
        for attempt in range(3):
            self.port = free_port()
            bind = f"{LOOPBACK}:{self.port}"
            self.process = server_process(self.binary, mode, self.store, bind, self.log)
            try:
                url = f"http://{LOOPBACK}:{self.port}/query?query=ASK%7B%7D"
                wait_until_ready(url, self.process, timeout, f"oxigraph {mode}", self.log)
                return self
            except SdgkgError:
                self.kill()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def kill(self) -> None:
        """Stop at once (SIGKILL to its process group): it may be in the middle of a query."""
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop(self, grace: float = 5.0) -> None:
        process = self.process
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=grace)
        self.kill()


class BackendPool:
    """``size`` Oxigraph processes on a store loaded once from ``graph`` (an N-Triples file)."""

    def __init__(
        self, graph: Path | None, size: int, writable: bool = False, startup: float = 60.0
    ) -> None:
        if writable:
            size = 1  # one process holds a writable store
        self.graph, self.size, self.writable, self.startup = graph, size, writable, startup
        self.idle: queue.Queue[Backend] = queue.Queue()
        self.backends: list[Backend] = []
        self.workdir: Path | None = None
        self.load_seconds = 0.0
        self.start_seconds = 0.0
        self.replaced = 0  # processes killed at the timeout and replaced
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> BackendPool:
        binary = oxigraph_binary()
        self.workdir = Path(tempfile.mkdtemp(prefix="sdgkg-serve-"))
        store = self.workdir / "store"
        try:
            self._load(binary, store)
            started = time.monotonic()
            threads = [
                threading.Thread(target=self._add, args=(binary, store)) for _ in range(self.size)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            if len(self.backends) < self.size:
                raise SdgkgError(
                    f"only {len(self.backends)} of {self.size} oxigraph processes started"
                )
            self.start_seconds = time.monotonic() - started
        except BaseException:
            self.close()
            raise
        return self

    def _load(self, binary: Path, store: Path) -> None:
        if self.graph is None:
            store.mkdir()
            return
        self.load_seconds = bulk_load(binary, store, self.graph)

    def _add(self, binary: Path, store: Path) -> None:
        assert self.workdir is not None
        try:
            backend = Backend(binary, store, self.writable, self.workdir / "oxigraph.log")
            backend.start(self.startup)
        except SdgkgError:
            return
        with self._lock:
            self.backends.append(backend)
        self.idle.put(backend)

    def lease(self, wait: float) -> Backend | None:
        """An idle process, waiting up to ``wait`` seconds for one; None if none came."""
        try:
            return self.idle.get(timeout=wait)
        except queue.Empty:
            return None

    def give_back(self, backend: Backend) -> None:
        self.idle.put(backend)

    def replace(self, backend: Backend) -> None:
        """Kill ``backend`` (a query ran past the timeout) and put a fresh process in its place,
        in the background: the caller answers its client at once."""

        def restart() -> None:
            backend.kill()
            if self._closed:
                return
            try:
                backend.start(self.startup)
            except SdgkgError:
                return
            if self._closed:  # the pool closed while this one started
                backend.kill()
                return
            with self._lock:
                self.replaced += 1
            self.idle.put(backend)

        threading.Thread(target=restart, daemon=True).start()

    def close(self) -> None:
        self._closed = True
        with self._lock:
            backends, self.backends = self.backends, []
        for backend in backends:
            backend.stop()
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None
