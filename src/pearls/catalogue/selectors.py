"""Reads of the catalogue: ready-to-render querysets and facet counts."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, Lower

from pearls.search import lexical

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


@dataclass
class SearchResults:
    practices: object  # ordered queryset
    facets: list
    any_term: bool = False  # no practice had all the words; these have some of them
    matching: object = None  # the same practices unordered: cheaper to count
    sort: str = ""  # the order applied (the default when none was asked for)

    def paginator(self, per_page):
        """A paginator over the ordered practices that counts without the ranking join."""
        paginator = Paginator(self.practices, per_page)
        paginator.count = (self.matching if self.matching is not None else self.practices).count()
        return paginator


def _facet_options(values, counts, selected, label_for):
    return [
        FacetOption(value, str(label_for(value)), counts.get(value, 0), value in selected)
        for value in values
        if counts.get(value, 0) or value in selected
    ]


def _facets(matched, filters, form_fields):
    facets = []
    base = practices_filter(matched, filters, skip="country")
    counts = dict(base.order_by().values_list("country").annotate(n=Count("id")))
    countries = sorted(
        set(counts) | set(filters["country"]), key=lambda code: str(vocabulary.country_name(code))
    )
    facets.append(
        Facet(
            "country",
            form_fields["country"].label,
            _facet_options(countries, counts, filters["country"], vocabulary.country_name),
        )
    )
    for name, vocab in CODE_FILTERS.items():
        base = practices_filter(matched, filters, skip=name)
        counts = dict(
            PracticeCode.objects.filter(vocabulary=vocab, practice__in=base.values("pk"))
            .order_by()
            .values_list("code")
            .annotate(n=Count("id"))
        )
        facets.append(
            Facet(
                name,
                form_fields[name].label,
                _facet_options(
                    vocabulary.codes(vocab),
                    counts,
                    filters[name],
                    lambda code, vocab=vocab: vocabulary.label(vocab, code),
                ),
            )
        )
    base = practices_filter(matched, filters, skip="size")
    counts = base.order_by().aggregate(
        **{code: Count("id", filter=_size_q(code)) for code, *_rest in POPULATION_BANDS}
    )
    labels = {code: label for code, label, *_rest in POPULATION_BANDS}
    facets.append(
        Facet(
            "size",
            form_fields["size"].label,
            _facet_options(list(labels), counts, filters["size"], labels.get),
        )
    )
    base = practices_filter(matched, filters, skip="period")
    counts = base.order_by().aggregate(
        **{code: Count("id", filter=_period_q(code)) for code, _label in PERIOD_BANDS}
    )
    labels = dict(PERIOD_BANDS)
    facets.append(
        Facet(
            "period",
            form_fields["period"].label,
            _facet_options(list(labels), counts, filters["period"], labels.get),
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


def practices_search(*, query, filters, language, sort="", form_fields=None, facets=True):
    """Published practices matching ``query`` and ``filters``, ordered, with facet counts.

    All words of the query must match; when no practice has them all, practices with any of
    them are returned and ``any_term`` says so. ``form_fields`` supplies facet labels.
    """
    matched = practices_published()
    any_term = False
    has_query = bool(lexical.query_terms(query))
    if has_query:
        strict = lexical.match(matched, query)
        if strict.exists():
            matched = strict
        else:
            matched, any_term = lexical.match(matched, query, any_term=True), True
    filtered = practices_filter(matched, filters)
    sort = sort or ("relevance" if has_query else "title")
    practices = _ordered(filtered, sort, language, query if has_query else "", any_term)
    if form_fields is None:
        from .forms import PracticeFilterForm

        form_fields = PracticeFilterForm().fields
    return SearchResults(
        practices=practices,
        facets=_facets(matched, filters, form_fields) if facets else [],
        any_term=any_term,
        matching=filtered,
        sort=sort,
    )


def practices_related(practice, *, limit=4):
    """Published practices sharing the most challenges, dimensions and domains with this one."""
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
