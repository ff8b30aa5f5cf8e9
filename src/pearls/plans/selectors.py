"""Reads of the plan builder: plans with their sections, actions, comments, conflicts and
history, and the practices suggested for them."""

from django.db.models import Count, Q

from .models import Comment, Plan, PlanVersion


def plans_of(municipality):
    return (
        Plan.objects.filter(municipality=municipality)
        .select_related("edition", "municipality")
        .annotate(
            open_comments=Count(
                "comments",
                filter=Q(comments__parent__isnull=True, comments__resolved_at__isnull=True),
                distinct=True,
            )
        )
    )


def sections_of(plan):
    """{(key, language): Section}."""
    return {(s.key, s.language): s for s in plan.sections.all()}


def actions_of(plan):
    return plan.actions.prefetch_related(
        "objectives", "partners", "practices", "budget_lines", "indicators"
    ).order_by("position", "pk")


def threads_of(plan, section=None):
    """Comment threads (first comments with their replies), open ones first."""
    threads = (
        Comment.objects.filter(plan=plan, parent__isnull=True)
        .select_related("author", "resolved_by")
        .prefetch_related("replies__author")
        .order_by("resolved_at", "created_at")
    )
    if section:
        threads = threads.filter(section=section)
    return threads


def open_comments_by_section(plan):
    """{section key: number of open threads}."""
    return dict(
        Comment.objects.filter(plan=plan, parent__isnull=True, resolved_at__isnull=True)
        .values_list("section")
        .annotate(count=Count("pk"))
    )


def conflicts_open(plan):
    return plan.conflicts.filter(resolved_at__isnull=True).select_related("author")


def versions_of(plan):
    return PlanVersion.objects.filter(plan=plan).select_related("author").defer("snapshot")


def version_previous(version):
    return (
        PlanVersion.objects.filter(plan_id=version.plan_id, number__lt=version.number)
        .order_by("-number")
        .first()
    )


def practices_suggested(plan, *, limit=6, weakest=None):
    """Published practices for the town's challenges and the self-assessment's weakest
    dimensions, with the plan's context as text; practices already drawn on are left out."""
    from pearls.search.recommend import practices_recommended

    from .prefill import weakest_dimensions

    context = plan.sections.filter(key="context", language=plan.official_language).first()
    used = plan.actions.values_list("practices", flat=True)
    municipality = plan.municipality
    return practices_recommended(
        challenges=municipality.challenges or [],
        dimensions=weakest if weakest is not None else weakest_dimensions(municipality),
        size=municipality.population,
        country=municipality.country,
        languages=list(plan.languages),
        text=(context.body[:1000] if context else ""),
        limit=limit,
        exclude=[pk for pk in used if pk],
    )
