"""Lexical matching and ranking (SQLite FTS5 and PostgreSQL full text alike)."""

import pytest

from pearls.catalogue import selectors
from pearls.catalogue.models import Practice
from pearls.search import lexical
from tests.factories import RecordFactory, make_practices

pytestmark = pytest.mark.django_db


def _practice(pid, title, summary):
    return RecordFactory(
        id=pid,
        title={"en": title},
        summary={"en": summary},
        description={"en": summary},
        original_language="en",
    )


@pytest.fixture
def practices():
    make_practices(
        _practice("pl-one-forest", "Forest walks", "Walks in the forest with a guide."),
        _practice("pl-two-choir", "A choir for seniors", "Seniors sing for one another."),
        _practice("pl-three-choir", "Choir", "A choir in the library, seniors welcome."),
    )
    return {p.slug: p.pk for p in Practice.objects.all()}


def _slugs(ids):
    slugs = dict(Practice.objects.values_list("pk", "slug"))
    return [slugs[pk] for pk in ids]


def test_short_words_match_whole_words_longer_ones_match_as_prefixes(practices):
    published = selectors.practices_published()
    assert set(_slugs(lexical.top(published, "for", limit=10))) == {"pl-two-choir"}
    assert set(_slugs(lexical.top(published, "fores", limit=10))) == {"pl-one-forest"}


def test_top_ranks_title_matches_first_and_keeps_to_the_queryset(practices):
    published = selectors.practices_published()
    assert _slugs(lexical.top(published, "choir seniors", limit=10)) == [
        "pl-two-choir",
        "pl-three-choir",
    ]
    narrowed = published.exclude(slug="pl-two-choir")
    assert _slugs(lexical.top(narrowed, "choir seniors", limit=10)) == ["pl-three-choir"]
    assert lexical.top(published, "choir", limit=1) == [practices["pl-three-choir"]]
