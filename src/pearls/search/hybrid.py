"""Hybrid ranking: lexical full text, dense vectors and the vocabulary a query names, fused.

Each signal ranks the published practices on its own; reciprocal-rank fusion (RRF) combines the
ranks, so the scales of bm25, ts_rank and cosine never have to agree. A practice that matches
what the query names (a country, a target group, a cultural domain) gets a bonus per facet.
Weights and cut-offs are the ones measured best on the labelled set (bench/search/).
"""

from dataclasses import dataclass, field

from . import embeddings, lexical, query_facets, semantic

RRF_K = 60
# Measured on the labelled set (bench/search): lexical matches join only when a practice has
# every word of the query (with the any-word fallback hybrid nDCG@10 fell from 0.59 to 0.49),
# at half the weight of the dense ranking.
WEIGHTS = {"lexical": 0.5, "semantic": 1.0}
FACET_BONUS = 1.0 / (RRF_K + 1)  # a named facet is worth a first place in one signal
SEMANTIC_LIMIT = 50  # how many nearest practices count as matches "in meaning"
LEXICAL_LIMIT = 100  # ranks beyond add almost nothing to the fusion (1/(60+100))


@dataclass
class Ranking:
    ids: list  # practice ids, best first
    lexical: set = field(default_factory=set)  # ids that matched words of the query
    semantic: set = field(default_factory=set)  # ids among the nearest in meaning
    facets: dict = field(default_factory=dict)  # what the query names


def _lexical_ids(queryset, text, any_term):
    if any_term:
        return []
    return lexical.top(queryset, text, limit=LEXICAL_LIMIT)


def _facet_matches(queryset, facets):
    """{practice id: number of named facets it matches} among ``queryset``."""
    from pearls.catalogue.models import PracticeCode

    counts = {}
    if facets["country"]:
        for pk in queryset.filter(country__in=facets["country"]).values_list("pk", flat=True):
            counts[pk] = counts.get(pk, 0) + 1
    for facet, vocab in query_facets.FACETS.items():
        if facets[facet]:
            ids = set(
                PracticeCode.objects.filter(
                    vocabulary=vocab, code__in=facets[facet], practice__in=queryset.values("pk")
                ).values_list("practice_id", flat=True)
            )
            for pk in ids:
                counts[pk] = counts.get(pk, 0) + 1
    return counts


def rank(queryset, text, *, any_term=None, semantic_on=True, use_facets=True, weights=None):
    """Rank the practices of ``queryset`` for ``text``. Practices without vectors yet are
    still found by their words."""
    weights = weights or WEIGHTS
    scores = {}
    if any_term is None:
        any_term = not lexical.has_match(queryset, text)
    lexical_ids = _lexical_ids(queryset, text, any_term)
    for position, pk in enumerate(lexical_ids, 1):
        scores[pk] = scores.get(pk, 0.0) + weights["lexical"] / (RRF_K + position)
    semantic_ids = []
    if semantic_on:
        vector = embeddings.embed_queries([text])[0]
        semantic_ids = semantic.nearest_in(queryset, vector, limit=SEMANTIC_LIMIT)
        for position, pk in enumerate(semantic_ids, 1):
            scores[pk] = scores.get(pk, 0.0) + weights["semantic"] / (RRF_K + position)
    facets = query_facets.detected(text) if use_facets else {}
    if facets and any(facets.values()):
        for pk, count in _facet_matches(queryset.filter(pk__in=list(scores)), facets).items():
            scores[pk] += FACET_BONUS * count
    ordered = sorted(scores, key=lambda pk: (-scores[pk], pk))
    return Ranking(ordered, set(lexical_ids), set(semantic_ids), facets)
