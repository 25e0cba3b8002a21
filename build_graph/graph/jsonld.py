"""graph.jsonld: JSON-LD with the published context, streamed from sorted N-Triples.

Compact keys and "@id" values (the context's prefixes, no term definitions), one node object
per line; the fast writer works on bytes, with the old per-line writer as its reference.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from json.encoder import encode_basestring
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from build_graph.graph.nt_terms import unescape

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _compact(iri: str, prefixes: list[tuple[str, str]]) -> str:
    for prefix, namespace in prefixes:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            rest = iri[len(namespace) :]
            if not rest.startswith("//"):
                return f"{prefix}:{rest}"
    return iri


_BLOCK = 1 << 16
_MEMO = 1 << 16  # memo entries kept (then forgotten): 0.3 M would take 250 MB
_CONTROL = bytes(c for c in range(32) if c != ord("\n"))
# N-Triples escapes that JSON spells the same way: such a string literal is already JSON.
_SAME_IN_JSON = re.compile(rb'[^\\]*(?:\\[tbnrf"\\][^\\]*)*')


class _Unordered(Exception):
    """A subject's predicates are out of order, or two compact to one key: values to merge."""


def _json(text: str) -> bytes:
    return encode_basestring(text).encode("utf-8")  # what json.dumps(text, ensure_ascii=False) does


def write_jsonld(nt_path: Path, target: Path, context: dict) -> None:
    """JSON-LD with the published context, one node object per line, from sorted N-Triples.

    A conservative, lossless compaction: keys, "@id" values and datatypes become compact IRIs
    with the context's prefixes; term definitions are not used, so the document expands to the
    same triples. Lines sorted by subject come grouped by subject: one streamed pass. The JSON
    is put together from the lines' bytes: in the canonical form ``build`` writes, a string's
    escapes are JSON's, and the text after the subject repeats (2.7 M lines, 0.3 M texts), so
    each text is made JSON once (a bounded memo). Any other line goes through ``_split_line``
    and json.dumps, and a subject whose predicates come out of order sends the whole file
    through ``_write_jsonld_reference``: the bytes are the reference's either way.
    """
    try:
        _write_jsonld_fast(nt_path, target, context)
    except _Unordered:
        _write_jsonld_reference(nt_path, target, context)


def _namespaces(context: dict) -> list[tuple[str, str]]:
    return sorted(
        ((k, v) for k, v in context.items() if isinstance(v, str) and v.endswith(("#", "/"))),
        key=lambda item: -len(item[1]),
    )


def _header(context: dict) -> str:
    return '{"@context": ' + json.dumps(context, ensure_ascii=False, indent=1) + ',\n"@graph": [\n'


def _write_jsonld_fast(nt_path: Path, target: Path, context: dict) -> None:
    """The document, a block of lines at a time: raises _Unordered where the reference merges."""
    nodes = _NodeWriter(_namespaces(context))
    started = False
    with target.open("wb") as out, nt_path.open("rb") as source:
        out.write(_header(context).encode("utf-8"))
        for lines, whole in _line_blocks(source):
            text = nodes.lines(lines) if whole else nodes.last_line(lines)
            if text:
                out.write(text if started else text[5:])  # the first node closes none: '}]},\n'
                started = True
        out.write(b"}]}\n]}\n" if started else b"\n]}\n")


def _line_blocks(source: BinaryIO) -> Iterator[tuple[bytes, bool]]:
    """Whole lines, about _BLOCK bytes at a time, without their last \\n (True); then a last line
    that has no \\n, if there is one (False)."""
    carry = b""  # a line's start, read with the block before
    while block := source.read(_BLOCK):
        chunk = carry + block
        cut = chunk.rfind(b"\n")
        if cut < 0:
            carry = chunk
            continue
        yield chunk[:cut], True
        carry = chunk[cut + 1 :]
    if carry:
        yield carry, False


