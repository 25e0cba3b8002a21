"""The open-data publication bundle: what turns ``sdgkg build``'s folder into a data set a portal
takes as it is (DCAT-AP catalogue, VoID, CSVW, Frictionless descriptor, landing page, ZIP).

Everything is derived from the files already in the folder (the graph above all) and from a few
settings, never from the clock: two builds of the same input give the same bytes. The date is
the release date of the settings (``release.toml``, ``sdgkg bundle --release-date``), else
``SOURCE_DATE_EPOCH`` when it is set, else *the date of the newest plan* (the day its decision
was signed): a reproducible stand-in that the bundle marks as a local build's.

Order matters because some files describe others: link columns and CSVW metadata, then the
Frictionless descriptor (hashes of the tables), VoID, the ZIP (everything so far), the landing
pages (which give size and checksum of every file so far, the ZIP included) and last
``catalog.ttl``, which gives size and checksum of every other file. The pages and the
catalogue, which describe the ZIP, are the files outside it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox

from build_graph.errors import SdgkgError
from build_graph.graph.builder import plan_slug
from build_graph.model.agencies import Registry
from build_graph.model.plan import Plan
from build_graph.publish.archive import packing, write_zip
from build_graph.publish.csvw import specs_for_folder, write_csvw
from build_graph.publish.datapackage import resource_json, write_datapackage
from build_graph.publish.facts import (
    CATALOG,
    LICENCE,
    LICENCE_SPDX,
    LICENCE_TITLE,
    SETTINGS_KEY,
    BundleSettings,
    DatasetFacts,
    descriptions,
    keywords,
    read_facts,
    release_on,
    titles,
)
from build_graph.publish.files import (
    GENERATED,
    LANDING_PAGES,
    FileInfo,
    inventory,
    sha256_of,
    zip_name,
)
from build_graph.runtime.atomic import atomic_directory
from build_graph.tables.links import plan_iris
from build_graph.tables.schema import Templates

# ------------------------------------------------------------------------------ orchestration


def table_folders(out: Path, plans: list[Plan]) -> list[tuple[Path, Plan]]:
    """Where ``build.py`` put each plan's tables (``tables/`` alone, or one folder per plan)."""
    if len(plans) == 1:
        return [(out / "tables", plans[0])]
    return [(out / "tables" / plan_slug(plan), plan) for plan in plans]


def prepare_tables(
    out: Path, settings: BundleSettings, plans: list[Plan], registry: Registry
) -> list[tuple[Path, Templates]]:
    """CSVW metadata for every plan's tables (needs the plans' IRIs). The tables' IRI link
    columns are already there: the build writes them with the tables (``tables.write_tables``)."""
    done = []
    for folder, plan in table_folders(out, plans):
        templates = Templates.from_iris(plan_iris(plan, registry, settings.base))
        write_csvw(folder, templates, LICENCE)
        done.append((folder, templates))
    return done


def datapackage_resources(out: Path, folders: list[tuple[Path, Templates]]) -> list[dict]:
    resources = []
    for folder, templates in folders:
        prefix = "" if folder == out / "tables" else f"{folder.name}-"
        for spec in specs_for_folder(folder, templates):
            path = folder / spec.file
            relative = path.relative_to(out).as_posix()
            resources.append(
                resource_json(spec, relative, path.stat().st_size, sha256_of(path), prefix)
            )
    return resources


def read_settings(dist: Path) -> BundleSettings:
    """The settings a bundle was built with, kept in its ``datapackage.json``."""
    path = dist / "datapackage.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8")).get(SETTINGS_KEY, {})
    except (OSError, ValueError) as exc:
        raise SdgkgError(f"{path}: not a bundle built by sdgkg ({exc})") from exc
    known = {k: stored[k] for k in BundleSettings.__dataclass_fields__ if k in stored}
    return BundleSettings(**known)


