"""write_jsonld builds the JSON from the N-Triples bytes; the per-line json.dumps writer it
replaced (``_write_jsonld_reference``) is the oracle: same bytes, or the same error."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import event, given, settings
from hypothesis import strategies as st

from build_graph.graph import jsonld as jsonld_writer
from build_graph.graph.jsonld import _write_jsonld_reference, write_jsonld
from build_graph.graph.serialize import published_context

CONTEXT = {
    "@version": 1.1,
    "ex": "http://ex.org/",
    "exa": "http://ex.org/a/",
    "h": "http://ex.org/a#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "label": {"@id": "ex:label", "@container": "@language"},
}

BASES = [
    "http://ex.org/",
    "http://ex.org/a/",
    "http://ex.org/a#",
    "http://ex.org//",
    "https://w3id.org/sdgkg/plan/x/",
    "urn:x:",
    "_:",
    "",
]
NAMES = st.text(alphabet="ab1-._/#%é😀", max_size=6) | st.sampled_from(
    ["", "1.2", "so-y-te", "a\\u0062", "x>y", 'q"t', "b\\\\s"]
)
TRICKY = "\"\\\n\r\t\b\f\x00\x01\x1f\x7f\u2028'ạ😀 a"
TEXT = st.text(alphabet=TRICKY, max_size=8) | st.text(st.characters(codec="utf-8"), max_size=12)
SUFFIXES = [  # the last two only read as text (pyoxigraph refuses them)
    "",
    "@vi",
    "@en-US",
    "^^<http://www.w3.org/2001/XMLSchema#string>",
    "^^<http://www.w3.org/2001/XMLSchema#integer>",
    "^^<http://ex.org/a/dt>",
    "@",
    "^^<x y>",
]
ECHAR = {
    "\t": "\\t",
    "\b": "\\b",
    "\n": "\\n",
    "\r": "\\r",
    "\f": "\\f",
    '"': '\\"',
    "'": "\\'",
    "\\": "\\\\",
}


def _iri(draw) -> str:
    return f"<{draw(st.sampled_from(BASES))}{draw(NAMES)}>"


def _literal(draw, suffixes: list[str]) -> str:
    """A string literal, escaped as build writes it (only \\ " \\n \\r) or in other ways."""
    allowed = draw(st.sets(st.sampled_from(["raw", "echar", "u", "U"]), min_size=1))
    out = []
    for char in draw(TEXT):
        ways = ["u", "U"] + (["echar"] if char in ECHAR else [])
        ways += [] if char in '\\"\n\r' else ["raw"]
        ways = [way for way in ways if way in allowed] or ["echar" if char in ECHAR else "raw"]
        way = draw(st.sampled_from(ways))
        if way == "raw":
            out.append(char)
        elif way == "echar":
            out.append(ECHAR[char])
        elif way == "u" and ord(char) < 0x10000:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(f"\\U{ord(char):08X}")
    return f'"{"".join(out)}"{draw(st.sampled_from(suffixes))}'


@st.composite
def documents(draw) -> bytes:
    """Lines with odd IRIs (read as text, as the reference does) and, on the lines the
    reference gives to pyoxigraph (blank nodes), valid ones, so that most documents load."""
    predicates = [f"<http://ex.org/{name}>" for name in ("p", "q", "label", "a/p")] + [
        "<http://ex.org/a#p>",
        "<http://other.org/p>",
        "<ex:p>",
    ]
    valid = ["<http://ex.org/a/s1>", "<http://ex.org/a/s1/1.2>", "<urn:x:s3>", "<http://ex.org/a#>"]
    lines = []
    for _ in range(draw(st.integers(0, 14))):
        kind = draw(st.sampled_from(["iri", "blank subject", "blank object", "literal", "literal"]))
        subject = "_:b1" if kind == "blank subject" else draw(st.sampled_from([*valid, None]))
        if subject is None:
            subject = _iri(draw) if kind != "blank object" else valid[0]
        if kind == "blank object":
            obj = "_:b2"
        elif kind == "iri":
            obj = _iri(draw) if subject != "_:b1" else draw(st.sampled_from(valid))
        else:
            obj = _literal(draw, SUFFIXES[:-2] if subject == "_:b1" else SUFFIXES)
        lines.append(f"{subject} {draw(st.sampled_from(predicates))} {obj} .\n")
    if draw(st.booleans()):
        lines.sort()
    lines += draw(st.lists(st.sampled_from(["# a comment\n", "\n", "  \n"]), max_size=1))
    text = "".join(lines)
    if draw(st.booleans()) and text.endswith("\n"):
        text = text[:-1]
    return text.encode("utf-8")


def _outcome(writer, source: Path, target: Path, context: dict) -> bytes | type:
    try:
        writer(source, target, context)
    except Exception as error:  # the reference fails too, and the same way
        return type(error)
    return target.read_bytes()


def _same(text: bytes, context: dict = CONTEXT) -> str:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "graph.nt"
        source.write_bytes(text)
        fast = _outcome(write_jsonld, source, Path(folder) / "fast.jsonld", context)
        reference = _outcome(_write_jsonld_reference, source, Path(folder) / "ref.jsonld", context)
    assert fast == reference
    return "error" if isinstance(fast, type) else "written"


@settings(max_examples=300, deadline=None)
@given(documents(), st.sampled_from([(1 << 16, 1 << 16), (7, 1), (64, 0)]))
def test_fast_writer_gives_the_reference_bytes(text, sizes):
    block, memo = sizes  # small blocks and memos: lines across blocks, memos forgotten
    with (
        mock.patch.object(jsonld_writer, "_BLOCK", block),
        mock.patch.object(jsonld_writer, "_MEMO", memo),
    ):
        event(_same(text))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.composite(lambda draw: _literal(draw, SUFFIXES))(), min_size=1, max_size=3))
