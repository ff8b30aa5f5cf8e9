import io

import pytest
from django.core.exceptions import ValidationError

from pearls.core.models import AuditEntry
from pearls.ecosystem import selectors, services
from pearls.ecosystem.models import CulturalAsset, Relationship, Stakeholder
from tests.people import join, make_municipality, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return make_municipality("town-a", "PL")


@pytest.fixture
def member(town):
    person = make_user(name="Member")
    join(person, town)
    return person


def add_stakeholder(town, actor, name="Culture centre", **values):
    values = {
        "name": name,
        "organisation_type": "cultural_institution",
        "sector": "culture",
        **values,
    }
    return services.stakeholder_save(municipality=town, values=values, actor=actor)


def add_asset(town, actor, name="Castle", **values):
    values = {"name": name, "kind": "heritage", **values}
    return services.asset_save(municipality=town, values=values, actor=actor)


def csv_file(text, *, bom=False):
    data = text.encode("utf-8")
    return io.BytesIO(b"\xef\xbb\xbf" + data if bom else data)


# -- stakeholders and assets ------------------------------------------------------------------


def test_stakeholder_is_created_then_changed_and_audited(town, member):
    stakeholder = add_stakeholder(town, member, influence=4)
    assert stakeholder.created_by == member and stakeholder.interest == 3
    services.stakeholder_save(
        municipality=town,
        stakeholder=stakeholder,
        values={"interest": 5, "notes": "Runs the festival."},
        actor=member,
        loaded_at=stakeholder.updated_at,
    )
    stakeholder.refresh_from_db()
    assert (stakeholder.influence, stakeholder.interest) == (4, 5)
    entries = list(AuditEntry.objects.filter(object_id=str(stakeholder.pk)).order_by("pk"))
    assert [entry.action for entry in entries] == ["stakeholder.create", "stakeholder.update"]
    assert entries[1].changed_fields == ["interest", "notes"]
    assert "Culture centre" not in str(entries[1].details)


def test_saving_unchanged_values_writes_nothing(town, member):
    stakeholder = add_stakeholder(town, member)
    before = stakeholder.updated_at
    services.stakeholder_save(
        municipality=town, stakeholder=stakeholder, values={"sector": "culture"}, actor=member
    )
    stakeholder.refresh_from_db()
    assert stakeholder.updated_at == before
    assert AuditEntry.objects.filter(action="stakeholder.update").count() == 0


def test_edit_based_on_an_old_version_is_refused_and_changes_nothing(town, member):
    stakeholder = add_stakeholder(town, member)
    loaded_at = stakeholder.updated_at
    # someone else saves first
    services.stakeholder_save(
        municipality=town, stakeholder=stakeholder, values={"influence": 5}, actor=member
    )
    with pytest.raises(ValidationError) as raised:
        services.stakeholder_save(
            municipality=town,
            stakeholder=stakeholder,
            values={"influence": 1, "notes": "mine"},
            actor=member,
            loaded_at=loaded_at,
        )
    assert raised.value.code == "conflict"
    assert "Nothing is lost" in raised.value.messages[0]
    stakeholder.refresh_from_db()
    assert (stakeholder.influence, stakeholder.notes) == (5, "")


def test_invalid_values_are_refused_field_by_field(town, member):
    add_stakeholder(town, member)
    with pytest.raises(ValidationError) as raised:
        add_stakeholder(
            town,
            member,
            name="culture CENTRE",
            organisation_type="spaceship",
            influence=9,
            contact_email="not-an-address",
        )
    errors = raised.value.message_dict
    assert set(errors) == {"name", "organisation_type", "influence", "contact_email"}
    assert "already on the map" in errors["name"][0]
    assert Stakeholder.objects.count() == 1


def test_asset_needs_both_coordinates(town, member):
    with pytest.raises(ValidationError) as raised:
        add_asset(town, member, latitude=53.8)
    assert "both latitude and longitude" in raised.value.message_dict["longitude"][0]
    asset = add_asset(town, member, latitude=53.8, longitude=18.8)
    assert selectors.assets_of(town, {"located": True}).get() == asset


