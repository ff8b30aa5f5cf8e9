import pytest

from pearls.accounts.demo import demo_load
from pearls.accounts.models import Municipality
from pearls.worksheets import selectors
from pearls.worksheets.demo import worksheets_create
from pearls.worksheets.models import WorksheetAnswer

pytestmark = pytest.mark.django_db


def test_demo_town_has_three_worksheets_and_agreement_partners():
    demo_load()
    demo_load()  # idempotent
    gniew = Municipality.objects.get(slug="gniew")
    assert set(WorksheetAnswer.objects.values_list("canvas", flat=True)) == {
        "entry-point",
        "ecosystem-mapping",
        "collaboration-agreement",
    }
    assert set(WorksheetAnswer.objects.values_list("revision", flat=True)) == {1}
    partners = selectors.agreement_partners(gniew)
    assert partners[0] == {"name": "Gniew Cultural Centre", "role": "lead, venues and staff"}
    assert {"name": "Seniors' Club 'Złota Jesień'", "role": "volunteers"} in partners
    assert all(partner["role"] for partner in partners)
    progress = {
        row["canvas"].key: (row["answered"], row["total"])
        for step in selectors.worksheets_of(gniew)
        for row in step["canvases"]
    }
    assert progress["entry-point"] == (6, 6)
    assert progress["preparedness"] == (0, 6)
    assert worksheets_create(gniew) == 0
