"""The SPARQL query library (``queries/*.rq``): headers, parameters, and safe binding.

Each library file opens with a comment block::

    # Title: Partner load per agency
    # Question: For how many tasks, and for how many lead agencies, is each unit a partner?
    #   (continuation lines start with "#" and at least two spaces)
    # Parameters:
    #   ?minTasks (integer, default: 1) Only partners of at least this many tasks.
    #   ?agency (IRI, optional) Only this agency.

Parameter values become RDF terms (an IRI, a typed literal) and are bound to the query's
variables, never spliced into its text as they were typed: rdflib gets them as
``initBindings``; other engines get a ``VALUES`` block built here from the terms by a strict
serializer, inserted at the start of the query's WHERE group.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from build_graph.errors import SdgkgError
from build_graph.graph.prefixes import PREFIXES
from build_graph.graph.search import fold
from build_graph.resources import resource_dir

Term = URIRef | Literal
TYPES = ("IRI", "string", "text", "integer", "decimal", "boolean", "date")
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_PARAM_LINE = re.compile(
    rf"^\?(?P<name>{_NAME})\s+\((?P<type>\w+)"
    r"(?:,\s*(?:default:\s*(?P<default>[^)]*?)|(?P<optional>optional)))?\)\s*(?P<doc>.*)$"
)
_PREFIX = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>\s]*)>", re.IGNORECASE)
# IRIREF of SPARQL 1.1: no spaces, controls, or any of <>"{}|^`\ ; a scheme is required.
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*$")
_LOCAL = re.compile(r"^[A-Za-z0-9_\-.~%/]*$")
# PN_LOCAL_ESC of Turtle and SPARQL: a compact IRI copied from graph.ttl reads agency:a\/b.
_LOCAL_ESCAPE = re.compile(r"\\([_~.\-!$&'()*+,;=/?#@%])")
_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_BOOLEANS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}
_ECHAR = str.maketrans(
    {
        "\\": "\\\\",
        '"': '\\"',
        "'": "\\'",
        "\n": "\\n",
        "\r": "\\r",
        "\t": "\\t",
        "\b": "\\b",
        "\f": "\\f",
    }
)


@dataclass(frozen=True)
class Parameter:
    """One declared parameter: a variable, the type of its values, and its default."""

    name: str
    type: str
    default: str | None = None
    optional: bool = False
    doc: str = ""


@dataclass(frozen=True)
class LibraryQuery:
    """A query file with its header; ``name`` is the file name without ``.rq``."""

    name: str
    path: Path
    text: str
    title: str
    question: str
    parameters: tuple[Parameter, ...] = ()
    declared: bool = True  # False for a file without a "Parameters:" header
    prefixes: dict[str, str] = field(default_factory=dict)

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


def library_dir() -> Path:
    return resource_dir("queries")


def library() -> dict[str, LibraryQuery]:
    """Every query of ``queries/`` (not its subfolders), by name."""
    return {path.stem: read_query(path) for path in sorted(library_dir().glob("*.rq"))}


def find_query(name_or_file: str) -> LibraryQuery:
    """A library query by name (``partner-load``), or any ``.rq`` file by path."""
    path = Path(name_or_file)
    if path.suffix == ".rq" and path.is_file():
        return read_query(path)
    candidate = library_dir() / f"{path.name.removesuffix('.rq')}.rq"
    if "/" not in name_or_file and candidate.is_file():
        return read_query(candidate)
    if path.is_file():
        return read_query(path)
    raise SdgkgError(
        f"{name_or_file}: no such query file nor library query (sdgkg query --list shows them)"
    )


def read_query(path: Path) -> LibraryQuery:
    """Read a query file and its header comment block."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SdgkgError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    if not text.strip():
        raise SdgkgError(f"{path}: empty query file")
    title, question, parameters, declared = parse_header(text, path)
    return LibraryQuery(
        name=path.stem,
        path=path,
        text=text,
        title=title or path.stem,
        question=question,
        parameters=parameters,
        declared=declared,
        prefixes=query_prefixes(text),
    )


