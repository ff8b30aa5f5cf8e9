"""Demo self-assessment rounds for the demo team's town (development only): a closed baseline
and an open follow-up, so that the results page, the radar and the change between rounds have
something to show. Answers are generated, not anyone's real opinion."""

import random
import uuid
from datetime import timedelta

from django.utils import timezone

from .models import Assessment
from .services import assessment_close, response_save
from .statements import DIMENSION_OF, STATEMENTS

# Per dimension: the centre of the generated answers in the baseline and the follow-up.
LEVELS = {
    "belonging": (4.2, 4.4),
    "trust": (3.2, 3.6),
    "participation": (2.4, 3.3),
    "inclusion": (2.6, 3.0),
    "wellbeing": (2.2, 2.9),
    "cooperation": (3.4, 3.6),
    "adaptability": (3.0, 3.1),
    "preparedness": (2.0, 2.3),
}


def _answers(rng, which):
    answers = {}
    for code in (c for items in STATEMENTS.values() for c, _t in items):
        if rng.random() < 0.06:
            answers[code] = None  # don't know
            continue
        centre = LEVELS[DIMENSION_OF[code]][which]
        answers[code] = max(1, min(5, round(rng.gauss(centre, 0.8))))
    return answers


def assessments_create(municipality, team):
    """Two rounds for ``municipality`` answered by ``team`` (users) and six stakeholders each.
    Idempotent: does nothing when the town has rounds already."""
    if Assessment.objects.filter(municipality=municipality).exists():
        return 0
    rng = random.Random(2026)
    created = 0
    for which, title in enumerate(("Baseline 2025", "Follow-up 2026")):
        assessment = Assessment.objects.create(municipality=municipality, title=title)
        for user in team:
            response_save(
                assessment=assessment, answers=_answers(rng, which), kind="team", user=user
            )
        for _stakeholder in range(6):
            response_save(
                assessment=assessment,
                answers=_answers(rng, which),
                kind="stakeholder",
                submission_key=uuid.uuid4(),
                organisation_type=rng.choice(
                    ["ngo", "school", "cultural_institution", "business", ""]
                ),
            )
        if which == 0:
            assessment_close(assessment=assessment, actor=None)
            Assessment.objects.filter(pk=assessment.pk).update(
                opened_at=timezone.now() - timedelta(days=400),
                closed_at=timezone.now() - timedelta(days=340),
            )
        created += 1
    return created
