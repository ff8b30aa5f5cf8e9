"""The whole yearly cycle of the title in Chromium, with several people:

two towns open the call (Gniew applies and submits; Røros, in Norway, is told why it cannot),
the secretariat moves the edition on, a committee member scores and the secretariat shortlists,
Gniew's coordinator submits the action plan as the final application, three jurors score (one
declares a conflict of interest with Gniew and is left out of its mean), the secretariat reads
the proposal, records the decision with its rationale and publishes it; the certificate and the
feedback letter come out as PDFs, Gniew's team reads its outcome and the public sees the Pearls.

Between the steps the calendar moves on: a deadline that has passed is set in the database, as
time would; every decision on the way is made by people in the browser. axe-core checks every
kind of page."""

import datetime
import io

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from pearls.accounts.models import Membership, RoleAssignment
from pearls.competition import preselection
from pearls.competition.models import Application, Award, Edition, Milestone
from pearls.competition.services import edition_create
from pearls.plans import services as plan_services
from pearls.plans.demo import plan_demo_create
from pearls.plans.models import Plan
from pearls.plans.sections import SECTIONS
from tests.e2e.conftest import _local_only
from tests.e2e.test_application_journey import PDF, TEXTS, _shot
from tests.e2e.test_application_journey import _sign_in as sign_in
from tests.people import give_role, join, make_municipality, make_user, totp_code

K = Milestone.Kind
FINAL = "final"


def _passed(edition, kind):
    """The calendar moves on: the milestone ``kind`` was yesterday."""
    Milestone.objects.update_or_create(
        edition=edition,
        kind=kind,
        defaults={"local_date": (timezone.now() - datetime.timedelta(days=1)).date()},
    )


def _ahead(edition, kind, days):
    Milestone.objects.update_or_create(
        edition=edition,
        kind=kind,
        defaults={"local_date": (timezone.now() + datetime.timedelta(days=days)).date()},
    )


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    edition = edition_create(title_year=2027, name="Cultural Pearls 2027", actor=None)
    _ahead(edition, K.APPLICATION_DEADLINE, 20)
    Edition.objects.filter(pk=edition.pk).update(phase=Edition.Phase.CALL)
    gniew = make_municipality("gniew", "PL", official_name="Gniew", lau="2204034", nuts3="PL634")
    roros = make_municipality("roros", "NO", official_name="Røros")
    kasia = make_user("kasia@example.org", name="Kasia")
    join(kasia, gniew, Membership.Role.COORDINATOR)
    join(make_user("ola@example.org", name="Ola"), roros, Membership.Role.COORDINATOR)
    # two more towns applied without the browser, so the committee and the jury compare
    others = []
    for slug, name in (("smiltene", "Smiltene"), ("cesis", "Cēsis")):
        town = make_municipality(slug, "LV", official_name=name)
        others.append(
            Application.objects.create(
                edition=edition,
                municipality=town,
                status=Application.Status.SUBMITTED,
                answers={"motivation": f"{name} wants its young people to stay."},
                eligibility={"eligible": True, "reasons": [], "unknown": []},
                submitted_at=timezone.now(),
            )
        )
    committee = make_user("karl@example.org", name="Karl", mfa=True)
    give_role(committee, RoleAssignment.Role.COMMITTEE, edition=edition)
    jurors = {}
    for name in ("Anna", "Ben", "Cleo"):
        jurors[name] = make_user(f"{name.lower()}@example.org", name=name, mfa=True)
        give_role(jurors[name], RoleAssignment.Role.JURY, edition=edition)
    secretary = make_user("sec@example.org", name="Sec", mfa=True)
    give_role(secretary, RoleAssignment.Role.SECRETARIAT)
    return {
        "edition": edition,
        "gniew": gniew,
        "kasia": kasia,
        "others": others,
        "committee": committee,
        "jurors": jurors,
    }


def _score_all(application, user, value, stage):
    criteria = preselection.stage_criteria(application.edition, stage)
    preselection.score_save(
        application=application,
        user=user,
        values={c.code: (value, f"{user.name} gives {value}.") for c in criteria},
        actor=user,
        stage=stage,
    )
    preselection.sheet_submit(application=application, user=user, stage=stage)


def _score_in_browser(page, criteria, value, words):
    for criterion in criteria:
        page.locator(f"#score-{criterion.code}").fill(str(value))
        page.locator(f"#comment-{criterion.code}").fill(f"{words} ({criterion.code}).")
    page.get_by_role("button", name="Submit my scores").click()


def _move_on(sec, base, phase, check_a11y):
    sec.goto(f"{base}/en/secretariat/editions/2027/")
    sec.get_by_role("button", name=f"Move on to “{phase}”").click()
    expect(sec.locator(".messages")).to_contain_text(f"The edition is now in the phase “{phase}”.")
    check_a11y(sec)


def _pdf_text(page, url):
    response = page.request.get(url)
    assert response.status == 200, url
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    return " ".join(page_.extract_text() for page_ in reader.pages)


