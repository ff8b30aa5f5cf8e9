"""The plan deadline: a shortlisted town's plan is its final application, so it is submitted
before the edition's plan deadline (in the edition's time zone) and, once the deadline passed
or the jury began, a submitted plan is not reopened. Practice plans are not bound by it."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from pearls.competition.models import Application, Edition, Milestone
from pearls.core.models import AuditEntry
from pearls.plans import services
from pearls.plans.models import Plan, Section
from pearls.plans.sections import SECTIONS
from tests.plans.helpers import action_item, make_plan, make_team

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
# 17:00 on 30 November 2026 in Warsaw (UTC+1 in winter) is 16:00 UTC.
BEFORE = datetime.datetime(2026, 11, 30, 15, 59, tzinfo=UTC)
AFTER = datetime.datetime(2026, 11, 30, 16, 1, tzinfo=UTC)


def _ready(plan, actor):
    """Write what readiness requires, so that only the deadline can refuse."""
    for key in SECTIONS:
        section = Section.objects.filter(plan=plan, key=key, language="en").first()
        services.section_save(
            plan=plan,
            key=key,
            language="en",
            body=f"About {key}.",
            base_revision=section.revision if section else 0,
            actor=actor,
        )
    services.action_save(plan=plan, item=action_item(), base_revision=0, actor=actor)
    return plan


@pytest.fixture
def team():
    return make_team("gniew")


@pytest.fixture
def plan(team):
    town, coordinator, member = team
    plan = _ready(make_plan(town, coordinator), member)
    edition = plan.edition
    Edition.objects.filter(pk=edition.pk).update(phase=Edition.Phase.DEVELOPMENT)
    Milestone.objects.create(
        edition=edition,
        kind=Milestone.Kind.PLAN_DEADLINE,
        local_date=datetime.date(2026, 11, 30),
        local_time=datetime.time(17, 0),
    )
    Application.objects.create(
        edition=edition, municipality=town, status=Application.Status.SHORTLISTED
    )
    return Plan.objects.get(pk=plan.pk)


def _state(plan):
    plan.refresh_from_db()
    return plan.state, plan.submitted_at, plan.submitted_version_id


def test_a_minute_before_the_deadline_the_plan_is_submitted(team, plan):
    _town, coordinator, _member = team
    submitted = services.plan_submit(plan=plan, actor=coordinator, now=BEFORE)
    assert submitted.state == Plan.State.SUBMITTED and submitted.submitted_at == BEFORE
    # reopening is still possible before the deadline
    reopened = services.plan_reopen(plan=plan, actor=coordinator, now=BEFORE)
    assert reopened.state == Plan.State.DRAFT


def test_a_minute_after_the_deadline_the_submission_is_refused(team, plan):
    _town, coordinator, _member = team
    before = _state(plan)
    with pytest.raises(ValidationError) as refused:
        services.plan_submit(plan=plan, actor=coordinator, now=AFTER)
    assert refused.value.messages == [
        "The plan deadline passed on Nov. 30, 2026, 5 p.m. (Europe/Warsaw time); the plan can "
        "no longer be submitted as the final application."
    ]
    assert _state(plan) == before
    assert not AuditEntry.objects.filter(action="plan.submit").exists()


def test_the_deadline_is_read_in_the_editions_time_zone(team, plan):
    """17:00 in Riga (UTC+2) is 15:00 UTC: 15:30 UTC is too late there, though still
    16:30 in Warsaw."""
    _town, coordinator, _member = team
    Edition.objects.filter(pk=plan.edition_id).update(time_zone="Europe/Riga")
    half_past = datetime.datetime(2026, 11, 30, 15, 30, tzinfo=UTC)
    with pytest.raises(ValidationError) as refused:
        services.plan_submit(plan=plan, actor=coordinator, now=half_past)
    assert "(Europe/Riga time)" in refused.value.messages[0]
    assert _state(plan)[0] == Plan.State.DRAFT
    minute_before = datetime.datetime(2026, 11, 30, 14, 59, tzinfo=UTC)
    assert services.plan_submit(plan=plan, actor=coordinator, now=minute_before).state == (
        Plan.State.SUBMITTED
    )


def test_a_submitted_plan_is_not_reopened_after_the_deadline(team, plan):
    _town, coordinator, _member = team
    services.plan_submit(plan=plan, actor=coordinator, now=BEFORE)
    before = _state(plan)
    with pytest.raises(ValidationError) as refused:
        services.plan_reopen(plan=plan, actor=coordinator, now=AFTER)
    assert "can no longer be reopened: the jury reads it" in refused.value.messages[0]
    assert _state(plan) == before
    assert not AuditEntry.objects.filter(action="plan.reopen").exists()


def test_a_submitted_plan_is_not_reopened_once_the_jury_began(team, plan):
    _town, coordinator, _member = team
    services.plan_submit(plan=plan, actor=coordinator, now=BEFORE)
    # even without a deadline: the jury reads the plan
    Milestone.objects.filter(edition=plan.edition_id).delete()
    Edition.objects.filter(pk=plan.edition_id).update(phase=Edition.Phase.JURY)
    with pytest.raises(ValidationError) as refused:
        services.plan_reopen(plan=plan, actor=coordinator, now=BEFORE)
    assert refused.value.messages == [
        "The jury is reading the submitted plan; it can no longer be reopened."
    ]
    assert _state(plan)[0] == Plan.State.SUBMITTED


@pytest.mark.parametrize("status", [None, Application.Status.NOT_SHORTLISTED])
def test_practice_plans_are_not_bound_by_the_deadline(team, plan, status):
    """A town without an application (or not shortlisted) submits and reopens when it likes."""
    _town, coordinator, _member = team
    if status is None:
        Application.objects.all().delete()
    else:
        Application.objects.update(status=status)
    assert services.plan_submit(plan=plan, actor=coordinator, now=AFTER).state == (
        Plan.State.SUBMITTED
    )
    assert services.plan_reopen(plan=plan, actor=coordinator, now=AFTER).state == (Plan.State.DRAFT)


def test_the_plan_page_shows_the_deadline_and_refuses_with_a_message(client, team, plan):
    _town, coordinator, _member = team
    Milestone.objects.filter(edition=plan.edition_id).update(local_date=datetime.date(2099, 11, 30))
    client.force_login(coordinator)
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "Plan deadline: Nov. 30, 2099, 5 p.m. (Europe/Warsaw time)." in html
    assert "the submitted plan is your final application" in html
    assert "Submit the plan" in html
    Milestone.objects.filter(edition=plan.edition_id).update(local_date=datetime.date(2020, 11, 30))
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "the plan can no longer be submitted as the final application" in html
    assert "Submit the plan" not in html
    # a submission sent anyway (a page left open) is refused with the message
    url = f"/en/municipalities/gniew/plans/{plan.pk}/submit/"
    response = client.post(url, follow=True)
    assert "The plan deadline passed on Nov. 30, 2020, 5 p.m." in response.content.decode()
    assert _state(plan)[0] == Plan.State.DRAFT


def test_a_practice_plan_page_says_nothing_of_a_deadline(client, team, plan):
    _town, coordinator, _member = team
    Application.objects.all().delete()
    client.force_login(coordinator)
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "Plan deadline" not in html and "final application" not in html
    assert "Submit the plan" in html


def test_the_plan_page_offers_no_reopening_after_the_deadline(client, team, plan):
    _town, coordinator, _member = team
    services.plan_submit(plan=plan, actor=coordinator, now=BEFORE)
    client.force_login(coordinator)
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "Edit again" not in html
    assert "can no longer be reopened: the jury reads it" in html
    response = client.post(f"/en/municipalities/gniew/plans/{plan.pk}/reopen/", follow=True)
    assert "can no longer be reopened" in response.content.decode()
    assert _state(plan)[0] == Plan.State.SUBMITTED