def write_bundle(
    out: Path,
    settings: BundleSettings,
    plans: list[Plan] | None = None,
    registry: Registry | None = None,
    environ: Mapping[str, str] | None = None,
    store: ox.Store | None = None,
    counted: Future[dict] | None = None,
) -> DatasetFacts:
    """Write the bundle into ``out`` (a staging folder holding the build's files); ``store``:
    the graph of ``out/graph.nt``, when already loaded; ``counted``: its VoID statistics
    (``void.store_statistics``) being counted already.

    On two cores: the store scans (VoID) and the deflating of the files it leaves as they are
    (``Packer``, the ~1 GB of graph files of a national build) run while the main thread reads
    facts and writes tables and descriptions; the ZIP, written last by the main thread, gets
    the same bytes as written in one go."""
    from build_graph.publish.dcat import write_catalog
    from build_graph.publish.landing import write_landing
    from build_graph.publish.void import store_statistics, write_void

    with packing() as packer:
        packer.add(out, kept_files(out, writes_tables=bool(plans)))
        with ThreadPoolExecutor(max_workers=1) as pool:  # the store scans run while facts and
            # tables are read and written (with the caller's store, from the start)
            if counted is None and store is not None:
                counted = pool.submit(store_statistics, store, settings.base)
            facts = read_facts(out, environ, store)
            if settings.release_date:
                facts.release = release_on(settings.release_date)
            counted = counted or pool.submit(store_statistics, facts.store, settings.base)
            if plans:
                registry = registry or Registry.load()
                folders = prepare_tables(out, settings, plans, registry)
                meta = package_meta(facts, settings)
                resources = datapackage_resources(out, folders)
                write_datapackage(out / "datapackage.json", meta, resources)
                tables = inventory(out / "tables", hashes=False)  # final from here on
                packer.add(out, [f"tables/{info.path}" for info in tables])
            else:
                refresh_datapackage(out / "datapackage.json", facts, settings)
            write_void(out / "void.ttl", facts, settings, counted.result())
        archive = zip_name(facts)
        for stale in [*out.glob("*.zip"), *(out / page for page in LANDING_PAGES)]:
            stale.unlink(missing_ok=True)
        listed = inventory(out, exclude={CATALOG}, hashes=False)
        path, digests = write_zip(out, archive, listed, facts.release, facts.dataset_id, packer)
    files = [replace(info, sha256=digests[info.path]) for info in listed]
    files.append(FileInfo(archive, path.stat().st_size, sha256_of(path)))
    files.sort(key=lambda info: info.path)
    pages = write_landing(out, facts, settings, files)
    files += [FileInfo(p.name, p.stat().st_size, sha256_of(p)) for p in pages]
    write_catalog(out / CATALOG, facts, settings, sorted(files, key=lambda info: info.path))
    return facts


def kept_files(out: Path, writes_tables: bool) -> list[str]:
    """The files ``write_bundle`` leaves as they are (the graph files above all), in the ZIP's
    order: they can be deflated from the start. Not the ones it writes or deletes: its own
    (GENERATED, the catalogue, a ZIP) and, when it writes the tables' CSVW metadata,
    ``tables/`` (packed once complete)."""
    rewritten = {*GENERATED, CATALOG}
    return [
        info.path
        for info in inventory(out, hashes=False)
        if info.path not in rewritten
        and not (info.path.endswith(".zip") and "/" not in info.path)
        and not (writes_tables and info.path.startswith("tables/"))
    ]


def refresh_bundle(
    dist: Path,
    environ: Mapping[str, str] | None = None,
    settings: BundleSettings | None = None,
) -> DatasetFacts:
    """Describe ``dist`` again after files were added (the figures of ``sdgkg report``), or
    with new release settings: landing page, VoID, ZIP and catalogue, replaced whole as
    ``build`` does."""
    settings = settings or read_settings(dist)
    with atomic_directory(dist) as staging:
        shutil.copytree(dist, staging, dirs_exist_ok=True)
        return write_bundle(staging, settings, environ=environ)


# ------------------------------------------------------------------------------ descriptor


def refresh_datapackage(path: Path, facts: DatasetFacts, settings: BundleSettings) -> None:
    """The descriptor's own properties again (settings may have changed), its tables kept."""
    resources = json.loads(path.read_text(encoding="utf-8"))["resources"]
    write_datapackage(path, package_meta(facts, settings), resources)


def package_meta(facts: DatasetFacts, settings: BundleSettings) -> dict:
    """The Data Package's own properties (the resources are added by ``datapackage.py``)."""
    words = keywords(facts)
    return {
        "profile": "tabular-data-package",
        "name": facts.dataset_id,
        "title": titles(facts)["en"],
        "description": descriptions(facts)["en"],
        "version": settings.version,
        "homepage": settings.landing_page,
        "created": facts.release.when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "keywords": words["en"] + [w for w in words["vi"] if w not in words["en"]],
        "licenses": [{"name": LICENCE_SPDX, "path": LICENCE, "title": LICENCE_TITLE}],
        "contributors": [{"title": settings.publisher, "role": "publisher"}]
        + (
            [{"title": settings.publisher, "role": "maintainer", "email": settings.contact_email}]
            if settings.contact_email
            else []
        ),
        "sources": [
            {
                "title": f"Decision {plan.number}"
                + (f" ({plan.title_vi})" if plan.title_vi else ""),
                "path": plan.iri,
            }
            for plan in facts.plans
        ],
        SETTINGS_KEY: settings.as_json(),
    }
