"""Graph → SHACL results: the fast engine (:mod:`.fastshacl`, whole-graph SPARQL on
pyoxigraph), pyshacl as the reference (:mod:`.pyshacl_reference`), one result type, and
the report files. The fast engine runs SHACL Core and SHACL-SPARQL constraints; what it does not
run it refuses before any work (``check_supported``), and ``sdgkg build`` then uses pyshacl."""

from build_graph.validate.fastshacl.engine import validate_fast
from build_graph.validate.fastshacl.shapes import ShapesGraphError
from build_graph.validate.fastshacl.store import load_validation_store, load_validation_store_files
from build_graph.validate.fastshacl.support import check_supported
from build_graph.validate.pyshacl_reference import validate_pyshacl
from build_graph.validate.result import Finding, ValidationResult, load_shapes

__all__ = [
    "Finding",
    "ShapesGraphError",
    "ValidationResult",
    "check_supported",
    "load_shapes",
    "load_validation_store",
    "load_validation_store_files",
    "validate_fast",
    "validate_pyshacl",
]
