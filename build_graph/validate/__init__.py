"""Graph → SHACL results: the fast engine (:mod:`.fastshacl`, whole-graph SPARQL on
pyoxigraph), pyshacl as the reference (:mod:`.pyshacl_reference`), one result type, and
the report files."""

from build_graph.validate.fastshacl.engine import validate_fast
from build_graph.validate.fastshacl.store import load_validation_store, load_validation_store_files
from build_graph.validate.pyshacl_reference import validate_pyshacl
from build_graph.validate.result import Finding, ValidationResult, load_shapes

__all__ = [
    "Finding",
    "ValidationResult",
    "load_shapes",
    "load_validation_store",
    "load_validation_store_files",
    "validate_fast",
    "validate_pyshacl",
]
