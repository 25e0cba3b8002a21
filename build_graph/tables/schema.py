"""What every column of the published tables means: datatype, keys, and its place in the graph.

One description serves the CSVW metadata, the Frictionless Table Schemas and the landing page,
so the three cannot disagree. The graph mapping follows ``graph/builder.py``: a column is
mapped only where the graph holds exactly that fact for every row, so that CSV-to-RDF
conversion gives triples the graph already has; any other column is described and typed but
left out of the conversion (``suppressOutput``). The graph's IRIs put the appendix number on
two digits (``appendix/06``), which no URI template can produce from ``6``: the bundle
therefore appends link columns (``task_iri``, ``appendix_iri``) holding those IRIs (see
:data:`LINK_COLUMNS`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS

from build_graph.graph.vocab import SDGKG, Iris

ONTOLOGY = str(SDGKG)


@dataclass(frozen=True)
class Column:
    """One column: its datatype (an XSD name, as CSVW spells it) and, if mapped, its triple."""

    name: str
    datatype: str
    description: str
    required: bool = False
    separator: str | None = None
    lang: str | None = None
    property: str | None = None
    value_url: str | None = None
    about_url: str | None = None
    unique: bool = False
    iri: bool = False  # an absolute IRI; typed as a string (the csvw package parses anyURI
    # into a tuple that URI templates then expand item by item)


@dataclass(frozen=True)
class Virtual:
    """A CSVW virtual column: a triple every row implies (a type, a link to its parent)."""

    name: str
    property: str
    value_url: str
    about_url: str | None = None


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class TableSpec:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    about_url: str | None = None
    virtuals: tuple[Virtual, ...] = ()
    in_graph: bool = True
    graph_note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


# Columns the bundle appends to the extraction tables: the graph IRIs that templates cannot make.
LINK_COLUMNS: dict[str, tuple[str, ...]] = {
    "tasks": ("task_iri", "appendix_iri"),
    "task_partners": ("task_iri",),
    "task_leads": ("task_iri",),
    "appendices": ("appendix_iri",),
}
LinkValues = dict[str, dict[str, dict[str, str]]]  # table → row key → link column → IRI
# the column of each linked table whose value keys its links (``links.link_values``)
LINK_ROW_KEY = {
    "tasks": "task_id",
    "task_partners": "task_id",
    "task_leads": "task_id",
    "appendices": "appendix",
}


@dataclass(frozen=True)
class Templates:
    """IRI prefixes of one plan's graph, as URI-template text."""

    plan: str
    agency: str
    vsdg: str
    vsdg_scheme: str
    line: str
    kind: str

    @classmethod
    def from_iris(cls, iris: Iris) -> Templates:
        return cls(
            plan=str(iris.plan),
            agency=str(iris.agency("")),
            vsdg=str(iris.vsdg("")),
            vsdg_scheme=str(iris.vsdg_scheme),
            line=str(iris.line(1))[:-1],
            kind=str(iris.kind("")),
        )


def _s(term: object) -> str:
    return str(term)


_SOURCE_LINE = _s(SDGKG.sourceLine)


def _key_column(name: str, datatype: str, description: str, mapped_to: str) -> Column:
    """The column whose value names the row (required, unique), mapped to the node's own name."""
    return Column(name, datatype, description, required=True, unique=True, property=mapped_to)


def _lead_agency_column(t: Templates) -> Column:
    """The appendix's lead agency: a column of tasks.csv and of appendices.csv."""
    return Column(
        "lead_agency_id",
        "string",
        "The appendix's lead agency (agency_id in agencies.csv).",
        required=True,
        property=_s(SDGKG.leadAgency),
        value_url=t.agency + "{lead_agency_id}",
    )


def table_specs(t: Templates) -> dict[str, TableSpec]:
    """The nine extraction tables (plus link columns), keyed by table name."""
    tables = (
        _tasks_table,
        _task_partners_table,
        _task_leads_table,
        _agencies_table,
        _targets_table,
        _appendices_table,
        _headings_table,
        _irregularities_table,
        _source_refs_table,
    )
    return {spec.name: spec for spec in (table(t) for table in tables)}


