"""Cross-lingual hybrid search on a small catalogue, the same cases on SQLite and PostgreSQL
(`make test-postgres` runs this module against pgvector with its HNSW index)."""

import pytest

from pearls.catalogue import selectors
from pearls.catalogue.models import Practice
from pearls.search.models import PracticeVector
from tests.factories import RecordFactory, make_practices

pytestmark = pytest.mark.django_db


def _practice(pid, language, country, title, summary, **codes):
    return RecordFactory(
        id=pid,
        title={language: title},
        summary={language: summary},
        description={language: summary},
        original_language=language,
        country=country,
        place=pid.split("-")[1].capitalize(),
        **codes,
    )


CATALOGUE = [
    _practice(
        "se-ystad-library",
        "sv",
        "SE",
        "Biblioteket som mötesplats för ensamma äldre",
        "Pensionärer som känner sig ensamma träffas varje vecka i biblioteket för "
        "högläsning, kaffe och samtal.",
        domains=["libraries"],
        target_groups=["seniors"],
    ),
    _practice(
        "dk-svendborg-song",
        "da",
        "DK",
        "Fællessang mod ensomhed",
        "Ældre og unge synger sammen hver torsdag i kulturhuset, så ingen behøver at være alene.",
        domains=["music"],
        target_groups=["seniors"],
    ),
    _practice(
        "fi-kaskinen-crafts",
        "fi",
        "FI",
        "Käsityöpiiri yksinäisille",
        "Yksinäiset eläkeläiset kokoontuvat viikoittain neulomaan ja juttelemaan.",
        domains=["crafts"],
        target_groups=["seniors"],
    ),
    _practice(
        "lv-cesis-museum",
        "lv",
        "LV",
        "Muzejs jauniešiem",
        "Jaunieši veido izstādes pilsētas vēstures muzejā un vada ekskursijas vienaudžiem.",
        domains=["museums"],
        target_groups=["youth"],
    ),
    _practice(
        "lt-neringa-museum",
        "lt",
        "LT",
        "Jaunimo muziejus",
        "Jaunimas kuria parodas apie žvejų kaimo istoriją.",
        domains=["museums"],
        target_groups=["youth"],
    ),
    _practice(
        "pl-ustka-festival",
        "pl",
        "PL",
        "Festiwal portowy",
        "Coroczny festiwal muzyki i kuchni rybackiej dla mieszkańców i turystów.",
        domains=["festivals"],
        target_groups=["all_residents"],
    ),
    _practice(
        "de-anklam-theatre",
        "de",
        "DE",
        "Theater mit Geflüchteten",
        "Geflüchtete und Einheimische spielen gemeinsam Theater und lernen dabei Deutsch.",
        domains=["performing_arts"],
        target_groups=["migrants"],
    ),
    _practice(
        "ee-vormsi-archive",
        "et",
        "EE",
        "Küla digiarhiiv",
        "Külaelanikud digiteerivad vanu fotosid ja kirju ning jagavad neid veebis.",
        domains=["digital_culture"],
        target_groups=["all_residents"],
    ),
]


@pytest.fixture
def catalogue(settings, django_capture_on_commit_callbacks):
    settings.PEARLS_EMBEDDINGS = "sync"  # embed on commit, in this thread
    with django_capture_on_commit_callbacks(execute=True):
        make_practices(*CATALOGUE)
    # One passage in its language and one of English vocabulary labels per practice.
    assert PracticeVector.objects.count() == 2 * len(CATALOGUE)


def top(query, n=3, **filters):
    results = selectors.practices_search(
        query=query,
        filters={
            "country": [],
            "challenge": [],
            "dimension": [],
            "domain": [],
            "group": [],
            "size": [],
            "period": [],
            **filters,
        },
        language="en",
        facets=False,
    )
    return results.slugs(n), results


def test_a_latvian_query_finds_the_swedish_library_for_lonely_older_people(catalogue):
    found, results = top("bibliotēka vientuļiem senioriem", 2)
    assert "se-ystad-library" in found
    pk = Practice.objects.get(slug="se-ystad-library").pk
    assert results.reason(pk) == "meaning"  # no shared word: found by meaning


def test_a_polish_query_on_loneliness_finds_danish_and_finnish_practices(catalogue):
    found, _results = top("samotność osób starszych", 3)
    assert {"dk-svendborg-song", "fi-kaskinen-crafts"} & set(found)
    assert len({"dk-svendborg-song", "fi-kaskinen-crafts", "se-ystad-library"} & set(found)) >= 2


def test_a_query_naming_a_country_puts_that_countrys_practice_first(catalogue):
    found, _results = top("museums for young people in Latvia", 2)
    assert found == ["lv-cesis-museum", "lt-neringa-museum"]


def test_filters_still_apply_to_hybrid_results(catalogue):
    found, results = top("samotność osób starszych", 10, country=["DK"])
    assert found == ["dk-svendborg-song"] and results.count() == 1


def test_practices_without_vectors_are_still_found_by_their_words(catalogue):
    PracticeVector.objects.filter(practice__slug="pl-ustka-festival").delete()
    found, results = top("festiwal", 3)
    assert found[0] == "pl-ustka-festival"
    assert results.reason(Practice.objects.get(slug="pl-ustka-festival").pk) == "words"


def test_the_page_says_why_a_practice_matched(client, catalogue):
    html = client.get("/en/practices/", {"q": "bibliotēka vientuļiem senioriem"}).content.decode()
    assert "Similar in meaning to your search" in html
    html = client.get("/en/practices/", {"q": "festiwal"}).content.decode()
    assert "<mark>Festiwal</mark>" in html


def test_similar_practices_come_by_meaning_across_languages(catalogue):
    library = Practice.objects.get(slug="se-ystad-library")
    similar = [p.slug for p in selectors.practices_related(library, limit=2)]
    assert set(similar) <= {"dk-svendborg-song", "fi-kaskinen-crafts"} and len(similar) == 2
