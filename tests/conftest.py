"""Shared fixtures: the bundled document, its lines, a loaded registry, ONE build of the bundled
plan (and its report) for every test that reads the real outputs, and a build of two SYNTHETIC
plans (bench/make_corpus.py) for the multi-plan tests.

The session's builds are shared: read them, never write in them; a test that changes a file
copies the folder first (``shutil.copytree``)."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path
from types import ModuleType

import pytest

from build_graph.document.decoding import read_lines
from build_graph.model.agencies import Registry
from build_graph.read.partners import Resolver
from build_graph.read.reader import read_plan

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "sources" / "haiphong-2894-QD-UBND-2017.txt"


@pytest.fixture(scope="session")
def source_path() -> Path:
    return SOURCE


@pytest.fixture(scope="session")
def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry.load()


@pytest.fixture(scope="session")
def resolver(registry: Registry) -> Resolver:
    return Resolver(registry)


@pytest.fixture(scope="session")
def plan(resolver: Resolver):
    return read_plan(SOURCE, resolver=resolver)


@pytest.fixture(scope="session")
def source_lines():
    return read_lines(SOURCE)


@pytest.fixture(scope="session")
def triples() -> set[tuple]:
    """The bundled plan's graph as rdflib-term triples (SPARQL and endpoint tests)."""
    from build_graph.graph.bundled import bundled_triples

    return bundled_triples()


@pytest.fixture(scope="session")
def graph_file(tmp_path_factory, triples) -> Path:
    from build_graph.graph.ntriples import serialize

    path = tmp_path_factory.mktemp("graph") / "graph.nt"
    path.write_text(serialize(triples), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def embedded(triples):
    from build_graph.sparql.engines import OxigraphEngine

    return OxigraphEngine(triples)


@pytest.fixture(scope="session")
def hp_dist(tmp_path_factory) -> Path:
    """``sdgkg build`` of the bundled Hải Phòng plan, with SOURCE_DATE_EPOCH unset (every date is
    the plan's): the graph, tables, validation reports and bundle."""
    from build_graph.cli import main

    out = tmp_path_factory.mktemp("hai-phong") / "dist"
    with pytest.MonkeyPatch.context() as env:
        env.delenv("SOURCE_DATE_EPOCH", raising=False)
        assert main(["build", "--out", str(out), "-q"]) == 0
    return out


@pytest.fixture(scope="session")
def hp_graph(hp_dist):
    """``hp_dist``'s graph.nt, parsed by rdflib."""
    from rdflib import Graph

    return Graph().parse(hp_dist / "graph.nt", format="nt")


@pytest.fixture(scope="session")
def hp_report(hp_dist, tmp_path_factory) -> Path:
    """``sdgkg report`` on ``hp_dist``'s graph (its tables beside it), into a folder of its own."""
    from build_graph.cli import main

    out = tmp_path_factory.mktemp("hai-phong-report") / "report"
    graph = str(hp_dist / "graph.nt")
    assert main(["report", "--graph", graph, "--out", str(out), "-q"]) == 0
    return out


def make_corpus_module() -> ModuleType:
    """bench/make_corpus.py, imported from its file (bench/ is no package)."""
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "bench" / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def synthetic_corpus(tmp_path_factory, source_text) -> Path:
    """Two SYNTHETIC plans (seed 7): copies of the Hải Phòng text under other provinces'
    names, for testing the multi-plan machinery only."""
    folder = tmp_path_factory.mktemp("corpus")
    module = make_corpus_module()
    rng = random.Random(7)
    for index in (0, 1):
        text = module.make_plan(source_text, index, rng)
        (folder / f"synthetic-plan-{index + 1:02d}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def synthetic_dist(synthetic_corpus, tmp_path_factory) -> Path:
    """``sdgkg build --sources`` of the two synthetic plans. Shared: read it, don't write in it."""
    from build_graph.cli.main import main

    out = tmp_path_factory.mktemp("multi") / "dist"
    assert main(["build", "--sources", str(synthetic_corpus), "--out", str(out), "-q"]) == 0
    return out
