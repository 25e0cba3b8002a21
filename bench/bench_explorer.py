"""Benchmark: ``explorer.html`` in headless Chromium (Debian's, driven by Playwright), on a
report's explorer or a graph's (the report is written first, into a temporary folder).

Targets (issue 20): the national graph's explorer opens in under 3 s, a filter applies in
under 200 ms. Numbers, not assertions.

    .venv/bin/python bench/bench_explorer.py /tmp/e63d/graph.nt          # 63 plans
    .venv/bin/python bench/bench_explorer.py --report dist/report --repeat 5

Make a national graph with ``python bench/make_corpus.py 63 --out /tmp/e63 && sdgkg build
--sources /tmp/e63 --out /tmp/e63d -q``.

"open" is from the navigation's start to the second animation frame after the page says it is
ready (its first network drawn); a filter's time is from the control's change to the next
animation frame, the network recomputed from the tasks and redrawn. Both views are measured:
units merged across plans by registry id (the default with several plans) and every unit of
every plan.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FILTERS = (  # (what, JavaScript that changes one control)
    ("goal 6", "setSelect('goal', '6')"),
    ("goal 3", "setSelect('goal', '3')"),
    ("all goals", "setSelect('goal', '')"),
    ("period 2021-2030", "setSelect('period', '2021-2030')"),
    ("all periods", "setSelect('period', '')"),
    ("named units only", "setCheck('named', true)"),
    ("all units", "setCheck('named', false)"),
    ("written links", "setCheck('reading-w', true)"),
    ("inherited links", "setCheck('reading-i', true)"),
    ("hide departments", "setCheck('kind-department', false)"),
    ("show departments", "setCheck('kind-department', true)"),
    ("view agency–target", "setSelect('view', 'at')"),
    ("view co-partners", "setSelect('view', 'cp')"),
    ("view lead → partner", "setSelect('view', 'lp')"),
)

TIMED = """async (change) => {
  const setSelect = (id, value) => {
    const el = document.getElementById(id); el.value = value;
    el.dispatchEvent(new Event('change'));
  };
  const setCheck = (id, value) => {
    const el = document.getElementById(id); el.checked = value;
    el.dispatchEvent(new Event('change'));
  };
  const start = performance.now();
  eval(change);
  await new Promise(r => requestAnimationFrame(r));
  return [performance.now() - start, sdgkgExplorer.lastRedraw(), sdgkgExplorer.counts().nodes];
}"""


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        sys.exit("bench_explorer: Chromium is not installed (run scripts/ensure-chromium.sh)")
    return found


def write_report(graph: Path, folder: Path) -> Path:
    from build_graph.report.run import run_report

    start = time.perf_counter()
    result = run_report(graph, folder / "report")
    print(
        f"report written in {time.perf_counter() - start:.1f} s "
        f"({result.timings.get('explorer', 0):.1f} s for explorer.html)\n"
    )
    return folder / "report"


def measure(report: Path, repeat: int) -> None:
    from playwright.sync_api import sync_playwright

    page_path = report / "explorer.html"
    size = page_path.stat().st_size
    print(f"## explorer.html ({size / 1e6:.1f} MB), {repeat} runs per view\n")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        print(f"Chromium {browser.version}\n")
        for merged in ("1", "0"):
            opens: list[float] = []
            filters: dict[str, list[float]] = {name: [] for name, _ in FILTERS}
            nodes: dict[str, int] = {}
            for _ in range(repeat):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                errors: list[str] = []
                page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
                page.goto(page_path.as_uri() + f"#merged={merged}")
                page.wait_for_selector("body[data-ready='1']", timeout=120_000)
                page.evaluate(
                    "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
                )
                opens.append(page.evaluate("performance.now()"))
                nodes["open"] = page.evaluate("sdgkgExplorer.counts().nodes")
                for name, change in FILTERS:
                    elapsed, _, shown = page.evaluate(TIMED, change)
                    filters[name].append(elapsed)
                    nodes[name] = shown
                if errors:
                    print("page errors:", errors[:3])
                page.close()
            what = "units merged across plans" if merged == "1" else "every unit of every plan"
            print(f"### {what}: {nodes['open']} nodes\n")
            print("| step | nodes after | median ms | min ms | max ms |\n|---|---|---|---|---|")
            print(
                f"| open | {nodes['open']} | {statistics.median(opens):.0f} | "
                f"{min(opens):.0f} | {max(opens):.0f} |"
            )
            for name, values in filters.items():
                print(
                    f"| {name} | {nodes[name]} | {statistics.median(values):.0f} | "
                    f"{min(values):.0f} | {max(values):.0f} |"
                )
            print()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph", nargs="?", type=Path, help="a graph written by sdgkg build")
    parser.add_argument("--report", type=Path, help="a report folder holding explorer.html")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.report is None and args.graph is None:
        parser.error("give a graph file or --report DIR")
    if args.report is not None:
        measure(args.report, args.repeat)
        return
    with tempfile.TemporaryDirectory(prefix="bench-explorer-") as folder:
        measure(write_report(args.graph, Path(folder)), args.repeat)


if __name__ == "__main__":
    main()
