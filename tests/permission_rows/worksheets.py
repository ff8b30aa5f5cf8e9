"""Permission rows of this app; see tests/permission_rows/__init__.py.

A municipality's worksheets: its team, its country's mentors and the secretariat read and print
them; its members (any role) and the secretariat fill them in.
"""

from tests.permission_rows.outcomes import TEAM_VIEW, TEAM_WRITE, outcomes

TOWN_A = {"slug": "town-a"}
ROWS = {
    "worksheets": ("get", "worksheets:worksheets", TOWN_A, None, TEAM_VIEW),
    "worksheets:other-town": (
        "get",
        "worksheets:worksheets",
        {"slug": "town-b"},
        None,
        outcomes(404, anonymous="login", member_other=200, mentor_other=200, secretariat=200),
    ),
    "worksheets:missing": (
        "get",
        "worksheets:worksheets",
        {"slug": "nowhere"},
        None,
        outcomes(404, anonymous="login"),
    ),
    "worksheet-canvas": (
        "get",
        "worksheets:canvas",
        {**TOWN_A, "key": "collaboration-agreement"},
        None,
        TEAM_VIEW,
    ),
    "worksheet-canvas:unknown": (
        "get",
        "worksheets:canvas",
        {**TOWN_A, "key": "no-such-canvas"},
        None,
        outcomes(404, anonymous="login"),
    ),
    "worksheet-canvas:save": (
        "post",
        "worksheets:canvas",
        {**TOWN_A, "key": "entry-point"},
        {"base_revision": "0", "challenge": "Young people leave after school."},
        TEAM_WRITE,
    ),
    "worksheet-canvas:conflict": (
        "post",
        "worksheets:canvas",
        {**TOWN_A, "key": "collaboration-agreement"},
        {"base_revision": "0", "partners": "Library — venue"},
        # saved once already: the editors see both versions, nothing is overwritten
        outcomes(404, anonymous="login", member=409, coordinator=409, secretariat=409),
    ),
    "worksheet-canvas-pdf": (
        "get",
        "worksheets:canvas-pdf",
        {**TOWN_A, "key": "collaboration-agreement"},
        None,
        TEAM_VIEW,
    ),
}


def world_extend(base):
    from pearls.worksheets.services import worksheet_save

    worksheet_save(
        municipality=base["town_a"],
        canvas="collaboration-agreement",
        answers={"partners": "Town library — venue\nSchool — pupils"},
        base_revision=0,
        actor=base["coordinator"],
    )
    return {}
