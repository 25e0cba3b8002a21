"""The GraphML and GEXF the report writes as text are what networkx's writers give for the
same networks (GEXF's creator aside), and read back the same."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_graph.network.analysis import analyse, load
from build_graph.report.exports import exportable
from build_graph.report.graphml import (
    escape_attribute,
    escape_text,
    gexf_lines,
    graphml_lines,
    write_gexf,
    write_graphml,
)


@pytest.fixture(scope="module")
def networks() -> dict[str, nx.Graph]:
    analysis = analyse(load().data)  # the bundled Hải Phòng plan
    return {
        f"{kind}-{name}": graph
        for name, view in analysis.views.items()
        for kind, graph in view.networks().items()
    }


def _as_written(theirs: str) -> str:
    """networkx's GEXF with our two documented differences: the creator, and no ``name`` on
    the graph element (GEXF 1.2's schema has none; networkx writes an empty one)."""
    theirs = theirs.replace(
        f"<creator>NetworkX {nx.__version__}</creator>", "<creator>sdgkg</creator>"
    )
    assert ' mode="static" name="">' in theirs
    return theirs.replace(' mode="static" name="">', ' mode="static">')


def test_text_is_what_networkx_writes(networks, tmp_path):
    """Against networkx's ElementTree writer: ``nx.write_graphml`` is its lxml writer, whose
    layout differs, whenever lxml is installed."""
    for name, graph in networks.items():
        plain = exportable(graph)
        nx.write_graphml_xml(plain, tmp_path / "nx.graphml")
        nx.write_gexf(plain, tmp_path / "nx.gexf")
        theirs = (tmp_path / "nx.graphml").read_text(encoding="utf-8")
        assert "\n".join(graphml_lines(graph)) + "\n" == theirs, name
        theirs = _as_written((tmp_path / "nx.gexf").read_text(encoding="utf-8"))
        assert "\n".join(gexf_lines(graph)) + "\n" == theirs, name


def test_viz_is_written_as_networkx_writes_it(networks, tmp_path):
    """Colour, size and position (a node's ``viz``) in networkx's layout, read back the same."""
    graph = exportable(networks["coordination-all-units"])
    for index, node in enumerate(graph):
        graph.nodes[node]["viz"] = {
            "color": {"r": 0, "g": 114, "b": 178, "a": 1.0},
            "size": 4.5 + index,
            "position": {"x": -12.25 + index, "y": 3.5, "z": 0.0},
        }
    nx.write_gexf(graph, tmp_path / "nx.gexf")
    theirs = _as_written((tmp_path / "nx.gexf").read_text(encoding="utf-8"))
    assert "\n".join(gexf_lines(graph)) + "\n" == theirs
    write_gexf(graph, tmp_path / "ours.gexf", "2017-10-30")
    back = nx.read_gexf(tmp_path / "ours.gexf")
    first = next(iter(graph))
    assert back.nodes[first]["viz"]["position"] == {"x": -12.25, "y": 3.5, "z": 0.0}
    assert back.nodes[first]["viz"]["color"] == {"r": 0, "g": 114, "b": 178, "a": 1.0}
    write_graphml(graph, tmp_path / "ours.graphml")  # Cytoscape reads columns, not viz
    flat = nx.read_graphml(tmp_path / "ours.graphml").nodes[first]
    assert (flat["x"], flat["y"], flat["size"], flat["colour"]) == (-12.25, 3.5, 4.5, "#0072B2")


def test_awkward_values_escape_and_read_back(tmp_path):
    graph = nx.DiGraph(view='a "quoted" <view>')
    graph.add_node(
        "a&b",
        label='Sở <Y tế>\tand "more"\n',
        load=3,
        share=0.5,
        flag=True,
        missing=float("nan"),
        none=None,
    )
    graph.add_node("c")
    graph.add_edge("a&b", "c", weight=2, note="x > y")
    write_graphml(graph, tmp_path / "g.graphml")
    write_gexf(graph, tmp_path / "g.gexf", "2030-01-01")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.nodes["a&b"] == {
        "label": 'Sở <Y tế>\tand "more"\n',
        "load": 3,
        "share": 0.5,
        "flag": True,
    }
    assert back.edges["a&b", "c"] == {"weight": 2, "note": "x > y"}
    assert back.graph["view"] == 'a "quoted" <view>'
    gexf = nx.read_gexf(tmp_path / "g.gexf")
    assert gexf.nodes["a&b"]["label"] == 'Sở <Y tế>\tand "more"\n'
    assert gexf.nodes["a&b"]["load"] == 3 and gexf.edges["a&b", "c"]["weight"] == 2
    assert 'lastmodifieddate="2030-01-01"' in (tmp_path / "g.gexf").read_text(encoding="utf-8")


@given(st.text())
def test_escaping_is_elementtrees(text):
    """The fast path (nothing to escape) and the escaping agree with ElementTree's."""
    element = ET.Element("e", a=text)
    element.text = text + "."  # never empty: ElementTree writes an empty element short
    written = ET.tostring(element, encoding="unicode")
    assert written == f'<e a="{escape_attribute(text)}">{escape_text(text)}.</e>'
