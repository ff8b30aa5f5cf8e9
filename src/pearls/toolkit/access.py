"""Who may do what in the toolkit. Every toolkit view asks these predicates.

A municipality's toolkit belongs to its team: members answer and read the results, the
coordinator runs the rounds. The national mentors of its country and the secretariat read it
(and the secretariat may act for a team that asks for help). Anyone with a round's survey link
may answer it while it is open, without an account.
"""

from django.http import Http404

from pearls.accounts import access as accounts_access

from .models import Assessment


def can_view_toolkit(user, municipality):
    """Results, rounds and answers in aggregate: the team, its country's mentors, the
    secretariat."""
    return accounts_access.can_view_team(user, municipality)


def can_run_assessment(user, municipality):
    """Start, close and reopen rounds, replace the survey link: the coordinator and the
    secretariat."""
    return accounts_access.can_manage_team(user, municipality)


def can_answer_assessment(user, assessment):
    """Answer as a team member: members of the municipality's team, while the round is open."""
    return (
        assessment.is_open and accounts_access.membership(user, assessment.municipality) is not None
    )


def municipality_for_toolkit(user, slug, *, manage=False):
    """The municipality ``slug`` if ``user`` may see (or, with ``manage``, run) its toolkit.
    Raises 404 for missing and forbidden alike. The toolkit belongs to the team, so the
    team's own check decides."""
    return accounts_access.municipality_for_team(user, slug, manage=manage)


def assessment_for(user, slug, pk, *, manage=False):
    """The round ``pk`` of municipality ``slug`` if ``user`` may see (or run) it; 404 else."""
    municipality = municipality_for_toolkit(user, slug, manage=manage)
    assessment = Assessment.objects.filter(municipality=municipality, pk=pk).first()
    if assessment is None:
        raise Http404("No such round.")
    assessment.municipality = municipality
    return assessment


def assessment_for_survey(key):
    """The open round behind a survey link; 404 for an unknown key or a closed round."""
    assessment = (
        Assessment.objects.select_related("municipality").filter(survey_key=key).first()
        if key
        else None
    )
    if assessment is None or not assessment.is_open:
        raise Http404("No such survey.")
    return assessment
