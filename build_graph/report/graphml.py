"""GraphML and GEXF written as text, in the layout networkx's ElementTree writers give (same
elements, attribute order, key ids, escaping and indentation; tests compare the two).

networkx builds an ElementTree of every node, edge and value first: at 63 plans (~230,000 edges
over the eight networks) that took 50 of the report's 88 seconds. Writing the lines directly
takes a few seconds and reads back the same with ``nx.read_graphml`` / ``nx.read_gexf``.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.sax import saxutils

import networkx as nx

_GRAPHML_HEAD = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)
_GEXF_HEAD = (
    '<gexf xmlns="http://www.gexf.net/1.2draft" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
    'version="1.2">'
)
_XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>"
XML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_GEXF_EDGE_FIELDS = ("label", "weight", "type")
_GEXF_SPECIAL = frozenset({"pid", "start", "end", "viz", "parents", "spells", "slices"})


def plain(value: Any) -> Any:
    """A value GraphML and GEXF can type: NaN and None become absent, the rest str/int/float."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _plain_items(attrs: dict[str, Any]) -> list[tuple[str, Any]]:
    """The attributes with a value, made :func:`plain` (strings and ints pass as they are)."""
    items = []
    for key, value in attrs.items():
        kind = type(value)
        if kind is not str and kind is not int:
            value = plain(value)
            if value is None:
                continue
        items.append((key if type(key) is str else str(key), value))
    return items


_TEXT_SPECIAL = re.compile(r"[&<>]").search
_ATTRIBUTE_SPECIAL = re.compile('[&<>"\r\n\t]').search
_ATTRIBUTE_ENTITIES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}


def escape_text(text: str) -> str:
    """ElementTree's escaping of element text. Most names and values have nothing to escape:
    one search finds that (a national report escapes ~2 M values: 4.5 s through saxutils)."""
    return saxutils.escape(text) if _TEXT_SPECIAL(text) else text


def escape_attribute(text: str) -> str:
    """ElementTree's escaping of attribute values."""
    return saxutils.escape(text, _ATTRIBUTE_ENTITIES) if _ATTRIBUTE_SPECIAL(text) else text


def _text(value: Any) -> str:
    """A plain value as element text: numbers and booleans have nothing to escape."""
    return escape_text(value) if isinstance(value, str) else str(value)


# -- GraphML -----------------------------------------------------------------------------------
def graphml_lines(graph: nx.Graph) -> Iterator[str]:
    """The lines of ``nx.write_graphml(graph)`` (after :func:`plain` on every value)."""
    keys: dict[tuple[str, str, str], str] = {}

    def key(name: str, value: Any, scope: str) -> str:
        found = keys.get((name, XML_TYPES[type(value)], scope))
        if found is None:
            found = keys[(name, XML_TYPES[type(value)], scope)] = f"d{len(keys)}"
        return found

    def data(items: list[tuple[str, Any]], scope: str, indent: str) -> list[str]:
        return [
            f'{indent}<data key="{key(name, value, scope)}">{_text(value)}</data>'
            for name, value in items
        ]

    graph_data = data(
        [(k, v) for k, v in _plain_items(graph.graph) if k not in ("node_default", "edge_default")],
        "graph",
        "    ",
    )
    body: list[str] = []
    ids = {node: escape_attribute(str(node)) for node in graph}
    for node, attrs in graph.nodes(data=True):
        opening = f'    <node id="{ids[node]}"'
        lines = data(_plain_items(attrs), "node", "      ")
        body += [opening + ">", *lines, "    </node>"] if lines else [opening + " />"]
    for u, v, attrs in graph.edges(data=True):
        opening = f'    <edge source="{ids[u]}" target="{ids[v]}"'
        lines = data(_plain_items(attrs), "edge", "      ")
        body += [opening + ">", *lines, "    </edge>"] if lines else [opening + " />"]
    yield _XML_DECLARATION
    yield _GRAPHML_HEAD
    for (name, kind, scope), ident in reversed(keys.items()):
        yield (
            f'  <key id="{ident}" for="{scope}" attr.name="{escape_attribute(name)}" '
            f'attr.type="{kind}" />'
        )
    edgedefault = "directed" if graph.is_directed() else "undirected"
    content = body + graph_data
    if content:
        yield f'  <graph edgedefault="{edgedefault}">'
        yield from content
        yield "  </graph>"
    else:
        yield f'  <graph edgedefault="{edgedefault}" />'
    yield "</graphml>"


