"""Pre-selection pages: a committee member's list of applications with their progress, the
application with its scoring form, conflict declarations; for the secretariat, the ranking by
weighted score and the shortlist. Every page works without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import access, history, selectors
from . import preselection as services
from .applications import words_count
from .models import ApplicationFile, Criterion, Question, ScoreSheet
from .views import secretariat_page

STAGE = Criterion.Stage.PRE_SELECTION


@login_required
@require_safe
def preselection(request, year):
    edition = access.preselection_edition_for(request.user, year)
    rows, conflicts = services.scorer_rows(edition=edition, user=request.user)
    return render(
        request,
        "competition/preselection.html",
        {
            "edition": edition,
            "rows": rows,
            "conflicts": conflicts,
            "submitted": sum(1 for row in rows if row.submitted),
            "can_score": access.can_preselect(request.user, edition),
        },
    )


def _answers(application):
    """The application's answers in question order, as the preview shows them."""
    files = selectors.application_files(application)
    items = []
    for question in application.edition.questions.all():
        value = application.answers.get(question.key)
        if isinstance(value, list):
            value = ", ".join(value)
        items.append(
            {
                "question": question,
                "value": value,
                "file": files.get(question.key),
                "words": words_count(value) if question.kind == Question.Kind.TEXT else None,
            }
        )
    return items


def history_context(application):
    """The town's record for the committee's and the jury's pages: its earlier applications'
    outcomes and what changed in its answers since the last one, never the earlier scores or
    comments."""
    return {
        "earlier": history.earlier_applications(
            application.municipality, application.edition, feedback=False
        ),
        "changes": history.answers_changed(application),
    }


def _criteria_rows(criteria, sheet, data=None, errors=None):
    held = {score.criterion_id: score for score in sheet.scores.all()} if sheet else {}
    errors = errors or {}
    rows = []
    for criterion in criteria:
        if data is not None:
            value = data.get(f"score-{criterion.code}", "")
            comment = data.get(f"comment-{criterion.code}", "")
        else:
            score = held.get(criterion.pk)
            value = score.value if score else ""
            comment = score.comment if score else ""
        rows.append(
            {
                "criterion": criterion,
                "value": value,
                "comment": comment,
                "errors": errors.get(criterion.code, []),
            }
        )
    return rows


def _application_page(request, application, *, data=None, errors=None, problems=(), status=200):
    edition = application.edition
    criteria = services.stage_criteria(edition, STAGE)
    committee = access.is_committee(request.user, edition)
    sheet = (
        ScoreSheet.objects.filter(application=application, user=request.user, stage=STAGE)
        .prefetch_related("scores")
        .first()
        if committee
        else None
    )
    return render(
        request,
        "competition/preselection_application.html",
        {
            "edition": edition,
            "application": application,
            "municipality": application.municipality,
            "items": _answers(application),
            "eligibility": selectors.application_eligibility(application),
            "committee": committee,
            "can_score": access.can_preselect(request.user, edition)
            and not (sheet and sheet.submitted),
            "sheet": sheet,
            "criteria_rows": _criteria_rows(criteria, sheet, data, errors),
            "problems": problems,
            "sheets": services.submitted_sheets(application)
            if access.can_view_ranking(request.user)
            else [],
            **history_context(application),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preselection_application(request, year, pk):
    application = access.application_for_scorer(request.user, year, pk)
    if request.method != "POST":
        return _application_page(request, application)
    if not access.is_committee(request.user, application.edition):
        raise Http404("No such page.")
    criteria = services.stage_criteria(application.edition, STAGE)
    values = {
        c.code: (request.POST.get(f"score-{c.code}", ""), request.POST.get(f"comment-{c.code}", ""))
        for c in criteria
    }
    submit = request.POST.get("action") == "submit"
    try:
        services.score_save(
            application=application, user=request.user, values=values, actor=request.user
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            errors = {code: problems for code, problems in error.message_dict.items()}
            problems = [_("Your scores were not saved. Please correct the marked criteria.")]
        else:
            errors, problems = {}, error.messages
        return _application_page(
            request,
            application,
            data=request.POST,
            errors=errors,
            problems=problems,
            status=400,
        )
    if not submit:
        messages.success(request, _("Your scores are saved. You can change them until you submit."))
        return redirect("competition:preselection-application", year=year, pk=pk)
    try:
        services.sheet_submit(application=application, user=request.user)
    except ValidationError as error:
        problems = [_("Your scores are saved but not submitted yet."), *error.messages]
        return _application_page(request, application, problems=problems, status=400)
    messages.success(
        request,
        _("Your scores for %(name)s are submitted.")
        % {"name": application.municipality.official_name},
    )
    return redirect("competition:preselection", year=year)


@login_required
@require_POST
def preselection_conflict(request, year, pk):
    application = access.application_for_scorer(request.user, year, pk)
    if not access.is_committee(request.user, application.edition):
        raise Http404("No such page.")
    try:
        services.conflict_declare(
            application=application,
            user=request.user,
            reason=request.POST.get("reason", ""),
            stage=STAGE,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("competition:preselection-application", year=year, pk=pk)
    messages.success(
        request,
        _(
            "Your conflict of interest with the application of %(name)s is recorded. You will "
            "not see or score it."
        )
        % {"name": application.municipality.official_name},
    )
    return redirect("competition:preselection", year=year)


@login_required
@require_safe
def preselection_file(request, year, pk, file_pk):
    application = access.application_for_scorer(request.user, year, pk)
    attached = get_object_or_404(ApplicationFile, pk=file_pk, application=application)
    try:
        handle = attached.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is gone.") from None
    return FileResponse(handle, as_attachment=True, filename=attached.name)


def _ranking_page(request, edition, *, problems=(), status=200):
    rows = services.preselection_ranking(edition)
    return render(
        request,
        "competition/preselection_ranking.html",
        {
            "edition": edition,
            "rows": rows,
            "criteria": services.stage_criteria(edition, STAGE),
            "can_record": access.can_record_shortlist(request.user, edition),
            "problems": problems,
        },
        status=status,
    )


@login_required
@secretariat_page
@require_safe
def preselection_ranking(request, year):
    edition = access.edition_for(request.user, year)
    if not access.can_view_ranking(request.user):
        raise Http404("No such page.")
    return _ranking_page(request, edition)


@login_required
@secretariat_page
@require_POST
def shortlist(request, year):
    edition = access.edition_for(request.user, year)
    if not access.can_view_ranking(request.user):
        raise Http404("No such page.")
    try:
        ids = [int(pk) for pk in request.POST.getlist("shortlisted")]
    except ValueError:
        raise Http404("No such application.") from None
    try:
        changed = services.shortlist_record(
            edition=edition, shortlisted_ids=ids, actor=request.user
        )
    except ValidationError as error:
        return _ranking_page(request, edition, problems=error.messages, status=400)
    messages.success(
        request,
        ngettext(
            "The shortlist is recorded. %(count)s applicant was told of a new decision by e-mail.",
            "The shortlist is recorded. %(count)s applicants were told of a new decision by "
            "e-mail.",
            changed,
        )
        % {"count": changed},
    )
    return redirect("competition:preselection-ranking", year=year)
