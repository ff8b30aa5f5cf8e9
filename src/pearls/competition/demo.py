"""Demo data of the competition: the 2027 edition with its call open, so that a newcomer can try
the whole flow (the real 2024–2026 editions are history: competition.demo_history)."""

import datetime

from django.db import transaction
from django.utils import timezone

from .models import Edition, Milestone
from .services import criteria_defaults_create, questions_defaults_create

CALL_YEAR = 2027


def edition_call_create(now=None):
    """ "Cultural Pearls 2027", in the call phase, with an application deadline one month
    from now (23:59 in Warsaw), the default criteria and application form. Idempotent: an
    existing 2027 edition keeps its phase and deadline (one without a deadline gets it).
    Returns the edition."""
    now = now or timezone.now()
    with transaction.atomic():
        edition, made = Edition.objects.get_or_create(
            title_year=CALL_YEAR,
            defaults={"name": f"Cultural Pearls {CALL_YEAR}", "phase": Edition.Phase.CALL},
        )
        criteria_defaults_create(edition)
        questions_defaults_create(edition)
        if made or not edition.milestones.filter(kind=Milestone.Kind.APPLICATION_DEADLINE).exists():
            day = (now.astimezone(edition.zone) + datetime.timedelta(days=30)).date()
            Milestone.objects.update_or_create(
                edition=edition,
                kind=Milestone.Kind.APPLICATION_DEADLINE,
                defaults={"local_date": day, "local_time": datetime.time(23, 59)},
            )
    return edition
