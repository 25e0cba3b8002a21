"""The fenced code blocks of a Markdown page, and how a page's shell session is run and checked.

The convention of the tutorials and how-to guides (docs/tutorials, docs/how-to):

* a ``console`` block is a shell session: each ``$ command`` line runs, in order, in one bash
  process per page (so a job put in the background can be stopped later), and the lines after
  it, up to the next ``$``, are its output as shown (stdout and stderr); a line ``…`` stands for
  any lines, and a ``…`` within a line any text of that line (a time, a count that grows). A
  command must exit 0, unless its shown output says why not: a first line ``sdgkg: error: …``
  or a pytest ``FAILED …`` line.
* a block with ``title="FILE"`` is a file the reader saves: it is written, as shown, at that
  point of the session, and commands follow that use it.
* any other block says why it is not run, in a comment just above it:
  ``<!-- not run: needs a CKAN portal and its API token -->``.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

FENCE = re.compile(r"^(?P<fence>`{3,})(?P<info>[^`]*)$")
TITLE = re.compile(r'title="(?P<title>[^"]+)"')
NOT_RUN = re.compile(r"^<!-- not run: (?P<why>.+\S) -->$")
ELLIPSIS = "…"
MARK = "@@@sdgkg-docs@@@"


@dataclass(frozen=True)
class Block:
    page: Path
    line: int  # of the opening fence, 1-based
    language: str
    title: str | None
    not_run: str | None
    text: str

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"


@dataclass(frozen=True)
class Command:
    block: Block
    command: str
    shown: list[str]


def blocks(page: Path) -> list[Block]:
    lines = page.read_text("utf-8").split("\n")
    found, index = [], 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        fence, info = opening["fence"], opening["info"].strip()
        end = index + 1
        while end < len(lines) and lines[end].strip() != fence:
            end += 1
        above = lines[index - 1].strip() if index else ""
        reason = NOT_RUN.match(above)
        title = TITLE.search(info)
        found.append(
            Block(
                page=page,
                line=index + 1,
                language=info.split()[0] if info else "",
                title=title["title"] if title else None,
                not_run=reason["why"] if reason else None,
                text="\n".join(lines[index + 1 : end]) + "\n",
            )
        )
        index = end + 1
    return found


def commands(block: Block) -> list[Command]:
    found: list[Command] = []
    for line in block.text.rstrip("\n").split("\n"):
        if line.startswith("$ "):
            found.append(Command(block, line[2:], []))
        elif found:
            found[-1].shown.append(line)
        elif line.strip():
            raise AssertionError(f"{block.where}: output before any command: {line!r}")
    return found


def session(steps: list[Block | Command]) -> str:
    """One bash script: the files written, the commands run, each command's output between
    marks that carry its number and exit code."""
    script = ["exec 2>&1"]
    for number, step in enumerate(steps):
        if isinstance(step, Block):
            assert step.title is not None
            script.append(f"cat > {shlex.quote(step.title)} <<'SDGKG_DOCS_EOF'")
            script += [step.text.rstrip("\n"), "SDGKG_DOCS_EOF"]
            continue
        script.append(f"echo '{MARK} start {number}'")
        script.append(step.command)
        script.append(f'echo "{MARK} end {number} $?"')
    script += ["jobs -p | xargs -r kill 2>/dev/null", "wait", ""]
    return "\n".join(script)


def outputs(transcript: str) -> dict[int, tuple[list[str], int]]:
    """Each command's output lines and exit code, by its number in the session."""
    found: dict[int, tuple[list[str], int]] = {}
    current: int | None = None
    lines: list[str] = []
    for line in transcript.split("\n"):
        if line.startswith(f"{MARK} start "):
            current, lines = int(line.split()[-1]), []
        elif line.startswith(f"{MARK} end ") and current is not None:
            found[current] = (lines, int(line.split()[-1]))
            current = None
        elif current is not None:
            lines.append(line)
    return found


def matches(shown: list[str], actual: list[str]) -> bool:
    """The shown output, a ``…`` line standing for any lines (none included) and a ``…`` in a
    line for any text of it; trailing spaces and trailing empty lines ignored."""
    shown = _trimmed(shown)
    actual = _trimmed(actual)
    pattern = "".join(
        r"(?:[^\n]*\n)*?" if line == ELLIPSIS else _line_pattern(line) for line in shown
    )
    return re.fullmatch(pattern, "".join(f"{line}\n" for line in actual)) is not None


def _line_pattern(line: str) -> str:
    """A shown line; a ``…`` inside it stands for any text of that line."""
    return "[^\n]*?".join(re.escape(part) for part in line.split(ELLIPSIS)) + r"\n"


def _trimmed(lines: list[str]) -> list[str]:
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines
