"""Writing the open dataset: canonical JSON Lines and a flat CSV of the same records."""

import csv
import json

from .interchange import TEXT_FIELDS, dumps, record_from_practice
from .vocabulary import CODE_FIELDS, languages

CSV_SCALARS = ["id", "original_language", "country", "place", "region", "population"]
CSV_TAIL = ["budget_eur", "funding", "links", "license", "source", "updated"]


def csv_header():
    text_columns = [f"{field}_{lang}" for field in TEXT_FIELDS for lang in languages()]
    return [
        *CSV_SCALARS,
        "lat",
        "lon",
        "period_start",
        "period_end",
        *CODE_FIELDS,
        "organisations",
        *CSV_TAIL,
        *text_columns,
    ]


def csv_row(record):
    """One CSV row for a record: lists joined by " | ", nested objects as JSON."""
    location = record.get("location", {})
    period = record.get("period", {})
    row = {key: record.get(key, "") for key in CSV_SCALARS}
    row.update(
        lat=location.get("lat", ""),
        lon=location.get("lon", ""),
        period_start=period.get("start", ""),
        period_end=period.get("end", "") or "",
        organisations=json.dumps(record["organisations"], ensure_ascii=False)
        if "organisations" in record
        else "",
        budget_eur=record.get("budget_eur", ""),
        funding=" | ".join(record.get("funding", [])),
        links=json.dumps(record["links"], ensure_ascii=False) if "links" in record else "",
        license=record.get("license", ""),
        source=record.get("source", ""),
        updated=record.get("updated", ""),
    )
    for field in CODE_FIELDS:
        row[field] = " | ".join(record.get(field, []))
    for field in TEXT_FIELDS:
        for lang in languages():
            row[f"{field}_{lang}"] = record.get(field, {}).get(lang, "")
    return [row[column] for column in csv_header()]


def iter_records(practices):
    for practice in practices.order_by("slug").iterator(chunk_size=500):
        yield record_from_practice(practice)


def iter_jsonl(practices):
    for record in iter_records(practices):
        yield dumps(record) + "\n"


class _Echo:
    def write(self, value):
        return value


def iter_csv(practices):
    writer = csv.writer(_Echo())
    yield writer.writerow(csv_header())
    for record in iter_records(practices):
        yield writer.writerow(csv_row(record))
