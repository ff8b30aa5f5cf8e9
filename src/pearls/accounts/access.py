"""Who may do what with people, municipalities, teams and roles.

Every view of this app asks these predicates; templates use them to show or hide buttons.
Roles that need two-factor authentication (secretariat, committee, jury) count only once the
person has it: until then they act like a plain signed-in person.
"""

from allauth.mfa.utils import is_mfa_enabled
from django.http import Http404

from .models import Membership, Municipality, RoleAssignment

Role = RoleAssignment.Role


def _active(user):
    return bool(user and user.is_authenticated and user.is_active)


def _assignments(user):
    """The person's role rows, read once per request object."""
    cached = getattr(user, "_pearls_roles", None)
    if cached is None:
        cached = list(RoleAssignment.objects.filter(user=user))
        user._pearls_roles = cached
    return cached


def has_mfa(user):
    """Whether the person uses two-factor authentication (asked once per request object)."""
    if not _active(user):
        return False
    cached = getattr(user, "_pearls_mfa", None)
    if cached is None:
        cached = user._pearls_mfa = is_mfa_enabled(user)
    return cached


def needs_mfa(user):
    """True when the person holds a role that must use two-factor authentication but has none."""
    if not _active(user):
        return False
    roles = {assignment.role for assignment in _assignments(user)}
    holds = user.is_superuser or bool(roles & RoleAssignment.MFA_REQUIRED)
    return holds and not has_mfa(user)


def has_role(user, role, *, country=None, edition=None):
    """Whether ``user`` holds ``role`` (for ``country`` / ``edition`` when given), in force."""
    if not _active(user):
        return False
    if role in RoleAssignment.MFA_REQUIRED and not has_mfa(user):
        return False
    for assignment in _assignments(user):
        if assignment.role != role:
            continue
        if country is not None and assignment.country != country:
            continue
        if edition is not None and assignment.edition_id != getattr(edition, "pk", edition):
            continue
        return True
    return False


def is_secretariat(user):
    """The programme secretariat (superusers count, with two-factor authentication too)."""
    if _active(user) and user.is_superuser:
        return has_mfa(user)
    return has_role(user, Role.SECRETARIAT)


def membership(user, municipality):
    if not _active(user):
        return None
    return Membership.objects.filter(user=user, municipality=municipality).first()


def is_coordinator(user, municipality):
    found = membership(user, municipality)
    return bool(found and found.role == Membership.Role.COORDINATOR)


def can_view_team(user, municipality):
    """Team pages: its members, the secretariat and the national mentors of its country."""
    return (
        membership(user, municipality) is not None
        or is_secretariat(user)
        or has_role(user, Role.MENTOR, country=municipality.country)
    )


def can_manage_team(user, municipality):
    """Invite, remove and hand over: the municipality's coordinator and the secretariat."""
    return is_coordinator(user, municipality) or is_secretariat(user)


def can_edit_municipality(user, municipality):
    """The public profile: the municipality's coordinator and the secretariat."""
    return can_manage_team(user, municipality)


def can_view_dashboard(user):
    return is_secretariat(user)


def can_view_audit(user):
    return is_secretariat(user)


def can_manage_roles(user):
    return is_secretariat(user)


def can_review_practices(user):
    """Practice reviewers and the secretariat work the review queue."""
    return has_role(user, Role.REVIEWER) or is_secretariat(user)


def municipality_for_team(user, slug, *, manage=False):
    """The municipality ``slug`` if ``user`` may see (or, with ``manage``, run) its team.

    Raises 404 for missing and forbidden alike.
    """
    municipality = Municipality.objects.filter(slug=slug).first()
    allowed = can_manage_team if manage else can_view_team
    if municipality is None or not allowed(user, municipality):
        raise Http404("No such team.")
    return municipality
