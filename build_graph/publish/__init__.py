"""Built folder → open-data bundle → portals: DCAT-AP catalogue, VoID, CSVW, Frictionless
descriptor, landing page, ZIP, and CKAN."""

from build_graph.publish.bundle import refresh_bundle, write_bundle
from build_graph.publish.ckan import publish_ckan
from build_graph.publish.facts import BundleSettings

__all__ = ["BundleSettings", "publish_ckan", "refresh_bundle", "write_bundle"]
