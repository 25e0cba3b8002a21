"""The IRI link columns of the tables: each row's graph nodes, so that a CSV row and its RDF
node can be joined. Computed from the plan and the IRIs the graph builder mints."""

from __future__ import annotations

from build_graph.graph.builder import GraphBuilder
from build_graph.graph.vocab import Iris
from build_graph.model.agencies import Registry
from build_graph.model.plan import Plan
from build_graph.tables.schema import LinkValues


def plan_iris(plan: Plan, registry: Registry, base: str) -> Iris:
    """The IRIs the graph builder mints for this plan (one rule, in graph/builder.py)."""
    return GraphBuilder(plan, registry, base).iris


def link_values(plan: Plan, iris: Iris) -> LinkValues:
    """table → row key → link column → IRI, computed from the plan as the graph builder does."""
    tasks: dict[str, dict[str, str]] = {}
    appendices: dict[str, dict[str, str]] = {}
    for appendix in plan.appendices:
        appendix_iri = str(iris.appendix(appendix.number))
        appendices[str(appendix.number)] = {"appendix_iri": appendix_iri}
        for task in appendix.tasks:
            task_iri = str(iris.task(appendix.number, task.number + task.suffix))
            tasks[task.task_id] = {"task_iri": task_iri, "appendix_iri": appendix_iri}
    partners = {key: {"task_iri": value["task_iri"]} for key, value in tasks.items()}
    return {
        "tasks": tasks,
        "task_partners": partners,
        "task_leads": partners,
        "appendices": appendices,
    }
