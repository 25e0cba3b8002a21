"""sdgkg: Viet Nam's SDG action plans as a knowledge graph.

The package reads a provincial action plan (first: Hải Phòng, Decision 2894/QĐ-UBND of
30/10/2017), extracts its appendices, tasks, agencies, targets and periods with the source line
of every fact, and writes them as tables, RDF, validation reports and network analyses.
"""

__version__ = "0.1.0"