class _NodeWriter:
    """Node objects as JSON bytes, line after line, with memos of the JSON of recurring text.

    Namespaces end in / or #, so an IRI compacts as its folder (up to the last / or #) does.
    The text after the subject, 'predicate> object .', repeats (the national graph's 2.7 M
    lines have 0.3 M of them): each is made JSON once, as (predicate, key and value, separator
    and value), the value left open (its '}' comes with what follows). The biggest memos are
    forgotten past _MEMO entries (0.3 M would take 250 MB).
    """

    def __init__(self, namespaces: list[tuple[str, str]]) -> None:
        self.namespaces = namespaces
        self.folders: dict[str, str] = {}  # IRI folder → its compact form
        self.starts: dict[bytes, bytes] = {}  # subject folder → '}]},\n{"@id": "compact-folder/'
        self.keys: dict[bytes, bytes] = {}  # predicate → '}], "compact": ['
        self.owners: dict[bytes, bytes] = {}  # '}], "compact": [' → the predicate it came from
        self.tails: dict[bytes, bytes] = {}  # '@vi .' → '{"@language": "vi", "@value": '
        self.rests: dict[bytes, tuple[bytes, bytes, bytes]] = {}  # 'predicate> object .' → …
        self.links: dict[bytes, tuple[bytes, bytes, bytes]] = {}  # … and 'predicate> <folder/'
        self.subject: bytes | None = None  # '<subject' as written (or, read the slow way, decoded)
        self.pred = b""  # the predicate whose values are open

    def lines(self, chunk: bytes) -> bytes:
        """The JSON of whole lines (joined by \\n), continuing the node left open.

        The hot loop: memo and methods bound to locals, and no call per line but on a memo miss
        or a new subject (2.7 M lines at national scale)."""
        if len(self.rests) > _MEMO:
            for memo in (self.rests, self.links, self.starts, self.folders):
                memo.clear()
        subject, pred = self.subject, self.pred
        get, parse, node_start, slow = self.rests.get, self.parse, self.node_start, self.slow
        parts: list[bytes] = []
        append = parts.append
        for line in chunk.split(b"\n"):
            s, _, rest = line.partition(b"> <")  # '<subject', 'predicate> object .'
            found = get(rest)
            if found is not None or (found := parse(rest)) is not None:
                p, keyed, more = found
                if s == subject:
                    if p == pred:
                        append(more)
                        continue
                    if p > pred:
                        append(keyed)
                        pred = p
                        continue
                    raise _Unordered
                if s.startswith(b"<"):
                    subject, pred = s, p
                    append(node_start(s))
                    append(keyed[2:])
                    continue
            subject, pred = slow(line.decode("utf-8") + "\n", subject, pred, append)
        self.subject, self.pred = subject, pred
        return b"".join(parts)

    def last_line(self, line: bytes) -> bytes:
        """The JSON of a last line that has no \\n (read the slow way, as the reference does)."""
        parts: list[bytes] = []
        self.subject, self.pred = self.slow(
            line.decode("utf-8"), self.subject, self.pred, parts.append
        )
        return b"".join(parts)

    def compact_folder(self, folder: str) -> str:
        found = self.folders.get(folder)
        if found is None:
            found = self.folders[folder] = _compact(folder + "x", self.namespaces)[:-1]
        return found

    def short(self, iri: str) -> str:
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        if 0 < cut < len(iri):
            return self.compact_folder(iri[:cut]) + iri[cut:]
        return _compact(iri, self.namespaces)

    def open_id(self, folder: str) -> bytes:
        """'{"@id": "compact-folder/' (still open) for an IRI in this folder."""
        found = folder if folder.startswith("_:") else self.compact_folder(folder)
        return b'{"@id": ' + _json(found)[:-1]

    def node_start(self, subject: bytes) -> bytes:
        """'}]},\\n{"@id": "compact"' for '<subject'."""
        cut = subject.rfind(b"/") + 1
        name = subject[cut:]
        if name.translate(None, b"-.").isalnum():  # '1.2', 'so-y-te': JSON as they are
            head = self.starts.get(subject[:cut])
            if head is None:
                folder = subject[1:cut].decode("utf-8")
                head = self.starts[subject[:cut]] = b"}]},\n" + self.open_id(folder)
            return head + name + b'"'
        iri = subject[1:].decode("utf-8")
        return b'}]},\n{"@id": ' + _json(iri if iri.startswith("_:") else self.short(iri))

    def key_of(self, predicate: bytes) -> bytes:
        key = self.keys[predicate] = b"}], " + _json(self.short(predicate.decode("utf-8"))) + b": ["
        if self.owners.setdefault(key, predicate) != predicate:
            raise _Unordered
        return key

    def link(self, prefix: bytes) -> tuple[bytes, bytes, bytes] | None:
        """'predicate> <folder/' → (predicate, key and open value, separator and open value)."""
        end = prefix.find(b"> ")
        if end < 0 or not prefix.startswith(b"<", end + 2) or b" " in prefix[end + 3 :]:
            return None
        predicate, value = prefix[:end], self.open_id(prefix[end + 3 :].decode("utf-8"))
        key = self.keys.get(predicate) or self.key_of(predicate)
        found = self.links[prefix] = (predicate, key + value, b"}, " + value)
        return found

    def literal_head(self, tail: bytes) -> bytes | None:
        """'{"@language": "vi", "@value": ' for the tail '@vi .' of a literal (None: not read)."""
        if not tail.endswith(b" .") or b'"' in tail:
            return None
        suffix = tail[:-2].decode("utf-8")
        if not suffix or suffix == f"^^<{_XSD_STRING}>":
            head = b'{"@value": '
        elif suffix.startswith("@"):
            head = b'{"@language": ' + _json(suffix[1:]) + b', "@value": '
        elif suffix.startswith("^^<") and suffix.endswith(">"):
            head = b'{"@type": ' + _json(self.short(suffix[3:-1])) + b', "@value": '
        else:
            return None
        self.tails[tail] = head
        return head

    def parse(self, rest: bytes) -> tuple[bytes, bytes, bytes] | None:
        """The text after '<subject> <', in the form ``_split_line`` reads as text, else None."""
        cut = rest.rfind(b"/") + 1
        name = rest[cut:-3]
        if rest.endswith(b"> .") and name.translate(None, b"-.").isalnum():
            found = self.links.get(rest[:cut]) or self.link(rest[:cut])
            if found is not None:  # an IRI whose name is JSON as it is
                name += b'"'
                p, keyed, more = found
                found = self.rests[rest] = (p, keyed + name, more + name)
                return found
        end = rest.find(b"> ")
        if end < 0:
            return None
        obj = rest[end + 2 :]
        if obj.startswith(b'"'):
            close = obj.find(b'"', 1)
            tail = obj[close + 1 :]
            head = self.tails.get(tail) or self.literal_head(tail) if close > 0 else None
            text = obj[: close + 1]
            if (
                head is None
                or (b"\\" in text and not _SAME_IN_JSON.fullmatch(text, 1, len(text) - 1))
                or len(text.translate(None, _CONTROL)) != len(text)
            ):
                return None
            value = head + text
        elif obj.startswith(b"<") and obj.endswith(b"> .") and b" " not in obj[:-2]:
            iri = obj[1:-3].decode("utf-8")
            value = b'{"@id": ' + _json(iri if iri.startswith("_:") else self.short(iri))
        else:
            return None
        rest.decode("utf-8")  # the reference decodes each line: invalid UTF-8 fails alike
        predicate = rest[:end]
        key = self.keys.get(predicate) or self.key_of(predicate)
        found = self.rests[rest] = (predicate, key + value, b"}, " + value)
        return found

    def slow(
        self, text: str, subject: bytes | None, pred: bytes, append: Callable[[bytes], None]
    ) -> tuple[bytes | None, bytes]:
        """One line as the reference reads it; returns the new subject and predicate."""
        triple = _split_line(text)
        if triple is None:
            return subject, pred
        s, p, o = triple
        if "@id" in o:
            o = {"@id": self.short(o["@id"])} if not o["@id"].startswith("_:") else o
        elif "@type" in o:
            o["@type"] = self.short(o["@type"])
        predicate = p.encode("utf-8")
        key = self.keys.get(predicate) or self.key_of(predicate)
        if b"<" + s.encode("utf-8") != subject:
            subject = b"<" + s.encode("utf-8")
            append(b'}]},\n{"@id": ' + _json(s if s.startswith("_:") else self.short(s)))
            append(key[2:])
        elif predicate == pred:
            append(b"}, ")
        elif predicate > pred:
            append(key)
        else:
            raise _Unordered
        append(json.dumps(o, ensure_ascii=False)[:-1].encode("utf-8"))
        return subject, predicate


