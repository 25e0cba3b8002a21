"""Document → :class:`~build_graph.model.plan.Plan`: decoding, the body and front matter, the
appendix tables, targets, partner cells resolved against the registry, and cross-checks."""

from build_graph.document.decoding import read_lines
from build_graph.read.partners import Resolver
from build_graph.read.reader import read_plan, read_plan_lines

__all__ = ["Resolver", "read_lines", "read_plan", "read_plan_lines"]