def test_deleting_a_stakeholder_removes_its_relationships(town, member):
    stakeholder = add_stakeholder(town, member)
    other = add_stakeholder(town, member, name="Library", sector="public")
    asset = add_asset(town, member)
    services.relationship_add(
        municipality=town, stakeholder=stakeholder, kind="owns", asset=asset, actor=member
    )
    services.relationship_add(
        municipality=town, stakeholder=other, kind="partners", other=stakeholder, actor=member
    )
    services.stakeholder_delete(stakeholder=stakeholder, actor=member)
    assert not Relationship.objects.exists()
    entry = AuditEntry.objects.get(action="stakeholder.delete")
    assert entry.details == {"relationships": 2}
    services.asset_delete(asset=asset, actor=member)
    assert not CulturalAsset.objects.exists()


# -- relationships ----------------------------------------------------------------------------


def test_relationship_to_another_municipality_is_refused(town, member):
    stakeholder = add_stakeholder(town, member)
    elsewhere = make_municipality("town-b", "LV")
    foreign_asset = add_asset(elsewhere, member)
    foreign_stakeholder = add_stakeholder(elsewhere, member)
    for target in ({"asset": foreign_asset}, {"other": foreign_stakeholder}):
        with pytest.raises(ValidationError, match="same municipality"):
            services.relationship_add(
                municipality=town, stakeholder=stakeholder, kind="uses", actor=member, **target
            )
    with pytest.raises(ValidationError, match="same municipality"):
        services.relationship_add(
            municipality=elsewhere,
            stakeholder=stakeholder,
            kind="uses",
            asset=foreign_asset,
            actor=member,
        )
    assert not Relationship.objects.exists()


def test_relationship_rules(town, member):
    stakeholder = add_stakeholder(town, member)
    asset = add_asset(town, member)
    with pytest.raises(ValidationError, match="itself"):
        services.relationship_add(
            municipality=town, stakeholder=stakeholder, kind="uses", other=stakeholder, actor=member
        )
    with pytest.raises(ValidationError, match="one cultural asset or one other"):
        services.relationship_add(
            municipality=town, stakeholder=stakeholder, kind="uses", actor=member
        )
    services.relationship_add(
        municipality=town, stakeholder=stakeholder, kind="uses", asset=asset, actor=member
    )
    with pytest.raises(ValidationError, match="already recorded"):
        services.relationship_add(
            municipality=town, stakeholder=stakeholder, kind="uses", asset=asset, actor=member
        )
    relationship = Relationship.objects.get()
    services.relationship_delete(relationship=relationship, actor=member)
    entries = AuditEntry.objects.filter(action__startswith="relationship").order_by("pk")
    assert [entry.action for entry in entries] == ["relationship.add", "relationship.delete"]


# -- import -----------------------------------------------------------------------------------

STAKEHOLDERS_CSV = (
    "name,organisation_type,sector,contact_name,contact_email,influence,interest,notes\n"
    "Culture centre,cultural_institution,culture,Anna,anna@example.org,5,5,Runs events\n"
    'Seniors\' club,NGO or civic association,civil,,,2,4,"Meets weekly, Tuesdays"\n'
)


def test_import_creates_then_changes_nothing_the_second_time(town, member):
    first = services.ecosystem_import(
        municipality=town, kind="stakeholders", file=csv_file(STAKEHOLDERS_CSV), actor=member
    )
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    club = Stakeholder.objects.get(name="Seniors' club")
    assert club.organisation_type == "ngo"  # the English label was accepted
    assert club.notes == "Meets weekly, Tuesdays"
    stamps = dict(Stakeholder.objects.values_list("name", "updated_at"))
    second = services.ecosystem_import(
        municipality=town, kind="stakeholders", file=csv_file(STAKEHOLDERS_CSV), actor=member
    )
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert dict(Stakeholder.objects.values_list("name", "updated_at")) == stamps
    assert AuditEntry.objects.filter(action="ecosystem.import").count() == 2


