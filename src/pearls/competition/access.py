"""Who may do what in the competition. Every competition view asks these predicates.

Editions (settings, calendar, criteria, phases) are run by the programme secretariat alone;
forbidden pages answer 404 like missing ones.
"""

from django.http import Http404

from pearls.accounts import access as accounts_access
from pearls.accounts.models import Municipality

from .models import Application, ConflictOfInterest, Criterion, Edition


def can_manage_editions(user):
    """Create, copy and configure editions and move them between phases: the secretariat."""
    return accounts_access.is_secretariat(user)


def edition_for(user, year):
    """The edition of title year ``year`` if ``user`` may manage it; 404 else."""
    edition = Edition.objects.filter(title_year=year).first() if can_manage_editions(user) else None
    if edition is None:
        raise Http404("No such edition.")
    return edition


# Applications. A municipality's coordinators apply; its other members follow the application;
# the secretariat sees and helps with every one. Forbidden pages answer 404 like missing ones.


def can_view_application(user, municipality):
    """The application pages of ``municipality``: its team members and the secretariat."""
    return accounts_access.membership(
        user, municipality
    ) is not None or accounts_access.is_secretariat(user)


def can_apply(user, municipality):
    """Start, write, upload and submit: the municipality's coordinators and the secretariat."""
    return accounts_access.is_coordinator(user, municipality) or accounts_access.is_secretariat(
        user
    )


def can_list_applications(user):
    """Every application of an edition, with eligibility decisions: the secretariat."""
    return accounts_access.is_secretariat(user)


def can_decide_eligibility(user):
    """Override the automatic eligibility check, with a reason: the secretariat."""
    return accounts_access.is_secretariat(user)


def call_for(user, slug, year, *, edit=False):
    """(municipality, edition) of ``slug`` and title year ``year`` if ``user`` may see (or,
    with ``edit``, write) its application; an edition still in preparation is not shown.

    Raises 404 for missing and forbidden alike."""
    municipality = Municipality.objects.filter(slug=slug).first()
    edition = (
        Edition.objects.exclude(phase=Edition.Phase.PREPARATION)
        .filter(title_year=year)
        .prefetch_related("milestones")
        .first()
    )
    allowed = can_apply if edit else can_view_application
    if municipality is None or edition is None or not allowed(user, municipality):
        raise Http404("No such application.")
    return municipality, edition


def application_for(user, slug, year, *, edit=False):
    """The application of municipality ``slug`` to the edition of ``year`` if ``user`` may see
    (or, with ``edit``, write) it. Raises 404 for missing and forbidden alike."""
    municipality, edition = call_for(user, slug, year, edit=edit)
    application = (
        Application.objects.filter(edition=edition, municipality=municipality)
        .select_related("edition", "municipality", "partnership")
        .first()
    )
    if application is None:
        raise Http404("No such application.")
    application.edition = edition  # with its milestones read
    return application


def editions_open_for(user, municipality):
    """Editions whose call is open and to which ``user`` may see ``municipality``'s
    application (for the "Apply for the title" link)."""
    if not can_view_application(user, municipality):
        return []
    return list(Edition.objects.filter(phase=Edition.Phase.CALL))


# Pre-selection. The selection committee is named per edition; a member reads and scores the
# submitted applications, except those they declared a conflict of interest for, which they
# no longer see. The secretariat reads everything and records the shortlist. Forbidden pages
# answer 404 like missing ones.


def is_committee(user, edition):
    """A member of ``edition``'s selection committee (with two-factor authentication)."""
    return accounts_access.has_role(user, accounts_access.Role.COMMITTEE, edition=edition)


def can_preselect(user, edition):
    """Score and submit score sheets now: a committee member of ``edition`` while the edition
    is in its pre-selection phase."""
    return is_committee(user, edition) and edition.phase == Edition.Phase.PRE_SELECTION


def can_view_ranking(user):
    """The ranking by weighted score, with every scorer's sheet: the secretariat."""
    return accounts_access.is_secretariat(user)


def can_record_shortlist(user, edition):
    """Record who goes on to the development phase: the secretariat, during pre-selection."""
    return accounts_access.is_secretariat(user) and edition.phase == Edition.Phase.PRE_SELECTION


def preselection_edition_for(user, year):
    """The edition of ``year`` if ``user`` sits on its committee. Raises 404 else."""
    edition = Edition.objects.filter(title_year=year).first()
    if edition is None or not is_committee(user, edition):
        raise Http404("No such edition.")
    return edition


def application_for_scorer(user, year, pk):
    """Application ``pk`` of the edition of ``year`` for its pre-selection page: submitted
    (or already decided), and ``user`` on the committee without a declared conflict of
    interest for it, or the secretariat. Raises 404 for missing and forbidden alike."""
    application = (
        Application.objects.filter(
            pk=pk,
            edition__title_year=year,
            status__in=[
                Application.Status.SUBMITTED,
                Application.Status.SHORTLISTED,
                Application.Status.NOT_SHORTLISTED,
            ],
        )
        .select_related("edition", "municipality", "partnership")
        .first()
    )
    if application is None:
        raise Http404("No such application.")
    if accounts_access.is_secretariat(user):
        return application
    conflicted = ConflictOfInterest.objects.filter(
        user=user, application=application, stage=Criterion.Stage.PRE_SELECTION
    ).exists()
    if not is_committee(user, application.edition) or conflicted:
        raise Http404("No such application.")
    return application


# Final selection. The jury is named per edition; a juror reads and scores the shortlisted
# candidates whose action plan is submitted, except those they declared a conflict of interest
# for (stage final), which they no longer see. Forbidden pages answer 404 like missing ones.


def is_juror(user, edition):
    """A member of ``edition``'s jury (with two-factor authentication)."""
    return accounts_access.has_role(user, accounts_access.Role.JURY, edition=edition)


def can_judge(user, edition):
    """Score and submit final score sheets now: a juror of ``edition`` while the edition is in
    its jury phase."""
    return is_juror(user, edition) and edition.phase == Edition.Phase.JURY


def jury_edition_for(user, year):
    """The edition of ``year`` if ``user`` sits on its jury. Raises 404 else."""
    edition = Edition.objects.filter(title_year=year).first()
    if edition is None or not is_juror(user, edition):
        raise Http404("No such edition.")
    return edition


def candidate_for_juror(user, year, pk):
    """Application ``pk`` of the edition of ``year`` for its jury page: shortlisted with a
    submitted action plan, and ``user`` on the edition's jury without a declared conflict of
    interest (stage final) for it. Raises 404 for missing and forbidden alike."""
    from .preselection import stage_candidates

    edition = jury_edition_for(user, year)
    application = (
        stage_candidates(edition, Criterion.Stage.FINAL)
        .filter(pk=pk)
        .select_related("edition", "municipality", "partnership")
        .first()
    )
    if application is None:
        raise Http404("No such application.")
    conflicted = ConflictOfInterest.objects.filter(
        user=user, application=application, stage=Criterion.Stage.FINAL
    ).exists()
    if conflicted:
        raise Http404("No such application.")
    return application


def candidate_plan(application):
    """The submitted action plan of ``application``'s municipality for its edition."""
    from pearls.plans.models import Plan

    from .preselection import PLAN_SUBMITTED

    return (
        Plan.objects.filter(
            municipality=application.municipality_id,
            edition=application.edition_id,
            state__in=PLAN_SUBMITTED,
        )
        .select_related("municipality", "edition")
        .first()
    )
