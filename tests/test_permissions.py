"""The permission table: every route of the project's own apps and of the sign-in flows × every
role → expected outcome.

Routes are read from the URL configuration, so a new route without a row here fails the test.
Roles are relative to the objects: a member of another municipality, a mentor of another
country, a juror of another edition. Forbidden objects answer 404 like missing ones.

Outcomes: a status code, "login" (redirect to sign-in), "mfa" (redirect to set up two-factor
authentication) or "moved" (any other redirect: the action was done, or the page sends
signed-in people on).
"""

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from pearls.accounts import services
from pearls.accounts.models import Membership, RoleAssignment
from pearls.catalogue.models import Practice
from pearls.toolkit import services as toolkit_services
from pearls.toolkit.statements import CODES
from tests import permission_rows
from tests.factories import make_practice
from tests.people import give_role, join, make_edition, make_municipality, make_user
from tests.permission_rows.outcomes import ROLES, outcomes

pytestmark = pytest.mark.django_db
Role = RoleAssignment.Role

SIGNED_IN = [role for role in ROLES if role != "anonymous"]


PUBLIC = outcomes(200)
PRIVATE = outcomes(200, anonymous="login")  # any signed-in person, about themselves
SECRETARIAT = outcomes(404, anonymous="login", secretariat=200, secretariat_no_mfa="mfa")
TEAM_VIEW = outcomes(
    404, anonymous="login", member=200, coordinator=200, mentor=200, secretariat=200
)
TEAM_MANAGE = outcomes(404, anonymous="login", coordinator="moved", secretariat="moved")
REVIEWERS = outcomes(404, anonymous="login", reviewer=200, secretariat=200)
# A proposal by a member of town-a: its municipality's team edits it.
AUTHORS = outcomes(404, anonymous="login", member=200, coordinator=200)
PROPOSAL_READERS = outcomes(404, member=200, coordinator=200, reviewer=200, secretariat=200)
SIGNED_OUT_ONLY = outcomes("moved", anonymous=200)  # sign-in pages send signed-in people on
SIGNED_OUT_MOVED = outcomes("moved", anonymous="login")
WITH_MFA = dict.fromkeys(["committee", "jury", "jury_other", "secretariat"], 200)

