"""graph.jsonld: JSON-LD with the published context, streamed from sorted N-Triples.

Compact keys and "@id" values (the context's prefixes, no term definitions), one node object
per line; the fast writer works on bytes, with the old per-line writer as its reference.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from pathlib import Path

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
    namespaces = _namespaces(context)
    # Namespaces end in / or #, so an IRI compacts as its folder (up to the last / or #) does.
    folders: dict[str, str] = {}
    starts: dict[bytes, bytes] = {}  # subject folder → '}]},\n{"@id": "compact-folder/'
    keys: dict[bytes, bytes] = {}  # predicate → '}], "compact": ['
    owners: dict[bytes, bytes] = {}  # '}], "compact": [' → the predicate it came from
    tails: dict[bytes, bytes] = {}  # '@vi .' → '{"@language": "vi", "@value": '
    # 'predicate> object .' → (predicate, key and value, separator and value), the value open
    # (its '}' comes with what follows): the national graph's 2.7 M lines have 0.3 M of them.
    rests: dict[bytes, tuple[bytes, bytes, bytes]] = {}
    links: dict[bytes, tuple[bytes, bytes, bytes]] = {}  # the same for 'predicate> <folder/'
    same_in_json = _SAME_IN_JSON.fullmatch

    def compact_folder(folder: str) -> str:
        found = folders.get(folder)
        if found is None:
            found = folders[folder] = _compact(folder + "x", namespaces)[:-1]
        return found

    def short(iri: str) -> str:
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        if 0 < cut < len(iri):
            return compact_folder(iri[:cut]) + iri[cut:]
        return _compact(iri, namespaces)

    def open_id(folder: str) -> bytes:
        """'{"@id": "compact-folder/' (still open) for an IRI in this folder."""
        found = folder if folder.startswith("_:") else compact_folder(folder)
        return b'{"@id": ' + _json(found)[:-1]

    def node_start(subject: bytes) -> bytes:
        """'}]},\n{"@id": "compact"' for '<subject'."""
        cut = subject.rfind(b"/") + 1
        name = subject[cut:]
        if name.translate(None, b"-.").isalnum():  # '1.2', 'so-y-te': JSON as they are
            head = starts.get(subject[:cut])
            if head is None:
                head = starts[subject[:cut]] = b"}]},\n" + open_id(subject[1:cut].decode("utf-8"))
            return head + name + b'"'
        iri = subject[1:].decode("utf-8")
        return b'}]},\n{"@id": ' + _json(iri if iri.startswith("_:") else short(iri))

    def key_of(predicate: bytes) -> bytes:
        key = keys[predicate] = b"}], " + _json(short(predicate.decode("utf-8"))) + b": ["
        if owners.setdefault(key, predicate) != predicate:
            raise _Unordered
        return key

    def link(prefix: bytes) -> tuple[bytes, bytes, bytes] | None:
        """'predicate> <folder/' → (predicate, key and open value, separator and open value)."""
        end = prefix.find(b"> ")
        if end < 0 or not prefix.startswith(b"<", end + 2) or b" " in prefix[end + 3 :]:
            return None
        predicate, value = prefix[:end], open_id(prefix[end + 3 :].decode("utf-8"))
        found = (predicate, (keys.get(predicate) or key_of(predicate)) + value, b"}, " + value)
        links[prefix] = found
        return found

    def literal_head(tail: bytes) -> bytes | None:
        if not tail.endswith(b" .") or b'"' in tail:
            return None
        suffix = tail[:-2].decode("utf-8")
        if not suffix or suffix == f"^^<{_XSD_STRING}>":
            head = b'{"@value": '
        elif suffix.startswith("@"):
            head = b'{"@language": ' + _json(suffix[1:]) + b', "@value": '
        elif suffix.startswith("^^<") and suffix.endswith(">"):
            head = b'{"@type": ' + _json(short(suffix[3:-1])) + b', "@value": '
        else:
            return None
        tails[tail] = head
        return head

    def parse(rest: bytes) -> tuple[bytes, bytes, bytes] | None:
        """The text after '<subject> <', in the form ``_split_line`` reads as text, else None."""
        cut = rest.rfind(b"/") + 1
        name = rest[cut:-3]
        if rest.endswith(b"> .") and name.translate(None, b"-.").isalnum():
            found = links.get(rest[:cut]) or link(rest[:cut])
            if found is not None:  # an IRI whose name is JSON as it is
                name += b'"'
                p, keyed, more = found
                found = rests[rest] = (p, keyed + name, more + name)
                return found
        end = rest.find(b"> ")
        if end < 0:
            return None
        obj = rest[end + 2 :]
        if obj.startswith(b'"'):
            close = obj.find(b'"', 1)
            tail = obj[close + 1 :]
            head = tails.get(tail) or literal_head(tail) if close > 0 else None
            text = obj[: close + 1]
            if (
                head is None
                or (b"\\" in text and not same_in_json(text, 1, len(text) - 1))
                or len(text.translate(None, _CONTROL)) != len(text)
            ):
                return None
            value = head + text
        elif obj.startswith(b"<") and obj.endswith(b"> .") and b" " not in obj[:-2]:
            iri = obj[1:-3].decode("utf-8")
            value = b'{"@id": ' + _json(iri if iri.startswith("_:") else short(iri))
        else:
            return None
        rest.decode("utf-8")  # the reference decodes each line: invalid UTF-8 fails alike
        predicate = rest[:end]
        key = keys.get(predicate) or key_of(predicate)
        found = rests[rest] = (predicate, key + value, b"}, " + value)
        return found

    def slow(
        text: str, subject: bytes | None, pred: bytes, append: Callable[[bytes], None]
    ) -> tuple[bytes | None, bytes]:
        """One line as the reference reads it; returns the new subject and predicate."""
        triple = _split_line(text)
        if triple is None:
            return subject, pred
        s, p, o = triple
        if "@id" in o:
            o = {"@id": short(o["@id"])} if not o["@id"].startswith("_:") else o
        elif "@type" in o:
            o["@type"] = short(o["@type"])
        predicate = p.encode("utf-8")
        key = keys.get(predicate) or key_of(predicate)
        if b"<" + s.encode("utf-8") != subject:
            subject = b"<" + s.encode("utf-8")
            append(b'}]},\n{"@id": ' + _json(s if s.startswith("_:") else short(s)))
            append(key[2:])
        elif predicate == pred:
            append(b"}, ")
        elif predicate > pred:
            append(key)
        else:
            raise _Unordered
        append(json.dumps(o, ensure_ascii=False)[:-1].encode("utf-8"))
        return subject, predicate

    subject: bytes | None = None  # '<subject' as written (or, read the slow way, decoded)
    pred = b""
    started = False
    get = rests.get
    with target.open("wb") as out, nt_path.open("rb") as source:
        out.write(_header(context).encode("utf-8"))
        carry = b""  # a line's start, read with the block before
        while block := source.read(_BLOCK):
            chunk = carry + block
            cut = chunk.rfind(b"\n")
            if cut < 0:
                carry = chunk
                continue
            chunk, carry = chunk[:cut], chunk[cut + 1 :]
            if len(rests) > _MEMO:
                for memo in (rests, links, starts, folders):
                    memo.clear()
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
            if parts:
                text = b"".join(parts)
                out.write(text if started else text[5:])
                started = True
        if carry:  # a last line without its \n
            parts = []
            subject, pred = slow(carry.decode("utf-8"), subject, pred, parts.append)
            if parts:
                text = b"".join(parts)
                out.write(text if started else text[5:])
                started = True
        out.write(b"}]}\n]}\n" if started else b"\n]}\n")


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
    def node(term: object) -> str:
        return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value  # type: ignore[attr-defined]

    obj = quad.object
    if isinstance(obj, ox.Literal):
        if obj.language:
            value = {"@language": obj.language, "@value": obj.value}
        elif obj.datatype.value != _XSD_STRING:
            value = {"@type": obj.datatype.value, "@value": obj.value}
        else:
            value = {"@value": obj.value}
    else:
        value = {"@id": node(obj)}
    return node(quad.subject), quad.predicate.value, value
