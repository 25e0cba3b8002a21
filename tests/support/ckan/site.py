"""Set up the test portal; runs in CKAN's own virtual environment (see README.md).

python site.py schema OUT     the portal's scheming schema, written to OUT
python site.py admin INI      a sysadmin, an API token and an organisation, as JSON
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ADMIN = "sdgkg-test-admin"
ORGANISATION = "hai-phong"
LANGUAGES = ["en", "vi"]


def translated(name: str, label: str) -> dict:
    """A field holding one text per language, as ckanext-dcat's dcat_ap_multilingual.yaml
    declares them (there through ckanext-fluent's presets; see translated_text.py)."""
    return {
        "field_name": f"{name}_translated",
        "label": label,
        "validators": "ignore_missing fluent_text",
        "output_validators": "fluent_text_output",
    }


def schema(out: Path) -> None:
    """ckanext-dcat's dcat_ap_full.yaml, with translated title and description fields."""
    import yaml
    from ckanext.dcat import schemas

    full = yaml.safe_load((Path(schemas.__file__).parent / "dcat_ap_full.yaml").read_text())
    full["about"] = "ckanext-dcat's dcat_ap_full.yaml with translated titles and descriptions"
    full["form_languages"] = LANGUAGES

    def insert_after(fields: list[dict], name: str, new: list[dict]) -> None:
        at = next(i for i, field in enumerate(fields) if field["field_name"] == name)
        fields[at + 1 : at + 1] = new

    insert_after(
        full["dataset_fields"],
        "notes",
        [translated("title", "Title (translations)"), translated("notes", "Description")],
    )
    insert_after(
        full["resource_fields"],
        "description",
        [translated("name", "Name (translations)"), translated("description", "Description")],
    )
    out.write_text(yaml.safe_dump(full, allow_unicode=True, sort_keys=False), encoding="utf-8")


def admin(ini: str) -> None:
    """A sysadmin with an API token, and the organisation the tests publish into."""
    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    app = make_app(load_config(ini))
    with app._wsgi_app.test_request_context():  # type: ignore[attr-defined]
        import ckan.model as model
        from ckan.logic import get_action

        site_user = get_action("get_site_user")({"ignore_auth": True}, {})
        context = {"user": site_user["name"], "ignore_auth": True}
        get_action("user_create")(
            dict(context),
            {"name": ADMIN, "email": "admin@example.org", "password": "not-a-secret-2026"},
        )
        user = model.User.get(ADMIN)
        user.sysadmin = True
        model.Session.commit()
        token = get_action("api_token_create")(
            {"user": ADMIN, "ignore_auth": True}, {"user": ADMIN, "name": "sdgkg tests"}
        )["token"]
        get_action("organization_create")(
            {"user": ADMIN, "ignore_auth": True},
            {"name": ORGANISATION, "title": "Hai Phong People's Committee (test)"},
        )
    print(json.dumps({"user": ADMIN, "token": token, "organisation": ORGANISATION}))


if __name__ == "__main__":
    command, argument = sys.argv[1], sys.argv[2]
    if command == "schema":
        schema(Path(argument))
    elif command == "admin":
        admin(argument)
    else:
        raise SystemExit(f"unknown command {command!r}")
