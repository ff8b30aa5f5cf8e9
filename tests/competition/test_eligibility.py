"""Eligibility for the title: countries, German states, excluded capitals, joint applications.

Municipalities are stand-ins with the model's attributes, so no database is needed.
"""

from types import SimpleNamespace

import pytest
from django.utils import translation

from pearls.competition.eligibility import (
    RULES_DEFAULT,
    Eligibility,
    check_application,
    check_municipality,
)


def town(name, country, *, nuts2="", nuts3="", lau="", local_name=""):
    return SimpleNamespace(
        official_name=name,
        local_name=local_name,
        country=country,
        region="",
        nuts2=nuts2,
        nuts3=nuts3,
        lau=lau,
    )


ELIGIBLE_TOWNS = [
    town("Gniew", "PL", nuts2="PL63", nuts3="PL634", lau="2210043"),
    town("Solna", "SE", nuts2="SE11", nuts3="SE110", lau="0184"),
    town("Espoo", "FI", nuts2="FI1B", nuts3="FI1B1", lau="049"),
    town("Viljandi", "EE", nuts2="EE00", nuts3="EE009", lau="0899"),
    town("Jūrmala", "LV", nuts2="LV00", nuts3="LV007", lau="0130000"),
    town("Kaunas", "LT", nuts2="LT02", nuts3="LT022", lau="19"),
    town("Aarhus", "DK", nuts2="DK04", nuts3="DK042", lau="751"),
    town("Flensburg", "DE", nuts2="DEF0", nuts3="DEF01", lau="01001000"),
]


@pytest.mark.parametrize("municipality", ELIGIBLE_TOWNS, ids=lambda m: m.country)
def test_every_eligible_country(municipality):
    result = check_municipality(municipality)

    assert isinstance(result, Eligibility)
    assert result.eligible
    assert result.unknown == []
    assert result.counts_for_country == municipality.country


def test_every_country_of_the_rules_is_covered():
    assert {m.country for m in ELIGIBLE_TOWNS} == set(RULES_DEFAULT["countries"])


def test_the_reason_names_the_country():
    result = check_municipality(town("Gniew", "PL", nuts2="PL63", lau="2210043"))

    assert "Poland takes part in the title." in result.reasons


def test_norway_is_in_the_programme_area_but_not_eligible():
    result = check_municipality(town("Bergen", "NO", nuts2="NO0A", lau="4601"))

    assert not result.eligible
    assert result.reasons == [
        "Norway belongs to the programme area but is not eligible for the title."
    ]


def test_a_country_outside_the_programme_area_is_not_eligible():
    result = check_municipality(town("Lyon", "FR", lau="69123"))

    assert not result.eligible
    assert "France is not in the programme area of the title." in result.reasons


def test_a_town_without_country_is_not_eligible():
    result = check_municipality(town("Nowhere", ""))

    assert not result.eligible


def test_schleswig_holstein_takes_part():
    result = check_municipality(town("Husum", "DE", nuts2="DEF0", nuts3="DEF07", lau="01054056"))

    assert result.eligible
    assert "In Germany, Schleswig-Holstein takes part in the title." in result.reasons


def test_bavaria_does_not_take_part():
    result = check_municipality(town("Munich", "DE", nuts2="DE21", lau="09162000"))

    assert not result.eligible
    assert (
        "In Germany only Berlin, Brandenburg, Bremen, Hamburg, Mecklenburg-Vorpommern, "
        "Schleswig-Holstein and the Lüneburg region of Lower Saxony take part; "
        "Bavaria (NUTS DE2) does not."
    ) in result.reasons


def test_the_luneburg_region_of_lower_saxony_takes_part():
    result = check_municipality(town("Lüneburg", "DE", nuts2="DE93", lau="03355022"))

    assert result.eligible
    assert (
        "In Germany, the Lüneburg region of Lower Saxony takes part in the title." in result.reasons
    )


def test_the_rest_of_lower_saxony_does_not_take_part():
    result = check_municipality(town("Hanover", "DE", nuts2="DE92", lau="03241001"))

    assert not result.eligible
    assert (
        "In Lower Saxony only the Lüneburg region (NUTS DE93) takes part; "
        "the Hanover region (NUTS DE92) does not."
    ) in result.reasons


def test_the_nuts3_code_stands_in_for_a_missing_nuts2_code():
    assert check_municipality(town("Husum", "DE", nuts3="DEF07", lau="01054056")).eligible
    assert not check_municipality(town("Munich", "DE", nuts3="DE212", lau="09162000")).eligible


def test_a_german_town_without_nuts_code_is_eligible_but_unchecked():
    result = check_municipality(town("Somewhere", "DE", lau="01001000"))

    assert result.eligible
    assert result.unknown == [
        "The NUTS code of Somewhere is missing, so we could not check that it lies in a German "
        "state that takes part."
    ]


def test_berlin_is_refused_as_the_capital():
    result = check_municipality(town("Berlin", "DE", nuts2="DE30", nuts3="DE300", lau="11000000"))

    assert not result.eligible
    assert any(
        r.startswith("Berlin is the capital of Germany and excluded") for r in result.reasons
    )


def test_berlin_has_no_other_municipality_that_could_apply():
    # A city-state: whatever code a place in Berlin carries, it is the capital.
    result = check_municipality(town("Spandau", "DE", nuts2="DE30", lau="11000005"))

    assert not result.eligible


def test_brandenburg_next_to_berlin_is_eligible():
    result = check_municipality(town("Potsdam", "DE", nuts2="DE40", lau="12054000"))

    assert result.eligible


