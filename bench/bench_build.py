"""Benchmark: ``sdgkg build`` on the bundled Hải Phòng plan (target: under 3 s wall, imports
included). Prints the wall time of the whole command in a fresh process, and where the time goes
inside it. Numbers, never test assertions."""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STAGES = r"""
import json, sys, time
t0 = time.perf_counter()
from build_graph.pipeline import run_build
from build_graph import default_source
from pathlib import Path
imported = time.perf_counter() - t0
result = run_build([default_source()], Path(sys.argv[1]), validator=sys.argv[2])
timings = {"imports": imported, **result.timings}
print(json.dumps(timings))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--validator", default="fast", choices=["fast", "pyshacl"])
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="sdgkg-bench-")) / "dist"
    walls, stages = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "build_graph.cli",
                "build",
                "--out",
                str(out),
                "-q",
                "--validator",
                args.validator,
            ],
            check=True,
        )
        walls.append(time.perf_counter() - start)
        done = subprocess.run(
            [sys.executable, "-c", STAGES, str(out), args.validator],
            check=True,
            capture_output=True,
            text=True,
        )
        stages.append(json.loads(done.stdout))
    print(
        f"BENCH build validator={args.validator} wall_s_median={statistics.median(walls):.2f} "
        f"min={min(walls):.2f} max={max(walls):.2f} repeat={args.repeat}"
    )
    for name in stages[0]:
        values = [s[name] for s in stages]
        print(f"BENCH build stage={name!r} median_s={statistics.median(values):.3f}")


if __name__ == "__main__":
    main()
