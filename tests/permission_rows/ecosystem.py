"""Permission rows of this app; see tests/permission_rows/__init__.py.

The ecosystem map of town-a: its team, its country's mentors and the secretariat read it; team
members (any role) and the secretariat change it; mentors only read."""

import io

from pearls.ecosystem import services
from tests.permission_rows.outcomes import TEAM_VIEW, TEAM_WRITE, outcomes

EDIT_VIEW = outcomes(
    404, anonymous="login", member=200, coordinator=200, secretariat=200
)  # forms for those who may change the map
TOWN = {"slug": "town-a"}
STAKEHOLDER = {"slug": "town-a", "pk": "stakeholder"}
ASSET = {"slug": "town-a", "pk": "asset"}


class _File(io.BytesIO):
    """An upload the table's client may send once per role: every read starts at the top."""

    name = "stakeholders.csv"
    content_type = "text/csv"

    def read(self, *args):
        self.seek(0)
        return super().read(*args)


ROWS = {
    "ecosystem": ("get", "ecosystem:ecosystem", TOWN, None, TEAM_VIEW),
    "ecosystem:other-town": (
        "get",
        "ecosystem:ecosystem",
        {"slug": "town-b"},
        None,
        outcomes(404, anonymous="login", member_other=200, mentor_other=200, secretariat=200),
    ),
    "ecosystem-grid": ("get", "ecosystem:grid", TOWN, None, TEAM_VIEW),
    "ecosystem-map": ("get", "ecosystem:map", TOWN, None, TEAM_VIEW),
    "ecosystem-relationships": ("get", "ecosystem:relationships", TOWN, None, TEAM_VIEW),
    "ecosystem-relationship-add": (
        "post",
        "ecosystem:relationship-add",
        TOWN,
        "ecosystem_relationship_data",
        TEAM_WRITE,
    ),
    "ecosystem-relationship-delete": (
        "post",
        "ecosystem:relationship-delete",
        {"slug": "town-a", "pk": "ecosystem_relationship"},
        {},
        TEAM_WRITE,
    ),
    "ecosystem-relationship-delete:wrong-town": (
        "post",
        "ecosystem:relationship-delete",
        {"slug": "town-b", "pk": "ecosystem_relationship"},
        {},
        outcomes(404, anonymous="login"),
    ),
    "ecosystem-stakeholder-add": ("get", "ecosystem:stakeholder-add", TOWN, None, EDIT_VIEW),
    "ecosystem-stakeholder-add:save": (
        "post",
        "ecosystem:stakeholder-add",
        TOWN,
        "ecosystem_new_stakeholder",
        TEAM_WRITE,
    ),
    "ecosystem-stakeholder-edit": (
        "get",
        "ecosystem:stakeholder-edit",
        STAKEHOLDER,
        None,
        EDIT_VIEW,
    ),
    "ecosystem-stakeholder-edit:save": (
        "post",
        "ecosystem:stakeholder-edit",
        STAKEHOLDER,
        "ecosystem_stakeholder_data",
        TEAM_WRITE,
    ),
    "ecosystem-stakeholder-edit:wrong-town": (
        "get",
        "ecosystem:stakeholder-edit",
        {"slug": "town-b", "pk": "stakeholder"},
        None,
        outcomes(404, anonymous="login"),
    ),
    "ecosystem-stakeholder-delete": (
        "get",
        "ecosystem:stakeholder-delete",
        STAKEHOLDER,
        None,
        EDIT_VIEW,
    ),
    "ecosystem-stakeholder-delete:confirm": (
        "post",
        "ecosystem:stakeholder-delete",
        STAKEHOLDER,
        {},
        TEAM_WRITE,
    ),
    "ecosystem-asset-add": ("get", "ecosystem:asset-add", TOWN, None, EDIT_VIEW),
    "ecosystem-asset-add:save": (
        "post",
        "ecosystem:asset-add",
        TOWN,
        {"name": "Old granary", "kind": "venue", "latitude": "53.8", "longitude": "18.8"},
        TEAM_WRITE,
    ),
    "ecosystem-asset-edit": ("get", "ecosystem:asset-edit", ASSET, None, EDIT_VIEW),
    "ecosystem-asset-edit:save": (
        "post",
        "ecosystem:asset-edit",
        ASSET,
        "ecosystem_asset_data",
        TEAM_WRITE,
    ),
    "ecosystem-asset-delete": ("get", "ecosystem:asset-delete", ASSET, None, EDIT_VIEW),
    "ecosystem-asset-delete:confirm": (
        "post",
        "ecosystem:asset-delete",
        ASSET,
        {},
        TEAM_WRITE,
    ),
    "ecosystem-import": ("get", "ecosystem:import", TOWN, None, EDIT_VIEW),
    "ecosystem-import:upload": (
        "post",
        "ecosystem:import",
        TOWN,
        "ecosystem_import_data",
        TEAM_WRITE,
    ),
    "ecosystem-export-stakeholders": (
        "get",
        "ecosystem:export-stakeholders",
        TOWN,
        None,
        TEAM_VIEW,
    ),
    "ecosystem-export-assets": ("get", "ecosystem:export-assets", TOWN, None, TEAM_VIEW),
}


def world_extend(base):
    town, actor = base["town_a"], base["coordinator"]
    stakeholder = services.stakeholder_save(
        municipality=town,
        values={
            "name": "Culture centre",
            "organisation_type": "cultural_institution",
            "sector": "culture",
            "contact_name": "Anna",
            "contact_email": "anna@example.org",
            "influence": 4,
            "interest": 5,
        },
        actor=actor,
    )
    other = services.stakeholder_save(
        municipality=town,
        values={"name": "Seniors' club", "organisation_type": "ngo", "sector": "civil"},
        actor=actor,
    )
    asset = services.asset_save(
        municipality=town,
        values={"name": "Castle", "kind": "heritage", "latitude": 53.83, "longitude": 18.82},
        actor=actor,
    )
    relationship = services.relationship_add(
        municipality=town, stakeholder=stakeholder, kind="owns", asset=asset, actor=actor
    )
    return {
        "stakeholder": stakeholder.pk,
        "asset": asset.pk,
        "ecosystem_relationship": relationship.pk,
        "ecosystem_new_stakeholder": {
            "name": "Library",
            "organisation_type": "cultural_institution",
            "sector": "public",
            "influence": "3",
            "interest": "4",
        },
        "ecosystem_stakeholder_data": {
            "name": "Culture centre",
            "organisation_type": "cultural_institution",
            "sector": "culture",
            "influence": "5",
            "interest": "5",
            "updated_at": stakeholder.updated_at.isoformat(),
        },
        "ecosystem_asset_data": {
            "name": "Castle",
            "kind": "heritage",
            "latitude": "53.83",
            "longitude": "18.82",
            "updated_at": asset.updated_at.isoformat(),
        },
        "ecosystem_relationship_data": {
            "stakeholder": str(other.pk),
            "kind": "uses",
            "target": f"asset-{asset.pk}",
        },
        "ecosystem_import_data": {
            "kind": "stakeholders",
            "file": _File(b"name;organisation_type;sector\nSchool;school;education\n"),
        },
    }