def _apply(kasia, base, check_a11y):
    kasia.goto(f"{base}/en/municipalities/gniew/applications/2027/")
    expect(kasia.locator("#eligibility-heading + p")).to_contain_text("can apply")
    kasia.get_by_role("button", name="Start the application").click()
    expect(kasia.locator("h1")).to_have_text("Application form")
    for label, text in TEXTS.items():
        kasia.get_by_label(label).fill(text)
    kasia.get_by_label("Population of the town").fill("6 500")
    kasia.get_by_role("button", name="Save", exact=True).click()
    # autosave and Save may overlap; wait until every answer is stored
    for _attempt in range(20):
        kasia.wait_for_timeout(500)
        saved = Application.objects.get(municipality__slug="gniew").answers
        if saved.get("population") == 6500 and saved.get("contact") == TEXTS["Contact person"]:
            break
        if _attempt == 10:
            kasia.get_by_role("button", name="Save", exact=True).click()
    else:
        pytest.fail(f"The answers were not saved: {saved}")
    kasia.wait_for_load_state("networkidle")
    kasia.locator("#upload-commitment").set_input_files(
        {"name": "letter.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    kasia.get_by_role("button", name="Upload").click()
    expect(kasia.locator(".messages")).to_contain_text("“letter.pdf” is uploaded.")
    kasia.get_by_role("link", name="Preview the application").click()
    kasia.get_by_role("link", name="Check what is missing and submit").click()
    expect(kasia.locator("body")).to_contain_text("The application is complete.")
    kasia.get_by_role("button", name="Submit the application").click()
    expect(kasia.locator(".status-line")).to_contain_text("Submitted")
    check_a11y(kasia)


def test_the_whole_cycle_from_the_call_to_the_published_pearls(
    browser, live_server, world, check_a11y
):
    base = live_server.url
    edition = world["edition"]
    smiltene, cesis = world["others"]

    # 1. The call: Gniew applies; Røros reads why it cannot
    kasia = sign_in(browser, base, "kasia@example.org")
    _apply(kasia, base, check_a11y)
    gniew = Application.objects.get(municipality__slug="gniew")
    assert gniew.status == Application.Status.SUBMITTED
    assert len([m for m in mail.outbox if m.to == ["kasia@example.org"]]) == 1  # the receipt
    ola = sign_in(browser, base, "ola@example.org")
    ola.goto(f"{base}/en/municipalities/roros/applications/2027/")
    expect(ola.locator("section.eligibility")).to_contain_text(
        "Your town cannot apply for the title."
    )
    expect(ola.locator("section.eligibility")).to_contain_text("Norway")
    check_a11y(ola)

    # 2. Pre-selection: the committee scores, the secretariat shortlists
    sec = sign_in(browser, base, "sec@example.org", code=totp_code())
    _passed(edition, K.APPLICATION_DEADLINE)
    _move_on(sec, base, "Pre-selection", check_a11y)
    karl = sign_in(browser, base, "karl@example.org", code=totp_code())
    karl.goto(f"{base}/en/editions/2027/pre-selection/")
    karl.get_by_role("link", name="Gniew").click()
    expect(karl.get_by_text("We want culture to bring")).to_be_visible()
    _score_in_browser(
        karl, preselection.stage_criteria(edition, "pre_selection"), 8, "A convincing team"
    )
    expect(karl.get_by_role("status")).to_contain_text("Your scores for Gniew are submitted.")
    check_a11y(karl)
    _score_all(smiltene, world["committee"], 7, "pre_selection")
    _score_all(cesis, world["committee"], 6, "pre_selection")
    sec.goto(f"{base}/en/secretariat/editions/2027/pre-selection/")
    for name in ("Gniew", "Smiltene", "Cēsis"):
        sec.get_by_label(f"Shortlist {name}").check()
    sec.get_by_role("button", name="Record the shortlist and inform the applicants").click()
    expect(sec.get_by_role("status")).to_contain_text("The shortlist is recorded")
    check_a11y(sec)
    assert any("shortlisted" in m.subject for m in mail.outbox if m.to == ["kasia@example.org"])

    # 3. Development phase: Gniew submits its plan as its final application
    _ahead(edition, K.PLAN_DEADLINE, 10)
    _ahead(edition, K.JURY_DEADLINE, 20)
    _move_on(sec, base, "Development phase", check_a11y)
    plan = plan_demo_create(world["gniew"], [world["kasia"]])
    for key in SECTIONS:  # the team writes the sections the demo plan leaves empty
        section = plan.sections.filter(key=key, language="en").first()
        if section is None or not section.body.strip():
            plan_services.section_save(
                plan=plan,
                key=key,
                language="en",
                body=f"Gniew's {key} in plain words.",
                base_revision=section.revision if section else 0,
                actor=world["kasia"],
            )
    for application in (smiltene, cesis):
        Plan.objects.create(
            municipality=application.municipality,
            edition=edition,
            title=f"Plan of {application.municipality.official_name}",
            state=Plan.State.SUBMITTED,
        )
    kasia.goto(f"{base}/en/municipalities/gniew/applications/2027/")
    panel = kasia.locator("#development")
    expect(panel).to_contain_text("Your town is shortlisted for Cultural Pearls 2027.")
    expect(panel).to_contain_text("Plan deadline:")
    check_a11y(kasia)
    _shot(kasia, "cycle-development")
    panel.get_by_role("link", name="Open your plan in the plan builder").click()
    kasia.get_by_role("button", name="Submit the plan").click()
    expect(kasia.locator("body")).to_contain_text("Submitted on")
    check_a11y(kasia)
    assert Plan.objects.get(municipality=world["gniew"]).state == Plan.State.SUBMITTED
    kasia.goto(f"{base}/en/municipalities/gniew/applications/2027/")
    expect(kasia.locator("#development")).to_contain_text("as your final application")

    # 4. Final selection: Cleo declares a conflict with Gniew; Anna scores in the browser
    _passed(edition, K.PLAN_DEADLINE)
    _move_on(sec, base, "Final selection by the jury", check_a11y)
    cleo = sign_in(browser, base, "cleo@example.org", code=totp_code())
    cleo.goto(f"{base}/en/editions/2027/jury/")
    cleo.get_by_role("link", name="Gniew").click()
    cleo.get_by_text("Declare a conflict of interest with this candidate").click()
    cleo.get_by_label("Reason (only the secretariat reads it)").fill("My sister works there.")
    cleo.get_by_role("button", name="Declare the conflict").click()
    expect(cleo.get_by_role("link", name="Gniew")).to_have_count(0)
    check_a11y(cleo)
    anna = sign_in(browser, base, "anna@example.org", code=totp_code())
    anna.goto(f"{base}/en/editions/2027/jury/")
    anna.get_by_role("link", name="Gniew").click()
    _score_in_browser(
        anna, preselection.stage_criteria(edition, FINAL), 9, "The generations meet at the castle"
    )
    expect(anna.get_by_role("status")).to_contain_text("Your scores for Gniew are submitted.")
    check_a11y(anna)
    jurors = world["jurors"]
    _score_all(gniew, jurors["Ben"], 8, FINAL)
    for juror, values in (
        (jurors["Anna"], (7, 6)),
        (jurors["Ben"], (7, 7)),
        (jurors["Cleo"], (8, 5)),
    ):
        _score_all(smiltene, juror, values[0], FINAL)
        _score_all(cesis, juror, values[1], FINAL)

    # 5. Results: the proposal, the decision with its rationale, the publication
    _passed(edition, K.JURY_DEADLINE)
    sec.goto(f"{base}/en/editions/2027/results/")
    expect(sec.locator("#progress")).to_contain_text("8 of 8 expected score sheets submitted.")
    proposal = sec.locator("#proposal")
    expect(proposal).to_contain_text("Gniew is proposed for title 1 of 3")
    expect(proposal).to_contain_text("Cēsis is passed over: Latvia already has 1 title.")
    # Cleo's conflict: Gniew's mean is over the two jurors who scored it
    expect(sec.locator(f"#rank-{gniew.pk}")).to_contain_text("2 of 2")
    check_a11y(sec)
    _shot(sec, "cycle-results")
    sec.get_by_label("Citation for Gniew").fill("The generations of Gniew meet at the castle.")
    sec.get_by_label("Citation for Smiltene").fill("Residents restore their open-air stage.")
    sec.get_by_label("Rationale (required)").fill(
        "The jury followed the scores; the country rule leaves Cēsis without a title."
    )
    sec.get_by_role("button", name="Record the decision").click()
    expect(sec.locator("#publish")).to_be_visible()
    check_a11y(sec)
    sec.get_by_role("button", name="Publish the results and inform the candidates").click()
    expect(sec.locator("body")).to_contain_text("published")
    check_a11y(sec)
    edition.refresh_from_db()
    assert edition.phase == Edition.Phase.RESULTS and edition.decision.published
    assert set(Award.objects.values_list("application__municipality__slug", flat=True)) == {
        "gniew",
        "smiltene",
    }

    # 6. Documents and what the town and the public see
    kasia.goto(f"{base}/en/municipalities/gniew/applications/2027/")
    outcome = kasia.locator("#outcome")
    expect(outcome).to_contain_text("Cultural Pearl")
    check_a11y(kasia)
    _shot(kasia, "cycle-outcome")
    certificate = _pdf_text(
        kasia, f"{base}/en/municipalities/gniew/applications/2027/certificate.pdf"
    )
    assert "Gniew" in certificate and "The generations of Gniew meet at the castle." in certificate
    letter = _pdf_text(kasia, f"{base}/en/municipalities/gniew/applications/2027/feedback.pdf")
    assert "The generations meet at the castle" in letter and "Ben gives 8." in letter
    assert "Anna" not in letter and "Cleo" not in letter  # jurors stay anonymous
    cesis_letter = _pdf_text(sec, f"{base}/en/municipalities/cesis/applications/2027/feedback.pdf")
    assert "did not award" in cesis_letter
    public = browser.new_context().new_page()
    public.route("**/*", _local_only)
    public.goto(f"{base}/en/pearls/2027/")
    expect(public.locator("body")).to_contain_text("Gniew")
    expect(public.locator("body")).to_contain_text("The generations of Gniew meet at the castle.")
    check_a11y(public)
    _shot(public, "cycle-public-results")
