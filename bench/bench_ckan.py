"""Benchmark: ``sdgkg publish-ckan`` against a real CKAN 2.11 portal (ckanext-scheming,
ckanext-dcat with the DCAT-AP 3 profile, PostgreSQL, Redis), the one the tests start
(``tests/publish/ckan_server.py``; Solr is stood in for there, so the search index's own time
is not in these numbers). Needs ``scripts/ensure-ckan.sh`` to have installed the portal.

For each round, on a fresh data set name: the first publication (create), a rerun with nothing
new (the portal is asked, nothing is sent), and an update after a changed build (one file more,
new checksums). Each is one whole ``sdgkg publish-ckan`` process, as a publisher runs it.
Prints one line per step with its median, min and max seconds, and the portal's start time.

    .venv/bin/python bench/bench_ckan.py [--rounds 3] [--dist dist]

Numbers, never test assertions.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.publish.ckan_server import CkanServer, missing  # noqa: E402

TOKEN_ENV = "SDGKG_BENCH_CKAN_TOKEN"
SDGKG = [str(Path(sys.executable).parent / "sdgkg")]


def publish(dist: Path, server: CkanServer, name: str) -> float:
    """One whole publish-ckan process; its wall seconds."""
    command = [*SDGKG, "publish-ckan", "--url", server.url, "--dist", str(dist)]
    command += ["--api-key-env", TOKEN_ENV, "--org", server.organisation, "--name", name]
    started = time.perf_counter()
    subprocess.run(
        command, check=True, capture_output=True, env={**os.environ, TOKEN_ENV: server.token}
    )
    return time.perf_counter() - started


def bundle(work: Path, source: Path | None) -> tuple[Path, Path]:
    """The bundled plan's bundle (or ``source``), and a copy changed as a report changes it."""
    dist = work / "dist"
    if source is None:
        plan = ROOT / "data" / "sources" / "haiphong-2894-QD-UBND-2017.txt"
        subprocess.run([*SDGKG, "build", str(plan), "--out", str(dist), "-q"], check=True)
    else:
        shutil.copytree(source, dist)
    changed = work / "changed"
    shutil.copytree(dist, changed)
    (changed / "report").mkdir(exist_ok=True)
    (changed / "report" / "bench-note.md").write_text("# A changed build\n", encoding="utf-8")
    subprocess.run([*SDGKG, "bundle", str(changed), "-q"], check=True)
    return dist, changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dist", type=Path, help="a bundle to publish (default: build one)")
    args = parser.parse_args()
    why = missing()
    if why:
        sys.exit(f"bench_ckan: {why}")
    with tempfile.TemporaryDirectory(prefix="sdgkg-bench-ckan-") as folder:
        dist, changed = bundle(Path(folder), args.dist)
        server = CkanServer()
        started = time.perf_counter()
        server.start()
        print(f"BENCH ckan start seconds={time.perf_counter() - started:.1f}")
        try:
            times: dict[str, list[float]] = {"create": [], "rerun": [], "update": []}
            for round_number in range(args.rounds):
                name = f"sdgkg-bench-{round_number}"
                times["create"].append(publish(dist, server, name))
                times["rerun"].append(publish(dist, server, name))
                times["update"].append(publish(changed, server, name))
            for step, values in times.items():
                print(
                    f"BENCH ckan step={step} median={statistics.median(values):.2f} "
                    f"min={min(values):.2f} max={max(values):.2f} runs={len(values)}"
                )
        finally:
            server.stop()


if __name__ == "__main__":
    main()
