"""Time every library query on the bundled plan's graph: embedded rdflib, embedded pyoxigraph,
the Oxigraph server, and (with --virtuoso) Virtuoso. Reports the median of repeated runs,
the ratios between engines, and how long the servers take to start and load.

    .venv/bin/python bench/bench_queries.py [--runs 7] [--virtuoso] [--json FILE]

The first run of each query is a warm-up and is reported apart ("cold"): rdflib parses the
query then (30-200 ms), and a server warms its caches. Numbers are for this machine only.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from build_graph.graph import bundled_triples, serialize
from build_graph.sparql import (
    OxigraphEngine,
    OxigraphServer,
    RdflibEngine,
    RemoteEngine,
    bind,
    library,
)

TARGET_MS = 50.0
GRAPH_IRI = "https://w3id.org/sdgkg/graph/bench"


def timed(engine: object, text: str, bindings: dict, runs: int) -> tuple[float, float, int]:
    """Cold time, median of the warm runs (ms), and the number of rows."""
    started = time.perf_counter()
    result = engine.query(text, bindings)  # type: ignore[attr-defined]
    cold = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        engine.query(text, bindings)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - started) * 1000)
    return cold, statistics.median(times), len(result.rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs after the warm-up")
    parser.add_argument("--virtuoso", action="store_true", help="also time Virtuoso")
    parser.add_argument("--json", type=Path, help="write the numbers here as JSON too")
    args = parser.parse_args()

    setup: dict[str, float] = {}
    started = time.perf_counter()
    triples = bundled_triples()
    setup["build the graph in memory (s)"] = time.perf_counter() - started
    started = time.perf_counter()
    rdflib_engine = RdflibEngine(triples)
    setup["load rdflib (s)"] = time.perf_counter() - started
    started = time.perf_counter()
    oxigraph_engine = OxigraphEngine(triples)
    setup["load pyoxigraph (s)"] = time.perf_counter() - started

    with tempfile.TemporaryDirectory(prefix="sdgkg-bench-") as scratch:
        graph = Path(scratch) / "graph.nt"
        graph.write_text(serialize(triples), encoding="utf-8")
        nt = graph.read_bytes()
        server = OxigraphServer(graph)
        server.start()
        setup["oxigraph: bulk load (oxigraph load, s)"] = server.load_seconds
        setup["oxigraph: server start (s)"] = server.start_seconds
        virtuoso = None
        try:
            engines = {
                "rdflib": rdflib_engine,
                "pyoxigraph": oxigraph_engine,
                "oxigraph server": RemoteEngine(server.query_url),
            }
            _publish_timings(graph, nt, len(triples), setup)
            if args.virtuoso:
                virtuoso = _virtuoso(nt, len(triples), setup)
                engines["virtuoso"] = RemoteEngine(virtuoso.query_url, default_graph=GRAPH_IRI)
            rows = _measure(engines, args.runs)
        finally:
            server.stop()
            if virtuoso is not None:
                virtuoso.stop()
    _report(rows, list(engines), setup, args.runs)
    if args.json:
        args.json.write_text(json.dumps({"setup": setup, "queries": rows}, indent=1) + "\n")
    return 0


def _publish_timings(graph: Path, nt: bytes, count: int, setup: dict[str, float]) -> None:
    """An HTTP Graph Store load into a named graph, for comparison with the bulk load."""
    from build_graph.sparql import publish_graph

    with OxigraphServer(writable=True) as empty:
        report = publish_graph(nt, count, empty.query_url, GRAPH_IRI)
        setup["oxigraph: publish, HTTP PUT of the staging graph (s)"] = report.upload_seconds
        setup["oxigraph: publish, MOVE onto the named graph (s)"] = report.swap_seconds


def _virtuoso(nt: bytes, count: int, setup: dict[str, float]):
    from build_graph.sparql import (
        DBA_PASSWORD,
        DBA_USER,
        Credentials,
        VirtuosoServer,
        publish_graph,
    )

    server = VirtuosoServer()
    server.start()
    setup["virtuoso: server start, fresh database (s)"] = server.start_seconds
    report = publish_graph(
        nt, count, server.query_url, GRAPH_IRI, credentials=Credentials(DBA_USER, DBA_PASSWORD)
    )
    setup["virtuoso: publish, HTTP PUT of the staging graph (s)"] = report.upload_seconds
    setup["virtuoso: publish, MOVE onto the named graph (s)"] = report.swap_seconds
    return server


def _measure(engines: dict[str, object], runs: int) -> list[dict]:
    rows = []
    for name, query in library().items():
        bindings = bind(query, [])
        row: dict = {"query": name}
        for engine_name, engine in engines.items():
            cold, median, count = timed(engine, query.text, bindings, runs)
            row[engine_name] = {"cold_ms": cold, "median_ms": median, "rows": count}
        rows.append(row)
        print(
            f"  {name}: " + ", ".join(f"{e} {row[e]['median_ms']:.1f} ms" for e in engines),
            file=sys.stderr,
        )
    return rows


def _report(rows: list[dict], engines: list[str], setup: dict[str, float], runs: int) -> None:
    print(f"Median of {runs} runs after one warm-up, in ms; target {TARGET_MS:.0f} ms embedded.\n")
    header = ["query", "rows", *engines, "rdflib / pyoxigraph", "server / pyoxigraph"]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        rdf, oxi = row["rdflib"]["median_ms"], row["pyoxigraph"]["median_ms"]
        srv = row["oxigraph server"]["median_ms"]
        cells = [f"`{row['query']}`", str(row["pyoxigraph"]["rows"])]
        cells += [f"{row[e]['median_ms']:.1f}" for e in engines]
        cells += [f"{rdf / oxi:.0f}×", f"{srv / oxi:.1f}×"]
        print("| " + " | ".join(cells) + " |")
    print()
    for engine in engines:
        medians = [row[engine]["median_ms"] for row in rows]
        over = [row["query"] for row in rows if row[engine]["median_ms"] > TARGET_MS]
        print(
            f"- {engine}: median of medians {statistics.median(medians):.1f} ms, "
            f"max {max(medians):.1f} ms, {len(over)} over {TARGET_MS:.0f} ms"
            + (f" ({', '.join(over)})" if over and len(over) <= 8 else "")
        )
    ratios = [row["rdflib"]["median_ms"] / row["pyoxigraph"]["median_ms"] for row in rows]
    server = [row["oxigraph server"]["median_ms"] / row["pyoxigraph"]["median_ms"] for row in rows]
    print(
        f"- rdflib / pyoxigraph: median {statistics.median(ratios):.0f}×, "
        f"range {min(ratios):.1f}×–{max(ratios):.0f}×"
    )
    print(
        f"- oxigraph server / pyoxigraph: median {statistics.median(server):.1f}×, "
        f"range {min(server):.1f}×–{max(server):.1f}×"
    )
    cold = [row["rdflib"]["cold_ms"] - row["rdflib"]["median_ms"] for row in rows]
    print(
        f"- rdflib's first run of a query costs {statistics.median(cold):.0f} ms more (median): "
        "parsing the query"
    )
    print("\nSetup:\n")
    for key, value in setup.items():
        print(f"- {key}: {value:.2f}")


if __name__ == "__main__":
    sys.exit(main())
