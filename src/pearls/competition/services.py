"""Writes of the competition's editions: settings, calendar, criteria, copies and phase moves.
Each runs in one transaction and writes its audit entry."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pearls.core.audit import audit_record

from . import defaults
from .models import Criterion, Decision, Edition, Milestone, Question

Phase = Edition.Phase
ORDER = list(Phase.values)
SETTINGS = [
    "name",
    "time_zone",
    "titles",
    "max_per_country",
    "extra_title",
    "extra_title_country_rule",
    "tie_threshold",
    "seed_money_max",
]

QUESTION_FIELDS = [
    "key",
    "label",
    "help",
    "kind",
    "required",
    "word_limit",
    "options",
    "file_types",
    "max_size_mb",
    "position",
]


def criteria_defaults_create(edition):
    """Give an edition without criteria the programme's published ones (weight 1, 1–10)."""
    for stage, items in (
        (Criterion.Stage.PRE_SELECTION, defaults.PRE_SELECTION),
        (Criterion.Stage.FINAL, defaults.FINAL),
    ):
        for position, (code, label) in enumerate(items):
            Criterion.objects.get_or_create(
                edition=edition,
                stage=stage,
                code=code,
                defaults={"label": label, "position": position},
            )


def questions_defaults_create(edition):
    """Give an edition the programme's default application form (``defaults.QUESTIONS``).

    Idempotent: questions whose key the edition already has are left as they are."""
    for position, (key, kind, label, help_text, extra) in enumerate(defaults.QUESTIONS):
        Question.objects.get_or_create(
            edition=edition,
            key=key,
            defaults={
                "kind": kind,
                "label": label,
                "help": help_text,
                "position": position,
                "required": extra.get("required", True),
                "word_limit": extra.get("words"),
                "file_types": extra.get("file_types", "pdf"),
                "max_size_mb": extra.get("max_size_mb", 10),
            },
        )


def edition_create(*, title_year, name, actor, time_zone="Europe/Warsaw"):
    """A new edition with the default criteria and application form. Raises ValidationError
    when the year exists."""
    with transaction.atomic():
        if Edition.objects.filter(title_year=title_year).exists():
            raise ValidationError(
                _("There is already an edition for %(year)s.") % {"year": title_year}
            )
        edition = Edition.objects.create(title_year=title_year, name=name, time_zone=time_zone)
        criteria_defaults_create(edition)
        questions_defaults_create(edition)
        audit_record(action="edition.create", actor=actor, obj=edition)
    return edition


