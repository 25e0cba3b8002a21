"""The fast validator (build_graph.validate.fastshacl.engine) gives pyshacl's results, exactly: on
the real
Hải Phòng graph, on small mutations of it that each break one constraint of the shapes, and
component by component on small hand-written graphs. pyshacl
(build_graph.validate.pyshacl_reference) is the
reference throughout; results are compared on focus node, path, value, severity, constraint
component, messages and source shape (both engines see the same shapes graph, and pyshacl
keeps the blank-node ids of property shapes in its report)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SH, SKOS, TIME, XSD

from build_graph.graph.builder import build_graph
from build_graph.graph.ntriples import serialize
from build_graph.graph.vocab import SDGKG
from build_graph.read.reader import read_plan
from build_graph.validate.fastshacl.engine import validate_fast
from build_graph.validate.fastshacl.store import load_validation_store
from build_graph.validate.pyshacl_reference import validate_pyshacl
from build_graph.validate.result import load_shapes
from tests.validate.agreement import EX, PREFIXES, agree, result_keys

SHAPE = Namespace("https://w3id.org/sdgkg/shapes#")


def sources_of(keys: Counter) -> set[tuple]:
    """(focus node, severity, node shape, path) of each result."""
    found = set()
    for k in keys:
        for shape in k[6] if isinstance(k[6], tuple) else (k[6],):
            found.add((k[0], k[3], URIRef(shape), k[1]))
            found.add((k[0], k[3], URIRef(shape), None))
    return found


# ------------------------------------------------------------------------------ real data


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def full_graph(plan, registry) -> Graph:
    return build_graph(plan, registry)


@pytest.fixture(scope="module")
def small_graph(source_path, resolver, registry) -> Graph:
    """The plan cut to its first appendix (9 tasks, 35 inherited assignments, 2 periods, the
    agencies and every VSDG concept): real data, and quicker for pyshacl."""
    plan = read_plan(source_path, resolver=resolver)
    plan.appendices = plan.appendices[:1]
    return build_graph(plan, registry)


@pytest.fixture(scope="module")
def small_baseline(small_graph, shapes) -> Counter:
    return agree(small_graph, shapes)


def test_real_graph_gives_the_same_results_as_pyshacl(full_graph, shapes):
    start = time.perf_counter()
    reference = validate_pyshacl(full_graph, shapes)
    slow = time.perf_counter() - start
    start = time.perf_counter()
    store = load_validation_store(full_graph)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    fast = validate_fast(store, shapes)
    quick = time.perf_counter() - start
    print(f"\npyshacl {slow:.2f} s; fastshacl {quick:.3f} s (+ {loaded:.3f} s to load)")
    expected, found = result_keys(reference.report, shapes), result_keys(fast.report, shapes)
    assert found == expected
    assert fast.conforms and reference.conforms
    assert len(fast.findings) == len(reference.findings) > 50
    assert {f.severity for f in fast.findings} <= {SH.Info, SH.Warning}
    assert quick < slow


def test_loading_from_triples_or_text_gives_the_same_results(small_graph, shapes):
    """The builder's raw triples, or the N-Triples it writes, load to the same store."""
    from_graph = validate_fast(small_graph, shapes)
    triples = set(small_graph)
    from_triples = validate_fast(load_validation_store(triples), shapes)
    from_text = validate_fast(load_validation_store(serialize(triples)), shapes)
    keys = result_keys(from_graph.report, shapes)
    assert result_keys(from_triples.report, shapes) == keys
    assert result_keys(from_text.report, shapes) == keys


# ------------------------------------------------------------------------------ mutations


@dataclass
class Mutation:
    """Triples to remove and to add, and the results that must appear: (focus node, severity,
    node shape, path); the node shape is the result's source shape or the node shape holding it
    (sh:property), the path None for "any" (a node shape's results)."""

    remove: list[tuple]
    add: list[tuple]
    expect: list[tuple]


def _one(values) -> object:
    found = sorted(values)
    assert found, "no such node in the test graph"
    return found[0]


def _task(g: Graph) -> URIRef:
    return _one(g.subjects(RDF.type, SDGKG.Task))


def _assignment(g: Graph, role: URIRef = SDGKG.LeadRole) -> URIRef:
    return _one(a for a in g.subjects(SDGKG.role, role))


def _appendix(g: Graph) -> URIRef:
    return _one(g.subjects(RDF.type, SDGKG.Appendix))


def _plan(g: Graph) -> URIRef:
    return _one(g.subjects(SDGKG.hasAppendix, None))


def _target(g: Graph) -> URIRef:
    return _one(c for c in g.subjects(RDF.type, SDGKG.Target) if (c, SKOS.closeMatch, None) in g)


def _period(g: Graph) -> URIRef:
    return _one(g.subjects(RDF.type, SDGKG.ImplementationPeriod))


def _replace(g: Graph, s: object, p: URIRef, new: object) -> tuple[list, list]:
    return [(s, p, o) for o in g.objects(s, p)], [(s, p, new)]


def _m_description_missing(g):
    t = _task(g)
    remove = [(t, DCTERMS.description, o) for o in g.objects(t, DCTERMS.description)]
    return Mutation(remove, [], [(t, SH.Violation, SHAPE.TaskShape, DCTERMS.description)])


def _m_two_roles(g):
    a = _assignment(g)
    return Mutation(
        [],
        [(a, SDGKG.role, SDGKG.PartnerRole)],
        [(a, SH.Violation, SHAPE.AssignmentShape, SDGKG.role)],
    )


def _m_task_number(g):
    t = _task(g)
    remove, add = _replace(g, t, SDGKG.taskNumber, Literal("x.1"))
    return Mutation(remove, add, [(t, SH.Violation, SHAPE.TaskShape, SDGKG.taskNumber)])


