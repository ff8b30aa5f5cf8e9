"""Plan pages: the list, the overview, sections (with autosave and comments), objectives and
the state changes. Actions, conflicts, history and exports have their own modules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pearls.competition.models import Edition
from pearls.core.languages import language_name, pick

from . import access, formatting, selectors, services, summary
from .forms import CommentForm, LanguagesForm, PlanCreateForm, SectionForm
from .models import Comment
from .prefill import weakest_dimensions
from .readiness import readiness_of
from .sections import SECTION_HELP, SECTIONS


def _errors(error):
    return " ".join(error.messages)


def _editions():
    return Edition.objects.exclude(phase=Edition.Phase.CLOSED).order_by("title_year")


def reading_language(request, plan):
    """The plan language shown: ?lang= if the plan has it, else the reader's interface
    language if the plan has it, else the official one."""
    for code in (request.GET.get("lang"), get_language()):
        if code in plan.languages:
            return code
    return plan.official_language


def writing_language(request, plan):
    """The language a save is for: like ``reading_language``, but a ?lang= the plan no
    longer has is refused (None) rather than written into another language."""
    asked = request.GET.get("lang")
    if asked and asked not in plan.languages:
        return None
    return reading_language(request, plan)


@login_required
@require_safe
def plans(request, slug):
    municipality = access.municipality_for_plans(request.user, slug)
    return _plans_page(request, municipality)


def _plans_page(request, municipality, form=None, status=200):
    can_create = access.can_create_plan(request.user, municipality)
    listed = [
        plan
        for plan in selectors.plans_of(municipality)
        if access.can_view_plan(request.user, plan)
    ]
    return render(
        request,
        "plans/plans.html",
        {
            "municipality": municipality,
            "plans": listed,
            "can_create": can_create,
            "form": form or PlanCreateForm(editions=_editions()),
        },
        status=status,
    )


@login_required
@require_POST
def plan_create(request, slug):
    municipality = access.municipality_for_plans(request.user, slug, create=True)
    form = PlanCreateForm(request.POST, editions=_editions())
    if form.is_valid():
        try:
            plan = services.plan_create(
                municipality=municipality,
                edition=form.cleaned_data["edition"],
                title=form.cleaned_data["title"],
                languages=form.cleaned_data["languages"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The plan is started. What your toolkit already knows is filled in.")
            )
            return redirect(plan.get_absolute_url())
    return _plans_page(request, municipality, form, status=400)


@login_required
@require_safe
def plan(request, slug, pk):
    plan = access.plan_for(request.user, slug, pk)
    language = reading_language(request, plan)
    actions = list(selectors.actions_of(plan))
    for action in actions:
        action.shown = pick(action.title, language, plan.official_language) or "—"
    objectives = list(plan.objectives.all())
    for objective in objectives:
        objective.shown = pick(objective.text, language, plan.official_language) or "—"
    sections = selectors.sections_of(plan)
    timeline = summary.timeline_of(plan, actions, language)
    open_comments = selectors.open_comments_by_section(plan)
    rows = [
        {
            "key": key,
            "label": label,
            "section": sections.get((key, language)),
            "html": formatting.render(getattr(sections.get((key, language)), "body", "")),
            "languages": [
                code for code in plan.languages if getattr(sections.get((key, code)), "body", "")
            ],
            "open_comments": open_comments.get(key, 0),
        }
        for key, label in SECTIONS.items()
    ]
    can_edit = access.can_edit_plan(request.user, plan)
    weakest = weakest_dimensions(plan.municipality)
    # A final application (the town is shortlisted) is bound by the edition's plan deadline:
    # the page says when, and offers no button the server would refuse.
    final = services.plan_is_final_application(plan)
    can_submit = access.can_submit_plan(request.user, plan)
    can_reopen = access.can_reopen_plan(request.user, plan)
    deadline_blockers = []
    if can_submit:
        deadline_blockers = services.plan_submit_blockers(plan, final=final)
    elif can_reopen:
        deadline_blockers = services.plan_reopen_blockers(plan, final=final)
    return render(
        request,
        "plans/plan.html",
        {
            "municipality": plan.municipality,
            "plan": plan,
            "language": language,
            "language_name": language_name(language),
            "rows": rows,
            "actions": actions,
            "objectives": objectives,
            "languages": [(code, language_name(code)) for code in plan.languages],
            "official_name": language_name(plan.official_language),
            "readiness": readiness_of(plan, actions=actions, weakest=weakest),
            "timeline": timeline,
            "gantt": summary.gantt_svg(
                timeline,
                title=_("Timeline of the actions"),
                description=summary.timeline_caption(timeline),
            )
            if actions
            else None,
            "budget": summary.budget_of(plan, actions, language),
            "conflicts": selectors.conflicts_open(plan),
            "open_comments_total": sum(open_comments.values()),
            "suggestions": selectors.practices_suggested(plan, weakest=weakest) if can_edit else [],
            "can_edit": can_edit,
            "can_share": access.can_share_plan(request.user, plan),
            "can_submit": can_submit and not deadline_blockers,
            "can_reopen": can_reopen and not deadline_blockers,
            "final": final,
            "deadline": services.plan_deadline(plan.edition) if final else None,
            "deadline_blockers": deadline_blockers,
            "can_implement": access.can_start_implementation(request.user, plan),
            "languages_form": LanguagesForm(
                initial={"languages": plan.languages, "official_language": plan.official_language}
            ),
        },
    )


def _section_context(request, plan, key, language, form):
    sections = selectors.sections_of(plan)
    others = [
        (
            code,
            language_name(code),
            formatting.render(getattr(sections.get((key, code)), "body", "")),
        )
        for code in plan.languages
        if code != language
    ]
    return {
        "municipality": plan.municipality,
        "plan": plan,
        "key": key,
        "label": SECTIONS[key],
        "help": SECTION_HELP[key],
        "language": language,
        "language_name": language_name(language),
        "languages": [(code, language_name(code)) for code in plan.languages],
        "others": others,
        "form": form,
        "preview": formatting.render(getattr(sections.get((key, language)), "body", "")),
        "can_edit": access.can_edit_plan(request.user, plan),
        "threads": selectors.threads_of(plan, key),
        "comment_form": CommentForm(),
        "can_comment": access.can_comment_plan(request.user, plan),
        "keys": list(SECTIONS),
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def section(request, slug, pk, key):
    plan = access.plan_for(request.user, slug, pk)
    if key not in SECTIONS:
        raise Http404("No such section.")
    language = reading_language(request, plan)
    current = selectors.sections_of(plan).get((key, language))
    initial = {"body": getattr(current, "body", ""), "revision": getattr(current, "revision", 0)}
    if request.method != "POST":
        form = SectionForm(initial=initial)
        return render(
            request, "plans/section.html", _section_context(request, plan, key, language, form)
        )
    language = writing_language(request, plan)
    refusal = None
    if not access.can_edit_plan(request.user, plan):
        refusal = _(
            "You can no longer edit this plan (it may have been submitted). "
            "Copy your text before you leave the page."
        )
    elif language is None:
        refusal = _(
            "This language was removed from the plan. Copy your text before you leave the page."
        )
    if refusal:
        if request.htmx:  # htmx swaps only 2xx answers: say it where the person is looking
            return render(request, "plans/_saved.html", {"refusal": refusal})
        if not access.can_edit_plan(request.user, plan):
            raise Http404("Not an editor.")
        messages.error(request, refusal)
        return redirect(plan.get_absolute_url())
    form = SectionForm(request.POST)
    status, conflict = 200, None
    if form.is_valid():
        try:
            saved = services.section_save(
                plan=plan,
                key=key,
                language=language,
                body=form.cleaned_data["body"],
                base_revision=form.cleaned_data["revision"],
                actor=request.user,
            )
        except services.PlanConflict as error:
            conflict, status = error.conflict, 409
        except ValidationError as error:
            form.add_error(None, error)
            status = 400
        else:
            if request.htmx:
                return render(request, "plans/_saved.html", {"section": saved})
            messages.success(request, _("Saved."))
            return redirect(f"{request.path}?lang={language}")
    else:
        status = 400
    if conflict is not None and not request.htmx:
        return redirect(
            reverse("plans:conflict", args=[plan.municipality.slug, plan.pk, conflict.pk])
        )
    if request.htmx:
        return render(
            request,
            "plans/_saved.html",
            {"conflict": conflict, "plan": plan, "errors": form.errors},
        )
    return render(
        request,
        "plans/section.html",
        _section_context(request, plan, key, language, form),
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def objectives(request, slug, pk):
    plan = access.plan_for(request.user, slug, pk)
    language = reading_language(request, plan)
    current = list(plan.objectives.all())
    can_edit = access.can_edit_plan(request.user, plan)
    if request.method == "POST":
        if not can_edit:
            raise Http404("Not an editor.")
        language = writing_language(request, plan)
        if language is None:
            raise Http404("No such language.")
        # only the objectives the form showed: one added meanwhile by someone else stays
        texts = [
            (o.pk, request.POST[f"objective-{o.pk}"])
            for o in current
            if f"objective-{o.pk}" in request.POST
        ]
        texts += [(None, text) for text in request.POST.getlist("new")]
        try:
            services.objectives_save(plan=plan, texts=texts, language=language, actor=request.user)
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, _("The objectives are saved."))
        return redirect(f"{request.path}?lang={language}")
    from pearls.core.languages import pick

    return render(
        request,
        "plans/objectives.html",
        {
            "municipality": plan.municipality,
            "plan": plan,
            "language": language,
            "language_name": language_name(language),
            "languages": [(code, language_name(code)) for code in plan.languages],
            "objectives": [
                (o, o.text.get(language, ""), pick(o.text, language, plan.official_language))
                for o in current
            ],
            "can_edit": can_edit,
            "new_rows": range(3),
        },
    )


@login_required
@require_POST
def plan_languages(request, slug, pk):
    plan = access.plan_for(request.user, slug, pk, check=access.can_edit_plan)
    form = LanguagesForm(request.POST)
    if form.is_valid():
        try:
            services.plan_languages_set(
                plan=plan,
                languages=form.cleaned_data["languages"],
                official_language=form.cleaned_data["official_language"],
                actor=request.user,
            )
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, _("The plan's languages are saved."))
    else:
        messages.error(request, _("Choose languages from the list."))
    return redirect(plan.get_absolute_url())


def _state_change(request, slug, pk, check, service, done):
    plan = access.plan_for(request.user, slug, pk, check=check)
    try:
        service(plan=plan, actor=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, done)
    return redirect(plan.get_absolute_url())


@login_required
@require_POST
def plan_share(request, slug, pk):
    return _state_change(
        request,
        slug,
        pk,
        access.can_share_plan,
        services.plan_share,
        _("The plan is shared: your national mentor can now read it and comment."),
    )


@login_required
@require_POST
def plan_submit(request, slug, pk):
    return _state_change(
        request,
        slug,
        pk,
        access.can_submit_plan,
        services.plan_submit,
        _("The plan is submitted. This version is kept as it is."),
    )


@login_required
@require_POST
def plan_reopen(request, slug, pk):
    return _state_change(
        request,
        slug,
        pk,
        access.can_reopen_plan,
        services.plan_reopen,
        _("You can edit the plan again. The submitted version stays in the history."),
    )


@login_required
@require_POST
def plan_implementation(request, slug, pk):
    return _state_change(
        request,
        slug,
        pk,
        access.can_start_implementation,
        services.plan_implementation_start,
        _("The plan is now in implementation."),
    )


@login_required
@require_POST
def comment_add(request, slug, pk, key):
    plan = access.plan_for(request.user, slug, pk, check=access.can_comment_plan)
    if key not in SECTIONS:
        raise Http404("No such section.")
    parent = None
    if request.POST.get("parent"):
        if not request.POST["parent"].isdigit():
            raise Http404("No such comment.")
        parent = get_object_or_404(Comment, plan=plan, pk=request.POST["parent"])
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(
                plan=plan,
                section=key,
                body=form.cleaned_data["body"],
                actor=request.user,
                parent=parent,
            )
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, _("Your comment is posted."))
    else:
        messages.error(request, _("Write a comment first."))
    url = reverse("plans:section", args=[slug, plan.pk, key])
    return redirect(f"{url}#comments")


def _comment_state(request, slug, pk, comment_pk, service, done):
    plan = access.plan_for(request.user, slug, pk, check=access.can_comment_plan)
    comment = get_object_or_404(Comment, plan=plan, pk=comment_pk)
    service(comment=comment, actor=request.user)
    messages.success(request, done)
    url = reverse("plans:section", args=[slug, plan.pk, comment.section])
    return redirect(f"{url}#comments")


@login_required
@require_POST
def comment_resolve(request, slug, pk, comment_pk):
    return _comment_state(
        request, slug, pk, comment_pk, services.comment_resolve, _("The thread is resolved.")
    )


@login_required
@require_POST
def comment_reopen(request, slug, pk, comment_pk):
    return _comment_state(
        request, slug, pk, comment_pk, services.comment_reopen, _("The thread is open again.")
    )
