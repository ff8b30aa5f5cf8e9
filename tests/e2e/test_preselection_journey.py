"""Pre-selection in Chromium: a committee member signs in with two-factor authentication, finds
the pre-selection from their account page, is refused an out-of-range score, scores every
criterion with a comment and submits; the secretariat reads the ranking and records the
shortlist, and the applicant gets one decision e-mail. axe-core checks every page."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from pearls.accounts.models import Membership, RoleAssignment
from pearls.competition.models import Application, Edition
from pearls.competition.services import edition_create
from tests.e2e.conftest import _local_only
from tests.people import PASSWORD, give_role, join, make_municipality, make_user, totp_code


@pytest.fixture
def world(transactional_db):
    edition = edition_create(title_year=2027, name="Cultural Pearls 2027", actor=None)
    Edition.objects.filter(pk=edition.pk).update(phase=Edition.Phase.PRE_SELECTION)
    gniew = make_municipality("gniew", "PL", official_name="Gniew")
    join(make_user("kasia@example.org", name="Kasia"), gniew, Membership.Role.COORDINATOR)
    application = Application.objects.create(
        edition=edition,
        municipality=gniew,
        status=Application.Status.SUBMITTED,
        answers={"motivation": "We want culture to bring the generations of Gniew together."},
        eligibility={"eligible": True, "reasons": [], "unknown": []},
    )
    member = make_user("anna@example.org", name="Anna", mfa=True)
    give_role(member, RoleAssignment.Role.COMMITTEE, edition=edition)
    secretary = make_user("sec@example.org", name="Sec", mfa=True)
    give_role(secretary, RoleAssignment.Role.SECRETARIAT)
    return {
        "application": application,
        "criteria": list(edition.criteria.filter(stage="pre_selection")),
    }


def _sign_in(browser, base, email):
    page = browser.new_context().new_page()
    page.set_default_timeout(15_000)
    page.route("**/*", _local_only)
    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def test_committee_scores_and_the_secretariat_shortlists(browser, live_server, world, check_a11y):
    base = live_server.url
    criteria = world["criteria"]
    anna = _sign_in(browser, base, "anna@example.org")
    anna.goto(f"{base}/en/me/")
    check_a11y(anna)
    anna.get_by_role(
        "link", name="Pre-selection of Cultural Pearls 2027: score the applications"
    ).click()
    expect(anna.locator("h1")).to_contain_text("Pre-selection")
    check_a11y(anna)
    anna.get_by_role("link", name="Gniew").click()
    expect(anna.locator("h1")).to_contain_text("Application of Gniew")
    expect(anna.get_by_text("We want culture to bring")).to_be_visible()
    check_a11y(anna)

    # one score outside the scale: refused, explained, nothing lost of what was typed
    for criterion in criteria:
        anna.locator(f"#score-{criterion.code}").fill("7")
        anna.locator(f"#comment-{criterion.code}").fill(f"Convincing on {criterion.code}.")
    anna.locator(f"#score-{criteria[0].code}").fill("11")
    anna.get_by_role("button", name="Save").click()
    expect(anna.get_by_role("alert")).to_contain_text("Your scores were not saved.")
    expect(anna.locator(f"#error-{criteria[0].code}")).to_contain_text("from 1 to 10")
    check_a11y(anna)

    anna.locator(f"#score-{criteria[0].code}").fill("9")
    anna.get_by_role("button", name="Submit my scores").click()
    expect(anna.get_by_role("status")).to_contain_text("Your scores for Gniew are submitted.")
    expect(anna.locator("#progress")).to_contain_text("1 of 1")
    check_a11y(anna)

    sec = _sign_in(browser, base, "sec@example.org")
    sec.goto(f"{base}/en/secretariat/editions/2027/")
    sec.get_by_role(
        "link", name="Pre-selection: ranking by weighted score and the shortlist"
    ).click()
    expect(sec.locator("h1")).to_contain_text("Pre-selection ranking")
    row = sec.locator(f"#ranking-{world['application'].pk}")
    expect(row).to_contain_text("Gniew")
    check_a11y(sec)
    sec.get_by_label("Shortlist Gniew").check()
    sec.get_by_role("button", name="Record the shortlist and inform the applicants").click()
    expect(sec.get_by_role("status")).to_contain_text("The shortlist is recorded")
    expect(row).to_contain_text("Shortlisted")
    check_a11y(sec)
    decision = [m for m in mail.outbox if m.to == ["kasia@example.org"]]
    assert len(decision) == 1
    assert "shortlisted" in decision[0].subject
