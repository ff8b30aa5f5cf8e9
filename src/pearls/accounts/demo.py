"""Demo people, municipalities and editions for development (never for production).

Municipalities are the real towns of the programme (demo_data/municipalities.json, facts marked
uncertain where they are). Every demo account has the password ``DEMO_PASSWORD``; accounts whose
role needs two-factor authentication share the published TOTP secret ``DEMO_TOTP_SECRET``.
"""

import json
from pathlib import Path

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.db import transaction

from pearls.competition.models import Edition
from pearls.competition.services import criteria_defaults_create

from . import services
from .models import Membership, Municipality, RoleAssignment

DEMO_DIR = Path(__file__).resolve().parent / "demo_data"
DEMO_PASSWORD = "pearls-demo"  # noqa: S105 - development accounts, printed in the README
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - published on purpose
Role = RoleAssignment.Role

# Title year → phase. 2024–2026 are the programme's real editions (their rules, towns and Pearls
# come from competition.demo_history); 2027 is the demo edition whose call is open.
EDITIONS = {
    2024: Edition.Phase.CLOSED,
    2025: Edition.Phase.CLOSED,
    2026: Edition.Phase.TITLE_YEAR,
    2027: Edition.Phase.CALL,
}

# (e-mail, name, language, roles [(role, country, title year)], team (slug, role) or None)
ACCOUNTS = [
    ("secretariat@pearls.example", "Sekretariat Demo", "en", [(Role.SECRETARIAT, "", None)], None),
    ("mentor.pl@pearls.example", "Marta Mentor", "pl", [(Role.MENTOR, "PL", None)], None),
    ("mentor.lv@pearls.example", "Līga Mentore", "lv", [(Role.MENTOR, "LV", None)], None),
    ("committee@pearls.example", "Karl Committee", "de", [(Role.COMMITTEE, "", 2027)], None),
    ("jury@pearls.example", "Johanna Jury", "sv", [(Role.JURY, "", 2027)], None),
    ("reviewer@pearls.example", "Rasmus Reviewer", "da", [(Role.REVIEWER, "", None)], None),
    (
        "coordinator@pearls.example",
        "Katarzyna Koordynator",
        "pl",
        [],
        ("gniew", Membership.Role.COORDINATOR),
    ),
    ("member@pearls.example", "Michał Member", "pl", [], ("gniew", Membership.Role.MEMBER)),
    (
        "officer.lv@pearls.example",
        "Ilze Officer",
        "lv",
        [],
        ("smiltene", Membership.Role.COORDINATOR),
    ),
]


def municipality_records():
    return json.loads((DEMO_DIR / "municipalities.json").read_text(encoding="utf-8"))


def editions_create():
    created = 0
    for year, phase in EDITIONS.items():
        edition, made = Edition.objects.get_or_create(
            title_year=year,
            defaults={"name": f"Cultural Pearls {year}", "phase": phase},
        )
        criteria_defaults_create(edition)
        created += made
    return created


def _account(email, name, language):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, DEMO_PASSWORD, name=name, language=language)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def accounts_create():
    """Create the demo accounts (idempotent). Returns the list of e-mail addresses."""
    editions = {edition.title_year: edition for edition in Edition.objects.all()}
    for email, name, language, roles, team in ACCOUNTS:
        user = _account(email, name, language)
        for role, country, year in roles:
            services.role_grant(
                user=user, role=role, country=country, edition=editions.get(year), actor=None
            )
            if (
                role in RoleAssignment.MFA_REQUIRED
                and not Authenticator.objects.filter(
                    user=user, type=Authenticator.Type.TOTP
                ).exists()
            ):
                TOTP.activate(user, DEMO_TOTP_SECRET)
                RecoveryCodes.activate(user)
        if team:
            slug, team_role = team
            municipality = Municipality.objects.get(slug=slug)
            Membership.objects.update_or_create(
                user=user, municipality=municipality, defaults={"role": team_role}
            )
    return [email for email, *_rest in ACCOUNTS]


def demo_load(*, with_accounts=True):
    """Municipalities, the competition's history (2024–2026) and its 2027 call, and
    (optionally) demo accounts, in one transaction. Returns (municipality counts, editions
    created, demo e-mails)."""
    from pearls.competition.demo import edition_call_create
    from pearls.competition.demo_history import history_load

    with transaction.atomic():
        counts = services.municipalities_import(records=municipality_records())
        editions = history_load().editions
        editions += editions_create()

        edition_call_create()
        emails = accounts_create() if with_accounts else []
        if with_accounts:
            # the demo juror chairs the 2027 jury, so the results page has its second reader
            Edition.objects.filter(title_year=2027, jury_chair=None).update(
                jury_chair=get_user_model().objects.get(email="jury@pearls.example")
            )
            from pearls.toolkit.demo import assessments_create

            gniew = Municipality.objects.get(slug="gniew")
            team = [membership.user for membership in gniew.memberships.select_related("user")]
            assessments_create(gniew, team)
            from pearls.ecosystem.demo import ecosystem_create

            ecosystem_create(gniew)
            from pearls.worksheets.demo import worksheets_create

            worksheets_create(gniew)
            from pearls.plans.demo import plan_demo_create

            coordinators = [m.user for m in gniew.memberships.filter(role="coordinator")]
            plan_demo_create(
                gniew,
                coordinators + [u for u in team if u not in coordinators],
                mentor=get_user_model().objects.filter(email="mentor.pl@pearls.example").first(),
            )
    return counts, editions, emails
