import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pearls.accounts.models import RoleAssignment
from pearls.ecosystem import services
from pearls.ecosystem.models import CulturalAsset, Relationship, Stakeholder
from tests.people import give_role, join, make_municipality, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    town = make_municipality("town-a", "PL", official_name="Gniew")
    coordinator, member = make_user(name="Coordinator"), make_user(name="Member")
    join(coordinator, town, "coordinator")
    join(member, town)
    return town, coordinator, member


@pytest.fixture
def mapped(team):
    town, coordinator, _member = team
    centre = services.stakeholder_save(
        municipality=town,
        values={
            "name": "Culture centre",
            "organisation_type": "cultural_institution",
            "sector": "culture",
            "contact_name": "Anna",
            "contact_email": "anna@example.org",
            "influence": 5,
            "interest": 4,
        },
        actor=coordinator,
    )
    club = services.stakeholder_save(
        municipality=town,
        values={"name": "Seniors' club", "organisation_type": "ngo", "sector": "civil"},
        actor=coordinator,
    )
    castle = services.asset_save(
        municipality=town,
        values={"name": "Castle", "kind": "heritage", "latitude": 53.8371, "longitude": 18.8192},
        actor=coordinator,
    )
    services.asset_save(
        municipality=town, values={"name": "Folk ensemble", "kind": "group"}, actor=coordinator
    )
    services.relationship_add(
        municipality=town, stakeholder=centre, kind="owns", asset=castle, actor=coordinator
    )
    return centre, club, castle


def url(name, town, *args):
    return reverse(f"ecosystem:{name}", args=[town.slug, *args])


def test_list_shows_counts_filters_and_edit_links(client, team, mapped, django_assert_num_queries):
    town, _coordinator, member = team
    client.force_login(member)
    with django_assert_num_queries(11):
        page = client.get(url("ecosystem", town)).content.decode()
    assert "Culture centre" in page and "Castle" in page
    assert "anna@example.org" in page
    assert "Culture and creative sector" in page
    assert "from 2 sectors" in page  # fewer than the plan's three
    assert url("stakeholder-add", town) in page
    assert reverse("toolkit:toolkit", args=[town.slug]) in page
    filtered = client.get(url("ecosystem", town), {"sector": "civil"}).content.decode()
    assert "Seniors&#x27; club" in filtered and "Culture centre</th>" not in filtered


def test_mentor_reads_without_contacts_and_cannot_edit(client, team, mapped):
    town, _coordinator, _member = team
    centre = mapped[0]
    mentor = make_user(name="Mentor")
    give_role(mentor, RoleAssignment.Role.MENTOR, country="PL")
    client.force_login(mentor)
    page = client.get(url("ecosystem", town)).content.decode()
    assert "Culture centre" in page
    assert "anna@example.org" not in page
    assert url("stakeholder-add", town) not in page
    assert client.get(url("stakeholder-edit", town, centre.pk)).status_code == 404
    assert client.post(url("stakeholder-delete", town, centre.pk)).status_code == 404
    export = client.get(url("export-stakeholders", town)).content.decode("utf-8-sig")
    assert "contact_email" not in export and "anna@example.org" not in export
    assert Stakeholder.objects.count() == 2


def test_grid_has_an_svg_with_quadrants_and_a_table(client, team, mapped):
    town, _coordinator, member = team
    client.force_login(member)
    page = client.get(url("grid", town)).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    assert '<title id="grid-title">' in page
    for quadrant in ("Keep satisfied", "Manage closely", "Monitor", "Keep informed"):
        assert quadrant in page
    # the culture centre: influence 5, interest 4 → manage closely, shown in the table too
    assert '<td class="number">5</td>\n        <td class="number">4</td>' in page


def test_map_lists_located_assets_without_javascript(client, team, mapped):
    town, _coordinator, member = team
    client.force_login(member)
    page = client.get(url("map", town)).content.decode()
    assert 'id="asset-markers"' in page and "ecosystem.js" in page
    assert "53.83710, 18.81920" in page
    assert "Without a place on the map" in page and "Folk ensemble" in page


def test_stakeholder_form_adds_and_refuses_with_input_kept(client, team):
    town, _coordinator, member = team
    client.force_login(member)
    assert client.get(url("stakeholder-add", town)).status_code == 200
    data = {
        "name": "Library",
        "organisation_type": "cultural_institution",
        "sector": "",
        "influence": "3",
        "interest": "4",
        "notes": "Reading club",
    }
    response = client.post(url("stakeholder-add", town), data)
    assert response.status_code == 400
    assert "Please check the form" in response.content.decode()
    assert "Reading club" in response.content.decode()
    response = client.post(url("stakeholder-add", town), {**data, "sector": "public"})
    assert response.status_code == 302
    assert Stakeholder.objects.get().notes == "Reading club"