def parse_header(text: str, path: Path) -> tuple[str, str, tuple[Parameter, ...], bool]:
    """Title, question and parameters of the leading comment block (all optional)."""
    fields: dict[str, list[str]] = {}
    current: str | None = None
    for line_number, raw in enumerate(text.splitlines(), start=1):
        if not raw.startswith("#"):
            break
        body = raw[1:]
        key = re.match(r"^\s?(Title|Question|Parameters)\s*:\s*(.*)$", body)
        if key:
            current = key.group(1).lower()
            fields[current] = [key.group(2).strip()] if key.group(2).strip() else []
        elif current and body.startswith("  ") and body.strip():
            fields[current].append(f"{line_number}\t{body.strip()}")
        elif not body.strip():
            continue
        else:
            current = None
    title = " ".join(_texts(fields.get("title", [])))
    question = " ".join(_texts(fields.get("question", [])))
    declared = "parameters" in fields
    parameters: list[Parameter] = []
    for entry in fields.get("parameters", []):
        number, _, line = entry.partition("\t") if "\t" in entry else ("", "", entry)
        if line.lower() == "none":
            continue
        if not line.startswith("?"):
            if parameters:  # the description of the previous parameter goes on
                last = parameters[-1]
                parameters[-1] = Parameter(
                    last.name, last.type, last.default, last.optional, f"{last.doc} {line}"
                )
                continue
            raise SdgkgError(f"{path}:{number or 1}: a parameter line starts with ?name")
        match = _PARAM_LINE.match(line)
        if not match or match.group("type") not in TYPES:
            raise SdgkgError(
                f"{path}:{number}: parameter line is not '?name (TYPE[, default: V | , optional]) "
                f"text' with TYPE one of {', '.join(TYPES)}"
            )
        parameters.append(
            Parameter(
                name=match.group("name"),
                type=match.group("type"),
                default=match.group("default"),
                optional=bool(match.group("optional")),
                doc=match.group("doc").strip(),
            )
        )
    names = [p.name for p in parameters]
    if len(set(names)) != len(names):
        raise SdgkgError(f"{path}: a parameter is declared twice")
    return title, question, tuple(parameters), declared


def _texts(entries: list[str]) -> list[str]:
    return [e.partition("\t")[2] if "\t" in e else e for e in entries]


def query_prefixes(text: str) -> dict[str, str]:
    """The PREFIX declarations of a query, used to read prefixed parameter values."""
    return {prefix or "": iri for prefix, iri in _PREFIX.findall(text)}


# -- values ----------------------------------------------------------------------------------
def to_term(value: str, kind: str, prefixes: Mapping[str, str], where: str) -> Term:
    """Read a parameter value typed by the user as an RDF term of the declared type."""
    if kind == "IRI":
        return parse_iri(value, prefixes, where)
    if kind == "string":
        return Literal(value)
    if kind == "text":  # matched against a folded text (sdgkg:searchText): fold it alike
        return Literal(fold(value))
    if kind == "integer":
        if not re.fullmatch(r"[+-]?[0-9]+", value.strip()):
            raise SdgkgError(f"{where}: {value!r} is not an integer")
        return Literal(value.strip(), datatype=XSD.integer)
    if kind == "decimal":
        if not re.fullmatch(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)", value.strip()):
            raise SdgkgError(f"{where}: {value!r} is not a decimal number")
        return Literal(value.strip(), datatype=XSD.decimal)
    if kind == "boolean":
        if value.strip().lower() not in _BOOLEANS:
            raise SdgkgError(f"{where}: {value!r} is not a boolean (true or false)")
        return Literal(_BOOLEANS[value.strip().lower()])
    if kind == "date":
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
            raise SdgkgError(f"{where}: {value!r} is not a date (YYYY-MM-DD)")
        return Literal(value.strip(), datatype=XSD.date)
    raise SdgkgError(f"{where}: unknown parameter type {kind!r}")


