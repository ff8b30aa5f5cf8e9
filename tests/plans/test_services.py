import pytest
from django.core.exceptions import ValidationError

from pearls.plans import services, snapshot
from pearls.plans.models import Conflict, Plan, PlanVersion, Section
from pearls.plans.readiness import readiness_of
from tests.plans.helpers import action_item, make_partners, make_plan, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return make_team()


def test_plan_starts_with_english_official_and_one_per_edition(team):
    town, coordinator, _member = team
    plan = make_plan(town, coordinator)
    assert plan.languages == ["en", "pl"]
    assert plan.official_language == "en"
    assert plan.versions.count() == 1
    with pytest.raises(ValidationError):
        make_plan(town, coordinator)
    assert Plan.objects.count() == 1


def test_section_save_bumps_revision_and_keeps_history(team):
    town, coordinator, member = team
    plan = make_plan(town, coordinator)
    section = services.section_save(
        plan=plan,
        key="context",
        language="en",
        body="Gniew is small.",
        base_revision=0,
        actor=member,
    )
    assert section.revision == 1
    again = services.section_save(
        plan=plan,
        key="context",
        language="en",
        body="Gniew is small and old.",
        base_revision=1,
        actor=member,
    )
    assert again.revision == 2
    # one person's quick edits update one version
    latest = plan.versions.order_by("-number").first()
    assert latest.snapshot["sections"]["context:en"] == "Gniew is small and old."


def test_concurrent_edit_keeps_both_versions_until_someone_chooses(team):
    town, coordinator, member = team
    plan = make_plan(town, coordinator)
    services.section_save(
        plan=plan,
        key="vision",
        language="en",
        body="First text.",
        base_revision=0,
        actor=coordinator,
    )
    # both opened revision 1; the coordinator saves first
    services.section_save(
        plan=plan,
        key="vision",
        language="en",
        body="Coordinator's text.",
        base_revision=1,
        actor=coordinator,
    )
    with pytest.raises(services.PlanConflict) as raised:
        services.section_save(
            plan=plan,
            key="vision",
            language="en",
            body="Member's text.",
            base_revision=1,
            actor=member,
        )
    section = Section.objects.get(plan=plan, key="vision", language="en")
    conflict = raised.value.conflict
    # nothing overwritten, nothing lost
    assert section.body == "Coordinator's text."
    assert Conflict.objects.get(pk=conflict.pk).theirs == {"body": "Member's text."}
    assert conflict.resolved_at is None
    # autosave from the same stale form updates the same kept version
    with pytest.raises(services.PlanConflict):
        services.section_save(
            plan=plan,
            key="vision",
            language="en",
            body="Member's longer text.",
            base_revision=1,
            actor=member,
        )
    assert Conflict.objects.filter(resolved_at__isnull=True).count() == 1
    assert Conflict.objects.get().theirs == {"body": "Member's longer text."}
    # submission waits for the choice
    assert not next(i for i in readiness_of(plan).items if i.code == "conflicts").met
    services.conflict_resolve(
        conflict=Conflict.objects.get(),
        values={"body": "Coordinator's text.\n\nMember's longer text."},
        actor=member,
    )
    section.refresh_from_db()
    assert section.body == "Coordinator's text.\n\nMember's longer text."
    assert Conflict.objects.get().resolved_at is not None
    assert plan.versions.filter(reason=PlanVersion.Reason.MERGE).exists()


