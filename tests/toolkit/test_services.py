import uuid

import pytest
from django.core.exceptions import ValidationError

from pearls.core.models import AuditEntry
from pearls.toolkit import selectors, services
from pearls.toolkit.models import Response
from pearls.toolkit.statements import CODES
from tests.people import join, make_municipality, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return make_municipality("town-a", "PL")


@pytest.fixture
def coordinator(town):
    person = make_user(name="Coordinator")
    join(person, town, "coordinator")
    return person


def all_answers(value=4):
    return dict.fromkeys(CODES, value)


def test_one_open_round_at_a_time(town, coordinator):
    first = services.assessment_open(municipality=town, title="Baseline", actor=coordinator)
    with pytest.raises(ValidationError, match="still open"):
        services.assessment_open(municipality=town, title="Follow-up", actor=coordinator)
    services.assessment_close(assessment=first, actor=coordinator)
    services.assessment_open(municipality=town, title="Follow-up", actor=coordinator)
    assert town.assessments.count() == 2
    with pytest.raises(ValidationError, match="Another round is open"):
        services.assessment_reopen(assessment=first, actor=coordinator)


def test_team_member_has_one_response_that_changes(town, coordinator):
    assessment = services.assessment_open(municipality=town, title="Baseline", actor=coordinator)
    services.response_save(
        assessment=assessment, answers=all_answers(2), kind="team", user=coordinator
    )
    services.response_save(
        assessment=assessment, answers=all_answers(5), kind="team", user=coordinator
    )
    assert Response.objects.count() == 1
    assert selectors.assessment_results(assessment).score_of("trust") == 5.0


def test_resent_stakeholder_form_counts_once(town, coordinator):
    assessment = services.assessment_open(municipality=town, title="Baseline", actor=coordinator)
    key = uuid.uuid4()
    for _attempt in range(2):
        services.response_save(
            assessment=assessment,
            answers=all_answers(),
            kind="stakeholder",
            submission_key=key,
            organisation_type="ngo",
        )
    services.response_save(
        assessment=assessment,
        answers=all_answers(),
        kind="stakeholder",
        submission_key=uuid.uuid4(),
    )
    assert assessment.responses.count() == 2
    entry = AuditEntry.objects.filter(action="assessment.answer").first()
    assert entry.actor == ""  # nothing about who answered


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"trust-1": 6}, "Answer every statement"),
        ({"trust-1": "missing"}, "Answer every statement"),
        ({}, "Choose a sector"),
    ],
)
def test_bad_answers_change_nothing(town, coordinator, change, message):
    assessment = services.assessment_open(municipality=town, title="Baseline", actor=coordinator)
    answers = all_answers()
    for code, value in change.items():
        if value == "missing":
            answers.pop(code)
        else:
            answers[code] = value
    with pytest.raises(ValidationError, match=message):
        services.response_save(
            assessment=assessment,
            answers=answers,
            kind="stakeholder",
            submission_key=uuid.uuid4(),
            organisation_type="" if change else "astronauts",
        )
    assert not assessment.responses.exists()


def test_closed_round_refuses_answers(town, coordinator):
    assessment = services.assessment_open(municipality=town, title="Baseline", actor=coordinator)
    services.assessment_close(assessment=assessment, actor=coordinator)
    with pytest.raises(ValidationError, match="closed"):
        services.response_save(
            assessment=assessment, answers=all_answers(), kind="team", user=coordinator
        )
    assert not assessment.responses.exists()


def test_new_link_replaces_the_old(town, coordinator):
    assessment = services.assessment_open(municipality=town, title="Baseline", actor=coordinator)
    old = assessment.survey_key
    services.assessment_new_link(assessment=assessment, actor=coordinator)
    assert assessment.survey_key != old


def test_peers_of_similar_size_only_from_closed_rounds(town, coordinator):
    town.population = 10000
    town.save()
    for index, population in enumerate([6000, 8000, 12000, 15000, 19000, 90000]):
        peer = make_municipality(f"peer-{index}", "LV")
        peer.population = population
        peer.save()
        assessment = services.assessment_open(municipality=peer, title="Baseline", actor=None)
        services.response_save(
            assessment=assessment,
            answers=all_answers(3),
            kind="team",
            user=make_user(name=f"p{index}"),
        )
        if index < 4:
            services.assessment_close(assessment=assessment, actor=None)
    # 90,000 is not similar; two rounds are still open: four peers, not enough.
    assert len(selectors.peers_results(town)) == 4
