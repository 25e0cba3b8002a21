"""Every library query gives the same answer, row for row, on rdflib and on pyoxigraph.

rdflib receives the parameters as ``initBindings``, pyoxigraph as VALUES blocks (as servers
do), so this also shows that the two ways of binding agree.
"""

from __future__ import annotations

import pytest

from build_graph.graph.bundled import bundled_triples
from build_graph.sparql.engines import OxigraphEngine, RdflibEngine
from build_graph.sparql.library import bind, library

QUERIES = library()
PLAN = "plan:hai-phong-2894-2017"
# Non-default parameters, so that each way of binding is exercised beyond the defaults.
VARIANTS = [
    ("agency-profile", ["agency=agency:hai-phong/so-tnmt"]),
    ("agency-tasks", ["agency=agency:hai-phong/so-gddt", "role=sdgkg:PartnerRole"]),
    ("coordination-edges", ["minShared=5", "includeVague=true"]),
    ("partner-load", ["minTasks=20"]),
    ("search-tasks", ["phrase=trẻ em"]),
    ("similar-task-texts", ["prefixLength=40", "acrossOnly=true"]),
    ("sub-task-trees", ["appendix=plan:hai-phong-2894-2017/appendix/06"]),
    ("task-provenance", ["task=plan:hai-phong-2894-2017/appendix/12/task/15.4.1"]),
    ("tasks-per-lead-agency-by-goal", ["lead=agency:hai-phong/so-nnptnt"]),
    ("tasks-with-only-vague-or-collective-partners", ["lead=agency:hai-phong/so-gtvt"]),
    ("un-target-coverage", ["goal=unsdg:14", "status=missed"]),
    ("vsdg-un-links", ["concept=vsdg:3.8"]),
    ("partner-name-resolution", ["how=fuzzy"]),
    ("declared-targets-without-tasks", [f"plan={PLAN}"]),
    ("similar-task-texts", [f"plan={PLAN}", "acrossOnly=true"]),
    ("targets-with-several-leads", [f"plan={PLAN}"]),
    ("appendix-overview", ["plan=plan:no-such-plan"]),
    ("target-leads-across-plans", ["minUnits=2"]),
    ("units-across-plans", ["minPlans=2"]),
]


@pytest.fixture(scope="module")
def engines() -> tuple[RdflibEngine, OxigraphEngine]:
    triples = bundled_triples()
    return RdflibEngine(triples), OxigraphEngine(triples)


def _same(engines, name: str, params: list[str]) -> int:
    rdflib_engine, oxigraph_engine = engines
    query = QUERIES[name]
    bindings = bind(query, params)
    expected = rdflib_engine.query(query.text, bindings)
    got = oxigraph_engine.query(query.text, bindings)
    assert got.variables == expected.variables
    assert got.rows == expected.rows
    return len(got.rows)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_rdflib_and_pyoxigraph_agree_on_every_library_query(engines, name):
    rows = _same(engines, name, [])
    assert rows > 0, f"{name} answers nothing on the bundled plan"


@pytest.mark.parametrize(("name", "params"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_they_agree_with_other_parameter_values(engines, name, params):
    _same(engines, name, params)
