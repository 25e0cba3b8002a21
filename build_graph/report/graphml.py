"""GraphML and GEXF written as text, in the layout networkx's ElementTree writers give (same
elements, attribute order, key ids, escaping and indentation; tests compare the two). Two
differences, both for the GEXF 1.2 schema: the ``graph`` element carries no ``name`` (the
schema has no such attribute; networkx writes an empty one), and a node's ``viz`` (colour, size,
position) is written here as networkx writes it, not handed over to networkx.

networkx builds an ElementTree of every node, edge and value first: at 63 plans (~230,000 edges
over the eight networks) that took 50 of the report's 88 seconds. Writing the lines directly
takes a few seconds and reads back the same with ``nx.read_graphml`` / ``nx.read_gexf``.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Iterable, Iterator
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
_GEXF_NAMESPACES = (
    'xmlns="http://www.gexf.net/1.2draft" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
    'version="1.2">'
)
_GEXF_HEAD = "<gexf " + _GEXF_NAMESPACES
_GEXF_VIZ_HEAD = '<gexf xmlns:viz="http://www.gexf.net/1.2draft/viz" ' + _GEXF_NAMESPACES
_XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>"
XML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_GEXF_EDGE_FIELDS = ("label", "weight", "type")
_GEXF_SPECIAL = frozenset({"pid", "start", "end", "parents", "spells", "slices"})


def plain(value: Any) -> Any:
    """A value GraphML and GEXF can type: NaN and None become absent, the rest str/int/float."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def exportable(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes are all plain, typed values (GraphML rejects None and lists)."""
    copy = graph.__class__()
    copy.graph.update({k: v for k, v in graph.graph.items() if plain(v) is not None})
    for node, attrs in graph.nodes(data=True):
        copy.add_node(node, **{k: plain(v) for k, v in attrs.items() if plain(v) is not None})
    for u, v, attrs in graph.edges(data=True):
        copy.add_edge(u, v, **{k: plain(x) for k, x in attrs.items() if plain(x) is not None})
    return copy


def _plain_dict(attrs: dict[Any, Any], skip: str | None = None) -> dict[str, Any]:
    """The attributes with a value, made :func:`plain` (strings and ints pass as they are),
    without the key ``skip``."""
    items: dict[str, Any] = {}
    for key, value in attrs.items():
        if key == skip:
            continue
        kind = type(value)
        if kind is not str and kind is not int:
            value = plain(value)
            if value is None:
                continue
        items[key if type(key) is str else str(key)] = value
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


def _open(out: list[str], opening: str) -> int:
    """Append an element's start tag (``opening`` + ``>``); its index, for :func:`_close`."""
    out.append(opening + ">")
    return len(out) - 1


def _close(out: list[str], mark: int, closing: str, filled: bool) -> None:
    """End the element opened at ``mark``: its end tag, or, with nothing inside, its start tag
    made an empty-element tag (as ElementTree writes it)."""
    if filled:
        out.append(closing)
    else:
        out[mark] = out[mark][:-1] + " />"


# -- GraphML -----------------------------------------------------------------------------------
def _flat_viz(viz: dict[str, Any]) -> list[tuple[str, Any]]:
    """A node's GEXF ``viz`` as plain GraphML values (Cytoscape maps columns, it reads no viz):
    ``x``, ``y``, ``size`` and ``colour`` (``#RRGGBB``)."""
    items: list[tuple[str, Any]] = []
    position = viz.get("position")
    if position is not None:
        items += [("x", float(position["x"])), ("y", float(position["y"]))]
    if viz.get("size") is not None:
        items.append(("size", float(viz["size"])))
    color = viz.get("color")
    if color is not None:
        items.append(("colour", "#{:02X}{:02X}{:02X}".format(color["r"], color["g"], color["b"])))
    return items


def graphml_lines(graph: nx.Graph) -> Iterator[str]:
    """The lines of ``nx.write_graphml(graph)`` (after :func:`plain` on every value); a node's
    ``viz`` becomes its ``x``, ``y``, ``size`` and ``colour`` values.

    A national report writes ~3.4 M values: each is typed, escaped and written in one loop, its
    ``<data key=…>`` opening kept per name and type (no list, call or key tuple per value)."""
    keys: dict[tuple[str, str, str], str] = {}
    openings: dict[str, dict[tuple[str, type], str]] = {"graph": {}, "node": {}, "edge": {}}

    def data(items: Iterable[tuple[Any, Any]], scope: str, indent: str, out: list[str]) -> bool:
        """Append the ``<data>`` lines of the items with a value; False if there were none."""
        cache, start = openings[scope], len(out)
        for name, value in items:
            kind = type(value)
            if kind is not str and kind is not int:
                value = plain(value)
                if value is None:
                    continue
                kind = type(value)
            if type(name) is not str:
                name = str(name)
            opening = cache.get((name, kind))
            if opening is None:
                triple = (name, XML_TYPES[kind], scope)
                ident = keys.setdefault(triple, f"d{len(keys)}")
                opening = cache[(name, kind)] = f'{indent}<data key="{ident}">'
            out.append(f"{opening}{_text(value)}</data>")
        return len(out) > start

    graph_data: list[str] = []
    data(
        ((k, v) for k, v in graph.graph.items() if k not in ("node_default", "edge_default")),
        "graph",
        "    ",
        graph_data,
    )
    body: list[str] = []
    ids = {node: escape_attribute(str(node)) for node in graph}
    for node, attrs in graph.nodes(data=True):
        opening = f'    <node id="{ids[node]}"'
        viz = attrs.get("viz")
        items: Iterable[tuple[Any, Any]] = (
            [*((k, v) for k, v in attrs.items() if k != "viz"), *_flat_viz(viz)]
            if viz
            else attrs.items()
        )
        mark = _open(body, opening)
        _close(body, mark, "    </node>", data(items, "node", "      ", body))
    for u, v, attrs in graph.edges(data=True):
        opening = f'    <edge source="{ids[u]}" target="{ids[v]}"'
        mark = _open(body, opening)
        _close(body, mark, "    </edge>", data(attrs.items(), "edge", "      ", body))
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


