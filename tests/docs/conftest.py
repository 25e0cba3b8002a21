"""A fresh clone, as a reader of the tutorials has one after ``make run``: a copy of the
repository's files (not docs/, not the virtualenv) with ``dist/`` as ``make run`` leaves it.
The commands of a page run in their own copy of it, with the shared virtualenv's ``sdgkg`` and
``python`` first on the path and the copy's ``build_graph`` imported."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LEFT_OUT = {".git", ".venv", "dist", "docs", "site"}
CACHES = shutil.ignore_patterns(
    "__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache", ".hypothesis"
)
# What `make run` does once it has installed sdgkg; the sandbox's dist/ is made the same way
# (the build being the session's hp_dist), and test_make_run_is_what_the_sandbox_did checks it.
MAKE_RUN = [
    "$(BIN)/sdgkg build $(SOURCE) --out $(OUT)",
    "$(BIN)/sdgkg report --graph $(OUT)/graph.nt --out $(OUT)/report --lang en vi",
    "$(BIN)/sdgkg bundle $(OUT) --settings release.toml",
]


def make_recipe(target: str) -> list[str]:
    """The commands of a Makefile target, as written."""
    text = (ROOT / "Makefile").read_text("utf-8")
    found = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n)+)", text, re.MULTILINE)
    assert found, f"Makefile: no target {target}"
    return [line.strip() for line in found[1].splitlines()]


def environment(clone: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = str(clone)
    env.pop("SOURCE_DATE_EPOCH", None)
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def run_in(clone: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(command), cwd=clone, env=environment(clone), capture_output=True, text=True
    )


@pytest.fixture(scope="session")
def made_clone(hp_dist, tmp_path_factory) -> Path:
    """The clone after ``make run``, shared: pages work on copies of it."""
    clone = tmp_path_factory.mktemp("clone") / "sdgkg"
    clone.mkdir()
    for entry in ROOT.iterdir():
        if entry.name in LEFT_OUT or entry.name.startswith("."):
            continue
        if entry.is_dir():
            shutil.copytree(entry, clone / entry.name, ignore=CACHES)
        else:
            shutil.copy2(entry, clone / entry.name)
    shutil.copytree(hp_dist, clone / "dist")
    for command in (
        "sdgkg report --graph dist/graph.nt --out dist/report --lang en vi -q",
        "sdgkg bundle dist --settings release.toml",
    ):
        done = run_in(clone, *command.split())
        assert done.returncode == 0, done.stdout + done.stderr
    return clone


@pytest.fixture
def clone(made_clone, tmp_path) -> Path:
    """A copy of the made clone for one page: dist/ hard-linked (every command replaces the
    files it writes, never writes into one), the rest copied."""
    copy = tmp_path / "sdgkg"
    shutil.copytree(made_clone, copy, ignore=shutil.ignore_patterns("dist"), symlinks=True)
    shutil.copytree(made_clone / "dist", copy / "dist", copy_function=os.link)
    return copy
