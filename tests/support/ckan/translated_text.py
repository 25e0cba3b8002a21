"""A CKAN plugin giving the portal's translated fields the validators ckanext-dcat looks for:
``fluent_text`` and ``fluent_text_output``, with ckanext-fluent's storage contract (a
``{language: text}`` object, kept as JSON text and given back as an object). It stands in for
ckanext-fluent, whose only PyPI release (2015) is Python 2 code; see README.md. Runs in CKAN's
virtual environment."""

from __future__ import annotations

import json

import ckan.plugins as plugins
from ckan.plugins.toolkit import Invalid


def fluent_text(value: object) -> object:
    """Accept ``{language: text}`` (or its JSON text); store it as JSON text."""
    if value is None or value == "":
        return value
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError as exc:
            raise Invalid(f"expected an object of language: text ({exc})") from None
    if not isinstance(value, dict) or not all(
        isinstance(key, str) and isinstance(text, str) for key, text in value.items()
    ):
        raise Invalid("expected an object of language: text")
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def fluent_text_output(value: object) -> object:
    """The stored JSON text back as an object."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class TranslatedTextPlugin(plugins.SingletonPlugin):
    plugins.implements(plugins.IValidators)

    def get_validators(self) -> dict:
        return {"fluent_text": fluent_text, "fluent_text_output": fluent_text_output}
