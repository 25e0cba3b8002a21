"""Benchmark: extraction of the bundled Hải Phòng plan, in process (target: under 100 ms).

Reports the median and spread of repeated runs of each stage. Numbers, not assertions: the
test suite never times anything.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from build_graph import default_source
from build_graph.model import Registry, agency_key, is_period_line
from build_graph.read import Resolver, read_lines, read_plan, read_plan_lines
from build_graph.tables import render_extraction_report, write_tables


def _time(function, repeat: int) -> list[float]:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    source = default_source()
    registry = Registry.load()
    resolver = Resolver(registry)
    lines = read_lines(source)
    plan = read_plan(source, resolver=resolver)
    out = Path(tempfile.mkdtemp(prefix="sdgkg-bench-"))

    def cold_extract() -> None:
        """A first extraction in a fresh process: no cached keys or cell readings."""
        agency_key.cache_clear()
        is_period_line.cache_clear()
        read_plan(source, resolver=Resolver(registry))

    stages = {
        "load registry": Registry.load,
        "decode + split lines": lambda: read_lines(source),
        "parse (lines → plan)": lambda: read_plan_lines(lines, str(source), resolver),
        "extract cold (file → plan, fresh caches)": cold_extract,
        "extract warm (file → plan)": lambda: read_plan(source, resolver=resolver),
        "write tables": lambda: write_tables(plan, registry, out),
        "render report": lambda: render_extraction_report(plan, registry),
    }
    print(f"source: {source.name}, {len(plan.tasks)} tasks, repeat={args.repeat}")
    for name, function in stages.items():
        timings = _time(function, args.repeat)
        print(
            f"BENCH stage={name!r} median_ms={statistics.median(timings):.1f} "
            f"min_ms={min(timings):.1f} max_ms={max(timings):.1f}"
        )


if __name__ == "__main__":
    main()