def _tasks_table(t: Templates) -> TableSpec:
    """One row per task: the table the others point to."""
    return TableSpec(
        "tasks",
        "Tasks",
        "One row per task of the plan's appendix tables: its lead agency, target, "
        "implementation periods, partner and period cells as printed, and source lines.",
        (
            *_task_place_columns(t),
            *_task_cell_columns(),
            *_task_text_columns(),
            *_task_link_columns(),
        ),
        primary_key=("task_id",),
        foreign_keys=(
            ForeignKey(("appendix",), "appendices", ("appendix",)),
            ForeignKey(("lead_agency_id",), "agencies", ("agency_id",)),
            ForeignKey(("target",), "targets", ("code",)),
            ForeignKey(("subtarget",), "targets", ("code",)),
        ),
        about_url="{+task_iri}",
        virtuals=(
            Virtual("task_type", _s(RDF.type), _s(SDGKG.Task)),
            Virtual("task_entity", _s(RDF.type), _s(PROV.Entity)),
            Virtual("task_derived_from", _s(PROV.wasDerivedFrom), t.line + "{source_line}"),
        ),
        graph_note="Not converted: the target of the group row (the graph links a task to "
        "its most specific target only), the periods (their nodes are year intervals or "
        "named kinds), the inherited flags (the graph keeps them on each assignment) and "
        "the partner cell (see task_partners.csv).",
    )


def _task_place_columns(t: Templates) -> tuple[Column, ...]:
    """What the task is and where it sits: appendix, numbering, lead agency and targets."""
    return (
        _key_column(
            "task_id",
            "string",
            "Identifier of the task: A, the two-digit appendix, "
            "-T and the task number (A06-T1.1.2.1); a repeated number gets -2, -3.",
            _s(DCTERMS.identifier),
        ),
        Column(
            "appendix",
            "positiveInteger",
            "Number of the appendix that holds the task (one appendix per lead agency).",
            required=True,
            property=_s(SDGKG.inAppendix),
            value_url="{+appendix_iri}",
        ),
        Column(
            "task_no",
            "string",
            "The task's number as printed in the TT column.",
            required=True,
            property=_s(SDGKG.taskNumber),
        ),
        Column(
            "parent_task_no",
            "string",
            "Number of the task this one is nested "
            "under (1.1.2 for 1.1.2.1); empty for a task that is not nested.",
            property=_s(SDGKG.subTaskOf),
            value_url="{+appendix_iri}/task/{parent_task_no}",
        ),
        Column(
            "heading_no",
            "string",
            "Number of the numbered sub-target heading the "
            'task falls under (1.1 in "1.1 Mục tiêu 3.5.a"), if any.',
        ),
        _lead_agency_column(t),
        Column("target", "string", "VSDG target of the task's group row (code in targets.csv)."),
        Column(
            "subtarget",
            "string",
            "VSDG sub-target the task is listed under, if "
            "any (code in targets.csv); the task serves the sub-target when there "
            "is one, else the target.",
            property=_s(SDGKG.contributesTo),
            value_url=t.vsdg + "{subtarget}",
        ),
    )


