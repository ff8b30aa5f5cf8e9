"""Downloads of a plan: PDF, DOCX and JSON, in the language asked for (?lang=)."""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from pearls.core.pdf import pdf_response

from . import access, export
from .views import reading_language


def _name(plan, language):
    return slugify(f"{plan.municipality.slug}-{plan.edition.title_year}-plan-{language}")


@login_required
@require_safe
def export_pdf(request, slug, pk):
    plan = access.plan_for(request.user, slug, pk)
    language = reading_language(request, plan)
    return pdf_response(export.plan_pdf(plan, language), _name(plan, language))


@login_required
@require_safe
def export_docx(request, slug, pk):
    plan = access.plan_for(request.user, slug, pk)
    language = reading_language(request, plan)
    response = HttpResponse(
        export.plan_docx(plan, language),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{_name(plan, language)}.docx"'
    return response


@login_required
@require_safe
def export_json(request, slug, pk):
    plan = access.plan_for(request.user, slug, pk)
    response = HttpResponse(
        json.dumps(export.plan_json(plan), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_name(plan, "all")}.json"'
    return response
