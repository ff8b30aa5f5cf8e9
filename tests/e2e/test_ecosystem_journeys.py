"""The ecosystem-mapping journey in Chromium: the coordinator adds a stakeholder and a cultural
asset through the forms (keyboard only for the scale), reads the influence–interest grid and the
map page, records a relationship and imports a spreadsheet. axe-core checks every page."""

import os

import pytest
from playwright.sync_api import expect

from pearls.accounts.models import Membership
from pearls.ecosystem.models import CulturalAsset, Relationship, Stakeholder
from tests.e2e.conftest import _local_only
from tests.people import PASSWORD, join, make_municipality, make_user

CSV = (
    "\ufeffname;organisation_type;sector;contact_name;influence;interest\n"
    "Seniors' Club Wrzos;ngo;civil;Halina;2;4\n"
    "Kociewie Bakery;business;private;;2;2\n"
)


@pytest.fixture
def team(transactional_db):
    gniew = make_municipality("gniew", "PL", official_name="Gniew")
    kasia = make_user("kasia@example.org", name="Kasia Koordynator", language="en")
    join(kasia, gniew, Membership.Role.COORDINATOR)
    return gniew


def _shot(page, name):
    if os.environ.get("PEARLS_SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['PEARLS_SCREENSHOTS']}/{name}.png", full_page=True)


def test_coordinator_maps_the_town(browser, live_server, team, check_a11y, tmp_path):
    base = live_server.url
    page = browser.new_page()
    page.set_default_timeout(10_000)
    page.route("**/*", _local_only)
    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label("Email").fill("kasia@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto(f"{base}/en/municipalities/gniew/ecosystem/")
    expect(page.get_by_role("heading", name="Ecosystem map of Gniew")).to_be_visible()
    check_a11y(page)

    # A stakeholder, through the form; the scale is chosen with the keyboard.
    page.get_by_role("link", name="Add a stakeholder").first.click()
    check_a11y(page)
    page.get_by_label("Name").fill("Gniew Centre for Culture")
    page.get_by_label("Organisation type").select_option("cultural_institution")
    page.get_by_label("Sector").select_option("culture")
    page.get_by_label("Contact person").fill("Anna Nowak")
    page.get_by_label("Contact e-mail").fill("anna@example.org")
    influence = page.get_by_role("group", name="Influence")
    influence.get_by_label("3 – medium").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # 3 → 5
    page.get_by_role("group", name="Interest").get_by_label("4 – high").check()
    page.get_by_role("button", name="Save the stakeholder").press("Enter")
    expect(page.get_by_text("“Gniew Centre for Culture” was added to the map.")).to_be_visible()
    check_a11y(page)
    stakeholder = Stakeholder.objects.get()
    assert (stakeholder.influence, stakeholder.interest) == (5, 4)

    # A cultural asset with coordinates typed with a decimal comma; a wrong one first.
    page.get_by_role("link", name="Add a cultural asset").click()
    check_a11y(page)
    page.get_by_label("Name").fill("Gniew Castle")
    page.get_by_label("Kind").select_option("heritage")
    page.get_by_label("Latitude").fill("53,8371")
    page.get_by_role("button", name="Save the cultural asset").click()
    expect(page.get_by_role("heading", name="Please check the form")).to_be_visible()
    check_a11y(page)
    _shot(page, "ecosystem-asset-form")
    page.get_by_label("Longitude").fill("18,8192")
    page.get_by_role("button", name="Save the cultural asset").click()
    expect(page.get_by_text("“Gniew Castle” was added to the map.")).to_be_visible()
    check_a11y(page)
    assert CulturalAsset.objects.get().longitude == 18.8192

    # Import two more stakeholders from a spreadsheet saved with semicolons.
    page.get_by_role("link", name="Import from a spreadsheet").first.click()
    check_a11y(page)
    _shot(page, "ecosystem-import")
    upload = tmp_path / "stakeholders.csv"
    upload.write_text(CSV, encoding="utf-8")
    page.get_by_label("Stakeholders", exact=True).check()
    page.get_by_label("CSV file").set_input_files(str(upload))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("2 rows read: 2 added, 0 changed, 0 unchanged.")).to_be_visible()
    assert Stakeholder.objects.count() == 3
    check_a11y(page)
    _shot(page, "ecosystem-list")

    # The grid: an SVG image with a text alternative and the same data in a table.
    page.get_by_role("link", name="Influence and interest").click()
    expect(
        page.get_by_role("img", name="Influence and interest of the stakeholders")
    ).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Manage closely")
    check_a11y(page)
    _shot(page, "ecosystem-grid")

    # The map page: the castle is listed with its coordinates (no tiles in tests).
    page.get_by_role("link", name="Map of assets").click()
    expect(page.get_by_role("table")).to_contain_text("53.83710, 18.81920")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    check_a11y(page)
    _shot(page, "ecosystem-map")

    # A relationship between the centre and the castle.
    page.get_by_role("link", name="Relationships").click()
    check_a11y(page)
    page.get_by_label("Stakeholder:", exact=True).select_option(label="Gniew Centre for Culture")
    page.get_by_label("Relationship:").select_option("owns")
    page.get_by_label("With:").select_option(label="Gniew Castle")
    page.get_by_role("button", name="Add the relationship").click()
    expect(page.get_by_text("The relationship was added.")).to_be_visible()
    expect(page.get_by_role("heading", name="Gniew Centre for Culture")).to_be_visible()
    check_a11y(page)
    _shot(page, "ecosystem-relationships")
    assert Relationship.objects.get().asset.name == "Gniew Castle"
