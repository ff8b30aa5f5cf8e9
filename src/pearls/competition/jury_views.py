"""Final-selection pages: a juror's list of candidates with their progress, the candidate with
its action plan (PDF), application answers and scoring form, conflict declarations. Scoring is
blind: the other jurors' submitted scores appear only once the juror submitted their own sheet.
Every page works without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import access
from . import preselection as services
from .models import ApplicationFile, Criterion, ScoreSheet
from .preselection_views import _answers, _criteria_rows, history_context

STAGE = Criterion.Stage.FINAL


@login_required
@require_safe
def jury(request, year):
    edition = access.jury_edition_for(request.user, year)
    rows, conflicts = services.scorer_rows(edition=edition, user=request.user, stage=STAGE)
    return render(
        request,
        "competition/jury.html",
        {
            "edition": edition,
            "rows": rows,
            "conflicts": conflicts,
            "submitted": sum(1 for row in rows if row.submitted),
            "can_score": access.can_judge(request.user, edition),
        },
    )


def _candidate_page(request, application, *, data=None, errors=None, problems=(), status=200):
    edition = application.edition
    criteria = services.stage_criteria(edition, STAGE)
    sheet = (
        ScoreSheet.objects.filter(application=application, user=request.user, stage=STAGE)
        .prefetch_related("scores")
        .first()
    )
    return render(
        request,
        "competition/jury_candidate.html",
        {
            "edition": edition,
            "application": application,
            "municipality": application.municipality,
            "plan": access.candidate_plan(application),
            "items": _answers(application),
            "file_route": "competition:jury-file",
            "can_score": access.can_judge(request.user, edition)
            and not (sheet and sheet.submitted),
            "sheet": sheet,
            "criteria_rows": _criteria_rows(criteria, sheet, data, errors),
            "problems": problems,
            "peer_sheets": services.peer_sheets(
                application=application, user=request.user, stage=STAGE
            ),
            **history_context(application),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def jury_candidate(request, year, pk):
    application = access.candidate_for_juror(request.user, year, pk)
    if request.method != "POST":
        return _candidate_page(request, application)
    criteria = services.stage_criteria(application.edition, STAGE)
    values = {
        c.code: (request.POST.get(f"score-{c.code}", ""), request.POST.get(f"comment-{c.code}", ""))
        for c in criteria
    }
    try:
        services.score_save(
            application=application,
            user=request.user,
            values=values,
            actor=request.user,
            stage=STAGE,
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            errors = dict(error.message_dict.items())
            problems = [_("Your scores were not saved. Please correct the marked criteria.")]
        else:
            errors, problems = {}, error.messages
        return _candidate_page(
            request, application, data=request.POST, errors=errors, problems=problems, status=400
        )
    if request.POST.get("action") != "submit":
        messages.success(request, _("Your scores are saved. You can change them until you submit."))
        return redirect("competition:jury-candidate", year=year, pk=pk)
    try:
        services.sheet_submit(application=application, user=request.user, stage=STAGE)
    except ValidationError as error:
        problems = [_("Your scores are saved but not submitted yet."), *error.messages]
        return _candidate_page(request, application, problems=problems, status=400)
    messages.success(
        request,
        _("Your scores for %(name)s are submitted.")
        % {"name": application.municipality.official_name},
    )
    return redirect("competition:jury-candidate", year=year, pk=pk)


@login_required
@require_POST
def jury_conflict(request, year, pk):
    application = access.candidate_for_juror(request.user, year, pk)
    try:
        services.conflict_declare(
            application=application,
            user=request.user,
            reason=request.POST.get("reason", ""),
            stage=STAGE,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("competition:jury-candidate", year=year, pk=pk)
    messages.success(
        request,
        _(
            "Your conflict of interest with the candidate %(name)s is recorded. You will not "
            "see or score it."
        )
        % {"name": application.municipality.official_name},
    )
    return redirect("competition:jury", year=year)


@login_required
@require_safe
def jury_plan(request, year, pk):
    from pearls.plans.export import plan_pdf

    application = access.candidate_for_juror(request.user, year, pk)
    plan = access.candidate_plan(application)
    if plan is None:
        raise Http404("No such plan.")
    response = HttpResponse(plan_pdf(plan, "en"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="plan-{application.pk}.pdf"'
    return response


@login_required
@require_safe
def jury_file(request, year, pk, file_pk):
    application = access.candidate_for_juror(request.user, year, pk)
    attached = get_object_or_404(ApplicationFile, pk=file_pk, application=application)
    try:
        handle = attached.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is gone.") from None
    return FileResponse(handle, as_attachment=True, filename=attached.name)
