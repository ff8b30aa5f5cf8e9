"""Reads of the toolkit: rounds with their counts, results, the previous round, peers."""

from django.db.models import Count, Q

from pearls.accounts.models import Municipality

from . import scoring
from .models import Assessment, Response

PEER_SIZE_RATIO = 2.0  # peers have between half and twice the population


def assessments_of(municipality):
    """The municipality's rounds, newest first, with their number of responses."""
    return Assessment.objects.filter(municipality=municipality).annotate(
        team_responses=Count("responses", filter=Q(responses__kind=Response.Kind.TEAM)),
        stakeholder_responses=Count(
            "responses", filter=Q(responses__kind=Response.Kind.STAKEHOLDER)
        ),
    )


def assessment_results(assessment):
    """``scoring.Results`` of a round."""
    answers = list(assessment.responses.values_list("answers", flat=True))
    return scoring.results(answers)


def assessment_previous(assessment):
    """The round before ``assessment`` that has answers, or None."""
    return (
        Assessment.objects.filter(
            municipality_id=assessment.municipality_id, opened_at__lt=assessment.opened_at
        )
        .filter(responses__isnull=False)
        .distinct()
        .order_by("-opened_at")
        .first()
    )


def response_of(assessment, user):
    return Response.objects.filter(assessment=assessment, user=user).first()


def peers_results(municipality):
    """Results of the latest closed round of every peer town (similar population, another
    town), anonymous: a list, no names."""
    if not municipality.population:
        return []
    low = municipality.population / PEER_SIZE_RATIO
    high = municipality.population * PEER_SIZE_RATIO
    peers = Municipality.objects.filter(population__gte=low, population__lte=high).exclude(
        pk=municipality.pk
    )
    latest = {}
    rounds = (
        Assessment.objects.filter(municipality__in=peers, closed_at__isnull=False)
        .filter(responses__isnull=False)
        .distinct()
        .order_by("municipality_id", "-closed_at")
    )
    for assessment in rounds:
        latest.setdefault(assessment.municipality_id, assessment.pk)
    answers = {}
    for assessment_id, found in Response.objects.filter(
        assessment_id__in=latest.values()
    ).values_list("assessment_id", "answers"):
        answers.setdefault(assessment_id, []).append(found)
    return [scoring.results(found) for found in answers.values()]