def _task_cell_columns() -> tuple[Column, ...]:
    """The period and partner cells as read: normalised, inherited or not, and as printed."""
    return (
        Column(
            "periods",
            "string",
            "Implementation periods, normalised: year ranges (2017-2020) or named kinds (annual).",
            separator=";",
        ),
        Column(
            "period_kinds",
            "string",
            "Kinds of those periods: years, annual, annual-plan, plan-roadmap, project-schedule.",
            separator=";",
        ),
        Column(
            "partners_inherited",
            "boolean",
            "true when the partner cell was "
            "printed on an earlier row (a merged cell) and taken from there.",
            required=True,
        ),
        Column(
            "period_inherited",
            "boolean",
            "true when the period cell was printed on an earlier row and taken from there.",
            required=True,
        ),
        Column(
            "partner_source_line",
            "positiveInteger",
            "Line of the source text where the partner cell (printed or inherited) starts.",
        ),
        Column(
            "period_source_line",
            "positiveInteger",
            "Line of the source text where the period cell (printed or inherited) starts.",
            property=_s(SDGKG.periodSourceLine),
        ),
        Column("partner_raw", "string", "The partner cell as printed."),
        Column(
            "period_raw",
            "string",
            "The period cell as printed.",
            property=_s(SDGKG.periodText),
        ),
    )


def _task_text_columns() -> tuple[Column, ...]:
    """The task's text and the source lines it was read from."""
    return (
        Column(
            "text_vi",
            "string",
            "The task's text as printed (Vietnamese).",
            required=True,
            lang="vi",
            property=_s(DCTERMS.description),
        ),
        Column(
            "source_line",
            "positiveInteger",
            "Line of the source text that holds the task's number (its TT cell).",
            required=True,
            property=_SOURCE_LINE,
        ),
        Column(
            "text_lines",
            "positiveInteger",
            "Lines of the source text that hold the task's text.",
            separator=";",
        ),
    )


def _task_link_columns() -> tuple[Column, ...]:
    """The link columns: the task's and its appendix's IRIs (see LINK_COLUMNS)."""
    return (
        Column(
            "task_iri",
            "string",
            "IRI of the task in the knowledge graph.",
            required=True,
            unique=True,
            iri=True,
        ),
        Column(
            "appendix_iri",
            "string",
            "IRI of the task's appendix in the knowledge graph.",
            required=True,
            iri=True,
            about_url="{+appendix_iri}",
            property=_s(SDGKG.hasTask),
            value_url="{+task_iri}",
        ),
    )


def _task_column() -> Column:
    return Column("task_id", "string", "The task (task_id in tasks.csv).", required=True)


def _agent_column(t: Templates, description: str) -> Column:
    """The agency of a task's assignment: its agent in the graph."""
    return Column(
        "agency_id",
        "string",
        description,
        required=True,
        property=_s(SDGKG.agent),
        value_url=t.agency + "{agency_id}",
    )


def _inherited_column(cell: str) -> Column:
    return Column(
        "inherited",
        "boolean",
        f"true when the {cell} cell was inherited from an earlier row (a merged cell).",
        required=True,
        property=_s(SDGKG.inherited),
    )


def _assignment_iri_column(role: str) -> Column:
    """The task's IRI, linking the row to the task's ``role`` assignment in the graph."""
    return Column(
        "task_iri",
        "string",
        "IRI of the task in the knowledge graph.",
        required=True,
        iri=True,
        about_url="{+task_iri}",
        property=_s(SDGKG.qualifiedAssignment),
        value_url="{+task_iri}/" + role + "/{agency_id}",
    )


def _assignment_keys() -> dict:
    return {
        "primary_key": ("task_id", "agency_id"),
        "foreign_keys": (
            ForeignKey(("task_id",), "tasks", ("task_id",)),
            ForeignKey(("agency_id",), "agencies", ("agency_id",)),
        ),
    }


