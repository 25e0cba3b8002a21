"""Run a private Virtuoso Open Source instance: the second, different SPARQL store.

Debian's ``virtuoso-opensource`` package provides ``virtuoso-t``. The instance here has its own
database folder (temporary), listens on 127.0.0.1 only, on free ports, and raises Virtuoso's
default ``ResultSetMaxRows`` (10,000, which silently truncates larger results). The packaged
system service is never used. Writes go through digest authentication as the ``dba`` user of
the fresh database (password ``dba``), on ``/sparql-graph-crud-auth`` and ``/sparql-auth``.

Readers run at REPEATABLE READ (``DefaultIsolation = 4``), not Virtuoso's default READ
COMMITTED (2). Virtuoso 7 keeps no snapshots: at READ COMMITTED a query whose scan overlaps the
commit of ``sdgkg publish``'s MOVE counts rows of both graphs (20,008 or 36,430 triples seen
between a 20,000-triple graph and its 48,652-triple successor). At 4 a reader's shared locks
make it wait for the commit, or the commit wait for it, and it sees one graph whole
(measured: no mix in 10 swaps under two busy readers; 3 of 5 swaps mixed at 2).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from build_graph.errors import SdgkgError
from build_graph.sparql.oxigraph_server import LOOPBACK, free_port, stop_process, wait_until_ready

DEFAULT_MAX_ROWS = 1_000_000
DBA_USER = "dba"
DBA_PASSWORD = "dba"  # the password of a fresh database's dba account
REPEATABLE_READ = 4  # Virtuoso's DefaultIsolation codes: 1, 2 (its default), 4, 8
READ_COMMITTED = 2
_VSP = Path("/var/lib/virtuoso-opensource-7/vsp")

INI = """\
[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
[TempDatabase]
DatabaseFile       = {db}/virtuoso-temp.db
TransactionFile    = {db}/virtuoso-temp.trx
[Parameters]
ServerPort         = {host}:{sql_port}
DisableUnixSocket  = 1
DirsAllowed        = {db}
NumberOfBuffers    = 20000
MaxDirtyBuffers    = 15000
CheckpointInterval = 0
DefaultIsolation   = {isolation}
[HTTPServer]
ServerPort         = {host}:{http_port}
ServerRoot         = {vsp}
ServerThreads      = 10
MaxClientConnections = 10
Charset            = UTF-8
[SPARQL]
ResultSetMaxRows   = {max_rows}
MaxQueryExecutionTime = 300
MaxQueryCostEstimationTime = 400
"""


def virtuoso_binary() -> Path | None:
    found = shutil.which("virtuoso-t")
    return Path(found) if found else None


class VirtuosoServer:
    """A throw-away Virtuoso on loopback; ``max_rows`` is its ResultSetMaxRows, ``isolation``
    its DefaultIsolation."""

    def __init__(
        self,
        *,
        host: str = LOOPBACK,
        max_rows: int = DEFAULT_MAX_ROWS,
        isolation: int = REPEATABLE_READ,
        startup_timeout: float = 60.0,
    ) -> None:
        self.host = host
        self.max_rows = max_rows
        self.isolation = isolation
        self.startup_timeout = startup_timeout
        self.http_port = 0
        self.sql_port = 0
        self.process: subprocess.Popen | None = None
        self.workdir: Path | None = None
        self.start_seconds = 0.0

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.http_port}"

    @property
    def query_url(self) -> str:
        return f"{self.base_url}/sparql"

    def start(self) -> VirtuosoServer:
        binary = virtuoso_binary()
        if binary is None:
            raise SdgkgError(
                "Virtuoso is not installed (scripts/ensure-virtuoso.sh installs it: "
                "apt-get install virtuoso-opensource)"
            )
        self.workdir = Path(tempfile.mkdtemp(prefix="sdgkg-virtuoso-"))
        try:
            self._run(binary)
        except BaseException:
            self.stop()
            raise
        return self

    def _run(self, binary: Path) -> None:
        assert self.workdir is not None
        self.http_port, self.sql_port = free_port(self.host), free_port(self.host)
        while self.sql_port == self.http_port:
            self.sql_port = free_port(self.host)
        ini = self.workdir / "virtuoso.ini"
        ini.write_text(
            INI.format(
                db=self.workdir,
                host=self.host,
                sql_port=self.sql_port,
                http_port=self.http_port,
                max_rows=self.max_rows,
                vsp=_VSP,
                isolation=self.isolation,
            ),
            encoding="utf-8",
        )
        log = self.workdir / "console.log"
        started = time.monotonic()
        with log.open("w") as out:
            self.process = subprocess.Popen(
                [str(binary), "+foreground", "+configfile", str(ini)],
                cwd=self.workdir,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        wait_until_ready(
            f"{self.query_url}?query=ASK%7B%7D",
            self.process,
            self.startup_timeout,
            f"virtuoso-t on {self.host}:{self.http_port}",
            log,
        )
        self.start_seconds = time.monotonic() - started

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process, grace=15.0)
            self.process = None
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def __enter__(self) -> VirtuosoServer:
        return self.start() if self.process is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()
