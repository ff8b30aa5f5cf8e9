import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pearls.catalogue import vocabulary

from . import access, radar, scoring, selectors, services
from .forms import AnswersForm, AssessmentOpenForm
from .statements import STATEMENTS


def _errors(error):
    return " ".join(error.messages)


@login_required
@require_safe
def toolkit(request, slug):
    municipality = access.municipality_for_toolkit(request.user, slug)
    return _toolkit_page(request, municipality)


def _toolkit_page(request, municipality, *, open_form=None, status=200):
    return render(
        request,
        "toolkit/toolkit.html",
        {
            "municipality": municipality,
            "assessments": selectors.assessments_of(municipality),
            "can_run": access.can_run_assessment(request.user, municipality),
            "open_form": open_form or AssessmentOpenForm(),
        },
        status=status,
    )


@login_required
@require_POST
def assessment_open(request, slug):
    municipality = access.municipality_for_toolkit(request.user, slug, manage=True)
    form = AssessmentOpenForm(request.POST)
    if form.is_valid():
        try:
            assessment = services.assessment_open(
                municipality=municipality, title=form.cleaned_data["title"], actor=request.user
            )
        except ValidationError as error:
            form.add_error("title", error)
        else:
            messages.success(request, _("The round is open. Share the link with stakeholders."))
            return redirect(assessment.get_absolute_url())
    return _toolkit_page(request, municipality, open_form=form, status=400)


def _series(assessment, results, previous_results, peers):
    series = [(assessment.title, {d.code: d.score for d in results.dimensions})]
    if previous_results is not None:
        series.append((_("Previous round"), {d.code: d.score for d in previous_results.dimensions}))
    if peers:
        series.append((_("Median of similar towns"), peers))
    return series


@login_required
@require_safe
def assessment(request, slug, pk):
    assessment = access.assessment_for(request.user, slug, pk)
    results = selectors.assessment_results(assessment)
    previous = selectors.assessment_previous(assessment)
    previous_results = selectors.assessment_results(previous) if previous else None
    peers = scoring.peer_medians(selectors.peers_results(assessment.municipality))
    series = _series(assessment, results, previous_results, peers)
    axes = [(code, vocabulary.label("dimensions", code)) for code in STATEMENTS]
    chart = (
        radar.radar_svg(
            axes,
            series,
            title=_("Resilience profile: %(round)s") % {"round": assessment.title},
            description=_(
                "Score per resilience dimension, from 1 to 5; the table below gives "
                "the same figures."
            ),
        )
        if results.respondents
        else None
    )
    rows = []
    for dimension in results.dimensions:
        before = previous_results.score_of(dimension.code) if previous_results else None
        change = (
            round(dimension.score - before, 2) if None not in (dimension.score, before) else None
        )
        rows.append(
            {
                "dimension": dimension,
                "previous": before,
                "change": change,
                "peers": (peers or {}).get(dimension.code),
            }
        )
    return render(
        request,
        "toolkit/assessment.html",
        {
            "municipality": assessment.municipality,
            "assessment": assessment,
            "results": results,
            "rows": rows,
            "findings": scoring.findings(results),
            "changes": scoring.changes(results, previous_results) if previous_results else [],
            "previous": previous,
            "peers": peers,
            "min_peers": scoring.MIN_PEERS,
            "chart": chart,
            "legend": radar.legend(series),
            "survey_url": request.build_absolute_uri(assessment.get_survey_url()),
            "can_run": access.can_run_assessment(request.user, assessment.municipality),
            "can_answer": access.can_answer_assessment(request.user, assessment),
            "my_response": selectors.response_of(assessment, request.user),
            "counts": selectors.assessments_of(assessment.municipality).get(pk=assessment.pk),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_answer(request, slug, pk):
    assessment = access.assessment_for(request.user, slug, pk)
    if not access.can_answer_assessment(request.user, assessment):
        raise Http404("Not a respondent.")
    mine = selectors.response_of(assessment, request.user)
    initial = AnswersForm.initial_from(mine.answers) if mine else None
    form = AnswersForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_save(
                assessment=assessment,
                answers=form.answers(),
                kind="team",
                user=request.user,
                language=get_language(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your answers were saved. Thank you."))
            return redirect(assessment.get_absolute_url())
    return render(
        request,
        "toolkit/answer.html",
        {
            "municipality": assessment.municipality,
            "assessment": assessment,
            "form": form,
            "anonymous": False,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def assessment_close(request, slug, pk):
    assessment = access.assessment_for(request.user, slug, pk, manage=True)
    services.assessment_close(assessment=assessment, actor=request.user)
    messages.success(request, _("The round is closed. Its results stay as they are."))
    return redirect(assessment.get_absolute_url())


@login_required
@require_POST
def assessment_reopen(request, slug, pk):
    assessment = access.assessment_for(request.user, slug, pk, manage=True)
    try:
        services.assessment_reopen(assessment=assessment, actor=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("The round is open again."))
    return redirect(assessment.get_absolute_url())


@login_required
@require_POST
def assessment_new_link(request, slug, pk):
    assessment = access.assessment_for(request.user, slug, pk, manage=True)
    services.assessment_new_link(assessment=assessment, actor=request.user)
    messages.success(request, _("The survey has a new link; the old one no longer works."))
    return redirect(assessment.get_absolute_url())


@require_http_methods(["GET", "HEAD", "POST"])
def survey(request, key):
    """The questionnaire for stakeholders: no account, nothing that identifies them."""
    assessment = access.assessment_for_survey(key)
    form = AnswersForm(
        request.POST or None, stakeholder=True, initial={"submission_key": uuid.uuid4()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.response_save(
                assessment=assessment,
                answers=form.answers(),
                kind="stakeholder",
                submission_key=form.cleaned_data["submission_key"],
                organisation_type=form.cleaned_data["organisation_type"],
                language=get_language(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("toolkit:survey-thanks", key=key)
    return render(
        request,
        "toolkit/answer.html",
        {
            "municipality": assessment.municipality,
            "assessment": assessment,
            "form": form,
            "anonymous": True,
        },
        status=400 if form.errors else 200,
    )


@require_safe
def survey_thanks(request, key):
    assessment = access.assessment_for_survey(key)
    return render(request, "toolkit/survey_thanks.html", {"assessment": assessment, "key": key})
