"""Public pages of the competition's outcome: the Pearls and the other shortlisted candidates of
every published edition on a map (with the same content as a list, so the page works without
JavaScript), and one edition's published results. An edition whose decision is not published
has no public page (404)."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import access, documents


def _by_edition(awards, candidates):
    """[{"year", "awards", "candidates"}], newest edition first."""
    groups = {}
    for award in awards:
        year = award.decision.edition.title_year
        groups.setdefault(year, {"year": year, "awards": [], "candidates": []})
        groups[year]["awards"].append(award)
    for application in candidates:
        year = application.edition.title_year
        groups.setdefault(year, {"year": year, "awards": [], "candidates": []})
        groups[year]["candidates"].append(application)
    return [groups[year] for year in sorted(groups, reverse=True)]


@require_safe
def pearls(request):
    years = list(documents.published_editions().values_list("title_year", flat=True))
    raw = request.GET.get("year", "").strip()
    year, problem = None, ""
    if raw:
        if raw.isdigit() and int(raw) in years:
            year = int(raw)
        else:
            problem = _(
                "There are no published results for the edition “%(year)s”. All editions are shown."
            ) % {"year": Truncator(raw).chars(12)}
    awards = list(documents.pearls_published(year))
    candidates = list(documents.candidates_published(year))
    markers = documents.pearls_markers(awards, candidates)
    towns = [item.application.municipality for item in awards] + [
        application.municipality for application in candidates
    ]
    unlocated = sum(1 for town in towns if town.latitude is None or town.longitude is None)
    return render(
        request,
        "competition/pearls.html",
        {
            "years": years,
            "year": year,
            "problem": problem,
            "groups": _by_edition(awards, candidates),
            "pearl_count": len(awards),
            "candidate_count": len(candidates),
            "unlocated": unlocated,
            "markers": markers,
            "tile_url": settings.PEARLS_MAP_TILE_URL,
            "tile_attribution": settings.PEARLS_MAP_TILE_ATTRIBUTION,
        },
        status=400 if problem else 200,
    )


@require_safe
def pearls_year(request, year):
    results = documents.results_published(year)
    if results is None:
        raise Http404("No published results.")
    decision = results["decision"]
    readable = access.outcome_documents_readable(
        request.user,
        decision,
        [award.application for award in results["awards"]] + results["candidates"],
    )
    with_letters = (
        documents.applications_with_jury_feedback(results["edition"]) & readable
        if readable
        else set()
    )
    return render(
        request,
        "competition/pearls_year.html",
        {
            **results,
            "certificates": readable,
            "letters": with_letters,
            "can_export_scores": access.can_export_scores(request.user, results["edition"]),
        },
    )
