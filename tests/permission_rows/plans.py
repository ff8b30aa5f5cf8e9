"""Permission rows of the plan builder; see tests/permission_rows/__init__.py.

Town-a has three plans: one shared with the mentor (2027), a draft (2026) and a submitted one
(2028). Its team and the secretariat read them all; the national mentors of Poland only once
shared. Team members and the secretariat write until submission; the coordinator and the
secretariat share and submit; the secretariat moves a submitted plan into implementation.
"""

from tests.permission_rows.outcomes import TEAM_VIEW, outcomes

READERS = TEAM_VIEW  # shared plan: members, coordinator, the PL mentor, the secretariat
EDITORS = outcomes(404, anonymous="login", member=200, coordinator=200, secretariat=200)
EDIT_WRITE = outcomes(
    404, anonymous="login", member="moved", coordinator="moved", secretariat="moved"
)
COMMENTERS = outcomes(
    404,
    anonymous="login",
    member="moved",
    coordinator="moved",
    mentor="moved",
    secretariat="moved",
)
MANAGERS = outcomes(404, anonymous="login", coordinator="moved", secretariat="moved")
NOBODY = outcomes(404, anonymous="login")

PLAN = {"slug": "town-a", "pk": "plan"}


def _row(method, name, outcome, data=None, **kwargs):
    return (method, f"plans:{name}", {**PLAN, **kwargs}, data, outcome)


ROWS = {
    "plans": ("get", "plans:plans", {"slug": "town-a"}, None, TEAM_VIEW),
    "plans:other-town": (
        "get",
        "plans:plans",
        {"slug": "town-b"},
        None,
        outcomes(404, anonymous="login", member_other=200, mentor_other=200, secretariat=200),
    ),
    "plan-create": (
        "post",
        "plans:plan-create",
        {"slug": "town-a"},
        "plan_create_form",
        # the edition has a plan already: refused with a message, for those who may start one
        outcomes(404, anonymous="login", coordinator=400, secretariat=400),
    ),
    "plan": _row("get", "plan", READERS),
    "plan:draft": (
        "get",
        "plans:plan",
        {"slug": "town-a", "pk": "draft_plan"},
        None,
        outcomes(404, anonymous="login", member=200, coordinator=200, secretariat=200),
    ),
    "plan:wrong-town": (
        "get",
        "plans:plan",
        {"slug": "town-b", "pk": "plan"},
        None,
        NOBODY,
    ),
    "plan-languages": _row(
        "post", "plan-languages", EDIT_WRITE, {"official_language": "en", "languages": ["pl"]}
    ),
    "plan-share": (
        "post",
        "plans:plan-share",
        {"slug": "town-a", "pk": "draft_plan"},
        None,
        MANAGERS,
    ),
    "plan-share:already-shared": _row("post", "plan-share", NOBODY),
    # readiness is not met: refused with a message (a redirect) for those who may submit
    "plan-submit": _row("post", "plan-submit", MANAGERS),
    "plan-reopen": (
        "post",
        "plans:plan-reopen",
        {"slug": "town-a", "pk": "submitted_plan"},
        None,
        MANAGERS,
    ),
    "plan-implementation": (
        "post",
        "plans:plan-implementation",
        {"slug": "town-a", "pk": "submitted_plan"},
        None,
        outcomes(404, anonymous="login", secretariat="moved"),
    ),
    "objectives": _row("get", "objectives", READERS),
    "section": _row("get", "section", READERS, key="vision"),
    "section:unknown": _row("get", "section", NOBODY, key="nonsense"),
    "section:save": _row(
        "post", "section", EDIT_WRITE, {"body": "A new vision.", "revision": 0}, key="vision"
    ),
    "section:locked": (
        "post",
        "plans:section",
        {"slug": "town-a", "pk": "submitted_plan", "key": "vision"},
        {"body": "Too late.", "revision": 0},
        NOBODY,
    ),
    "comment-add": _row("post", "comment-add", COMMENTERS, {"body": "Looks good."}, key="vision"),
    "comment-resolve": _row("post", "comment-resolve", COMMENTERS, comment_pk="comment"),
    "comment-reopen": _row("post", "comment-reopen", COMMENTERS, comment_pk="comment"),
    "action-new": _row("get", "action-new", EDITORS),
    "action": _row("get", "action", READERS, action_pk="action"),
    "action-delete": _row("get", "action-delete", EDITORS, action_pk="action"),
    "practice-attach": _row(
        "post", "practice-attach", EDIT_WRITE, {"practice": "published"}, action_pk="action"
    ),
    "conflict": _row("get", "conflict", EDITORS, conflict_pk="conflict"),
    "history": _row("get", "history", READERS),
    "version": _row("get", "version", READERS, number="version"),
    "version-restore": _row("post", "version-restore", EDIT_WRITE, number="version"),
    "export-pdf": _row("get", "export-pdf", READERS),
    "export-docx": _row("get", "export-docx", READERS),
    "export-json": _row("get", "export-json", READERS),
}


def world_extend(base):
    from pearls.plans import services
    from pearls.plans.models import Plan
    from tests.people import make_edition
    from tests.plans.helpers import action_item

    town, coordinator, member = base["town_a"], base["coordinator"], base["member"]
    plan = services.plan_create(
        municipality=town,
        edition=base["edition"],
        title="Shared",
        languages=["pl"],
        actor=coordinator,
    )
    action = services.action_save(plan=plan, item=action_item(), base_revision=0, actor=member)
    services.section_save(
        plan=plan, key="vision", language="en", body="Vision.", base_revision=0, actor=member
    )
    try:
        services.section_save(
            plan=plan,
            key="vision",
            language="en",
            body="Other vision.",
            base_revision=0,
            actor=coordinator,
        )
    except services.PlanConflict as error:
        conflict = error.conflict
    comment = services.comment_add(plan=plan, section="vision", body="Why?", actor=coordinator)
    services.plan_share(plan=plan, actor=coordinator)
    from pearls.competition.models import Edition

    draft = services.plan_create(
        municipality=town,
        edition=Edition.objects.get(title_year=2026),
        title="Draft",
        languages=[],
        actor=coordinator,
    )
    submitted = services.plan_create(
        municipality=town,
        edition=make_edition(2028),
        title="Submitted",
        languages=[],
        actor=coordinator,
    )
    Plan.objects.filter(pk=submitted.pk).update(state=Plan.State.SUBMITTED)
    return {
        "plan": plan.pk,
        "draft_plan": draft.pk,
        "submitted_plan": submitted.pk,
        "action": action.pk,
        "comment": comment.pk,
        "conflict": conflict.pk,
        "version": plan.versions.order_by("number").first().number,
        "plan_create_form": {"edition": base["edition"].pk, "title": "Another"},
    }
