"""Validation of interchange records against the project's unchanged copy of the schema.

Every problem comes back as a translated sentence with its field path, so an import can list
them all with line numbers and write nothing.
"""

from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker

from .vocabulary import practice_schema


@dataclass(frozen=True)
class RecordError:
    path: str
    message: str
    # The record path the problem belongs to: the path, or for a missing field the field's own
    # path (forms put the message beside that input).
    field: str = ""

    def __str__(self):
        return f"{self.path}: {self.message}" if self.path else self.message


@cache
def _validator():
    schema = practice_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _message(error):
    """A clear sentence for the common kinds of error; jsonschema's own text otherwise."""
    kind, value = error.validator, error.instance
    if "propertyNames" in error.schema_path:
        return _("unknown language %(value)r") % {"value": value}
    if kind == "enum":
        return _("unknown code %(value)r; allowed: %(allowed)s") % {
            "value": value,
            "allowed": ", ".join(str(code) for code in error.validator_value),
        }
    if kind == "maxLength":
        return _("text is too long: %(length)d characters, at most %(limit)d allowed") % {
            "length": len(value),
            "limit": error.validator_value,
        }
    if kind == "minLength":
        return _("must not be empty")
    if kind == "required":
        return _("required field %(field)s is missing") % {
            "field": error.message.split("'")[1] if "'" in error.message else error.message
        }
    if kind == "additionalProperties":
        return _("unknown field: %(detail)s") % {"detail": error.message}
    if kind == "format":
        return _("%(value)r is not a valid %(format)s") % {
            "value": value,
            "format": error.validator_value,
        }
    if kind == "pattern":
        return _("%(value)r does not match the required pattern %(pattern)s") % {
            "value": value,
            "pattern": error.validator_value,
        }
    if kind == "type":
        return _("%(value)r must be of type %(type)s") % {
            "value": value,
            "type": error.validator_value,
        }
    return error.message


def record_errors(record):
    """All schema errors of one record, sorted by field path (empty list when valid)."""
    if not isinstance(record, dict):
        return [RecordError("", _("a record must be a JSON object"))]
    errors = []
    for error in _validator().iter_errors(record):
        path = "/".join(str(part) for part in error.absolute_path)
        field = path
        if error.validator == "required" and "'" in error.message:
            missing = error.message.split("'")[1]
            field = f"{path}/{missing}" if path else missing
        errors.append(RecordError(path, _message(error), field))
    return sorted(errors, key=lambda error: error.path)
