"""Reminders to the jury of the final selection.

The scoring itself uses the pre-selection services with ``stage=Criterion.Stage.FINAL`` (see
``preselection.py``). This module finds the jurors who still have candidates to score and
e-mails them, at most once per juror and calendar day (in ``settings.TIME_ZONE``).

The once-a-day rule is kept in the audit log rather than on a model of its own: each reminder
writes a ``jury.remind`` entry about the juror (their opaque id), and a juror with such an
entry since the start of today is skipped. The log is append-only and already written in the
same transaction as the e-mail is queued, so no extra table or migration is needed.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from pearls.accounts.models import RoleAssignment
from pearls.core.audit import audit_record
from pearls.core.mail import mail_send
from pearls.core.models import AuditEntry

from .models import ConflictOfInterest, Criterion, Edition, Milestone, ScoreSheet
from .preselection import stage_candidates

STAGE = Criterion.Stage.FINAL
REMIND_ACTION = "jury.remind"


@dataclass
class Pending:
    """One edition in which a juror still has candidates to score."""

    edition: Edition
    count: int
    deadline: datetime.datetime | None
    url: str = ""


@dataclass
class Reminder:
    """A juror to remind (or reminded), with the editions they are late in."""

    user: object
    items: list = field(default_factory=list)

    @property
    def count(self):
        return sum(item.count for item in self.items)


def jury_pending_count(*, edition, user):
    """How many candidates of ``edition`` ``user`` still has to submit a sheet for: those
    scored at the final stage, without a conflict declared and without a submitted sheet.
    Reads only."""
    conflicted = ConflictOfInterest.objects.filter(edition=edition, user=user, stage=STAGE)
    submitted = ScoreSheet.objects.filter(
        application__edition=edition, user=user, stage=STAGE, submitted_at__isnull=False
    )
    return (
        stage_candidates(edition, STAGE)
        .exclude(pk__in=conflicted.values("application_id"))
        .exclude(pk__in=submitted.values("application_id"))
        .count()
    )


def _reminded_today(user, now):
    start = datetime.datetime.combine(timezone.localdate(now), datetime.time.min)
    start = timezone.make_aware(start)
    return AuditEntry.objects.filter(
        action=REMIND_ACTION,
        object_type="accounts.user",
        object_id=str(user.public_id),
        at__gte=start,
    ).exists()


def jury_reminders_due(*, year=None, now=None):
    """(due, skipped): the jurors of editions in the jury phase (only the edition of ``year``
    when given) with candidates left to score, as Reminders; ``due`` holds those not reminded
    yet today, ``skipped`` those already reminded today. Reads only."""
    now = now or timezone.now()
    editions = Edition.objects.filter(phase=Edition.Phase.JURY).prefetch_related("milestones")
    if year is not None:
        editions = editions.filter(title_year=year)
    by_user = {}
    for edition in editions.order_by("title_year"):
        deadline = edition.deadline(Milestone.Kind.JURY_DEADLINE)
        for assignment in (
            RoleAssignment.objects.filter(
                role=RoleAssignment.Role.JURY, edition=edition, user__is_active=True
            )
            .select_related("user")
            .order_by("user__email")
        ):
            user = assignment.user
            count = jury_pending_count(edition=edition, user=user)
            if count:
                reminder = by_user.setdefault(user.pk, Reminder(user=user))
                reminder.items.append(Pending(edition=edition, count=count, deadline=deadline))
    due, skipped = [], []
    for reminder in by_user.values():
        (skipped if _reminded_today(reminder.user, now) else due).append(reminder)
    return due, skipped


def jury_reminders_send(*, year=None, dry_run=False, now=None):
    """E-mail every juror with candidates left to score in an edition in the jury phase (only
    ``year``'s when given): how many, and the jury deadline in the edition's local time and
    zone; one e-mail per juror, at most one per calendar day.

    Returns (sent, skipped) as lists of Reminders. With ``dry_run`` nothing is sent or
    written and ``sent`` lists who would be reminded. Each reminder is queued after its own
    commit (the juror's row is locked, so two runs at once never remind twice) and audited as
    ``jury.remind`` about the juror (their opaque id; the audit entry is what the once-a-day
    rule reads)."""
    now = now or timezone.now()
    due, skipped = jury_reminders_due(year=year, now=now)
    if dry_run:
        return due, skipped
    sent = []
    for reminder in due:
        with transaction.atomic():
            user = get_user_model().objects.select_for_update().get(pk=reminder.user.pk)
            if _reminded_today(user, now):
                skipped.append(reminder)
                continue
            language = user.language or settings.LANGUAGE_CODE
            with translation.override(language):
                for item in reminder.items:
                    item.url = settings.PEARLS_SITE_URL.rstrip("/") + reverse(
                        "competition:jury", kwargs={"year": item.edition.title_year}
                    )
            mail_send(
                to=user.email,
                template="jury_reminder",
                context={"items": reminder.items, "count": reminder.count},
                language=language,
            )
            audit_record(
                action=REMIND_ACTION,
                object_type="accounts.user",
                object_id=str(user.public_id),
                details={
                    "editions": [item.edition.title_year for item in reminder.items],
                    "pending": reminder.count,
                },
            )
        sent.append(reminder)
    return sent, skipped
