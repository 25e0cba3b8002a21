"""The fast SHACL engine: shapes compiled into whole-graph SPARQL on pyoxigraph, tested equal to
pyshacl. :mod:`.engine` runs it; the shapes (:mod:`.shapes`), the store's layout
(:mod:`.store`) and views (:mod:`.data`), the core and SPARQL components (:mod:`.core`,
:mod:`.sparql`, which reach the validator through the protocols of :mod:`.run`), the query
rewrites (:mod:`.rewrites`) and the report (:mod:`.report`) each have their module."""
