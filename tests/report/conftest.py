"""A real headless Chromium for the report's pages (Debian's ``chromium``, as
``scripts/ensure-chromium.sh`` installs it), driven by Playwright for Python: Playwright's own
browser download cannot work on the build machines, so it is pointed at that executable.
Skipped where Chromium or Playwright is missing, unless ``SDGKG_REQUIRE_CHROMIUM=1``
(``make test``), which fails instead.

Screenshots are written under the session's pytest temporary folder
(``…/pytest-of-<user>/pytest-<n>/screenshots0/``) and, to keep them, also into the folder
``SDGKG_SCREENSHOTS`` names: ``SDGKG_SCREENSHOTS=shots pytest tests/report``.

Also the report in both languages (``sdgkg report --lang en vi``) of the session's build."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def _missing(why: str) -> None:
    if os.environ.get("SDGKG_REQUIRE_CHROMIUM") == "1":
        pytest.fail(why)
    pytest.skip(why)


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        _missing("Chromium is not installed (run scripts/ensure-chromium.sh)")
    assert found is not None
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium, one per session."""
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


def keep_screenshot(path: Path) -> None:
    """Copy a screenshot into ``SDGKG_SCREENSHOTS`` when it is set, for a person to look at."""
    folder = os.environ.get("SDGKG_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(folder) / path.name)


@pytest.fixture(scope="session")
def hp_report_bilingual(hp_dist, tmp_path_factory) -> Path:
    """``sdgkg report --lang en vi`` on the session's build: report.html and report.vi.html."""
    from build_graph.cli import main

    out = tmp_path_factory.mktemp("hai-phong-bilingual") / "report"
    graph = str(hp_dist / "graph.nt")
    assert main(["report", "--graph", graph, "--out", str(out), "--lang", "en", "vi", "-q"]) == 0
    return out
