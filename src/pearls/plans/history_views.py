"""Edit conflicts (both versions side by side until someone chooses) and the version history
(readable differences, restore)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pearls.core.languages import language_name, pick
from pearls.core.paging import paginate

from . import access, diff, formatting, selectors, services, snapshot
from .models import Action, Conflict, PlanVersion, Section
from .sections import SECTIONS


def _conflict_for(plan, conflict_pk):
    conflict = Conflict.objects.filter(plan=plan, pk=conflict_pk).select_related("author").first()
    if conflict is None:
        raise Http404("No such conflict.")
    return conflict


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def conflict(request, slug, pk, conflict_pk):
    plan = access.plan_for(request.user, slug, pk, check=access.can_edit_plan)
    found = _conflict_for(plan, conflict_pk)
    kind, _sep, rest = found.target.partition(":")
    context = {"municipality": plan.municipality, "plan": plan, "conflict": found}
    posting = request.method == "POST" and found.resolved_at is None
    if kind == "section":
        key, language = rest.split(":")
        current = Section.objects.filter(plan=plan, key=key, language=language).first()
        current_body = current.body if current else ""
        revision = current.revision if current else 0
        if posting:
            choice = request.POST.get("choice")
            if choice not in ("current", "merged") or (
                choice == "merged" and "body" not in request.POST
            ):
                return HttpResponseBadRequest(_("Choose which version stays."))
            body = current_body if choice == "current" else request.POST["body"]
            return _resolve(request, plan, found, {"body": body})
        context.update(
            {
                "kind": "section",
                "label": SECTIONS.get(key, key),
                "language_name": language_name(language),
                "current": current_body,
                "current_html": formatting.render(current_body),
                "theirs": found.theirs.get("body", ""),
                "theirs_html": formatting.render(found.theirs.get("body", "")),
                "revision": revision,
                "back": reverse("plans:section", args=[slug, plan.pk, key]) + f"?lang={language}",
            }
        )
        return render(request, "plans/conflict.html", context)
    action = Action.objects.filter(plan=plan, pk=int(rest)).first()
    current = snapshot.action_data(action) if action else None
    texts = {o.pk: pick(o.text, plan.official_language) for o in plan.objectives.all()}
    fields = []
    if current is not None:
        for name in diff.ACTION_FIELDS:
            mine = diff.action_text(current, name, texts)
            theirs = diff.action_text(found.theirs, name, texts)
            if mine != theirs:
                fields.append((name, diff.field_label(name), mine, theirs))
    if posting:
        if current is None:  # the action was removed: nothing left to merge into
            return _resolve(request, plan, found, {})
        merged = dict(current)
        for name, _label, _mine, _theirs in fields:
            # only what the person saw and chose; a field that differs only now stays
            if request.POST.get(f"choice-{name}") == "theirs":
                merged[name] = found.theirs[name]
        return _resolve(request, plan, found, merged)
    context.update(
        {
            "kind": "action",
            "action": action,
            "action_title": pick(action.title, plan.official_language) if action else "",
            "fields": fields,
            "revision": action.revision if action else 0,
            "back": reverse("plans:action", args=[slug, plan.pk, action.pk]) if action else "",
        }
    )
    return render(request, "plans/conflict.html", context)


def _resolve(request, plan, found, values):
    revision = request.POST.get("revision", "")
    try:
        services.conflict_resolve(
            conflict=found,
            values=values,
            actor=request.user,
            current_revision=int(revision) if revision.isdigit() else None,
        )
    except services.ConflictMoved as error:
        messages.error(request, " ".join(error.messages))
        return redirect(request.path)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The conflict is settled. Both versions stay in the history."))
    return redirect(plan.get_absolute_url())


@login_required
@require_safe
def history(request, slug, pk):
    plan = access.plan_for(request.user, slug, pk)
    page, query = paginate(request, selectors.versions_of(plan), 30)
    return render(
        request,
        "plans/history.html",
        {"municipality": plan.municipality, "plan": plan, "page": page, "page_query": query},
    )


def _version_for(plan, number):
    version = PlanVersion.objects.filter(plan=plan, number=number).select_related("author").first()
    if version is None:
        raise Http404("No such version.")
    return version


@login_required
@require_safe
def version(request, slug, pk, number):
    plan = access.plan_for(request.user, slug, pk)
    found = _version_for(plan, number)
    previous = selectors.version_previous(found)
    return render(
        request,
        "plans/version.html",
        {
            "municipality": plan.municipality,
            "plan": plan,
            "version": found,
            "previous": previous,
            "changes": diff.snapshots_diff(previous.snapshot if previous else None, found.snapshot),
            "can_restore": access.can_edit_plan(request.user, plan),
        },
    )


@login_required
@require_POST
def version_restore(request, slug, pk, number):
    plan = access.plan_for(request.user, slug, pk, check=access.can_edit_plan)
    found = _version_for(plan, number)
    try:
        services.version_restore(plan=plan, version=found, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Version %(number)s is restored. What you had before is kept in the history.")
            % {"number": found.number},
        )
    return redirect(plan.get_absolute_url())
