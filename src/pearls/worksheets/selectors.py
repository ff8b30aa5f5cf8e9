"""Reads of the worksheets: progress over the roadmap, one canvas's answers, and the partners
of the collaboration agreement (which the plan builder takes over)."""

import re

from .canvases import PHASES, canvas_get
from .models import WorksheetAnswer

AGREEMENT = "collaboration-agreement"
# "Organisation — role": an em dash, an en dash, a hyphen with spaces around it, or a colon.
_PARTNER_SPLIT = re.compile(r"\s*(?:—|–|\s-\s|:)\s*")
_BULLET = re.compile(r"^(?:[-*•·]|\d+[.)])\s+")


def worksheets_of(municipality):
    """The roadmap with the municipality's progress, phases in order (one query):

    ``[{"phase": Phase, "canvases": [{"canvas": Canvas, "answered": int, "total": int,
    "revision": int, "updated_at": datetime | None}]}]``
    """
    stored = {
        worksheet.canvas: worksheet
        for worksheet in WorksheetAnswer.objects.filter(municipality=municipality).only(
            "canvas", "answers", "revision", "updated_at"
        )
    }
    roadmap = []
    for phase in PHASES:
        rows = []
        for canvas in phase.canvases:
            worksheet = stored.get(canvas.key)
            answers = worksheet.answers if worksheet else {}
            rows.append(
                {
                    "canvas": canvas,
                    "answered": sum(1 for key in canvas.prompt_keys if answers.get(key)),
                    "total": len(canvas.prompts),
                    "revision": worksheet.revision if worksheet else 0,
                    "updated_at": worksheet.updated_at if worksheet else None,
                }
            )
        roadmap.append({"phase": phase, "canvases": rows})
    return roadmap


def worksheet_of(municipality, key):
    """The stored ``WorksheetAnswer`` of canvas ``key`` (with who saved it last), or None."""
    return (
        WorksheetAnswer.objects.select_related("updated_by")
        .filter(municipality=municipality, canvas=key)
        .first()
    )


def worksheet_answers(municipality, key):
    """``{prompt key: text}`` of the municipality's canvas ``key``; ``{}`` when nothing is
    saved. List answers hold one item per line. Raises KeyError for an unknown canvas key."""
    canvas = canvas_get(key)
    if canvas is None:
        raise KeyError(key)
    answers = (
        WorksheetAnswer.objects.filter(municipality=municipality, canvas=key)
        .values_list("answers", flat=True)
        .first()
    ) or {}
    return {k: v for k, v in answers.items() if k in canvas.prompt_keys and v}


def partners_parse(text):
    """``[{"name": …, "role": …}]`` from one partner a line, "Organisation — role"."""
    partners = []
    for line in (text or "").splitlines():
        line = _BULLET.sub("", line.strip()).strip()
        if not line:
            continue
        parts = _PARTNER_SPLIT.split(line, maxsplit=1)
        name = parts[0].strip()
        role = parts[1].strip() if len(parts) > 1 else ""
        if not name:
            name, role = role, ""
        if name:
            partners.append({"name": name, "role": role})
    return partners


def agreement_partners(municipality):
    """The partners of the municipality's collaboration agreement, in the order written:
    ``[{"name": str, "role": str}]`` (role "" when the line names none)."""
    return partners_parse(worksheet_answers(municipality, AGREEMENT).get("partners", ""))
