"""The notebooks: committed without outputs, and executed, so that none of them rots.

Strip a notebook you ran before committing it: ``.venv/bin/python tests/test_notebooks.py``
clears the outputs and execution counts of every notebook in ``notebooks/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))


def dirty_cells(notebook: nbformat.NotebookNode) -> list[int]:
    """Indices of code cells that hold outputs or an execution count."""
    return [
        index
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count"))
    ]


def strip(path: Path) -> bool:
    """Clear outputs and execution counts in place; True when the file changed."""
    notebook = nbformat.read(path, as_version=4)
    if not dirty_cells(notebook):
        return False
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nbformat.write(notebook, path)
    return True


def test_there_are_notebooks_for_sparql_and_for_the_network():
    names = [path.name for path in PATHS]
    assert len(names) >= 2
    assert any("sparql" in name for name in names)
    assert any("network" in name for name in names)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert dirty_cells(notebook) == [], (
        f"{path.name} holds outputs: strip it with `python tests/test_notebooks.py`"
    )


def test_dirty_cells_are_detected(tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    notebook.cells[0].execution_count = 1
    notebook.cells[0].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"})]
    path = tmp_path / "dirty.ipynb"
    nbformat.write(notebook, path)
    assert dirty_cells(nbformat.read(path, as_version=4)) == [0]
    assert strip(path) and not strip(path)
    assert dirty_cells(nbformat.read(path, as_version=4)) == []


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_notebook_executes(path, monkeypatch):
    """Every cell runs without error on the bundled plan (the notebooks assert what they show)."""
    from nbclient import NotebookClient

    monkeypatch.delenv("SDGKG_GRAPH", raising=False)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert outputs and not [o for o in outputs if o.output_type == "error"]


if __name__ == "__main__":
    changed = [path.name for path in PATHS if strip(path)]
    print(f"stripped: {', '.join(changed) or 'nothing to strip'}")
    sys.exit(0)
