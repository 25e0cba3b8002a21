"""Locate the Turtle, SPARQL and data files that ship once, at the repository's top level.

In a source checkout (or an editable install) they sit beside the package; a wheel carries them
under ``build_graph/_resources``. Nothing is copied into the package source tree.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the folder ``name`` (``data``, ``ontology``, ``shapes`` or ``queries``)."""
    for candidate in (_PACKAGE_DIR / "_resources" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"resource folder {name!r} not found beside {_PACKAGE_DIR}")


def data_file(relative: str) -> Path:
    """Return a file under ``data/``."""
    return resource_dir("data") / relative


def default_source() -> Path:
    """The bundled Hải Phòng plan: the default source of every command."""
    return data_file("sources/haiphong-2894-QD-UBND-2017.txt")
