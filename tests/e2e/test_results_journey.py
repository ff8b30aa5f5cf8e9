"""Results of the final selection in Chromium: the secretariat signs in with two-factor
authentication, opens the results of an edition with three jurors (one conflicted on one
candidate) and four candidates from the edition's page, reads the proposal, is refused a
decision without citations, records it with a rationale and publishes it. axe-core checks
every page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pearls.accounts.models import RoleAssignment
from pearls.competition.models import Decision, Edition, Milestone
from pearls.competition.services import edition_create
from tests.competition.test_results import conflict, make_candidate, make_juror, sheet
from tests.e2e.test_preselection_journey import _sign_in
from tests.people import give_role, make_user


@pytest.fixture
def world(transactional_db):
    edition = edition_create(title_year=2027, name="Cultural Pearls 2027", actor=None)
    Milestone.objects.create(
        edition=edition,
        kind=Milestone.Kind.JURY_DEADLINE,
        local_date=(timezone.now() - datetime.timedelta(days=1)).date(),
    )
    Edition.objects.filter(pk=edition.pk).update(phase=Edition.Phase.JURY)
    edition.refresh_from_db()
    jurors = [make_juror(edition, name) for name in ("Anna", "Ben", "Cleo")]
    candidates = {}
    for name, country, value in (
        ("Gniew", "PL", 9),
        ("Pelplin", "PL", 8),
        ("Cesis", "LV", 7),
        ("Sigulda", "EE", 6),
    ):
        candidates[name] = make_candidate(edition, name, country)
        for juror in jurors:
            if (name, juror.name) == ("Cesis", "Cleo"):
                conflict(candidates[name], juror)
            else:
                sheet(candidates[name], juror, value)
    secretary = make_user("sec@example.org", name="Sec", mfa=True)
    give_role(secretary, RoleAssignment.Role.SECRETARIAT)
    return {"edition": edition, "candidates": candidates}


def test_the_secretariat_records_and_publishes_the_decision(
    browser, live_server, world, check_a11y
):
    base = live_server.url
    sec = _sign_in(browser, base, "sec@example.org")
    sec.goto(f"{base}/en/secretariat/editions/2027/")
    sec.get_by_role(
        "link", name="Final selection: results, the jury's decision and its publication"
    ).click()
    expect(sec.locator("h1")).to_contain_text("Results of the final selection")
    expect(sec.locator("#progress")).to_contain_text("11 of 11 expected score sheets submitted.")
    proposal = sec.locator("#proposal")
    expect(proposal).to_contain_text("Gniew is proposed for title 1 of 3")
    expect(proposal).to_contain_text("Pelplin is passed over: Poland already has 1 title.")
    expect(proposal).to_contain_text("Pelplin (8.00) is a candidate for the optional extra title")
    expect(sec.locator(f"#rank-{world['candidates']['Cesis'].pk}")).to_contain_text("2 of 2")
    check_a11y(sec)

    # the proposal is ticked already; without citations the decision is refused
    expect(sec.get_by_label("Title for Gniew", exact=True)).to_be_checked()
    expect(sec.get_by_label("Title for Pelplin", exact=True)).not_to_be_checked()
    sec.get_by_label("Rationale (required)").fill("The jury followed the scores.")
    sec.get_by_role("button", name="Record the decision").click()
    expect(sec.get_by_role("alert")).to_contain_text("Write the citation for Gniew")
    check_a11y(sec)
    assert not Decision.objects.exists()

    for name in ("Gniew", "Cesis", "Sigulda", "Pelplin"):
        sec.get_by_label(f"Citation for {name}").fill(f"{name} brings its generations together.")
    sec.get_by_label("Extra title for Pelplin").check()
    sec.get_by_role("button", name="Record the decision").click()
    expect(sec.get_by_role("status")).to_contain_text("The decision is recorded with 4 titles.")
    expect(sec.locator("#titles")).to_contain_text("Pelplin brings its generations together.")
    check_a11y(sec)

    sec.get_by_role("button", name="Publish the results and inform the candidates").click()
    expect(sec.get_by_role("status")).to_contain_text("The results are published.")
    expect(sec.locator("#decision-state")).to_contain_text("Published on")
    check_a11y(sec)
    world["edition"].refresh_from_db()
    assert world["edition"].phase == Edition.Phase.RESULTS