def parse_iri(value: str, prefixes: Mapping[str, str], where: str) -> URIRef:
    """``<iri>``, an absolute IRI, or ``prefix:local`` with a prefix the query declares or one
    of the project's prefix map (``prefixes.py``): ``agency:hai-phong/so-y-te`` as JSON-LD
    writes it, or ``agency:hai-phong\\/so-y-te`` as Turtle does."""
    text = value.strip()
    known = {**PREFIXES, **prefixes}
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    else:
        prefix, colon, local = text.partition(":")
        if colon and prefix in known and not local.startswith("//"):
            local = _LOCAL_ESCAPE.sub(r"\1", local)
            if not _LOCAL.match(local):
                raise SdgkgError(f"{where}: {value!r} is not a valid prefixed name")
            text = known[prefix] + local
    if not _IRI.match(text):
        raise SdgkgError(
            f"{where}: {value!r} is not an absolute IRI (spaces, quotes, braces and <> are "
            "not allowed; give <https://…> or a prefixed name such as agency:hai-phong/so-y-te)"
        )
    return URIRef(text)


def guess_term(value: str, prefixes: Mapping[str, str], where: str) -> Term:
    """The type of a value given to a query that declares no parameters."""
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        return parse_iri(text, prefixes, where)
    prefix, colon, _ = text.partition(":")
    known = prefix in prefixes or prefix in PREFIXES
    if colon and (known or "://" in text or prefix in ("urn", "mailto")):
        return parse_iri(text, prefixes, where)
    if re.fullmatch(r"[+-]?[0-9]+", text):
        return Literal(text, datatype=XSD.integer)
    return Literal(value)


def bind(query: LibraryQuery, assignments: Iterable[str]) -> dict[str, Term]:
    """Parameter values (``name=value``) plus defaults, as RDF terms keyed by variable name."""
    where = str(query.path)
    given: dict[str, str] = {}
    for assignment in assignments:
        name, equals, value = assignment.partition("=")
        name = name.strip().lstrip("?$")
        if not equals or not re.fullmatch(_NAME, name):
            raise SdgkgError(f"{where}: --param {assignment!r} is not NAME=VALUE")
        if name in given:
            raise SdgkgError(f"{where}: --param {name} given twice")
        given[name] = value
    bindings: dict[str, Term] = {}
    if query.declared:
        known = {p.name for p in query.parameters}
        unknown = sorted(set(given) - known)
        if unknown:
            offered = ", ".join(sorted(known)) or "none"
            raise SdgkgError(
                f"{where}: no parameter {', '.join(unknown)} (its parameters: {offered})"
            )
        for param in query.parameters:
            chosen = given.get(param.name, param.default)
            if chosen is None:
                if not param.optional:
                    raise SdgkgError(f"{where}: parameter {param.name} needs a value")
                continue
            bindings[param.name] = to_term(
                chosen, param.type, query.prefixes, f"{where}: parameter {param.name}"
            )
    else:
        for name, value in given.items():
            bindings[name] = guess_term(value, query.prefixes, f"{where}: parameter {name}")
    for name in bindings:
        if not re.search(rf"[?$]{name}\b", query.text):
            raise SdgkgError(f"{where}: the query has no variable ?{name}")
    return bindings


# -- VALUES ----------------------------------------------------------------------------------
def sparql_term(term: Term) -> str:
    """One RDF term in SPARQL syntax, escaped so that it can only ever be that term."""
    if isinstance(term, URIRef):
        if not _IRI.match(str(term)):
            raise SdgkgError(f"{str(term)!r} is not an IRI that SPARQL can carry")
        return f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_ECHAR)}"'
        if term.language:
            if not _LANG.match(term.language):
                raise SdgkgError(f"{term.language!r} is not a language tag")
            return f"{text}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{text}^^{sparql_term(URIRef(term.datatype))}"
        return text
    if isinstance(term, BNode):
        raise SdgkgError("a blank node cannot be a parameter value")
    raise SdgkgError(f"{term!r} is not an RDF term")


