"""Reads of the competition: applications ready to render, their eligibility in words."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from .applications import eligibility_check
from .models import Application, ApplicationFile


@dataclass
class EligibilityView:
    """What a page says about an application's eligibility.

    ``state``: "eligible", "not_eligible" or "unknown" (the automatic check could not decide
    everything and nobody decided yet). ``live``: computed now (a draft) rather than the
    snapshot taken at submission. ``decided``: the secretariat's override (None: none)."""

    state: str
    eligible: bool
    reasons: list = field(default_factory=list)
    unknown: list = field(default_factory=list)
    live: bool = True
    checked_at: str = ""
    decided: bool | None = None
    decision_reason: str = ""


def application_eligibility(application):
    """The eligibility of ``application`` as its pages show it: the live check while it is a
    draft, the stored snapshot after submission, the secretariat's decision over both."""
    snapshot = application.eligibility or {}
    if snapshot.get("imported"):
        # History loaded from the programme's record (competition.demo_history): the programme
        # checked it then; today's municipality data must not judge it again.
        found = EligibilityView(
            state="",
            eligible=True,
            reasons=[
                _(
                    "Imported from the programme's public record; eligibility was checked by "
                    "the programme at the time."
                )
            ],
            live=False,
        )
    elif application.status != Application.Status.DRAFT and "eligible" in snapshot:
        found = EligibilityView(
            state="",
            eligible=snapshot["eligible"],
            reasons=snapshot.get("reasons", []),
            unknown=snapshot.get("unknown", []),
            live=False,
            checked_at=snapshot.get("checked_at", ""),
        )
    else:
        verdict = eligibility_check(application)
        found = EligibilityView(
            state="", eligible=verdict.eligible, reasons=verdict.reasons, unknown=verdict.unknown
        )
    found.decided = application.eligibility_override
    found.decision_reason = application.override_reason
    if found.decided is not None:
        found.state = "eligible" if found.decided else "not_eligible"
    elif not found.eligible:
        found.state = "not_eligible"
    else:
        found.state = "unknown" if found.unknown else "eligible"
    return found


def applications_of_edition(edition):
    """The applications of ``edition`` for the secretariat's list: municipality, partnership
    and file count joined, by municipality name."""
    return (
        Application.objects.filter(edition=edition)
        .select_related("municipality", "partnership", "edition")
        .prefetch_related("partnership__members")
        .annotate(file_count=Count("files"))
        .order_by("municipality__official_name")
    )


def application_files(application):
    """{question key: file} of ``application``."""
    files = ApplicationFile.objects.filter(application=application)
    return {attached.question: attached for attached in files}
