"""Who may do what with action plans. Every plan view asks these predicates.

A plan belongs to its municipality's team: members write it, the coordinator shares and
submits it. The national mentors of its country read and comment once the team has shared it.
The secretariat reads everything and moves a submitted plan into implementation. Forbidden
plans answer 404, like missing ones.
"""

from django.http import Http404

from pearls.accounts import access as accounts_access
from pearls.accounts.access import Role

from .models import Plan


def is_team(user, municipality):
    return accounts_access.membership(user, municipality) is not None


def is_mentor(user, plan):
    return accounts_access.has_role(user, Role.MENTOR, country=plan.municipality.country)


def can_view_plans(user, municipality):
    """The list of a municipality's plans: its team, its country's mentors, the secretariat."""
    return accounts_access.can_view_team(user, municipality)


def can_create_plan(user, municipality):
    """Start a plan for an edition: the coordinator and the secretariat."""
    return accounts_access.can_manage_team(user, municipality)


def can_view_plan(user, plan):
    """The team and the secretariat always; the country's mentors once it is shared."""
    return (
        is_team(user, plan.municipality)
        or accounts_access.is_secretariat(user)
        or (plan.state != Plan.State.DRAFT and is_mentor(user, plan))
    )


def can_edit_plan(user, plan):
    """Write sections, objectives and actions: team members and the secretariat, until the
    plan is submitted."""
    return not plan.is_locked and (
        is_team(user, plan.municipality) or accounts_access.is_secretariat(user)
    )


def can_comment_plan(user, plan):
    """Comment, reply, resolve and reopen: whoever may read the plan."""
    return can_view_plan(user, plan)


def can_share_plan(user, plan):
    """Share the draft with the mentor: the coordinator and the secretariat."""
    return plan.state == Plan.State.DRAFT and accounts_access.can_manage_team(
        user, plan.municipality
    )


def can_submit_plan(user, plan):
    """Submit (locks the plan): the coordinator and the secretariat."""
    return not plan.is_locked and accounts_access.can_manage_team(user, plan.municipality)


def can_reopen_plan(user, plan):
    """Edit a submitted plan again (the submitted version stays as it was): the coordinator
    and the secretariat."""
    return plan.state == Plan.State.SUBMITTED and accounts_access.can_manage_team(
        user, plan.municipality
    )


def can_start_implementation(user, plan):
    """Move a submitted plan into implementation (after the title): the secretariat."""
    return plan.state == Plan.State.SUBMITTED and accounts_access.is_secretariat(user)


def municipality_for_plans(user, slug, *, create=False):
    municipality = accounts_access.municipality_for_team(user, slug)
    if create and not can_create_plan(user, municipality):
        raise Http404("No such municipality.")
    return municipality


def plan_for(user, slug, pk, *, check=can_view_plan):
    """The plan ``pk`` of municipality ``slug`` if ``check(user, plan)`` holds; 404 else."""
    plan = (
        Plan.objects.select_related("municipality", "edition")
        .filter(municipality__slug=slug, pk=pk)
        .first()
    )
    if plan is None or not can_view_plan(user, plan) or not check(user, plan):
        raise Http404("No such plan.")
    return plan
