"""Benchmark: the fast SHACL validator (build_graph.validate.fastshacl.engine) on the Hải Phòng
graph and on a
graph file given on the command line (e.g. the 63-plan graph of bench/bench_national.py).

Each graph is measured in a fresh child process per run (so peak memory is its own):
loading the store from the N-Triples text (as the build does) or from the file, then
validating the loaded store. Prints, per graph, the median of N runs:

    BENCH graph=PATH quads=X load_text_s=A load_file_s=B validate_s=C findings=F peak_rss_mb=M

Numbers, never test assertions. The machine may be shared: read medians, and the CPU seconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "sources" / "haiphong-2894-QD-UBND-2017.txt"

RUN = r"""
import json, resource, sys, time
from pathlib import Path
from build_graph.validate import load_validation_store, validate_fast
from build_graph.validate import load_shapes

def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

path, mode = Path(sys.argv[1]), sys.argv[2]
shapes = load_shapes()
data = path.read_text(encoding="utf-8") if mode == "text" else path
t, c = time.perf_counter(), cpu()
store = load_validation_store(data)
load, load_cpu = time.perf_counter() - t, cpu() - c
del data
t, c = time.perf_counter(), cpu()
result = validate_fast(store, shapes)
check, check_cpu = time.perf_counter() - t, cpu() - c
print(json.dumps({"load": load, "load_cpu": load_cpu, "validate": check,
                  "validate_cpu": check_cpu, "findings": len(result.findings),
                  "quads": len(store),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(path: Path, mode: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", RUN, str(path), mode],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench(path: Path, runs: int) -> None:
    """Median seconds of N runs of each mode, and the largest peak memory."""
    text = [run(path, "text") for _ in range(runs)]
    file = [run(path, "file") for _ in range(runs)]

    def median(rows: list[dict], key: str) -> float:
        return statistics.median(r[key] for r in rows)

    print(
        f"BENCH graph={path} quads={text[0]['quads']} "
        f"load_text_s={median(text, 'load'):.2f} load_file_s={median(file, 'load'):.2f} "
        f"validate_s={median(text + file, 'validate'):.2f} findings={text[0]['findings']} "
        f"peak_rss_mb={max(r['rss_mb'] for r in text + file):.0f}"
    )
    print(
        f"  cpu seconds: load_text={median(text, 'load_cpu'):.2f} "
        f"load_file={median(file, 'load_cpu'):.2f} "
        f"validate={median(text + file, 'validate_cpu'):.2f}",
        flush=True,
    )


def haiphong_graph(folder: Path) -> Path:
    out = folder / "hp"
    subprocess.run(
        [sys.executable, "-m", "build_graph.cli", "build", str(SOURCE), "--out", str(out), "-q"],
        cwd=ROOT,
        check=True,
    )
    return out / "graph.nt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("graphs", nargs="*", type=Path, help="N-Triples files to measure too")
    parser.add_argument("--runs", type=int, default=3, help="runs per graph (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bench(haiphong_graph(Path(folder)), args.runs)
    for graph in args.graphs:
        bench(graph, args.runs)


if __name__ == "__main__":
    main()
