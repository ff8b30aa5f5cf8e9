"""Every page of people, teams, the secretariat and the account flows, in Chromium with axe-core,
for the role that sees it."""

import pytest

from pearls.accounts.models import Membership, RoleAssignment
from tests.people import (
    PASSWORD,
    give_role,
    join,
    make_edition,
    make_municipality,
    make_user,
    totp_code,
)

PAGES_FOR_EVERYONE = [
    "/en/municipalities/",
    "/en/municipalities/gniew/",
    "/pl/municipalities/gniew/",
    "/en/privacy/",
    "/en/accounts/login/",
    "/en/accounts/signup/",
    "/pl/accounts/signup/",
    "/en/accounts/password/reset/",
]
PAGES_FOR_A_COORDINATOR = [
    "/en/me/",
    "/pl/me/",
    "/en/me/notifications/",
    "/en/me/delete/",
    "/en/municipalities/gniew/team/",
    "/en/municipalities/gniew/edit/",
    "/en/municipalities/gniew/joint-applicants/new/",
    "/en/practices/mine/",
    "/en/practices/propose/",
    "/en/accounts/email/",
    "/en/accounts/password/change/",
    "/en/accounts/2fa/",
]
PAGES_FOR_THE_SECRETARIAT = [
    "/en/secretariat/",
    "/en/secretariat/audit/",
    "/en/secretariat/roles/",
    "/en/practices/review/",
    "/pl/secretariat/",
]


@pytest.fixture
def people(transactional_db):
    gniew = make_municipality(
        "gniew",
        "PL",
        official_name="Gniew",
        languages=["pl"],
        description={"en": "A town.", "pl": "Miasto."},
    )
    kasia = make_user("kasia@example.org", name="Kasia")
    join(kasia, gniew, Membership.Role.COORDINATOR)
    join(make_user(name="Ola"), gniew)
    secretariat = make_user("sec@example.org", name="Sec", mfa=True)
    give_role(secretariat, RoleAssignment.Role.SECRETARIAT)
    give_role(make_user(name="Jury"), RoleAssignment.Role.JURY, edition=make_edition())


def _sign_in(page, base, email, code=None):
    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    if code:
        page.get_by_label("Code").fill(code)
        page.get_by_role("button", name="Sign In").click()


def _visit_all(page, base, paths, check_a11y):
    for path in paths:
        response = page.goto(base + path)
        assert response.status == 200, path
        check_a11y(page)


def test_public_pages(page, live_server, people, check_a11y):
    _visit_all(page, live_server.url, PAGES_FOR_EVERYONE, check_a11y)


def test_coordinator_pages(page, live_server, people, check_a11y):
    _sign_in(page, live_server.url, "kasia@example.org")
    _visit_all(page, live_server.url, PAGES_FOR_A_COORDINATOR, check_a11y)


def test_secretariat_pages_after_the_second_factor(page, live_server, people, check_a11y):
    _sign_in(page, live_server.url, "sec@example.org", code=totp_code())
    _visit_all(page, live_server.url, PAGES_FOR_THE_SECRETARIAT, check_a11y)