def test_string_literals_give_the_reference_bytes(literals):
    subject = "<http://ex.org/a/s>"
    _same("".join(f"{subject} <http://ex.org/p> {text} .\n" for text in literals).encode())


def test_tricky_literals_and_terms_by_example():
    lines = [
        '<http://ex.org/a/s> <http://ex.org/p> "say \\"hi\\" \\\\ back\\nline\\r" .',
        '<http://ex.org/a/s> <http://ex.org/p> "tab\tbell\x07 del\x7f" .',
        '<http://ex.org/a/s> <http://ex.org/p> "\\t\\b\\f\\\' \\u00E9 \\U0001F600 😀 ạ"@vi .',
        '<http://ex.org/a/s> <http://ex.org/p> "5"^^<http://www.w3.org/2001/XMLSchema#integer> .',
        '<http://ex.org/a/s> <http://ex.org/p> "s"^^<http://www.w3.org/2001/XMLSchema#string> .',
        "<http://ex.org/a/s> <http://ex.org/q> <http://ex.org/a/o1> .",
        "<http://ex.org/a/s> <http://ex.org/q> <http://ex.org/a#> .",
        "<http://ex.org/a/s> <http://ex.org/q> <http://ex.org//x> .",
        "<http://ex.org/a/s> <http://ex.org/q> _:b0 .",
        "<http://ex.org/a/s/1.2> <http://ex.org/q> <_:x> .",
        "_:b0 <http://ex.org/p> <http://ex.org/a/s> .",
    ]
    lines += [f'<http://ex.org/a/e> <http://ex.org/p> "a{escape}b" .' for escape in ECHAR.values()]
    lines += ['<http://ex.org/a/e> <http://ex.org/p> "\\u0022\\u005C\\u0009\\u0000" .']
    for count in range(1, len(lines) + 1):
        text = "\n".join(lines[:count]) + "\n"
        _same(text.encode("utf-8"))
        _same(text.encode("utf-8").replace(b"\n", b"\r\n"))
    _same(b'<http://ex.org/a/s> <http://ex.org/p> "lone \\uD800" .\n')  # fails alike
    _same(b"<http://ex.org/a/s> <http://ex.org/q> <sp ace> .\n")  # pyoxigraph refuses it


def test_the_bundled_plan_sorted_and_shuffled(graph_file, tmp_path):
    context = published_context()
    _same(graph_file.read_bytes(), context)
    lines = graph_file.read_bytes().splitlines(keepends=True)
    random.Random(3).shuffle(lines)
    _same(b"".join(lines[:3000]), context)
