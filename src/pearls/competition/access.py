"""Who may do what in the competition. Every competition view asks these predicates.

Editions (settings, calendar, criteria, phases) are run by the programme secretariat alone;
forbidden pages answer 404 like missing ones.
"""

from django.http import Http404

from pearls.accounts import access as accounts_access
from pearls.accounts.models import Municipality

from .models import Application, Edition


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
