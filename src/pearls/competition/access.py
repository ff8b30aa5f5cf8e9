"""Who may do what in the competition. Every competition view asks these predicates.

Editions (settings, calendar, criteria, phases) are run by the programme secretariat alone;
forbidden pages answer 404 like missing ones.
"""

from django.http import Http404

from pearls.accounts import access as accounts_access

from .models import Edition


def can_manage_editions(user):
    """Create, copy and configure editions and move them between phases: the secretariat."""
    return accounts_access.is_secretariat(user)


def edition_for(user, year):
    """The edition of title year ``year`` if ``user`` may manage it; 404 else."""
    edition = Edition.objects.filter(title_year=year).first() if can_manage_editions(user) else None
    if edition is None:
        raise Http404("No such edition.")
    return edition
