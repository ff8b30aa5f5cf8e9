"""What the toolkit already knows, put where the plan needs it: the self-assessment's
strengths and gaps in "needs", the ecosystem map's stakeholders and the collaboration
agreement's partners in "team", the town's challenges in "context". Texts are drafts for the
team to rewrite; they are written in the plan's official language."""

from django.utils import translation
from django.utils.translation import gettext as _

from pearls.catalogue import vocabulary


def latest_results(municipality):
    """(round, results) of the municipality's latest self-assessment round with answers, or
    (None, None)."""
    from pearls.toolkit import selectors
    from pearls.toolkit.models import Assessment

    latest = (
        Assessment.objects.filter(municipality=municipality, responses__isnull=False)
        .distinct()
        .order_by("-opened_at")
        .first()
    )
    if latest is None:
        return None, None
    return latest, selectors.assessment_results(latest)


def weakest_dimensions(municipality, count=3):
    """Codes of the lowest-scoring dimensions of the latest round (for suggestions)."""
    _round, results = latest_results(municipality)
    if results is None:
        return []
    return [d.code for d in sorted(results.scored, key=lambda d: (d.score, d.code))[:count]]


def _needs(municipality):
    from pearls.toolkit import scoring

    found_round, results = latest_results(municipality)
    if results is None or not results.respondents:
        return ""
    lines = [
        _("From our self-assessment “%(round)s” (%(count)s respondents):")
        % {"round": found_round.title, "count": results.respondents},
        "",
    ]
    lines += [f"- {sentence}" for kind, sentence in scoring.findings(results)]
    return "\n".join(lines)


def _team(municipality):
    from pearls.ecosystem.models import Stakeholder

    lines = []
    stakeholders = list(Stakeholder.objects.filter(municipality=municipality))
    if stakeholders:
        lines += [_("Stakeholders from our ecosystem map:"), ""]
        lines += [
            f"- **{s.name}** ({s.get_sector_display()}, "
            f"{vocabulary.label('organisation_types', s.organisation_type)})"
            for s in stakeholders
        ]
    try:
        from pearls.worksheets.selectors import agreement_partners
    except ImportError:  # pragma: no cover - the worksheets app is part of the project
        partners = []
    else:
        partners = agreement_partners(municipality)
    if partners:
        lines += ["", _("Partners of our collaboration agreement:"), ""]
        lines += [
            f"- **{p['name']}**" + (f": {p['role']}" if p.get("role") else "") for p in partners
        ]
    return "\n".join(lines).strip()


def _context(municipality):
    if not municipality.challenges:
        return ""
    labels = [str(vocabulary.label("challenges", code)) for code in municipality.challenges]
    return "\n".join(
        [_("The challenges our town names in its profile:"), ""] + [f"- {x}" for x in labels]
    )


def prefill_sections(municipality, language="en"):
    """{section key: Markdown text} for the sections the toolkit can start."""
    with translation.override(language):
        found = {
            "context": _context(municipality),
            "needs": _needs(municipality),
            "team": _team(municipality),
        }
    return {key: text for key, text in found.items() if text}
