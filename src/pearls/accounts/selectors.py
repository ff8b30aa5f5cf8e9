"""Reads about people, municipalities and teams."""

from django.db.models import Q
from django.utils import timezone

from pearls.core.models import AuditEntry, Notification

from .models import Invitation, Membership, Municipality, RoleAssignment


def municipalities_public():
    return Municipality.objects.order_by("country", "official_name")


def team_members(municipality):
    return (
        Membership.objects.filter(municipality=municipality)
        .select_related("user")
        .order_by("-role", "user__name")  # coordinators ("coordinator" > "member") first
    )


def invitations_pending(municipality=None):
    pending = Invitation.objects.filter(
        accepted_at=None, revoked_at=None, expires_at__gt=timezone.now()
    ).select_related("municipality", "invited_by")
    if municipality is not None:
        pending = pending.filter(municipality=municipality)
    return pending


def people_with_roles():
    """Everyone holding a programme role, with their roles (for the secretariat)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(Q(role_assignments__isnull=False) | Q(is_superuser=True))
        .distinct()
        .prefetch_related("role_assignments__edition")
        .order_by("name")
    )


def personal_data(user):
    """Everything stored about ``user`` as a person, as JSON-ready data (the privacy export)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    return {
        "account": {
            "public_id": str(user.public_id),
            "email": user.email,
            "name": user.name,
            "language": user.language,
            "joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        "two_factor_methods": [
            {"type": a.type, "created": a.created_at.isoformat()}
            for a in Authenticator.objects.filter(user=user)
        ],
        "memberships": [
            {"municipality": m.municipality.slug, "role": m.role, "joined": m.joined_at.isoformat()}
            for m in Membership.objects.filter(user=user).select_related("municipality")
        ],
        "roles": [
            {"role": r.role, "country": r.country, "edition": r.edition_id}
            for r in RoleAssignment.objects.filter(user=user)
        ],
        "invitations_received": [
            {"municipality": i.municipality.slug, "sent": i.created_at.isoformat()}
            for i in Invitation.objects.filter(email__iexact=user.email).select_related(
                "municipality"
            )
        ],
        "notifications": [
            {"text": n.text, "url": n.url, "at": n.created_at.isoformat(), "read": bool(n.read_at)}
            for n in Notification.objects.filter(user=user)
        ],
        "audit_entries_about_your_actions": AuditEntry.objects.filter(
            actor=str(user.public_id)
        ).count(),
    }


def audit_entries(*, action="", object_type="", actor="", since=None, until=None):
    entries = AuditEntry.objects.all()
    if action:
        entries = entries.filter(action=action)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if actor:
        entries = entries.filter(actor=actor)
    if since:
        entries = entries.filter(at__date__gte=since)
    if until:
        entries = entries.filter(at__date__lte=until)
    return entries
