"""The knowledge graph, read through SPARQL into the plain rows the network analyses need.

The queries are ``queries/network/*.rq`` and run on pyoxigraph: rdflib's SPARQL engine costs
about 0.3 ms per result row, which 63 plans (~3 M triples) would turn into minutes. Every query
returns the rows of all plans at once, with the plan as a column, so that the number of queries
does not grow with the number of plans.
"""

from __future__ import annotations

import re
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from build_graph.errors import InputError
from build_graph.graph.stores import FORMATS
from build_graph.model.sdg import un_targets
from build_graph.resources import resource_dir

_INTEGER_TYPES = {
    "http://www.w3.org/2001/XMLSchema#" + name
    for name in ("integer", "positiveInteger", "nonNegativeInteger", "int", "long", "gYear")
}
_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_SDGKG = "https://w3id.org/sdgkg/ontology#"
# Predicates whose object the queries always name (a class, a role): other objects are dropped.
OBJECT_FILTERED = frozenset({_RDF_TYPE, f"<{_SDGKG}role>".encode()})
# Predicates the queries read only on subjects of some classes (checked by test_networks).
SUBJECT_TYPED = {
    f"<{_SDGKG}sourceLine>".encode(): (
        f"<{_SDGKG}Task>".encode(),
        f"<{_SDGKG}Assignment>".encode(),
    ),
    b"<http://www.w3.org/ns/prov#wasDerivedFrom>": (f"<{_SDGKG}ActionPlan>".encode(),),
}
_LINE_FORMATS = frozenset({ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS})
QUERIES = (
    "plans",
    "agents",
    "assignments",
    "task-details",
    "task-periods",
    "un-concepts",
    "un-touched",
    "declared-targets",
    "unit-of",
    "compound-partners",
    "concept-texts",
    "today-successions",
    "today-ended",
    "plan-facts",
    "task-sources",
    "source-references",
)


