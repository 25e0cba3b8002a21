"""A bounded load test of `sdgkg serve` on loopback: N concurrent clients, each sending M library
queries (with their default parameters) over its own keep-alive connection; latency p50/p95,
throughput and errors.

    .venv/bin/python bench/bench_sparql_load.py [--clients 20] [--queries 200] [--workers N]
                                                 [--timeout 60] [--json FILE]

The server is started as a user starts it (`sdgkg serve --port 0`, the bundled plan with the
ontology and the UN texts) and stopped with Ctrl-C's signal. The clients run in this process
(threads: each waits on its socket, so one core is plenty). Numbers are for this machine only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from build_graph.sparql.library import bind, insert_values, library


def start_server(workers: int, timeout: float) -> tuple[subprocess.Popen, str, int]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "build_graph.cli",
            "serve",
            "--port",
            "0",
            "--workers",
            str(workers),
            "--timeout",
            str(timeout),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    process.stdout.readline()
    if not first.startswith("SPARQL endpoint: "):
        process.kill()
        raise SystemExit(
            f"serve did not start: {first!r} {process.stderr.read() if process.stderr else ''}"
        )
    url = urllib.parse.urlsplit(first.split(": ", 1)[1].strip())
    return process, url.hostname or "127.0.0.1", url.port or 80


def bodies() -> list[tuple[str, bytes]]:
    """Each library query with its defaults bound (a VALUES block, as any endpoint gets it)."""
    out = []
    for name, query in library().items():
        text = insert_values(query.text, bind(query, []))
        out.append((name, urllib.parse.urlencode({"query": text}).encode("utf-8")))
    return out


def client(
    host: str,
    port: int,
    work: list[tuple[str, bytes]],
    count: int,
    offset: int,
    latencies: list[float],
    errors: list[str],
) -> None:
    connection = http.client.HTTPConnection(host, port, timeout=300)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json",
    }
    for index in range(count):
        name, body = work[(offset + index) % len(work)]
        started = time.perf_counter()
        try:
            connection.request("POST", "/query", body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            if response.status != 200:
                errors.append(f"{name}: HTTP {response.status} {data[:80]!r}")
            else:
                json.loads(data)
        except (OSError, http.client.HTTPException, ValueError) as error:
            errors.append(f"{name}: {error}")
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=300)
        latencies.append(time.perf_counter() - started)
    connection.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--queries", type=int, default=200, help="queries per client")
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2))
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    work = bodies()
    process, host, port = start_server(args.workers, args.timeout)
    per_client: list[list[float]] = [[] for _ in range(args.clients)]
    errors: list[str] = []
    try:
        threads = [
            threading.Thread(
                target=client,
                args=(host, port, work, args.queries, i * 3, per_client[i], errors),
            )
            for i in range(args.clients)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=60)
    latencies = [value for values in per_client for value in values]
    result = {
        "clients": args.clients,
        "queries_per_client": args.queries,
        "library_queries": len(work),
        "workers": args.workers,
        "requests": len(latencies),
        "errors": len(errors),
        "seconds": elapsed,
        "requests_per_second": len(latencies) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * percentile(latencies, 0.95),
        "max_ms": 1000 * max(latencies),
    }
    print(
        f"{result['clients']} clients × {result['queries_per_client']} library queries "
        f"({result['library_queries']} distinct) on {result['workers']} Oxigraph processes: "
        f"{result['requests']} requests in {elapsed:.1f} s "
        f"({result['requests_per_second']:.0f}/s), "
        f"p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms, "
        f"max {result['max_ms']:.0f} ms, errors {result['errors']}"
    )
    for error in errors[:5]:
        print(f"  error: {error}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
