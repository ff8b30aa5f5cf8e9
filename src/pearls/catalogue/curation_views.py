"""Proposing practices and reviewing them: the author's form, the review queue and decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pearls.core.paging import paginate

from . import access, services
from .forms import (
    TEXT_FIELD_SPECS,
    PracticeProposalForm,
    PracticeStartForm,
    ReviewForm,
    ReviewQueueFilterForm,
)
from .interchange import record_from_practice
from .models import Practice, PracticeRevision
from .record_diff import record_diff


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def practice_propose(request):
    form = PracticeStartForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        practice = services.practice_start(
            actor=request.user,
            original_language=form.cleaned_data["original_language"],
            title=form.cleaned_data["title"],
            municipality=form.cleaned_data.get("municipality"),
        )
        messages.success(request, _("Your draft is saved. It saves itself as you write."))
        return redirect("catalogue:practice-edit", slug=practice.slug)
    return render(
        request,
        "catalogue/practice_propose.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _history(practice):
    return practice.revisions.select_related("actor")


def _schema_errors(form, error):
    """Attach schema problems to the form's fields where a field matches the record path."""
    for problem in error.error_list:
        path = problem.code or ""  # the record path, e.g. "summary/pl" or "organisations/0/name"
        parts = path.split("/")
        field = "__".join(parts[:2])
        top = parts[0]
        if (
            top == "organisations"
            and len(parts) == 3
            and f"org_{parts[1]}_{parts[2]}" in form.fields
        ):
            form.add_error(f"org_{parts[1]}_{parts[2]}", problem.message)
        elif top == "links" and len(parts) == 3 and f"link_{parts[1]}_{parts[2]}" in form.fields:
            form.add_error(f"link_{parts[1]}_{parts[2]}", problem.message)
        elif field in form.fields:
            form.add_error(field, problem.message)
        elif top in TEXT_FIELD_SPECS:
            form.add_error(f"{top}__{form.practice.original_language}", problem.message)
        elif top in form.fields:
            form.add_error(top, problem.message)
        else:
            form.add_error(None, problem.message)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def practice_edit(request, slug):
    """The whole proposal. Buttons: save the draft, preview it, submit it for review."""
    practice = access.practice_for_edit(request.user, slug)  # authorship checked here
    editable = practice.status in Practice.EDITABLE
    form = PracticeProposalForm(
        request.POST if request.method == "POST" and editable else None, practice=practice
    )
    status = 200
    if request.method == "POST" and editable:
        action = request.POST.get("action", "save")
        if form.is_valid():
            try:
                practice = services.practice_draft_save(
                    practice=practice,
                    values=form.practice_values(),
                    actor=request.user,
                    version=form.cleaned_data["version"],
                )
                if action == "submit":
                    services.practice_submit(
                        practice=practice, actor=request.user, version=practice.version
                    )
                    messages.success(
                        request, _("Thank you. Your practice was sent to the reviewers.")
                    )
                    return redirect("catalogue:my-practices")
            except services.StaleVersionError as error:
                form.add_error(None, error)
                status = 409
            except ValidationError as error:
                _schema_errors(form, error)
                status = 400
                # The draft was saved before the schema check refused the submission: the
                # form must carry the new version, or its next save would look stale.
                form.data = form.data.copy()
                form.data["version"] = Practice.objects.get(pk=practice.pk).version
            else:
                if action == "preview":
                    return redirect(practice.get_absolute_url())
                messages.success(request, _("Your draft was saved."))
                return redirect("catalogue:practice-edit", slug=practice.slug)
        else:
            status = 400
    return render(
        request,
        "catalogue/practice_edit.html",
        {
            "practice": practice,
            "form": form,
            "editable": editable,
            "history": _history(practice),
        },
        status=status,
    )


@login_required
@require_POST
def practice_autosave(request, slug):
    """Autosave from the edit page (HTMX): saves what validates, answers a status line."""
    practice = access.practice_for_edit(request.user, slug)  # authorship checked here
    if practice.status not in Practice.EDITABLE:
        raise Http404("Not editable.")
    form = PracticeProposalForm(request.POST, practice=practice)
    context = {"practice": practice, "saved": False, "problem": ""}
    if form.is_valid():
        try:
            context["practice"] = services.practice_draft_save(
                practice=practice,
                values=form.practice_values(),
                actor=request.user,
                version=form.cleaned_data["version"],
            )
            context["saved"] = True
        except services.StaleVersionError as error:
            context["problem"] = error.messages[0]
        except ValidationError as error:
            context["problem"] = error.messages[0]
    else:
        context["problem"] = _("Not saved yet: some fields need correcting (see below).")
    return render(request, "catalogue/_autosave_status.html", context)


@login_required
@require_safe
def my_practices(request):
    practices = (
        Practice.objects.filter(
            Q(author=request.user) | Q(municipality__memberships__user=request.user)
        )
        .distinct()
        .select_related("municipality")
        .order_by("-modified_at")
    )
    return render(request, "catalogue/my_practices.html", {"practices": practices})


@login_required
@require_safe
def review_queue(request):
    if not access.can_review(request.user):
        raise Http404("No such page.")
    form = ReviewQueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    practices = Practice.objects.select_related("municipality", "author").filter(
        status=filters.get("status") or Practice.Status.SUBMITTED
    )
    if filters.get("country"):
        practices = practices.filter(country=filters["country"])
    if filters.get("q"):
        practices = practices.filter(
            Q(title__icontains=filters["q"])
            | Q(slug__icontains=filters["q"])
            | Q(place__icontains=filters["q"])
        )
    practices = practices.order_by("submitted_at", "slug")
    page, page_query = paginate(request, practices, 30)
    return render(
        request,
        "catalogue/review_queue.html",
        {"form": form, "page": page, "page_query": page_query},
    )


def _last_review(practice):
    return practice.revisions.filter(kind__in=PracticeRevision.REVIEWS).first()


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def practice_review(request, slug):
    practice = access.practice_for_review(request.user, slug)
    form = ReviewForm(request.POST or None, initial={"version": practice.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        decision = request.POST.get("decision")
        arguments = {
            "practice": practice,
            "actor": request.user,
            "version": form.cleaned_data["version"],
            "note": form.cleaned_data["note"],
        }
        try:
            if decision == "return":
                services.practice_return(**arguments)
                messages.success(request, _("The practice was returned to its author."))
            elif decision == "publish":
                services.practice_publish(**arguments)
                messages.success(request, _("The practice is published."))
            else:
                raise ValidationError(_("Choose to return or to publish."))
        except services.StaleVersionError as error:
            form.add_error(None, error)
            status = 409
        except ValidationError as error:
            for message in error.messages:
                form.add_error("note" if decision == "return" else None, message)
            status = 400
        else:
            return redirect("catalogue:review-queue")
    previous = _last_review(practice)
    current = record_from_practice(practice)
    return render(
        request,
        "catalogue/practice_review.html",
        {
            "practice": practice,
            "form": form,
            "previous": previous,
            "rows": record_diff(previous.record if previous else {}, current),
            "history": _history(practice),
            "can_decide": practice.status == Practice.Status.SUBMITTED,
        },
        status=status,
    )