# -- the store ---------------------------------------------------------------------------------
def load_network_store(path: str | Path, needed: frozenset[bytes] | None = None) -> ox.Store:
    """Load an RDF file into an in-memory pyoxigraph store; bad input is one-line ``InputError``.

    With ``needed`` (see :func:`network_terms`), an N-Triples or N-Quads file is loaded without
    the triples whose predicate (or, for ``rdf:type``, whose class) is not in it: at 63 plans
    that leaves out 40 % of the triples (source lines, raw texts, provenance), which the store
    would index for nothing.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if not path.is_file():
        raise InputError(path, "not a file")
    rdf_format = FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        known = ", ".join(sorted(FORMATS))
        raise InputError(path, f"unknown RDF format (the file name should end in {known})")
    store = ox.Store()
    try:
        if needed is not None and rdf_format in _LINE_FORMATS:
            store.load(input=needed_lines(path, needed), format=rdf_format)
        else:
            store.load(path=str(path), format=rdf_format)
    except SyntaxError as exc:
        message = str(exc.msg if hasattr(exc, "msg") else exc).split("\n")[0]
        raise InputError(path, f"not valid {rdf_format.name}: {message}") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(path, f"not valid {rdf_format.name}: {exc}") from None
    if not any(True for _ in store.quads_for_pattern(None, None, None, None)):
        raise InputError(path, "holds no triples")
    return store


def needed_lines(path: Path, needed: frozenset[bytes]) -> bytes:
    """The lines of an N-Triples/N-Quads file that the network queries can match.

    A line is kept when its predicate is in ``needed``; for the predicates of
    :data:`OBJECT_FILTERED` (``rdf:type``, ``sdgkg:role``) only when its object is too; for
    those of :data:`SUBJECT_TYPED` only when its subject has the class the queries read them
    on (a plan's source document, not the provenance of every node). A line not in
    the plain one-space layout ``sdgkg build`` writes (a comment, tabs, a syntax error) is kept,
    so that the parser still sees it.
    """
    kept: list[bytes] = []
    typed: dict[bytes, list[tuple[bytes, bytes]]] = {p: [] for p in SUBJECT_TYPED}
    subjects: dict[bytes, set[bytes]] = {c: set() for cs in SUBJECT_TYPED.values() for c in cs}
    with path.open("rb") as handle:
        for line in handle:
            start = line.find(b" ") + 1
            end = line.find(b" ", start)
            predicate = line[start:end]
            if predicate in needed:
                if predicate in OBJECT_FILTERED:
                    value = line[end + 1 : line.find(b" ", end + 1)]
                    if value in needed:
                        kept.append(line)
                        if value in subjects:
                            subjects[value].add(line[: start - 1])
                elif predicate in typed:
                    typed[predicate].append((line[: start - 1], line))
                else:
                    kept.append(line)
            elif not (start and end > start and predicate[:1] == b"<"):
                kept.append(line)
    for predicate, lines in typed.items():
        wanted = set().union(*(subjects[c] for c in SUBJECT_TYPED[predicate]))
        kept += [line for subject, line in lines if subject in wanted]
    return b"".join(kept)


@cache
def network_terms() -> frozenset[bytes]:
    """Every IRI the network queries name, as N-Triples terms: the predicates and classes a
    store needs for :func:`read_network_data` (the queries use no variable predicate)."""
    text = "\n".join(query_text(name) for name in QUERIES)
    text = "\n".join(
        line.split("#", 1)[0] if line.lstrip().startswith("#") else line
        for line in text.splitlines()
    )
    prefixes = dict(re.findall(r"PREFIX\s+([\w-]*):\s*<([^>]+)>", text))
    iris = set(re.findall(r"<([^>\s]+)>", text))
    for prefix, local in re.findall(r"(?<![\w?$])([\w-]+):([\w-]+)", text):
        if prefix in prefixes:
            iris.add(prefixes[prefix] + local)
    terms = {f"<{iri}>".encode() for iri in iris}
    return frozenset(terms | {_RDF_TYPE})


@cache
def query_text(name: str) -> str:
    """The text of ``queries/network/<name>.rq``."""
    return (resource_dir("queries") / "network" / f"{name}.rq").read_text(encoding="utf-8")


def _python(term: Any) -> Any:
    """An RDF term as a plain value: IRIs as strings, typed literals as int, bool or str."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if term.datatype is not None else ""
        if datatype in _INTEGER_TYPES:
            try:
                return int(term.value)
            except ValueError:
                return term.value
        if datatype == _BOOLEAN:
            return term.value in ("true", "1")
        return term.value
    return term.value


def select(store: ox.Store, name: str) -> list[dict[str, Any]]:
    """Run the named SELECT query over all graphs of the store; one dict per solution.

    A term is converted once (the same agency or plan IRI comes back on thousands of rows)."""
    solutions = store.query(query_text(name), use_default_graph_as_union=True)
    if not isinstance(solutions, ox.QuerySolutions):
        raise TypeError(f"queries/network/{name}.rq is not a SELECT query")
    names = [variable.value for variable in solutions.variables]
    seen: dict[Any, Any] = {None: None}
    rows = []
    for solution in solutions:
        values = []
        for term in solution:
            try:
                value = seen[term]
            except KeyError:
                value = seen[term] = _python(term)
            values.append(value)
        rows.append(dict(zip(names, values, strict=True)))
    return rows


# -- the rows ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Agent:
    """An agency, collective or vague unit, with its kind and its names."""

    iri: str
    identifier: str
    kind: str
    label_en: str
    label_vi: str

    def label(self, lang: str = "en") -> str:
        return (
            (self.label_vi or self.label_en) if lang == "vi" else (self.label_en or self.label_vi)
        )


@dataclass(frozen=True)
class PeriodRow:
    """A span of years (``begin``–``end``) or a named kind of period (``kind``)."""

    iri: str
    begin: int | None
    end: int | None
    kind: str | None

    @property
    def label(self) -> str:
        if self.begin is not None and self.end is not None:
            return str(self.begin) if self.begin == self.end else f"{self.begin}-{self.end}"
        return self.kind or self.iri.rsplit("/", 1)[-1]


@dataclass
class TaskRow:
    """One task: its plan, appendix, lead, partners, target and text."""

    iri: str
    plan: str
    appendix: str
    lead: str
    partners: list[str] = field(default_factory=list)
    inherited: set[str] = field(default_factory=set)
    appendix_number: int = 0
    number: str = ""
    concept: str = ""
    notation: str = ""
    target: str = ""  # the VSDG target (X.Y) IRI, or the goal IRI for goal-level tasks
    target_notation: str = ""
    goal: str = ""
    goal_notation: str = ""
    text: str = ""
    line: int | None = None
    periods: list[PeriodRow] = field(default_factory=list)
    compound_names: dict[str, str] = field(default_factory=dict)  # partner → the phrase

    @property
    def written(self) -> list[str]:
        """The partners printed on the task's own row (not inherited from a merged cell)."""
        return [p for p in self.partners if p not in self.inherited]

    @property
    def task_id(self) -> str:
        """``A06-T1.1.2.1``, as in tables/tasks.csv."""
        return f"A{self.appendix_number:02d}-T{self.number}"


@dataclass(frozen=True)
class Declared:
    """A target an appendix declares, and how the appendix's own tasks serve it."""

    plan: str
    appendix: str
    appendix_number: int
    lead: str
    target: str
    notation: str
    status: str  # direct | covered-by-parent | no-task
    via: tuple[str, ...] = ()  # notations of the broader concepts that hold the tasks


@dataclass(frozen=True)
class UnConcept:
    iri: str
    notation: str
    label: str
    goal: str | None  # the goal's notation for a target; None for a goal
    text: str = ""  # the target's or goal's text (skos:definition)

    @property
    def means_of_implementation(self) -> bool:
        """A UN target on the means of implementation: lettered (1.a, 6.b) or of Goal 17.
        Their levers (finance, trade, technology, aid) are mostly national competences."""
        last = self.notation.rsplit(".", 1)[-1]
        return self.goal is not None and (last.isalpha() or self.goal == "17")


@dataclass(frozen=True)
class ConceptText:
    """A VSDG goal, target or sub-target: its text, and the UN concepts it is mapped to."""

    iri: str
    notation: str
    text_en: str
    text_vi: str
    un: tuple[tuple[str, str], ...] = ()  # (UN notation, UN text)


@dataclass(frozen=True)
class PlanInfo:
    iri: str
    identifier: str
    label: str
    source_title: str


@dataclass
class NetworkData:
    """Everything the analyses read from the graph, keyed by IRI."""

    plans: dict[str, PlanInfo]
    agents: dict[str, Agent]
    tasks: dict[str, TaskRow]
    declared: list[Declared]
    un_concepts: dict[str, UnConcept]
    un_touched: dict[str, dict[str, int]]  # plan → UN concept → tasks
    unit_of: dict[str, str] = field(default_factory=dict)  # unit → the agency it belongs to
    concepts: dict[str, ConceptText] = field(default_factory=dict)  # by notation

    def sector(self, agent: str) -> str:
        """The agency whose sector an agent works in: its department for a department's own
        unit (org:unitOf), else itself. Two agents of one sector oversee or serve each other;
        only agents of different sectors coordinate."""
        return self.unit_of.get(agent, agent)

    def agent(self, iri: str) -> Agent:
        """The agent, or a stand-in for an IRI the graph gives no kind."""
        found = self.agents.get(iri)
        if found is None:
            tail = iri.rstrip("/").rsplit("/", 1)[-1]
            found = self.agents[iri] = Agent(iri, tail, "unresolved", tail, tail)
        return found

    @property
    def leads(self) -> set[str]:
        return {task.lead for task in self.tasks.values()}

    @property
    def several_plans(self) -> bool:
        """Whether the tasks come from more than one plan: then the report adds per-plan and
        cross-plan views, forks its largest view, and shows progress."""
        return len({task.plan for task in self.tasks.values()}) > 1


NETWORK_QUERIES = (
    "assignments",
    "task-details",
    "declared-targets",
    "task-periods",
    "un-touched",
    "agents",
    "plans",
    "un-concepts",
    "unit-of",
    "compound-partners",
    "concept-texts",
)


def select_all(store: ox.Store, names: tuple[str, ...] = NETWORK_QUERIES) -> dict[str, list]:
    """The rows of several queries, two at a time: pyoxigraph evaluates a query without the GIL,
    so a second thread uses the second core while the first converts its rows (the national
    graph's network queries: 4.6 s one by one, 3.4 s so)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(names, pool.map(lambda name: select(store, name), names), strict=True))


def read_network_data(store: ox.Store) -> NetworkData:
    """Run the network queries and assemble their rows."""
    rows_of = select_all(store)
    plans = {
        row["plan"]: PlanInfo(
            row["plan"], row["identifier"] or "", row["label"] or "", row["sourceTitle"] or ""
        )
        for row in rows_of["plans"]
    }
    un_touched: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows_of["un-touched"]:
        un_touched[row["plan"]][row["un"]] = row["tasks"]
    for plan in plans:
        un_touched.setdefault(plan, {})
    return NetworkData(
        plans,
        _agents(rows_of["agents"]),
        _tasks(rows_of),
        _declared(rows_of["declared-targets"]),
        _un_concepts(rows_of["un-concepts"]),
        dict(un_touched),
        {row["unit"]: row["parent"] for row in rows_of["unit-of"]},
        _concepts(rows_of["concept-texts"]),
    )


def _agents(rows: list[dict[str, Any]]) -> dict[str, Agent]:
    """Each agent once (its first row), named by its IRI's tail where it has no name."""
    agents: dict[str, Agent] = {}
    for row in rows:
        iri = row["agent"]
        tail = iri.rstrip("/").rsplit("/", 1)[-1]
        candidate = Agent(
            iri,
            row["identifier"] or tail,
            row["kind"],
            row["labelEn"] or tail,
            row["labelVi"] or "",
        )
        agents.setdefault(iri, candidate)
    return agents


def _tasks(rows_of: dict[str, list[dict[str, Any]]]) -> dict[str, TaskRow]:
    """The tasks from their assignments, then their details, periods and compound partners;
    in IRI order, partners and periods sorted."""
    tasks: dict[str, TaskRow] = {}
    for row in rows_of["assignments"]:
        task = tasks.get(row["task"])
        if task is None:
            task = tasks[row["task"]] = TaskRow(
                row["task"], row["plan"], row["appendix"], row["lead"]
            )
        partner = row["partner"]
        if partner is not None and partner not in task.partners:
            task.partners.append(partner)
            if row["inherited"]:
                task.inherited.add(partner)
    for row in rows_of["task-details"]:
        task = tasks.get(row["task"])
        if task is None:
            continue
        task.appendix_number = row["appendixNumber"] or 0
        task.number = row["number"] or ""
        task.concept = row["concept"]
        task.notation = row["notation"]
        task.goal = row["goalNode"]
        task.goal_notation = row["goal"]
        task.target = row["targetNode"] or row["goalNode"]
        task.target_notation = row["target"] or row["goal"]
        task.text = row["text"] or ""
        task.line = row["line"]
    for row in rows_of["task-periods"]:
        task = tasks.get(row["task"])
        if task is not None:
            task.periods.append(PeriodRow(row["period"], row["begin"], row["end"], row["kind"]))
    for row in rows_of["compound-partners"]:
        task = tasks.get(row["task"])
        if task is not None:
            task.compound_names[row["partner"]] = row["rawName"]
    for task in tasks.values():
        task.partners.sort()
        task.periods.sort(key=lambda p: (p.begin is None, p.begin or 0, p.end or 0, p.kind or ""))
    return dict(sorted(tasks.items()))


def _un_concepts(rows: list[dict[str, Any]]) -> dict[str, UnConcept]:
    """The UN concepts the graph links to. The UN's texts are not in the graph
    (ontology/un-sdg.ttl keeps them): the same texts, A/RES/71/313, from the data the file is
    generated from, unless loaded beside the graph."""
    un_texts = {target.iri: target.text_en for target in un_targets().values()}
    return {
        row["concept"]: UnConcept(
            row["concept"],
            row["notation"],
            row["label"] or "",
            row["goal"],
            row["text"] or un_texts.get(row["concept"], ""),
        )
        for row in rows
    }


def _concepts(rows: list[dict[str, Any]]) -> dict[str, ConceptText]:
    """Fold the rows of concept-texts.rq into one text per VSDG notation (the UN concepts of a
    concept sorted by code). Plans print a target's text each their own way, so a concept
    shared by several plans has several; the first in text order is kept, whatever order the
    store gives the rows in (it differed between a build's store and graph.nt read back).
    The UN's texts are not in the graph: they come from the data ontology/un-sdg.ttl is made
    from (A/RES/71/313), unless loaded beside the graph."""
    un_texts = {target.code: target.text_en for target in un_targets().values()}
    first: dict[str, dict[str, Any]] = {}
    links: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in sorted(rows, key=lambda r: (r["concept"], r["textEn"] or "", r["textVi"] or "")):
        first.setdefault(row["notation"], row)
        if row["unNotation"]:
            code = row["unNotation"]
            links[row["notation"]].add((code, row["unText"] or un_texts.get(code, "")))
    return {
        notation: ConceptText(
            row["concept"],
            notation,
            row["textEn"] or "",
            row["textVi"] or "",
            tuple(sorted(links[notation], key=lambda link: code_key(link[0]))),
        )
        for notation, row in sorted(first.items(), key=lambda item: code_key(item[0]))
    }


def _declared(rows: list[dict[str, Any]]) -> list[Declared]:
    """Fold the rows of declared-targets.rq into one status per appendix × target."""
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[(row["appendix"], row["target"])].append(row)
    declared = []
    for (appendix, target), group in grouped.items():
        first = group[0]
        hows = {row["how"] for row in group}
        via: tuple[str, ...] = ()
        if "direct" in hows:
            status = "direct"
        elif "parent" in hows:
            status = "covered-by-parent"
            parents = {row["conceptNotation"] for row in group if row["how"] == "parent"}
            via = tuple(sorted(parents, key=lambda n: (-n.count("."), code_key(n))))
        else:
            status = "no-task"
        declared.append(
            Declared(
                first["plan"],
                appendix,
                first["appendixNumber"],
                first["lead"],
                target,
                first["notation"],
                status,
                via,
            )
        )
    return sorted(declared, key=lambda d: (d.plan, d.appendix_number, code_key(d.notation)))


def code_key(notation: str) -> tuple:
    """Sort VSDG and UN codes numerically: 2 < 2.1 < 2.1.a < 10."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in notation.split("."))
