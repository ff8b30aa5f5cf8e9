"""Paths a review found: concurrent objectives, restores, conflicts that must stay
settleable, dropped languages, stale merges and bad input."""

import pytest
from django.urls import reverse

from pearls.plans import services, snapshot
from pearls.plans.models import Action, Conflict, Plan, Section
from tests.plans.helpers import action_item, make_plan, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    town, coordinator, member = make_team()
    return town, coordinator, member, make_plan(town, coordinator)


def url(name, plan, *args):
    return reverse(f"plans:{name}", args=[plan.municipality.slug, plan.pk, *args])


def test_saving_objectives_keeps_one_added_meanwhile(client, world):
    town, coordinator, member, plan = world
    services.objectives_save(plan=plan, texts=[(None, "One")], language="en", actor=member)
    one = plan.objectives.get()
    # someone else adds an objective after this form was opened
    services.objectives_save(
        plan=plan, texts=[(None, "Two by B")], language="en", actor=coordinator
    )
    client.force_login(member)
    client.post(url("objectives", plan) + "?lang=en", {f"objective-{one.pk}": "One edited"})
    assert sorted(o.text["en"] for o in plan.objectives.all()) == ["One edited", "Two by B"]


def test_restore_keeps_actions_and_their_open_conflicts(world):
    town, coordinator, member, plan = world
    action = services.action_save(plan=plan, item=action_item(), base_revision=0, actor=member)
    version = plan.versions.order_by("-number").first()
    stale = action.revision
    services.action_save(
        plan=plan,
        action=action,
        item=action_item(responsible="Jan"),
        base_revision=stale,
        actor=coordinator,
    )
    with pytest.raises(services.PlanConflict) as raised:
        services.action_save(
            plan=plan,
            action=action,
            item=action_item(title="Story cafés"),
            base_revision=stale,
            actor=member,
        )
    services.version_restore(plan=plan, version=version, actor=coordinator)
    assert Action.objects.get().pk == action.pk  # same row, same links
    current = snapshot.action_data(Action.objects.get())
    services.conflict_resolve(
        conflict=raised.value.conflict,
        values={**current, "title": {"en": "Story cafés"}},
        actor=member,
    )
    assert Action.objects.get().title == {"en": "Story cafés"}


def test_a_conflict_about_a_removed_action_can_be_closed(client, world):
    town, coordinator, member, plan = world
    action = services.action_save(plan=plan, item=action_item(), base_revision=0, actor=member)
    services.action_save(
        plan=plan,
        action=action,
        item=action_item(responsible="Jan"),
        base_revision=1,
        actor=coordinator,
    )
    with pytest.raises(services.PlanConflict):
        services.action_save(
            plan=plan,
            action=action,
            item=action_item(title="Other"),
            base_revision=1,
            actor=member,
        )
    services.action_delete(action=Action.objects.get(), actor=coordinator)
    conflict = Conflict.objects.get()
    client.force_login(member)
    page = client.get(url("conflict", plan, conflict.pk)).content.decode()
    assert "Close this conflict" in page
    client.post(url("conflict", plan, conflict.pk), {})
    assert Conflict.objects.get().resolved_at is not None


def test_a_difference_only_in_how_an_indicator_is_verified_is_shown(client, world):
    town, coordinator, member, plan = world
    action = services.action_save(plan=plan, item=action_item(), base_revision=0, actor=member)
    services.action_save(
        plan=plan,
        action=action,
        item=action_item(responsible="Jan"),
        base_revision=1,
        actor=coordinator,
    )
    other = action_item(responsible="Jan")
    other["indicators"][0]["verification"] = "photos"
    with pytest.raises(services.PlanConflict) as raised:
        services.action_save(plan=plan, action=action, item=other, base_revision=1, actor=member)
    client.force_login(member)
    page = client.get(url("conflict", plan, raised.value.conflict.pk)).content.decode()
    assert "Indicators" in page and "(photos)" in page


def test_a_deleted_action_stays_in_the_history(world):
    town, coordinator, member, plan = world
    action = services.action_save(plan=plan, item=action_item(), base_revision=0, actor=member)
    services.action_delete(action=action, actor=member)
    assert any(v.snapshot["actions"] for v in plan.versions.all()), (
        "the version before the delete has the action"
    )


def test_a_dropped_language_is_not_written_into_another(client, world):
    town, coordinator, member, plan = world
    services.plan_languages_set(plan=plan, languages=[], official_language="en", actor=coordinator)
    client.force_login(member)
    autosave = client.post(
        url("section", plan, "context") + "?lang=pl",
        {"body": "Polski tekst", "revision": 0},
        HTTP_HX_REQUEST="true",
    )
    assert autosave.status_code == 200 and b"removed from the plan" in autosave.content
    assert not Section.objects.filter(plan=plan, body="Polski tekst").exists()


def test_settling_against_a_newer_version_changes_nothing(client, world):
    town, coordinator, member, plan = world
    services.section_save(
        plan=plan, key="vision", language="en", body="v1", base_revision=0, actor=coordinator
    )
    with pytest.raises(services.PlanConflict) as raised:
        services.section_save(
            plan=plan, key="vision", language="en", body="mine", base_revision=0, actor=member
        )
    services.section_save(
        plan=plan,
        key="vision",
        language="en",
        body="v2 important",
        base_revision=1,
        actor=coordinator,
    )
    client.force_login(member)
    conflict_url = url("conflict", plan, raised.value.conflict.pk)
    client.post(conflict_url, {"choice": "merged", "body": "merged from v1", "revision": 1})
    assert Section.objects.get(plan=plan, key="vision", language="en").body == "v2 important"
    assert Conflict.objects.get().resolved_at is None
    assert client.post(conflict_url, {}).status_code == 400


def test_bad_input_is_refused_without_a_crash(client, world):
    town, coordinator, member, plan = world
    client.force_login(member)
    assert (
        client.post(url("comment-add", plan, "vision"), {"body": "x", "parent": "abc"}).status_code
        == 404
    )
    action_url = url("action-new", plan) + "?lang=en"
    response = client.post(
        action_url,
        {
            "title": "Typo",
            "start": "0227-03",
            "end": "2027-05",
            "revision": "0",
            "budget-TOTAL_FORMS": "0",
            "budget-INITIAL_FORMS": "0",
            "indicators-TOTAL_FORMS": "0",
            "indicators-INITIAL_FORMS": "0",
        },
    )
    assert (
        response.status_code == 400 and b"Choose a month between 2025 and 2029" in response.content
    )
    assert not Action.objects.exists()


def test_autosave_on_a_submitted_plan_says_so(client, world):
    town, coordinator, member, plan = world
    Plan.objects.filter(pk=plan.pk).update(state=Plan.State.SUBMITTED)
    client.force_login(member)
    response = client.post(
        url("section", plan, "context") + "?lang=en",
        {"body": "late", "revision": 0},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and b"no longer edit" in response.content
