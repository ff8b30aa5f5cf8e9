"""Recommendations for a municipality and peer matching, with their reasons."""

import pytest

from pearls.accounts.models import RoleAssignment
from pearls.search import recommend
from tests.factories import RecordFactory, make_practices
from tests.people import give_role, make_municipality, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns():
    gniew = make_municipality(
        "gniew", "PL", population=15000, challenges=["youth", "depopulation"], languages=["pl"]
    )
    make_municipality(
        "ruja",
        "LV",
        official_name="Rūjiena",
        population=5000,
        challenges=["youth", "depopulation"],
        languages=["lv"],
    )
    make_municipality(
        "smiltene",
        "LV",
        official_name="Smiltene",
        population=12000,
        challenges=["depopulation"],
        languages=["lv"],
    )
    make_municipality(
        "kiel",
        "DE",
        official_name="Kiel",
        population=250000,
        challenges=["migration"],
        languages=["de"],
    )
    return gniew


def test_twin_towns_share_challenges_and_say_why(towns):
    twins = recommend.twin_towns(towns)
    assert [s.item.slug for s in twins] == ["ruja", "smiltene"]  # Kiel shares no challenge
    reasons = twins[1].reasons
    assert any("depopulation" in r.lower() or "people moving away" in r.lower() for r in reasons)
    assert "similar size" in reasons
    assert "in another country: an exchange across the border" in reasons


def test_recommendations_follow_the_profile(towns):
    make_practices(
        RecordFactory(id="youth-one", challenges=["youth"], population=14000),
        RecordFactory(id="ageing-one", challenges=["ageing"], population=900000),
    )
    found = recommend.practices_for_municipality(towns)
    assert found[0].item.slug == "youth-one"
    assert "a town of similar size" in found[0].reasons
    assert "ageing-one" not in [s.item.slug for s in found]


def test_mentors_of_the_country_come_first_when_they_speak_the_language(towns):
    polish = make_user(name="Marta", language="pl")
    give_role(polish, RoleAssignment.Role.MENTOR, country="PL")
    english = make_user(name="Anna", language="en")
    give_role(english, RoleAssignment.Role.MENTOR, country="PL")
    give_role(make_user(name="Līga"), RoleAssignment.Role.MENTOR, country="LV")
    mentors = recommend.mentors_suggested(towns)
    assert [s.item.name for s in mentors] == ["Marta", "Anna"]
    assert "works in the town's language" in mentors[0].reasons