def _m_line_zero_text(g):
    """ "0"^^xsd:positiveInteger as a parser makes it: ill-typed, sh:datatype fails."""
    t = _task(g)
    remove, add = _replace(g, t, SDGKG.sourceLine, Literal("0", datatype=XSD.positiveInteger))
    return Mutation(remove, add, [(t, SH.Violation, SHAPE.TaskShape, SDGKG.sourceLine)])


def _m_line_zero_int(g):
    """Literal(0, datatype=xsd:positiveInteger) from a Python int is not ill-typed for rdflib:
    only a range check (sh:minInclusive) can catch it, in both engines."""
    a = _assignment(g)
    remove, add = _replace(g, a, SDGKG.sourceLine, Literal(0, datatype=XSD.positiveInteger))
    return Mutation(remove, add, [(a, SH.Violation, SHAPE.AssignmentShape, SDGKG.sourceLine)])


def _m_label_without_english(g):
    lead = g.value(_appendix(g), SDGKG.leadAgency)
    english = [(lead, RDFS.label, o) for o in g.objects(lead, RDFS.label) if o.language == "en"]
    return Mutation(english, [], [(lead, SH.Violation, SHAPE.AgentShape, RDFS.label)])


def _m_lead_differs(g):
    t = _task(g)
    lead = g.value(t, SDGKG.leadAgency)
    other = _one(o for o in g.subjects(RDF.type, ORG.Organization) if o != lead)
    remove, add = _replace(g, t, SDGKG.leadAgency, other)
    return Mutation(remove, add, [(t, SH.Violation, SHAPE.TaskLeadIsAppendixLeadShape, None)])


def _m_target_not_declared(g):
    t = _task(g)
    goal = _one(
        c for c in g.subjects(SKOS.notation, Literal("17")) if (c, RDF.type, SDGKG.Goal) in g
    )
    remove, add = _replace(g, t, SDGKG.contributesTo, goal)
    return Mutation(remove, add, [(t, SH.Warning, SHAPE.TaskTargetDeclaredShape, None)])


def _m_partner_is_lead(g):
    t = _task(g)
    return Mutation(
        [],
        [(t, SDGKG.partnerAgency, g.value(t, SDGKG.leadAgency))],
        [(t, SH.Warning, SHAPE.SelfPartnerShape, None)],
    )


def _m_period_reversed(g):
    p = _period(g)
    early = URIRef("https://w3id.org/sdgkg/test/year/1999")
    remove, add = _replace(g, p, TIME.hasEnd, early)
    add += [
        (early, RDF.type, TIME.Instant),
        (early, TIME.inXSDgYear, Literal("1999", datatype=XSD.gYear)),
    ]
    return Mutation(remove, add, [(p, SH.Warning, SHAPE.PeriodOrderShape, None)])


def _m_no_un_link(g):
    c = _target(g)
    links = (SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch, SKOS.exactMatch)
    remove = [(c, p, o) for p in links for o in g.objects(c, p)]
    return Mutation(remove, [], [(c, SH.Violation, SHAPE.VsdgConceptShape, "complex")])


def _m_no_goal_reached(g):
    c = _target(g)
    return Mutation(
        [(c, SKOS.broader, o) for o in g.objects(c, SKOS.broader)],
        [],
        [
            (c, SH.Violation, SHAPE.VsdgConceptShape, "complex"),
            (c, SH.Violation, SHAPE.TargetParentShape, SKOS.broader),
        ],
    )


def _m_agent_not_described(g):
    a = _assignment(g)
    nobody = URIRef("https://w3id.org/sdgkg/agency/hai-phong/nobody")
    remove, add = _replace(g, a, SDGKG.agent, nobody)
    return Mutation(
        remove,
        add,
        [
            (a, SH.Violation, SHAPE.AssignmentShape, SDGKG.agent),
            (nobody, SH.Violation, SHAPE.AgentTypeShape, None),
        ],
    )


def _m_unknown_role(g):
    a = _assignment(g)
    remove, add = _replace(g, a, SDGKG.role, SDGKG.ObserverRole)
    return Mutation(remove, add, [(a, SH.Violation, SHAPE.AssignmentShape, SDGKG.role)])


def _m_description_one_letter(g):
    t = _task(g)
    remove, add = _replace(g, t, DCTERMS.description, Literal("x", lang="vi"))
    return Mutation(remove, add, [(t, SH.Violation, SHAPE.TaskShape, DCTERMS.description)])


def _m_description_english(g):
    t = _task(g)
    remove, add = _replace(g, t, DCTERMS.description, Literal("Do the task", lang="en"))
    return Mutation(remove, add, [(t, SH.Violation, SHAPE.TaskShape, DCTERMS.description)])


def _m_plan_two_vietnamese_labels(g):
    plan = _plan(g)
    return Mutation(
        [],
        [(plan, RDFS.label, Literal("Một kế hoạch khác", lang="vi"))],
        [(plan, SH.Violation, SHAPE.ActionPlanShape, RDFS.label)],
    )


def _m_place_literal(g):
    plan = _plan(g)
    remove, add = _replace(g, plan, DCTERMS.spatial, Literal("Hải Phòng"))
    return Mutation(remove, add, [(plan, SH.Violation, SHAPE.ProvincialPlanShape, DCTERMS.spatial)])


def _m_period_neither(g):
    t = _task(g)
    return Mutation(
        [],
        [(t, SDGKG.implementationPeriod, g.value(t, SDGKG.leadAgency))],
        [(t, SH.Warning, SHAPE.TaskShape, SDGKG.implementationPeriod)],
    )


def _m_two_english_pref_labels(g):
    c = _target(g)
    return Mutation(
        [],
        [(c, SKOS.prefLabel, Literal("Another label", lang="en"))],
        [(c, SH.Violation, SHAPE.VsdgConceptShape, SKOS.prefLabel)],
    )


