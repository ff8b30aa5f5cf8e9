"""Writes about people, municipalities, teams and roles. Each runs in one transaction, writes
its audit entry and queues its e-mails for after the commit."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pearls.core.audit import audit_record
from pearls.core.mail import mail_send
from pearls.core.notifications import notification_send

from .models import (
    Invitation,
    Membership,
    Municipality,
    Partnership,
    RoleAssignment,
    token_digest,
)


def profile_update(*, user, name, language):
    """Change a person's name and preferred language. Audits the changed field names only."""
    changed = [
        field
        for field, value in (("name", name), ("language", language))
        if getattr(user, field) != value
    ]
    if not changed:
        return user
    with transaction.atomic():
        user.name, user.language = name, language
        user.save(update_fields=changed)
        audit_record(action="account.profile_update", actor=user, obj=user, changed=changed)
    return user


def invitation_create(*, municipality, email, role, actor, language=None):
    """Invite ``email`` to ``municipality``'s team; e-mails a single-use link.

    Returns ``(invitation, token)``. Raises ``ValidationError`` if the address already belongs
    to a member or has a pending invitation. The link expires after PEARLS_INVITATION_DAYS.
    """
    email = email.strip().lower()
    if Membership.objects.filter(municipality=municipality, user__email__iexact=email).exists():
        raise ValidationError(_("This person is already in the team."), code="member")
    from .selectors import invitations_pending

    if invitations_pending(municipality).filter(email__iexact=email).exists():
        raise ValidationError(
            _("An invitation to this address is still waiting for an answer."), code="pending"
        )
    invitee = get_user_model().objects.filter(email__iexact=email).first()
    language = (invitee and invitee.language) or language or translation.get_language() or "en"
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            municipality=municipality,
            email=email,
            role=role,
            language=language,
            token_hash=token_digest(token),
            invited_by=actor,
            expires_at=timezone.now() + timedelta(days=settings.PEARLS_INVITATION_DAYS),
        )
        audit_record(
            action="team.invite",
            actor=actor,
            obj=invitation,
            details={"municipality": municipality.slug, "role": role},
        )
        with translation.override(language):
            path = reverse("accounts:invitation", kwargs={"token": token})
        mail_send(
            to=email,
            template="team_invitation",
            context={
                "municipality": municipality,
                "role": invitation.get_role_display,
                "inviter": actor.name if actor else "",
                "url": settings.PEARLS_SITE_URL.rstrip("/") + path,
                "expires_at": invitation.expires_at,
            },
            language=language,
        )
    return invitation, token


def invitation_for_token(token):
    """The invitation a link's token names, or None (unknown tokens and used ones alike)."""
    return (
        Invitation.objects.select_related("municipality")
        .filter(token_hash=token_digest(token))
        .first()
    )


