import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from pearls.core.pdf import pdf_render, pdf_response

from . import access, selectors, services
from .canvases import PHASES, phase_of
from .forms import CanvasForm

PDF_COLUMNS = 3
PDF_GRID_HEIGHT_MM = 222  # A3 landscape less margins, header and footer


def _ecosystem_url(municipality, canvas):
    """The ecosystem register beside the mapping canvas, once that app has its page."""
    if canvas.key != "ecosystem-mapping":
        return None
    try:
        return reverse("ecosystem:ecosystem", args=[municipality.slug])
    except NoReverseMatch:
        return None


@login_required
@require_safe
def worksheets(request, slug):
    municipality = access.municipality_for_worksheets(request.user, slug)
    return render(
        request,
        "worksheets/worksheets.html",
        {
            "municipality": municipality,
            "roadmap": selectors.worksheets_of(municipality),
            "can_edit": access.can_edit_worksheets(request.user, municipality),
        },
    )


def _canvas_page(request, municipality, canvas, *, form=None, conflict=None, status=200):
    worksheet = selectors.worksheet_of(municipality, canvas.key)
    answers = worksheet.answers if worksheet else {}
    rows = None
    if conflict is not None:
        rows = [
            {
                "prompt": prompt,
                "field": form[prompt.key],
                "saved": conflict.current.get(prompt.key, ""),
                "differs": form.initial.get(prompt.key, "") != conflict.current.get(prompt.key, ""),
            }
            for prompt in canvas.prompts
        ]
    return render(
        request,
        "worksheets/canvas.html",
        {
            "municipality": municipality,
            "canvas": canvas,
            "phase": phase_of(canvas),
            "phase_count": len(PHASES),
            "worksheet": worksheet,
            "answers": [(prompt, answers.get(prompt.key, "")) for prompt in canvas.prompts],
            "form": form,
            "conflict": conflict,
            "conflict_rows": rows,
            "ecosystem_url": _ecosystem_url(municipality, canvas),
            "can_edit": access.can_edit_worksheets(request.user, municipality),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def canvas(request, slug, key):
    municipality, canvas = access.canvas_for(request.user, slug, key, edit=request.method == "POST")
    if request.method != "POST":
        form = None
        if access.can_edit_worksheets(request.user, municipality):
            worksheet = selectors.worksheet_of(municipality, canvas.key)
            initial = dict(worksheet.answers) if worksheet else {}
            initial["base_revision"] = worksheet.revision if worksheet else 0
            form = CanvasForm(initial=initial, canvas=canvas)
        return _canvas_page(request, municipality, canvas, form=form)
    form = CanvasForm(request.POST, canvas=canvas)
    if form.is_valid():
        try:
            services.worksheet_save(
                municipality=municipality,
                canvas=canvas,
                answers=form.answers(),
                base_revision=form.cleaned_data["base_revision"],
                actor=request.user,
            )
        except services.WorksheetConflict as conflict:
            # The person's text stays in the form; saving it again starts from the revision
            # they have now seen.
            mine = services.answers_clean(canvas, form.answers())
            mine["base_revision"] = conflict.revision
            return _canvas_page(
                request,
                municipality,
                canvas,
                form=CanvasForm(initial=mine, canvas=canvas),
                conflict=conflict,
                status=409,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The worksheet is saved."))
            return redirect("worksheets:canvas", slug=municipality.slug, key=canvas.key)
    return _canvas_page(request, municipality, canvas, form=form, status=400)


def _pdf_cells(canvas, answers):
    """The canvas's boxes in rows of ``PDF_COLUMNS``; the last box widens to fill its row."""
    columns = PDF_COLUMNS if len(canvas.prompts) > 4 else 2
    cells = [
        {
            "prompt": prompt,
            "text": answers.get(prompt.key, ""),
            "items": answers.get(prompt.key, "").split("\n") if prompt.is_list else None,
            "span": 1,
            "number": number,
        }
        for number, prompt in enumerate(canvas.prompts, start=1)
    ]
    rows = [cells[start : start + columns] for start in range(0, len(cells), columns)]
    rows[-1][-1]["span"] += columns - len(rows[-1])
    return rows, columns


@login_required
@require_safe
def canvas_pdf(request, slug, key):
    municipality, canvas = access.canvas_for(request.user, slug, key)
    answers = selectors.worksheet_answers(municipality, canvas.key)
    rows, columns = _pdf_cells(canvas, answers)
    pdf = pdf_render(
        "worksheets/canvas_pdf.html",
        {
            "municipality": municipality,
            "canvas": canvas,
            "phase": phase_of(canvas),
            "phase_count": len(PHASES),
            "rows": rows,
            "columns": range(columns),
            "row_height": math.floor(PDF_GRID_HEIGHT_MM / len(rows)),
            "today": timezone.localdate(),
        },
        request,
    )
    return pdf_response(pdf, f"{municipality.slug}-{canvas.key}.pdf")