# key → (method, url name, kwargs (values may name fixture objects), post data, outcomes)
TABLE = {
    "home": ("get", "home", {}, None, PUBLIC),
    "practice-list": ("get", "catalogue:practice-list", {}, None, PUBLIC),
    "practice-map": ("get", "catalogue:practice-map", {}, None, PUBLIC),
    "practice-detail:published": (
        "get",
        "catalogue:practice-detail",
        {"slug": "published"},
        None,
        PUBLIC,
    ),
    "practice-detail:draft": (
        "get",
        "catalogue:practice-detail",
        {"slug": "draft"},
        None,
        outcomes(404, reviewer=200, secretariat=200),
    ),
    "practice-detail:missing": (
        "get",
        "catalogue:practice-detail",
        {"slug": "missing"},
        None,
        outcomes(404),
    ),
    "practice-detail:proposal": (
        "get",
        "catalogue:practice-detail",
        {"slug": "proposal"},
        None,
        PROPOSAL_READERS,
    ),
    "practice-propose": ("get", "catalogue:practice-propose", {}, None, PRIVATE),
    "my-practices": ("get", "catalogue:my-practices", {}, None, PRIVATE),
    "review-queue": ("get", "catalogue:review-queue", {}, None, REVIEWERS),
    "practice-edit": ("get", "catalogue:practice-edit", {"slug": "proposal"}, None, AUTHORS),
    "practice-edit:save": (
        "post",
        "catalogue:practice-edit",
        {"slug": "proposal"},
        "proposal_form",
        outcomes(404, anonymous="login", member="moved", coordinator="moved"),
    ),
    "practice-autosave": (
        "post",
        "catalogue:practice-autosave",
        {"slug": "proposal"},
        "proposal_form",
        AUTHORS,
    ),
    "practice-review": ("get", "catalogue:practice-review", {"slug": "submitted"}, None, REVIEWERS),
    "practice-review:return": (
        "post",
        "catalogue:practice-review",
        {"slug": "submitted"},
        {"version": "submitted_version", "note": "More detail, please.", "decision": "return"},
        outcomes(404, anonymous="login", reviewer="moved", secretariat="moved"),
    ),
    "api:practices": ("get", "api:practices", {}, None, PUBLIC),
    "api:practice:published": ("get", "api:practice", {"practice_id": "published"}, None, PUBLIC),
    "api:practice:draft": ("get", "api:practice", {"practice_id": "draft"}, None, outcomes(404)),
    "api:vocabulary_labels": ("get", "api:vocabulary_labels", {}, None, PUBLIC),
    "api:dataset_jsonl": ("get", "api:dataset_jsonl", {}, None, PUBLIC),
    "api:dataset_csv": ("get", "api:dataset_csv", {}, None, PUBLIC),
    "api:openapi-json": ("get", "api:openapi-json", {}, None, PUBLIC),
    "api:openapi-view": ("get", "api:openapi-view", {}, None, PUBLIC),
    # People, municipalities and teams
    "profile": ("get", "accounts:profile", {}, None, PRIVATE),
    "profile:save": (
        "post",
        "accounts:profile",
        {},
        {"name": "New Name", "language": "pl"},
        outcomes("moved", anonymous="login"),
    ),
    "personal-data": ("get", "accounts:personal-data", {}, None, PRIVATE),
    "account-delete": ("get", "accounts:account-delete", {}, None, PRIVATE),
    "notifications": ("get", "accounts:notifications", {}, None, PRIVATE),
    "privacy": ("get", "accounts:privacy", {}, None, PUBLIC),
    "municipality-list": ("get", "accounts:municipality-list", {}, None, PUBLIC),
    "municipality-detail": (
        "get",
        "accounts:municipality-detail",
        {"slug": "town-a"},
        None,
        PUBLIC,
    ),
    "municipality-detail:missing": (
        "get",
        "accounts:municipality-detail",
        {"slug": "nowhere"},
        None,
        outcomes(404),
    ),
    "municipality-edit": (
        "get",
        "accounts:municipality-edit",
        {"slug": "town-a"},
        None,
        outcomes(404, anonymous="login", coordinator=200, secretariat=200),
    ),
    "municipality-edit:save": (
        "post",
        "accounts:municipality-edit",
        {"slug": "town-a"},
        {"official_name": "Town A", "population": "5000"},
        TEAM_MANAGE,
    ),
    "partnership-create": (
        "get",
        "accounts:partnership-create",
        {"slug": "town-a"},
        None,
        outcomes(404, anonymous="login", coordinator=200, secretariat=200),
    ),
    "partnership-create:save": (
        "post",
        "accounts:partnership-create",
        {"slug": "town-a"},
        {"name": "Vistula towns", "partners": "town_b"},
        TEAM_MANAGE,
    ),
    "team": ("get", "accounts:team", {"slug": "town-a"}, None, TEAM_VIEW),
    "team:missing": (
        "get",
        "accounts:team",
        {"slug": "nowhere"},
        None,
        outcomes(404, anonymous="login"),
    ),
    "team-invite": (
        "post",
        "accounts:team-invite",
        {"slug": "town-a"},
        {"email": "new@example.org", "role": "member"},
        TEAM_MANAGE,
    ),
    "team-remove": (
        "post",
        "accounts:team-remove",
        {"slug": "town-a", "pk": "member_membership"},
        {},
        # Members may leave themselves; coordinators and the secretariat remove others.
        outcomes(404, anonymous="login", member="moved", coordinator="moved", secretariat="moved"),
    ),
    "team-handover": (
        "post",
        "accounts:team-handover",
        {"slug": "town-a"},
        {"member": "member_membership"},
        TEAM_MANAGE,
    ),
    "invitation-revoke": (
        "post",
        "accounts:invitation-revoke",
        {"slug": "town-a", "pk": "invitation"},
        {},
        TEAM_MANAGE,
    ),
    "invitation": ("get", "accounts:invitation", {"token": "invitation_token"}, None, PUBLIC),
    "invitation:missing": (
        "get",
        "accounts:invitation",
        {"token": "not-a-token"},
        None,
        outcomes(404),
    ),
    "dashboard": ("get", "accounts:dashboard", {}, None, SECRETARIAT),
    "audit-log": ("get", "accounts:audit-log", {}, None, SECRETARIAT),
    "roles": ("get", "accounts:roles", {}, None, SECRETARIAT),
    "roles:grant": (
        "post",
        "accounts:roles",
        {},
        {"email": "member_email", "role": "reviewer"},
        outcomes(404, anonymous="login", secretariat="moved", secretariat_no_mfa="mfa"),
    ),
    # Sign-in flows (django-allauth)
    "account_login": ("get", "account_login", {}, None, SIGNED_OUT_ONLY),
    "account_logout": ("get", "account_logout", {}, None, outcomes(200, anonymous="moved")),
    "account_inactive": ("get", "account_inactive", {}, None, PUBLIC),
    "account_signup": ("get", "account_signup", {}, None, SIGNED_OUT_ONLY),
    "account_reauthenticate": ("get", "account_reauthenticate", {}, None, PRIVATE),
    "account_email": ("get", "account_email", {}, None, PRIVATE),
    "account_email_verification_sent": ("get", "account_email_verification_sent", {}, None, PUBLIC),
    "account_change_password": ("get", "account_change_password", {}, None, PRIVATE),
    "account_set_password": (
        "get",
        "account_set_password",
        {},
        None,
        outcomes("moved", anonymous="login"),
    ),
    "account_reset_password": ("get", "account_reset_password", {}, None, PUBLIC),
    "account_reset_password_done": ("get", "account_reset_password_done", {}, None, PUBLIC),
    "account_reset_password_from_key": (
        "get",
        "account_reset_password_from_key",
        {"uidb36": "zz", "key": "bad-key"},
        None,
        PUBLIC,
    ),
    "account_reset_password_from_key_done": (
        "get",
        "account_reset_password_from_key_done",
        {},
        None,
        PUBLIC,
    ),
    # Sign-in by code is off: the page sends everyone on.
    "account_confirm_login_code": (
        "get",
        "account_confirm_login_code",
        {},
        None,
        outcomes("moved", anonymous="login"),
    ),
    "account_confirm_email": ("get", "account_confirm_email", {"key": "not-a-key"}, None, PUBLIC),
    # Two-factor pages (allauth.mfa). Changing a factor first asks to re-authenticate
    # ("moved"); pages about a factor the person does not have answer 404.
    "mfa_index": ("get", "mfa_index", {}, None, PRIVATE),
    "mfa_authenticate": ("get", "mfa_authenticate", {}, None, SIGNED_OUT_MOVED),
    "mfa_reauthenticate": (
        "get",
        "mfa_reauthenticate",
        {},
        None,
        outcomes("moved", anonymous="login", **WITH_MFA),
    ),
    "mfa_activate_totp": ("get", "mfa_activate_totp", {}, None, SIGNED_OUT_MOVED),
    "mfa_deactivate_totp": (
        "get",
        "mfa_deactivate_totp",
        {},
        None,
        outcomes(404, anonymous="login", **dict.fromkeys(WITH_MFA, "moved")),
    ),
    "mfa_view_recovery_codes": (
        "get",
        "mfa_view_recovery_codes",
        {},
        None,
        outcomes(404, anonymous="login"),
    ),
    "mfa_generate_recovery_codes": (
        "get",
        "mfa_generate_recovery_codes",
        {},
        None,
        SIGNED_OUT_MOVED,
    ),
    "mfa_download_recovery_codes": (
        "get",
        "mfa_download_recovery_codes",
        {},
        None,
        outcomes(404, anonymous="login"),
    ),
    # Toolkit: self-assessment
    "toolkit": ("get", "toolkit:toolkit", {"slug": "town-a"}, None, TEAM_VIEW),
    "toolkit:other-town": (
        "get",
        "toolkit:toolkit",
        {"slug": "town-b"},
        None,
        outcomes(404, anonymous="login", member_other=200, mentor_other=200, secretariat=200),
    ),
    "assessment-open": (
        "post",
        "toolkit:assessment-open",
        {"slug": "town-a"},
        {"title": "Follow-up"},
        # a round is open already: refused with a message, for those who may run rounds
        outcomes(404, anonymous="login", coordinator=400, secretariat=400),
    ),
    "assessment": (
        "get",
        "toolkit:assessment",
        {"slug": "town-a", "pk": "assessment"},
        None,
        TEAM_VIEW,
    ),
    "assessment:wrong-town": (
        "get",
        "toolkit:assessment",
        {"slug": "town-b", "pk": "assessment"},
        None,
        outcomes(404, anonymous="login"),
    ),
    "assessment-answer": (
        "get",
        "toolkit:assessment-answer",
        {"slug": "town-a", "pk": "assessment"},
        None,
        AUTHORS,
    ),
    "assessment-answer:save": (
        "post",
        "toolkit:assessment-answer",
        {"slug": "town-a", "pk": "assessment"},
        "answers",
        outcomes(404, anonymous="login", member="moved", coordinator="moved"),
    ),
    "assessment-close": (
        "post",
        "toolkit:assessment-close",
        {"slug": "town-a", "pk": "assessment"},
        {},
        TEAM_MANAGE,
    ),
    "assessment-reopen": (
        "post",
        "toolkit:assessment-reopen",
        {"slug": "town-a", "pk": "closed_assessment"},
        {},
        TEAM_MANAGE,
    ),
    "assessment-link": (
        "post",
        "toolkit:assessment-link",
        {"slug": "town-a", "pk": "assessment"},
        {},
        TEAM_MANAGE,
    ),
    "survey": ("get", "toolkit:survey", {"key": "survey_key"}, None, PUBLIC),
    "survey:save": (
        "post",
        "toolkit:survey",
        {"key": "survey_key"},
        "survey_answers",
        outcomes("moved"),
    ),
    "survey:closed": ("get", "toolkit:survey", {"key": "closed_key"}, None, outcomes(404)),
    "survey-thanks": ("get", "toolkit:survey-thanks", {"key": "survey_key"}, None, PUBLIC),
}


