"""The fast SHACL engine: shapes compiled into whole-graph SPARQL on pyoxigraph, tested equal to
pyshacl. :mod:`.engine` runs it; the shapes, the data view, the core and SPARQL components and
the report each have their module."""
