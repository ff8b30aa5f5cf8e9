from django.conf import settings
from django.db.models import Count
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from pearls.core.languages import pick

from . import access, selectors, vocabulary
from .forms import PracticeFilterForm

# The columns a result card shows (see _card.html): deep pages load only these.
CARD_FIELDS = (
    "slug",
    "title",
    "summary",
    "original_language",
    "place",
    "country",
    "period_start",
    "period_end",
)


def _search(request, *, facets=True):
    # Always bound (no field is required): invalid values are reported and left out.
    form = PracticeFilterForm(request.GET)
    form.is_valid()
    results = selectors.practices_search(
        query=form.cleaned_data.get("q", ""),
        filters=form.filters(),
        language=get_language(),
        sort=form.cleaned_data.get("sort", ""),
        form_fields=form.fields,
        facets=facets,
    )
    return form, results


def _chips(request, facets, form):
    """Active filters, each with the URL that removes it (and keeps everything else)."""
    chips = []
    for facet in facets:
        for option in facet.selected:
            params = request.GET.copy()
            params.setlist(facet.name, [v for v in params.getlist(facet.name) if v != option.value])
            params.pop("page", None)
            chips.append({"facet": facet.label, "label": option.label, "query": params.urlencode()})
    query = form.cleaned_data.get("q")
    if query:
        params = request.GET.copy()
        params.pop("q", None)
        params.pop("page", None)
        chips.append({"facet": form.fields["q"].label, "label": query, "query": params.urlencode()})
    return chips


def _page_query(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_safe
def home(request):
    published = selectors.practices_published()
    stats = published.aggregate(practices=Count("id"), countries=Count("country", distinct=True))
    recent = published.order_by("-updated", "slug")[:3]
    return render(
        request,
        "catalogue/home.html",
        {"stats": stats, "recent": recent, "search_form": PracticeFilterForm()},
    )


@require_safe
def practice_list(request):
    form, results = _search(request)
    paginator = results.paginator(settings.PEARLS_PAGE_SIZE, fields=CARD_FIELDS)
    page = paginator.get_page(form.cleaned_data.get("page") or 1)
    for practice in page.object_list:
        practice.match_reason = results.reason(practice.pk)
        practice.search_terms = results.terms
    context = {
        "form": form,
        "results": results,
        "page": page,
        "chips": _chips(request, results.facets, form),
        "page_query": _page_query(request),
    }
    template = "catalogue/_results.html" if request.htmx else "catalogue/practice_list.html"
    return render(request, template, context)


def _markers(practices, language):
    features = []
    for practice in practices:
        title = pick(practice.title, language, practice.original_language)
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [practice.longitude, practice.latitude],
                },
                "properties": {
                    "id": practice.slug,
                    "title": title.text,
                    "lang": title.language,
                    "place": practice.place,
                    "country": str(vocabulary.country_name(practice.country)),
                    "url": practice.get_absolute_url(),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


@require_safe
def practice_map(request):
    form, results = _search(request, facets=False)
    located = results.matching.filter(latitude__isnull=False, longitude__isnull=False).only(
        "slug", "title", "original_language", "place", "country", "latitude", "longitude"
    )
    unlocated = results.matching.filter(latitude__isnull=True).count()
    located = list(located)
    context = {
        "form": form,
        "located": located,
        "unlocated": unlocated,
        "markers": _markers(located, get_language()),
        "tile_url": settings.PEARLS_MAP_TILE_URL,
        "tile_attribution": settings.PEARLS_MAP_TILE_ATTRIBUTION,
        "list_query": request.GET.urlencode(),
    }
    return render(request, "catalogue/practice_map.html", context)


@require_safe
def practice_detail(request, slug):
    practice = access.practice_for_view(request.user, slug)
    reader = get_language()
    requested = request.GET.get("lang", "")
    content_language = requested if requested in practice.title else reader
    texts = {
        name: pick(getattr(practice, name), content_language, practice.original_language)
        for name in ("title", "summary", "description", "results", "lessons", "transferability")
    }
    shown = texts["title"].language
    context = {
        "practice": practice,
        "can_edit": access.can_edit_proposal(request.user, practice),
        "can_review": access.can_review(request.user, practice),
        "show_contacts": access.can_view_contacts(request.user),
        "texts": texts,
        "shown_language": shown,
        "language_requested": content_language,
        "other_languages": [code for code in practice.languages if code != shown],
        "related": selectors.practices_related(practice),
        "codes": {
            name: [(code, vocabulary.label(name, code)) for code in getattr(practice, name)]
            for name in vocabulary.CODE_FIELDS
        },
        "organisations": [
            {
                **organisation,
                "type_label": vocabulary.label("organisation_types", organisation.get("type")),
                "role_label": vocabulary.label("organisation_roles", organisation.get("role")),
            }
            for organisation in practice.organisations
        ],
    }
    return render(request, "catalogue/practice_detail.html", context)
