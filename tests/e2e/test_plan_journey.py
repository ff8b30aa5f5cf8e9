"""The whole toolkit-to-plan journey in Chromium, as the programme asks for it: a coordinator
runs a self-assessment with two invited respondents, maps stakeholders, fills two worksheets,
writes a plan with three actions drawing on a practice and shares it; the national mentor
comments; a second team member edits the same section at the same time and the conflict is
settled without loss; the team submits; the exported PDF contains the actions. axe-core
checks every kind of page on the way."""

import io
import os

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from pearls.accounts.models import Membership, RoleAssignment
from pearls.plans.models import Conflict, Plan, Section
from pearls.plans.sections import SECTIONS
from tests.e2e.conftest import _local_only
from tests.factories import make_practice
from tests.people import PASSWORD, give_role, join, make_edition, make_municipality, make_user

ALL_DIMENSIONS = [
    "belonging",
    "trust",
    "participation",
    "inclusion",
    "wellbeing",
    "cooperation",
    "adaptability",
    "preparedness",
]


@pytest.fixture
def world(transactional_db):
    gniew = make_municipality("gniew", "PL", official_name="Gniew", challenges=["isolation"])
    kasia = make_user("kasia@example.org", name="Kasia Koordynator")
    michal = make_user("michal@example.org", name="Michał Member")
    marta = make_user("marta@example.org", name="Marta Mentor", language="pl")
    join(kasia, gniew, Membership.Role.COORDINATOR)
    join(michal, gniew)
    give_role(marta, RoleAssignment.Role.MENTOR, country="PL")
    make_edition(2027)
    make_practice(
        id="three-generation-studio",
        title={"en": "A three-generation art studio against loneliness"},
        challenges=["isolation"],
        dimensions=ALL_DIMENSIONS,
    )
    return gniew


def _sign_in(browser, base, email):
    page = browser.new_context().new_page()
    page.set_default_timeout(15_000)
    page.route("**/*", _local_only)
    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def _self_assessment(browser, base, page, check_a11y):
    page.goto(f"{base}/en/municipalities/gniew/toolkit/")
    check_a11y(page)
    page.get_by_label("Name of the round").fill("Baseline 2027")
    page.get_by_role("button", name="Start the round").click()
    survey = page.get_by_label("Link for stakeholders").input_value()
    for choice in ("Disagree", "Agree"):
        stranger = browser.new_context().new_page()
        stranger.route("**/*", _local_only)
        stranger.goto(survey)
        for fieldset in stranger.locator("fieldset.statement").all():
            fieldset.get_by_label(choice, exact=True).check()
        stranger.locator("form.questionnaire button[type=submit]").click()
        expect(stranger.locator("h1")).to_have_count(1)
        stranger.context.close()
    page.reload()
    expect(page.get_by_text("2 people have answered")).to_be_visible()


def _ecosystem(base, page, check_a11y):
    for name, kind, sector in (
        ("Gniew Cultural Centre", "Cultural institution", "Culture and creative sector"),
        ("Seniors' Club", "NGO or civic association", "Civil society"),
        ("Town Hall", "Municipality or local authority", "Public sector"),
    ):
        page.goto(f"{base}/en/municipalities/gniew/ecosystem/stakeholders/new/")
        page.get_by_label("Name:", exact=True).fill(name)
        page.get_by_label("Organisation type").select_option(label=kind)
        page.get_by_label("Sector").select_option(label=sector)
        page.locator("form button[type=submit]").last.click()
        expect(page.get_by_text(name).first).to_be_visible()
    check_a11y(page)


