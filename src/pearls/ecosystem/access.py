"""Who may do what with a municipality's ecosystem map. Every ecosystem view asks these
predicates; templates use them to show or hide the edit links.

The map belongs to the municipality's team: every member keeps it up to date (it is shared
working material, not a coordinator's decision). The national mentors of its country read it
to advise; the secretariat reads it and may edit for a team that asks for help.
"""

from django.http import Http404

from pearls.accounts import access as accounts_access
from pearls.accounts.models import Municipality

from .models import CulturalAsset, Relationship, Stakeholder


def can_view_ecosystem(user, municipality):
    """Stakeholders, assets, grid, map and exports: the team, its country's mentors, the
    secretariat."""
    return accounts_access.can_view_team(user, municipality)


def can_edit_ecosystem(user, municipality):
    """Add, change, delete and import: any member of the team and the secretariat. Mentors
    only read. The same people see the stakeholders' contact e-mails (pages and exports)."""
    return accounts_access.membership(
        user, municipality
    ) is not None or accounts_access.is_secretariat(user)


def municipality_for_ecosystem(user, slug, *, edit=False):
    """The municipality ``slug`` if ``user`` may see (or, with ``edit``, change) its ecosystem
    map. Raises 404 for missing and forbidden alike."""
    municipality = Municipality.objects.filter(slug=slug).first()
    allowed = can_edit_ecosystem if edit else can_view_ecosystem
    if municipality is None or not allowed(user, municipality):
        raise Http404("No such ecosystem map.")
    return municipality


def stakeholder_for(user, slug, pk, *, edit=False):
    """Stakeholder ``pk`` of municipality ``slug`` if ``user`` may see (or change) it; 404
    else, also when it belongs to another municipality."""
    municipality = municipality_for_ecosystem(user, slug, edit=edit)
    stakeholder = Stakeholder.objects.filter(municipality=municipality, pk=pk).first()
    if stakeholder is None:
        raise Http404("No such stakeholder.")
    stakeholder.municipality = municipality
    return stakeholder


def asset_for(user, slug, pk, *, edit=False):
    """Cultural asset ``pk`` of municipality ``slug`` if ``user`` may see (or change) it; 404
    else."""
    municipality = municipality_for_ecosystem(user, slug, edit=edit)
    asset = CulturalAsset.objects.filter(municipality=municipality, pk=pk).first()
    if asset is None:
        raise Http404("No such cultural asset.")
    asset.municipality = municipality
    return asset


def relationship_for(user, slug, pk, *, edit=False):
    """Relationship ``pk`` of municipality ``slug`` if ``user`` may see (or change) it; 404
    else."""
    municipality = municipality_for_ecosystem(user, slug, edit=edit)
    relationship = Relationship.objects.filter(municipality=municipality, pk=pk).first()
    if relationship is None:
        raise Http404("No such relationship.")
    relationship.municipality = municipality
    return relationship
