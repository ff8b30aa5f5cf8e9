"""Reading interchange files: JSON Lines parsed and validated line by line.

Nothing here writes; ``services.practices_import`` writes what this accepted.
"""

import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .validation import record_errors


@dataclass(frozen=True)
class LineError:
    line: int
    path: str
    message: str

    def __str__(self):
        where = _("line %(line)d") % {"line": self.line}
        return f"{where}, {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


@dataclass
class ParsedFile:
    records: list = field(default_factory=list)  # (line number, record) of valid records
    errors: list = field(default_factory=list)  # LineError, in line order
    invalid_lines: set = field(default_factory=set)

    @property
    def total(self):
        return len(self.records) + len(self.invalid_lines)


def parse_jsonl(lines):
    """Parse and validate JSON Lines (an iterable of text lines), collecting every error.

    Blank lines are skipped. A record whose ``id`` repeats an earlier one in the same file is an
    error on the later line (an upsert by id would otherwise silently keep only the last one).
    """
    parsed = ParsedFile()
    first_line_of = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            parsed.errors.append(
                LineError(number, "", _("malformed JSON: %(error)s") % {"error": error.msg})
            )
            parsed.invalid_lines.add(number)
            continue
        problems = [LineError(number, e.path, e.message) for e in record_errors(record)]
        record_id = record.get("id") if isinstance(record, dict) else None
        if isinstance(record_id, str):
            if record_id in first_line_of:
                problems.append(
                    LineError(
                        number,
                        "id",
                        _("duplicate id %(id)r, already used on line %(line)d")
                        % {"id": record_id, "line": first_line_of[record_id]},
                    )
                )
            else:
                first_line_of[record_id] = number
        if problems:
            parsed.errors.extend(problems)
            parsed.invalid_lines.add(number)
        else:
            parsed.records.append((number, record))
    return parsed