def test_conflicting_edit_keeps_input_and_shows_saved_values(client, team, mapped):
    town, coordinator, member = team
    centre = mapped[0]
    client.force_login(member)
    form = client.get(url("stakeholder-edit", town, centre.pk)).content.decode()
    loaded_at = form.split('name="updated_at" value="')[1].split('"')[0]
    services.stakeholder_save(
        municipality=town,
        stakeholder=centre,
        values={"notes": "Changed by the coordinator"},
        actor=coordinator,
    )
    data = {
        "name": "Culture centre",
        "organisation_type": "cultural_institution",
        "sector": "culture",
        "influence": "2",
        "interest": "2",
        "notes": "My own note",
        "updated_at": loaded_at,
    }
    response = client.post(url("stakeholder-edit", town, centre.pk), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Someone else changed this stakeholder" in page
    assert "My own note" in page and "Changed by the coordinator" in page
    centre.refresh_from_db()
    assert centre.notes == "Changed by the coordinator"
    # the form now carries the current version: saving again is the person's decision
    fresh = page.split('name="updated_at" value="')[1].split('"')[0]
    assert fresh == centre.updated_at.isoformat()
    response = client.post(url("stakeholder-edit", town, centre.pk), {**data, "updated_at": fresh})
    assert response.status_code == 302
    centre.refresh_from_db()
    assert centre.notes == "My own note"


def test_asset_form_accepts_decimal_commas(client, team):
    town, _coordinator, member = team
    client.force_login(member)
    response = client.post(
        url("asset-add", town),
        {
            "name": "Market square",
            "kind": "heritage",
            "latitude": "53,8357",
            "longitude": "18,8249",
        },
    )
    assert response.status_code == 302
    assert CulturalAsset.objects.get().latitude == 53.8357


def test_delete_asks_first_then_deletes(client, team, mapped):
    town, _coordinator, member = team
    castle = mapped[2]
    client.force_login(member)
    page = client.get(url("asset-delete", town, castle.pk)).content.decode()
    assert "Delete Castle?" in page and "relationship is deleted too" in page
    assert CulturalAsset.objects.filter(pk=castle.pk).exists()
    response = client.post(url("asset-delete", town, castle.pk))
    assert response.status_code == 302
    assert not CulturalAsset.objects.filter(pk=castle.pk).exists()
    assert not Relationship.objects.exists()


def test_relationships_grouped_added_and_removed(client, team, mapped):
    town, _coordinator, member = team
    centre, club, castle = mapped
    client.force_login(member)
    page = client.get(url("relationships", town)).content.decode()
    assert f'id="stakeholder-{centre.pk}"' in page and "owns or runs" in page
    assert f'value="asset-{castle.pk}"' in page and f'value="stakeholder-{club.pk}"' in page
    response = client.post(
        url("relationship-add", town),
        {"stakeholder": club.pk, "kind": "partners", "target": f"stakeholder-{centre.pk}"},
    )
    assert response.status_code == 302
    refused = client.post(
        url("relationship-add", town),
        {"stakeholder": club.pk, "kind": "partners", "target": f"stakeholder-{club.pk}"},
    )
    assert refused.status_code == 400 and "cannot have a relationship with itself" in (
        refused.content.decode()
    )
    relationship = Relationship.objects.get(stakeholder=club)
    client.post(url("relationship-delete", town, relationship.pk))
    assert Relationship.objects.count() == 1


def test_export_then_import_round_trip(client, team, mapped):
    town, _coordinator, member = team
    client.force_login(member)
    for kind, model in (("stakeholders", Stakeholder), ("assets", CulturalAsset)):
        response = client.get(url(f"export-{kind}", town))
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert f'filename="town-a-{kind}.csv"' in response["Content-Disposition"]
        content = response.content
        assert content.startswith(b"\xef\xbb\xbf")
        before = list(model.objects.values())
        upload = SimpleUploadedFile(f"{kind}.csv", content, content_type="text/csv")
        result = client.post(url("import", town), {"kind": kind, "file": upload}, follow=True)
        assert "0 added, 0 changed, 2 unchanged" in result.content.decode()
        assert list(model.objects.values()) == before
    # the same file into another town's map creates everything there
    other = make_municipality("town-b", "PL")
    join(member, other)
    upload = SimpleUploadedFile("s.csv", client.get(url("export-stakeholders", town)).content)
    client.post(url("import", other), {"kind": "stakeholders", "file": upload})
    assert Stakeholder.objects.filter(municipality=other).count() == 2
    assert Stakeholder.objects.get(municipality=other, name="Culture centre").contact_email


def test_import_shows_row_errors_and_saves_nothing(client, team):
    town, _coordinator, member = team
    client.force_login(member)
    upload = SimpleUploadedFile(
        "s.csv", b"name;organisation_type;sector\nLibrary;library;public\n", content_type="text/csv"
    )
    response = client.post(url("import", town), {"kind": "stakeholders", "file": upload})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was imported" in page and "Row 2, column organisation_type" in page
    assert not Stakeholder.objects.exists()
