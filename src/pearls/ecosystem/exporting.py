"""CSV of stakeholders and cultural assets. The header row holds stable column codes (not
translated), so that a file exported in one language imports in any other; the import reads the
same codes (see ``services.ecosystem_import``)."""

import csv
import io

STAKEHOLDER_COLUMNS = (
    "name",
    "organisation_type",
    "sector",
    "contact_name",
    "contact_email",
    "influence",
    "interest",
    "notes",
)
ASSET_COLUMNS = (
    "name",
    "kind",
    "description",
    "address",
    "latitude",
    "longitude",
    "notes",
)
COLUMNS = {"stakeholders": STAKEHOLDER_COLUMNS, "assets": ASSET_COLUMNS}
REQUIRED = {"stakeholders": ("name", "organisation_type", "sector"), "assets": ("name", "kind")}
PRIVATE_COLUMNS = frozenset({"contact_email"})


def columns(kind, *, with_contacts):
    """The columns of a ``kind`` export; contact e-mail only for those who may see it."""
    return [c for c in COLUMNS[kind] if with_contacts or c not in PRIVATE_COLUMNS]


def _cell(value):
    if value is None:
        return ""
    return str(value)


def csv_text(kind, records, *, with_contacts):
    """The whole file as text, with a byte-order mark so that spreadsheet programs read it as
    UTF-8 (the import accepts it with or without)."""
    header = columns(kind, with_contacts=with_contacts)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for record in records:
        writer.writerow([_cell(getattr(record, column)) for column in header])
    return buffer.getvalue()
