"""Same input, same bytes: blank nodes named by what they say, not by a random counter.

SHACL reports are made of blank nodes (one per result, and the shapes' own nodes they point
to), which rdflib names at random: two runs gave two Turtle files for the same findings. Each
blank node is named here by a hash of its triples, in and out, refined a few rounds so that
nodes that look alike locally are told apart by their neighbours. ``rdflib.compare``'s
canonical form does the same exactly but takes 0.4 s on the report; this takes milliseconds,
and falls back to it if two blank nodes end up with the same name.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

ROUNDS = 4


def _digest(parts: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(parts)).encode("utf-8")).hexdigest()


def stable_bnodes(graph: Graph) -> Graph:
    """A copy of ``graph`` whose blank nodes have content-derived labels."""
    nodes = {n for triple in graph for n in triple if isinstance(n, BNode)}
    names: dict[Node, str] = dict.fromkeys(nodes, "")

    def term(node: Node) -> str:
        return "_:" + names[node] if node in names else node.n3()

    for _ in range(ROUNDS):
        names = {
            node: _digest(
                [f"> {p.n3()} {term(o)}" for p, o in graph.predicate_objects(node)]
                + [f"< {p.n3()} {term(s)}" for s, p in graph.subject_predicates(node)]
            )
            for node in nodes
        }
    out = Graph()
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace, override=True)
    if len(set(names.values())) < len(nodes):
        out += to_canonical_graph(graph)
        return out
    label: dict[Node, Node] = {node: BNode("b" + name[:24]) for node, name in names.items()}
    for s, p, o in graph:
        out.add((label.get(s, s), p, label.get(o, o)))
    return out


def write_turtle(graph: Graph, path: Path) -> Path:
    """Turtle with stable blank-node labels (and rdflib's sorted subjects and objects)."""
    path.write_bytes(stable_bnodes(graph).serialize(format="turtle", encoding="utf-8"))
    return path
