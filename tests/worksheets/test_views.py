import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from pearls.accounts.models import RoleAssignment
from pearls.worksheets import services
from pearls.worksheets.models import WorksheetAnswer
from tests.people import give_role, join, make_municipality, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    town = make_municipality("town-a", "PL", official_name="Town A")
    coordinator, member = make_user(name="Coordinator"), make_user(name="Member Person")
    join(coordinator, town, "coordinator")
    join(member, town)
    return town, coordinator, member


def canvas_url(town, key="entry-point"):
    return reverse("worksheets:canvas", args=[town.slug, key])


def test_overview_lists_phases_in_order_with_progress(client, team):
    town, coordinator, _member = team
    services.worksheet_save(
        municipality=town,
        canvas="entry-point",
        answers={"challenge": "A", "why_now": "B", "assets": "C"},
        base_revision=0,
        actor=coordinator,
    )
    client.force_login(coordinator)
    page = client.get(reverse("worksheets:worksheets", args=[town.slug])).content.decode()
    positions = [
        page.index(title)
        for title in ("Conditions", "Initiation", "Co-creation", "Implementation", "Future steps")
    ]
    assert positions == sorted(positions)
    assert "3 of 6 prompts answered" in page
    assert "0 of 6 prompts answered" in page
    assert page.count("Designed by the Pearls platform, not part of the original toolkit.") == 3
    assert canvas_url(town, "legacy-future") in page
    assert reverse("toolkit:toolkit", args=[town.slug]) in page


def test_member_fills_in_a_canvas(client, team):
    town, _coordinator, member = team
    client.force_login(member)
    page = client.get(canvas_url(town)).content.decode()
    assert 'name="base_revision" value="0"' in page
    assert "Which social challenge do you want to work on?" in page
    response = client.post(
        canvas_url(town),
        {"base_revision": "0", "challenge": "Young people leave.", "assets": "Castle\r\nRiver"},
    )
    assert response.status_code == 302 and response["Location"] == canvas_url(town)
    stored = WorksheetAnswer.objects.get()
    assert stored.answers == {"challenge": "Young people leave.", "assets": "Castle\nRiver"}
    assert stored.updated_by == member
    page = client.get(canvas_url(town)).content.decode()
    assert "The worksheet is saved." in page
    assert 'name="base_revision" value="1"' in page
    assert "Version 1, saved by Member Person" in page


def test_too_long_answer_is_refused_and_kept(client, team):
    town, _coordinator, member = team
    client.force_login(member)
    response = client.post(canvas_url(town), {"base_revision": "0", "challenge": "x" * 4001})
    assert response.status_code == 400
    assert "Keep this answer under 4000 characters" in response.content.decode()
    assert not WorksheetAnswer.objects.exists()


def test_conflict_shows_both_versions_and_keeps_the_persons_text(client, team):
    town, coordinator, member = team
    services.worksheet_save(
        municipality=town,
        canvas="entry-point",
        answers={"challenge": "Loneliness of older people.", "why_now": "Same reason."},
        base_revision=0,
        actor=coordinator,
    )
    client.force_login(member)
    response = client.post(
        canvas_url(town),
        {"base_revision": "0", "challenge": "Young people leave.", "why_now": "Same reason."},
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this worksheet in the meantime" in page
    assert "Loneliness of older people." in page  # the saved version
    assert ">\nYoung people leave.</textarea>" in page  # the person's, still editable
    assert "Same in both versions." in page
    assert 'name="base_revision" value="1"' in page  # saving again merges onto revision 1
    assert "Coordinator" in page
    stored = WorksheetAnswer.objects.get()
    assert stored.revision == 1 and stored.answers["challenge"] == "Loneliness of older people."
    merged = client.post(
        canvas_url(town), {"base_revision": "1", "challenge": "Young and old.", "why_now": "x"}
    )
    assert merged.status_code == 302
    assert WorksheetAnswer.objects.get().answers["challenge"] == "Young and old."


def test_mentor_reads_but_cannot_save(client, team):
    town, coordinator, _member = team
    services.worksheet_save(
        municipality=town,
        canvas="collaboration-agreement",
        answers={"partners": "Library — venue\nSchool — pupils"},
        base_revision=0,
        actor=coordinator,
    )
    mentor = make_user(name="Mentor", mfa=False)
    give_role(mentor, RoleAssignment.Role.MENTOR, country="PL")
    client.force_login(mentor)
    url = canvas_url(town, "collaboration-agreement")
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<li>Library — venue</li>" in page and "<textarea" not in page
    assert "Only the town's team fills it in." in page
    assert client.post(url, {"base_revision": "1", "partners": "Mine"}).status_code == 404
    assert WorksheetAnswer.objects.get().revision == 1


def test_unknown_canvas_is_missing(client, team):
    town, coordinator, _member = team
    client.force_login(coordinator)
    assert client.get(canvas_url(town, "no-such-canvas")).status_code == 404
    url = reverse("worksheets:canvas-pdf", args=[town.slug, "no-such-canvas"])
    assert client.get(url).status_code == 404


def test_ecosystem_mapping_links_to_the_register_when_it_exists(client, team):
    town, coordinator, _member = team
    client.force_login(coordinator)
    page = client.get(canvas_url(town, "ecosystem-mapping")).content.decode()
    try:
        register = reverse("ecosystem:ecosystem", args=[town.slug])
    except Exception:  # the ecosystem app has no page yet
        assert "ecosystem register" not in page
    else:
        assert register in page


def test_canvas_prints_on_a3_landscape_with_the_answers(client, team):
    town, coordinator, _member = team
    services.worksheet_save(
        municipality=town,
        canvas="collaboration-agreement",
        answers={
            "partners": "Town Library — reading club\nCastle Museum — heritage venue",
            "goals": "Monthly events in winter",
        },
        base_revision=0,
        actor=coordinator,
    )
    client.force_login(coordinator)
    response = client.get(
        reverse("worksheets:canvas-pdf", args=[town.slug, "collaboration-agreement"])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "town-a-collaboration-agreement.pdf" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(1190.55, abs=1)
    assert float(box.height) == pytest.approx(841.89, abs=1)
    text = " ".join(page.extract_text() for page in reader.pages)
    for expected in (
        "Collaboration Agreement",
        "Town A",
        "PHASE 2 OF 5: INITIATION",
        "Town Library — reading club",
        "Castle Museum — heritage venue",
        "Monthly events in winter",
        "Signatures and date",
    ):
        assert expected in text, expected
    assert len(reader.pages) == 1


def test_empty_own_canvas_prints_blank_boxes(client, team):
    town, coordinator, _member = team
    client.force_login(coordinator)
    response = client.get(reverse("worksheets:canvas-pdf", args=[town.slug, "delivery-plan"]))
    reader = PdfReader(io.BytesIO(response.content))
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1
    assert "Delivery Plan" in text and "Designed by the Pearls platform" in text
