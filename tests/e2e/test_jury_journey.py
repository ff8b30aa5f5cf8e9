"""Final selection in Chromium: a juror signs in with two-factor authentication, finds the jury
from their account page, reads the candidate's plan link and answers, is refused a score
without a justification, scores and submits, and only then sees the other juror's submitted
scores. axe-core checks every page."""

import pytest
from playwright.sync_api import expect

from pearls.accounts.models import RoleAssignment
from pearls.competition import preselection as services
from pearls.competition.models import Application, Edition
from pearls.competition.services import edition_create
from pearls.plans.models import Plan
from tests.e2e.test_preselection_journey import _sign_in
from tests.people import give_role, make_municipality, make_user


@pytest.fixture
def world(transactional_db):
    edition = edition_create(title_year=2027, name="Cultural Pearls 2027", actor=None)
    Edition.objects.filter(pk=edition.pk).update(phase=Edition.Phase.JURY)
    edition.refresh_from_db()
    gniew = make_municipality("gniew", "PL", official_name="Gniew")
    application = Application.objects.create(
        edition=edition,
        municipality=gniew,
        status=Application.Status.SHORTLISTED,
        answers={"motivation": "We want culture to bring the generations of Gniew together."},
    )
    Plan.objects.create(
        municipality=gniew, edition=edition, title="Gniew together", state=Plan.State.SUBMITTED
    )
    criteria = list(edition.criteria.filter(stage="final"))
    anna = make_user("anna@example.org", name="Anna", mfa=True)
    ben = make_user("ben@example.org", name="Ben", mfa=True)
    for juror in (anna, ben):
        give_role(juror, RoleAssignment.Role.JURY, edition=edition)
    services.score_save(
        application=application,
        user=ben,
        values={c.code: (8, "Ben finds the partnerships strong.") for c in criteria},
        actor=ben,
        stage="final",
    )
    services.sheet_submit(application=application, user=ben, stage="final")
    return {"application": application, "criteria": criteria}


def test_a_juror_scores_blind_then_reads_the_others(browser, live_server, world, check_a11y):
    base = live_server.url
    criteria = world["criteria"]
    anna = _sign_in(browser, base, "anna@example.org")
    anna.goto(f"{base}/en/me/")
    check_a11y(anna)
    anna.get_by_role("link", name="Jury of Cultural Pearls 2027: score the candidates").click()
    expect(anna.locator("h1")).to_contain_text("Jury")
    check_a11y(anna)
    anna.get_by_role("link", name="Gniew").click()
    expect(anna.locator("h1")).to_contain_text("Candidate: Gniew")
    expect(
        anna.get_by_role("link", name="Read the action plan “Gniew together” (PDF)")
    ).to_be_visible()
    expect(anna.get_by_text("We want culture to bring")).to_be_visible()
    expect(anna.get_by_text("Ben finds the partnerships strong.")).to_have_count(0)
    check_a11y(anna)

    # a score without its justification: refused, explained
    for criterion in criteria:
        anna.locator(f"#score-{criterion.code}").fill("7")
        anna.locator(f"#comment-{criterion.code}").fill(f"Convincing on {criterion.code}.")
    anna.locator(f"#comment-{criteria[0].code}").fill("")
    anna.get_by_role("button", name="Save").click()
    expect(anna.get_by_role("alert")).to_contain_text("Your scores were not saved.")
    expect(anna.locator(f"#error-{criteria[0].code}")).to_contain_text("Explain your score")
    check_a11y(anna)

    anna.locator(f"#comment-{criteria[0].code}").fill("The vision is clear.")
    anna.get_by_role("button", name="Submit my scores").click()
    expect(anna.get_by_role("status")).to_contain_text("Your scores for Gniew are submitted.")
    expect(anna.locator("#peer-scores")).to_contain_text("Ben finds the partnerships strong.")
    check_a11y(anna)
