"""Whole journeys through the catalogue in Chromium, with axe-core on every page visited."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import RecordFactory, make_practices


@pytest.fixture
def catalogue(transactional_db):
    return make_practices(
        RecordFactory(
            id="pl-gniew-choir",
            title={
                "pl": "Chór międzypokoleniowy w Gniewie",
                "en": "Intergenerational choir in Gniew",
            },
            summary={
                "pl": "Seniorzy i uczniowie śpiewają razem.",
                "en": "Seniors and pupils sing together.",
            },
            description={"pl": "Opis chóru w Gniewie.", "en": "The choir of Gniew, described."},
            original_language="pl",
            challenges=["ageing", "isolation"],
            domains=["music"],
        ),
        RecordFactory(
            id="lv-rujiena-centre",
            title={"en": "A community centre born from the community"},
            country="LV",
            place="Rūjiena",
            population=2900,
            location={"lat": 57.8975, "lon": 25.3292},
            challenges=["depopulation", "youth"],
            domains=["festivals"],
        ),
        RecordFactory(
            id="se-harnosand-library",
            title={"sv": "Biblioteket som värmeskydd", "en": "The library as a cool shelter"},
            summary={"sv": "Biblioteket öppnade för värmebölja.", "en": "Open during heatwaves."},
            original_language="sv",
            country="SE",
            place="Härnösand",
            population=25000,
            location=None,
            challenges=["climate"],
            domains=["libraries"],
        ),
    )


def test_browse_filter_search_and_read_a_practice(page, live_server, catalogue, check_a11y):
    page.goto(f"{live_server.url}/en/")
    check_a11y(page)
    page.get_by_role("link", name="Find good practices").click()
    expect(page.get_by_text("3 practices found")).to_be_visible()
    check_a11y(page)

    # Filter by country: HTMX refreshes the results and the URL can be shared.
    page.get_by_label(re.compile(r"^Latvia")).check()
    expect(page.get_by_text("1 practice found")).to_be_visible()
    expect(page).to_have_url(re.compile(r"country=LV"))
    check_a11y(page)

    # The active-filter chip removes the filter again.
    page.get_by_role("link", name=re.compile(r"Country: Latvia")).click()
    expect(page.get_by_text("3 practices found")).to_be_visible()

    # Search with diacritics folded: "chor" finds "Chór".
    page.get_by_label("Search good practices").fill("chor gniew")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_text("1 practice found")).to_be_visible()
    page.get_by_role("link", name="Intergenerational choir in Gniew").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Intergenerational choir in Gniew")
    expect(page.get_by_text("It was first written in Polish.")).to_be_visible()
    check_a11y(page)

    # Read it in the original language.
    page.get_by_role("link", name="polski", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chór międzypokoleniowy w Gniewie")
    check_a11y(page)


def test_switch_interface_language(page, live_server, catalogue, check_a11y):
    page.goto(f"{live_server.url}/en/practices/")
    page.get_by_role("link", name=re.compile("PL")).first.click()
    expect(page).to_have_url(re.compile(r"/pl/practices/"))
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Good practices")
    check_a11y(page)
    # Content in Polish where it exists.
    page.goto(f"{live_server.url}/pl/practices/pl-gniew-choir/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Chór międzypokoleniowy w Gniewie")
    check_a11y(page)


def test_map_shows_markers_without_tiles_and_lists_places(page, live_server, catalogue, check_a11y):
    page.goto(f"{live_server.url}/en/practices/map/")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(2)
    expect(
        page.get_by_role("link", name="A community centre born from the community")
    ).to_be_visible()
    expect(page.get_by_text("1 more has no coordinates")).to_be_visible()
    check_a11y(page)
    page.locator(".leaflet-marker-icon").first.click()
    expect(page.locator(".leaflet-popup-content a")).to_be_visible()


def test_everything_works_without_javascript(browser, live_server, catalogue, check_a11y):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/practices/")
    page.get_by_label(re.compile(r"^Sweden")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("1 practice found")).to_be_visible()
    expect(page).to_have_url(re.compile(r"country=SE"))
    page.get_by_role("link", name="The library as a cool shelter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The library as a cool shelter")
    page.goto(f"{live_server.url}/en/practices/map/")
    expect(page.get_by_role("link", name="Intergenerational choir in Gniew")).to_be_visible()
    context.close()


def test_keyboard_reaches_search_through_skip_link(page, live_server, catalogue):
    page.goto(f"{live_server.url}/en/practices/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Search good practices")).to_be_focused()
