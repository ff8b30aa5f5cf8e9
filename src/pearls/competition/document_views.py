"""The competition's documents: a Pearl's certificate and a finalist's feedback letter (PDF, for
the municipality's team once the decision is published and for the secretariat once it is
recorded), and the archive's CSV of every score (the secretariat and the jury's chair).
Forbidden documents answer 404 like missing ones."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from pearls.core.pdf import pdf_render, pdf_response

from . import access, documents
from .views import secretariat_page


@login_required
@never_cache
@require_safe
def certificate(request, slug, year):
    award = access.award_for_certificate(request.user, slug, year)
    pdf = pdf_render(
        "competition/certificate.html", documents.certificate_context(award), request=request
    )
    return pdf_response(pdf, f"cultural-pearl-{year}-{slug}.pdf", inline=True)


@login_required
@never_cache
@require_safe
def feedback_letter(request, slug, year):
    application = access.candidate_for_letter(request.user, slug, year)
    pdf = pdf_render(
        "competition/feedback_letter.html",
        documents.feedback_letter_context(application),
        request=request,
    )
    return pdf_response(pdf, f"cultural-pearls-{year}-feedback-{slug}.pdf", inline=True)


@login_required
@secretariat_page
@never_cache
@require_safe
def scores_csv(request, year):
    edition = access.scores_edition_for(request.user, year)
    # UTF-8 with a byte-order mark: spreadsheet programs then read the accents right.
    withheld = access.results_withheld(request.user, edition)
    body = documents.scores_csv(edition, withheld=withheld).encode("utf-8-sig")
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    filename = documents.scores_csv_filename(edition)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
