"""Reading an uploaded CSV file into rows of checked cells, for ``services.ecosystem_import``.

Spreadsheet programs write CSV in many ways: with or without a byte-order mark, with ``,`` or
(in many European languages) ``;`` between cells, and with decimal commas. This module accepts
those and nothing else: text that is not UTF-8, an unknown column or a file too big is refused
with a message that says how to fix it.
"""

import csv
import io

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from pearls.catalogue import vocabulary

from .exporting import COLUMNS, REQUIRED
from .models import CulturalAsset, Sector

MAX_IMPORT_BYTES = 1024 * 1024
MAX_IMPORT_ROWS = 2000


def _read_bytes(file):
    if isinstance(file, bytes | bytearray):
        return bytes(file)
    if hasattr(file, "seek"):
        file.seek(0)
    return file.read(MAX_IMPORT_BYTES + 1)


def _decode(data):
    if len(data) > MAX_IMPORT_BYTES:
        raise ValidationError(
            _(
                "The file is larger than 1 MB. Split it into smaller files and import them "
                "one by one."
            )
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _(
                "The file is not in UTF-8. In your spreadsheet program, save it as "
                "“CSV UTF-8” and try again."
            )
        ) from None
    if not text.strip():
        raise ValidationError(_("The file is empty."))
    return text


def _delimiter(text):
    """``;`` (what spreadsheets in many European languages write) or ``,``, read from the
    header line: it holds only column codes, so counting is reliable."""
    header = text.lstrip().splitlines()[0]
    return ";" if header.count(";") > header.count(",") else ","


def _rows(text, kind):
    """The header (column codes) and [(row number as a spreadsheet shows it, {column: value})]."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        header = [cell.strip().lstrip("\ufeff").lower() for cell in next(reader)]
        rows = []
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue  # empty lines spreadsheets leave at the end
            if len(rows) >= MAX_IMPORT_ROWS:
                raise ValidationError(
                    _(
                        "The file has more than %(limit)s rows. Split it into smaller files "
                        "and import them one by one."
                    )
                    % {"limit": MAX_IMPORT_ROWS}
                )
            rows.append((number, cells))
    except csv.Error as error:
        raise ValidationError(
            _("The file could not be read as CSV: %(problem)s") % {"problem": error}
        ) from None
    known = COLUMNS[kind]
    unknown = [column for column in header if column not in known]
    if unknown:
        raise ValidationError(
            _(
                "Unknown columns: %(unknown)s. The first row must name the columns with these "
                "codes: %(known)s."
            )
            % {"unknown": ", ".join(unknown), "known": ", ".join(known)}
        )
    missing = [column for column in REQUIRED[kind] if column not in header]
    if missing:
        raise ValidationError(
            _("The file has no column %(missing)s. Required columns: %(required)s.")
            % {"missing": ", ".join(missing), "required": ", ".join(REQUIRED[kind])}
        )
    if len(set(header)) != len(header):
        raise ValidationError(_("A column appears twice in the first row."))
    parsed = []
    for number, cells in rows:
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
            raise ValidationError(
                _("Row %(row)s has more cells than the first row has columns.") % {"row": number}
            )
        cells = cells + [""] * (len(header) - len(cells))
        parsed.append((number, {column: cells[i].strip() for i, column in enumerate(header)}))
    return header, parsed


def _lookup(value, options):
    """The code for ``value``: a code itself, or a label in English or the reader's language
    (case does not matter). None when unknown."""
    if value in options:
        return value
    wanted = value.casefold()
    for code, labels in options.items():
        if wanted == code.casefold() or wanted in (label.casefold() for label in labels):
            return code
    return None


def _options(pairs_now, pairs_english):
    options = {code: [str(label)] for code, label in pairs_now}
    for code, label in pairs_english:
        options.setdefault(code, []).append(str(label))
    return options


def choice_options():
    now = {
        "organisation_type": vocabulary.choices("organisation_types"),
        "sector": Sector.choices,
        "kind": CulturalAsset.Kind.choices,
    }
    now = {name: [(code, str(label)) for code, label in pairs] for name, pairs in now.items()}
    english = {"organisation_type": list(vocabulary.vocabulary()["organisation_types"].items())}
    with translation.override("en"):
        english["sector"] = [(code, str(label)) for code, label in Sector.choices]
        english["kind"] = [(code, str(label)) for code, label in CulturalAsset.Kind.choices]
    return {name: _options(now[name], english[name]) for name in now}


def _number(value, cast):
    """A number from a cell; a decimal comma is fine (spreadsheets in Polish write one)."""
    text = value.replace(" ", "")
    if cast is float and "," in text and "." not in text:
        text = text.replace(",", ".")
    return cast(text)


def convert(column, value, options):
    """(converted value, error message or None) for one cell. Empty numbers are None."""
    if column in options:
        if value == "":
            return "", None
        code = _lookup(value, options[column])
        if code is None:
            return value, _("“%(value)s” is not on the list; use one of: %(codes)s.") % {
                "value": value,
                "codes": ", ".join(options[column]),
            }
        return code, None
    if column in ("influence", "interest"):
        if value == "":
            return None, None
        try:
            number = _number(value, int)
        except ValueError:
            number = 0
        if not 1 <= number <= 5:
            return value, _("give a whole number from 1 to 5.")
        return number, None
    if column in ("latitude", "longitude"):
        if value == "":
            return None, None
        try:
            return _number(value, float), None
        except ValueError:
            return value, _("give a number such as 53.835.")
    return value, None


def read_rows(file, kind):
    """[(row number as a spreadsheet shows it, {column: text})] of an uploaded ``file``
    (an uploaded file, any binary file object or bytes) holding ``kind`` records. Raises
    ValidationError for a file over 1 MB or 2,000 rows, not in UTF-8, or with unknown or missing
    columns."""
    _header, rows = _rows(_decode(_read_bytes(file)), kind)
    return rows