def _write_jsonld_reference(nt_path: Path, target: Path, context: dict) -> None:
    """The per-line writer, json.dumps per node: the fast one's fallback and its test oracle."""
    prefixes = _namespaces(context)
    compacted: dict[str, str] = {}

    def short(iri: str) -> str:
        found = compacted.get(iri)
        if found is None:
            found = compacted[iri] = _compact(iri, prefixes)
        return found

    with target.open("w", encoding="utf-8", newline="\n") as out, nt_path.open("rb") as lines:
        out.write(_header(context))
        subject: str | None = None
        node: dict = {}
        first = True
        for raw in lines:
            triple = _split_line(raw.decode("utf-8"))
            if triple is None:
                continue
            s, p, o = triple
            if s != subject:
                if node:
                    out.write(("" if first else ",\n") + json.dumps(node, ensure_ascii=False))
                    first = False
                subject = s
                node = {"@id": s if s.startswith("_:") else short(s)}
            if "@id" in o:
                o = {"@id": short(o["@id"])} if not o["@id"].startswith("_:") else o
            elif "@type" in o:
                o["@type"] = short(o["@type"])
            node.setdefault(short(p), []).append(o)
        if node:
            out.write(("" if first else ",\n") + json.dumps(node, ensure_ascii=False))
        out.write("\n]}\n")


