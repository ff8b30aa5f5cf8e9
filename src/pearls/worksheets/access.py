"""Who may do what with the worksheets. Every worksheet view asks these predicates.

A municipality's worksheets belong to its team: every member fills them in (the canvases are
team work, not the coordinator's alone). The national mentors of its country read them to give
advice; the secretariat reads them and may fill them in for a team that asks for help.
"""

from django.http import Http404

from pearls.accounts import access as accounts_access
from pearls.accounts.models import Municipality

from .canvases import canvas_get


def can_view_worksheets(user, municipality):
    """Read the canvases and print them: the team, its country's mentors, the secretariat."""
    return accounts_access.can_view_team(user, municipality)


def can_edit_worksheets(user, municipality):
    """Fill in and save the canvases: every member of the team, and the secretariat."""
    return accounts_access.membership(
        user, municipality
    ) is not None or accounts_access.is_secretariat(user)


def municipality_for_worksheets(user, slug, *, edit=False):
    """The municipality ``slug`` if ``user`` may read (or, with ``edit``, fill in) its
    worksheets. Raises 404 for missing and forbidden alike."""
    municipality = Municipality.objects.filter(slug=slug).first()
    allowed = can_edit_worksheets if edit else can_view_worksheets
    if municipality is None or not allowed(user, municipality):
        raise Http404("No such worksheets.")
    return municipality


def canvas_for(user, slug, key, *, edit=False):
    """``(municipality, canvas)`` for the canvas ``key`` of municipality ``slug`` if ``user``
    may read (or fill in) it. Raises 404 for an unknown canvas, a missing municipality and a
    forbidden one alike."""
    municipality = municipality_for_worksheets(user, slug, edit=edit)
    canvas = canvas_get(key)
    if canvas is None:
        raise Http404("No such canvas.")
    return municipality, canvas
