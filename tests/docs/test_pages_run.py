"""Every code block of the tutorials and how-to guides runs, in a fresh clone after
``make run``, and prints what the page shows (see tests/docs/blocks.py for the convention)."""

from __future__ import annotations

import subprocess

import pytest

from tests.docs.blocks import Block, Command, blocks, commands, matches, outputs, session
from tests.docs.conftest import MAKE_RUN, ROOT, environment, make_recipe

PAGES = sorted(
    path.relative_to(ROOT).as_posix()
    for folder in ("docs/tutorials", "docs/how-to")
    for path in (ROOT / folder).glob("*.md")
)


def steps(page: str) -> list[Block | Command]:
    found: list[Block | Command] = []
    for block in blocks(ROOT / page):
        if block.language == "console":
            found += commands(block)
        elif block.title:
            found.append(block)
        else:
            assert block.not_run, (
                f"{block.where}: a {block.language or 'plain'} block that is neither a console "
                "session nor a file to save; say why it is not run (<!-- not run: … -->)"
            )
    return found


def test_make_run_is_what_the_sandbox_did():
    """The pages' ``make run`` is not run again: the clone's dist/ was made by its commands."""
    assert make_recipe("run") == MAKE_RUN


def test_the_pages_are_found():
    assert "docs/tutorials/researcher.md" in PAGES
    assert "docs/how-to/add-a-query.md" in PAGES


def _shows_a_failure(shown: list[str]) -> bool:
    """A command may fail where the page shows it failing: sdgkg's one-line error, or a test
    pytest reports as failed."""
    first = bool(shown) and shown[0].startswith("sdgkg: error:")
    return first or any(line.startswith("FAILED ") for line in shown)


@pytest.mark.parametrize("page", PAGES)
def test_every_block_runs_and_shows_what_it_prints(page, clone):
    found = steps(page)
    run = [
        step
        for step in found
        if not (isinstance(step, Command) and step.command.strip() == "make run")
    ]
    for step in found:
        if isinstance(step, Command) and step.command.strip() == "make run":
            assert not step.shown, f"{step.block.where}: make run's output is not checked"
    for number, step in enumerate(run):
        if isinstance(step, Block):
            assert any(isinstance(later, Command) for later in run[number:]), (
                f"{step.where}: {step.title} is saved but no command follows"
            )
    done = subprocess.run(
        ["bash", "-c", session(run)],
        cwd=clone,
        env=environment(clone),
        capture_output=True,
        text=True,
        timeout=600,
    )
    results = outputs(done.stdout)
    for number, step in enumerate(run):
        if not isinstance(step, Command):
            continue
        where = f"{step.block.where}: $ {step.command}"
        assert number in results, f"{where}: did not finish\n{done.stdout[-3000:]}"
        lines, code = results[number]
        fails = _shows_a_failure(step.shown)
        assert (code != 0) == fails, f"{where}: exit code {code}\n" + "\n".join(lines)
        assert matches(step.shown, lines), (
            f"{where}\n--- shown\n" + "\n".join(step.shown) + "\n--- printed\n" + "\n".join(lines)
        )
