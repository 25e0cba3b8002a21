"""Benchmark: the whole pipeline on 1, 10 and 63 SYNTHETIC plans (bench/make_corpus.py).

Stages: extract + graph + validate + write (``sdgkg build --sources``), the query library on the
embedded pyoxigraph store, and the coordination report (``sdgkg report``). Each stage runs in a
fresh child process, so its peak memory is its own. Prints, per size:

    BENCH provinces=N tasks=T triples=X seconds=S peak_rss_mb=M

then one line per stage. Targets on a 2-core machine: 63 plans under 60 s and under 2 GiB.
Numbers, never test assertions.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BUILD = r"""
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
from build_graph.build import run_build
imports = time.perf_counter() - t0
sources = sorted(Path(sys.argv[1]).glob("*.txt"))
result = run_build(sources, Path(sys.argv[2]))
print(json.dumps({"timings": {"imports": imports, **result.timings},
                  "tasks": sum(len(p.tasks) for p in result.plans), "triples": result.triples}))
"""

QUERIES = r"""
import json, sys, time
import pyoxigraph as ox
from build_graph.sparql_library import library
t0 = time.perf_counter()
store = ox.Store()
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES)
timings = {"load": time.perf_counter() - t0}
for name, query in sorted(library().items()):
    if any(p.default is None and not p.optional for p in query.parameters):
        continue  # needs a value: measured in bench/bench_queries.py
    if "INSERT" in query.text.upper().split("WHERE")[0] or "DELETE DATA" in query.text.upper():
        continue
    t = time.perf_counter()
    result = store.query(query.text)
    rows = sum(1 for _ in result) if not isinstance(result, bool) else 1
    timings[f"query {name}"] = time.perf_counter() - t
print(json.dumps({"timings": timings}))
"""


def child_peak(args: list[str]) -> tuple[float, float, str]:
    """Run under /usr/bin/time to read this child's own peak RSS."""
    start = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "PEAK_KB=%M", *args], check=True, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    peak_kb = next(
        int(line.split("=")[1]) for line in done.stderr.splitlines() if line.startswith("PEAK_KB=")
    )
    return seconds, peak_kb / 1024, done.stdout


def bench(count: int, work: Path, seed: int) -> None:
    corpus = work / f"corpus-{count}"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "make_corpus.py"), str(count), "--out", str(corpus),
         "--seed", str(seed)],
        check=True, capture_output=True,
    )  # fmt: skip
    dist = work / f"dist-{count}"
    stages: list[tuple[str, float, float, dict]] = []
    seconds, peak, out = child_peak([sys.executable, "-c", BUILD, str(corpus), str(dist)])
    facts = json.loads(out)
    stages.append(("build", seconds, peak, facts["timings"]))
    seconds, peak, out = child_peak([sys.executable, "-c", QUERIES, str(dist / "graph.nt")])
    stages.append(("query library", seconds, peak, json.loads(out)["timings"]))
    seconds, peak, _ = child_peak(
        [sys.executable, "-m", "build_graph.cli", "report", "--graph", str(dist / "graph.nt"),
         "--out", str(dist / "report"), "-q"]
    )  # fmt: skip
    stages.append(("report", seconds, peak, {}))
    total = sum(s[1] for s in stages)
    top = max(s[2] for s in stages)
    print(
        f"BENCH provinces={count} tasks={facts['tasks']} triples={facts['triples']} "
        f"seconds={total:.1f} peak_rss_mb={top:.0f}",
        flush=True,
    )
    for name, seconds, peak, parts in stages:
        print(
            f"BENCH provinces={count} stage={name!r} seconds={seconds:.2f} peak_rss_mb={peak:.0f}"
        )
        for part, value in parts.items():
            print(f"BENCH provinces={count} stage={name!r} part={part!r} seconds={value:.3f}")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[1, 10, 63])
    parser.add_argument("--seed", type=int, default=2030)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sdgkg-national-") as work:
        for count in args.sizes:
            bench(count, Path(work), args.seed)


if __name__ == "__main__":
    main()