for _module in permission_rows.MODULES:
    TABLE.update(_module.ROWS)


def route_names():
    """Names of every route whose view is the project's own, its API's or its sign-in's."""
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                module = getattr(pattern.callback, "__module__", "")
                if module.startswith(("pearls.", "ninja.", "allauth.")) and pattern.name:
                    names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_route_has_a_rule():
    assert route_names() - {name for _m, name, *_rest in TABLE.values()} == set()


@pytest.fixture
def world():
    """Two municipalities in two countries, two editions, and one person per role."""
    make_practice(id="published")
    draft = make_practice(id="draft")
    Practice.objects.filter(pk=draft.pk).update(status=Practice.Status.DRAFT)
    town_a = make_municipality("town-a", "PL")
    town_b = make_municipality("town-b", "LV")
    edition, other_edition = make_edition(2027), make_edition(2026)
    people = {
        role: make_user(name=role, mfa=role in {"committee", "jury", "jury_other", "secretariat"})
        for role in SIGNED_IN
    }
    coordinator = join(people["coordinator"], town_a, Membership.Role.COORDINATOR)
    member = join(people["member"], town_a)
    join(people["member_other"], town_b, Membership.Role.COORDINATOR)
    give_role(people["mentor"], Role.MENTOR, country="PL")
    give_role(people["mentor_other"], Role.MENTOR, country="LV")
    give_role(people["committee"], Role.COMMITTEE, edition=edition)
    give_role(people["jury"], Role.JURY, edition=edition)
    give_role(people["jury_other"], Role.JURY, edition=other_edition)
    give_role(people["reviewer"], Role.REVIEWER)
    give_role(people["secretariat"], Role.SECRETARIAT)
    give_role(people["secretariat_no_mfa"], Role.SECRETARIAT)
    from pearls.catalogue import services as catalogue_services
    from pearls.catalogue.forms import PracticeProposalForm

    proposal = catalogue_services.practice_start(
        actor=people["member"], original_language="pl", title="Proposal", municipality=town_a
    )
    Practice.objects.filter(pk=proposal.pk).update(slug="proposal")
    proposal.refresh_from_db()
    form = PracticeProposalForm(practice=proposal)
    proposal_form = {
        name: value
        for name, value in form.initial.items()
        if value not in (None, [], "") and not isinstance(value, list)
    }
    submitted = catalogue_services.practice_start(
        actor=people["member"], original_language="en", title="Submitted", municipality=town_a
    )
    Practice.objects.filter(pk=submitted.pk).update(
        slug="submitted", status=Practice.Status.SUBMITTED
    )
    invitation, token = services.invitation_create(
        municipality=town_a,
        email="invited@example.org",
        role="member",
        actor=coordinator.user,
    )
    closed_assessment = toolkit_services.assessment_open(
        municipality=town_a, title="Baseline", actor=coordinator.user
    )
    toolkit_services.assessment_close(assessment=closed_assessment, actor=coordinator.user)
    assessment = toolkit_services.assessment_open(
        municipality=town_a, title="Follow-up", actor=coordinator.user
    )
    answers = {code: "4" for code in CODES}
    base = {
        "town_a": town_a,
        "town_b": town_b,
        "people": people,
        "edition": edition,
        "coordinator": coordinator.user,
        "member": member.user,
    }
    extended = {}
    for module in permission_rows.MODULES:
        extended.update(module.world_extend(base))
    return {
        **extended,
        "assessment": assessment.pk,
        "closed_assessment": closed_assessment.pk,
        "survey_key": assessment.survey_key,
        "closed_key": closed_assessment.survey_key,
        "answers": answers,
        "survey_answers": {**answers, "submission_key": "6f1c1d7e-8e55-4d4e-9a57-2b0c5f2a9d10"},
        "people": people,
        "member_membership": member.pk,
        "invitation": invitation.pk,
        "invitation_token": token,
        "proposal_form": proposal_form,
        "town_b": town_b.pk,
        "member_email": people["member"].email,
        "submitted_version": submitted.version,
    }


def _resolve(value, world):
    return world.get(value, value) if isinstance(value, str) else value


def _outcome(response):
    if response.status_code != 302:
        return response.status_code
    location = response["Location"]
    if "/accounts/login/" in location:
        return "login"
    if "/accounts/2fa/totp/activate/" in location:
        return "mfa"
    return "moved"


@pytest.mark.parametrize("key", list(TABLE))
def test_permission_table(client, world, key):
    method, name, kwargs, data, expected = TABLE[key]
    path = reverse(name, kwargs={k: _resolve(v, world) for k, v in kwargs.items()})
    data = world[data] if isinstance(data, str) else data
    data = {k: _resolve(v, world) for k, v in (data or {}).items()}
    seen = {}
    for role in ROLES:
        # Each role acts on the same starting state: undo what the previous role changed.
        client.logout()
        if role != "anonymous":
            client.force_login(world["people"][role])
        savepoint = transaction.savepoint()
        response = client.post(path, data) if method == "post" else client.get(path)
        transaction.savepoint_rollback(savepoint)
        seen[role] = _outcome(response)
    wrong = {role: (seen[role], expected[role]) for role in ROLES if seen[role] != expected[role]}
    assert not wrong, f"{key} {path}: role → (seen, expected) {wrong}"