def invitation_accept(*, invitation, user):
    """Add ``user`` to the team. Single use: raises ``ValidationError`` if the invitation was
    used, withdrawn or has expired. Accepting again as the same member changes nothing."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            if invitation.accepted_by_id == user.pk:
                return Membership.objects.get(user=user, municipality=invitation.municipality)
            raise ValidationError(_("This invitation has already been used."), code="used")
        if invitation.revoked_at is not None:
            raise ValidationError(_("This invitation was withdrawn."), code="revoked")
        if invitation.expires_at <= timezone.now():
            raise ValidationError(
                _("This invitation has expired. Ask the coordinator for a new one."),
                code="expired",
            )
        membership, created = Membership.objects.get_or_create(
            user=user, municipality=invitation.municipality, defaults={"role": invitation.role}
        )
        if invitation.role == Membership.Role.COORDINATOR:
            # One coordinator per team, as with a handover: the previous one becomes a member.
            Membership.objects.filter(
                municipality=invitation.municipality, role=Membership.Role.COORDINATOR
            ).exclude(pk=membership.pk).update(role=Membership.Role.MEMBER)
            if membership.role != Membership.Role.COORDINATOR:
                membership.role = Membership.Role.COORDINATOR
                membership.save(update_fields=["role"])
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        audit_record(
            action="team.join",
            actor=user,
            obj=membership,
            details={"municipality": invitation.municipality.slug, "role": membership.role},
        )
        if invitation.invited_by_id and invitation.invited_by.is_active:
            notification_send(
                user=invitation.invited_by,
                text=lambda: (
                    _("%(name)s joined the team of %(municipality)s.")
                    % {"name": user.name, "municipality": invitation.municipality.official_name}
                ),
                url=reverse("accounts:team", kwargs={"slug": invitation.municipality.slug}),
            )
    return membership


def invitation_revoke(*, invitation, actor):
    """Withdraw a pending invitation; its link stops working."""
    with transaction.atomic():
        if invitation.accepted_at is None and invitation.revoked_at is None:
            invitation.revoked_at = timezone.now()
            invitation.save(update_fields=["revoked_at"])
            audit_record(action="team.invitation_revoke", actor=actor, obj=invitation)
    return invitation


def membership_remove(*, membership, actor):
    """Remove a member. Raises ``ValidationError`` for the last coordinator (hand over first)."""
    with transaction.atomic():
        coordinators = Membership.objects.select_for_update().filter(
            municipality=membership.municipality, role=Membership.Role.COORDINATOR
        )
        if membership.role == Membership.Role.COORDINATOR and coordinators.count() <= 1:
            raise ValidationError(
                _("A team needs a coordinator: hand the role over before leaving."),
                code="last_coordinator",
            )
        audit_record(
            action="team.remove",
            actor=actor,
            obj=membership,
            details={"municipality": membership.municipality.slug},
        )
        membership.delete()


def coordinator_handover(*, municipality, to_membership, actor):
    """Make ``to_membership`` the coordinator; the acting coordinator becomes a member."""
    if to_membership.municipality_id != municipality.pk:
        raise ValidationError(_("That person is not in this team."), code="other_team")
    with transaction.atomic():
        previous = Membership.objects.select_for_update().filter(
            municipality=municipality, role=Membership.Role.COORDINATOR
        )
        # One coordinator per team: whoever held the role (the actor, or another person when
        # the secretariat hands over) becomes a member.
        previous.exclude(pk=to_membership.pk).update(role=Membership.Role.MEMBER)
        to_membership.role = Membership.Role.COORDINATOR
        to_membership.save(update_fields=["role"])
        audit_record(
            action="team.handover",
            actor=actor,
            obj=to_membership,
            changed=["role"],
            details={"municipality": municipality.slug},
        )
        notification_send(
            user=to_membership.user,
            text=lambda: (
                _("You are now the coordinator of %(municipality)s.")
                % {"municipality": municipality.official_name}
            ),
            url=reverse("accounts:team", kwargs={"slug": municipality.slug}),
        )
    return to_membership


def role_grant(*, user, role, actor, country="", edition=None):
    """Give ``user`` a programme role (idempotent). Raises ``ValidationError`` when a mentor
    role lacks its country or a committee or jury role its edition."""
    if role in RoleAssignment.PER_COUNTRY and not country:
        raise ValidationError(_("A national mentor needs a country."), code="country")
    if role in RoleAssignment.PER_EDITION and edition is None:
        raise ValidationError(_("This role needs an edition."), code="edition")
    with transaction.atomic():
        assignment, created = RoleAssignment.objects.get_or_create(
            user=user, role=role, country=country, edition=edition
        )
        if created:
            audit_record(
                action="role.grant",
                actor=actor,
                obj=assignment,
                details={"role": role, "country": country, "edition": edition and edition.pk},
            )
    return assignment


def role_revoke(*, assignment, actor):
    with transaction.atomic():
        audit_record(
            action="role.revoke", actor=actor, obj=assignment, details={"role": assignment.role}
        )
        assignment.delete()


MUNICIPALITY_FIELDS = (
    "official_name",
    "local_name",
    "country",
    "region",
    "nuts2",
    "nuts3",
    "population",
    "population_year",
    "latitude",
    "longitude",
    "website",
    "languages",
    "description",
    "challenges",
    "uncertain",
)


def municipality_save(*, municipality, actor, changed=None):
    """Validate and save a municipality profile; audits which fields changed."""
    municipality.full_clean()
    with transaction.atomic():
        created = municipality.pk is None
        municipality.save()
        audit_record(
            action="municipality.create" if created else "municipality.update",
            actor=actor,
            obj=municipality,
            changed=changed or (),
        )
    return municipality


def municipalities_import(*, records, actor=None):
    """Upsert municipality records (dicts with ``slug`` and MUNICIPALITY_FIELDS; ``lat`` and
    ``lon`` for the coordinates). Idempotent. Returns (created, updated, unchanged)."""
    created = updated = unchanged = 0
    with transaction.atomic():
        for record in records:
            values = {field: record[field] for field in MUNICIPALITY_FIELDS if field in record}
            if "lat" in record:
                values["latitude"], values["longitude"] = record["lat"], record["lon"]
            municipality = Municipality.objects.filter(slug=record["slug"]).first()
            if municipality is None:
                municipality_save(
                    municipality=Municipality(slug=record["slug"], **values), actor=actor
                )
                created += 1
                continue
            changed = [f for f, v in values.items() if getattr(municipality, f) != v]
            if not changed:
                unchanged += 1
                continue
            for field in changed:
                setattr(municipality, field, values[field])
            municipality_save(municipality=municipality, actor=actor, changed=changed)
            updated += 1
    return created, updated, unchanged


def account_delete(*, user):
    """Erase a person: the account, its e-mail addresses, sign-in factors, memberships, roles
    and notifications. Content they wrote stays with its municipality; audit entries keep only
    the opaque id (they never held personal values)."""
    with transaction.atomic():
        audit_record(action="account.delete", actor=user, obj=user)
        user.delete()


def partnership_create(*, name, lead, partners, actor):
    """A joint applicant led by ``lead`` with ``partners`` (other municipalities).

    Raises ``ValidationError`` without at least one partner. Audits; notifies the partners'
    coordinators. Returns the partnership.
    """
    partners = [municipality for municipality in partners if municipality.pk != lead.pk]
    if not partners:
        raise ValidationError(_("A joint application needs at least one partner."), code="alone")
    with transaction.atomic():
        partnership = Partnership.objects.create(name=name.strip(), lead=lead)
        partnership.members.set([lead, *partners])
        audit_record(
            action="partnership.create",
            actor=actor,
            obj=partnership,
            details={"lead": lead.slug, "members": sorted(m.slug for m in partners)},
        )
        coordinators = Membership.objects.filter(
            municipality__in=partners, role=Membership.Role.COORDINATOR
        ).select_related("user", "municipality")
        for membership in coordinators:
            notification_send(
                user=membership.user,
                text=lambda membership=membership: (
                    _(
                        "%(lead)s named %(municipality)s as a partner of the joint applicant "
                        "%(name)s."
                    )
                    % {
                        "lead": lead.official_name,
                        "municipality": membership.municipality.official_name,
                        "name": partnership.name,
                    }
                ),
                url=lead.get_absolute_url(),
            )
    return partnership
