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


# Documents and public results. A Pearl's certificate and a finalist's feedback letter are its
# municipality's team's once the decision is published; the secretariat reads them as soon as
# the decision is recorded, to check them before publication. The archive's CSV of every score
# is the secretariat's and the jury chair's. An edition's results are public once published.
# Forbidden documents answer 404 like missing ones.


def can_view_outcome_documents(user, municipality, decision):
    """The certificate or feedback letter of ``municipality`` under ``decision``: the
    secretariat once the decision is recorded, the municipality's team once it is published."""
    if decision is None:
        return False
    if accounts_access.is_secretariat(user):
        return True
    if not decision.published:
        return False
    return accounts_access.membership(user, municipality) is not None


def outcome_documents_readable(user, decision, applications):
    """The ids of ``applications`` (of ``decision``'s edition) whose certificate or letter
    ``user`` may read, as ``can_view_outcome_documents`` says, in one query for them all."""
    from pearls.accounts.models import Membership

    if decision is None:
        return set()
    if accounts_access.is_secretariat(user):
        return {application.pk for application in applications}
    if not decision.published or not user.is_authenticated:
        return set()
    towns = set(Membership.objects.filter(user=user).values_list("municipality_id", flat=True))
    return {application.pk for application in applications if application.municipality_id in towns}


def award_for_certificate(user, slug, year):
    """The title won by municipality ``slug`` in the edition of ``year`` if ``user`` may have
    its certificate. Raises 404 for missing and forbidden alike, and when it won no title."""
    from .models import Award

    award = (
        Award.objects.filter(
            application__municipality__slug=slug, decision__edition__title_year=year
        )
        .select_related(
            "decision__edition", "application__municipality", "application__partnership"
        )
        .first()
    )
    if award is None or not can_view_outcome_documents(
        user, award.application.municipality, award.decision
    ):
        raise Http404("No such certificate.")
    return award


def candidate_for_letter(user, slug, year):
    """The application of municipality ``slug`` to the edition of ``year`` if the jury scored
    it (one submitted final sheet at least) and ``user`` may read its feedback letter. Raises
    404 for missing and forbidden alike."""
    from .documents import has_jury_feedback
    from .models import Decision

    application = (
        Application.objects.filter(municipality__slug=slug, edition__title_year=year)
        .select_related("edition", "municipality", "partnership")
        .first()
    )
    decision = Decision.objects.filter(edition__title_year=year).first()
    if (
        application is None
        or not can_view_outcome_documents(user, application.municipality, decision)
        or not has_jury_feedback(application)
    ):
        raise Http404("No such letter.")
    return application


def can_export_scores(user, edition):
    """Every score of ``edition`` as CSV, for the archive: the secretariat, and the chair of
    the edition's jury while they sit on it (with two-factor authentication)."""
    if accounts_access.is_secretariat(user):
        return True
    chair = edition.jury_chair_id is not None and edition.jury_chair_id == user.pk
    return chair and is_juror(user, edition)


def results_withheld(user, edition):
    """The ids of ``edition``'s applications whose scores ``user`` may not read on the results
    page or in the scores CSV although they may open both: none for the secretariat; for the
    jury chair, every application they declared a conflict of interest for (either stage), and
    while the jury still scores (up to the jury phase) every final candidate they have not
    submitted their own final sheet for (blind scoring, as ``preselection.peer_sheets``).
    Two queries for a chair, none for the secretariat."""
    from .models import ScoreSheet
    from .preselection import stage_candidates

    if accounts_access.is_secretariat(user):
        return set()
    withheld = set(
        ConflictOfInterest.objects.filter(edition=edition, user=user).values_list(
            "application_id", flat=True
        )
    )
    scoring = edition.phase not in (
        Edition.Phase.RESULTS,
        Edition.Phase.TITLE_YEAR,
        Edition.Phase.CLOSED,
    )
    if scoring:
        own = ScoreSheet.objects.filter(
            user=user, stage=Criterion.Stage.FINAL, submitted_at__isnull=False
        )
        withheld |= set(
            stage_candidates(edition, Criterion.Stage.FINAL)
            .exclude(pk__in=own.values("application_id"))
            .values_list("pk", flat=True)
        )
    return withheld


def scores_edition_for(user, year):
    """The edition of ``year`` if ``user`` may export its scores. Raises 404 else."""
    edition = Edition.objects.filter(title_year=year).first()
    if edition is None or not can_export_scores(user, edition):
        raise Http404("No such edition.")
    return edition


# Results. The secretariat reads the results of the final selection, records the jury's
# decision and publishes it; the edition's jury chair, while a juror of the edition, reads the
# same page without its forms. Forbidden pages answer 404 like missing ones.


def can_view_results(user, edition):
    """The results view of ``edition``: the secretariat, and the edition's jury chair when
    they sit on its jury (with two-factor authentication)."""
    if accounts_access.is_secretariat(user):
        return True
    return (
        edition.jury_chair_id is not None
        and edition.jury_chair_id == getattr(user, "pk", None)
        and is_juror(user, edition)
    )


def can_decide(user):
    """Record and publish the jury's decision: the secretariat (the services refuse outside the
    jury phase and once the decision is published)."""
    return accounts_access.is_secretariat(user)


def results_edition_for(user, year):
    """The edition of ``year`` (its milestones read) if ``user`` may read its results. Raises
    404 for missing and forbidden alike."""
    edition = Edition.objects.filter(title_year=year).prefetch_related("milestones").first()
    if edition is None or not can_view_results(user, edition):
        raise Http404("No such edition.")
    return edition