def _split_line(line: str) -> tuple[str, str, dict] | None:
    """Subject, predicate and JSON-LD value object of one N-Triples line (None: no triple)."""
    if line.startswith("<") and ("> <" in line) and line.endswith(" .\n"):
        s_end = line.index("> <")
        p_end = line.index("> ", s_end + 3)
        subject, predicate, obj = line[1:s_end], line[s_end + 3 : p_end], line[p_end + 2 : -3]
        if obj.startswith("<") and obj.endswith(">") and " " not in obj:
            return subject, predicate, {"@id": obj[1:-1]}
        if obj.startswith('"'):
            close = obj.rindex('"')
            value, suffix = unescape(obj[1:close]), obj[close + 1 :]
            if not suffix:
                return subject, predicate, {"@value": value}
            if suffix.startswith("@"):
                return subject, predicate, {"@language": suffix[1:], "@value": value}
            if suffix.startswith("^^<") and suffix.endswith(">"):
                datatype = suffix[3:-1]
                if datatype == _XSD_STRING:
                    return subject, predicate, {"@value": value}
                return subject, predicate, {"@type": datatype, "@value": value}
    if not line.strip() or line.lstrip().startswith("#"):
        return None
    quad = next(iter(ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)))
    return _from_quad(quad)


def _from_quad(quad: ox.Quad) -> tuple[str, str, dict]:
    obj = quad.object
    if isinstance(obj, ox.Literal):
        if obj.language:
            value = {"@language": obj.language, "@value": obj.value}
        elif obj.datatype.value != _XSD_STRING:
            value = {"@type": obj.datatype.value, "@value": obj.value}
        else:
            value = {"@value": obj.value}
    else:
        value = {"@id": _node_text(obj)}
    return _node_text(quad.subject), quad.predicate.value, value


def _node_text(term: ox.NamedNode | ox.BlankNode | ox.Triple) -> str:
    """An IRI, or a blank node as _:name (N-Triples holds no quoted triple: pyoxigraph refuses
    one in N-Triples, so the last case is never met)."""
    if isinstance(term, ox.Triple):
        raise TypeError(f"a quoted triple in N-Triples: {term}")
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value
