"""The table's roles and its usual outcome patterns, shared with the per-app rows."""

ROLES = [
    "anonymous",
    "signed_in",
    "member",
    "member_other",
    "coordinator",
    "mentor",
    "mentor_other",
    "committee",
    "jury",
    "jury_other",
    "reviewer",
    "secretariat",
    "secretariat_no_mfa",
]


def outcomes(default, **exceptions):
    return {role: exceptions.get(role, default) for role in ROLES}


# town-a's team pages: its members, its country's mentors (PL), the secretariat
TEAM_VIEW = outcomes(
    404, anonymous="login", member=200, coordinator=200, mentor=200, secretariat=200
)
# a write by town-a's team that redirects on success
TEAM_WRITE = outcomes(
    404, anonymous="login", member="moved", coordinator="moved", secretariat="moved"
)
TEAM_MANAGE = outcomes(404, anonymous="login", coordinator="moved", secretariat="moved")
