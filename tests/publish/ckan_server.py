"""A real CKAN 2.11 portal for the publishing tests: PostgreSQL, Redis and CKAN (with
ckanext-scheming and ckanext-dcat, set up for DCAT-AP 3) started on loopback and free ports,
in a temporary folder, and stopped afterwards. See tests/support/ckan/README.md.

**The one stand-in is Solr** (no package source reaches it): :class:`SolrStandIn` answers what
CKAN's indexer sends (the schema check, ``select``, ``update``) and keeps nothing. Reads go to
the database (``package_show`` falls back to it when the index has no copy); no test may
assert anything that depends on search results.

Installed by ``scripts/ensure-ckan.sh`` (``make test``): CKAN in its own virtual environment,
``$SDGKG_CKAN_HOME/venv`` (default ``~/.cache/sdgkg/ckan/venv``).
"""

from __future__ import annotations

import configparser
import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SUPPORT = Path(__file__).resolve().parents[1] / "support" / "ckan"
CKAN_HOME = Path(os.environ.get("SDGKG_CKAN_HOME", Path.home() / ".cache" / "sdgkg" / "ckan"))
CKAN_VENV = CKAN_HOME / "venv"
PLUGINS = "dcat scheming_datasets sdgkg_translated_text"
PROFILES = "euro_dcat_ap_3"
# Licences as the Open Definition's list names them (what CKAN's licenses_group_url loads on
# most portals): id, title, URL. Only the few the tests need.
LICENCES = [
    (
        "CC-BY-4.0",
        "Creative Commons Attribution 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    ("CC0-1.0", "CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    (
        "ODC-BY-1.0",
        "Open Data Commons Attribution License 1.0",
        "https://opendatacommons.org/licenses/by/1-0/",
    ),
]


def missing() -> str | None:
    """Why a CKAN cannot be started here (None: it can)."""
    if not (CKAN_VENV / "bin" / "ckan").is_file():
        return f"CKAN is not installed in {CKAN_VENV} (run scripts/ensure-ckan.sh)"
    if shutil.which("redis-server") is None:
        return "redis-server is not installed (run scripts/ensure-ckan.sh)"
    if postgres_bin() is None:
        return "PostgreSQL is not installed (run scripts/ensure-ckan.sh)"
    return None


def postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: p.parts)
    return found[-1].parent if found else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# ------------------------------------------------------------------------------ Solr


