"""A query's syntax errors as one line with their place, the same on every engine.

pyoxigraph reports "error at 3:16: expected one of LANGDIR, MINUTES, NOT, …" (a missing PREFIX
is a screenful of character classes); rdflib's parser "Expected SelectQuery, found 'FILTER'
(at char 35), (line:3, col:3)", and an undeclared prefix only later, without a place. Both
become ``FILE: not a SPARQL 1.1 query: line L, column C: reason``, and an undeclared prefix
names itself and the PREFIX line that declares it, when the project's prefix map has it.
"""

from __future__ import annotations

import re

from build_graph.graph.prefixes import PREFIXES

_OXIGRAPH = re.compile(r"^error at (\d+):(\d+): (.*)$", re.S)
_PNAME = re.compile(r"(?<![\w<?$])([A-Za-z][\w.\-]*)?:(?:[\w\-.%/\\]*)$")
_ALTERNATIVES = 6  # an "expected one of" list is cut after this many


def headline(where: str, line: int, column: int, reason: str) -> str:
    return f"{where}: not a SPARQL 1.1 query: line {line}, column {column}: {reason}"


def offset_of(text: str, line: int, column: int) -> int:
    """Character offset of a 1-based line and column (columns count characters)."""
    lines = text.split("\n")
    line = max(1, min(line, len(lines)))
    return sum(len(each) + 1 for each in lines[: line - 1]) + max(0, column - 1)


def place_of(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def undeclared_prefix(prefix: str) -> str:
    namespace = PREFIXES.get(prefix)
    hint = f" (add PREFIX {prefix}: <{namespace}>)" if namespace else ""
    return f"the prefix {prefix}: is not declared{hint}"


def oxigraph_message(message: str, text: str, where: str) -> str:
    """One line for pyoxigraph's SyntaxError message on ``text``."""
    found = _OXIGRAPH.match(message.strip())
    if not found:
        return f"{where}: not a SPARQL 1.1 query: {' '.join(message.split())[:200]}"
    line, column, reason = int(found[1]), int(found[2]), " ".join(found[3].split())
    offset = offset_of(text, line, column)
    if "Prefix not found" in reason:
        name = _PNAME.search(text[:offset])
        if name:
            line, column = place_of(text, name.start())
            return headline(where, line, column, undeclared_prefix(name[1] or ""))
    if reason.startswith("expected one of "):
        options = reason.removeprefix("expected one of ").split(", ")
        shown = ", ".join(options[:_ALTERNATIVES])
        reason = f"expected one of {shown}{', …' if len(options) > _ALTERNATIVES else ''}"
    return headline(where, line, column, reason + _found(text, offset))


def _found(text: str, offset: int) -> str:
    rest = text[offset:].split()
    return f", found {rest[0][:30]!r}" if rest else ", found the end of the query"


def rdflib_parse_message(error: Exception, text: str, where: str) -> str:
    """One line for a pyparsing ParseException of rdflib's SPARQL parser."""
    line, column = getattr(error, "lineno", None), getattr(error, "col", None)
    reason = str(getattr(error, "msg", "") or error).splitlines()[0]
    if line is None or column is None:
        return f"{where}: not a SPARQL 1.1 query: {reason}"
    offset = offset_of(text, line, column)
    return headline(where, line, column, reason[:1].lower() + reason[1:] + _found(text, offset))


_UNKNOWN_PREFIX = re.compile(r"Unknown namespace prefix\s*:\s*(\S*)")


def rdflib_prefix_message(error: Exception, text: str, where: str) -> str | None:
    """rdflib's "Unknown namespace prefix : skos", placed at the first use of ``skos:``."""
    found = _UNKNOWN_PREFIX.search(str(error))
    if not found:
        return None
    prefix = found[1]
    use = re.search(rf"(?<![\w<?$:]){re.escape(prefix)}:(?!//)", _blank_strings(text))
    if use is None:
        return f"{where}: not a SPARQL 1.1 query: {undeclared_prefix(prefix)}"
    line, column = place_of(text, use.start())
    return headline(where, line, column, undeclared_prefix(prefix))


def _blank_strings(text: str) -> str:
    """The text with comments, IRIs and strings blanked out (same length), so that a search
    finds only what is syntax."""
    pattern = re.compile(r"#[^\n]*|<[^<>\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'")
    return pattern.sub(lambda m: " " * len(m.group()), text)
