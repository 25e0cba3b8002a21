"""Put a bundle on a CKAN portal: create the data set, or bring it up to date, in one call.

The data set (``ckan_payload.dataset_payload``) goes with all its resources inline, in one
``package_create`` or one ``package_update``: CKAN validates the whole dict first and saves it
in one database transaction, so **a run that fails leaves the portal's data set as it was
before the run**. Resource ids are fixed by the data set's name and the file, so an update
changes resources in place. A run that finds the portal already saying what the bundle says
sends nothing (``unchanged``).

``upload=True`` (files to the portal's own storage) cannot be inline: after the data set is
saved, each file whose resource does not already hold it is sent by ``resource_patch``. A
failure there leaves the other files linked to their download URLs; **the next run repairs
it**, sending only what is missing.

The API token comes from an environment variable and is passed to ckanapi only: it is never
printed, logged or written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_graph import __version__
from build_graph.errors import SdgkgError
from build_graph.publish.ckan_payload import LICENCE_IDS
from build_graph.publish.facts import LICENCE


@dataclass
class Published:
    """What a run did: ``created``, ``updated`` or ``unchanged``, the portal's data set after
    it, and the files uploaded."""

    action: str
    package: dict
    uploaded: int = 0


def publish_ckan(
    url: str, api_key: str, payload: dict, dist: Path, upload: bool = False
) -> Published:
    """Create or update the data set ``payload`` describes on the CKAN site at ``url``."""
    from ckanapi import RemoteCKAN
    from ckanapi.errors import CKANAPIError, NotAuthorized, NotFound, ValidationError
    from requests import RequestException

    try:
        with RemoteCKAN(url, apikey=api_key, user_agent=f"sdgkg/{__version__}") as ckan:
            payload = {**payload, "license_id": portal_licence(ckan, payload["license_id"])}
            current = _current(ckan, payload["name"])
            if upload and current is not None:
                payload = keep_uploads(payload, current)
            if current is None:
                result = Published("created", ckan.action.package_create(**payload))
            elif holds_package(current, payload):
                result = Published("unchanged", current)
            else:
                package = ckan.action.package_update(**{**payload, "id": current["id"]})
                result = Published("updated", package)
            if upload:
                result.uploaded = _upload(ckan, result.package, dist, payload)
                if result.uploaded and result.action == "unchanged":
                    result.action = "updated"
            return result
    except ValidationError as exc:
        refused = _errors(exc.error_dict, payload["resources"])
        raise SdgkgError(f"{url}: CKAN refused the data: {refused}") from None
    except NotAuthorized:
        raise SdgkgError(
            f"{url}: CKAN refused the API token (not allowed to create or update this data set)"
        ) from None
    except NotFound as exc:
        raise SdgkgError(f"{url}: not found: {exc}") from None
    except CKANAPIError as exc:
        raise SdgkgError(f"{url}: not a CKAN action API answer ({_short(str(exc))})") from None
    except RequestException as exc:
        raise SdgkgError(f"{url}: cannot reach the site ({type(exc).__name__})") from None


def _current(ckan: Any, name: str) -> dict | None:
    from ckanapi.errors import NotFound

    try:
        return dict(ckan.action.package_show(id=name))
    except NotFound:
        return None


def portal_licence(ckan: Any, wanted: str) -> str:
    """The portal's id for the bundle's licence: ``wanted`` when its register has it, else the
    one whose URL is the licence's; a portal with neither is told how to add it."""
    register = ckan.action.license_list()
    ids = {item.get("id") for item in register}
    if wanted in ids:
        return wanted
    target = _plain_url(LICENCE) if wanted in LICENCE_IDS.values() else ""
    for item in register:
        if target and _plain_url(str(item.get("url") or "")) == target:
            return str(item["id"])
    raise SdgkgError(
        f"the portal's licence register has no {wanted} ({LICENCE}); load the Open "
        "Definition licence list (CKAN setting licenses_group_url) or add it"
    )


def _plain_url(url: str) -> str:
    return url.lower().removeprefix("https://").removeprefix("http://").rstrip("/")


# ------------------------------------------------------------------------------ comparing


def holds(current: Any, wanted: Any, key: str = "") -> bool:
    """Whether the portal's value already says what ``wanted`` says: every key sent has the
    same value there (CKAN adds keys of its own: ids, dates, positions); tags by name, the
    organisation by id or name, numbers by their text."""
    if key == "tags":
        return sorted(t["name"] for t in current or []) == sorted(t["name"] for t in wanted)
    if isinstance(wanted, dict):
        return isinstance(current, dict) and all(
            holds(current.get(k), v, k) for k, v in wanted.items()
        )
    if isinstance(wanted, list):
        return (
            isinstance(current, list)
            and len(current) == len(wanted)
            and all(holds(c, w) for c, w in zip(current, wanted, strict=True))
        )
    return current == wanted or (current is not None and str(current) == str(wanted))


def holds_package(current: dict, payload: dict) -> bool:
    """Whether the portal's data set is active and says what ``payload`` says."""
    organisation = current.get("organization") or {}
    owner = payload.get("owner_org")
    if owner and owner not in (current.get("owner_org"), organisation.get("name")):
        return False
    rest = {k: v for k, v in payload.items() if k != "owner_org"}
    return current.get("state") == "active" and holds(current, rest)


def keep_uploads(payload: dict, current: dict) -> dict:
    """Resources whose file the portal already stores (uploaded, same checksum) keep the
    stored file rather than going back to the download URL."""
    stored = {
        r["id"]: r
        for r in current.get("resources", [])
        if r.get("url_type") == "upload" and r.get("hash")
    }
    kept = []
    for resource in payload["resources"]:
        have = stored.get(resource["id"])
        if have is not None and have["hash"] == resource.get("hash"):
            resource = {**resource, "url": have["url"], "url_type": "upload"}
        kept.append(resource)
    return {**payload, "resources": kept}


def _upload(ckan: Any, package: dict, dist: Path, payload: dict) -> int:
    """Send each file of ``dist`` whose resource does not hold it yet; how many were sent."""
    by_id = {r["id"]: r for r in package.get("resources", [])}
    base = str(payload.get("url", "")).removesuffix("index.html")
    sent = 0
    for resource in payload["resources"]:
        if by_id.get(resource["id"], {}).get("url_type") == "upload":
            continue
        path = local_file(dist, resource, base)
        if path is None:
            continue
        with path.open("rb") as handle:
            ckan.action.resource_patch(id=resource["id"], upload=handle)
        sent += 1
    return sent


def local_file(dist: Path, resource: dict, download_base: str) -> Path | None:
    """The file of ``dist`` a resource stands for (to upload it), if any."""
    url = resource.get("url", "")
    if not download_base or not url.startswith(download_base):
        return None
    path = dist / url[len(download_base) :]
    return path if path.is_file() else None


def _errors(error: dict, resources: list[dict]) -> str:
    """CKAN's validation errors in one line; a resource's named by its file."""
    parts = []
    for key, value in sorted(error.items()):
        if key == "__type":
            continue
        if key == "resources" and isinstance(value, list):
            parts += [
                f"resource {resources[i].get('name') or i} ({_message(problem)})"
                for i, problem in enumerate(value)
                if problem and i < len(resources)
            ]
        else:
            parts.append(f"{key}: {_message(value)}")
    return _short(", ".join(parts) or str(error))


def _message(value: object) -> str:
    """CKAN's error for a field: a list of messages, or per resource a list of dicts."""
    if isinstance(value, list):
        return "; ".join(_message(v) for v in value if v)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_message(v)}" for k, v in sorted(value.items()) if v)
    return str(value)


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
