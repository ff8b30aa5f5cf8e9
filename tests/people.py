"""People for tests: accounts with verified e-mail, roles, teams, and TOTP codes for them."""

import itertools

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, hotp_value, yield_hotp_counters_from_time
from django.contrib.auth import get_user_model

from pearls.accounts.models import Membership, Municipality, RoleAssignment
from pearls.competition.models import Edition

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105
PASSWORD = "a-test-password-1"  # noqa: S105
_numbers = itertools.count(1)


def make_user(email=None, *, name="Test Person", language="en", mfa=False, **fields):
    email = email or f"person{next(_numbers)}@example.org"
    user = get_user_model().objects.create_user(
        email, PASSWORD, name=name, language=language, **fields
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if mfa:
        TOTP.activate(user, TOTP_SECRET)
    return user


def totp_code(secret=TOTP_SECRET):
    counter = next(iter(yield_hotp_counters_from_time()))
    return f"{hotp_value(secret, counter):06d}"


def make_municipality(slug="gniew", country="PL", **fields):
    fields.setdefault("official_name", slug.capitalize())
    return Municipality.objects.create(slug=slug, country=country, **fields)


def make_edition(year=2027, **fields):
    fields.setdefault("name", f"Cultural Pearls {year}")
    return Edition.objects.create(title_year=year, **fields)


def give_role(user, role, *, country="", edition=None):
    return RoleAssignment.objects.create(user=user, role=role, country=country, edition=edition)


def join(user, municipality, role=Membership.Role.MEMBER):
    return Membership.objects.create(user=user, municipality=municipality, role=role)
