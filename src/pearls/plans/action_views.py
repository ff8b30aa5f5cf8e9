"""Action pages: the structured action form (one language's text at a time, with the other
languages beside it), its budget lines and indicators, and the practices it draws on."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pearls.catalogue.selectors import practices_published
from pearls.core.languages import language_name, pick

from . import access, selectors, services, snapshot
from .forms import ActionForm, BudgetFormSet, IndicatorFormSet, rows_of
from .models import Action
from .views import reading_language, writing_language

TEXTS = ("title", "description", "tools", "risks")


def _partners(plan):
    from pearls.ecosystem.models import Stakeholder

    return Stakeholder.objects.filter(municipality=plan.municipality).order_by("name")


def _initial(action, language):
    data = snapshot.action_data(action)
    initial = {name: data[name].get(language, "") for name in TEXTS}
    initial.update(
        {
            "objectives": [str(pk) for pk in data["objectives"]],
            "partners": [str(p["id"]) for p in data["partners"]],
            "start": action.start,
            "end": action.end,
            "responsible": action.responsible,
            "methods": data["methods"],
            "domains": data["domains"],
            "target_groups": data["target_groups"],
            "dimensions": data["dimensions"],
            "revision": action.revision,
        }
    )
    return initial, data


def item_from(form, budget, indicators, language, current):
    """The action as data: the form's language replaces its texts; other languages, the
    practices and the reference stay as they are in ``current``."""
    data = form.cleaned_data
    item = {
        "ref": current.get("ref"),
        "objectives": sorted(int(pk) for pk in data["objectives"]),
        "partners": [{"id": int(pk), "name": "", "sector": ""} for pk in data["partners"]],
        "practices": current.get("practices", []),
        "start": data["start"].strftime("%Y-%m"),
        "end": data["end"].strftime("%Y-%m"),
        "responsible": data["responsible"].strip(),
        "methods": data["methods"],
        "domains": data["domains"],
        "target_groups": data["target_groups"],
        "dimensions": data["dimensions"],
        "budget": [
            {"item": row["item"], "amount": str(row["amount"]), "source": row["source"]}
            for row in rows_of(budget, ["item", "amount", "source"])
        ],
        "indicators": rows_of(indicators, ["name", "baseline", "target", "unit", "verification"]),
    }
    for name in TEXTS:
        texts = dict(current.get(name, {}))
        texts[language] = data[name].strip()
        item[name] = {code: text for code, text in texts.items() if text}
    # partner names as the snapshot keeps them, for a readable conflict
    names = {str(p.pk): (p.name, p.sector) for p in form.partner_objects}
    item["partners"] = [
        {"id": p["id"], "name": names[str(p["id"])][0], "sector": names[str(p["id"])][1]}
        for p in item["partners"]
    ]
    return item


def _action_page(request, plan, action, language, form, budget, indicators, status=200):
    others = []
    if action is not None:
        for code in plan.languages:
            if code != language:
                others.append(
                    (
                        code,
                        language_name(code),
                        {n: getattr(action, n).get(code, "") for n in TEXTS},
                    )
                )
    return render(
        request,
        "plans/action.html",
        {
            "municipality": plan.municipality,
            "plan": plan,
            "action": action,
            "action_title": pick(action.title, language, plan.official_language)
            if action
            else None,
            "language": language,
            "language_name": language_name(language),
            "languages": [(code, language_name(code)) for code in plan.languages],
            "others": others,
            "form": form,
            "budget": budget,
            "indicators": indicators,
            "can_edit": access.can_edit_plan(request.user, plan),
            "practices": list(action.practices.all()) if action else [],
            "suggestions": selectors.practices_suggested(plan, limit=5)
            if action and access.can_edit_plan(request.user, plan)
            else [],
        },
        status=status,
    )


def _bind(request, plan, language, action):
    partners = list(_partners(plan))
    form = ActionForm(
        request.POST,
        objectives=plan.objectives.all(),
        partners=partners,
        language=language,
        title_year=plan.edition.title_year,
    )
    form.partner_objects = partners
    return (
        form,
        BudgetFormSet(request.POST, prefix="budget"),
        IndicatorFormSet(request.POST, prefix="indicators"),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def action_new(request, slug, pk):
    plan = access.plan_for(request.user, slug, pk, check=access.can_edit_plan)
    language = reading_language(request, plan)
    if request.method == "POST":
        language = writing_language(request, plan)
        if language is None:
            raise Http404("No such language.")
        form, budget, indicators = _bind(request, plan, language, None)
        if form.is_valid() and budget.is_valid() and indicators.is_valid():
            item = item_from(form, budget, indicators, language, {})
            try:
                action = services.action_save(
                    plan=plan, item=item, base_revision=0, actor=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The action is added."))
                return redirect(
                    reverse("plans:action", args=[slug, plan.pk, action.pk]) + f"?lang={language}"
                )
        return _action_page(request, plan, None, language, form, budget, indicators, 400)
    year = plan.edition.title_year
    form = ActionForm(
        objectives=plan.objectives.all(),
        partners=_partners(plan),
        language=language,
        title_year=plan.edition.title_year,
        initial={"start": f"{year}-01", "end": f"{year}-12", "revision": 0},
    )
    return _action_page(
        request,
        plan,
        None,
        language,
        form,
        BudgetFormSet(prefix="budget"),
        IndicatorFormSet(prefix="indicators"),
    )


def action_for(plan, action_pk):
    if not str(action_pk).isdigit():
        raise Http404("No such action.")
    action = (
        Action.objects.filter(plan=plan, pk=action_pk)
        .prefetch_related("objectives", "partners", "practices", "budget_lines", "indicators")
        .first()
    )
    if action is None:
        raise Http404("No such action.")
    return action


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def action(request, slug, pk, action_pk):
    plan = access.plan_for(request.user, slug, pk)
    action = action_for(plan, action_pk)
    language = reading_language(request, plan)
    if request.method == "POST":
        language = writing_language(request, plan)
        if not access.can_edit_plan(request.user, plan) or language is None:
            raise Http404("Not an editor.")
        form, budget, indicators = _bind(request, plan, language, action)
        if form.is_valid() and budget.is_valid() and indicators.is_valid():
            current = snapshot.action_data(action)
            item = item_from(form, budget, indicators, language, current)
            try:
                services.action_save(
                    plan=plan,
                    action=action,
                    item=item,
                    base_revision=form.cleaned_data["revision"],
                    actor=request.user,
                )
            except services.PlanConflict as error:
                return redirect(reverse("plans:conflict", args=[slug, plan.pk, error.conflict.pk]))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The action is saved."))
                return redirect(f"{request.path}?lang={language}")
        return _action_page(request, plan, action, language, form, budget, indicators, 400)
    initial, data = _initial(action, language)
    form = ActionForm(
        objectives=plan.objectives.all(),
        partners=_partners(plan),
        language=language,
        title_year=plan.edition.title_year,
        initial=initial,
    )
    budget = BudgetFormSet(prefix="budget", initial=data["budget"])
    indicators = IndicatorFormSet(prefix="indicators", initial=data["indicators"])
    return _action_page(request, plan, action, language, form, budget, indicators)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def action_delete(request, slug, pk, action_pk):
    plan = access.plan_for(request.user, slug, pk, check=access.can_edit_plan)
    action = action_for(plan, action_pk)
    if request.method == "POST":
        try:
            services.action_delete(action=action, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The action is removed. The history still has it."))
        return redirect(plan.get_absolute_url() + "#actions")
    return render(
        request,
        "plans/action_delete.html",
        {
            "municipality": plan.municipality,
            "plan": plan,
            "action": action,
            "action_title": pick(action.title, reading_language(request, plan)),
        },
    )


@login_required
@require_POST
def practice_attach(request, slug, pk, action_pk):
    plan = access.plan_for(request.user, slug, pk, check=access.can_edit_plan)
    # the plan page's suggestion form names the action in the form (it works without JS)
    action = action_for(plan, request.POST.get("action") or action_pk)
    detach = request.POST.get("detach") == "1"
    # a linked practice can be unlinked even if it was unpublished since
    found = action.practices.all() if detach else practices_published()
    practice = get_object_or_404(found, slug=request.POST.get("practice", ""))
    try:
        if detach:
            services.practice_detach(action=action, practice=practice, actor=request.user)
        else:
            services.practice_attach(action=action, practice=practice, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The practice is no longer linked.") if detach else _("The practice is linked."),
        )
    back = request.POST.get("next")
    if back not in ("plan",):
        return redirect(reverse("plans:action", args=[slug, plan.pk, action.pk]) + "#practices")
    return redirect(plan.get_absolute_url() + "#suggestions")