def _task_partners_table(t: Templates) -> TableSpec:
    """One row per task and partner: each row a qualified assignment in the graph."""
    return TableSpec(
        "task_partners",
        "Task partners",
        "One row per task and partner agency named by its partner cell: the words that "
        "named the agency and how they were resolved.",
        (
            _task_column(),
            _agent_column(
                t, "A partner agency named by the task's partner cell (agency_id in agencies.csv)."
            ),
            _inherited_column("partner"),
            Column(
                "raw",
                "string",
                "The words of the cell that named this agency.",
                required=True,
                property=_s(SDGKG.rawName),
            ),
            Column(
                "how",
                "string",
                "How the words were resolved: alias, list-expansion, "
                "compound, fuzzy or unresolved.",
                required=True,
                property=_s(SDGKG.resolution),
            ),
            Column(
                "cell_line",
                "positiveInteger",
                "Line of the source text where the partner cell starts.",
                required=True,
                property=_SOURCE_LINE,
            ),
            _assignment_iri_column("partner"),
        ),
        **_assignment_keys(),
        about_url="{+task_iri}/partner/{agency_id}",
        virtuals=(
            Virtual("assignment_type", _s(RDF.type), _s(SDGKG.Assignment)),
            Virtual("assignment_role", _s(SDGKG.role), _s(SDGKG.PartnerRole)),
            Virtual("assignment_derived_from", _s(PROV.wasDerivedFrom), t.line + "{cell_line}"),
            Virtual(
                "task_partner",
                _s(SDGKG.partnerAgency),
                t.agency + "{agency_id}",
                about_url="{+task_iri}",
            ),
        ),
        graph_note="Each row is a qualified assignment (sdgkg:Assignment) of the task.",
    )


def _task_leads_table(t: Templates) -> TableSpec:
    """One row per task and lead: each row the lead assignment of the task in the graph."""
    return TableSpec(
        "task_leads",
        "Task leads",
        "One row per task and lead agency: the lead cell's words where the plan has a lead "
        "column (co-leads are several rows), else the appendix's lead (how = appendix).",
        (
            _task_column(),
            _agent_column(t, "A lead agency of the task (agency_id in agencies.csv)."),
            _inherited_column("lead"),
            Column("raw", "string", "The words that named the lead agency.", required=True),
            Column(
                "how",
                "string",
                "How the lead was found: appendix (its heading, intro or list), or how the "
                "lead cell's words were resolved (alias, list-expansion, fuzzy, unresolved…).",
                required=True,
            ),
            Column(
                "cell_line",
                "positiveInteger",
                "Line (see source_refs.csv) of the lead cell, or of the appendix's line that "
                "names its lead.",
                required=True,
            ),
            _assignment_iri_column("lead"),
        ),
        **_assignment_keys(),
        about_url="{+task_iri}/lead/{agency_id}",
        virtuals=(
            Virtual("assignment_type", _s(RDF.type), _s(SDGKG.Assignment)),
            Virtual("assignment_role", _s(SDGKG.role), _s(SDGKG.LeadRole)),
            Virtual(
                "task_lead",
                _s(SDGKG.leadAgency),
                t.agency + "{agency_id}",
                about_url="{+task_iri}",
            ),
        ),
        graph_note="Each row is the lead assignment (sdgkg:Assignment, sdgkg:LeadRole) of the "
        "task; its raw words and source line are in the graph for lead cells.",
    )


def _agencies_table(t: Templates) -> TableSpec:
    """The registry's agencies (and names no rule resolved), as graph agents."""
    return TableSpec(
        "agencies",
        "Agencies",
        "Every agency of the curated registry, plus names no rule could resolve: names "
        "in Vietnamese and English, kind, spellings seen in the plan and collective "
        "membership.",
        (
            _key_column(
                "agency_id",
                "string",
                "Identifier of the canonical agency (the last segment of its IRI).",
                _s(DCTERMS.identifier),
            ),
            Column(
                "name_vi",
                "string",
                "Vietnamese name (for an unresolved name, the name as printed).",
                required=True,
                lang="vi",
                property=_s(RDFS.label),
            ),
            Column(
                "name_en",
                "string",
                "English name (the project's translation); empty for an unresolved name.",
                lang="en",
                property=_s(RDFS.label),
            ),
            Column(
                "kind",
                "string",
                "Kind of agency (department, district-committee, "
                "collective, vague, unresolved, ...).",
                required=True,
                property=_s(SDGKG.agencyKind),
                value_url=t.kind + "{kind}",
            ),
            Column(
                "aliases", "string", "Spellings of the agency seen in this plan.", separator=";"
            ),
            Column(
                "member_of",
                "string",
                "Collective units this agency is a member of (agency_id).",
                separator=";",
            ),
            Column(
                "mentions",
                "nonNegativeInteger",
                "Number of partner mentions of the agency in the plan's tasks.",
                required=True,
            ),
        ),
        primary_key=("agency_id",),
        about_url=t.agency + "{agency_id}",
        virtuals=(Virtual("agency_type", _s(RDF.type), _s(FOAF.Agent)),),
        graph_note="The graph holds the agencies that have a role in the plan (and the "
        "members of the collective units it names); the other rows describe registry "
        "agencies that the plan does not name.",
    )