def test_action_conflict_is_kept_and_resolved_field_by_field(team):
    town, coordinator, member = team
    plan = make_plan(town, coordinator)
    action = services.action_save(plan=plan, item=action_item(), base_revision=0, actor=member)
    stale = action.revision
    services.action_save(
        plan=plan,
        action=action,
        item=action_item(responsible="Jan Kowalski"),
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
    action.refresh_from_db()
    assert action.title == {"en": "Memory cafés"}
    assert action.responsible == "Jan Kowalski"
    merged = snapshot.action_data(action)
    merged["title"] = raised.value.conflict.theirs["title"]
    services.conflict_resolve(conflict=raised.value.conflict, values=merged, actor=member)
    action.refresh_from_db()
    assert (action.title, action.responsible) == ({"en": "Story cafés"}, "Jan Kowalski")


def test_bad_input_changes_nothing(team):
    town, coordinator, member = team
    plan = make_plan(town, coordinator)
    for key, language in [("nonsense", "en"), ("context", "fi")]:
        with pytest.raises(ValidationError):
            services.section_save(
                plan=plan, key=key, language=language, body="x", base_revision=0, actor=member
            )
    with pytest.raises(ValidationError):
        services.section_save(
            plan=plan,
            key="context",
            language="en",
            body="x" * 20_001,
            base_revision=0,
            actor=member,
        )
    assert not Section.objects.filter(plan=plan, body="x").exists()


def test_restore_brings_back_an_earlier_version_and_keeps_the_current(team):
    town, coordinator, member = team
    plan = make_plan(town, coordinator)
    services.section_save(
        plan=plan,
        key="context",
        language="en",
        body="Old text.",
        base_revision=0,
        actor=member,
    )
    services.action_save(plan=plan, item=action_item(), base_revision=0, actor=member)
    version = plan.versions.order_by("-number").first()
    # someone else's edits make a new version
    services.section_save(
        plan=plan,
        key="context",
        language="en",
        body="New text.",
        base_revision=1,
        actor=coordinator,
    )
    plan.actions.get().delete()
    services.version_restore(plan=plan, version=version, actor=coordinator)
    assert Section.objects.get(plan=plan, key="context", language="en").body == "Old text."
    restored = plan.actions.get()
    assert restored.title == {"en": "Memory cafés"}
    assert restored.budget_lines.get().amount == 1200
    assert plan.versions.filter(reason=PlanVersion.Reason.RESTORE).exists()
    assert any(v.snapshot["sections"].get("context:en") == "New text." for v in plan.versions.all())


def test_submit_requires_required_items_then_locks(team):
    town, coordinator, member = team
    plan = make_plan(town, coordinator)
    with pytest.raises(ValidationError):
        services.plan_submit(plan=plan, actor=coordinator)
    from pearls.plans.sections import SECTIONS

    for key in SECTIONS:
        section = Section.objects.filter(plan=plan, key=key, language="en").first()
        services.section_save(
            plan=plan,
            key=key,
            language="en",
            body=f"About {key}.",
            base_revision=section.revision if section else 0,
            actor=member,
        )
    services.action_save(plan=plan, item=action_item(), base_revision=0, actor=member)
    services.plan_share(plan=plan, actor=coordinator)
    plan = services.plan_submit(plan=plan, actor=coordinator)
    assert plan.state == Plan.State.SUBMITTED and plan.submitted_version is not None
    with pytest.raises(ValidationError):
        services.section_save(
            plan=plan,
            key="context",
            language="en",
            body="Late.",
            base_revision=2,
            actor=member,
        )
    # submitting again is harmless; reopening keeps the submitted version
    services.plan_submit(plan=plan, actor=coordinator)
    submitted = plan.submitted_version
    plan = services.plan_reopen(plan=plan, actor=coordinator)
    assert plan.state == Plan.State.SHARED
    assert plan.submitted_version == submitted


def test_seed_money_and_title_year_are_required(team):
    town, coordinator, member = team
    plan = make_plan(town, coordinator)
    services.action_save(
        plan=plan,
        item=action_item(
            start="2026-11",
            budget=[{"item": "Stage", "amount": "6000", "source": "seed_money"}],
        ),
        base_revision=0,
        actor=member,
    )
    items = {item.code: item for item in readiness_of(plan).items}
    assert not items["seed_money"].met and "6000" in items["seed_money"].detail
    assert not items["timeline"].met and items["timeline"].url


def test_readiness_counts_sectors_objectives_and_practices(team):
    from tests.factories import make_practice

    town, coordinator, member = team
    plan = make_plan(town, coordinator)
    partners = make_partners(town)
    services.objectives_save(
        plan=plan,
        texts=[(None, "Fewer lonely seniors"), (None, "Young people stay")],
        language="en",
        actor=member,
    )
    first, second = plan.objectives.all()
    action = services.action_save(
        plan=plan,
        item=action_item(
            objectives=[first.pk],
            partners=[{"id": p.pk, "name": p.name, "sector": p.sector} for p in partners],
        ),
        base_revision=0,
        actor=member,
    )
    items = {item.code: item for item in readiness_of(plan).items}
    assert items["sectors"].met
    assert (
        not items["objective_actions"].met
        and "Young people stay" in items["objective_actions"].detail
    )
    assert not items["practices"].met
    practice = make_practice(id="memory-cafe")
    services.practice_attach(action=action, practice=practice, actor=member)
    services.practice_attach(action=action, practice=practice, actor=member)
    assert action.practices.count() == 1
    assert next(i for i in readiness_of(plan).items if i.code == "practices").met


def test_comments_thread_resolve_and_reopen(team):
    town, coordinator, member = team
    plan = make_plan(town, coordinator)
    thread = services.comment_add(plan=plan, section="vision", body="Be bolder.", actor=coordinator)
    services.comment_resolve(comment=thread, actor=member)
    thread.refresh_from_db()
    assert thread.resolved_at is not None
    reply = services.comment_add(
        plan=plan, section="context", body="Not yet.", actor=coordinator, parent=thread
    )
    thread.refresh_from_db()
    assert reply.section == "vision" and thread.resolved_at is None
    with pytest.raises(ValidationError):
        services.comment_add(plan=plan, section="vision", body="  ", actor=coordinator)


def test_prefill_from_the_toolkit(team):
    from pearls.toolkit import services as toolkit
    from pearls.toolkit.statements import CODES

    town, coordinator, member = team
    make_partners(town)
    assessment = toolkit.assessment_open(municipality=town, title="Baseline", actor=coordinator)
    toolkit.response_save(
        assessment=assessment, answers=dict.fromkeys(CODES, 2), kind="team", user=member
    )
    plan = make_plan(town, coordinator)
    needs = Section.objects.get(plan=plan, key="needs", language="en").body
    team_text = Section.objects.get(plan=plan, key="team", language="en").body
    assert "Baseline" in needs and "gap" in needs.lower()
    assert "Seniors' club" in team_text and "Civil society" in team_text


def test_sharing_notifies_the_countrys_mentors_in_their_language(
    team, django_capture_on_commit_callbacks
):
    from pearls.accounts.models import RoleAssignment
    from pearls.core.models import Notification
    from tests.people import give_role, make_user

    town, coordinator, _member = team
    mentor = make_user(name="Marta", language="pl")
    other = make_user(name="Līga", language="lv")
    give_role(mentor, RoleAssignment.Role.MENTOR, country="PL")
    give_role(other, RoleAssignment.Role.MENTOR, country="LV")
    plan = make_plan(town, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_share(plan=plan, actor=coordinator)
    notification = Notification.objects.get()
    assert notification.user == mentor and notification.url == plan.get_absolute_url()
