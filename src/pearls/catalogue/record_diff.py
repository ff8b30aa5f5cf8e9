"""Side-by-side comparison of two interchange records, for the review page."""

import json
from dataclasses import dataclass

from .vocabulary import practice_schema

TEXT_MAPS = ("title", "summary", "description", "results", "lessons", "transferability")


@dataclass
class DiffRow:
    field: str  # record path, e.g. "summary.pl" or "challenges"
    language: str  # the content language of the values ("" when not text)
    before: str
    after: str

    @property
    def changed(self):
        return self.before != self.after


def _show(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ", ".join(value)
    return json.dumps(value, ensure_ascii=False, indent=1)


def record_diff(before, after):
    """One row per field (per language for texts), in the schema's order; ``id`` left out."""
    rows = []
    for key in practice_schema()["properties"]:
        if key == "id":
            continue
        if key in TEXT_MAPS:
            old, new = before.get(key) or {}, after.get(key) or {}
            for language in sorted(set(old) | set(new)):
                rows.append(
                    DiffRow(
                        f"{key}.{language}", language, old.get(language, ""), new.get(language, "")
                    )
                )
            continue
        if key in before or key in after:
            rows.append(DiffRow(key, "", _show(before.get(key)), _show(after.get(key))))
    return rows