def _shift(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def edition_copy(*, source, title_year, name, actor):
    """A new edition with the settings, criteria, application form and calendar of ``source``,
    its dates moved by the difference in title years. Raises ValidationError when the year
    exists."""
    with transaction.atomic():
        if Edition.objects.filter(title_year=title_year).exists():
            raise ValidationError(
                _("There is already an edition for %(year)s.") % {"year": title_year}
            )
        edition = Edition.objects.create(
            title_year=title_year,
            name=name,
            eligibility_rules=source.eligibility_rules,
            **{field: getattr(source, field) for field in SETTINGS if field != "name"},
        )
        years = title_year - source.title_year
        Criterion.objects.bulk_create(
            Criterion(
                edition=edition,
                stage=c.stage,
                code=c.code,
                label=c.label,
                guidance=c.guidance,
                weight=c.weight,
                scale_min=c.scale_min,
                scale_max=c.scale_max,
                position=c.position,
            )
            for c in source.criteria.all()
        )
        Question.objects.bulk_create(
            Question(
                edition=edition,
                **{field: getattr(q, field) for field in QUESTION_FIELDS},
            )
            for q in source.questions.all()
        )
        Milestone.objects.bulk_create(
            Milestone(
                edition=edition,
                kind=m.kind,
                local_date=_shift(m.local_date, years),
                local_time=m.local_time,
            )
            for m in source.milestones.all()
        )
        audit_record(
            action="edition.copy", actor=actor, obj=edition, details={"from": source.title_year}
        )
    return edition


def edition_settings_save(*, edition, values, actor):
    """Save the edition's rules (``values``: the SETTINGS fields, validated by the form)."""
    with transaction.atomic():
        fields = [*SETTINGS, "jury_chair"]  # the chair is the edition's own, never copied
        changed = [f for f in fields if f in values and getattr(edition, f) != values[f]]
        for field in changed:
            setattr(edition, field, values[field])
        edition.full_clean()
        edition.save()
        if changed:
            audit_record(action="edition.settings", actor=actor, obj=edition, changed=changed)
    return edition


def _passed(edition, kind, now):
    moment = edition.deadline(kind)
    return moment is not None and now >= moment


def phase_blockers(edition, target, now=None):
    """Why ``edition`` cannot move to phase ``target`` now: a list of sentences (empty: it
    can). Only the next phase or the one before may be chosen; each step forward has its
    guard."""
    now = now or timezone.now()
    current = ORDER.index(edition.phase)
    wanted = ORDER.index(target)
    if abs(wanted - current) != 1:
        return [_("An edition moves one phase at a time.")]
    if wanted < current:
        # a published decision stands: the jury may not score again behind it
        if edition.phase == Phase.RESULTS and (
            Decision.objects.filter(edition=edition, published_at__isnull=False).exists()
        ):
            return [_("The decision is published: the jury phase cannot be reopened.")]
        return []
    milestones = {m.kind for m in edition.milestones.all()}
    stages = set(edition.criteria.values_list("stage", flat=True))
    K = Milestone.Kind
    found = []
    if target == Phase.CALL:
        if K.APPLICATION_DEADLINE not in milestones:
            found.append(_("Set the application deadline first."))
        if Criterion.Stage.PRE_SELECTION not in stages:
            found.append(_("Set the pre-selection criteria first."))
    elif target == Phase.PRE_SELECTION:
        if not _passed(edition, K.APPLICATION_DEADLINE, now):
            found.append(_("The application deadline has not passed yet."))
    elif target == Phase.DEVELOPMENT:
        if K.PLAN_DEADLINE not in milestones:
            found.append(_("Set the plan deadline first."))
        if Criterion.Stage.FINAL not in stages:
            found.append(_("Set the final-selection criteria first."))
    elif target == Phase.JURY:
        if not _passed(edition, K.PLAN_DEADLINE, now):
            found.append(_("Plans are still open: the plan deadline has not passed yet."))
    elif target == Phase.RESULTS:
        if not _passed(edition, K.JURY_DEADLINE, now):
            found.append(_("The jury's deadline has not passed yet."))
        if not Decision.objects.filter(edition=edition).exists():
            found.append(_("Record the jury's decision first."))
    elif target == Phase.TITLE_YEAR:
        starts = datetime.datetime(edition.title_year, 1, 1, tzinfo=edition.zone)
        if now < starts:
            found.append(_("The title year has not begun yet."))
    elif target == Phase.CLOSED:
        ends = datetime.datetime(edition.title_year + 1, 1, 1, tzinfo=edition.zone)
        if now < ends:
            found.append(_("The title year is not over yet."))
    return found


def edition_phase_move(*, edition, target, actor, now=None):
    """Move the edition to the phase ``target``. Raises ValidationError with the reasons when
    a guard refuses (see ``phase_blockers``); nothing changes then."""
    with transaction.atomic():
        locked = Edition.objects.select_for_update().get(pk=edition.pk)
        blockers = phase_blockers(locked, target, now)
        if blockers:
            raise ValidationError(blockers)
        before = locked.phase
        locked.phase = target
        locked.save(update_fields=["phase"])
        audit_record(
            action="edition.phase",
            actor=actor,
            obj=locked,
            changed=["phase"],
            details={"from": before, "to": target},
        )
    return locked
