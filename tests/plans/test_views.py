import io
import json

import pytest
from django.urls import reverse

from pearls.accounts.models import RoleAssignment
from pearls.plans import services
from pearls.plans.models import Action, Conflict, Section
from tests.people import give_role, make_user
from tests.plans.helpers import action_item, make_partners, make_plan, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    town, coordinator, member = make_team()
    plan = make_plan(town, coordinator)
    return town, coordinator, member, plan


def url(name, plan, *args):
    return reverse(f"plans:{name}", args=[plan.municipality.slug, plan.pk, *args])


def test_coordinator_starts_a_plan_from_the_list(client):
    from tests.people import make_edition

    town, coordinator, _member = make_team()
    edition = make_edition(2027)
    client.force_login(coordinator)
    page = client.get(reverse("plans:plans", args=[town.slug]))
    assert page.status_code == 200 and b"Start the plan" in page.content
    response = client.post(
        reverse("plans:plan-create", args=[town.slug]),
        {"edition": edition.pk, "title": "Gniew together", "languages": ["pl"]},
    )
    plan = town.plans.get()
    assert response["Location"] == plan.get_absolute_url()
    assert plan.languages == ["en", "pl"]
    again = client.post(
        reverse("plans:plan-create", args=[town.slug]),
        {"edition": edition.pk, "title": "Second", "languages": []},
    )
    assert again.status_code == 400 and b"already has a plan" in again.content


def test_plan_page_shows_sections_actions_timeline_budget_and_readiness(client, world):
    town, coordinator, member, plan = world
    services.action_save(plan=plan, item=action_item(), base_revision=0, actor=member)
    client.force_login(member)
    page = client.get(plan.get_absolute_url()).content.decode()
    for text in (
        "Context and challenges",
        "Memory cafés",
        'class="gantt"',
        "Budget summary (EUR)",
        "1,200.00",
        "Readiness",
        "Every section is written in the official language",
    ):
        assert text in page, text


def test_section_save_without_javascript_and_autosave(client, world):
    town, coordinator, member, plan = world
    client.force_login(member)
    section_url = url("section", plan, "vision") + "?lang=en"
    response = client.post(section_url, {"body": "A **lively** town.", "revision": 0})
    assert response.status_code == 302
    assert Section.objects.get(plan=plan, key="vision", language="en").revision == 1
    autosave = client.post(
        section_url, {"body": "A lively town by 2027.", "revision": 1}, HTTP_HX_REQUEST="true"
    )
    assert autosave.status_code == 200
    assert b'name="revision" value="2"' in autosave.content
    page = client.get(section_url).content.decode()
    assert "A lively town by 2027." in page


def test_two_editors_at_once_conflict_is_shown_and_merged(client, world):
    town, coordinator, member, plan = world
    client.force_login(coordinator)
    section_url = url("section", plan, "methods") + "?lang=en"
    client.post(section_url, {"body": "Workshops.", "revision": 0})
    client.force_login(member)
    stale = client.post(
        section_url, {"body": "Citizen panel.", "revision": 0}, HTTP_HX_REQUEST="true"
    )
    assert b"Compare both versions" in stale.content
    conflict = Conflict.objects.get()
    page = client.get(url("conflict", plan, conflict.pk)).content.decode()
    assert "Workshops." in page and "Citizen panel." in page
    overview = client.get(plan.get_absolute_url()).content.decode()
    assert "Edit conflicts to settle" in overview
    client.post(
        url("conflict", plan, conflict.pk),
        {"choice": "merged", "body": "Workshops. Citizen panel."},
    )
    assert Section.objects.get(plan=plan, key="methods", language="en").body == (
        "Workshops. Citizen panel."
    )


