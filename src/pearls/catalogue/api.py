"""The read-only open-data API (django-ninja): practices, vocabulary and bulk downloads.

Records are interchange records, valid against schema/practice.schema.json. Filters, search and
pagination are those of the catalogue page, read by the same form and selector. Bad parameters
answer 400 with a JSON error, never 500.
"""

from django.conf import settings
from django.http import Http404, StreamingHttpResponse
from django.utils import translation
from ninja import NinjaAPI, Query, Schema
from ninja.errors import ValidationError

from . import access, selectors, vocabulary
from .exporting import iter_csv, iter_jsonl
from .forms import PracticeFilterForm
from .interchange import record_from_practice

api = NinjaAPI(
    title="Pearls open data API",
    version="1",
    description=(
        "Good practices of culture-driven social resilience from the Baltic Sea Region, as "
        "interchange records (practice.schema.json). Read-only, no key needed. Licence of "
        "each record in its `license` field."
    ),
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    return api.create_response(
        request, {"detail": "Invalid parameters.", "errors": exc.errors}, status=400
    )


class PracticeQuery(Schema):
    q: str = ""
    country: list[str] = []
    challenge: list[str] = []
    dimension: list[str] = []
    domain: list[str] = []
    group: list[str] = []
    size: list[str] = []
    period: list[str] = []
    sort: str = ""
    page: int = 1
    lang: str = ""


class PracticePage(Schema):
    count: int
    page: int
    pages: int
    next: str | None
    previous: str | None
    results: list[dict]


class ErrorOut(Schema):
    detail: str
    errors: dict | list | None = None


def _language(lang):
    codes = [code for code, _name in settings.LANGUAGES]
    return lang if lang in codes else settings.LANGUAGE_CODE


@api.get(
    "/practices",
    response={200: PracticePage, 400: ErrorOut},
    summary="Search and filter published practices",
    tags=["practices"],
)
def practices(request, params: Query[PracticeQuery]):
    form = PracticeFilterForm(request.GET)
    if not form.is_valid():
        return 400, {"detail": "Invalid parameters.", "errors": form.errors.get_json_data()}
    with translation.override(_language(params.lang)):
        results = selectors.practices_search(
            query=form.cleaned_data["q"],
            filters=form.filters(),
            language=_language(params.lang),
            sort=form.cleaned_data["sort"],
            facets=False,
        )
    paginator = results.paginator(settings.PEARLS_PAGE_SIZE)
    number = form.cleaned_data["page"] or 1
    if number > paginator.num_pages:
        return 400, {"detail": f"Page {number} does not exist; there are {paginator.num_pages}."}
    page = paginator.page(number)

    def link(target):
        query = request.GET.copy()
        query["page"] = target
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": paginator.count,
        "page": number,
        "pages": paginator.num_pages,
        "next": link(number + 1) if page.has_next() else None,
        "previous": link(number - 1) if page.has_previous() else None,
        "results": [record_from_practice(practice) for practice in page.object_list],
    }


@api.get(
    "/practices/{practice_id}",
    response={200: dict, 404: ErrorOut},
    summary="One published practice as an interchange record",
    tags=["practices"],
)
def practice(request, practice_id: str):
    try:
        found = access.practice_for_view(None, practice_id)
    except Http404:
        return 404, {"detail": "No such practice."}
    return record_from_practice(found)


@api.get(
    "/vocabulary", response=dict, summary="Controlled vocabularies with labels", tags=["vocabulary"]
)
def vocabulary_labels(request, lang: str = ""):
    """Every vocabulary code with its label in ``lang`` (one of the interface languages)."""
    language = _language(lang)
    with translation.override(language):
        data = {
            name: {code: str(vocabulary.label(name, code)) for code in vocabulary.codes(name)}
            for name in (*vocabulary.CODE_FIELDS, "organisation_types", "organisation_roles")
        }
        data["languages"] = vocabulary.languages()
        data["interface_languages"] = [code for code, _name in settings.LANGUAGES]
        data["programme_countries"] = {
            code: str(vocabulary.country_name(code)) for code in vocabulary.programme_countries()
        }
    return {"language": language, **data}


def _download(body, content_type, filename):
    response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@api.get("/dataset.jsonl", summary="The whole open dataset as JSON Lines", tags=["dataset"])
def dataset_jsonl(request):
    return _download(
        iter_jsonl(selectors.practices_published()),
        "application/x-ndjson; charset=utf-8",
        "pearls-practices.jsonl",
    )


@api.get("/dataset.csv", summary="The whole open dataset as CSV", tags=["dataset"])
def dataset_csv(request):
    return _download(
        iter_csv(selectors.practices_published()), "text/csv; charset=utf-8", "pearls-practices.csv"
    )
