"""Lexical full-text search over every language of a practice, per database.

SQLite: an FTS5 table (``unicode61 remove_diacritics 2``) kept in step with ``PracticeText`` by
triggers, ranked by bm25 with the title weighted ten times the body. PostgreSQL: the ``simple``
configuration over the same folded text, ranked by ``ts_rank`` (title weight A, body B) with a
GIN index on that expression. Text and queries are folded in Python first (``core.languages.fold``)
so that both databases treat "Łódź", "Lodz" and "łódź" alike. Terms match as prefixes, which
also catches many inflected forms ("bibliotek" finds "biblioteka" and "bibliotece").
"""

import re

from django.db import connection
from django.db.models import FloatField, OuterRef, Subquery
from django.db.models.expressions import RawSQL

from pearls.core.languages import fold

from .models import PracticeText

FTS_TABLE = "search_practice_fts"
_TERM = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12


def query_terms(text):
    """The folded words of a query, at most ``MAX_TERMS`` of them, duplicates dropped.

    Words of one or two letters ("i", "w", "og", "un") are left out when longer words are
    there: as prefixes they match nearly every text (190 ms for one query at 100,000
    practices) and they carry no meaning of their own.
    """
    terms = []
    for term in _TERM.findall(fold(text or "")):
        term = term.strip("_")
        if term and term not in terms:
            terms.append(term)
    longer = [term for term in terms if len(term) > 2]
    return (longer or terms)[:MAX_TERMS]


def document_for(practice):
    """(title, body) folded texts of a practice in all its languages."""
    title = " ".join(practice.title.values())
    parts = [practice.place, practice.region]
    for field in ("summary", "description", "results", "lessons", "transferability"):
        parts.extend((getattr(practice, field) or {}).values())
    parts.extend(organisation.get("name", "") for organisation in practice.organisations or [])
    return fold(title), fold(" ".join(part for part in parts if part))


def index_practices(practices):
    """Write the search text of ``practices`` (a list); the database indexes it at once."""
    practices = list(practices)
    ids = [practice.pk for practice in practices]
    PracticeText.objects.filter(practice_id__in=ids).delete()
    PracticeText.objects.bulk_create(
        [
            PracticeText(practice_id=practice.pk, title=title, body=body)
            for practice in practices
            for title, body in [document_for(practice)]
        ],
        batch_size=500,
    )


# Words this short match whole, not as prefixes: "for"* or "som"* reach most of the catalogue
# ("forest", "former", "sommer"), which cost 60-120 ms per query at 100,000 practices and
# matched nothing the word means.
EXACT_UP_TO = 3


def _prefix(term):
    return len(term) > EXACT_UP_TO


def _sqlite_query(terms, any_term):
    return (" OR " if any_term else " ").join(
        f'"{term}"*' if _prefix(term) else f'"{term}"' for term in terms
    )


def _postgres_query(terms, any_term):
    return (" | " if any_term else " & ").join(
        f"'{term}':*" if _prefix(term) else f"'{term}'" for term in terms
    )


def _postgres_vector():
    from django.contrib.postgres.search import SearchVector

    return SearchVector("title", weight="A", config="simple") + SearchVector(
        "body", weight="B", config="simple"
    )


def match(queryset, text, *, any_term=False):
    """``queryset`` of practices narrowed to those matching ``text`` (all words, or any word).

    An empty query matches nothing. Filtering only: ``ranked`` adds the score for ordering, so
    facet counts over the matches do not pay for scoring.
    """
    terms = query_terms(text)
    if not terms:
        return queryset.none()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        query = SearchQuery(_postgres_query(terms, any_term), search_type="raw", config="simple")
        documents = PracticeText.objects.annotate(vector=_postgres_vector()).filter(vector=query)
        return queryset.filter(pk__in=documents.values("pk"))
    return queryset.filter(
        pk__in=RawSQL(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
            [_sqlite_query(terms, any_term)],
        )
    )


def has_match(queryset, text):
    """Whether any practice of ``queryset`` has every word of ``text``.

    On SQLite the full-text table answers first (a few matches, then the status check), which
    avoids listing every match of common words.
    """
    terms = query_terms(text)
    if not terms:
        return False
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT 200",  # noqa: S608
                [_sqlite_query(terms, False)],
            )
            ids = [row[0] for row in cursor.fetchall()]
        if not ids:
            return False
        if queryset.filter(pk__in=ids).exists():
            return True
        if len(ids) < 200:
            return False
    return match(queryset, text).exists()


def top(queryset, text, *, limit, any_term=False):
    """The ids of the ``limit`` best matches of ``text`` in ``queryset``, best first.

    On SQLite the full-text table ranks on its own (bm25 in C, with a LIMIT), then one query
    keeps the ids that are in ``queryset``: at 100,000 practices this took 13-16 ms where the
    join of ``ranked`` took up to 126 ms. When ``queryset`` leaves out too many of them (a narrow
    filter), the join answers instead.
    """
    terms = query_terms(text)
    if not terms:
        return []
    if connection.vendor != "postgresql":
        fetch = 2 * limit
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
                f"ORDER BY bm25({FTS_TABLE}, 10.0, 1.0), rowid LIMIT %s",
                [_sqlite_query(terms, any_term), fetch],
            )
            ids = [row[0] for row in cursor.fetchall()]
        kept = set(queryset.filter(pk__in=ids).values_list("pk", flat=True))
        found = [pk for pk in ids if pk in kept]
        if len(found) >= limit or len(ids) < fetch:
            return found[:limit]
    ordered = ranked(queryset, text, any_term=any_term).order_by("-rank", "pk")
    return list(ordered.values_list("pk", flat=True)[:limit])


def ranked(queryset, text, *, any_term=False):
    """``queryset`` narrowed to the matches of ``text`` and annotated with ``rank`` (higher is
    better). ``queryset`` need not be matched first: on SQLite matching twice costs a second
    full-text scan."""
    terms = query_terms(text)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank

        query = SearchQuery(_postgres_query(terms, any_term), search_type="raw", config="simple")
        rank = (
            PracticeText.objects.filter(pk=OuterRef("pk"))
            .annotate(rank=SearchRank(_postgres_vector(), query))
            .values("rank")[:1]
        )
        matched = match(queryset, text, any_term=any_term)
        return matched.annotate(rank=Subquery(rank, output_field=FloatField()))
    # A join with the FTS table computes bm25 once per matching row; a correlated subquery
    # per row took 270 ms for 1,000 practices. The join names the outer table, so the result
    # is for ordering and slicing, not for use inside another query.
    table = queryset.model._meta.db_table
    return queryset.extra(  # noqa: S610 - FTS5 MATCH has no ORM expression; values are params
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = {table}.id", f"{FTS_TABLE} MATCH %s"],
        params=[_sqlite_query(terms, any_term)],
        select={"rank": f"-bm25({FTS_TABLE}, 10.0, 1.0)"},
    )
