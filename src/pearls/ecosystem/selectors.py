"""Reads of the ecosystem map: stakeholders, assets and relationships of a municipality, ready
to render, and the choices the action plan builder offers as partners."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from pearls.catalogue import vocabulary

from .models import CulturalAsset, Relationship, Sector, Stakeholder


def stakeholders_of(municipality, filters=None):
    """The municipality's stakeholders by name, each with ``relationship_count``.

    ``filters`` may hold ``sector`` (a Sector code) and ``organisation_type`` (a vocabulary
    code); unknown or empty values are ignored."""
    filters = filters or {}
    found = Stakeholder.objects.filter(municipality=municipality)
    sector = filters.get("sector")
    if sector in Sector.values:
        found = found.filter(sector=sector)
    organisation_type = filters.get("organisation_type")
    if organisation_type in vocabulary.codes("organisation_types"):
        found = found.filter(organisation_type=organisation_type)
    return found.annotate(relationship_count=Count("relationships", distinct=True))


def assets_of(municipality, filters=None):
    """The municipality's cultural assets by name; ``filters`` may hold ``kind``. With
    ``located`` true only those with coordinates."""
    filters = filters or {}
    found = CulturalAsset.objects.filter(municipality=municipality)
    if filters.get("kind") in CulturalAsset.Kind.values:
        found = found.filter(kind=filters["kind"])
    if filters.get("located"):
        found = found.filter(latitude__isnull=False, longitude__isnull=False)
    return found.annotate(relationship_count=Count("relationships", distinct=True))


def relationships_of(municipality, *, stakeholder=None):
    """The municipality's relationships ordered by stakeholder name, with both sides joined
    (ready for ``{% regroup %}`` by stakeholder). ``stakeholder`` limits them to those in which
    it takes part, on either side."""
    found = Relationship.objects.filter(municipality=municipality).select_related(
        "stakeholder", "asset", "other"
    )
    if stakeholder is not None:
        found = found.filter(Q(stakeholder=stakeholder) | Q(other=stakeholder))
    return found.order_by("stakeholder__name", "stakeholder_id", "kind", "pk")


def partner_choices(municipality):
    """The stakeholders the action plan may name as partners, by name: a queryset for a
    ``ModelChoiceField``/``ModelMultipleChoiceField``. Each has ``sector`` (a ``Sector`` code),
    ``get_sector_display()`` and ``organisation_type`` (a vocabulary code)."""
    return Stakeholder.objects.filter(municipality=municipality).order_by("name", "pk")


@dataclass(frozen=True)
class SectorCount:
    code: str
    label: str
    count: int


def sectors_count(stakeholders, *, include_empty=False):
    """How many of ``stakeholders`` (a queryset or any iterable of Stakeholder) belong to each
    sector: [SectorCount] in the order of ``Sector``; sectors with none only with
    ``include_empty``. ``len(sectors_count(partners))`` is the number of sectors covered."""
    if isinstance(stakeholders, QuerySet):
        # a fresh query: annotations of the given queryset would spoil the grouping
        rows = (
            Stakeholder.objects.filter(pk__in=stakeholders.values("pk"))
            .order_by()
            .values("sector")
            .annotate(n=Count("pk"))
        )
        counts = Counter({row["sector"]: row["n"] for row in rows})
    else:
        counts = Counter(stakeholder.sector for stakeholder in stakeholders)
    return [
        SectorCount(code, str(label), counts.get(code, 0))
        for code, label in Sector.choices
        if include_empty or counts.get(code)
    ]
