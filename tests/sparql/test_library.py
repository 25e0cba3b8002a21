"""The query library: every file has its header, parses, and the binding machinery is sound."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from build_graph.errors import SdgkgError
from build_graph.sparql.engines import query_form
from build_graph.sparql.library import (
    bind,
    find_query,
    insert_values,
    library,
    read_query,
    where_group_starts,
)

QUERIES = library()

# The questions of issue 4, each with the library query that answers it.
QUESTIONS = {
    "tasks per lead agency, by goal": "tasks-per-lead-agency-by-goal",
    "partner load per agency (bottleneck candidates)": "partner-load",
    "targets with more than one lead agency": "targets-with-several-leads",
    "targets split between agencies by sub-target": "targets-split-by-subtarget",
    "agency pairs that share tasks, weighted": "coordination-edges",
    "tasks whose partners are all vague or collective": (
        "tasks-with-only-vague-or-collective-partners"
    ),
    "tasks with no partner at all": "tasks-without-partners",
    "declared targets with no task": "declared-targets-without-tasks",
    "coverage of the 17 UN goals": "un-goal-coverage",
    "coverage of the UN targets": "un-target-coverage",
    "the period profile": "period-profile",
    "sub-task trees": "sub-task-trees",
    "identical or near-identical task texts": "similar-task-texts",
    "the provenance of any task": "task-provenance",
    "everything about one agency": "agency-profile",
    "who holds each task today (2025 reorganisation)": "task-holders-today",
    "coordination links that became internal to one merged body": "links-internal-today",
}


def test_the_library_has_at_least_15_queries_and_answers_every_question():
    assert len(QUERIES) >= 15
    missing = {q: name for q, name in QUESTIONS.items() if name not in QUERIES}
    assert not missing


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_opens_with_title_question_and_parameters(name):
    query = QUERIES[name]
    first = query.text.splitlines()[0]
    assert first.startswith("# Title: ")
    assert query.title and query.title != name
    assert len(query.question) > 30 and query.question.endswith((".", "?", ")"))
    assert query.declared, f"{name} has no '# Parameters:' line"
    for param in query.parameters:
        assert param.default is not None or param.optional, param
        assert f"?{param.name}" in query.text.split("\nSELECT", 1)[1]
        assert param.doc


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_is_a_select_query_with_defaults_that_bind(name):
    query = QUERIES[name]
    assert query_form(query.text, name) == "SELECT"
    bindings = bind(query, [])
    assert set(bindings) == {p.name for p in query.parameters if p.default is not None}
    # the text sent to endpoints parses too, with its VALUES blocks
    assert query_form(insert_values(query.text, bindings), name) == "SELECT"


def test_the_network_subfolder_is_not_part_of_this_library():
    assert all(query.path.parent.name == "queries" for query in QUERIES.values())


def test_find_query_by_name_by_file_and_unknown(tmp_path):
    assert find_query("partner-load").name == "partner-load"
    assert find_query("partner-load.rq").name == "partner-load"
    own = tmp_path / "mine.rq"
    own.write_text("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1\n", encoding="utf-8")
    assert find_query(str(own)).title == "mine"
    with pytest.raises(SdgkgError, match="no such query"):
        find_query("no-such-query")


def test_parameter_values_become_terms_of_the_declared_type():
    profile = QUERIES["agency-profile"]
    assert bind(profile, ["agency=agency:hai-phong/so-tnmt"])["agency"] == URIRef(
        "https://w3id.org/sdgkg/agency/hai-phong/so-tnmt"
    )
    assert bind(profile, ["agency=<urn:x:y>"])["agency"] == URIRef("urn:x:y")
    edges = bind(QUERIES["coordination-edges"], ["minShared=3", "includeVague=yes"])
    assert edges["minShared"] == Literal("3", datatype=XSD.integer)
    assert edges["includeVague"] == Literal(True)
    with pytest.raises(SdgkgError, match="not an integer"):
        bind(QUERIES["coordination-edges"], ["minShared=three"])
    with pytest.raises(SdgkgError, match="no parameter nope"):
        bind(profile, ["nope=1"])
    with pytest.raises(SdgkgError, match="given twice"):
        bind(profile, ["agency=agency:a", "agency=agency:b"])


def test_optional_parameters_stay_unbound_unless_given():
    tasks = QUERIES["agency-tasks"]
    assert "role" not in bind(tasks, [])
    assert bind(tasks, ["role=sdgkg:LeadRole"])["role"] == URIRef(
        "https://w3id.org/sdgkg/ontology#LeadRole"
    )


def test_a_malformed_parameter_line_is_reported_with_its_line(tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text(
        "# Title: Bad\n# Question: Is this header bad?\n# Parameters:\n#   ?x (colour) What.\n"
        "SELECT ?x WHERE { ?x ?p ?o }\n",
        encoding="utf-8",
    )
    with pytest.raises(SdgkgError, match=r"bad\.rq:4: parameter line"):
        read_query(bad)


def test_values_go_into_every_where_group_and_nowhere_else():
    text = (
        "PREFIX ex: <http://example.org/where#>\n"
        '# a comment with { a brace and WHERE {\nSELECT ?a WHERE {\n  ?a ex:p "{ not a group }" .\n'
        "  { SELECT ?a WHERE { ?a ex:q ?where } }\n"
        "  { SELECT ?b WHERE { ?b ex:q 'WHERE {' } }\n}\n"
    )
    starts = where_group_starts(text)
    assert [text[i - 1] for i in starts] == ["{", "{", "{"]
    assert [text[: i - 1].rstrip().endswith("WHERE") for i in starts] == [True, True, True]
    bound = insert_values(text, {"a": URIRef("http://example.org/a")})
    # the main group and the sub-select that names ?a; not the one that does not
    assert bound.count("VALUES (?a) { (<http://example.org/a>) }") == 2
    assert "{ SELECT ?b WHERE { ?b" in bound
    assert '"{ not a group }"' in bound and "# a comment with { a brace" in bound


def test_the_template_of_a_construct_query_gets_no_values():
    text = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    bound = insert_values(text, {"s": URIRef("urn:s")})
    assert bound.startswith("CONSTRUCT { ?s ?p ?o } WHERE {\n  VALUES (?s)")
    assert query_form(bound, "construct") == "CONSTRUCT"
    ask = insert_values("ASK { ?s ?p ?o }", {"s": URIRef("urn:s")})
    assert query_form(ask, "ask") == "ASK" and "VALUES (?s)" in ask


def test_an_update_and_garbage_are_told_apart_from_queries():
    assert query_form("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "u") == "UPDATE"
    assert query_form("PREFIX x: <urn:x#> DELETE WHERE { ?s x:p ?o }", "u") == "UPDATE"
    with pytest.raises(SdgkgError, match=r"not a SPARQL 1\.1 query"):
        query_form("SELECT ?s WHERE { ?s ?p }", "broken.rq")


def test_queries_readme_lists_every_query():
    readme = (Path(__file__).resolve().parents[2] / "queries" / "README.md").read_text("utf-8")
    for name in QUERIES:
        assert f"`{name}`" in readme, name