def test_stockholm_is_refused_by_its_lau_code():
    result = check_municipality(town("Stockholm", "SE", nuts2="SE11", nuts3="SE110", lau="0180"))

    assert not result.eligible
    assert "Stockholm is the capital of Sweden and excluded; its neighbours are welcome." in (
        result.reasons
    )


def test_solna_next_to_stockholm_is_eligible():
    result = check_municipality(town("Solna", "SE", nuts2="SE11", nuts3="SE110", lau="0184"))

    assert result.eligible
    assert result.unknown == []


def test_a_lau_code_without_its_leading_zero_still_matches():
    assert not check_municipality(town("Stockholm", "SE", lau="180")).eligible


def test_warsaw_is_refused_by_its_own_nuts3_region_when_the_lau_code_is_missing():
    result = check_municipality(town("Warszawa", "PL", nuts2="PL91", nuts3="PL911"))

    assert not result.eligible
    assert "Warsaw is the capital of Poland and excluded; its neighbours are welcome." in (
        result.reasons
    )


def test_a_neighbour_of_warsaw_is_told_apart_by_nuts3_when_the_lau_code_is_missing():
    result = check_municipality(town("Piaseczno", "PL", nuts2="PL91", nuts3="PL913"))

    assert result.eligible
    assert result.unknown == []


def test_a_latvian_town_without_lau_code_is_eligible_with_a_note():
    result = check_municipality(town("Ogre", "LV", nuts2="LV00"))

    assert result.eligible
    assert result.unknown == [
        "The LAU and NUTS-3 codes of Ogre are missing, so we could not check that it is not the "
        "capital."
    ]


def test_a_swedish_town_without_lau_code_is_eligible_with_a_note():
    # Stockholm shares its NUTS-3 region with its neighbours: only the LAU code can tell.
    result = check_municipality(town("Somewhere", "SE", nuts2="SE11", nuts3="SE110"))

    assert result.eligible
    assert result.unknown == [
        "The LAU code of Somewhere is missing, so we could not check that it is not the capital."
    ]


@pytest.mark.parametrize(
    "municipality",
    [
        town("Warszawa", "PL", nuts2="PL63", lau="2201011"),
        town("Warsaw", "PL", nuts2="PL63", lau="2201011"),
        town("Gniew", "PL", nuts2="PL63", lau="2201011", local_name="Warszawa"),
        town("Berlin", "DE", nuts2="DEF0", lau="01001000"),
    ],
    ids=["local-spelling", "english-spelling", "local-name", "german-namesake"],
)
def test_spelling_never_matters(municipality):
    assert check_municipality(municipality).eligible


@pytest.mark.parametrize(
    "municipality",
    [
        town("Warschau", "PL", lau="1465011"),
        town("Kopenhagen", "DK", lau="101"),
        town("Helsingfors", "FI", lau="091"),
    ],
    ids=["warsaw", "copenhagen", "helsinki"],
)
def test_capitals_are_refused_whatever_their_spelling(municipality):
    assert not check_municipality(municipality).eligible


def test_a_single_applicant_is_checked_like_a_municipality():
    gniew = town("Gniew", "PL", nuts2="PL63", lau="2210043")

    assert check_application(gniew) == check_municipality(gniew)


def test_a_joint_application_with_an_ineligible_member_is_refused_naming_it():
    lead = town("Gniew", "PL", nuts2="PL63", lau="2210043")
    members = [
        lead,
        town("Pelplin", "PL", nuts2="PL63", lau="2213033"),
        town("Bergen", "NO", lau="4601"),
    ]

    result = check_application(lead, members)

    assert not result.eligible
    assert (
        "Bergen, a member of the joint application, is not eligible, so the joint application "
        "cannot take part."
    ) in result.reasons
    assert "Norway belongs to the programme area but is not eligible for the title." in (
        result.reasons
    )
    assert not any("Pelplin" in r and "not eligible" in r for r in result.reasons)


def test_a_joint_application_with_an_ineligible_lead_is_refused():
    lead = town("Stockholm", "SE", lau="0180")

    result = check_application(lead, [town("Solna", "SE", lau="0184")])

    assert not result.eligible


def test_a_joint_application_counts_for_the_lead_partners_country():
    lead = town("Lüneburg", "DE", nuts2="DE93", lau="03355022")
    members = [lead, town("Gniew", "PL", nuts2="PL63", lau="2210043")]

    result = check_application(lead, members)

    assert result.eligible
    assert result.counts_for_country == "DE"
    assert "Lüneburg leads the joint application, which counts for Germany." in result.reasons


def test_a_members_missing_code_is_listed_by_name():
    lead = town("Gniew", "PL", nuts2="PL63", lau="2210043")

    result = check_application(lead, [town("Ogre", "LV")])

    assert result.eligible
    assert any("Ogre" in note for note in result.unknown)


def test_an_editions_rules_replace_the_defaults():
    rules = {**RULES_DEFAULT, "countries": [*RULES_DEFAULT["countries"], "NO"]}

    assert check_municipality(town("Bergen", "NO", lau="4601"), rules).eligible
    assert check_municipality(town("Gniew", "PL", lau="2210043"), {}).eligible


def test_reasons_are_translated():
    with translation.override("de"):
        result = check_municipality(town("Bergen", "NO", lau="4601"))

    # The country's name comes from django-countries in the reader's language.
    assert "Norwegen" in result.reasons[0]
