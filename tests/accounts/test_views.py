"""Sign-up, sign-in, two-factor, teams, privacy and the secretariat through the test client."""

import io
import json
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pearls.accounts.models import Invitation, Membership, RoleAssignment
from pearls.core.models import Notification
from tests.people import PASSWORD, give_role, join, make_municipality, make_user, totp_code

pytestmark = pytest.mark.django_db


def test_sign_up_sends_the_verification_in_the_chosen_language_and_verifying_signs_in(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/accounts/signup/",
            {
                "name": "Ola Nowak",
                "email": "ola@example.org",
                "language": "pl",
                "password1": "Kwiaty-na-rynku-2026",
                "password2": "Kwiaty-na-rynku-2026",
            },
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["ola@example.org"]
    assert "adres" in message.body.lower()  # Polish, the language she chose
    link = re.search(r"/confirm-email/[^/\s]+/", message.body).group(0)
    response = client.post(f"/en/accounts{link}")
    assert response.status_code == 302
    assert client.get("/en/me/").status_code == 200  # signed in by verifying


def test_failed_sign_ins_are_throttled(client):
    make_user("kasia@example.org")
    for _attempt in range(5):
        client.post("/en/accounts/login/", {"login": "kasia@example.org", "password": "wrong"})
    response = client.post(
        "/en/accounts/login/", {"login": "kasia@example.org", "password": PASSWORD}
    )
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get("/en/me/").status_code == 302  # still signed out


def test_secretariat_acts_only_after_the_second_factor(client):
    person = make_user("sec@example.org", mfa=True)
    give_role(person, RoleAssignment.Role.SECRETARIAT)
    response = client.post(
        "/en/accounts/login/", {"login": "sec@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302 and "/2fa/authenticate/" in response["Location"]
    assert client.get("/en/secretariat/").status_code == 302  # not signed in yet
    response = client.post("/en/accounts/2fa/authenticate/", {"code": totp_code()})
    assert response.status_code == 302
    assert client.get("/en/secretariat/").status_code == 200


def test_a_role_that_needs_two_factor_sends_its_holder_to_set_it_up(client):
    person = make_user()
    give_role(person, RoleAssignment.Role.SECRETARIAT)
    client.force_login(person)
    response = client.get("/en/secretariat/")
    assert response.status_code == 302 and "/2fa/totp/activate/" in response["Location"]
    assert "Two-factor authentication is required" in client.get("/en/me/").content.decode()


def test_invite_with_a_bad_address_changes_nothing(client):
    town = make_municipality()
    kasia = make_user()
    join(kasia, town, Membership.Role.COORDINATOR)
    client.force_login(kasia)
    response = client.post(
        "/en/municipalities/gniew/team/invite/", {"email": "not an address", "role": "member"}
    )
    assert response.status_code == 400
    assert "Enter a valid email address" in response.content.decode()
    assert not Invitation.objects.exists() and mail.outbox == []


def test_accepting_an_invitation_joins_and_notifies_the_inviter(
    client, django_capture_on_commit_callbacks
):
    town = make_municipality()
    kasia = make_user(name="Kasia")
    join(kasia, town, Membership.Role.COORDINATOR)
    client.force_login(kasia)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/municipalities/gniew/team/invite/", {"email": "ola@example.org", "role": "member"}
        )
    path = re.search(r"/en/invitations/[^/\s]+/", mail.outbox[0].body).group(0)
    ola = make_user("ola@example.org", name="Ola")
    client.force_login(ola)
    assert "Accept the invitation" in client.get(path).content.decode()
    response = client.post(path)
    assert response.status_code == 302
    assert Membership.objects.filter(user=ola, municipality=town).exists()
    assert client.post(path).status_code == 302  # a second click by her changes nothing
    other = make_user()
    client.force_login(other)
    response = client.post(path)
    assert response.status_code == 400 and "already been used" in response.content.decode()
    assert Notification.objects.filter(user=kasia, text__contains="Ola").exists()
    client.force_login(kasia)
    assert 'class="badge">1' in client.get("/en/me/notifications/").content.decode()


def test_personal_data_download_and_account_deletion(client):
    town = make_municipality()
    ola = make_user("ola@example.org", name="Ola Nowak")
    join(ola, town)
    client.force_login(ola)
    data = json.loads(client.get("/en/me/data.json").content)
    assert data["account"]["email"] == "ola@example.org"
    assert data["memberships"][0]["municipality"] == "gniew"
    assert client.post("/en/me/delete/", {}).status_code == 200  # must confirm
    response = client.post("/en/me/delete/", {"confirm": "on"})
    assert response.status_code == 302
    assert not Membership.objects.filter(municipality=town).exists()
    assert client.get("/en/me/").status_code == 302  # signed out


def _png(size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "PNG")
    return buffer.getvalue()


def test_coordinator_edits_the_profile_and_uploads_are_checked(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    town = make_municipality(languages=["pl"])
    kasia = make_user()
    join(kasia, town, Membership.Role.COORDINATOR)
    client.force_login(kasia)
    fake = SimpleUploadedFile("logo.png", b"not really a picture", content_type="image/png")
    response = client.post(
        "/en/municipalities/gniew/edit/",
        {"official_name": "Gniew", "description_en": "A town.", "logo": fake},
    )
    assert response.status_code == 400
    town.refresh_from_db()
    assert town.description == {} and not town.logo
    logo = SimpleUploadedFile("logo.png", _png(), content_type="image/png")
    response = client.post(
        "/en/municipalities/gniew/edit/",
        {
            "official_name": "Gniew",
            "description_en": "A town on the Vistula.",
            "description_local": "Miasto nad Wisłą.",
            "challenges": ["ageing"],
            "logo": logo,
        },
    )
    assert response.status_code == 302
    town.refresh_from_db()
    assert town.description == {"en": "A town on the Vistula.", "pl": "Miasto nad Wisłą."}
    assert town.challenges == ["ageing"] and town.logo
    html = client.get("/pl/municipalities/gniew/").content.decode()
    assert "Miasto nad Wisłą." in html


def test_the_secretariat_grants_and_revokes_roles(client):
    secretariat = make_user(mfa=True)
    give_role(secretariat, RoleAssignment.Role.SECRETARIAT)
    person = make_user("marta@example.org")
    client.force_login(secretariat)
    response = client.post(
        "/en/secretariat/roles/", {"email": "marta@example.org", "role": "mentor"}
    )
    assert response.status_code == 400 and "needs a country" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=person).exists()
    response = client.post(
        "/en/secretariat/roles/", {"email": "marta@example.org", "role": "mentor", "country": "PL"}
    )
    assert response.status_code == 302
    (assignment,) = RoleAssignment.objects.filter(user=person)
    assert (assignment.role, assignment.country) == ("mentor", "PL")
    client.post("/en/secretariat/roles/", {"revoke": assignment.pk})
    assert not RoleAssignment.objects.filter(user=person).exists()


def test_changing_the_e_mail_address_verifies_the_new_one_in_the_persons_language(
    client, django_capture_on_commit_callbacks
):
    person = make_user("ola@example.org", language="de")
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/accounts/email/", {"action_add": "", "email": "ola.nowak@example.org"}
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["ola.nowak@example.org"]
    assert "E-Mail" in message.subject  # German, her preferred language


def test_revoking_a_role_by_a_bad_value_is_a_404_not_an_error(client):
    secretariat = make_user(mfa=True)
    give_role(secretariat, RoleAssignment.Role.SECRETARIAT)
    client.force_login(secretariat)
    assert client.post("/en/secretariat/roles/", {"revoke": "x' OR 1"}).status_code == 404
