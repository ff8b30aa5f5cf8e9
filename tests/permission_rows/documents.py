"""Permission rows of the competition's documents and public results (see
tests/permission_rows/__init__.py).

The world adds two past editions of its own, so the other rows keep theirs: in 2023 the
decision is published, town-a holds a title and town-b was a finalist without one (the jury
scored both); in 2022 the decision is recorded but not published, with town-a's title. A
certificate or feedback letter is its town's team's once the decision is published, and the
secretariat's as soon as it is recorded; there is no certificate without a title. The scores
CSV of 2027 is the secretariat's (a secretary without two-factor authentication is sent to set
it up) and the jury chair's (the juror of 2027, see tests/permission_rows/results.py). The
Pearls pages are public; an edition's results only once published.
"""

from tests.permission_rows.outcomes import outcomes

TOWN_A = {"slug": "town-a", "year": 2023}
TOWN_B = {"slug": "town-b", "year": 2023}
RECORDED = {"slug": "town-a", "year": 2022}
TEAM_A = outcomes(404, anonymous="login", member=200, coordinator=200, secretariat=200)
TEAM_B = outcomes(404, anonymous="login", member_other=200, secretariat=200)
SECRETARIAT_ONLY = outcomes(404, anonymous="login", secretariat=200)
NOBODY = outcomes(404, anonymous="login")
PUBLIC = outcomes(200)

ROWS = {
    "certificate": ("get", "competition:certificate", TOWN_A, None, TEAM_A),
    "certificate:no-title": ("get", "competition:certificate", TOWN_B, None, NOBODY),
    "certificate:unpublished": ("get", "competition:certificate", RECORDED, None, SECRETARIAT_ONLY),
    "certificate:missing": (
        "get",
        "competition:certificate",
        {"slug": "town-a", "year": 1999},
        None,
        NOBODY,
    ),
    "feedback-letter": ("get", "competition:feedback-letter", TOWN_A, None, TEAM_A),
    "feedback-letter:no-title": ("get", "competition:feedback-letter", TOWN_B, None, TEAM_B),
    "feedback-letter:unpublished": (
        "get",
        "competition:feedback-letter",
        RECORDED,
        None,
        SECRETARIAT_ONLY,
    ),
    "scores-csv": (
        "get",
        "competition:scores-csv",
        {"year": 2027},
        None,
        outcomes(404, anonymous="login", jury=200, secretariat=200, secretariat_no_mfa="mfa"),
    ),
    "scores-csv:missing": (
        "get",
        "competition:scores-csv",
        {"year": 1999},
        None,
        outcomes(404, anonymous="login", secretariat_no_mfa="mfa"),
    ),
    "pearls": ("get", "competition:pearls", {}, None, PUBLIC),
    "pearls-year": ("get", "competition:pearls-year", {"year": 2023}, None, PUBLIC),
    "pearls-year:unpublished": (
        "get",
        "competition:pearls-year",
        {"year": 2022},
        None,
        outcomes(404),
    ),
}


def world_extend(base):
    from django.utils import timezone

    from pearls.competition.models import (
        Application,
        Award,
        Decision,
        Edition,
        Score,
        ScoreSheet,
    )
    from pearls.competition.services import criteria_defaults_create
    from tests.people import make_edition, make_user

    edition = base["edition"]
    # the chair of 2027's jury (set by the results rows too; the CSV rows need it either way)
    Edition.objects.filter(pk=edition.pk).update(jury_chair=base["people"]["jury"])
    edition.refresh_from_db()
    juror = make_user(name="Juror of the past")
    for year, published, scored in ((2023, True, ("town_a", "town_b")), (2022, False, ("town_a",))):
        past = make_edition(year, phase=Edition.Phase.CLOSED)
        criteria_defaults_create(past)
        criterion = past.criteria.filter(stage="final").first()
        decision = Decision.objects.create(
            edition=past,
            rationale="The jury followed the scores.",
            published_at=timezone.now() if published else None,
        )
        for key in scored:
            application = Application.objects.create(
                edition=past, municipality=base[key], status=Application.Status.SHORTLISTED
            )
            sheet = ScoreSheet.objects.create(
                application=application, user=juror, stage="final", submitted_at=timezone.now()
            )
            Score.objects.create(sheet=sheet, criterion=criterion, value=8, comment="Strong.")
            if key == "town_a":
                Award.objects.create(
                    decision=decision, application=application, citation="A town of song."
                )
    return {}