def _m_bad_notation(g):
    c = _target(g)
    remove, add = _replace(g, c, SKOS.notation, Literal("3.x"))
    return Mutation(remove, add, [(c, SH.Violation, SHAPE.VsdgConceptShape, SKOS.notation)])


def _m_inherited_from_task(g):
    a = _one(g.subjects(SDGKG.inheritedFrom, None))
    t = _task(g)
    remove, add = _replace(g, a, SDGKG.inheritedFrom, t)
    return Mutation(remove, add, [(t, SH.Violation, SHAPE.InheritedAssignmentShape, None)])


def _m_unresolved_agent(g):
    lead = g.value(_appendix(g), SDGKG.leadAgency)
    return Mutation(
        [],
        [(lead, RDF.type, SDGKG.UnresolvedAgent)],
        [(lead, SH.Warning, SHAPE.UnresolvedShape, None)],
    )


def _m_only_vague_partners(g):
    vague = _one(g.subjects(RDF.type, SDGKG.UnspecifiedUnit))
    t = _one(
        t
        for t in g.subjects(RDF.type, SDGKG.Task)
        if any(
            (p, RDF.type, SDGKG.UnspecifiedUnit) not in g for p in g.objects(t, SDGKG.partnerAgency)
        )
    )
    remove = [(t, SDGKG.partnerAgency, o) for o in g.objects(t, SDGKG.partnerAgency)]
    return Mutation(
        remove,
        [(t, SDGKG.partnerAgency, vague)],
        [(t, SH.Info, SHAPE.OnlyVaguePartnersShape, None)],
    )