def _viz_lines(viz: dict[str, Any], indent: str) -> list[str]:
    """A node's ``viz`` dict as networkx writes it: colour, size, then position."""
    lines = []
    color = viz.get("color")
    if color is not None:
        lines.append(
            f'{indent}<viz:color r="{color["r"]}" g="{color["g"]}" b="{color["b"]}" '
            f'a="{color.get("a", 1.0)}" />'
        )
    if viz.get("size") is not None:
        lines.append(f'{indent}<viz:size value="{viz["size"]}" />')
    position = viz.get("position")
    if position is not None:
        lines.append(
            f'{indent}<viz:position x="{position["x"]}" y="{position["y"]}" '
            f'z="{position.get("z", 0.0)}" />'
        )
    return lines


def gexf_lines(graph: nx.Graph, day: str | None = None) -> Iterator[str]:
    """The lines of ``nx.write_gexf(graph)`` (GEXF 1.2draft, static), creator ``sdgkg``, with no
    ``name`` on the graph element (see the module's note)."""
    attributes: dict[str, dict[str, tuple[str, str]]] = {"node": {}, "edge": {}}
    order: list[str] = []  # the classes, in the order their first attribute appeared
    counter = iter(range(10**9))

    def attvalues(
        items: Iterable[tuple[str, Any]], scope: str, indent: str, out: list[str]
    ) -> bool:
        """Append the ``<attvalues>`` of the items; False (nothing appended) if there are none."""
        found, head = attributes[scope], len(out)
        out.append(f"{indent}<attvalues>")
        for name, value in items:
            if name == "key":
                name = "networkx_key"
            registered = found.get(name)
            if registered is None:
                if not found:
                    order.append(scope)
                registered = found[name] = (str(next(counter)), XML_TYPES[type(value)])
            out.append(f'{indent}  <attvalue for="{registered[0]}" value="{_gexf_value(value)}" />')
        if len(out) == head + 1:
            out.pop()
            return False
        out.append(f"{indent}</attvalues>")
        return True

    ids = {
        node: escape_attribute(str(attrs.get("id", node))) for node, attrs in graph.nodes(data=True)
    }
    body = ["    <nodes>"]
    with_viz = False
    for node, attrs in graph.nodes(data=True):
        viz = attrs.get("viz")
        items = _plain_dict(attrs, skip="viz")
        ident = str(items.pop("id", node))
        label = str(items.pop("label", node))
        opening = f'      <node id="{escape_attribute(ident)}" label="{escape_attribute(label)}"'
        mark = _open(body, opening)
        lines = _viz_lines(viz, "        ") if viz else []
        with_viz = with_viz or bool(lines)
        body += lines
        filled = attvalues(items.items(), "node", "        ", body) or bool(lines)
        _close(body, mark, "      </node>", filled)
    body.append("    </nodes>")
    edges = ["    <edges>"]
    for number, (u, v, attrs) in enumerate(graph.edges(data=True)):
        items = _plain_dict(attrs)
        fields = [f'id="{escape_attribute(str(items.pop("id", number)))}"']
        for name in _GEXF_EDGE_FIELDS:
            if name in items:
                fields.append(f'{name}="{escape_attribute(str(items.pop(name)))}"')
        opening = f'      <edge source="{ids[u]}" target="{ids[v]}" {" ".join(fields)}'
        mark = _open(edges, opening)
        _close(edges, mark, "      </edge>", attvalues(items.items(), "edge", "        ", edges))
    edges.append("    </edges>")
    yield _XML_DECLARATION
    yield _GEXF_VIZ_HEAD if with_viz else _GEXF_HEAD
    yield f'  <meta lastmodifieddate="{day or time.strftime("%Y-%m-%d")}">'
    yield "    <creator>sdgkg</creator>"
    yield "  </meta>"
    kind = "directed" if graph.is_directed() else "undirected"
    yield f'  <graph defaultedgetype="{kind}" mode="static">'
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
    """GEXF; a graph using GEXF's other special node keys (dynamic, hierarchy) goes through
    networkx. ``day``: the ``lastmodifieddate`` (the caller's reproducible date)."""
    if any(_GEXF_SPECIAL & attrs.keys() for _, attrs in graph.nodes(data=True)):
        nx.write_gexf(graph, path)
        return path
    path.write_text("\n".join(gexf_lines(graph, day)) + "\n", encoding="utf-8")
    return path


SUFFIXES = ("graphml", "gexf")  # the files of a network, in the order write_network gives them


def write_network(graph: nx.Graph, out_dir: Path, name: str, day: str | None = None) -> list[Path]:
    """``name.graphml`` and ``name.gexf``; ``day``: the GEXF's date (the caller's reproducible
    date; without one, the day of writing)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    graphml, gexf = (out_dir / f"{name}.{suffix}" for suffix in SUFFIXES)
    write_graphml(graph, graphml)
    write_gexf(graph, gexf, day)
    return [graphml, gexf]
