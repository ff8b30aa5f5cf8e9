"""The application page after submission: what happens next, the pre-selection outcome, the
development phase hand-over for a shortlisted town (the plan deadline in the edition's time
zone and the reader's, the plan's state and readiness, the link to the plan builder, what
comes next), and, once the decision is published, the outcome with the certificate and the
feedback letter."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from pearls.accounts.models import Membership
from pearls.competition import history
from pearls.competition.models import (
    Application,
    Award,
    Criterion,
    Decision,
    Edition,
    Milestone,
    Score,
    ScoreSheet,
)
from pearls.competition.services import edition_create
from pearls.plans.models import Plan
from pearls.plans.readiness import readiness_of
from tests.people import join, make_municipality, make_user

pytestmark = pytest.mark.django_db
Status = Application.Status
URL = reverse("competition:application", kwargs={"slug": "gniew", "year": 2027})


@pytest.fixture
def edition():
    edition = edition_create(
        title_year=2027, name="Cultural Pearls 2027", actor=None, time_zone="Europe/Riga"
    )
    Edition.objects.filter(pk=edition.pk).update(phase=Edition.Phase.DEVELOPMENT)
    Milestone.objects.create(
        edition=edition,
        kind=Milestone.Kind.PLAN_DEADLINE,
        local_date=(timezone.now() + datetime.timedelta(days=30)).date(),
        local_time=datetime.time(17, 0),
    )
    return Edition.objects.get(pk=edition.pk)


@pytest.fixture
def town():
    return make_municipality("gniew", "PL", official_name="Gniew")


@pytest.fixture
def coordinator(town):
    user = make_user("kasia@example.org", name="Kasia")
    join(user, town, Membership.Role.COORDINATOR)
    return user


@pytest.fixture
def member(town):
    user = make_user("marek@example.org", name="Marek")
    join(user, town)
    return user


def _application(edition, town, status):
    return Application.objects.create(
        edition=edition,
        municipality=town,
        status=status,
        answers={"motivation": "Culture for every generation."},
        submitted_at=timezone.now(),
        eligibility={"eligible": True, "reasons": [], "unknown": []},
    )


def _page(client, user):
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def _deadline_text(edition):
    moment = edition.deadline(Milestone.Kind.PLAN_DEADLINE)
    return f"Plan deadline: {date_format(moment, 'DATE_FORMAT')}, 5 p.m. (Europe/Riga time)."


def _publish(edition):
    return Decision.objects.create(
        edition=edition, rationale="Scores and debate.", published_at=timezone.now()
    )


def _sheet(application, stage, comment):
    sheet = ScoreSheet.objects.create(
        application=application,
        user=make_user(mfa=True),
        stage=stage,
        submitted_at=timezone.now(),
    )
    for criterion in application.edition.criteria.filter(stage=stage):
        Score.objects.create(sheet=sheet, criterion=criterion, value=7, comment=comment)


def test_a_submitted_application_says_what_happens_next(client, edition, town, coordinator):
    _application(edition, town, Status.SUBMITTED)
    html = _page(client, coordinator)
    assert "What happens next" in html
    assert "whether your town is shortlisted" in html
    assert "Development phase" not in html


def test_not_shortlisted_says_so_and_shares_comments_once_published(
    client, edition, town, coordinator
):
    application = _application(edition, town, Status.NOT_SHORTLISTED)
    _sheet(application, Criterion.Stage.PRE_SELECTION, "Name the partners.")
    html = _page(client, coordinator)
    assert "did not shortlist your town for the development phase" in html
    assert "The feedback is shared once the results of 2027 are published." in html
    assert "Name the partners." not in html
    assert "Development phase" not in html and "plan builder" not in html
    _publish(edition)
    html = _page(client, coordinator)
    assert "Name the partners." in html


def test_shortlisted_without_a_plan_hands_over_to_the_plan_builder(
    client, edition, town, coordinator, member
):
    _application(edition, town, Status.SHORTLISTED)
    html = _page(client, coordinator)
    assert "Development phase" in html
    assert _deadline_text(edition) in html
    # the reader's time zone (Brussels) runs an hour behind Riga's
    assert ", 4 p.m. in your time zone (Europe/Brussels)." in html
    plans = reverse("plans:plans", kwargs={"slug": "gniew"})
    assert f'<a href="{plans}">Start your plan for Cultural Pearls 2027 in the plan builder' in html
    assert "the submitted plan is your final application" in html
    # a member follows; the coordinators start the plan
    html = _page(client, member)
    assert "Start your plan" not in html
    assert "(the coordinators start the plan)" in html and plans in html


def test_shortlisted_with_a_draft_plan_shows_its_state_and_readiness(
    client, edition, town, coordinator
):
    _application(edition, town, Status.SHORTLISTED)
    plan = Plan.objects.create(municipality=town, edition=edition, title="Gniew together")
    required = [item for item in readiness_of(plan).items if item.required]
    met = sum(1 for item in required if item.met)
    assert met < len(required)  # an empty plan is not ready
    html = _page(client, coordinator)
    assert "Your plan “Gniew together”: Draft." in html
    assert f"{met} of {len(required)} required checks met." in html
    assert f'<a href="{plan.get_absolute_url()}">Open your plan in the plan builder' in html
    development = history.development_of(Application.objects.get())
    assert development.readiness == (met, len(required)) and not development.closed


def test_a_submitted_plan_is_the_final_application(client, edition, town, coordinator):
    _application(edition, town, Status.SHORTLISTED)
    submitted = datetime.datetime(2026, 11, 20, 10, 30, tzinfo=datetime.UTC)
    Plan.objects.create(
        municipality=town,
        edition=edition,
        title="Gniew together",
        state=Plan.State.SUBMITTED,
        submitted_at=submitted,
    )
    html = _page(client, coordinator)
    assert (
        "Your plan was submitted on Nov. 20, 2026, 12:30 p.m. (Europe/Riga time) as your final "
        "application; the jury scores it."
    ) in html
    assert "required checks met" not in html


def test_after_the_deadline_an_unsubmitted_plan_is_too_late(client, edition, town, coordinator):
    _application(edition, town, Status.SHORTLISTED)
    Milestone.objects.filter(edition=edition).update(
        local_date=(timezone.now() - datetime.timedelta(days=1)).date()
    )
    html = _page(client, coordinator)
    assert "The plan was not submitted before the plan deadline" in html
    assert "Start your plan" not in html
    Plan.objects.create(municipality=town, edition=edition, title="Gniew together")
    html = _page(client, coordinator)
    assert "The plan was not submitted before the plan deadline" in html
    assert "Submit your plan in the plan builder" not in html


def test_without_a_plan_deadline_the_page_says_it_is_not_set(client, edition, town, coordinator):
    _application(edition, town, Status.SHORTLISTED)
    Milestone.objects.filter(edition=edition).delete()
    html = _page(client, coordinator)
    assert "The secretariat has not set the plan deadline yet." in html


def test_after_publication_a_pearl_finds_its_certificate_and_letter(
    client, edition, town, coordinator
):
    application = _application(edition, town, Status.SHORTLISTED)
    Plan.objects.create(
        municipality=town, edition=edition, title="Plan", state=Plan.State.SUBMITTED
    )
    _sheet(application, Criterion.Stage.FINAL, "Strong partnerships.")
    decision = Decision.objects.create(edition=edition, rationale="Scores and debate.")
    Award.objects.create(decision=decision, application=application, citation="For the river.")
    certificate = reverse("competition:certificate", kwargs={"slug": "gniew", "year": 2027})
    letter = reverse("competition:feedback-letter", kwargs={"slug": "gniew", "year": 2027})
    html = _page(client, coordinator)  # recorded, not published: nothing shows
    assert "The jury's decision" not in html and certificate not in html and letter not in html
    Decision.objects.filter(pk=decision.pk).update(published_at=timezone.now())
    html = _page(client, coordinator)
    assert "The jury's decision" in html and "Cultural Pearl" in html
    assert certificate in html and letter in html
    assert "Strong partnerships." not in html  # the letter carries the jury's words


def test_after_publication_a_finalist_without_jury_scores_has_no_letter(
    client, edition, town, coordinator
):
    _application(edition, town, Status.SHORTLISTED)
    _publish(edition)
    html = _page(client, coordinator)
    assert "Shortlisted, no title" in html
    assert "certificate.pdf" not in html and "feedback.pdf" not in html


def test_the_page_reads_a_long_record_in_as_many_queries(client, edition, town, coordinator):
    _application(edition, town, Status.SHORTLISTED)

    def queries():
        client.force_login(coordinator)
        client.get(URL)
        with CaptureQueriesContext(connection) as captured:
            client.get(URL)
        return len(captured)

    edition_2025 = edition_create(title_year=2025, name="Cultural Pearls 2025", actor=None)
    _sheet(
        _application(edition_2025, town, Status.NOT_SHORTLISTED),
        Criterion.Stage.PRE_SELECTION,
        "More partners.",
    )
    _publish(edition_2025)
    one = queries()
    for year in (2022, 2023, 2024):
        earlier = edition_create(title_year=year, name=f"Cultural Pearls {year}", actor=None)
        _sheet(
            _application(earlier, town, Status.NOT_SHORTLISTED),
            Criterion.Stage.PRE_SELECTION,
            "More partners.",
        )
        _publish(earlier)
    assert queries() == one
