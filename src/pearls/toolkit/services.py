"""Writes of the toolkit. Each runs in one transaction and writes its audit entry; answers of
anonymous respondents are audited without any trace of who they are."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pearls.catalogue import vocabulary
from pearls.core.audit import audit_record

from .models import Assessment, Response, survey_key
from .statements import CODES


def assessment_open(*, municipality, title, actor):
    """Start a new self-assessment round. Raises ValidationError when a round is still open
    (one at a time keeps baseline and follow-up apart) or the title is empty."""
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Give the round a name, for example “Baseline 2026”."))
    with transaction.atomic():
        if (
            Assessment.objects.select_for_update()
            .filter(municipality=municipality, closed_at__isnull=True)
            .exists()
        ):
            raise ValidationError(
                _("A round is still open. Close it before you start the next one.")
            )
        assessment = Assessment.objects.create(
            municipality=municipality, title=title, created_by=actor
        )
        audit_record(action="assessment.open", actor=actor, obj=assessment)
    return assessment


def assessment_close(*, assessment, actor):
    """Close a round: no more answers; its results stay as they are. Idempotent."""
    with transaction.atomic():
        if assessment.closed_at is None:
            assessment.closed_at = timezone.now()
            assessment.save(update_fields=["closed_at"])
            audit_record(action="assessment.close", actor=actor, obj=assessment)
    return assessment


def assessment_reopen(*, assessment, actor):
    """Reopen a closed round (late answers). Raises ValidationError when another round of
    the municipality is open."""
    with transaction.atomic():
        if (
            Assessment.objects.filter(municipality=assessment.municipality, closed_at__isnull=True)
            .exclude(pk=assessment.pk)
            .exists()
        ):
            raise ValidationError(_("Another round is open. Close it first."))
        if assessment.closed_at is not None:
            assessment.closed_at = None
            assessment.save(update_fields=["closed_at"])
            audit_record(action="assessment.reopen", actor=actor, obj=assessment)
    return assessment


def assessment_new_link(*, assessment, actor):
    """Replace the survey link: the old one stops working at once."""
    with transaction.atomic():
        assessment.survey_key = survey_key()
        assessment.save(update_fields=["survey_key"])
        audit_record(action="assessment.new_link", actor=actor, obj=assessment)
    return assessment


def _clean_answers(answers):
    """Only known statements, values 1–5 or None ("don't know"); every statement answered."""
    cleaned = {}
    for code in CODES:
        value = answers.get(code, "missing")
        if value is None or (isinstance(value, int) and 1 <= value <= 5):
            cleaned[code] = value
        else:
            raise ValidationError(_("Answer every statement, or choose “Don't know”."))
    return cleaned


def response_save(
    *, assessment, answers, kind, user=None, submission_key=None, organisation_type="", language=""
):
    """Record a respondent's answers. A team member has one response per round, which this
    replaces; an anonymous stakeholder's form carries ``submission_key``, so sending the same
    form twice updates one response instead of counting twice.

    Raises ValidationError when the round is closed, an answer is missing or out of range, or
    the sector is not in the vocabulary; nothing is saved then.
    """
    cleaned = _clean_answers(answers)
    if organisation_type and organisation_type not in vocabulary.codes("organisation_types"):
        raise ValidationError(_("Choose a sector from the list."))
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if not locked.is_open:
            raise ValidationError(_("This round is closed: answers are no longer accepted."))
        fields = {
            "kind": kind,
            "answers": cleaned,
            "organisation_type": organisation_type,
            "language": language,
        }
        if user is not None:
            response, created = Response.objects.update_or_create(
                assessment=locked, user=user, defaults=fields
            )
        else:
            try:
                with transaction.atomic():
                    response, created = Response.objects.update_or_create(
                        assessment=locked,
                        submission_key=submission_key,
                        user=None,
                        defaults=fields,
                    )
            except IntegrityError:  # the key belongs to another round: refuse, change nothing
                raise ValidationError(
                    _("This form was already used. Open the link again.")
                ) from None
        audit_record(
            action="assessment.answer" if created else "assessment.answer_change",
            actor=user,
            obj=locked,
            details={"kind": kind},
        )
    return response
