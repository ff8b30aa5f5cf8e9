"""Applying for the title in Chromium: an eligible Polish town fills in the form (autosave
and the Save button), uploads the mayor's letter, previews and submits, and its coordinator
gets one receipt; a Norwegian town reads in words why it cannot apply; the secretariat sees
both in the edition's list and records a decision. axe-core checks every page on the way."""

import datetime
import os
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from pearls.accounts.models import Membership, RoleAssignment
from pearls.competition.models import Application, Edition, Milestone
from pearls.competition.services import edition_create
from tests.e2e.conftest import _local_only
from tests.people import PASSWORD, give_role, join, make_municipality, make_user, totp_code

SHOTS = os.environ.get("PEARLS_SCREENSHOTS")
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
TEXTS = {
    "Why does your town want to become a Cultural Pearl?": "We want culture to bring the "
    "generations of Gniew together again.",
    "Your town and its challenges": "A small town on the Vistula; young people leave.",
    "Cultural assets and strengths": "A castle, a choir and a strong library.",
    "Your team and partners across sectors": "The town hall, the library, two schools.",
    "First ideas for activities": "Storytelling evenings with grandparents.",
    "What does your town hope to learn?": "How other towns involve young people.",
    "Contact person": "Kasia Koordynator, culture officer",
}


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    edition = edition_create(title_year=2027, name="Cultural Pearls 2027", actor=None)
    Milestone.objects.create(
        edition=edition,
        kind=Milestone.Kind.APPLICATION_DEADLINE,
        local_date=(timezone.now() + datetime.timedelta(days=20)).date(),
    )
    Edition.objects.filter(pk=edition.pk).update(phase=Edition.Phase.CALL)
    gniew = make_municipality("gniew", "PL", official_name="Gniew", lau="2204034", nuts3="PL634")
    roros = make_municipality("roros", "NO", official_name="Røros")
    join(make_user("kasia@example.org", name="Kasia"), gniew, Membership.Role.COORDINATOR)
    join(make_user("ola@example.org", name="Ola"), roros, Membership.Role.COORDINATOR)
    secretary = make_user("sec@example.org", name="Sec", mfa=True)
    give_role(secretary, RoleAssignment.Role.SECRETARIAT)
    return tmp_path


def _sign_in(browser, base, email, code=None):
    page = browser.new_context().new_page()
    page.set_default_timeout(15_000)
    page.route("**/*", _local_only)
    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    if code:
        page.get_by_label("Code").fill(code)
        page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def _shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _from_team_page(page, base, slug, check_a11y):
    page.goto(f"{base}/en/municipalities/{slug}/team/")
    check_a11y(page)
    page.get_by_role("link", name="Apply for the title: Cultural Pearls 2027").click()
    expect(page.locator("h1")).to_contain_text("Application of")
    check_a11y(page)


def test_two_towns_apply(browser, live_server, world, check_a11y):
    base = live_server.url
    kasia = _sign_in(browser, base, "kasia@example.org")
    _from_team_page(kasia, base, "gniew", check_a11y)
    expect(kasia.locator("#eligibility-heading + p")).to_contain_text("can apply")
    kasia.get_by_role("button", name="Start the application").click()
    expect(kasia.locator("h1")).to_have_text("Application form")
    check_a11y(kasia)

    # autosave while writing
    kasia.get_by_label(next(iter(TEXTS))).fill(TEXTS[next(iter(TEXTS))])
    expect(kasia.locator("#save-status")).to_contain_text("Saved at", timeout=15_000)
    expect(kasia.locator("#count-motivation")).to_contain_text(
        "11 words of at most 500.", timeout=15_000
    )
    for label, text in TEXTS.items():
        kasia.get_by_label(label).fill(text)
    kasia.get_by_label("Population of the town").fill("6 500")
    # with JavaScript the Save button saves in place, like the autosave
    kasia.get_by_role("button", name="Save", exact=True).click()
    expect(kasia.locator("#count-contact")).to_contain_text("4 words of at most 20.")
    # Autosaves and the Save overlap; the last one carries every answer. SQLite in memory
    # refuses a write that overlaps another, so wait for the answers rather than for one request.
    for _attempt in range(20):
        kasia.wait_for_timeout(500)
        saved = Application.objects.get(municipality__slug="gniew").answers
        if saved.get("population") == 6500 and saved.get("contact") == TEXTS["Contact person"]:
            break
        if _attempt == 10:
            kasia.get_by_role("button", name="Save", exact=True).click()
    else:
        status = kasia.locator("#save-status").inner_text()
        pytest.fail(f"The answers were not saved: {saved} ({status})")
    kasia.wait_for_load_state("networkidle")
    kasia.locator("#upload-commitment").set_input_files(
        {"name": "letter.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    kasia.get_by_role("button", name="Upload").click()
    expect(kasia.locator(".messages")).to_contain_text("“letter.pdf” is uploaded.")
    check_a11y(kasia)
    _shot(kasia, "application-form")

    kasia.get_by_role("link", name="Preview the application").click()
    expect(kasia.locator(".preview-list")).to_contain_text("Storytelling evenings")
    check_a11y(kasia)
    _shot(kasia, "application-preview")
    kasia.get_by_role("link", name="Check what is missing and submit").click()
    expect(kasia.locator("body")).to_contain_text("The application is complete.")
    kasia.get_by_role("button", name="Submit the application").click()
    expect(kasia.locator(".status-line")).to_contain_text("Submitted")
    check_a11y(kasia)
    _shot(kasia, "application-submitted")
    application = Application.objects.get(municipality__slug="gniew")
    assert application.status == Application.Status.SUBMITTED
    assert application.eligibility["eligible"] is True
    receipts = [m for m in mail.outbox if "kasia@example.org" in m.to]
    assert len(receipts) == 1 and "received" in receipts[0].subject

    ola = _sign_in(browser, base, "ola@example.org")
    _from_team_page(ola, base, "roros", check_a11y)
    eligibility = ola.locator("section.eligibility")
    expect(eligibility).to_contain_text("Your town cannot apply for the title.")
    expect(eligibility).to_contain_text("Norway")
    _shot(ola, "application-not-eligible")
    ola.get_by_role("button", name="Start the application").click()
    check_a11y(ola)

    sec = _sign_in(browser, base, "sec@example.org", code=totp_code())
    sec.goto(f"{base}/en/secretariat/editions/2027/")
    check_a11y(sec)
    sec.get_by_role("link", name="All applications of this edition, with their eligibility").click()
    table = sec.locator("table.applications-table")
    expect(table).to_contain_text("Gniew")
    expect(table).to_contain_text("Røros")
    check_a11y(sec)
    _shot(sec, "applications-list")
    row = sec.locator("tr", has_text="Røros")
    row.get_by_label("Not eligible").check()
    row.get_by_label("Reason").fill("Norway does not take part in the programme.")
    row.get_by_role("button", name="Save the decision on Røros").click()
    expect(sec.locator(".messages")).to_contain_text("The decision on Røros is saved.")
    check_a11y(sec)
    assert Application.objects.get(municipality__slug="roros").eligibility_override is False