MUTATIONS: dict[str, Callable[[Graph], Mutation]] = {
    name[3:]: function for name, function in sorted(globals().items()) if name.startswith("_m_")
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_mutation_breaks_its_constraint_in_both_engines(name, small_graph, small_baseline, shapes):
    mutation = MUTATIONS[name](small_graph)
    removed = [t for t in mutation.remove if t in small_graph]
    for t in removed:
        small_graph.remove(t)
    added = [t for t in mutation.add if t not in small_graph]
    for t in added:
        small_graph.add(t)
    assert removed or added
    try:
        found = agree(small_graph, shapes)
    finally:
        for t in added:
            small_graph.remove(t)
        for t in removed:
            small_graph.add(t)
    new = sources_of(found) - sources_of(small_baseline)
    for focus, severity, shape, path in mutation.expect:
        assert (shape, RDF.type, SH.NodeShape) in shapes, shape
        assert (focus, severity, shape, path) in new, (name, focus, shape, path, sorted(new))


def test_there_are_enough_mutations():
    assert len(MUTATIONS) >= 20


# ------------------------------------------------------------------------------ components


# Each case: data, shapes, and the least number of results it must give (so that it tests
# something). Messages are left out on purpose in several cases: pyshacl's own texts then.
CASES: dict[str, tuple[str, str, int]] = {
    "class with subclasses in the data": (
        """ex:Dog rdfs:subClassOf ex:Animal . ex:Puppy rdfs:subClassOf ex:Dog .
        ex:a ex:pet ex:rex , ex:bob , ex:tom , "cat" , _:b1 . ex:rex a ex:Dog . ex:bob a ex:Puppy .
        ex:tom a ex:Stone . _:b1 a ex:Animal . ex:a a ex:Owner .""",
        """ex:S a sh:NodeShape ; sh:targetClass ex:Owner ;
        sh:property [ sh:path ex:pet ; sh:class ex:Animal ] ,
            [ sh:path ex:pet ; sh:class ex:Animal , ex:Dog ; sh:message "two classes" ] .""",
        5,
    ),
    "datatype, ill-typed literals and strings": (
        """ex:a a ex:T ; ex:n 1 , "2"^^xsd:integer , "x"^^xsd:integer , "1.5"^^xsd:decimal ,
            "0"^^xsd:positiveInteger , "7"^^xsd:positiveInteger , "-1"^^xsd:nonNegativeInteger ,
            "2017-02-30"^^xsd:date , "2017-02-03"^^xsd:date , "text" , "text"@en ,
            "yes"^^xsd:boolean , true , ex:iri , "2017"^^xsd:gYear , "201x"^^xsd:gYear .""",
        """ex:S a sh:NodeShape ; sh:targetClass ex:T ;
        sh:property [ sh:path ex:n ; sh:datatype xsd:integer ] ,
            [ sh:path ex:n ; sh:datatype xsd:positiveInteger ; sh:message "positive" ] ,
            [ sh:path ex:n ; sh:datatype xsd:date ] , [ sh:path ex:n ; sh:datatype xsd:string ] ,
            [ sh:path ex:n ; sh:datatype rdf:langString ] ,
            [ sh:path ex:n ; sh:datatype rdfs:Literal ] ,
            [ sh:path ex:n ; sh:datatype xsd:boolean ] , [ sh:path ex:n ; sh:datatype xsd:gYear ] ,
            [ sh:path ex:n ; sh:datatype xsd:nonNegativeInteger ] ,
            [ sh:path ex:n ; sh:datatype xsd:decimal ] .""",
        60,
    ),
    "node kinds": (
        """ex:a a ex:T ; ex:v ex:iri , _:b , "lit" , 3 .""",
        """ex:S a sh:NodeShape ; sh:targetClass ex:T ;
        sh:property [ sh:path ex:v ; sh:nodeKind sh:IRI ] ,
            [ sh:path ex:v ; sh:nodeKind sh:BlankNode ] ,
            [ sh:path ex:v ; sh:nodeKind sh:Literal ] ,
            [ sh:path ex:v ; sh:nodeKind sh:BlankNodeOrIRI ] ,
            [ sh:path ex:v ; sh:nodeKind sh:BlankNodeOrLiteral ] ,
            [ sh:path ex:v ; sh:nodeKind sh:IRIOrLiteral ] .
        ex:K a sh:NodeShape ; sh:targetNode ex:a , "x" ; sh:nodeKind sh:Literal .""",
        13,
    ),
    "counts": (
        """ex:a a ex:T ; ex:p 1 , 2 , 3 . ex:b a ex:T ; ex:p 1 . ex:c a ex:T .""",
        """ex:S a sh:NodeShape ; sh:targetClass ex:T ;
        sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message "min 1" ] ,
            [ sh:path ex:p ; sh:minCount 2 ; sh:maxCount 2 ] , [ sh:path ex:p ; sh:maxCount 0 ] ,
            [ sh:path ex:p ; sh:minCount 0 ] .""",
        6,
    ),
    "pattern with flags, on literals, IRIs and blank nodes": (
        """ex:a a ex:T ;
            ex:s "Abc" , "abc" , "xabc\\n" , "abc\\n" , 42 , ex:abc , _:b , "ab"@en .""",
        """ex:S a sh:NodeShape ; sh:targetClass ex:T ;
        sh:property [ sh:path ex:s ; sh:pattern "^abc$" ] ,
            [ sh:path ex:s ; sh:pattern "^ABC" ; sh:flags "i" ; sh:message "i" ] ,
            [ sh:path ex:s ; sh:pattern "^4" , "2$" ] ,
            [ sh:path ex:s ; sh:pattern "example" ] .""",
        15,
    ),
    "string lengths": (
        """ex:a a ex:T ; ex:s "ab" , "abcd" , "ä" , 12345 , ex:i , _:b .""",
        """ex:S a sh:NodeShape ; sh:targetClass ex:T ;
        sh:property [ sh:path ex:s ; sh:minLength 3 ] , [ sh:path ex:s ; sh:maxLength 3 ] ,
            [ sh:path ex:s ; sh:minLength 0 ] .""",
        6,
    ),
    "languages": (
        """ex:a a ex:T ; ex:l "a"@en , "b"@EN-GB , "c"@vi , "d"@fr , "e" , "f"@en-us , ex:i .
        ex:b a ex:T ; ex:l "a"@en , "b"@vi .""",
        """ex:S a sh:NodeShape ; sh:targetClass ex:T ;
        sh:property [ sh:path ex:l ; sh:languageIn ( "en" "VI" ) ] ,
            [ sh:path ex:l ; sh:languageIn ( "*" ) ] , [ sh:path ex:l ; sh:languageIn ( ) ] ,
            [ sh:path ex:l ; sh:uniqueLang true ] , [ sh:path ex:l ; sh:uniqueLang false ] .""",
        12,
    ),
    "in and hasValue": (
        """ex:a a ex:T ; ex:v ex:x , ex:y , "1"^^xsd:integer , "01"^^xsd:integer , "1" , 1.0 .
        ex:b a ex:T ; ex:v ex:x .""",
        """ex:S a sh:NodeShape ; sh:targetClass ex:T ;
        sh:property [ sh:path ex:v ; sh:in ( ex:x 1 "1" ) ] , [ sh:path ex:v ; sh:hasValue ex:y ] ,
            [ sh:path ex:v ; sh:hasValue 1 , ex:x ] .
        ex:N a sh:NodeShape ; sh:targetNode ex:a , ex:b ; sh:hasValue ex:a ; sh:in ( ex:b ) .""",
        6,
    ),
    "logical constraints": (
        """ex:a a ex:T ; ex:v ex:dog , ex:stone , "text" , 3 , ex:both .
        ex:dog a ex:Dog . ex:both a ex:Dog , ex:Cat . ex:stone a ex:Stone .""",
        """ex:S a sh:NodeShape ; sh:targetClass ex:T ;
        sh:property [ sh:path ex:v ; sh:or ( [ sh:class ex:Dog ] [ sh:datatype xsd:string ] ) ] ,
            [ sh:path ex:v ; sh:and ( [ sh:nodeKind sh:IRI ] [ sh:class ex:Dog ] ) ] ,
            [ sh:path ex:v ; sh:xone ( [ sh:class ex:Dog ] [ sh:class ex:Cat ] ) ] ,
            [ sh:path ex:v ; sh:not [ sh:class ex:Stone ] ] ,
            [ sh:path ex:v ;
              sh:or ( [ sh:in ( 3 ) ] [ sh:pattern "^te" ] [ sh:languageIn ( "en" ) ] ) ;
              sh:message "or2" ] ,
            [ sh:path ex:v ; sh:or ( [ sh:not [ sh:nodeKind sh:Literal ] ; sh:hasValue ex:dog ]
                                     [ sh:minInclusive 2 ] ) ; sh:message "or3" ] .""",
        14,
    ),
    "qualified value shapes": (
        """ex:a a ex:T ; ex:l "x"@vi , "y"@vi , "z"@en . ex:b a ex:T ; ex:l "x"@en .
        ex:c a ex:T ; ex:r ex:dog , ex:cat . ex:dog a ex:Dog . ex:cat a ex:Dog , ex:Cat .""",
        """ex:S a sh:NodeShape ; sh:targetClass ex:T ;
        sh:property [ sh:path ex:l ; sh:qualifiedValueShape [ sh:languageIn ( "vi" ) ] ;
                      sh:qualifiedMinCount 1 ; sh:qualifiedMaxCount 1 ] ,
            [ sh:path ex:l ; sh:qualifiedValueShape [ sh:languageIn ( "en" ) ] ;
              sh:qualifiedMinCount 2 ] ,
            [ sh:path ex:r ; sh:qualifiedValueShape [ sh:class ex:Dog ] ; sh:qualifiedMaxCount 1 ;
              sh:qualifiedValueShapesDisjoint true ] ,
            [ sh:path ex:r ; sh:qualifiedValueShape [ sh:class ex:Cat ] ; sh:qualifiedMinCount 1 ;
              sh:qualifiedValueShapesDisjoint true ] .""",
        6,
    ),
    "value ranges": (
        """ex:a a ex:T ; ex:n 0 , 5 , 10 , 2.5 , "7"^^xsd:positiveInteger ,
            "0"^^xsd:positiveInteger , "3" , ex:i , _:b , "x"^^xsd:integer .
        ex:d a ex:T ; ex:day "2017-01-01"^^xsd:date , "2018-06-01"^^xsd:date ,
            "2017-01-01T10:00:00"^^xsd:dateTime .
        ex:s a ex:T ; ex:w "apple" , "pear" , 3 .""",
        """ex:S a sh:NodeShape ; sh:targetClass ex:T ;
        sh:property [ sh:path ex:n ; sh:minInclusive 1 ] , [ sh:path ex:n ; sh:minExclusive 0 ] ,
            [ sh:path ex:n ; sh:maxInclusive 5 ] , [ sh:path ex:n ; sh:maxExclusive 10.0 ] ,
            [ sh:path ex:day ; sh:minInclusive "2018-01-01"^^xsd:date ] ,
            [ sh:path ex:w ; sh:maxExclusive "b" ] .""",
        25,
    ),
    "paths": (
        """ex:a a ex:T ; ex:p ex:b . ex:b ex:p ex:c ; ex:q "x" . ex:c ex:q "y" ; ex:r ex:a .
        ex:d ex:p ex:a .""",
        """ex:S a sh:NodeShape ; sh:targetClass ex:T ;
        sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:nodeKind sh:Literal ] ,
            [ sh:path ( ex:p ex:q ) ; sh:maxCount 0 ] ,
            [ sh:path [ sh:alternativePath ( ex:p ex:r ex:q ) ] ; sh:nodeKind sh:Literal ] ,
            [ sh:path [ sh:zeroOrMorePath ex:p ] ; sh:nodeKind sh:Literal ] ,
            [ sh:path [ sh:oneOrMorePath ex:p ] ; sh:maxCount 1 ] ,
            [ sh:path [ sh:zeroOrOnePath ex:p ] ; sh:nodeKind sh:Literal ] ,
            [ sh:path ( [ sh:zeroOrMorePath ex:p ] ex:q ) ; sh:datatype xsd:integer ] ,
            [ sh:path [ sh:inversePath ( ex:p ex:p ) ] ; sh:minCount 1 ] .""",
        12,
    ),
    "targets": (
        """ex:Dog rdfs:subClassOf ex:Animal . ex:rex a ex:Dog . ex:cat a ex:Animal .
        ex:x ex:owns ex:rex . ex:y ex:likes "z" . ex:C a rdfs:Class . ex:c1 a ex:C .""",
        """ex:S1 a sh:NodeShape ; sh:targetClass ex:Animal ; sh:nodeKind sh:Literal .
        ex:S2 a sh:NodeShape ; sh:targetNode ex:nowhere , "lit" , 4 ;
            sh:property [ sh:path ex:p ; sh:minCount 1 ] .
        ex:S3 a sh:NodeShape ; sh:targetSubjectsOf ex:owns , ex:likes ; sh:nodeKind sh:BlankNode .
        ex:S4 a sh:NodeShape ; sh:targetObjectsOf ex:owns , ex:likes ; sh:nodeKind sh:BlankNode .
        ex:C a sh:NodeShape ; sh:nodeKind sh:Literal .
        ex:S5 sh:targetClass ex:Dog ; sh:nodeKind sh:Literal .
        ex:P a sh:PropertyShape ; sh:targetClass ex:Dog ; sh:path ex:name ; sh:minCount 1 .""",
        11,
    ),
    "deactivated shapes and severities": (
        """ex:a a ex:T ; ex:v 1 .""",
        """ex:S a sh:NodeShape ; sh:targetClass ex:T ;
        sh:property [ sh:path ex:v ; sh:datatype xsd:string ; sh:deactivated true ] ,
            [ sh:path ex:v ; sh:datatype xsd:string ; sh:severity sh:Warning ;
              sh:message "w"@en ] ,
            [ sh:path ex:v ; sh:datatype xsd:string ; sh:severity sh:Info ;
              sh:message "i"@en , "i"@vi ] ,
            [ sh:path ex:v ; sh:or ( [ sh:datatype xsd:string ; sh:severity sh:Warning ] ) ;
              sh:message "a warning value shape always conforms" ] ,
            [ sh:path ex:v ; sh:or ( [ sh:datatype xsd:string ; sh:deactivated true ] ) ] ,
            [ sh:path ex:v ; sh:or ( [ sh:datatype xsd:string ] ) ] .
        ex:D a sh:NodeShape ; sh:targetClass ex:T ; sh:deactivated true ;
            sh:nodeKind sh:Literal .""",
        3,
    ),
    "SHACL-SPARQL constraints and targets": (
        """ex:a a ex:T ; ex:lead ex:x ; ex:partner ex:x , ex:y ; ex:n 3 .
        ex:b a ex:T ; ex:lead ex:y ; ex:partner ex:z , ex:w ; ex:n 12 . ex:c a ex:T ; ex:n "5" .""",
        """<http://example.org/shapes> a owl:Ontology ;
            sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^xsd:anyURI ] .
        ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:severity sh:Warning ;
            sh:sparql [ a sh:SPARQLConstraint ; sh:prefixes <http://example.org/shapes> ;
                sh:message "{$this} names {?value} twice ({?path})"@en ;
                sh:select '''SELECT $this ?value ?path WHERE {
                    $this ex:lead ?value ; ex:partner ?value . BIND (ex:partner AS ?path) }''' ] ,
            [ a sh:SPARQLConstraint ; sh:prefixes <http://example.org/shapes> ;
                sh:message "first {?value}" ;
                sh:select '''SELECT $this ?value WHERE { $this ex:partner ?value }
                    ORDER BY ?value LIMIT 1''' ] ,
            [ a sh:SPARQLConstraint ; sh:prefixes <http://example.org/shapes> ;
                sh:select '''SELECT $this WHERE {
                    $this ex:n ?n FILTER (isNumeric(?n) && ?n > 10) }''' ] ,
            [ a sh:SPARQLConstraint ; sh:deactivated true ;
                sh:select "SELECT $this WHERE { $this ?p ?o }" ] .
        ex:P a sh:NodeShape ; sh:targetClass ex:T ;
            sh:property [ sh:path ex:partner ; sh:message "path {?value}" ;
                sh:sparql [ a sh:SPARQLConstraint ; sh:prefixes <http://example.org/shapes> ;
                    sh:select '''SELECT $this ?value WHERE {
                        $this $PATH ?value . FILTER (?value != ex:x) }''' ] ] .
        ex:Q a sh:NodeShape ; sh:severity sh:Info ;
            sh:target [ a sh:SPARQLTarget ; sh:prefixes <http://example.org/shapes> ;
                sh:select '''SELECT ?this WHERE {
                    ?this ex:n ?n FILTER (isLiteral(?n) && datatype(?n) = xsd:string) }''' ] ;
            sh:sparql [ a sh:SPARQLConstraint ; sh:prefixes <http://example.org/shapes> ;
                sh:message "text {?value}" ;
                sh:select '''SELECT $this ?value WHERE {
                    $this ex:n ?value . OPTIONAL { ?value ex:none ?x } }''' ] .""",
        8,
    ),
    "ORDER BY and LIMIT cut per focus node (joined, then sorted as rdflib sorts)": (
        """ex:a a ex:T ; ex:p ex:z , ex:b , "b" , _:x , 3 , "10"^^xsd:integer , "2"@en .
        ex:b a ex:T ; ex:p "1"^^xsd:integer , "01"^^xsd:integer , ex:m .
        ex:c a ex:T ; ex:p ex:y , ex:y2 ; ex:q ex:k .
        ex:d a ex:T . ex:y ex:w 2 . ex:y2 ex:w 1 . ex:z ex:w 1 . ex:b ex:w 1 .""",
        """ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:severity sh:Info ;
        sh:sparql [ sh:message "first {?value}" ; sh:select '''PREFIX ex: <http://example.org/>
            SELECT $this ?value WHERE { $this ex:p ?value } ORDER BY ?value LIMIT 1''' ] ,
        [ sh:message "last two {?value}" ; sh:select '''PREFIX ex: <http://example.org/>
            SELECT $this ?value WHERE { $this ex:p ?value } ORDER BY DESC(?value) LIMIT 2''' ] ,
        [ sh:message "offset {?value}" ; sh:select '''PREFIX ex: <http://example.org/>
            SELECT ?value WHERE { $this ex:p ?value } ORDER BY ASC(?value) OFFSET 1 LIMIT 2''' ] ,
        [ sh:message "keys {?value} {?w}" ; sh:select '''PREFIX ex: <http://example.org/>
            SELECT DISTINCT $this ?value ?w WHERE {
                $this ex:p ?value OPTIONAL { ?value ex:w ?w } }
            ORDER BY ?w DESC(?value) LIMIT 1''' ] ,
        [ sh:message "distinct {?w}" ; sh:select '''PREFIX ex: <http://example.org/>
            SELECT DISTINCT $this ?w WHERE { $this ex:p ?value . ?value ex:w ?w }
            ORDER BY ?value LIMIT 1''' ] ,
        [ sh:message "star {?value}" ; sh:select '''PREFIX ex: <http://example.org/>
            SELECT * WHERE { $this ex:p ?value FILTER NOT EXISTS { $this ex:q ?value } }
            ORDER BY ?value OFFSET 1''' ] .""",
        20,
    ),
    "SPARQL target with FILTER NOT EXISTS (filters run once per distinct binding)": (
        """ex:t1 ex:in ex:a1 ; ex:to ex:g1 . ex:t2 ex:in ex:a1 ; ex:to ex:g2 .
        ex:t3 ex:in ex:a2 ; ex:to ex:g1 . ex:t4 ex:in ex:a2 ; ex:to ex:g3 , ex:g1 .
        ex:a1 ex:declares ex:g1 . ex:a2 ex:declares ex:g0 . ex:g1 ex:up ex:g0 .""",
        """ex:S a sh:NodeShape ; sh:severity sh:Warning ;
        sh:target [ a sh:SPARQLTarget ; sh:select '''PREFIX ex: <http://example.org/>
            SELECT DISTINCT ?this WHERE {
                ?this ex:in ?a ; ex:to ?g .
                FILTER NOT EXISTS { ?a ex:declares ?g }
                FILTER (!EXISTS { ?g ex:up+ ?u . ?a ex:declares ?u } && ?g != ex:none)
            }''' ] ;
        sh:sparql [ sh:message "not declared {?value}" ; sh:select '''PREFIX ex: <http://example.org/>
            SELECT $this ?value WHERE { $this ex:to ?value }''' ] .""",
        3,
    ),
    "SHACL-SPARQL pre-binding in every scope": (
        """ex:a a ex:T ; ex:p 1 , 2 . ex:b a ex:T ; ex:p 3 . ex:c a ex:T .""",
        """ex:S a sh:NodeShape ; sh:targetClass ex:T ;
        sh:sparql [ sh:message "star {?x}" ;
            sh:select "PREFIX ex: <http://example.org/> SELECT * WHERE { $this ex:p ?x }" ] ,
        [ sh:message "{?n} values" ; sh:select '''PREFIX ex: <http://example.org/>
            SELECT $this (COUNT(?x) AS ?n) WHERE { $this ex:p ?x }
            GROUP BY $this HAVING (COUNT(?x) > 1)''' ] ,
        [ sh:message "failure" ; sh:select '''PREFIX ex: <http://example.org/>
            SELECT $this ?failure WHERE { $this ex:p ?x BIND (true AS ?failure) }''' ] ,
        [ sh:message "none" ; sh:select '''PREFIX ex: <http://example.org/>
            SELECT $this WHERE { FILTER NOT EXISTS { $this ex:p ?x } }''' ] ,
        [ sh:message "union {?value}" ; sh:select '''PREFIX ex: <http://example.org/>
            SELECT $this ?value WHERE {
                { $this ex:p ?value }
                UNION { BIND (ex:z AS ?value) FILTER (?value != $this) } }''' ] ,
        [ sh:message "bound {?value} {?s}" ; sh:select '''PREFIX ex: <http://example.org/>
            SELECT $this ?value ?s WHERE { BIND ($this AS ?value) BIND ($currentShape AS ?s) }
            LIMIT 1''' ] .""",
        16,
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_component_gives_the_same_results_as_pyshacl(name):
    data_ttl, shapes_ttl, least = CASES[name]
    data = Graph().parse(data=PREFIXES + data_ttl, format="turtle")
    shapes = Graph().parse(data=PREFIXES + shapes_ttl, format="turtle")
    found = agree(data, shapes)
    assert sum(found.values()) >= least, sorted(found)


def test_value_shapes_of_allowed_severity_depend_on_allow_warnings():
    """pyshacl lets a value shape conform when its severity is allowed: with allow_warnings
    off, the Warning value shape of sh:or fails again."""
    data_ttl, shapes_ttl, _ = CASES["deactivated shapes and severities"]
    data = Graph().parse(data=PREFIXES + data_ttl, format="turtle")
    shapes = Graph().parse(data=PREFIXES + shapes_ttl, format="turtle")
    with_warnings = agree(data, shapes)
    without = agree(data, shapes, allow_warnings=False)
    assert sum(without.values()) == sum(with_warnings.values()) + 1


def test_literal_built_from_a_python_int_is_seen_as_pyshacl_sees_it():
    """rdflib flags "0"^^xsd:positiveInteger as ill-typed when parsed, not when built from
    the int 0: pyshacl's sh:datatype and sh:minInclusive verdicts follow, so do ours."""
    shapes = Graph().parse(
        data=PREFIXES
        + """ex:S a sh:NodeShape ; sh:targetClass ex:T ;
        sh:property [ sh:path ex:n ; sh:datatype xsd:positiveInteger ] ,
                    [ sh:path ex:n ; sh:minInclusive 1 ] .""",
        format="turtle",
    )
    for literal in (
        Literal(0, datatype=XSD.positiveInteger),
        Literal("0", datatype=XSD.positiveInteger),
    ):
        data = Graph()
        data.add((EX.a, RDF.type, EX.T))
        data.add((EX.a, EX.n, literal))
        components = {k[4] for k in agree(data, shapes)}
        assert len(components) == 1  # one of the two catches it, never both, never neither


def test_default_messages_match_pyshacl():
    """Without sh:message, pyshacl writes its own texts; so does the fast validator."""
    data = Graph().parse(data=PREFIXES + """ex:a a ex:T ; ex:v "x" , ex:y .""", format="turtle")
    shapes = Graph().parse(
        data=PREFIXES
        + """ex:S a sh:NodeShape ; sh:targetClass ex:T ;
        sh:property [ sh:path ex:v ; sh:maxCount 1 ] , [ sh:path ex:v ; sh:minCount 3 ] ,
            [ sh:path ex:v ; sh:class ex:C ] , [ sh:path ex:v ; sh:datatype xsd:integer ] ,
            [ sh:path ex:v ; sh:nodeKind sh:IRI ] , [ sh:path ex:v ; sh:pattern "^z" ] ,
            [ sh:path ex:v ; sh:minLength 5 ] , [ sh:path ex:v ; sh:maxLength 1 ] ,
            [ sh:path ex:v ; sh:languageIn ( "en" ) ] , [ sh:path ex:v ; sh:in ( ex:z ) ] ,
            [ sh:path ex:v ; sh:hasValue ex:z ] , [ sh:path ex:v ; sh:minInclusive 3 ] ,
            [ sh:path ex:v ; sh:not [ sh:nodeKind sh:IRI ] ] ,
            [ sh:path ex:v ; sh:qualifiedValueShape [ sh:class ex:C ] ; sh:qualifiedMinCount 1 ] .
        """,
        format="turtle",
    )
    found = agree(data, shapes)
    assert all(k[5] for k in found), "every result has a message"


@pytest.mark.parametrize(
    "constraint",
    [
        "sh:expression [ sh:path ex:w ]",  # SHACL Advanced Features
        "sh:node ex:S",  # recursive shapes (undefined in SHACL)
        "sh:property [ sh:path ex:p ; sh:node ex:S ]",
        "sh:targetNode [ ex:p 1 ]",  # a blank node has no constant in a query
    ],
)
def test_unsupported_components_are_refused(constraint):
    """sh:equals, sh:lessThan, sh:closed and sh:node, refused here once, are supported now
    (tests/validate/test_fastshacl_coverage.py); what is still not run is refused before the
    data is read."""
    shapes = Graph().parse(
        data=PREFIXES + f"ex:S a sh:NodeShape ; sh:targetClass ex:T ; {constraint} .",
        format="turtle",
    )
    data = Graph().parse(data=PREFIXES + "ex:a a ex:T .", format="turtle")
    with pytest.raises(NotImplementedError):
        validate_fast(data, shapes)


def test_blank_nodes_keep_their_identity():
    """Blank nodes of an rdflib graph are the report's blank nodes (as in pyshacl's)."""
    data = Graph()
    node = BNode()
    data.add((node, RDF.type, EX.T))
    shapes = Graph().parse(
        data=PREFIXES
        + """ex:S a sh:NodeShape ; sh:targetClass ex:T ;
        sh:property [ sh:path ex:v ; sh:minCount 1 ] .""",
        format="turtle",
    )
    found = agree(data, shapes)
    assert {k[0] for k in found} == {node}


# ------------------------------------------------------------------------------ shared store


def test_a_store_loaded_from_a_file_is_the_plain_graph_and_validates_the_same(
    small_graph, shapes, tmp_path
):
    """load_validation_store(Path) bulk-loads the N-Triples file: its default graph is what any
    pyoxigraph store holds (so the build can share it with other queries), and validating it,
    or the same text, or the rdflib graph, gives the same results."""
    import pyoxigraph as ox

    path = tmp_path / "graph.nt"
    path.write_text(serialize(set(small_graph)), encoding="utf-8")
    store = load_validation_store(path)
    plain = ox.Store()
    plain.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    default = set(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert default == set(plain.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert len(default) == len(small_graph)
    keys = result_keys(validate_fast(small_graph, shapes).report, shapes)
    assert result_keys(validate_fast(store, shapes).report, shapes) == keys
    assert (
        result_keys(validate_fast(path.read_text(encoding="utf-8"), shapes).report, shapes) == keys
    )
    assert result_keys(validate_fast(path.read_bytes(), shapes).report, shapes) == keys


def test_a_store_validates_again_with_the_same_results(small_graph, shapes):
    """Validation only reads the store: validating it twice gives the same results."""
    store = load_validation_store(serialize(set(small_graph)))
    first = result_keys(validate_fast(store, shapes).report, shapes)
    assert result_keys(validate_fast(store, shapes).report, shapes) == first


@pytest.fixture(scope="module")
def two_plan_graph(synthetic_dist) -> Path:
    """The graph of a build of two SYNTHETIC plans (bench/make_corpus.py), as written."""
    return synthetic_dist / "graph.nt"


def test_a_multi_plan_graph_gives_the_same_results_as_pyshacl(two_plan_graph, shapes):
    """Two plans in one graph (shared agencies and VSDG concepts, findings of both plans,
    the per-plan checks across plans): the fast path, from the file, finds what pyshacl
    finds in the parsed file."""
    data = Graph().parse(two_plan_graph, format="nt")
    reference = validate_pyshacl(data, shapes)
    fast = validate_fast(load_validation_store(two_plan_graph), shapes)
    expected, found = result_keys(reference.report, shapes), result_keys(fast.report, shapes)
    assert found == expected
    assert fast.conforms == reference.conforms
    assert len(fast.findings) == len(reference.findings) > 100
    plans = {str(p) for p in data.subjects(SDGKG.hasAppendix, None)}
    assert len(plans) == 2


def test_drop_layout_leaves_the_plain_graph(graph_file):
    """After validation the build drops the validator's views: the store is then exactly a
    plain load of graph.nt (the report reads a union of graphs and would see the copies)."""
    import pyoxigraph as ox

    from build_graph.validate.fastshacl.store import drop_layout

    store = load_validation_store(graph_file)
    assert len(list(store.named_graphs())) == 2
    drop_layout(store)
    plain = ox.Store()
    plain.bulk_load(path=str(graph_file), format=ox.RdfFormat.N_TRIPLES)
    assert list(store.named_graphs()) == []
    assert set(store) == set(plain)


def test_runs_loaded_as_files_give_the_store_of_the_merged_graph(graph_file, tmp_path):
    """The national build loads the plans' sorted runs (which share lines) as they are, while
    a child merges them into graph.nt: the store, layout included, is the one of graph.nt."""
    from build_graph.validate.fastshacl.store import load_validation_store_files

    lines = graph_file.read_bytes().splitlines(keepends=True)
    runs = [tmp_path / "run-1.nt", tmp_path / "run-2.nt"]
    runs[0].write_bytes(b"".join(lines[: len(lines) * 2 // 3]))
    runs[1].write_bytes(b"".join(lines[len(lines) // 3 :]))
    merged, from_runs = load_validation_store(graph_file), load_validation_store_files(runs)
    assert len(list(merged.named_graphs())) == 2
    assert set(from_runs) == set(merged)
    shapes = load_shapes()
    assert validate_fast(from_runs, shapes).findings == validate_fast(merged, shapes).findings


def test_parts_with_blank_nodes_are_loaded_as_one_document():
    """A blank-node label names one node across the parts (and their exact copies): parts with
    blank nodes are joined, the others loaded one by one."""
    import pyoxigraph as ox

    from build_graph.validate.fastshacl.store import load_validation_store_files

    integer = "<http://www.w3.org/2001/XMLSchema#integer>"
    parts = [
        f'_:x <http://example.org/p> "5"^^{integer} .\n',
        "_:x <http://example.org/q> <http://example.org/o> .\n",
    ]
    store = load_validation_store_files(parts)
    blank = {q.subject for q in store if isinstance(q.subject, ox.BlankNode)}
    assert len(blank) == 1
    assert len(list(store.named_graphs())) == 2  # the exact copy is there, on the same node


def test_validation_leaves_no_cycle_behind(graph_file):
    """Regression: the validator's contexts pointed back at it, a cycle only a full collection
    frees. A build holds full collections back (heap.few_full_collections), so the validator's
    caches and the store they hold stayed in memory for the rest of the run."""
    import gc

    from build_graph.validate.fastshacl.core import ComponentContext
    from build_graph.validate.fastshacl.data import DataView
    from build_graph.validate.fastshacl.engine import Validator

    store = load_validation_store(graph_file)
    shapes = load_shapes()
    gc.collect()
    gc.disable()  # what is left after the call is then what reference counting left
    try:
        result = validate_fast(store, shapes)
        left = [
            o for o in gc.get_objects() if isinstance(o, (ComponentContext, DataView, Validator))
        ]
    finally:
        gc.enable()
    assert result.conforms
    assert left == []