def _worksheets(base, page):
    page.goto(f"{base}/en/municipalities/gniew/worksheets/")
    page.get_by_role("link", name="Entry Point", exact=True).click()
    page.get_by_label("Which social challenge do you want to work on?").fill(
        "Older residents living alone"
    )
    page.get_by_role("button", name="Save the worksheet").click()
    expect(page.get_by_text("The worksheet is saved.")).to_be_visible()
    page.goto(f"{base}/en/municipalities/gniew/worksheets/collaboration-agreement/")
    page.get_by_label("Partners", exact=True).fill(
        "Gniew Cultural Centre — venues and staff\nSeniors' Club — volunteers"
    )
    page.get_by_role("button", name="Save the worksheet").click()
    expect(page.get_by_text("The worksheet is saved.")).to_be_visible()


def _add_action(page, base, plan, title, start, end, partner):
    page.goto(f"{base}/en/municipalities/gniew/plans/{plan.pk}/actions/new/")
    page.get_by_label("Title:", exact=True).fill(title)
    page.get_by_label("Description").fill(f"{title}: what happens, month by month.")
    page.get_by_label("Start month").fill(start)
    page.get_by_label("End month").fill(end)
    page.get_by_label("Responsible person").fill("Kasia Koordynator")
    page.get_by_label("Fewer lonely older residents").check()
    page.get_by_label(partner).check()
    page.get_by_label("Storytelling and oral history").check()
    page.get_by_label("Intangible heritage and traditions").check()
    page.get_by_label("Sense of belonging and local identity").check()
    page.get_by_label("Item 1", exact=True).fill("Materials")
    page.get_by_label("Amount (EUR) 1").fill("900")
    page.get_by_label("Source 1").select_option(label="Cultural Pearls seed money")
    page.get_by_label("Indicator 1", exact=True).fill("Participants")
    page.get_by_label("Target 1", exact=True).fill("60")
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_text("The action is added.")).to_be_visible()


