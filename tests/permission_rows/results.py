"""Permission rows of the competition's results pages (see tests/permission_rows/__init__.py).

The results of the 2027 edition are read by the secretariat (a secretary without two-factor
authentication is sent to set it up) and by the edition's jury chair, who is a juror of 2027;
the juror of 2026 and everyone else get 404. The world keeps the 2027 edition in its call
(tests/permission_rows/competition.py): the page shows that there are no scores yet; recording
the decision is refused outside the jury phase and publishing without a recorded decision,
both with the page again and the reason (400). Only the secretariat may try: the chair reads.
"""

from tests.permission_rows.outcomes import outcomes

YEAR = {"year": 2027}
WRITE = outcomes(404, anonymous="login", secretariat=400, secretariat_no_mfa="mfa")

ROWS = {
    "results": (
        "get",
        "competition:results",
        YEAR,
        None,
        outcomes(404, anonymous="login", jury=200, secretariat=200, secretariat_no_mfa="mfa"),
    ),
    "results:missing": (
        "get",
        "competition:results",
        {"year": 1999},
        None,
        outcomes(404, anonymous="login", secretariat_no_mfa="mfa"),
    ),
    "decision": (
        "post",
        "competition:decision",
        YEAR,
        "decision_form",
        WRITE,
    ),
    "decision-publish": ("post", "competition:decision-publish", YEAR, {}, WRITE),
}


def world_extend(base):
    edition = base["edition"]
    edition.jury_chair = base["people"]["jury"]
    edition.save(update_fields=["jury_chair"])
    return {
        "decision_form": {
            "awarded": "candidate",
            "rationale": "The jury followed the scores.",
            "revision": 0,
        }
    }
