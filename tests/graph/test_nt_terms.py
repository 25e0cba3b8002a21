"""The builder's N-Triples terms (nt_terms.py) are the reference formatter's (ntriples.py).

The graph builder writes terms as text for speed; ``ntriples.term`` formats rdflib terms and
is the definition of the canonical form. Any text, any number, any date: the same bytes.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from build_graph.graph import nt_terms as ntterms
from build_graph.graph.ntriples import term

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)


@settings(max_examples=300)
@given(texts)
def test_plain_and_language_literals(text):
    assert ntterms.lit(text) == term(Literal(text))
    assert ntterms.vi(text) == term(Literal(text, lang="vi"))
    assert ntterms.en(text) == term(Literal(text, lang="en"))


@given(st.integers(min_value=1, max_value=10**9))
def test_positive_integers(number):
    assert ntterms.positive(number) == term(Literal(str(number), datatype=XSD.positiveInteger))


@given(st.dates(), st.booleans(), st.integers(min_value=1000, max_value=9999))
def test_dates_booleans_and_years(date: dt.date, flag: bool, year: int):
    assert ntterms.date(date) == term(Literal(date, datatype=XSD.date))
    assert ntterms.boolean(flag) == term(Literal(flag))
    assert ntterms.gyear(year) == term(Literal(str(year), datatype=XSD.gYear))


def test_quotes_backslashes_and_line_breaks_are_escaped():
    assert ntterms.lit('a "b" \\ c\nd\re') == '"a \\"b\\" \\\\ c\\nd\\re"'


def test_namespaces_and_iris():
    rdf = ntterms.NtNamespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
    assert rdf.type == term(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"))
    dcterms = ntterms.NtNamespace("http://purl.org/dc/terms/")
    assert dcterms.title == "<http://purl.org/dc/terms/title>"  # not str.title
    assert ntterms.iri("https://w3id.org/sdgkg/vsdg/3.8") == "<https://w3id.org/sdgkg/vsdg/3.8>"


def test_builder_lines_and_triples_are_the_same_graph(plan, registry):
    from build_graph.graph.builder import GraphBuilder
    from build_graph.graph.ntriples import lines

    builder = GraphBuilder(plan, registry)
    assert [line.decode() for line in sorted(builder.build_lines())] == lines(
        builder.build_triples()
    )


@settings(max_examples=300)
@given(texts)
def test_unescape_reads_back_what_escape_wrote(text):
    """The JSON-LD writer reads graph.nt's strings back with ntterms.unescape."""
    assert ntterms.unescape(ntterms.escape(text)) == text


def test_unescape_reads_uchar_and_echar_escapes():
    assert ntterms.unescape(r"x\u00e0\U0001F600\t\"q\"\\") == 'xà\U0001f600\t"q"\\'
