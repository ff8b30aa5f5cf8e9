"""The public Pearls pages in Chromium: an anonymous visitor opens the map of the Pearls and the
shortlisted candidates, reads a marker's popup, filters by edition, follows on to an edition's
results; without JavaScript the list does the same job; the Polish page renders. axe-core
checks every page."""

import datetime

import pytest
from playwright.sync_api import expect

from pearls.competition.models import Application, Award, Decision, Edition
from tests.people import make_edition, make_municipality

PUBLISHED = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)


def _edition(year, pearls, candidates=()):
    edition = make_edition(year, phase=Edition.Phase.RESULTS)
    decision = Decision.objects.create(
        edition=edition,
        rationale=f"The jury chose the plans that join culture and care best in {year}.",
        published_at=PUBLISHED,
    )
    for position, (slug, name, country, place, citation, extra) in enumerate(pearls):
        town = make_municipality(
            slug, country, official_name=name, latitude=place[0], longitude=place[1]
        )
        application = Application.objects.create(
            edition=edition, municipality=town, status=Application.Status.SHORTLISTED
        )
        Award.objects.create(
            decision=decision,
            application=application,
            citation=citation,
            extra=extra,
            position=position,
        )
    for slug, name, country, place in candidates:
        town = make_municipality(
            slug, country, official_name=name, latitude=place[0], longitude=place[1]
        )
        Application.objects.create(
            edition=edition, municipality=town, status=Application.Status.SHORTLISTED
        )
    return edition


@pytest.fixture
def world(transactional_db):
    _edition(
        2026,
        [
            ("gniew", "Gniew", "PL", (53.84, 18.83), "A town that sings together.", False),
            ("cesis", "Cēsis", "LV", (57.31, 25.27), "", False),
            ("valga", "Valga", "EE", (57.78, 26.05), "An exceptional youth plan.", True),
        ],
        [("birzai", "Biržai", "LT", (56.2, 24.75))],
    )
    # a past edition as the demo loads it: no citation, no coordinates for one town
    _edition(2025, [("ystad", "Ystad", "SE", (55.43, 13.82), "", False)])
    Edition.objects.filter(title_year=2025).update(phase=Edition.Phase.CLOSED)


def test_a_visitor_finds_the_pearls_on_the_map_and_the_results(
    page, live_server, world, check_a11y
):
    base = live_server.url
    page.goto(f"{base}/en/pearls/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cultural Pearls on the map")
    map_region = page.get_by_role("region", name="Map of the Pearls and the other shortlisted")
    expect(map_region).to_be_visible()
    # pins for the four Pearls, a circle for the candidate; no tiles are fetched in tests
    expect(page.locator(".leaflet-marker-icon")).to_have_count(4)
    expect(page.locator("path.leaflet-interactive")).to_have_count(1)
    expect(page.get_by_text("On the map, pins mark the Pearls")).to_be_visible()
    check_a11y(page)
    page.get_by_role("button", name="Gniew — Cultural Pearl 2026").click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("A town that sings together.")
    expect(popup.get_by_role("link", name="Results of 2026")).to_be_visible()
    # the list holds the same towns, grouped by edition
    expect(page.get_by_role("heading", name="Cultural Pearls 2026")).to_be_visible()
    expect(page.get_by_role("heading", name="Cultural Pearls 2025")).to_be_visible()
    expect(page.get_by_role("link", name="Biržai")).to_be_visible()
    page.get_by_label("Edition", exact=True).select_option("2025")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(f"{base}/en/pearls/?year=2025")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(page.get_by_role("heading", name="Cultural Pearls 2026")).to_have_count(0)
    check_a11y(page)
    page.get_by_role("link", name="The results of 2025, with the jury's rationale").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cultural Pearls 2025: the results")
    expect(page.get_by_role("link", name="Ystad")).to_be_visible()
    check_a11y(page)
    page.goto(f"{base}/en/pearls/2026/")
    expect(page.get_by_text("The jury chose the plans that join culture and care")).to_be_visible()
    expect(page.locator("#pearl-" + str(_pk("valga")))).to_contain_text("Extra title")
    check_a11y(page)
    page.get_by_role("link", name="See the Pearls and candidates of 2026 on the map").click()
    expect(page).to_have_url(f"{base}/en/pearls/?year=2026")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(3)


def _pk(slug):
    return Application.objects.get(municipality__slug=slug).pk


def test_the_list_works_without_javascript(browser, live_server, world, check_a11y):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.route("**/*", _local_only)
    base = live_server.url
    page.goto(f"{base}/en/pearls/")
    expect(
        page.get_by_role("region", name="Map of the Pearls and the other shortlisted")
    ).to_be_hidden()
    expect(page.get_by_role("link", name="Gniew")).to_be_visible()
    expect(page.get_by_text("A town that sings together.")).to_be_visible()
    page.get_by_label("Edition", exact=True).select_option("2026")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("link", name="Ystad")).to_have_count(0)
    page.get_by_role("link", name="The results of 2026, with the jury's rationale").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cultural Pearls 2026: the results")
    expect(page.get_by_role("link", name="Valga")).to_be_visible()
    context.close()


def _local_only(route):
    url = route.request.url
    if url.startswith(("http://localhost", "http://127.0.0.1", "data:", "blob:")):
        return route.continue_()
    return route.abort()


def test_the_polish_page_renders(page, live_server, world, check_a11y):
    page.goto(f"{live_server.url}/pl/pearls/")
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.get_by_role("link", name="Gniew")).to_be_visible()
    expect(page.locator(".leaflet-marker-icon")).to_have_count(4)
    check_a11y(page)
    page.goto(f"{live_server.url}/pl/pearls/2026/")
    expect(page.get_by_role("link", name="Cēsis")).to_be_visible()
    check_a11y(page)
