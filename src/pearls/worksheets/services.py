"""Writes of the worksheets. Each runs in one transaction and writes its audit entry (prompt
keys only: what people wrote stays out of the log)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pearls.core.audit import audit_record

from .canvases import canvas_get
from .models import WorksheetAnswer

MAX_TEXT = 4000  # characters in one answer
MAX_ITEMS = 60  # lines in a list answer


class WorksheetConflict(ValidationError):
    """Someone saved the canvas after the person opened it. Nothing was saved; the caller
    shows ``current`` (the stored answers at ``revision``) next to the person's own version
    so that they can merge the two and save again from ``revision``."""

    def __init__(self, *, current, revision, updated_by=None, updated_at=None):
        super().__init__(
            _(
                "Someone else saved this worksheet while you were editing it. Nothing was "
                "overwritten: compare the two versions, merge them and save again."
            ),
            code="conflict",
        )
        self.current = current
        self.revision = revision
        self.updated_by = updated_by
        self.updated_at = updated_at


def _canvas(canvas):
    found = canvas_get(canvas) if isinstance(canvas, str) else canvas
    if found is None:
        raise ValidationError(_("There is no such worksheet."), code="unknown_canvas")
    return found


def answers_clean(canvas, answers):
    """The answers as they would be stored: known prompts only; text trimmed, line endings
    unified, list items one per line without empty lines; empty answers dropped. Raises
    ValidationError for unknown prompts and answers that are too long."""
    unknown = set(answers) - set(canvas.prompt_keys)
    if unknown:
        raise ValidationError(_("This worksheet has no such question."), code="unknown_prompt")
    cleaned = {}
    for prompt in canvas.prompts:
        value = answers.get(prompt.key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise ValidationError(_("Answers must be text."), code="not_text")
        value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
        if prompt.is_list:
            lines = [line.strip() for line in value.split("\n") if line.strip()]
            if len(lines) > MAX_ITEMS:
                raise ValidationError(
                    _("“%(question)s” has more than %(limit)d lines.")
                    % {"question": prompt.label, "limit": MAX_ITEMS},
                    code="too_many_items",
                )
            value = "\n".join(lines)
        if len(value) > MAX_TEXT:
            raise ValidationError(
                _("“%(question)s” is longer than %(limit)d characters.")
                % {"question": prompt.label, "limit": MAX_TEXT},
                code="too_long",
            )
        if value:
            cleaned[prompt.key] = value
    return cleaned


def _conflict(worksheet):
    return WorksheetConflict(
        current=dict(worksheet.answers),
        revision=worksheet.revision,
        updated_by=worksheet.updated_by,
        updated_at=worksheet.updated_at,
    )


def worksheet_save(*, municipality, canvas, answers, base_revision, actor):
    """Save the answers of ``municipality`` to ``canvas`` (a key or a ``Canvas``), replacing
    the previous ones, and count one revision up. Returns the ``WorksheetAnswer``.

    ``answers`` maps prompt keys to text; prompts left out or empty are stored as unanswered.
    ``base_revision`` is the revision the person started from (0 for a worksheet never saved).

    Raises ``WorksheetConflict`` when the stored revision is not ``base_revision`` (someone
    saved in between; nothing changes), ValidationError for an unknown canvas or prompt or an
    answer over the limits. Writes the audit entry ``worksheet.save`` with the changed prompt
    keys. Saving the same answers again changes nothing and writes no entry.
    """
    canvas = _canvas(canvas)
    cleaned = answers_clean(canvas, answers)
    with transaction.atomic():
        worksheet = (
            # only the worksheet's own row is locked (PostgreSQL refuses to lock the nullable
            # side of the join to the person who saved last)
            WorksheetAnswer.objects.select_for_update(of=("self",))
            .select_related("updated_by")
            .filter(municipality=municipality, canvas=canvas.key)
            .first()
        )
        if worksheet is None:
            if base_revision != 0:
                # The worksheet was removed (by the admin) after the person opened it.
                raise WorksheetConflict(current={}, revision=0)
            try:
                with transaction.atomic():
                    worksheet = WorksheetAnswer.objects.create(
                        municipality=municipality, canvas=canvas.key
                    )
            except IntegrityError:  # someone saved the first version at the same moment
                raise _conflict(
                    WorksheetAnswer.objects.get(municipality=municipality, canvas=canvas.key)
                ) from None
        elif worksheet.revision != base_revision:
            raise _conflict(worksheet)
        if worksheet.revision and cleaned == worksheet.answers:
            return worksheet
        changed = {
            key
            for key in set(cleaned) | set(worksheet.answers)
            if cleaned.get(key) != worksheet.answers.get(key)
        }
        worksheet.answers = cleaned
        worksheet.revision += 1
        worksheet.updated_by = actor if getattr(actor, "is_authenticated", False) else None
        worksheet.save()
        audit_record(
            action="worksheet.save",
            actor=actor,
            obj=worksheet,
            changed=changed,
            details={"canvas": canvas.key, "revision": worksheet.revision},
        )
    return worksheet
