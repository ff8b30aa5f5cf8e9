"""The controlled vocabularies of the interchange format (schema/vocabulary.json).

Codes are identifiers; their labels are interface text, translated in the .po catalogues
(see ``vocabulary_labels``). Everything here reads the project's unchanged copy of the schema.
"""

import json
from functools import cache
from pathlib import Path

from django_countries import countries

from .vocabulary_labels import LABELS

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"

# Vocabularies a practice is classified by, in the order the interchange record lists them.
CODE_FIELDS = ("challenges", "dimensions", "domains", "target_groups")


@cache
def vocabulary():
    return json.loads((SCHEMA_DIR / "vocabulary.json").read_text(encoding="utf-8"))


@cache
def practice_schema():
    return json.loads((SCHEMA_DIR / "practice.schema.json").read_text(encoding="utf-8"))


def codes(name):
    """The codes of one vocabulary, in the schema's order."""
    return list(vocabulary()[name])


def label(name, code):
    """The translated label of ``code`` in vocabulary ``name`` (the code itself if unknown)."""
    return LABELS.get((name, code), code)


def choices(name):
    """(code, translated label) pairs for a form field."""
    return [(code, label(name, code)) for code in codes(name)]


def languages():
    """Content languages a practice may be written in."""
    return list(vocabulary()["languages"])


def programme_countries():
    return list(vocabulary()["programme_countries"]["codes"])


def country_name(code):
    """The country's name in the reader's language."""
    return countries.name(code) or code


def sort_codes(name, values):
    """``values`` in the vocabulary's own order: the canonical order of the interchange record."""
    order = {code: index for index, code in enumerate(codes(name))}
    return sorted(values, key=lambda code: order.get(code, len(order)))
