"""Demo data of the competition: an edition whose call is open, so the demo can apply."""

import datetime

from django.db import transaction
from django.utils import timezone

from .models import Edition, Milestone
from .services import criteria_defaults_create, questions_defaults_create


def edition_call_create(now=None):
    """ "Cultural Pearls 2028", in the call phase, with an application deadline one month
    from now (23:59 in Warsaw), the default criteria and application form. Idempotent: an
    existing 2028 edition keeps its phase and deadline. Returns the edition."""
    now = now or timezone.now()
    with transaction.atomic():
        edition, made = Edition.objects.get_or_create(
            title_year=2028,
            defaults={"name": "Cultural Pearls 2028", "phase": Edition.Phase.CALL},
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
