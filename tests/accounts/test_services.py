"""Teams, invitations, roles and erasure: the services behind the pages."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from pearls.accounts import services
from pearls.accounts.models import Invitation, Membership, RoleAssignment
from pearls.core.models import AppendOnlyError, AuditEntry, Notification
from tests.people import join, make_edition, make_municipality, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    town = make_municipality("gniew", "PL", official_name="Gniew")
    coordinator = make_user("kasia@example.org", name="Kasia", language="pl")
    join(coordinator, town, Membership.Role.COORDINATOR)
    return town, coordinator


def test_invitation_mail_leaves_after_commit_in_the_invitees_language(
    team, django_capture_on_commit_callbacks
):
    town, coordinator = team
    make_user("ola@example.org", name="Ola", language="de")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.invitation_create(
            municipality=town, email="Ola@Example.org", role="member", actor=coordinator
        )
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    (message,) = mail.outbox
    assert message.to == ["ola@example.org"]
    assert "Einladung" in message.subject  # German: the invitee's language, not the sender's
    assert "/de/invitations/" in message.body


def test_invitation_for_a_new_address_uses_the_senders_language(
    team, django_capture_on_commit_callbacks
):
    town, coordinator = team
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(
            municipality=town,
            email="new@example.org",
            role="member",
            actor=coordinator,
            language="pl",
        )
    assert "Zaproszenie" in mail.outbox[0].subject


def test_invitation_is_single_use_and_expires(team, django_capture_on_commit_callbacks):
    town, coordinator = team
    invitation, token = services.invitation_create(
        municipality=town, email="ola@example.org", role="member", actor=coordinator
    )
    assert services.invitation_for_token(token) == invitation
    assert services.invitation_for_token("forged") is None
    assert token not in Invitation.objects.values_list("token_hash", flat=True)
    ola, other = make_user("ola@example.org"), make_user()
    services.invitation_accept(invitation=invitation, user=ola)
    services.invitation_accept(invitation=invitation, user=ola)  # same person again: no change
    assert Membership.objects.filter(user=ola, municipality=town).count() == 1
    with pytest.raises(ValidationError, match="already been used"):
        services.invitation_accept(invitation=invitation, user=other)
    late, _token = services.invitation_create(
        municipality=town, email="late@example.org", role="member", actor=coordinator
    )
    Invitation.objects.filter(pk=late.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    late.refresh_from_db()
    with pytest.raises(ValidationError, match="expired"):
        services.invitation_accept(invitation=late, user=other)
    assert not Membership.objects.filter(user=other).exists()


def test_no_second_invitation_while_one_is_pending_or_for_a_member(team):
    town, coordinator = team
    services.invitation_create(
        municipality=town, email="ola@example.org", role="member", actor=coordinator
    )
    with pytest.raises(ValidationError):
        services.invitation_create(
            municipality=town, email="OLA@example.org", role="member", actor=coordinator
        )
    with pytest.raises(ValidationError):
        services.invitation_create(
            municipality=town, email="kasia@example.org", role="member", actor=coordinator
        )


def test_handover_keeps_one_coordinator_and_notifies_the_new_one(team):
    town, coordinator = team
    member = join(make_user(name="Ola", language="pl"), town)
    services.coordinator_handover(municipality=town, to_membership=member, actor=coordinator)
    roles = dict(Membership.objects.filter(municipality=town).values_list("user__name", "role"))
    assert roles == {"Kasia": "member", "Ola": "coordinator"}
    (note,) = Notification.objects.filter(user=member.user)
    assert "koordynatora" in note.text  # written in the recipient's language (Polish)


def test_the_last_coordinator_cannot_leave(team):
    town, coordinator = team
    membership = Membership.objects.get(user=coordinator)
    with pytest.raises(ValidationError, match="coordinator"):
        services.membership_remove(membership=membership, actor=coordinator)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_roles_need_their_scope_and_are_granted_once():
    person, edition = make_user(), make_edition()
    with pytest.raises(ValidationError):
        services.role_grant(user=person, role="mentor", actor=None)
    with pytest.raises(ValidationError):
        services.role_grant(user=person, role="jury", actor=None)
    services.role_grant(user=person, role="jury", edition=edition, actor=None)
    services.role_grant(user=person, role="jury", edition=edition, actor=None)
    assert RoleAssignment.objects.filter(user=person).count() == 1


def test_audit_entries_name_people_by_opaque_id_and_cannot_change(team):
    town, coordinator = team
    services.invitation_create(
        municipality=town, email="ola@example.org", role="member", actor=coordinator
    )
    entry = AuditEntry.objects.get(action="team.invite")
    assert entry.actor == str(coordinator.public_id)
    stored = str(entry.details) + entry.object_id + entry.actor
    assert "ola@example.org" not in stored and "Kasia" not in stored
    entry.action = "forged"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(action="forged")


def test_deleting_an_account_erases_the_person_and_keeps_the_audit(team):
    town, coordinator = team
    ola = make_user("ola@example.org", name="Ola")
    join(ola, town)
    services.profile_update(user=ola, name="Ola Nowak", language="pl")
    public_id = str(ola.public_id)
    entries_before = AuditEntry.objects.filter(actor=public_id).count()
    services.account_delete(user=ola)
    assert not Membership.objects.filter(municipality=town, user__email="ola@example.org").exists()
    assert AuditEntry.objects.filter(actor=public_id).count() == entries_before + 1
    dump = str(list(AuditEntry.objects.values()))
    assert "ola@example.org" not in dump and "Ola" not in dump
    update = AuditEntry.objects.get(action="account.profile_update")
    assert update.changed_fields == ["language", "name"]


def test_a_joint_applicant_has_its_lead_among_the_members_and_the_leads_country(team):
    town, coordinator = team
    partner = make_municipality("rujiena", "LV", official_name="Rūjiena")
    partner_coordinator = make_user(language="lv")
    join(partner_coordinator, partner, Membership.Role.COORDINATOR)
    with pytest.raises(ValidationError):
        services.partnership_create(name="Alone", lead=town, partners=[town], actor=coordinator)
    partnership = services.partnership_create(
        name="Baltic choirs", lead=town, partners=[partner], actor=coordinator
    )
    assert set(partnership.members.all()) == {town, partner}
    assert partnership.country == "PL"
    assert Notification.objects.filter(user=partner_coordinator).count() == 1


def test_accepting_a_coordinator_invitation_hands_over_the_role(team):
    town, coordinator = team
    invitation, _token = services.invitation_create(
        municipality=town, email="ola@example.org", role="coordinator", actor=coordinator
    )
    ola = make_user("ola@example.org")
    services.invitation_accept(invitation=invitation, user=ola)
    roles = dict(Membership.objects.filter(municipality=town).values_list("user__email", "role"))
    assert roles == {"kasia@example.org": "member", "ola@example.org": "coordinator"}
