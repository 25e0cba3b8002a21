"""The convention the pages' code blocks are run by (tests/docs/blocks.py)."""

from __future__ import annotations

from tests.docs.blocks import blocks, commands, matches, outputs, session


def test_a_shown_output_matches_with_ellipses():
    assert matches(["a", "…", "c"], ["a", "x", "y", "c"])
    assert matches(["a", "…", "c"], ["a", "c"])
    assert matches(["1 passed, … in …s"], ["1 passed, 43 deselected in 3.08s"])
    assert matches(['("u"…)'], ['("u"…)'])
    assert matches(["a  "], ["a", ""])
    assert not matches(["a"], ["b"])
    assert not matches(["a"], ["a", "b"])
    assert not matches([], ["printed"])


def test_a_page_is_read_into_blocks_commands_and_files(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "# t\n\n```console\n$ echo one\none\n$ true\n```\n\n"
        '```sparql title="q.rq"\nSELECT * {}\n```\n\n'
        "<!-- not run: needs a portal -->\n```sh\ncurl x\n```\n",
        encoding="utf-8",
    )
    console, saved, skipped = blocks(page)
    assert console.language == "console" and console.line == 3
    assert [(c.command, c.shown) for c in commands(console)] == [
        ("echo one", ["one"]),
        ("true", []),
    ]
    assert saved.title == "q.rq" and saved.text == "SELECT * {}\n"
    assert skipped.not_run == "needs a portal"


def test_a_session_reports_each_commands_output_and_exit_code(tmp_path):
    import subprocess

    page = tmp_path / "page.md"
    page.write_text(
        '```text title="f.txt"\nhello\n```\n\n```console\n$ cat f.txt\nhello\n$ false\n```\n',
        encoding="utf-8",
    )
    saved, console = blocks(page)
    steps = [saved, *commands(console)]
    done = subprocess.run(
        ["bash", "-c", session(steps)], cwd=tmp_path, capture_output=True, text=True
    )
    assert outputs(done.stdout) == {1: (["hello"], 0), 2: ([], 1)}
