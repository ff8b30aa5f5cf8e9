"""Interchange records (schema/practice.schema.json) to and from ``Practice`` rows.

``record_from_practice`` is the one canonical form used by export, API and bulk download:
keys in schema order, codes and languages in vocabulary order, empty values omitted. So an edit
in the admin shows in the export, and export → import → export gives the same bytes.
"""

import datetime
import json

from .vocabulary import CODE_FIELDS, languages, practice_schema, sort_codes

TEXT_FIELDS = ("title", "summary", "description", "results", "lessons", "transferability")
# Model fields that carry the record (everything but the identifier ``slug``).
RECORD_FIELDS = (
    *TEXT_FIELDS,
    "original_language",
    "country",
    "place",
    "region",
    "population",
    "latitude",
    "longitude",
    "period_start",
    "period_end",
    *CODE_FIELDS,
    "organisations",
    "budget_eur",
    "funding",
    "links",
    "license",
    "source",
    "updated",
)


def _text_map(value):
    order = languages()
    return {code: value[code] for code in sorted(value, key=order.index) if value[code]}


def record_from_practice(practice):
    """The practice as a canonical interchange record (a dict in schema key order)."""
    values = {
        "id": practice.slug,
        **{field: _text_map(getattr(practice, field) or {}) for field in TEXT_FIELDS},
        "original_language": practice.original_language,
        "country": practice.country,
        "place": practice.place,
        "region": practice.region,
        "population": practice.population,
        "location": (
            {"lat": practice.latitude, "lon": practice.longitude} if practice.has_location else None
        ),
        "period": (
            {"start": practice.period_start, "end": practice.period_end}
            if practice.period_start is not None
            else None
        ),
        **{field: sort_codes(field, getattr(practice, field) or []) for field in CODE_FIELDS},
        "organisations": [
            {key: organisation[key] for key in ("name", "type", "role") if organisation.get(key)}
            for organisation in practice.organisations or []
        ],
        "budget_eur": practice.budget_eur,
        "funding": list(practice.funding or []),
        "links": [
            {key: link[key] for key in ("url", "title") if link.get(key)}
            for link in practice.links or []
        ],
        "license": practice.license,
        "source": practice.source,
        "updated": practice.updated.isoformat() if practice.updated else None,
    }
    if values["period"] and values["period"]["end"] is None:
        del values["period"]["end"]
    record = {}
    for key in practice_schema()["properties"]:
        value = values.get(key)
        if value is None or value == "" or value == [] or value == {}:
            continue
        record[key] = value
    return record


def fields_from_record(record):
    """Model field values for a valid interchange record (the inverse of the above)."""
    location = record.get("location") or {}
    period = record.get("period") or {}
    updated = record.get("updated")
    return {
        "slug": record["id"],
        **{field: _text_map(record.get(field, {})) for field in TEXT_FIELDS},
        "original_language": record["original_language"],
        "country": record["country"],
        "place": record["place"],
        "region": record.get("region", ""),
        "population": record.get("population"),
        "latitude": location.get("lat"),
        "longitude": location.get("lon"),
        "period_start": period.get("start"),
        "period_end": period.get("end"),
        **{field: sort_codes(field, record.get(field, [])) for field in CODE_FIELDS},
        "organisations": record.get("organisations", []),
        "budget_eur": record.get("budget_eur"),
        "funding": record.get("funding", []),
        "links": record.get("links", []),
        "license": record.get("license", ""),
        "source": record.get("source", ""),
        "updated": datetime.date.fromisoformat(updated) if updated else None,
    }


def dumps(record):
    """One JSON Lines line: compact, UTF-8 text kept as it is."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
