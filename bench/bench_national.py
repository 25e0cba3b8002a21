"""Benchmark: the whole pipeline on 1, 10 and 63 SYNTHETIC plans (bench/make_corpus.py).

The pipeline runs in one fresh child process, as a national user runs it: ``run_build`` (extract,
graph, validate, write the graph, tables and bundle) keeps its pyoxigraph store, the query
library runs on that store with each query's default parameters, and the coordination report
is drawn from it (``run_report(store=result.take_store())``: the report frees the store once it
has read it): the 4 M triples are loaded once, not three times. Prints, per size:

    BENCH provinces=N tasks=T triples=X seconds=S peak_rss_mb=M

then the CPU-seconds the run spent (user and system, its forked and spawned workers included)
and what they allow on this machine's cores at best (CPU-seconds / cores: no schedule runs
faster), one line per stage (its seconds, and the peak RSS of the process so far) and per part,
and the names check of ``bench/registry_check.py`` (cross-province matches, unresolved share).
The query library runs two queries at a time (a query's part is its own wall time then).
Targets on a 2-core machine: 63 plans under 60 s and under 2 GiB.
Numbers, never test assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PIPELINE = r"""
import json, resource, sys, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
t0 = time.perf_counter()
from build_graph.report import run_report
from build_graph.pipeline import run_build
from build_graph.sparql import bind, insert_values, library
imports = time.perf_counter() - t0


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(corpus, dist):
    # a function, as a script is written: its objects go when it returns, not in the
    # interpreter's exit (whose collections would walk them all first: ~2 s at 63 plans)
    stages = {}
    t = time.perf_counter()
    result = run_build(sorted(p for p in corpus.iterdir() if p.is_file()), dist, keep_store=True)
    stages["build"] = (time.perf_counter() - t, peak_mb(), {"imports": imports, **result.timings})
    t = time.perf_counter()

    def run(item):
        name, query = item
        q = time.perf_counter()
        answer = result.store.query(insert_values(query.text, bind(query, [])))
        rows = sum(1 for _ in answer) if not isinstance(answer, bool) else 1
        return f"query {name}", time.perf_counter() - q

    runnable = [
        (name, query) for name, query in sorted(library().items())
        # a query that needs a value is measured in bench/bench_queries.py
        if not any(p.default is None and not p.optional for p in query.parameters)
        and not {"INSERT", "DELETE"} & set(query.text.upper().split("WHERE")[0].split())
    ]
    # two at a time, as a researcher's batch on two cores: pyoxigraph evaluates without the GIL
    with ThreadPoolExecutor(max_workers=2) as pool:
        parts = dict(pool.map(run, runnable))
    stages["query library"] = (time.perf_counter() - t, peak_mb(), parts)
    t = time.perf_counter()
    # the pipeline's last use of the store, handed over: the report frees it once read (~1.35 GB)
    report = run_report(dist / "graph.nt", dist / "report", store=result.take_store())
    stages["report"] = (time.perf_counter() - t, peak_mb(), report.timings)
    return {"tasks": sum(len(p.tasks) for p in result.plans), "triples": result.triples,
            "stages": stages}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]))))
"""


@dataclass(frozen=True)
class ChildRun:
    """One run of the pipeline's process, as /usr/bin/time saw it."""

    seconds: float
    peak_mb: float  # the largest resident set of the process or of any one of its workers
    user: float  # CPU-seconds, the workers it waited for included
    system: float
    stdout: str


def child_run(args: list[str]) -> ChildRun:
    """Run under /usr/bin/time to read the child's peak RSS and CPU-seconds."""
    start = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "PEAK_KB=%M USER=%U SYSTEM=%S", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    line = next(line for line in done.stderr.splitlines() if line.startswith("PEAK_KB="))
    fields = dict(field.split("=") for field in line.split())
    return ChildRun(
        seconds,
        int(fields["PEAK_KB"]) / 1024,
        float(fields["USER"]),
        float(fields["SYSTEM"]),
        done.stdout,
    )


def bench(count: int, work: Path, seed: int) -> None:
    corpus = work / f"corpus-{count}"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "make_corpus.py"),
            str(count),
            "--out",
            str(corpus),
            "--seed",
            str(seed),
        ],
        check=True,
        capture_output=True,
    )
    dist = work / f"dist-{count}"
    script = work / "pipeline.py"
    script.write_text(PIPELINE, encoding="utf-8")
    run = child_run([sys.executable, str(script), str(corpus), str(dist)])
    facts = json.loads(run.stdout)
    stages = [(name, *values) for name, values in facts["stages"].items()]
    # the whole child process: imports, build, queries, report
    print(
        f"BENCH provinces={count} tasks={facts['tasks']} triples={facts['triples']} "
        f"seconds={run.seconds:.1f} peak_rss_mb={run.peak_mb:.0f}",
        flush=True,
    )
    cpu = run.user + run.system
    cores = os.cpu_count() or 1
    print(
        f"BENCH provinces={count} cpu_seconds={cpu:.1f} user={run.user:.1f} "
        f"system={run.system:.1f} cores={cores} fastest_possible_seconds={cpu / cores:.1f}"
    )
    for name, seconds, peak, parts in stages:
        print(
            f"BENCH provinces={count} stage={name!r} seconds={seconds:.2f} peak_rss_mb={peak:.0f}"
        )
        for part, value in parts.items():
            print(f"BENCH provinces={count} stage={name!r} part={part!r} seconds={value:.3f}")
    # the names: cross-province matches (must be 0) and the unresolved share, after the timing
    check = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "registry_check.py"), str(dist)],
        capture_output=True,
        text=True,
    )
    for line in check.stdout.splitlines()[:2]:
        print(f"BENCH provinces={count} {line}")
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