def test_from_toolkit_to_a_submitted_plan(browser, live_server, world, check_a11y):
    base = live_server.url
    kasia = _sign_in(browser, base, "kasia@example.org")
    _self_assessment(browser, base, kasia, check_a11y)
    _ecosystem(base, kasia, check_a11y)
    _worksheets(base, kasia)

    # The plan starts with what the toolkit knows.
    kasia.goto(f"{base}/en/municipalities/gniew/plans/")
    check_a11y(kasia)
    kasia.get_by_label("Title of the plan").fill("Gniew: generations meet")
    kasia.get_by_label("Polish").check()
    kasia.get_by_role("button", name="Start the plan").click()
    expect(kasia.get_by_role("heading", name="Gniew: generations meet")).to_be_visible()
    check_a11y(kasia)
    plan = Plan.objects.get()
    expect(kasia.locator("#section-team")).to_contain_text("Seniors' Club")
    expect(kasia.locator("#section-needs")).to_contain_text("Baseline 2027")

    # Every section in English; autosave answers while typing.
    section_url = f"{base}/en/municipalities/gniew/plans/{plan.pk}/sections"
    kasia.goto(f"{section_url}/context/?lang=en")
    check_a11y(kasia)
    kasia.get_by_label("Text in English").fill("Gniew is small and ageing.")
    expect(kasia.locator("#save-status")).to_contain_text("Saved at", timeout=15_000)
    for key in SECTIONS:
        if key == "context":
            continue
        kasia.goto(f"{section_url}/{key}/?lang=en")
        box = kasia.get_by_label("Text in English")
        box.fill((box.input_value() + f"\n\nOur {key}.").strip())
        kasia.get_by_role("button", name="Save", exact=True).click()
        expect(kasia.get_by_text("Saved.")).to_be_visible()
    kasia.goto(f"{base}/en/municipalities/gniew/plans/{plan.pk}/objectives/?lang=en")
    check_a11y(kasia)
    kasia.get_by_label("New objective 1").fill("Fewer lonely older residents")
    kasia.get_by_role("button", name="Save the objectives").click()

    # Three actions with partners from three sectors.
    for title, partner in (
        ("Memory cafés", "Seniors' Club (Civil society)"),
        ("Castle storytelling nights", "Gniew Cultural Centre (Culture and creative sector)"),
        ("Town hall open archive", "Town Hall (Public sector)"),
    ):
        _add_action(kasia, base, plan, title, "2027-03", "2027-10", partner)
    check_a11y(kasia)
    # The first action draws on a practice suggested from the catalogue.
    first = plan.actions.order_by("pk").first()
    kasia.goto(f"{base}/en/municipalities/gniew/plans/{plan.pk}/actions/{first.pk}/")
    suggestion = kasia.locator("#practices li").filter(
        has_text="A three-generation art studio against loneliness"
    )
    suggestion.get_by_role("button", name="Draw on it").click()
    expect(kasia.get_by_text("The practice is linked.")).to_be_visible()

    # Shared with the mentor, who comments.
    kasia.goto(f"{base}/en/municipalities/gniew/plans/{plan.pk}/")
    kasia.get_by_role("button", name="Share with the mentor").click()
    expect(kasia.get_by_text("The plan is shared")).to_be_visible()
    marta = _sign_in(browser, base, "marta@example.org")
    marta.goto(f"{section_url}/monitoring/")
    check_a11y(marta)
    marta.get_by_label("New comment").fill("How will you measure loneliness itself?")
    marta.get_by_role("button", name="Post the comment").click()
    expect(marta.get_by_text("How will you measure loneliness itself?")).to_be_visible()
    kasia.reload()
    expect(kasia.get_by_text("1 open comment").first).to_be_visible()

    # Two team members edit the vision at the same time: nothing is lost.
    michal = _sign_in(browser, base, "michal@example.org")
    kasia.goto(f"{section_url}/vision/?lang=en")
    michal.goto(f"{section_url}/vision/?lang=en")
    kasia.get_by_label("Text in English").fill("Kasia's vision: generations meet.")
    kasia.get_by_role("button", name="Save", exact=True).click()
    expect(kasia.get_by_text("Saved.")).to_be_visible()
    michal.get_by_label("Text in English").fill("Michał's vision: the river connects us.")
    michal.get_by_role("button", name="Save", exact=True).click()
    expect(michal.get_by_role("heading", name="Settle an edit conflict")).to_be_visible()
    check_a11y(michal)
    vision = Section.objects.get(plan=plan, key="vision", language="en")
    assert vision.body == "Kasia's vision: generations meet."
    assert Conflict.objects.get().theirs["body"] == "Michał's vision: the river connects us."
    expect(michal.get_by_text("Kasia's vision: generations meet.").first).to_be_visible()
    merged = michal.get_by_label("Merged text", exact=False)
    merged.fill("Kasia's vision: generations meet.\n\nMichał's vision: the river connects us.")
    michal.get_by_role("button", name="Keep the merged text").click()
    expect(michal.get_by_text("The conflict is settled")).to_be_visible()
    vision.refresh_from_db()
    assert "generations meet" in vision.body and "river connects us" in vision.body

    # History shows what changed.
    michal.goto(f"{base}/en/municipalities/gniew/plans/{plan.pk}/history/")
    check_a11y(michal)
    michal.get_by_role("link", name="Version", exact=False).first.click()
    check_a11y(michal)

    # Ready: the coordinator submits; the plan is locked.
    kasia.goto(f"{base}/en/municipalities/gniew/plans/{plan.pk}/")
    check_a11y(kasia)
    kasia.get_by_role("button", name="Submit the plan").click()
    expect(kasia.get_by_text("The plan is submitted. This version is kept")).to_be_visible()
    plan.refresh_from_db()
    assert plan.state == Plan.State.SUBMITTED
    if os.environ.get("PEARLS_SCREENSHOTS"):
        kasia.screenshot(path=f"{os.environ['PEARLS_SCREENSHOTS']}/plan.png", full_page=True)

    # The exported PDF has the actions.
    response = kasia.request.get(f"{base}/en/municipalities/gniew/plans/{plan.pk}/export.pdf")
    assert response.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    for title in ("Memory cafés", "Castle storytelling nights", "Town hall open archive"):
        assert title in text
    assert "A three-generation art studio against loneliness" in text
