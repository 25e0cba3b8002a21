"""Benchmark: ``sdgkg report`` on the Hải Phòng graph, stage by stage; Burt's constraint with
numpy against networkx; and, with ``--copies N``, the SPARQL reads and the analysis on N renamed
copies of the plan in one store (63 copies ≈ 3 M triples, the size of all provincial plans).

Numbers, not assertions: the test suite never times anything.

    .venv/bin/python bench/bench_report.py                 # report stages + constraint
    .venv/bin/python bench/bench_report.py --copies 63     # + the 63-plan scale run
    .venv/bin/python bench/bench_report.py --slow          # + networkx on the densest network
    .venv/bin/python bench/bench_report.py --national /tmp/nat/dist-63/graph.nt --repeat 3
        # only: `sdgkg report` on a built multi-plan graph, each run in a fresh process, with
        # its stages and peak RSS (the main process and the figure workers)
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from build_graph.cli import main as sdgkg
from build_graph.graph import store_from_ntriples
from build_graph.network import analyse, load, read_network_data, structural_holes
from build_graph.report import run_report


def timed(function, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def report_stages(graph: Path, repeat: int, workers_note: str) -> None:
    print(f"## sdgkg report on {graph} ({repeat} runs, median seconds; {workers_note})\n")
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            total, result = timed(run_report, graph, Path(folder) / "report")
            runs.append((total, result.timings))
    stages = list(runs[0][1])
    print("| stage | median s | min s |\n|---|---|---|")
    for stage in stages:
        values = [timings[stage] for _, timings in runs]
        print(f"| {stage} | {statistics.median(values):.3f} | {min(values):.3f} |")
    totals = [total for total, _ in runs]
    print(f"| **total** | {statistics.median(totals):.3f} | {min(totals):.3f} |\n")


def constraint_comparison(graph: Path, slow: bool) -> None:
    print("## Burt's constraint and effective size: numpy vs networkx\n")
    analysis = analyse(load(graph).data)
    cases: list[tuple[str, nx.Graph]] = []
    for name, view in analysis.views.items():
        cases.append((f"coordination {name}", view.coordination))
        cases.append((f"co-partner {name}", view.copartner))
        cases.append((f"agency projection {name}", view.projection))
    rng = random.Random(7)
    dense = nx.gnm_random_graph(200, 7973, seed=7)
    for u, v in dense.edges:
        dense[u][v]["weight"] = rng.randint(1, 20)
    cases.append(("random 200 nodes / 7,973 edges", dense))
    print("| network | nodes | edges | numpy s | networkx s | max abs difference |")
    print("|---|---|---|---|---|---|")
    for name, network in cases:
        seconds, (constraint, _) = timed(structural_holes, network)
        if network.number_of_edges() > 1000 and not slow:
            print(
                f"| {name} | {len(network)} | {network.number_of_edges()} | {seconds:.4f} | "
                "skipped (--slow) | |"
            )
            continue
        nx_seconds, theirs = timed(nx.constraint, network, weight="weight")
        diff = max(
            (
                abs(constraint[n] - theirs[n])
                for n in network
                if not network.is_directed() or network[n]
            ),
            default=0.0,
        )
        print(
            f"| {name} | {len(network)} | {network.number_of_edges()} | {seconds:.4f} | "
            f"{nx_seconds:.2f} | {diff:.1e} |"
        )
    print()


def scale(graph: Path, copies: int) -> None:
    print(f"## {copies} renamed copies of the plan in one store\n")
    text = graph.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    plan_lines = [line for line in lines if "/agency/hai-phong/" in line or "/plan/hai-" in line]
    in_plan = set(plan_lines)
    shared = [line for line in lines if line not in in_plan]
    parts = [*shared]
    for k in range(copies):
        parts += [
            line.replace("/agency/hai-phong/", f"/agency/hai-phong-{k}/").replace(
                "/plan/hai-phong-2894-2017", f"/plan/hai-phong-2894-2017-{k}"
            )
            for line in plan_lines
        ]
    data_text = "".join(parts)
    seconds, store = timed(store_from_ntriples, data_text)
    print(f"- {len(store)} triples loaded in {seconds:.2f} s")
    seconds, data = timed(read_network_data, store)
    print(
        f"- SPARQL reads (queries/network/*.rq): {seconds:.2f} s, {len(data.tasks)} tasks, "
        f"{len(data.plans)} plans"
    )
    seconds, analysis = timed(analyse, data)
    print(f"- networks, metrics, overlaps and gaps: {seconds:.2f} s")
    for stage, value in analysis.timings.items():
        print(f"  - {stage}: {value:.2f} s")
    print()


_RUN = """
import json, resource, sys, time
from pathlib import Path
from build_graph.report import run_report
start = time.perf_counter()
result = run_report(Path(sys.argv[1]), Path(sys.argv[2]))
total = time.perf_counter() - start
peak = {who: resource.getrusage(getattr(resource, who)).ru_maxrss / 1024
        for who in ("RUSAGE_SELF", "RUSAGE_CHILDREN")}
print(json.dumps({"total": total, "timings": result.timings, "peak_mb": peak,
                  "tasks": len(result.analysis.data.tasks),
                  "plans": len(result.analysis.data.plans)}))
"""


def national(graph: Path, repeat: int) -> None:
    """``sdgkg report`` on a multi-plan graph, each run in a fresh process (peak RSS is per
    process: the main one, and the largest figure worker)."""
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            done = subprocess.run(
                [sys.executable, "-c", _RUN, str(graph), f"{folder}/report"],
                check=True,
                capture_output=True,
                text=True,
            )
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    first = runs[0]
    print(
        f"## sdgkg report on {graph}: {first['plans']} plans, {first['tasks']} tasks "
        f"({repeat} runs, fresh process each)\n"
    )
    print("| stage | median s | min s |\n|---|---|---|")
    for stage in first["timings"]:
        values = [run["timings"][stage] for run in runs]
        print(f"| {stage} | {statistics.median(values):.2f} | {min(values):.2f} |")
    totals = [run["total"] for run in runs]
    print(f"| **total** | {statistics.median(totals):.2f} | {min(totals):.2f} |\n")
    main_mb = max(run["peak_mb"]["RUSAGE_SELF"] for run in runs)
    workers_mb = max(run["peak_mb"]["RUSAGE_CHILDREN"] for run in runs)
    print(f"- peak RSS: main process {main_mb:.0f} MB, largest figure worker {workers_mb:.0f} MB\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--graph", type=Path, help="graph.nt of `sdgkg build` (default: build)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--copies", type=int, default=0, help="scale run with N plan copies")
    parser.add_argument("--slow", action="store_true", help="networkx on the dense graph too")
    parser.add_argument(
        "--national", type=Path, metavar="GRAPH", help="only: the report on this multi-plan graph"
    )
    args = parser.parse_args()
    if args.national is not None:
        national(args.national, args.repeat)
        return
    with tempfile.TemporaryDirectory() as folder:
        graph = args.graph
        if graph is None:
            out = Path(folder) / "dist"
            seconds, _ = timed(sdgkg, ["build", "--out", str(out), "-q"])
            print(f"(sdgkg build: {seconds:.1f} s)\n")
            graph = out / "graph.nt"
        report_stages(graph, args.repeat, "figures drawn in parallel where cores allow")
        constraint_comparison(graph, args.slow)
        if args.copies:
            scale(graph, args.copies)


if __name__ == "__main__":
    main()
