"""Run an Oxigraph SPARQL server (PyPI package ``oxigraph``) loaded with a graph.

The graph is bulk-loaded with ``oxigraph load`` into a fresh store folder (much faster than
HTTP loads), then served, read-only unless asked otherwise, on 127.0.0.1 unless asked
otherwise. The store folder is temporary and removed when the server stops.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from build_graph.errors import SdgkgError

LOOPBACK = "127.0.0.1"


def oxigraph_binary() -> Path:
    """The ``oxigraph`` command installed beside this Python (the venv's bin), or on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    if found:
        return Path(found)
    raise SdgkgError("the oxigraph server is not installed (pip install oxigraph)")


def free_port(host: str = LOOPBACK) -> int:
    """A port that nothing listens on now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def port_in_use(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.2)
        return sock.connect_ex((host, port)) == 0


def wait_until_ready(
    url: str, process: subprocess.Popen, timeout: float, what: str, log: Path | None = None
) -> float:
    """Poll ``url`` until it answers 200; seconds waited. Fails at once if the process exits."""
    start = time.monotonic()
    while True:
        if process.poll() is not None:
            tail = _tail(log) if log else ""
            raise SdgkgError(f"{what} exited with code {process.returncode} on start{tail}")
        try:
            with urllib.request.urlopen(url, timeout=1.0) as response:
                if response.status == 200:
                    return time.monotonic() - start
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        if time.monotonic() - start > timeout:
            raise SdgkgError(f"{what} did not answer at {url} within {timeout:.0f} s")
        time.sleep(0.02)


def _tail(log: Path) -> str:
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return f": {lines[-1]}" if lines else ""


def bulk_load(binary: Path, store: Path, graph: Path) -> float:
    """``oxigraph load`` of ``graph`` into the store folder; the seconds it took."""
    started = time.monotonic()
    result = subprocess.run(
        [str(binary), "load", "--location", str(store), "--file", str(graph)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        message = (result.stderr.strip().splitlines() or ["failed"])[-1]
        raise SdgkgError(f"{graph}: oxigraph could not load it: {message}")
    return time.monotonic() - started


def server_process(binary: Path, mode: str, store: Path, bind: str, log: Path) -> subprocess.Popen:
    """An ``oxigraph serve`` (or ``serve-read-only``) process in a session of its own, its
    output appended to ``log``."""
    with log.open("a") as out:
        return subprocess.Popen(
            [str(binary), mode, "--location", str(store), "--bind", bind],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


def stop_process(process: subprocess.Popen, grace: float = 10.0) -> None:
    """SIGTERM, then SIGKILL after ``grace`` seconds; always reaps the process."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class OxigraphServer:
    """An Oxigraph server on ``host:port`` (port 0: a free one), loaded with ``graph``."""

    def __init__(
        self,
        graph: Path | None = None,
        *,
        host: str = LOOPBACK,
        port: int = 0,
        writable: bool = False,
        startup_timeout: float = 30.0,
    ) -> None:
        self.graph = graph
        self.host = host
        self.port = port
        self.writable = writable
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen | None = None
        self.workdir: Path | None = None
        self.load_seconds = 0.0
        self.start_seconds = 0.0

    # -- addresses ---------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base_url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base_url}/update"

    @property
    def store_url(self) -> str:
        return f"{self.base_url}/store"

    # -- life cycle --------------------------------------------------------------------------
    def start(self) -> OxigraphServer:
        binary = oxigraph_binary()
        self.workdir = Path(tempfile.mkdtemp(prefix="sdgkg-oxigraph-"))
        store = self.workdir / "store"
        try:
            if self.graph is not None:
                self._load(binary, store)
            else:
                store.mkdir()
            self._serve(binary, store)
        except BaseException:
            self.stop()
            raise
        return self

    def _load(self, binary: Path, store: Path) -> None:
        assert self.graph is not None and self.workdir is not None
        self.load_seconds = bulk_load(binary, store, self.graph)

    def _serve(self, binary: Path, store: Path) -> None:
        assert self.workdir is not None
        mode = "serve" if self.writable else "serve-read-only"
        for attempt in range(3):
            explicit = self.port != 0
            if not explicit:
                self.port = free_port(self.host)
            elif port_in_use(self.host, self.port):
                raise SdgkgError(f"port {self.port} on {self.host} is already in use")
            log = self.workdir / "server.log"
            self.process = server_process(binary, mode, store, f"{self.host}:{self.port}", log)
            try:
                self.start_seconds = wait_until_ready(
                    f"{self.query_url}?query=ASK%7B%7D",
                    self.process,
                    self.startup_timeout,
                    f"oxigraph {mode} on {self.host}:{self.port}",
                    log,
                )
                return
            except SdgkgError:
                stop_process(self.process)
                self.process = None
                if explicit or attempt == 2:
                    raise
                self.port = 0  # another process took the free port first: try another

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)
            self.process = None
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def __enter__(self) -> OxigraphServer:
        return self.start() if self.process is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def oxigraph_server(graph: Path | None = None, **options: object) -> Iterator[OxigraphServer]:
    server = OxigraphServer(graph, **options)  # type: ignore[arg-type]
    try:
        yield server.start()
    finally:
        server.stop()