class SolrStandIn(ThreadingHTTPServer):
    """The smallest HTTP service CKAN's indexer accepts in place of Solr: the schema (named
    ``ckan-2.11``, the version CKAN checks at start), an empty ``select`` for every query, and
    ``update`` (index, delete, commit) acknowledged. Nothing is kept: searches find nothing."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _SolrHandler)
        self.updates = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/solr/ckan"


class _SolrHandler(BaseHTTPRequestHandler):
    server: SolrStandIn

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _answer(self) -> None:
        path = self.path.split("?", 1)[0].rstrip("/")
        if path.endswith("/schema") or path.endswith("/admin/file"):
            self._send(b'<?xml version="1.0"?><schema name="ckan-2.11" version="1.6"/>', "text/xml")
        elif path.endswith("/update"):
            self.server.updates += 1
            self._send(b'{"responseHeader":{"status":0,"QTime":0}}', "application/json")
        else:  # select, and anything else CKAN may ask: no document
            body = {
                "responseHeader": {"status": 0, "QTime": 0},
                "response": {"numFound": 0, "start": 0, "docs": []},
            }
            self._send(json.dumps(body).encode(), "application/json")

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._answer()


# ------------------------------------------------------------------------------ the portal


@dataclass
class CkanServer:
    """One portal: start() brings everything up, stop() takes it all down."""

    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="sdgkg-ckan-")))
    url: str = ""
    token: str = ""
    organisation: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    _processes: list[subprocess.Popen] = field(default_factory=list)
    _solr: SolrStandIn | None = None

    @property
    def ini(self) -> Path:
        return self.folder / "ckan.ini"

    @property
    def python(self) -> str:
        return str(CKAN_VENV / "bin" / "python")

    def start(self) -> CkanServer:
        started = time.perf_counter()
        self.folder.chmod(0o755)  # PostgreSQL runs as its own user when the tests run as root
        database = self._start_postgres()
        redis = self._start_redis()
        self._solr = SolrStandIn()
        threading.Thread(target=self._solr.serve_forever, daemon=True).start()
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self._write_config(database, redis, self._solr.url)
        self.timings["services"] = time.perf_counter() - started
        self._ckan("db", "init")
        admin = json.loads(self._support("site.py", "admin", str(self.ini)).splitlines()[-1])
        self.token, self.organisation = admin["token"], admin["organisation"]
        self.timings["database"] = time.perf_counter() - started - self.timings["services"]
        self._spawn(
            [
                *(str(CKAN_VENV / "bin" / "ckan"), "-c", str(self.ini), "run"),
                *("--host", "127.0.0.1", "--port", str(port), "--disable-reloader", "--threaded"),
            ],
            "ckan.log",
        )
        self._wait_http(f"{self.url}/api/3/action/status_show", "ckan.log")
        self.timings["start"] = time.perf_counter() - started
        return self

    def stop(self) -> None:
        for process in reversed(self._processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        self._processes.clear()
        if self._solr is not None:
            self._solr.shutdown()
            self._solr.server_close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def harvest(self, catalog: Path) -> list[dict]:
        """The data sets ckanext-dcat's RDFParser makes of ``catalog`` on this portal."""
        return json.loads(self._support("harvest.py", str(self.ini), str(catalog)))

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.url + path, timeout=60) as response:
            return response.read()

    # -- services ------------------------------------------------------------------------
    def _as_postgres(self) -> list[str]:
        """PostgreSQL refuses to run as root: as root, run it as the packaged user."""
        return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _start_postgres(self) -> str:
        bin_dir = postgres_bin()
        assert bin_dir is not None
        data, sockets = self.folder / "pgdata", self.folder / "pgsocket"
        for path in (data, sockets):
            path.mkdir()
            if os.geteuid() == 0:
                user = pwd.getpwnam("postgres")
                os.chown(path, user.pw_uid, user.pw_gid)
        subprocess.run(
            [
                *self._as_postgres(),
                *(str(bin_dir / "initdb"), "-D", str(data), "-U", "ckan"),
                *("-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"),
            ],
            check=True,
            capture_output=True,
        )
        port = free_port()
        self._spawn(
            [
                *self._as_postgres(),
                *(str(bin_dir / "postgres"), "-D", str(data), "-p", str(port)),
                *("-h", "127.0.0.1", "-k", str(sockets), "-c", "fsync=off"),
                *("-c", "synchronous_commit=off", "-c", "full_page_writes=off"),
            ],
            "postgres.log",
        )
        deadline = time.monotonic() + 60
        while True:
            done = subprocess.run(
                [
                    *(str(bin_dir / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "ckan"),
                    *("-d", "postgres", "-c", "CREATE DATABASE ckan"),
                ],
                capture_output=True,
                text=True,
            )
            if done.returncode == 0:
                return f"postgresql://ckan@127.0.0.1:{port}/ckan"
            if time.monotonic() > deadline:
                raise RuntimeError(f"PostgreSQL did not start: {done.stderr.strip()}")
            time.sleep(0.2)

    def _start_redis(self) -> str:
        port = free_port()
        self._spawn(
            [
                *("redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""),
                *("--appendonly", "no", "--dir", str(self.folder)),
            ],
            "redis.log",
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return f"redis://127.0.0.1:{port}/0"
            except OSError:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.1)

    def _write_config(self, database: str, redis: str, solr: str) -> None:
        ckan = str(CKAN_VENV / "bin" / "ckan")
        subprocess.run([ckan, "generate", "config", str(self.ini)], check=True, capture_output=True)
        self._support("site.py", "schema", str(self.folder / "schema.yaml"))
        licences = self.folder / "licences.json"
        licences.write_text(
            json.dumps(
                [
                    {
                        "id": id_,
                        "title": title,
                        "url": url,
                        "status": "active",
                        "od_conformance": "approved",
                    }
                    for id_, title, url in LICENCES
                ]
            ),
            encoding="utf-8",
        )
        storage = self.folder / "storage"
        storage.mkdir()
        parser = configparser.RawConfigParser(strict=False)
        parser.optionxform = str  # type: ignore[assignment,method-assign]
        parser.read(self.ini, encoding="utf-8")
        settings = {
            "sqlalchemy.url": database,
            "ckan.site_url": self.url,
            "solr_url": solr,
            "ckan.redis.url": redis,
            "ckan.plugins": PLUGINS,
            "ckan.storage_path": str(storage),
            "ckan.locale_default": "en",
            "licenses_group_url": licences.as_uri(),
            "scheming.dataset_schemas": (self.folder / "schema.yaml").as_uri(),
            "scheming.presets": "ckanext.scheming:presets.json ckanext.dcat.schemas:presets.yaml",
            "ckanext.dcat.rdf.profiles": PROFILES,
            "ckan.max_resource_size": "200",
        }
        for key, value in settings.items():
            parser.set("app:main", key, value)
        with self.ini.open("w", encoding="utf-8") as handle:
            parser.write(handle)

    # -- processes -----------------------------------------------------------------------
    def _environment(self) -> dict[str, str]:
        """CKAN's own Python, with the translated-text plugin found by its entry point."""
        plugin = self.folder / "plugin"
        if not plugin.is_dir():
            info = plugin / "sdgkg_ckan_test_support-0.dist-info"
            info.mkdir(parents=True)
            (info / "METADATA").write_text(
                "Metadata-Version: 2.1\nName: sdgkg-ckan-test-support\nVersion: 0\n", "utf-8"
            )
            (info / "entry_points.txt").write_text(
                "[ckan.plugins]\nsdgkg_translated_text = translated_text:TranslatedTextPlugin\n",
                "utf-8",
            )
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
        env["PYTHONPATH"] = os.pathsep.join([str(plugin), str(SUPPORT)])
        env["PATH"] = f"{CKAN_VENV / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        env["CKAN_INI"] = str(self.ini)
        return env

    def _ckan(self, *args: str) -> str:
        return self._run([str(CKAN_VENV / "bin" / "ckan"), "-c", str(self.ini), *args])

    def _support(self, script: str, *args: str) -> str:
        return self._run([self.python, str(SUPPORT / script), *args])

    def _run(self, command: list[str]) -> str:
        done = subprocess.run(
            command, capture_output=True, text=True, env=self._environment(), cwd=self.folder
        )
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command[:4])} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def _spawn(self, command: list[str], log: str) -> None:
        with (self.folder / log).open("wb") as out:
            self._processes.append(
                subprocess.Popen(
                    command,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    env=self._environment(),
                    cwd=self.folder,
                    start_new_session=True,
                )
            )

    def _wait_http(self, url: str, log: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if self._processes[-1].poll() is not None:
                tail = (self.folder / log).read_text(errors="replace")[-3000:]
                raise RuntimeError(f"CKAN exited at start:\n{tail}")
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"CKAN did not answer {url} in {timeout:.0f} s")
            time.sleep(0.3)
