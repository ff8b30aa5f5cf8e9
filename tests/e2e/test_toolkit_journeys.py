"""The self-assessment journey in Chromium: the coordinator opens a round, answers, two
stakeholders answer anonymously through the link (one in Polish), and the team reads the
results with the radar chart. axe-core checks every page."""

import os

import pytest
from playwright.sync_api import expect

from pearls.accounts.models import Membership
from pearls.toolkit.models import Response
from tests.e2e.conftest import _local_only
from tests.people import PASSWORD, join, make_municipality, make_user


@pytest.fixture
def team(transactional_db):
    gniew = make_municipality("gniew", "PL", official_name="Gniew")
    kasia = make_user("kasia@example.org", name="Kasia Koordynator", language="en")
    join(kasia, gniew, Membership.Role.COORDINATOR)
    return gniew


def _answer_all(page, choice):
    """Tick ``choice`` for every statement, by keyboard-reachable labels."""
    for fieldset in page.locator("fieldset.statement").all():
        fieldset.get_by_label(choice, exact=True).check()


def test_self_assessment_with_two_anonymous_respondents(browser, live_server, team, check_a11y):
    base = live_server.url
    page = browser.new_page()
    page.set_default_timeout(10_000)
    page.route("**/*", _local_only)
    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label("Email").fill("kasia@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto(f"{base}/en/municipalities/gniew/toolkit/")
    check_a11y(page)
    page.get_by_label("Name of the round").fill("Baseline 2026")
    page.get_by_role("button", name="Start the round").click()
    expect(page.get_by_role("heading", name="Baseline 2026")).to_be_visible()
    check_a11y(page)
    survey = page.get_by_label("Link for stakeholders").input_value()
    # The coordinator answers; a missing answer is refused and the others are kept.
    page.get_by_role("link", name="Answer the questionnaire yourself").click()
    check_a11y(page)
    _answer_all(page, "Agree")
    first = page.locator("fieldset.statement").first
    first.get_by_label("Agree", exact=True).evaluate("node => node.checked = false")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name="Some answers are missing")).to_be_visible()
    check_a11y(page)
    assert page.locator("fieldset.statement").nth(1).get_by_label("Agree", exact=True).is_checked()
    first.get_by_label("Don't know", exact=True).check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Your answers were saved")).to_be_visible()
    # Two stakeholders, no account, one of them reading Polish.
    for language, choice in (("en", "Disagree"), ("pl", "Nie zgadzam się")):
        stranger = browser.new_context().new_page()
        stranger.route("**/*", _local_only)
        stranger.goto(survey.replace("/en/", f"/{language}/"))
        check_a11y(stranger)
        _answer_all(stranger, choice)
        stranger.locator("form.questionnaire button[type=submit]").click()
        expect(stranger.locator("h1")).to_have_count(1)
        check_a11y(stranger)
        stranger.context.close()
    assert Response.objects.filter(kind="stakeholder").count() == 2
    page.reload()
    expect(page.get_by_text("3 people have answered")).to_be_visible()
    expect(page.locator("svg.radar")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Trust and social capital")
    check_a11y(page)
    if os.environ.get("PEARLS_SCREENSHOTS"):
        page.screenshot(
            path=f"{os.environ['PEARLS_SCREENSHOTS']}/toolkit-results.png", full_page=True
        )
    page.get_by_role("button", name="Close the round").click()
    expect(page.get_by_text("This round closed on")).to_be_visible()
    check_a11y(page)
