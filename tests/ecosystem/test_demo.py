import pytest

from pearls.accounts.demo import demo_load
from pearls.accounts.models import Municipality
from pearls.ecosystem import selectors
from pearls.ecosystem.demo import ecosystem_create
from pearls.ecosystem.models import CulturalAsset, Relationship, Stakeholder

pytestmark = pytest.mark.django_db


def test_demo_town_has_a_map_of_stakeholders_assets_and_ties():
    demo_load()
    gniew = Municipality.objects.get(slug="gniew")
    counts = (
        Stakeholder.objects.count(),
        CulturalAsset.objects.count(),
        Relationship.objects.count(),
    )
    assert counts[0] >= 8 and counts[1] >= 6 and counts[2] >= 8
    assert len(selectors.sectors_count(selectors.partner_choices(gniew))) >= 4
    located = selectors.assets_of(gniew, {"located": True})
    assert located.filter(name="Gniew Castle").exists()
    for asset in located:
        assert abs(asset.latitude - 53.835) < 0.05 and abs(asset.longitude - 18.824) < 0.05
    assert ecosystem_create(gniew) == 0  # idempotent
    demo_load()
    assert (
        Stakeholder.objects.count(),
        CulturalAsset.objects.count(),
        Relationship.objects.count(),
    ) == counts
