import pytest
from django.urls import reverse

from pearls.toolkit import services
from pearls.toolkit.models import Assessment, Response
from pearls.toolkit.statements import CODES
from tests.people import join, make_municipality, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    town = make_municipality("town-a", "PL")
    coordinator, member = make_user(name="Coordinator"), make_user(name="Member")
    join(coordinator, town, "coordinator")
    join(member, town)
    return town, coordinator, member


def test_coordinator_opens_a_round_and_sees_the_link(client, team):
    town, coordinator, _member = team
    client.force_login(coordinator)
    response = client.post(
        reverse("toolkit:assessment-open", args=[town.slug]), {"title": "Baseline 2026"}
    )
    assessment = Assessment.objects.get()
    assert response["Location"] == assessment.get_absolute_url()
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert assessment.get_survey_url() in page
    assert "No answers yet" in page


def test_empty_title_is_refused_with_a_message(client, team):
    town, coordinator, _member = team
    client.force_login(coordinator)
    response = client.post(reverse("toolkit:assessment-open", args=[town.slug]), {"title": " "})
    assert response.status_code == 400
    assert not Assessment.objects.exists()


def test_missing_answers_keep_what_was_given(client, team):
    town, _coordinator, member = team
    assessment = services.assessment_open(municipality=town, title="Baseline", actor=None)
    client.force_login(member)
    data = {code: "4" for code in CODES[:-1]}
    url = reverse("toolkit:assessment-answer", args=[town.slug, assessment.pk])
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Some answers are missing" in page
    assert 'value="4" id="id_trust-1_3" required checked' in page
    assert not Response.objects.exists()
    response = client.post(url, {code: "4" for code in CODES})
    assert response.status_code == 302
    assert Response.objects.get().answers["trust-1"] == 4


def test_survey_without_account_twice_sent_counts_once(client, team):
    town, _coordinator, _member = team
    assessment = services.assessment_open(municipality=town, title="Baseline", actor=None)
    page = client.get(assessment.get_survey_url()).content.decode()
    assert "Your answers are anonymous" in page
    key = page.split('name="submission_key" value="')[1].split('"')[0]
    data = {
        **{code: "x" if code.startswith("trust") else "2" for code in CODES},
        "submission_key": key,
        "organisation_type": "school",
    }
    first = client.post(assessment.get_survey_url(), data)
    second = client.post(assessment.get_survey_url(), data)
    assert first.status_code == second.status_code == 302
    saved = Response.objects.get()
    assert saved.kind == "stakeholder" and saved.user is None
    assert saved.answers["trust-1"] is None and saved.organisation_type == "school"


def test_results_show_chart_table_and_words(client, team):
    town, coordinator, member = team
    baseline = services.assessment_open(municipality=town, title="Baseline", actor=None)
    services.response_save(
        assessment=baseline, answers=dict.fromkeys(CODES, 2), kind="team", user=member
    )
    services.assessment_close(assessment=baseline, actor=None)
    follow_up = services.assessment_open(municipality=town, title="Follow-up", actor=None)
    services.response_save(
        assessment=follow_up, answers=dict.fromkeys(CODES, 4), kind="team", user=member
    )
    client.force_login(coordinator)
    page = client.get(follow_up.get_absolute_url()).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    assert "A strength: Sense of belonging and local identity (4.0 of 5)." in page
    assert "Better: Trust and social capital (+2.0)" in page
    assert "Previous round" in page
    assert "similar towns appears once at least 5 towns" in page


def test_closed_round_survey_is_gone(client, team):
    town, _coordinator, _member = team
    assessment = services.assessment_open(municipality=town, title="Baseline", actor=None)
    services.assessment_close(assessment=assessment, actor=None)
    assert client.get(assessment.get_survey_url()).status_code == 404


def test_polish_questionnaire(client, team):
    town, _coordinator, _member = team
    assessment = services.assessment_open(municipality=town, title="Baseline", actor=None)
    page = client.get(assessment.get_survey_url().replace("/en/", "/pl/")).content.decode()
    assert "Nie wiem" in page