def values_block(bindings: Mapping[str, Term]) -> str:
    names = list(bindings)
    for name in names:
        if not re.fullmatch(_NAME, name):
            raise SdgkgError(f"{name!r} is not a variable name")
    variables = " ".join(f"?{name}" for name in names)
    row = " ".join(sparql_term(bindings[name]) for name in names)
    return f"VALUES ({variables}) {{ ({row}) }}"


def insert_values(text: str, bindings: Mapping[str, Term]) -> str:
    """The query with a VALUES block of the bindings at the start of its WHERE groups.

    The main WHERE group and the WHERE group of each sub-select that names a parameter get a
    block of the parameters it names, so that a parameter is bound wherever the query uses it,
    as rdflib's ``initBindings`` bind it.
    """
    if not bindings:
        return text
    positions = where_group_starts(text)
    if not positions:
        raise SdgkgError("the query has no WHERE group to bind parameters in")
    parts: list[str] = []
    last = 0
    for number, position in enumerate(positions):
        end = group_end(text, position)
        names = [n for n in bindings if re.search(rf"[?$]{n}\b", text[position:end])]
        if number == 0:
            names = list(bindings)  # the main group binds them all
        if not names:
            continue
        block = f"\n  {values_block({n: bindings[n] for n in names})}\n"
        parts.extend((text[last:position], block))
        last = position
    parts.append(text[last:])
    return "".join(parts)


def group_end(text: str, start: int) -> int:
    """Offset of the ``}`` that closes the group opened just before ``start``."""
    depth, i, n = 1, start, len(text)
    while i < n:
        char = text[i]
        if char == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if char in "\"'":
            i = _skip_string(text, i)
            continue
        if char == "<":
            match = _IRI_AT.match(text, i)
            i = match.end() if match else i + 1
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return n


_IRI_AT = re.compile(r"<[^\x00-\x20<>\"{}|^`\\]*>")
_WORD = re.compile(r"[A-Za-z0-9_:.\-\u00b7\u00c0-\uffff]+")
_VARIABLE = re.compile(r"[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]*")


def where_group_starts(text: str) -> list[int]:
    """Offsets just after each ``{`` that opens a WHERE group (the query's or a sub-select's).

    A small scanner: it skips comments, strings, IRIs and variables, so that a ``{`` or a
    ``WHERE`` inside them is never taken for syntax. A main group written without the WHERE
    keyword (``ASK { … }``) counts too, except in CONSTRUCT, whose first group is the template.
    """
    i, n = 0, len(text)
    construct = after_where = False
    first_brace: int | None = None
    positions: list[int] = []
    while i < n:
        char = text[i]
        if char == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif char.isspace():
            i += 1
        elif char in "\"'":
            i = _skip_string(text, i)
            after_where = False
        elif char == "<":
            match = _IRI_AT.match(text, i)
            i = match.end() if match else i + 1
            after_where = False
        elif char in "?$":
            match = _VARIABLE.match(text, i)
            i = match.end() if match else i + 1
            after_where = False
        elif char == "{":
            if first_brace is None:
                first_brace = i + 1
            if after_where:
                positions.append(i + 1)
            after_where = False
            i += 1
        elif _WORD.match(text, i):
            match = _WORD.match(text, i)
            assert match is not None
            word = match.group().upper()
            construct = construct or word == "CONSTRUCT"
            after_where = word == "WHERE"
            i = match.end()
        else:
            after_where = False
            i += 1
    main_without_where = first_brace is not None and first_brace not in positions
    if main_without_where and not construct:
        positions.insert(0, first_brace)  # type: ignore[arg-type]
    return positions


def _skip_string(text: str, i: int) -> int:
    quote = text[i]
    long = text.startswith(quote * 3, i)
    delimiter = quote * 3 if long else quote
    j = i + len(delimiter)
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text.startswith(delimiter, j):
            return j + len(delimiter)
        if not long and text[j] == "\n":
            return j
        j += 1
    return j