def test_import_updates_a_record_of_the_same_name(town, member):
    add_stakeholder(town, member, name="Culture centre", influence=2, notes="keep me")
    result = services.ecosystem_import(
        municipality=town,
        kind="stakeholders",
        file=csv_file(
            "name,organisation_type,sector,influence\nculture centre,school,education,4\n"
        ),
        actor=member,
    )
    assert (result.created, result.updated) == (0, 1)
    stakeholder = Stakeholder.objects.get()
    assert stakeholder.name == "Culture centre"  # the stored spelling stays
    assert (stakeholder.sector, stakeholder.influence) == ("education", 4)
    assert stakeholder.notes == "keep me"  # no notes column: not touched


def test_import_with_bom_and_semicolons_and_decimal_commas(town, member):
    text = (
        "name;kind;address;latitude;longitude\n"
        "Gniew Castle;heritage;ul. Zamkowa 3;53,8371;18,8192\n"
        "Folk ensemble;Group or ensemble;;;\n"
        ";;;;\n"
    )
    result = services.ecosystem_import(
        municipality=town, kind="assets", file=csv_file(text, bom=True), actor=member
    )
    assert result.created == 2
    castle = CulturalAsset.objects.get(name="Gniew Castle")
    assert (castle.latitude, castle.longitude) == (53.8371, 18.8192)
    assert CulturalAsset.objects.get(name="Folk ensemble").kind == "group"


def test_import_is_all_or_nothing_and_names_the_rows(town, member):
    add_stakeholder(town, member, name="Culture centre", influence=2)
    text = (
        "name,organisation_type,sector,influence\n"
        "Culture centre,cultural_institution,culture,5\n"
        "Library,library,public,3\n"
        "School,school,education,7\n"
        ",ngo,civil,3\n"
        "School,school,education,3\n"
    )
    with pytest.raises(ValidationError) as raised:
        services.ecosystem_import(
            municipality=town, kind="stakeholders", file=csv_file(text), actor=member
        )
    problems = raised.value.messages
    assert problems[0].startswith("Row 3, column organisation_type: “library” is not on the list")
    assert problems[1] == "Row 4, column influence: give a whole number from 1 to 5."
    assert problems[2] == "Row 5: the name is empty."
    assert problems[3] == "Row 6: “School” is also in row 4."
    assert Stakeholder.objects.get().influence == 2  # the valid first row was not saved either
    assert not AuditEntry.objects.filter(action="ecosystem.import").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"name,sector\nA,culture\n", "no column organisation_type"),
        (b"name,organisation_type,sector,colour\n", "Unknown columns: colour"),
        ("name,organisation_type,sector\nŁódź,ngo,civil\n".encode("cp1250"), "not in UTF-8"),
        (b"name,organisation_type,sector\n", "no data rows"),
        (b"", "empty"),
        (b"x" * (1024 * 1024 + 1), "larger than 1 MB"),
        (
            b"name,organisation_type,sector\n"
            + b"".join(b"S%d,ngo,civil\n" % n for n in range(2001)),
            "more than 2000 rows",
        ),
    ],
)
def test_import_refuses_unusable_files(town, member, data, message):
    with pytest.raises(ValidationError, match=message):
        services.ecosystem_import(
            municipality=town, kind="stakeholders", file=io.BytesIO(data), actor=member
        )
    assert not Stakeholder.objects.exists()


# -- selectors --------------------------------------------------------------------------------


def test_filters_partner_choices_and_sector_counts(town, member):
    add_stakeholder(town, member, name="Culture centre")
    add_stakeholder(town, member, name="Museum")
    add_stakeholder(town, member, name="School", organisation_type="school", sector="education")
    add_stakeholder(make_municipality("town-b", "LV"), member, name="Elsewhere", sector="private")
    assert [s.name for s in selectors.stakeholders_of(town, {"sector": "education"})] == ["School"]
    assert selectors.stakeholders_of(town, {"sector": "nonsense"}).count() == 3
    partners = selectors.partner_choices(town)
    assert [s.name for s in partners] == ["Culture centre", "Museum", "School"]
    counts = selectors.sectors_count(partners)
    assert [(c.code, c.count) for c in counts] == [("education", 1), ("culture", 2)]
    assert selectors.sectors_count(list(partners)) == counts
    assert len(selectors.sectors_count(partners, include_empty=True)) == 5
    assert partners[0].get_sector_display() == "Culture and creative sector"
