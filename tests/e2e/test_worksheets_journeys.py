"""The worksheets journey in Chromium: the coordinator fills in two canvases of the roadmap,
meets a colleague's save on the way and merges it, sees the progress on the overview and
prints a canvas on A3. axe-core checks every page."""

import io
import os

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from pearls.accounts.models import Membership, RoleAssignment
from pearls.worksheets import selectors, services
from tests.e2e.conftest import _local_only
from tests.people import PASSWORD, give_role, join, make_municipality, make_user


@pytest.fixture
def team(transactional_db):
    gniew = make_municipality("gniew", "PL", official_name="Gniew")
    kasia = make_user("kasia@example.org", name="Kasia Koordynator", language="en")
    join(kasia, gniew, Membership.Role.COORDINATOR)
    michal = make_user("michal@example.org", name="Michał Member", language="en")
    join(michal, gniew)
    return gniew, michal


def _screenshot(page, name):
    if os.environ.get("PEARLS_SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['PEARLS_SCREENSHOTS']}/{name}.png", full_page=True)


def test_coordinator_fills_two_worksheets_and_prints_one(browser, live_server, team, check_a11y):
    gniew, michal = team
    base = live_server.url
    page = browser.new_page()
    page.set_default_timeout(10_000)
    page.route("**/*", _local_only)
    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label("Email").fill("kasia@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto(f"{base}/en/municipalities/gniew/worksheets/")
    expect(page.get_by_role("heading", name="Worksheets of Gniew")).to_be_visible()
    expect(page.get_by_text("Designed by the Pearls platform").first).to_be_visible()
    check_a11y(page)

    # First canvas: the entry point.
    page.get_by_role("link", name="Entry Point", exact=True).click()
    expect(page.get_by_role("heading", name="Entry Point")).to_be_visible()
    check_a11y(page)
    page.get_by_label("Which social challenge do you want to work on?").fill(
        "Young people leave after school."
    )
    page.get_by_label("Which cultural strengths can help?").fill("Gniew Castle\nThe Vistula")
    page.get_by_role("button", name="Save the worksheet").click()
    expect(page.get_by_text("The worksheet is saved.")).to_be_visible()
    check_a11y(page)
    _screenshot(page, "worksheets-canvas")

    # Second canvas: the agreement. A colleague saves it while Kasia is typing.
    page.get_by_role("link", name="Worksheets", exact=True).click()
    page.get_by_role("link", name="Collaboration Agreement", exact=True).click()
    check_a11y(page)
    page.get_by_label("Partners").fill(
        "Gniew Cultural Centre — lead, venues and staff\nCastle Museum — heritage venue"
    )
    page.get_by_label("Shared goals").fill("Teenagers and seniors prepare the festival together")
    services.worksheet_save(
        municipality=gniew,
        canvas="collaboration-agreement",
        answers={"partners": "Seniors' Club 'Złota Jesień' — volunteers"},
        base_revision=0,
        actor=michal,
    )
    page.get_by_role("button", name="Save the worksheet").click()
    expect(
        page.get_by_role("heading", name="Someone else saved this worksheet in the meantime")
    ).to_be_visible()
    expect(page.get_by_text("Seniors' Club 'Złota Jesień' — volunteers")).to_be_visible()
    check_a11y(page)
    _screenshot(page, "worksheets-conflict")
    partners = page.get_by_label("Partners", exact=True)
    assert "Castle Museum — heritage venue" in partners.input_value()
    partners.fill(partners.input_value() + "\nSeniors' Club 'Złota Jesień' — volunteers")
    page.get_by_role("button", name="Save my merged version").click()
    expect(page.get_by_text("The worksheet is saved.")).to_be_visible()
    assert [partner["name"] for partner in selectors.agreement_partners(gniew)] == [
        "Gniew Cultural Centre",
        "Castle Museum",
        "Seniors' Club 'Złota Jesień'",
    ]

    # The overview shows the progress of both.
    page.get_by_role("link", name="Worksheets", exact=True).click()
    expect(page.get_by_text("2 of 6 prompts answered")).to_have_count(2)
    check_a11y(page)
    _screenshot(page, "worksheets-overview")

    # Print the agreement on A3.
    with page.expect_download() as download:
        page.get_by_role("link", name="Print “Collaboration Agreement” on A3 (PDF)").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        reader = PdfReader(io.BytesIO(pdf.read()))
    assert float(reader.pages[0].mediabox.width) > float(reader.pages[0].mediabox.height)
    assert "Castle Museum — heritage venue" in reader.pages[0].extract_text()


def test_mentor_reads_a_worksheet_without_a_form(browser, live_server, team, check_a11y):
    gniew, michal = team
    services.worksheet_save(
        municipality=gniew,
        canvas="collaboration-agreement",
        answers={"partners": "Castle Museum — heritage venue", "goals": "Winter events"},
        base_revision=0,
        actor=michal,
    )
    marta = make_user("marta@example.org", name="Marta Mentor", language="en")
    give_role(marta, RoleAssignment.Role.MENTOR, country="PL")
    page = browser.new_page()
    page.set_default_timeout(10_000)
    page.route("**/*", _local_only)
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email").fill("marta@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto(f"{live_server.url}/en/municipalities/gniew/worksheets/collaboration-agreement/")
    expect(page.get_by_role("heading", name="Partners")).to_be_visible()
    expect(page.get_by_text("Castle Museum — heritage venue")).to_be_visible()
    expect(page.get_by_role("button", name="Save the worksheet")).to_have_count(0)
    check_a11y(page)
    _screenshot(page, "worksheets-mentor")
