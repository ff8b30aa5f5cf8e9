"""Permission rows of the competition's edition pages: the secretariat alone (a secretary
without two-factor authentication is sent to set it up)."""

from tests.permission_rows.outcomes import outcomes

SECRETARIAT = outcomes(404, anonymous="login", secretariat=200, secretariat_no_mfa="mfa")
SECRETARIAT_WRITE = outcomes(404, anonymous="login", secretariat="moved", secretariat_no_mfa="mfa")

ROWS = {
    "editions": ("get", "competition:editions", {}, None, SECRETARIAT),
    "edition-new": (
        "post",
        "competition:edition-new",
        {},
        {"title_year": 2031, "name": "Cultural Pearls 2031"},
        SECRETARIAT_WRITE,
    ),
    "edition": ("get", "competition:edition", {"year": 2027}, None, SECRETARIAT),
    "edition:missing": (
        "get",
        "competition:edition",
        {"year": 1999},
        None,
        outcomes(404, anonymous="login", secretariat_no_mfa="mfa"),
    ),
    "edition:settings": (
        "post",
        "competition:edition",
        {"year": 2027},
        {
            "part": "settings",
            "name": "Cultural Pearls 2027",
            "time_zone": "Europe/Warsaw",
            "titles": 3,
            "max_per_country": 1,
            "tie_threshold": "0.25",
            "seed_money_max": 5000,
        },
        SECRETARIAT_WRITE,
    ),
    "edition-phase": (
        "post",
        "competition:edition-phase",
        {"year": 2027},
        {"phase": "call"},
        # refused for want of a deadline: a message and back to the page
        SECRETARIAT_WRITE,
    ),
}


def world_extend(base):
    return {}
