"""The issue's whole journey in Chromium: sign up, verify the e-mail, join a municipality by
invitation, propose a practice, have it returned, fix it, resubmit, get it published, find it
in the catalogue. axe-core checks every page on the way."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from pearls.accounts.models import Membership, RoleAssignment
from tests.e2e.conftest import _local_only
from tests.people import PASSWORD, give_role, join, make_municipality, make_user


@pytest.fixture
def programme(transactional_db):
    gniew = make_municipality("gniew", "PL", official_name="Gniew", nuts3="PL634")
    kasia = make_user("kasia@example.org", name="Kasia Koordynator", language="en")
    join(kasia, gniew, Membership.Role.COORDINATOR)
    rasmus = make_user("rasmus@example.org", name="Rasmus Reviewer", language="en")
    give_role(rasmus, RoleAssignment.Role.REVIEWER)
    return gniew


def _new_page(browser):
    page = browser.new_page()
    page.set_default_timeout(10_000)
    page.route("**/*", _local_only)
    return page


def _sign_in(page, base, email, check_a11y):
    page.goto(f"{base}/en/accounts/login/")
    check_a11y(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def _link_in_last_mail(to, pattern):
    message = [m for m in mail.outbox if to in m.to][-1]
    return re.search(pattern, message.body).group(0)


def test_sign_up_join_propose_return_resubmit_publish(
    page, browser, live_server, programme, check_a11y
):
    base = live_server.url
    page.set_default_timeout(10_000)
    # The coordinator invites Ola to the team of Gniew.
    coordinator = _new_page(browser)
    _sign_in(coordinator, base, "kasia@example.org", check_a11y)
    coordinator.goto(f"{base}/en/municipalities/gniew/team/")
    check_a11y(coordinator)
    coordinator.get_by_label("E-mail address").fill("ola@example.org")
    coordinator.get_by_role("button", name="Send invitation").click()
    expect(coordinator.get_by_text("An invitation was sent to ola@example.org")).to_be_visible()
    invitation = _link_in_last_mail("ola@example.org", r"http://\S+/invitations/\S+/")
    invitation = re.sub(r"^http://[^/]+", base, invitation)

    # Ola opens the link, creates an account and verifies her address from the outbox.
    page.goto(invitation)
    check_a11y(page)
    page.locator("#main").get_by_role("link", name="Create an account").click()
    check_a11y(page)
    page.get_by_label("Name").fill("Ola Nowak")
    page.get_by_label("Email").fill("ola@example.org")
    page.get_by_label("Preferred language").select_option("en")
    page.get_by_label(re.compile(r"^Password:?$")).fill("Kwiaty-na-rynku-2026")
    page.get_by_label("Password (again)").fill("Kwiaty-na-rynku-2026")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    check_a11y(page)
    confirm = _link_in_last_mail("ola@example.org", r"http://\S+/confirm-email/\S+/")
    page.goto(re.sub(r"^http://[^/]+", base, confirm))
    check_a11y(page)
    page.get_by_role("button", name="Confirm").click()

    # Back to the invitation: one click joins the team.
    page.goto(invitation)
    page.get_by_role("button", name="Accept the invitation").click()
    expect(page.get_by_role("heading", name="Team of Gniew")).to_be_visible()
    check_a11y(page)

    # Ola proposes a practice and submits it.
    page.get_by_role("link", name="Your practices").click()
    check_a11y(page)
    page.get_by_role("link", name="Propose a good practice").first.click()
    check_a11y(page)
    page.get_by_label("Language you write in").select_option("pl")
    page.get_by_label("Title").fill("Sąsiedzki chór na rynku")
    page.get_by_role("button", name="Start the draft").click()
    check_a11y(page)
    polish = page.get_by_role("group", name=re.compile("Texts in Polish"))
    polish.get_by_label("Summary").fill("Sąsiedzi śpiewają razem w każdą sobotę na rynku.")
    english = page.get_by_role("group", name="Texts in English")
    english.get_by_label("Title").fill("A neighbourhood choir on the market square")
    page.get_by_label("Loneliness and social isolation").check()
    page.get_by_label("Sense of belonging and local identity").check()
    page.get_by_label("Music", exact=True).check()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Your practice was sent to the reviewers")).to_be_visible()

    # The reviewer returns it with a note.
    reviewer = _new_page(browser)
    _sign_in(reviewer, base, "rasmus@example.org", check_a11y)
    reviewer.goto(f"{base}/en/practices/review/")
    check_a11y(reviewer)
    reviewer.get_by_role("link", name="A neighbourhood choir on the market square").click()
    check_a11y(reviewer)
    reviewer.get_by_label("Note to the author").fill("Please add an English summary.")
    reviewer.get_by_role("button", name="Return to the author").click()
    expect(reviewer.get_by_text("The practice was returned to its author")).to_be_visible()

    # Ola reads the note, fixes the practice and submits it again.
    page.goto(f"{base}/en/practices/mine/")
    page.get_by_role("link", name="read the note").click()
    expect(page.get_by_role("note").get_by_text("Please add an English summary.")).to_be_visible()
    check_a11y(page)
    english = page.get_by_role("group", name="Texts in English")
    english.get_by_label("Summary").fill("Neighbours sing together on the square every Saturday.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Your practice was sent to the reviewers")).to_be_visible()

    # The reviewer sees what changed since the return, and publishes.
    reviewer.goto(f"{base}/en/practices/review/")
    reviewer.get_by_role("link", name="A neighbourhood choir on the market square").click()
    changed = reviewer.locator("tr.changed")
    expect(changed).to_have_count(1)
    expect(changed).to_contain_text("summary.en")
    check_a11y(reviewer)
    reviewer.get_by_role("button", name="Publish").click()
    expect(reviewer.get_by_text("The practice is published")).to_be_visible()

    # Anyone finds it in the catalogue, with the municipality that proposed it.
    reader = _new_page(browser)
    reader.goto(f"{base}/en/practices/?q=chór")
    reader.get_by_role("link", name="A neighbourhood choir on the market square").click()
    expect(reader.get_by_role("link", name="Gniew")).to_be_visible()
    check_a11y(reader)
    assert any("published" in m.subject for m in mail.outbox if "ola@example.org" in m.to)