def _targets_table(t: Templates) -> TableSpec:
    """The VSDG goals, targets and sub-targets, as SKOS concepts."""
    return TableSpec(
        "targets",
        "VSDG targets",
        "The Vietnamese SDG goals, targets and sub-targets the plan names, with their "
        "text as printed.",
        (
            _key_column(
                "code",
                "string",
                "VSDG code of the goal, target or sub-target (3, 3.8, 3.8.b).",
                _s(SKOS.notation),
            ),
            Column("level", "string", "goal, target or subtarget.", required=True),
            Column(
                "parent",
                "string",
                "Code of the goal or target above it; empty for a goal.",
                property=_s(SKOS.broader),
                value_url=t.vsdg + "{parent}",
            ),
            Column(
                "text_vi",
                "string",
                "The target's text in the document (Vietnamese); "
                "empty when the document gives none.",
                lang="vi",
                property=_s(SKOS.definition),
            ),
            Column(
                "source_line",
                "positiveInteger",
                "Line of the source text the text was read from; empty when there is none.",
                property=_s(PROV.wasDerivedFrom),
                value_url=t.line + "{source_line}",
            ),
        ),
        primary_key=("code",),
        foreign_keys=(ForeignKey(("parent",), "targets", ("code",)),),
        about_url=t.vsdg + "{code}",
        virtuals=(
            Virtual("target_type", _s(RDF.type), _s(SKOS.Concept)),
            Virtual("target_scheme", _s(SKOS.inScheme), t.vsdg_scheme),
        ),
    )


def _appendices_table(t: Templates) -> TableSpec:
    """One row per appendix, linked from the plan."""
    return TableSpec(
        "appendices",
        "Appendices",
        "One row per appendix: its lead agency, the targets it declares and where it "
        "starts in the source text.",
        (
            _key_column(
                "appendix", "positiveInteger", "Number of the appendix.", _s(SDGKG.appendixNumber)
            ),
            _lead_agency_column(t),
            Column(
                "declared_targets",
                "string",
                "Targets the appendix declares at its head (codes in targets.csv).",
                separator=";",
            ),
            Column(
                "lead_heading_raw",
                "string",
                "The heading that names the lead agency, as printed.",
                property=_s(SDGKG.rawText),
            ),
            Column(
                "lead_intro_raw",
                "string",
                "The lead agency as named in the appendix's introduction, as printed.",
            ),
            Column(
                "source_line",
                "positiveInteger",
                "Line of the source text where the appendix starts.",
                required=True,
                property=_SOURCE_LINE,
            ),
            Column(
                "declared_line",
                "positiveInteger",
                "Line of the introduction that declares the targets.",
            ),
            Column(
                "tasks", "nonNegativeInteger", "Number of tasks in the appendix.", required=True
            ),
            Column(
                "appendix_iri",
                "string",
                "IRI of the appendix in the knowledge graph.",
                required=True,
                unique=True,
                iri=True,
                about_url=t.plan,
                property=_s(SDGKG.hasAppendix),
                value_url="{+appendix_iri}",
            ),
        ),
        primary_key=("appendix",),
        foreign_keys=(ForeignKey(("lead_agency_id",), "agencies", ("agency_id",)),),
        about_url="{+appendix_iri}",
        virtuals=(
            Virtual("appendix_type", _s(RDF.type), _s(SDGKG.Appendix)),
            Virtual("appendix_derived_from", _s(PROV.wasDerivedFrom), t.line + "{source_line}"),
        ),
        graph_note="Not converted: the declared targets (a list; the graph links each "
        "with sdgkg:declaresTarget, which a URI template over a list cannot make).",
    )


