"""Edition pages for the secretariat: the list, one edition's rules, calendar and criteria,
copies and phase moves."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pearls.accounts import access as accounts_access
from pearls.core.audit import audit_record

from . import access, services
from .forms import (
    CriterionFormSet,
    EditionCopyForm,
    EditionSettingsForm,
    MilestoneFormSet,
    QuestionFormSet,
)
from .models import Edition


def secretariat_page(view):
    """Secretariat pages: a secretary without two-factor authentication is sent to set it up;
    anyone else gets 404."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not access.can_manage_editions(request.user) and accounts_access.needs_mfa(request.user):
            return redirect(reverse("mfa_activate_totp") + "?next=" + request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def _editions_page(request, form=None, status=200):
    return render(
        request,
        "competition/editions.html",
        {
            "editions": Edition.objects.prefetch_related("milestones"),
            "form": form or EditionCopyForm(initial={"source": Edition.objects.first()}),
        },
        status=status,
    )


@login_required
@secretariat_page
@require_safe
def editions(request):
    if not access.can_manage_editions(request.user):
        raise Http404("No such page.")
    return _editions_page(request)


@login_required
@secretariat_page
@require_POST
def edition_new(request):
    if not access.can_manage_editions(request.user):
        raise Http404("No such page.")
    form = EditionCopyForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["source"]:
                edition = services.edition_copy(
                    source=data["source"],
                    title_year=data["title_year"],
                    name=data["name"],
                    actor=request.user,
                )
            else:
                edition = services.edition_create(
                    title_year=data["title_year"], name=data["name"], actor=request.user
                )
        except ValidationError as error:
            form.add_error("title_year", error)
        else:
            messages.success(request, _("The edition is created. Check its calendar and rules."))
            return redirect("competition:edition", year=edition.title_year)
    return _editions_page(request, form, status=400)


def _edition_page(
    request,
    edition,
    settings_form=None,
    milestones=None,
    criteria=None,
    questions=None,
    status=200,
):
    next_phases = []
    order = services.ORDER
    index = order.index(edition.phase)
    for target in order[max(index - 1, 0) : index + 2]:
        if target != edition.phase:
            next_phases.append(
                {
                    "code": target,
                    "label": Edition.Phase(target).label,
                    "forward": order.index(target) > index,
                    "blockers": services.phase_blockers(edition, target),
                }
            )
    return render(
        request,
        "competition/edition.html",
        {
            "edition": edition,
            "settings_form": settings_form or EditionSettingsForm(instance=edition),
            "milestones": milestones or MilestoneFormSet(instance=edition, prefix="milestones"),
            "criteria": criteria or CriterionFormSet(instance=edition, prefix="criteria"),
            "questions": questions or QuestionFormSet(instance=edition, prefix="questions"),
            "application_count": edition.applications.count(),
            "next_phases": next_phases,
        },
        status=status,
    )


@login_required
@secretariat_page
@require_http_methods(["GET", "HEAD", "POST"])
def edition(request, year):
    edition = access.edition_for(request.user, year)
    if request.method != "POST":
        return _edition_page(request, edition)
    part = request.POST.get("part")
    if part == "settings":
        form = EditionSettingsForm(request.POST, instance=Edition.objects.get(pk=edition.pk))
        if form.is_valid():
            services.edition_settings_save(
                edition=edition, values=form.cleaned_data, actor=request.user
            )
            messages.success(request, _("The rules of the edition are saved."))
            return redirect("competition:edition", year=year)
        return _edition_page(request, edition, settings_form=form, status=400)
    formsets = {
        "milestones": (MilestoneFormSet, "milestones"),
        "criteria": (CriterionFormSet, "criteria"),
        "questions": (QuestionFormSet, "questions"),
    }
    if part not in formsets:
        raise Http404("No such form.")
    formset_class, prefix = formsets[part]
    formset = formset_class(request.POST, instance=edition, prefix=prefix)
    if formset.is_valid():
        with transaction.atomic():
            formset.save()
            audit_record(action=f"edition.{part}", actor=request.user, obj=edition)
        messages.success(request, _("Saved."))
        return redirect("competition:edition", year=year)
    return _edition_page(request, edition, **{part: formset}, status=400)


@login_required
@secretariat_page
@require_POST
def edition_phase(request, year):
    edition = access.edition_for(request.user, year)
    target = request.POST.get("phase", "")
    if target not in services.ORDER:
        raise Http404("No such phase.")
    try:
        services.edition_phase_move(edition=edition, target=target, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The edition is now in the phase “%(phase)s”.")
            % {"phase": Edition.Phase(target).label},
        )
    return redirect("competition:edition", year=year)