def test_action_form_with_budget_and_indicators(client, world):
    town, coordinator, member, plan = world
    partners = make_partners(town)
    client.force_login(member)
    form = client.get(url("action-new", plan) + "?lang=en")
    assert form.status_code == 200
    data = {
        "title": "Youth radio",
        "description": "Young people make a weekly radio show.",
        "start": "2027-02",
        "end": "2027-11",
        "responsible": "Ola",
        "methods": ["youth_council"],
        "domains": ["film_media"],
        "partners": [str(partners[0].pk)],
        "revision": "0",
        "budget-TOTAL_FORMS": "2",
        "budget-INITIAL_FORMS": "0",
        "budget-0-item": "Microphones",
        "budget-0-amount": "800",
        "budget-0-source": "seed_money",
        "budget-1-item": "",
        "budget-1-amount": "",
        "budget-1-source": "",
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "0",
        "indicators-0-name": "Shows broadcast",
        "indicators-0-target": "40",
    }
    response = client.post(url("action-new", plan) + "?lang=en", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    action = Action.objects.get()
    assert action.title == {"en": "Youth radio"}
    assert action.budget_lines.get().amount == 800
    assert action.indicators.get().target == "40"
    assert list(action.partners.all()) == [partners[0]]
    bad = dict(data, start="2027-12", end="2027-01")
    response = client.post(url("action", plan, action.pk) + "?lang=en", bad)
    assert response.status_code == 400 and b"cannot end before it starts" in response.content
    # the Polish text goes next to the English one
    polish = dict(data, title="Radio młodzieżowe", revision=str(action.revision))
    client.post(url("action", plan, action.pk) + "?lang=pl", polish)
    action.refresh_from_db()
    assert action.title == {"en": "Youth radio", "pl": "Radio młodzieżowe"}


def test_mentor_reads_and_comments_only_after_sharing(client, world):
    town, coordinator, member, plan = world
    mentor = make_user(name="Mentor")
    give_role(mentor, RoleAssignment.Role.MENTOR, country="PL")
    client.force_login(mentor)
    assert client.get(plan.get_absolute_url()).status_code == 404
    services.plan_share(plan=plan, actor=coordinator)
    assert client.get(plan.get_absolute_url()).status_code == 200
    client.post(url("comment-add", plan, "vision"), {"body": "Name the seniors you reach."})
    # mentors read, they do not write the plan
    assert (
        client.post(url("section", plan, "vision"), {"body": "x", "revision": 0}).status_code == 404
    )
    client.force_login(member)
    overview = client.get(plan.get_absolute_url()).content.decode()
    assert "1 open comment" in overview
    page = client.get(url("section", plan, "vision")).content.decode()
    assert "Name the seniors you reach." in page


def test_history_diff_and_restore(client, world):
    town, coordinator, member, plan = world
    client.force_login(member)
    section_url = url("section", plan, "context") + "?lang=en"
    client.post(section_url, {"body": "Line one.", "revision": 0})
    first = plan.versions.order_by("-number").first()
    client.force_login(coordinator)
    client.post(section_url, {"body": "Line one.\nLine two.", "revision": 1})
    latest = plan.versions.order_by("-number").first()
    assert latest.number > first.number
    page = client.get(url("version", plan, latest.number)).content.decode()
    assert "Line two." in page and "diff-line added" in page
    history = client.get(url("history", plan)).content.decode()
    assert f"Version {latest.number}" in history
    client.post(url("version-restore", plan, first.number))
    assert Section.objects.get(plan=plan, key="context", language="en").body == "Line one."


def test_exports_contain_the_actions(client, world):
    from docx import Document
    from pypdf import PdfReader

    town, coordinator, member, plan = world
    services.action_save(plan=plan, item=action_item(), base_revision=0, actor=member)
    services.action_save(
        plan=plan, item=action_item(title="Ferry festival"), base_revision=0, actor=member
    )
    client.force_login(member)
    pdf = client.get(url("export-pdf", plan))
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Memory cafés" in text and "Ferry festival" in text and "Budget summary" in text
    docx = client.get(url("export-docx", plan))
    paragraphs = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Ferry festival" in paragraphs
    data = json.loads(client.get(url("export-json", plan)).content)
    assert [a["title"]["en"] for a in data["actions"]] == ["Memory cafés", "Ferry festival"]


def test_locked_plan_refuses_edits_with_a_message(client, world):
    town, coordinator, member, plan = world
    from pearls.plans.models import Plan

    Plan.objects.filter(pk=plan.pk).update(state=Plan.State.SUBMITTED)
    client.force_login(member)
    response = client.post(url("section", plan, "context"), {"body": "x", "revision": 0})
    assert response.status_code == 404
    page = client.get(url("section", plan, "context")).content.decode()
    assert "submitted and locked" in page


def test_markup_is_sanitised(client, world):
    town, coordinator, member, plan = world
    client.force_login(member)
    client.post(
        url("section", plan, "context") + "?lang=en",
        {"body": "<script>alert(1)</script>**ok** [x](javascript:alert(2))", "revision": 0},
    )
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page and "javascript:alert" not in page
    assert "<strong>ok</strong>" in page


def test_plan_page_queries_do_not_grow_with_actions(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    town, coordinator, member, plan = world
    client.force_login(member)
    services.action_save(plan=plan, item=action_item(), base_revision=0, actor=member)
    client.get(plan.get_absolute_url())  # warm caches (vocabulary, templates)
    with CaptureQueriesContext(connection) as one:
        client.get(plan.get_absolute_url())
    for n in range(7):
        services.action_save(
            plan=plan, item=action_item(title=f"Action {n}"), base_revision=0, actor=member
        )
    with CaptureQueriesContext(connection) as eight:
        client.get(plan.get_absolute_url())
    assert len(eight) == len(one) <= 40