def _headings_table(t: Templates) -> TableSpec:
    """The appendix tables' group rows and sub-target headings: not in the graph."""
    return TableSpec(
        "headings",
        "Headings",
        "Group rows and sub-target headings of the appendix tables, as printed.",
        (
            Column("appendix", "positiveInteger", "Number of the appendix.", required=True),
            Column(
                "kind",
                "string",
                "group (a numbered row naming a target), subtarget "
                '(a "Mục tiêu X.Y.z:" line) or numbered-subtarget (a numbered row that '
                "is a sub-target heading, not a task).",
                required=True,
            ),
            Column("number", "string", "The row's number as printed; empty for a sub-target line."),
            Column(
                "code",
                "string",
                "The VSDG code, normalised (code in targets.csv).",
                required=True,
            ),
            Column("code_raw", "string", "The code as printed.", required=True),
            Column(
                "text_vi",
                "string",
                "The target text printed in the heading (Vietnamese).",
                lang="vi",
            ),
            Column(
                "source_line",
                "positiveInteger",
                "Line of the source text of the heading.",
                required=True,
                unique=True,
            ),
        ),
        primary_key=("source_line",),
        foreign_keys=(
            ForeignKey(("appendix",), "appendices", ("appendix",)),
            ForeignKey(("code",), "targets", ("code",)),
        ),
        in_graph=False,
        graph_note="Not part of the graph: the headings' facts reach it through the "
        "tasks and targets they head.",
    )


def _irregularities_table(t: Templates) -> TableSpec:
    """The extraction's diagnostics: not in the graph."""
    return TableSpec(
        "irregularities",
        "Irregularities",
        "Everything in the document a careful reader would flag, with its line and the "
        "reading the extraction chose.",
        (
            Column(
                "kind",
                "string",
                "Kind of irregularity (variant-spelling, compound-name, overlapping-periods, ...).",
                required=True,
            ),
            Column("line", "positiveInteger", "Line of the source text.", required=True),
            Column("message", "string", "What is irregular (English).", required=True),
            Column("raw", "string", "The text as printed."),
            Column("reading", "string", "The reading the extraction chose."),
        ),
        primary_key=("kind", "line", "message"),
        in_graph=False,
        graph_note="Not part of the graph: diagnostics of the extraction (see also "
        "extraction-report.md).",
    )


def _source_refs_table(t: Templates) -> TableSpec:
    """Where each line stands in its file: the key to every *_line column of the other tables."""
    return TableSpec(
        "source_refs",
        "Source references",
        "Every line the other tables cite, and where it stands in the source file: the line of "
        "a text file, the table, row and column of an HTML, DOCX or XLSX table, the sheet and "
        "cell of a workbook, the page and box of a PDF.",
        (
            Column(
                "line",
                "positiveInteger",
                "The line number the other tables cite (in a text file its own line; in other "
                "formats the text's position in reading order).",
                required=True,
                unique=True,
            ),
            Column("ref", "string", "Where the line stands in the file.", required=True),
        ),
        primary_key=("line",),
        in_graph=False,
        graph_note="In the graph, a source line of a document that is not plain text carries "
        "this reference as sdgkg:sourceReference.",
    )


def generic_spec(name: str, header: list[str]) -> TableSpec:
    """A table no spec knows (a newer extraction table): typed as text, not converted."""
    return TableSpec(
        name,
        name.replace("_", " ").capitalize(),
        f"The extraction table {name}.csv.",
        tuple(Column(column, "string", "") for column in header),
        in_graph=False,
        graph_note="Not described by the bundle yet.",
    )
