"""Reads of the catalogue: ready-to-render querysets and facet counts."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, Lower

from pearls.search import hybrid, lexical

from . import vocabulary
from .forms import CODE_FILTERS, PERIOD_BANDS, POPULATION_BANDS
from .models import Practice, PracticeCode


def practices_published():
    """Practices the public sees: export, API, search and pages show only these."""
    return Practice.objects.filter(status=Practice.Status.PUBLISHED)


def _size_q(band):
    for code, _label, low, high in POPULATION_BANDS:
        if code == band:
            condition = Q(population__gte=low)
            return condition & Q(population__lte=high) if high is not None else condition
    return Q(pk__in=[])


def _period_q(band):
    return {
        "ongoing": Q(period_start__isnull=False, period_end__isnull=True),
        "2020s": Q(period_start__gte=2020),
        "2010s": Q(period_start__gte=2010, period_start__lte=2019),
        "earlier": Q(period_start__lt=2010),
    }.get(band, Q(pk__in=[]))


def _any(conditions):
    combined = Q(pk__in=[])
    for condition in conditions:
        combined |= condition
    return combined


def practices_filter(queryset, filters, *, skip=None):
    """Apply facet filters: any of the values within a facet, all facets together.

    ``skip`` leaves one facet out, which is how that facet's own counts are computed.
    """
    for name, values in filters.items():
        if not values or name == skip:
            continue
        if name == "country":
            queryset = queryset.filter(country__in=values)
        elif name in CODE_FILTERS:
            queryset = queryset.filter(
                Exists(
                    PracticeCode.objects.filter(
                        practice=OuterRef("pk"), vocabulary=CODE_FILTERS[name], code__in=values
                    )
                )
            )
        elif name == "size":
            queryset = queryset.filter(_any(_size_q(value) for value in values))
        elif name == "period":
            queryset = queryset.filter(_any(_period_q(value) for value in values))
    return queryset


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)

    @property
    def selected(self):
        return [option for option in self.options if option.selected]


class IdsFirstPaginator(Paginator):
    """Pages an ordered queryset by sorting only primary keys, then fetching that page's rows.

    Sorting 10,000 full rows (with their long texts) to keep twenty cost most of a deep page's
    time; sorting their ids and loading twenty rows by key does not.
    """

    def __init__(self, object_list, per_page, *, count, fields=None):
        super().__init__(object_list, per_page)
        self.count = count  # the property is replaced by the cheaper, unordered count
        self.fields = fields

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if isinstance(self.object_list, list):  # ids already ranked (hybrid search)
            ids = self.object_list[bottom : bottom + self.per_page]
        else:
            ids = list(
                self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page]
            )
        rows = Practice.objects.filter(pk__in=ids)
        if self.fields:
            rows = rows.only(*self.fields)
        by_id = {row.pk: row for row in rows}
        return Page([by_id[pk] for pk in ids if pk in by_id], number, self)


@dataclass
class SearchResults:
    practices: object  # ordered queryset, or a list of ranked practice ids (hybrid search)
    facets: list
    any_term: bool = False  # no practice had all the words; these have some of them
    matching: object = None  # the same practices unordered: cheaper to count
    sort: str = ""  # the order applied (the default when none was asked for)
    ranking: object = None  # hybrid.Ranking: why each practice matched
    terms: list = field(default_factory=list)  # the folded words of the query

    def count(self):
        if isinstance(self.practices, list):
            return len(self.practices)
        return (self.matching if self.matching is not None else self.practices).count()

    def paginator(self, per_page, *, fields=None):
        """A paginator over the ordered practices that counts without the ranking join.

        ``fields`` limits the columns loaded for the page's practices (all when None).
        """
        return IdsFirstPaginator(self.practices, per_page, count=self.count(), fields=fields)

    def slugs(self, limit):
        """The identifiers of the first ``limit`` practices, in order."""
        if isinstance(self.practices, list):
            ids = self.practices[:limit]
            slugs = dict(Practice.objects.filter(pk__in=ids).values_list("pk", "slug"))
            return [slugs[pk] for pk in ids if pk in slugs]
        return list(self.practices.values_list("slug", flat=True)[:limit])

    def reason(self, practice_id):
        """Why a practice matched: "words" (the query's words are in it), "meaning" (found by
        meaning only) or "" (no query)."""
        if self.ranking is None:
            return "words" if self.terms else ""
        if practice_id in self.ranking.lexical:
            return "words"
        return "meaning" if practice_id in self.ranking.semantic else "words"


def _facet_options(values, counts, selected, label_for):
    return [
        FacetOption(value, str(label_for(value)), counts.get(value, 0), value in selected)
        for value in values
        if counts.get(value, 0) or value in selected
    ]


def _band_counts():
    """Count expressions of the size and period bands, by band code."""
    bands = {code: Count("id", filter=_size_q(code)) for code, *_rest in POPULATION_BANDS}
    bands.update({code: Count("id", filter=_period_q(code)) for code, _label in PERIOD_BANDS})
    return bands


def _facet_counts(matched, filters):
    """Counts per facet option: {facet name: {value: count}}.

    Each facet is counted over the matches filtered by every *other* facet. Facets with no
    selection share the same base, so they are counted together: two queries when nothing is
    selected, whatever the number of facets.
    """
    groups = {}  # the facet left out of the base (None: no facet) → facet names counted over it
    for name in ("country", *CODE_FILTERS, "size", "period"):
        groups.setdefault(name if filters.get(name) else None, []).append(name)
    counts = {}
    for skip, names in groups.items():
        base = practices_filter(matched, filters, skip=skip)
        if {"country", "size", "period"} & set(names):
            rows = base.order_by().values_list("country").annotate(n=Count("id"), **_band_counts())
            bands = list(_band_counts())
            totals = {code: sum(row[2 + i] for row in rows) for i, code in enumerate(bands)}
            found = {
                "country": {row[0]: row[1] for row in rows},
                "size": {code: totals[code] for code, *_rest in POPULATION_BANDS},
                "period": {code: totals[code] for code, _label in PERIOD_BANDS},
            }
            counts.update({name: found[name] for name in names if name in found})
        vocabs = {CODE_FILTERS[name]: name for name in names if name in CODE_FILTERS}
        if vocabs:
            for name in vocabs.values():
                counts[name] = {}
            rows = (
                PracticeCode.objects.filter(vocabulary__in=vocabs, practice__in=base.values("pk"))
                .order_by()
                .values_list("vocabulary", "code")
                .annotate(n=Count("id"))
            )
            for vocab, code, n in rows:
                counts[vocabs[vocab]][code] = n
    return counts


def _facets(matched, filters, form_fields):
    counts = _facet_counts(matched, filters)
    countries = sorted(
        set(counts["country"]) | set(filters["country"]),
        key=lambda code: str(vocabulary.country_name(code)),
    )
    facets = [
        Facet(
            "country",
            form_fields["country"].label,
            _facet_options(
                countries, counts["country"], filters["country"], vocabulary.country_name
            ),
        )
    ]
    for name, vocab in CODE_FILTERS.items():
        facets.append(
            Facet(
                name,
                form_fields[name].label,
                _facet_options(
                    vocabulary.codes(vocab),
                    counts[name],
                    filters[name],
                    lambda code, vocab=vocab: vocabulary.label(vocab, code),
                ),
            )
        )
    for name, bands in (("size", POPULATION_BANDS), ("period", PERIOD_BANDS)):
        labels = {code: label for code, label, *_rest in bands}
        facets.append(
            Facet(
                name,
                form_fields[name].label,
                _facet_options(list(labels), counts[name], filters[name], labels.get),
            )
        )
    return facets


def _ordered(queryset, sort, language, query, any_term):
    if sort == "relevance" and query:
        return lexical.ranked(queryset, query, any_term=any_term).order_by("-rank", "slug")
    if sort == "updated":
        return queryset.order_by("-updated", "slug")
    if sort == "newest":
        return queryset.order_by("-period_start", "slug")
    if sort == "population":
        return queryset.order_by("population", "slug")
    title = Lower(Coalesce(KT(f"title__{language}"), KT("title__en"), "place"))
    return queryset.alias(sort_title=title).order_by("sort_title", "slug")


def _semantic_ready():
    from pearls.search.models import PracticeVector

    return settings.PEARLS_SEMANTIC_SEARCH and PracticeVector.objects.exists()


def practices_search(*, query, filters, language, sort="", form_fields=None, facets=True):
    """Published practices matching ``query`` and ``filters``, ordered, with facet counts.

    With vectors stored, the ranking is hybrid (``search.hybrid``): practices that contain
    the words and practices close in meaning, in any language. Without them (or for practices
    not embedded yet) it is lexical: all words must match; when no practice has them all,
    practices with any of them are returned and ``any_term`` says so. ``form_fields`` supplies
    facet labels.
    """
    published = practices_published()
    matched, any_term, ranking = published, False, None
    terms = lexical.query_terms(query)
    if terms:
        strict = lexical.match(published, query)
        any_term = not lexical.has_match(published, query)
        if _semantic_ready():
            ranking = hybrid.rank(published, query, any_term=any_term)
            matched = published.filter(pk__in=ranking.ids)
            any_term = False  # results come by meaning; the any-word note does not apply
        else:
            matched = lexical.match(published, query, any_term=True) if any_term else strict
    filtered = practices_filter(matched, filters)
    sort = sort or ("relevance" if terms else "title")
    if sort == "relevance" and ranking is not None:
        keep = set(filtered.values_list("pk", flat=True))
        practices = [pk for pk in ranking.ids if pk in keep]
    elif sort == "relevance" and terms:
        # ``ranked`` narrows to the matches itself.
        unmatched = practices_filter(published, filters)
        practices = _ordered(unmatched, sort, language, query, any_term)
    else:
        practices = _ordered(filtered, sort, language, query if terms else "", any_term)
    if form_fields is None:
        from .forms import PracticeFilterForm

        form_fields = PracticeFilterForm().fields
    return SearchResults(
        practices=practices,
        facets=_facets(matched, filters, form_fields) if facets else [],
        any_term=any_term,
        matching=filtered,
        sort=sort,
        ranking=ranking,
        terms=terms,
    )


def practices_related(practice, *, limit=4):
    """Similar published practices: nearest in meaning when vectors are stored (in any
    language), otherwise those sharing the most challenges, dimensions and domains."""
    from pearls.search import semantic

    vector = semantic.practice_vector(practice.pk) if settings.PEARLS_SEMANTIC_SEARCH else None
    if vector is not None:
        others = practices_published().exclude(pk=practice.pk)
        ids = semantic.nearest_in(others, vector, limit=limit)
        by_id = others.in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]
    return _practices_sharing_codes(practice, limit)


def _practices_sharing_codes(practice, limit):
    shared = (
        PracticeCode.objects.filter(
            practice=OuterRef("pk"),
            vocabulary__in=["challenges", "dimensions", "domains"],
            code__in=[*practice.challenges, *practice.dimensions, *practice.domains],
        )
        .order_by()
        .values("practice")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        practices_published()
        .exclude(pk=practice.pk)
        .annotate(shared=Coalesce(Subquery(shared, output_field=IntegerField()), 0))
        .filter(shared__gt=0)
        .order_by("-shared", "slug")[:limit]
    )
