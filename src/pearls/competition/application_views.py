"""Application pages: a municipality's application (status, eligibility, deadline), the form
with autosave, file uploads, the preview, submission and the blank form as PDF; and, for the
secretariat, the applications of an edition with eligibility decisions.

Every page works without JavaScript; with HTMX the form saves itself while people write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pearls.core.pdf import pdf_render, pdf_response
from pearls.plans import access as plans_access

from . import access, history, selectors
from . import applications as services
from .eligibility import check_application
from .forms import ApplicationFileForm, ApplicationForm, EligibilityDecisionForm
from .models import Application, ApplicationFile, Question
from .views import secretariat_page


def _questions(edition):
    return list(edition.questions.all())


def _word_counts(application, questions, data=None):
    """{key: (words, limit)} of the text questions, from ``data`` (a POST being shown again)
    or the saved answers."""
    source = data if data is not None else application.answers
    return {
        q.key: (services.words_count(source.get(q.key, "")), q.word_limit)
        for q in questions
        if q.kind == Question.Kind.TEXT
    }


def _deadline(edition):
    found = services.deadline_text(edition)
    return {"text": found[0], "zone": found[1]} if found else None


@login_required
@require_safe
def application(request, slug, year):
    municipality, edition = access.call_for(request.user, slug, year)
    found = (
        Application.objects.filter(edition=edition, municipality=municipality)
        .select_related("partnership")
        .first()
    )
    return _application_page(request, municipality, edition, found)


def _application_page(request, municipality, edition, found, *, submit_errors=(), status=200):
    if found is not None:
        found.edition = edition
        eligibility = selectors.application_eligibility(found)
        missing = services.application_missing(found) if found.status == "draft" else []
    else:
        verdict = check_application(municipality, rules=edition.eligibility_rules)
        eligibility = selectors.EligibilityView(
            state="not_eligible"
            if not verdict.eligible
            else ("unknown" if verdict.unknown else "eligible"),
            eligible=verdict.eligible,
            reasons=verdict.reasons,
            unknown=verdict.unknown,
        )
        missing = []
    blockers = services.call_blockers(edition)
    # a submitted application may be decided too: imported history whose shortlist is unknown
    decided = found is not None and found.status != Application.Status.DRAFT
    return render(
        request,
        "competition/application.html",
        {
            "municipality": municipality,
            "edition": edition,
            "application": found,
            "eligibility": eligibility,
            "missing": missing,
            "submit_errors": submit_errors,
            "blockers": blockers,
            "deadline": _deadline(edition),
            "can_apply": access.can_apply(request.user, municipality),
            "files": selectors.application_files(found) if found else {},
            # the development phase hand-over, the outcome and the town's earlier record
            "development": history.development_of(found) if found else None,
            "record": history.application_record(found) if decided else None,
            "can_start_plan": plans_access.can_create_plan(request.user, municipality),
            "earlier": history.earlier_applications(municipality, edition),
        },
        status=status,
    )


@login_required
@require_POST
def application_start(request, slug, year):
    municipality, edition = access.call_for(request.user, slug, year, edit=True)
    try:
        services.application_start(edition=edition, municipality=municipality, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("competition:application", slug=slug, year=year)
    return redirect("competition:application-form", slug=slug, year=year)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_form(request, slug, year):
    found = access.application_for(request.user, slug, year, edit=True)
    questions = _questions(found.edition)
    if found.status != Application.Status.DRAFT:
        messages.info(request, _("The application is submitted; here is what was sent."))
        return redirect("competition:application-preview", slug=slug, year=year)
    if request.method != "POST":
        form = ApplicationForm(
            questions=questions, initial={**found.answers, "revision": found.revision}
        )
        return _form_page(request, found, questions, form)
    form = ApplicationForm(request.POST, questions=questions)
    conflict = None
    if form.is_valid():
        try:
            services.application_save(
                application=found,
                answers=form.answers(),
                base_revision=form.cleaned_data["revision"],
                actor=request.user,
            )
        except services.ApplicationConflict as error:
            conflict = error
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for key, problems in error.message_dict.items():
                    form.add_error(key if key in form.fields else None, problems)
            else:
                form.add_error(None, error)
        else:
            if request.htmx:
                return render(
                    request,
                    "competition/_application_saved.html",
                    {
                        "application": found,
                        "counts": _word_counts(found, questions),
                    },
                )
            messages.success(request, _("Your answers are saved."))
            return redirect("competition:application-form", slug=slug, year=year)
    if request.htmx:
        # 200 so that htmx shows the message in place of "Saved".
        return render(
            request,
            "competition/_application_saved.html",
            {"application": found, "conflict": conflict, "errors": form.errors},
        )
    return _form_page(
        request,
        found,
        questions,
        form,
        conflict=conflict,
        data=request.POST,
        status=409 if conflict else 400,
    )


def _form_page(request, found, questions, form, *, conflict=None, data=None, status=200):
    files = selectors.application_files(found)
    file_questions = [
        (q, files.get(q.key), ApplicationFileForm(initial={"question": q.key}))
        for q in questions
        if q.kind == Question.Kind.FILE
    ]
    counts = _word_counts(found, questions, data)
    fields = [(form[q.key], q, counts.get(q.key)) for q in form.questions]
    return render(
        request,
        "competition/application_form.html",
        {
            "application": found,
            "municipality": found.municipality,
            "edition": found.edition,
            "form": form,
            "fields": fields,
            "file_questions": file_questions,
            "conflict": conflict,
            "deadline": _deadline(found.edition),
        },
        status=status,
    )


@login_required
@require_POST
def application_file_add(request, slug, year):
    found = access.application_for(request.user, slug, year, edit=True)
    form = ApplicationFileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to upload first."))
    else:
        try:
            attached = services.application_file_add(
                application=found,
                question_key=form.cleaned_data["question"],
                upload=form.cleaned_data["upload"],
                actor=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("“%(name)s” is uploaded.") % {"name": attached.name})
    return redirect("competition:application-form", slug=slug, year=year)


@login_required
@require_POST
def application_file_remove(request, slug, year, pk):
    found = access.application_for(request.user, slug, year, edit=True)
    attached = get_object_or_404(ApplicationFile, pk=pk, application=found)
    try:
        services.application_file_remove(application=found, attached=attached, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(name)s” is removed.") % {"name": attached.name})
    return redirect("competition:application-form", slug=slug, year=year)


@login_required
@require_safe
def application_file(request, slug, year, pk):
    found = access.application_for(request.user, slug, year)
    attached = get_object_or_404(ApplicationFile, pk=pk, application=found)
    try:
        handle = attached.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is gone.") from None
    return FileResponse(handle, as_attachment=True, filename=attached.name)


@login_required
@require_safe
def application_preview(request, slug, year):
    found = access.application_for(request.user, slug, year)
    questions = _questions(found.edition)
    files = selectors.application_files(found)
    items = []
    for question in questions:
        value = found.answers.get(question.key)
        if isinstance(value, list):
            value = ", ".join(value)
        items.append(
            {
                "question": question,
                "value": value,
                "file": files.get(question.key),
                "words": services.words_count(value)
                if question.kind == Question.Kind.TEXT
                else None,
            }
        )
    return render(
        request,
        "competition/application_preview.html",
        {
            "application": found,
            "municipality": found.municipality,
            "edition": found.edition,
            "items": items,
            "eligibility": selectors.application_eligibility(found),
            "missing": services.application_missing(found) if found.status == "draft" else [],
            "can_apply": access.can_apply(request.user, found.municipality),
        },
    )


@login_required
@require_POST
def application_submit(request, slug, year):
    found = access.application_for(request.user, slug, year, edit=True)
    already = found.status == Application.Status.SUBMITTED
    try:
        services.application_submit(application=found, actor=request.user)
    except ValidationError as error:
        found.refresh_from_db()
        return _application_page(
            request,
            found.municipality,
            found.edition,
            found,
            submit_errors=error.messages,
            status=400,
        )
    if not already:
        messages.success(
            request,
            _("Your application is submitted. The coordinators receive a receipt by e-mail."),
        )
    return redirect("competition:application", slug=slug, year=year)


@login_required
@require_safe
def application_blank(request, slug, year):
    municipality, edition = access.call_for(request.user, slug, year)
    pdf = pdf_render(
        "competition/application_blank.html",
        {
            "edition": edition,
            "municipality": municipality,
            "questions": _questions(edition),
            "deadline": _deadline(edition),
        },
        request=request,
    )
    return pdf_response(pdf, f"{edition.name} application form.pdf")


def _applications_page(request, edition, forms=None, status=200):
    rows = []
    forms = forms or {}
    for item in selectors.applications_of_edition(edition):
        item.edition = edition
        verdict = selectors.application_eligibility(item)
        decision = {None: "auto", True: "eligible", False: "not_eligible"}[
            item.eligibility_override
        ]
        form = forms.get(item.pk) or EligibilityDecisionForm(
            initial={"decision": decision, "reason": item.override_reason},
            prefix=f"a{item.pk}",
        )
        rows.append({"application": item, "eligibility": verdict, "form": form})
    return render(
        request,
        "competition/applications.html",
        {"edition": edition, "rows": rows},
        status=status,
    )


@login_required
@secretariat_page
@require_safe
def applications(request, year):
    edition = access.edition_for(request.user, year)
    if not access.can_list_applications(request.user):
        raise Http404("No such page.")
    return _applications_page(request, edition)


@login_required
@secretariat_page
@require_POST
def application_eligibility(request, year, pk):
    edition = access.edition_for(request.user, year)
    if not access.can_decide_eligibility(request.user):
        raise Http404("No such page.")
    found = get_object_or_404(Application, pk=pk, edition=edition)
    form = EligibilityDecisionForm(request.POST, prefix=f"a{pk}")
    if form.is_valid():
        try:
            services.eligibility_override(
                application=found,
                eligible=form.eligible(),
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ValidationError as error:
            for key, problems in error.message_dict.items():
                form.add_error(key, problems)
        else:
            messages.success(
                request,
                _("The decision on %(name)s is saved.")
                % {"name": found.municipality.official_name},
            )
            return redirect("competition:applications", year=year)
    return _applications_page(request, edition, forms={found.pk: form}, status=400)