# -- GEXF --------------------------------------------------------------------------------------
def _gexf_value(value: Any) -> str:
    """A plain value as GEXF writes it, escaped for an attribute."""
    if isinstance(value, str):
        return escape_attribute(value)
    if isinstance(value, bool):
        return str(value).lower()
    text = str(value)
    if isinstance(value, float):
        return {"inf": "INF", "nan": "NaN", "-inf": "-INF"}.get(text, text)
    return text


def gexf_lines(graph: nx.Graph, day: str | None = None) -> Iterator[str]:
    """The lines of ``nx.write_gexf(graph)`` (GEXF 1.2draft, static), creator ``sdgkg``."""
    attributes: dict[str, dict[str, tuple[str, str]]] = {"node": {}, "edge": {}}
    order: list[str] = []  # the classes, in the order their first attribute appeared
    counter = iter(range(10**9))

    def attvalues(items: list[tuple[str, Any]], scope: str, indent: str) -> list[str]:
        if not items:
            return []
        found = attributes[scope]
        lines = [f"{indent}<attvalues>"]
        for name, value in items:
            name = "networkx_key" if name == "key" else name
            if name not in found:
                if not found:
                    order.append(scope)
                found[name] = (str(next(counter)), XML_TYPES[type(value)])
            lines.append(
                f'{indent}  <attvalue for="{found[name][0]}" value="{_gexf_value(value)}" />'
            )
        lines.append(f"{indent}</attvalues>")
        return lines

    ids = {
        node: escape_attribute(str(attrs.get("id", node))) for node, attrs in graph.nodes(data=True)
    }
    body = ["    <nodes>"]
    for node, attrs in graph.nodes(data=True):
        items = dict(_plain_items(attrs))
        ident = str(items.pop("id", node))
        label = str(items.pop("label", node))
        opening = f'      <node id="{escape_attribute(ident)}" label="{escape_attribute(label)}"'
        lines = attvalues(list(items.items()), "node", "        ")
        body += [opening + ">", *lines, "      </node>"] if lines else [opening + " />"]
    body.append("    </nodes>")
    edges = ["    <edges>"]
    for number, (u, v, attrs) in enumerate(graph.edges(data=True)):
        items = dict(_plain_items(attrs))
        fields = [f'id="{escape_attribute(str(items.pop("id", number)))}"']
        for name in _GEXF_EDGE_FIELDS:
            if name in items:
                fields.append(f'{name}="{escape_attribute(str(items.pop(name)))}"')
        opening = f'      <edge source="{ids[u]}" target="{ids[v]}" {" ".join(fields)}'
        lines = attvalues(list(items.items()), "edge", "        ")
        edges += [opening + ">", *lines, "      </edge>"] if lines else [opening + " />"]
    edges.append("    </edges>")
    yield _XML_DECLARATION
    yield _GEXF_HEAD
    yield f'  <meta lastmodifieddate="{day or time.strftime("%Y-%m-%d")}">'
    yield "    <creator>sdgkg</creator>"
    yield "  </meta>"
    kind = "directed" if graph.is_directed() else "undirected"
    name = escape_attribute(str(graph.graph.get("name", "")))
    yield f'  <graph defaultedgetype="{kind}" mode="static" name="{name}">'
    for scope in reversed(order):
        yield f'    <attributes mode="static" class="{scope}">'
        for title, (ident, xml_type) in attributes[scope].items():
            yield (
                f'      <attribute id="{ident}" title="{escape_attribute(title)}" '
                f'type="{xml_type}" />'
            )
        yield "    </attributes>"
    yield from body if len(body) > 2 else ["    <nodes />"]
    yield from edges if len(edges) > 2 else ["    <edges />"]
    yield "  </graph>"
    yield "</gexf>"


def write_graphml(graph: nx.Graph, path: Path) -> Path:
    """GraphML, as ``nx.write_graphml`` writes it."""
    path.write_text("\n".join(graphml_lines(graph)) + "\n", encoding="utf-8")
    return path


def write_gexf(graph: nx.Graph, path: Path, day: str | None = None) -> Path:
    """GEXF; a graph using GEXF's special node keys (dynamic, viz…) goes through networkx."""
    if any(_GEXF_SPECIAL & attrs.keys() for _, attrs in graph.nodes(data=True)):
        nx.write_gexf(graph, path)
        return path
    path.write_text("\n".join(gexf_lines(graph, day)) + "\n", encoding="utf-8")
    return path
