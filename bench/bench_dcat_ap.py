"""Benchmark: the bundle's ``catalog.ttl`` against the official DCAT-AP 3.0.1 shapes
(``shapes/dcat-ap/3.0.1``, the three sets of ``tests/publish/test_dcat.py``) with pyshacl and
with the fast engine, in one process: the catalogue is small, the figures are each engine's own
work (the fast engine's includes loading the store and checking the shapes).

Prints, per shape set, whether the two engines give the same results (as a set of (focus
node, path, component, severity, value)) and the median seconds of N runs after one warm-up:

    BENCH set=NAME results=R identical=yes pyshacl_s=A fast_s=B

Numbers, never test assertions (tests/validate/test_dcat_ap.py asserts the equality).
``python bench/bench_dcat_ap.py [DIST]``: DIST is a ``sdgkg build`` output folder (else one
is built in a temporary folder).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from build_graph.validate.fastshacl.engine import validate_fast  # noqa: E402
from build_graph.validate.pyshacl_reference import validate_pyshacl  # noqa: E402
from build_graph.validate.result import ValidationResult  # noqa: E402
from tests.publish.test_dcat import SHAPE_SETS, official_shapes  # noqa: E402
from tests.validate.agreement import top_level_results  # noqa: E402

Engine = Callable[[Graph, Graph], ValidationResult]


def median_seconds(engine: Engine, data: Graph, shapes: Graph, runs: int) -> float:
    engine(data, shapes)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        engine(data, shapes)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench(catalog: Path, runs: int) -> None:
    data = Graph().parse(catalog, format="turtle")
    for name in SHAPE_SETS:
        shapes, _ = official_shapes(name)
        reference = top_level_results(validate_pyshacl(data, shapes).report)
        fast = top_level_results(validate_fast(data, shapes).report)
        print(
            f"BENCH set={name} results={len(reference)} "
            f"identical={'yes' if reference == fast else 'NO'} "
            f"pyshacl_s={median_seconds(validate_pyshacl, data, shapes, runs):.3f} "
            f"fast_s={median_seconds(validate_fast, data, shapes, runs):.3f}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dist", nargs="?", type=Path, help="a sdgkg build output folder")
    parser.add_argument("--runs", type=int, default=7, help="runs per engine and set (median)")
    args = parser.parse_args()
    if args.dist is not None:
        bench(args.dist / "catalog.ttl", args.runs)
        return
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "dist"
        subprocess.run(
            [sys.executable, "-m", "build_graph.cli", "build", "--out", str(out), "-q"],
            cwd=ROOT,
            check=True,
        )
        bench(out / "catalog.ttl", args.runs)


if __name__ == "__main__":
    main()
