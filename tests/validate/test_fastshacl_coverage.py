"""The components the fast engine compiles since issue 24, each against pyshacl on small
hand-written graphs: sh:node, sh:closed, the property-pair components, property shapes nested
in property shapes, and the logical components and sh:qualifiedValueShape with shapes that are
not expressions on the value (property shapes inside). Results are compared one by one with
pyshacl's (:mod:`tests.validate.agreement`), sh:node's details (sh:detail) included.

Where pyshacl departs from the spec, the cases stay clear of it (see
``test_fastshacl_regressions.py``): sh:closed does not skip ``rdf:type rdfs:Resource``, and
sh:lessThan compares IRIs and blank nodes as SPARQL does (they cannot be compared: a result)."""

from __future__ import annotations

import pytest
from rdflib import Graph

from tests.validate.agreement import PREFIXES, agree

# Each case: data, shapes, and the least number of results it must give.
CASES: dict[str, tuple[str, str, int]] = {
    "sh:node on node shapes and property shapes, with details": (
        """ex:alice a ex:Person ; ex:address ex:a1 , ex:a2 , "street" ; ex:friend ex:bob .
        ex:bob a ex:Person ; ex:address ex:a1 .
        ex:a1 ex:city "Hải Phòng" ; ex:zip 180000 .
        ex:a2 ex:city "Hà Nội" , "Hanoi" ; ex:zip "x" .""",
        """ex:AddressShape a sh:NodeShape ;
            sh:property [ sh:path ex:city ; sh:maxCount 1 ] ,
                [ sh:path ex:zip ; sh:datatype xsd:integer ] .
        ex:PersonShape a sh:NodeShape ; sh:targetClass ex:Person ;
            sh:property [ sh:path ex:address ; sh:node ex:AddressShape ] ,
                [ sh:path ex:friend ; sh:node ex:PersonShape2 , ex:AddressShape ;
                  sh:message "friend {?value}" ] .
        ex:PersonShape2 a sh:NodeShape ; sh:class ex:Robot .
        ex:Top a sh:NodeShape ; sh:targetNode ex:a2 , ex:a1 ; sh:node ex:AddressShape .""",
        6,
    ),
    "sh:closed, with sh:ignoredProperties, on node and property shapes": (
        """ex:a a ex:T ; ex:p 1 ; ex:q 2 ; ex:r ex:b ; rdfs:label "a" .
        ex:b ex:p 3 ; ex:s "x" , "y" .
        ex:c a ex:T ; ex:p 1 .""",
        """ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:closed true ;
            sh:ignoredProperties ( rdf:type rdfs:label ) ;
            sh:property [ sh:path ex:p ] , [ sh:path ex:r ; sh:closed true ;
                sh:property [ sh:path ex:p ] ] .
        ex:Open a sh:NodeShape ; sh:targetClass ex:T ; sh:closed false .""",
        3,
    ),
    "sh:equals and sh:disjoint": (
        """ex:a a ex:T ; ex:p 1 , 2 ; ex:q 1 , 3 ; ex:r 2 , ex:a .
        ex:b a ex:T ; ex:p 1 ; ex:q 1 ; ex:self ex:b .
        ex:c a ex:T ; ex:self ex:c , ex:d .""",
        """ex:S a sh:NodeShape ; sh:targetClass ex:T ;
            sh:property [ sh:path ex:p ; sh:equals ex:q ] ,
                [ sh:path ex:p ; sh:disjoint ex:r , ex:q ] .
        ex:N a sh:NodeShape ; sh:targetClass ex:T ; sh:equals ex:self ; sh:disjoint ex:r .""",
        6,
    ),
    "sh:lessThan and sh:lessThanOrEquals on numbers, dates and strings": (
        """ex:a a ex:T ; ex:start 1 , 5 ; ex:end 3 , 5.0 ;
            ex:from "2020-01-01"^^xsd:date ; ex:to "2019-12-31"^^xsd:date , "2021-01-01"^^xsd:date ;
            ex:low "apple" , 4 ; ex:high "banana" .
        ex:b a ex:T ; ex:start 2 .""",
        """ex:S a sh:NodeShape ; sh:targetClass ex:T ;
            sh:property [ sh:path ex:start ; sh:lessThan ex:end ] ,
                [ sh:path ex:start ; sh:lessThanOrEquals ex:end ] ,
                [ sh:path ex:from ; sh:lessThan ex:to ] ,
                [ sh:path ex:low ; sh:lessThan ex:high ; sh:message "low {?value}" ] .""",
        5,
    ),
    "property shapes nested in property shapes (a value shared by two focus nodes)": (
        """ex:alice a ex:Person ; ex:address ex:a1 , ex:a2 .
        ex:bob a ex:Person ; ex:address ex:a1 .
        ex:a1 ex:city ex:Nowhere ; ex:street "1 Main" .
        ex:a2 ex:city ex:Hanoi . ex:Hanoi a ex:City .""",
        """ex:PersonShape a sh:NodeShape ; sh:targetClass ex:Person ;
            sh:property [ sh:path ex:address ;
                sh:property [ sh:path ex:city ; sh:class ex:City ] ,
                    [ sh:path ex:street ; sh:minCount 1 ;
                      sh:property [ sh:path ex:none ; sh:maxCount 0 ] ] ] .""",
        3,
    ),
    "logical components with property shapes inside": (
        """ex:a a ex:T ; ex:v ex:x , ex:y , ex:z , 3 .
        ex:x ex:name "x" . ex:y ex:name "y1" , "y2" . ex:z ex:code 1 .""",
        """ex:OneName a sh:NodeShape ; sh:property [ sh:path ex:name ; sh:minCount 1 ;
            sh:maxCount 1 ] .
        ex:HasCode a sh:NodeShape ; sh:property [ sh:path ex:code ; sh:minCount 1 ] .
        ex:S a sh:NodeShape ; sh:targetClass ex:T ;
            sh:property [ sh:path ex:v ; sh:or ( ex:OneName ex:HasCode ) ] ,
                [ sh:path ex:v ; sh:xone ( ex:OneName [ sh:nodeKind sh:IRI ] ) ] ,
                [ sh:path ex:v ; sh:and ( ex:OneName [ sh:nodeKind sh:IRI ] ) ] ,
                [ sh:path ex:v ; sh:not ex:HasCode ; sh:message "not {?value}" ] ,
                [ sh:path ex:v ; sh:not [ sh:path ex:name ; sh:minCount 2 ] ] .
        ex:N a sh:NodeShape ; sh:targetNode ex:x , ex:y ;
            sh:or ( [ sh:property [ sh:path ex:name ; sh:hasValue "y1" ] ] ex:HasCode ) .""",
        8,
    ),
    "sh:qualifiedValueShape with property shapes, disjoint siblings": (
        """ex:car a ex:Car ; ex:part ex:w1 , ex:w2 , ex:w3 , ex:e1 , ex:odd .
        ex:w1 ex:kind "wheel" . ex:w2 ex:kind "wheel" . ex:w3 ex:kind "wheel" .
        ex:e1 ex:kind "engine" . ex:odd ex:kind "wheel" , "engine" .
        ex:bike a ex:Car ; ex:part ex:w4 . ex:w4 ex:kind "wheel" .""",
        """ex:Wheel a sh:NodeShape ; sh:property [ sh:path ex:kind ; sh:hasValue "wheel" ] .
        ex:Engine a sh:NodeShape ; sh:property [ sh:path ex:kind ; sh:hasValue "engine" ] .
        ex:CarShape a sh:NodeShape ; sh:targetClass ex:Car ;
            sh:property [ sh:path ex:part ; sh:qualifiedValueShape ex:Wheel ;
                          sh:qualifiedMinCount 4 ; sh:qualifiedMaxCount 4 ;
                          sh:qualifiedValueShapesDisjoint true ] ,
                [ sh:path ex:part ; sh:qualifiedValueShape ex:Engine ;
                  sh:qualifiedMinCount 1 ; sh:qualifiedMaxCount 1 ;
                  sh:qualifiedValueShapesDisjoint true ] .""",
        3,
    ),
    "sh:node inside a value shape, and value shapes of allowed severity": (
        """ex:a a ex:T ; ex:v ex:x , ex:y , "lit" . ex:x a ex:C . ex:y ex:p 1 .""",
        """ex:IsC a sh:NodeShape ; sh:class ex:C .
        ex:Soft a sh:NodeShape ; sh:severity sh:Warning ;
            sh:property [ sh:path ex:p ; sh:minCount 1 ] .
        ex:S a sh:NodeShape ; sh:targetClass ex:T ;
            sh:property [ sh:path ex:v ; sh:or ( [ sh:node ex:IsC ] [ sh:datatype xsd:string ] ) ] ,
                [ sh:path ex:v ; sh:or ( ex:Soft [ sh:nodeKind sh:Literal ] ) ] ,
                [ sh:path ex:v ; sh:node ex:Soft ] .""",
        3,
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("allow_warnings", [True, False])
def test_component_gives_the_same_results_as_pyshacl(name, allow_warnings):
    data_ttl, shapes_ttl, least = CASES[name]
    data = Graph().parse(data=PREFIXES + data_ttl, format="turtle")
    shapes = Graph().parse(data=PREFIXES + shapes_ttl, format="turtle")
    found = agree(data, shapes, allow_warnings=allow_warnings)
    assert sum(found.values()) >= least, sorted(found)


def test_shapes_stored_in_the_data_graph_give_the_same_results():
    """One graph as data and shapes (as in most W3C tests): a shape's lists and nodes are
    then values too."""
    text = PREFIXES + CASES["logical components with property shapes inside"][1]
    text += "ex:meta a ex:T ; ex:v ex:OneName , ex:HasCode ."
    graph = Graph().parse(data=text, format="turtle")
    found = agree(graph, graph)
    assert sum(found.values()) >= 2
