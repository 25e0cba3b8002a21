"""The landing pages' schema.org ``Dataset`` (JSON-LD in the page's head), the markup dataset
search engines read: name, description, licence, creator, coverage, dates, version, keywords
and every file as a ``DataDownload`` with its size and SHA-256."""

from __future__ import annotations

import json

from build_graph.publish.facts import (
    LICENCE,
    BundleSettings,
    DatasetFacts,
    descriptions,
    keywords,
    titles,
)
from build_graph.publish.files import FileInfo


def dataset_jsonld(
    facts: DatasetFacts, settings: BundleSettings, files: list[FileInfo], lang: str
) -> dict:
    base = settings.base.rstrip("/") + "/"
    organisation = {
        "@type": "Organization",
        "@id": settings.publisher_iri,
        "name": settings.publisher,
    }
    if settings.contact_email:
        organisation["email"] = settings.contact_email
    words = keywords(facts)
    document: dict = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "@id": f"{base}dataset/{facts.dataset_id}",
        "name": titles(facts)[lang],
        "alternateName": titles(facts)["vi" if lang == "en" else "en"],
        "description": descriptions(facts)[lang],
        "url": settings.url("index.html" if lang == "en" else "index.vi.html"),
        "identifier": facts.dataset_id,
        "version": settings.version,
        "datePublished": facts.release.date.isoformat(),
        "inLanguage": ["vi", "en"],
        "keywords": words["en"] + [w for w in words["vi"] if w not in words["en"]],
        "license": LICENCE,
        "isAccessibleForFree": True,
        "creator": organisation,
        "publisher": organisation,
        "spatialCoverage": [
            {"@type": "Place", "name": name, "sameAs": iri}
            for iri, name in sorted(facts.places.items())
        ],
        "isBasedOn": [
            _decision(plan.number, plan.issued, settings.decision_url) for plan in facts.plans
        ],
        "distribution": [
            {
                "@type": "DataDownload",
                "name": info.path,
                "contentUrl": settings.url(info.path),
                "encodingFormat": info.media_type,
                "contentSize": f"{info.size} B",
                "sha256": info.sha256,
            }
            for info in files
        ],
    }
    if facts.years:
        document["temporalCoverage"] = f"{facts.years[0]}/{facts.years[1]}"
    return document


def _decision(number: str, issued: object, url: str | None) -> dict:
    decision: dict = {"@type": "Legislation", "name": f"Quyết định {number}"}
    if issued is not None:
        decision["legislationDate"] = str(issued)
    if url:
        decision["url"] = url
    return decision


def jsonld_script(document: dict) -> str:
    """The ``<script>`` element; ``</`` escaped so no text can close it early."""
    text = json.dumps(document, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>'
